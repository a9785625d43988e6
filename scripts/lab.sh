#!/usr/bin/env bash
# Opens JupyterLab from the project's environment with jupytext active: notebooks/*.py
# open (double-click) as notebooks and run on this environment's Python kernel.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system.sh
source scripts/env.sh
settings=".venv/share/jupyter/lab/settings"
mkdir -p "$settings"
cat > "$settings/overrides.json" <<'JSON'
{
  "@jupyterlab/docmanager-extension:plugin": {
    "defaultViewers": { "python": "Jupytext Notebook" }
  }
}
JSON
exec jupyter lab --notebook-dir=notebooks "$@"
