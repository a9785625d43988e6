#!/usr/bin/env bash
# Renders the demo reports, review years 2021–2026 (the 13 units and the district up to 2024,
# the six successor communes and the province, tỉnh Lâm Đồng, from 2025: 70 reports), HTML,
# PDF and Word, from the synthetic demo data in data/raw/, into outputs/ (open
# outputs/index.html).
# Extra arguments go to `reportkit batch` (e.g. --year 2023, --force, --workers 4).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system.sh
source scripts/env.sh
reportkit prepare
reportkit batch --years 2021-2026 "$@"
