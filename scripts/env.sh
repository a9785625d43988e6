#!/usr/bin/env bash
# Creates (or refreshes) the project's virtual environment in .venv from the pinned lock.
# Sourced by scripts/demo.sh and scripts/test.sh; safe to run again: it reinstalls only when
# pyproject.toml or requirements.lock changed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"

pick_python() {
  for py in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [[ -n "$py" ]] || continue
    if command -v "$py" >/dev/null 2>&1 &&
       "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
      echo "$py"; return 0
    fi
  done
  echo "reportkit needs Python 3.11 or newer (apt-get install python3)" >&2
  return 1
}

if [[ ! -x "$venv/bin/python" ]]; then
  py="$(pick_python)"
  if ! "$py" -m venv "$venv" >/dev/null 2>&1; then
    rm -rf "$venv"
    # Debian/Ubuntu ship venv separately; install it when we may, otherwise say what to do.
    ver="$("$py" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
      apt-get update -qq && apt-get install -y -qq "python${ver}-venv" >/dev/null
    elif command -v sudo >/dev/null && command -v apt-get >/dev/null; then
      sudo apt-get update -qq && sudo apt-get install -y -qq "python${ver}-venv" >/dev/null
    else
      echo "python venv module missing: apt-get install python${ver}-venv" >&2; exit 1
    fi
    "$py" -m venv "$venv"
  fi
fi

stamp="$venv/.reportkit-installed"
want="$(cat "$root/pyproject.toml" "$root/requirements.lock" | sha256sum | cut -d' ' -f1)"
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
  echo "setting up .venv (pinned packages from requirements.lock) ..." >&2
  "$venv/bin/python" -m pip install -q --upgrade pip >/dev/null
  "$venv/bin/python" -m pip install -q -c "$root/requirements.lock" -e "$root[test,distributed]"
  # A named kernel so papermill and JupyterLab run notebooks in this environment.
  "$venv/bin/python" -m ipykernel install --prefix "$venv" --name reportkit \
    --display-name "Python (reportkit)" >/dev/null
  echo "$want" > "$stamp"
fi
export PATH="$venv/bin:$PATH"
export MPLBACKEND=Agg
