"""Writing the fictional province's raw folder: byte-stable CSV files (the demo's way) and
a README.md saying what the data is."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scripts.demo_data.messiness import household_vi_record, households_vi_headers
from scripts.demo_data.write import write_csv

from .build import ProvinceData
from .units import FIRST_CODE, SOURCE, province_name

TABLE_FILES = (
    "units",
    "settings",
    "population",
    "targets",
    "budget",
    "trainings",
    "monitoring",
    "commentary",
)


def file_names(years: tuple[int, ...]) -> list[str]:
    """The files a raw folder of ``years`` holds."""
    return [
        "README.md",
        *(f"households_{year}.csv" for year in years),
        *(f"{name}.csv" for name in TABLE_FILES),
    ]


def households_vi(df: pd.DataFrame, ind_cols: list[str]) -> pd.DataFrame:
    """The first year's list as a commune's spreadsheet exports it (like the demo's
    2025 file): Vietnamese headers, ticks "x", Vietnamese status words."""
    records = [
        household_vi_record(d, ind_cols, d["commune"])
        for d in (r._asdict() for r in df.itertuples(index=False))
    ]
    return pd.DataFrame(records, columns=households_vi_headers()).assign(source=SOURCE)


def write_all(data: ProvinceData, out: Path) -> list[Path]:
    """Write every file of the province into ``out`` (created if missing); return them."""
    out.mkdir(parents=True, exist_ok=True)
    cols = [*data.hh_cols, "source"]
    for j, year in enumerate(data.years):
        rows = data.hh[data.hh["year"] == year][cols]
        write_csv(
            households_vi(rows, data.ind_cols) if j == 0 else rows, out / f"households_{year}.csv"
        )
    for name in TABLE_FILES:
        write_csv(data.tables[name], out / f"{name}.csv")
    (out / "README.md").write_text(readme(data), encoding="utf-8")
    return [out / name for name in file_names(data.years)]


def readme(data: ProvinceData) -> str:
    """The folder's README.md: synthetic, how it was made, what it holds."""
    n = len(data.communes)
    n_urban = sum(c.kind == "phường" for c in data.communes)
    years = ",".join(str(y) for y in data.years)
    counts = "\n".join(
        f"| households_{y}.csv | {int((data.hh['year'] == y).sum()):,} |" for y in data.years
    )
    counts += "\n" + "\n".join(
        f"| {name}.csv | {len(data.tables[name]):,} |" for name in TABLE_FILES
    )
    return f"""\
# {province_name(data.province)} — Dữ liệu minh họa / Synthetic data

**Đây là dữ liệu minh họa, không phải số liệu thống kê thật.**
**This is synthetic data, not real statistics.** {province_name(data.province)} does not exist:
its {n} communes ({n_urban} phường, {n - n_urban} xã) have names built from syllables that
name no province, district or commune of Vietnam, and codes from {FIRST_CODE} on that the
national registry lacks. No household, name, income or indicator describes a real person
or household. Every table carries an extra column `source` = `{SOURCE}` (extra columns are
allowed by the data contract and never printed in a report).

Written by `python -m scripts.province_data OUT --communes {n} --years {years} --seed {data.seed}`
(the package `scripts/province_data/`, built on the demo generator `scripts/demo_data/`).
The same arguments give the same bytes.

- `units.csv` declares the communes (the units table of the data contract: kind,
  parent `{province_name(data.province)}`, valid from {data.years[0]}, urban 1 for a phường);
  `settings.csv` names the area (`area`) on every row, one row per commune and year and
  one for the province (commune empty) per year.
- Each commune has 3,000–5,000 resident households (`population.csv`); 15–20 % of them are
  on the review list (`households_<year>.csv`; the first year's file has the Vietnamese
  headers, ticks and status words of a commune's spreadsheet, as the demo's 2025 file).
  Household ids are stable across the years and unique within a year.
- Statuses follow the demo's rules for these years: 2025 the Decree 07/2021 lines (rural
  1,500,000, urban 2,000,000 đồng per person and month), 2026 the Decree 351/2025 lines
  (2,200,000 / 2,800,000; above the line "average" up to a notional 1.5 × the line). About
  3 % of recorded statuses and 0.5 % of scores B differ from the rule on purpose.
- Budget and trainings: 2025 only (the 2021–2025 programme's last year). Monitoring,
  targets, one commune's illustrative commentary.

| file | rows |
| --- | ---: |
{counts}
"""
