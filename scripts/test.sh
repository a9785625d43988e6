#!/usr/bin/env bash
# Runs the whole test suite (and ruff) in the project's own environment, the tests in
# parallel on every core (pytest-xdist; the modules that share costly fixtures each run
# whole on one worker: tests/conftest.py). Extra arguments go to pytest (`-n 0`: in one
# process; `--cov=src/reportkit --cov-report=term:skip-covered`: coverage).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system.sh
source scripts/env.sh
ruff check src tests benchmarks scripts notebooks
python -m pytest -n auto --dist loadgroup "$@"
