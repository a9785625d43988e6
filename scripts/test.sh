#!/usr/bin/env bash
# Runs the whole test suite (and ruff) in the project's own environment.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system.sh
source scripts/env.sh
ruff check src tests benchmarks scripts notebooks
python -m pytest "$@"
