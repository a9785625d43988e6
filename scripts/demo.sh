#!/usr/bin/env bash
# Renders the demo reports: every unit and the district, review years 2021–2024, HTML and
# PDF, from the synthetic demo data in data/raw/, into outputs/ (open outputs/index.html).
# Extra arguments go to `reportkit batch` (e.g. --year 2023, --force, --workers 4).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system.sh
source scripts/env.sh
reportkit prepare
reportkit batch --years 2021-2026 "$@"
