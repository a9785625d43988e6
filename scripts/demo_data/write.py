"""Writing the demo data: byte-stable CSV files and the 2021 workbook, every file of
``data/raw/`` from the generated tables."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from reportkit.core.excel import save_reproducibly

from .build import DemoData
from .messiness import household_vi_record, households_vi_headers
from .registry import REFORM_YEARS, YEARS, UnitInfo, load_domain
from .tables import make_units_table


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """UTF-8 CSV with LF line endings, no index."""
    df.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


FIXED_TIME = dt.datetime(2021, 12, 31, 0, 0, 0)


def write_households_vi_csv(df: pd.DataFrame, path: Path, ind_cols: list[str]) -> None:
    """A successor commune's list as exported from its spreadsheet: Vietnamese headers,
    ticks "x", Vietnamese status words, the commune as typed (some former names)."""
    records = [
        household_vi_record(d, ind_cols, d["commune"])
        for d in (r._asdict() for r in df.itertuples(index=False))
    ]
    write_csv(pd.DataFrame(records, columns=households_vi_headers()), path)


def write_households_xlsx(
    df: pd.DataFrame,
    path: Path,
    units: list[UnitInfo],
    ind_cols: list[str],
) -> None:
    """The 2021 list as an older office would keep it: title rows, Vietnamese headers,
    prefixed commune names, ticks as "x", Vietnamese status words. Deterministic bytes."""
    prefixed = {u.name: u.prefixed for u in units}
    headers = households_vi_headers()
    wb = Workbook()
    ws = wb.active
    ws.title = "DS ho ra soat 2021"
    ws.append(["DANH SÁCH HỘ RÀ SOÁT NĂM 2021 — DỮ LIỆU MINH HỌA (TỔNG HỢP)"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(headers)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")

    for r in df.itertuples(index=False):
        d = r._asdict()
        ws.append(household_vi_record(d, ind_cols, prefixed[d["commune"]]))
    for col, width in zip("ABCDEFG", (7, 15, 18, 11, 24, 9, 14), strict=True):
        ws.column_dimensions[col].width = width
    note = wb.create_sheet("Ghi chu")
    for line in (
        "Dữ liệu minh họa (synthetic demo data) — không phải số liệu thống kê thật.",
        "Sinh bởi scripts/make_demo_data.py; xem data/raw/README.md.",
    ):
        note.append([line])
    props = wb.properties
    props.creator = "reportkit scripts/make_demo_data.py (synthetic demo data)"
    props.title = "Danh sách hộ rà soát năm 2021 — dữ liệu minh họa"
    props.description = "Synthetic demo data, not real statistics."
    props.lastModifiedBy = "reportkit"
    # openpyxl stamps the save time into the file: save with a fixed time instead.
    path.write_bytes(save_reproducibly(wb, FIXED_TIME))
    if not openpyxl_uses_lxml():
        warnings.warn(
            f"{path.name}: openpyxl is not writing with lxml (not installed, or"
            " OPENPYXL_LXML=False), so the workbook has the same cells in other bytes than the"
            " committed one",
            stacklevel=2,
        )


def openpyxl_uses_lxml() -> bool:
    """Whether openpyxl serialises its XML with lxml — as when the committed workbook was
    written. Without lxml (or with OPENPYXL_LXML=False) it uses the standard library, which
    writes the same content in other bytes (``<a />`` for ``<a/>``, UTF-8 for ``&#7897;``)."""
    from openpyxl.xml import LXML

    return bool(LXML)


def write_all(data: DemoData, out: Path) -> list[Path]:
    """Write every file of the demo data into ``out`` (created if missing); return them."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def csv(df: pd.DataFrame, name: str) -> None:
        write_csv(df, out / name)
        written.append(out / name)

    cols = [*data.hh_cols, "source"]
    public = data.hh[cols]
    write_households_xlsx(
        public[public["year"] == YEARS[0]], out / "households_2021.xlsx", data.units, data.ind_cols
    )
    written.append(out / "households_2021.xlsx")
    for year in YEARS[1:]:
        csv(public[public["year"] == year], f"households_{year}.csv")
    for year in YEARS:
        csv(data.ohh[data.ohh["year"] == year][cols], f"households_{year}_ngoai-huyen.csv")
    first, second = REFORM_YEARS
    write_households_vi_csv(
        data.rhh[data.rhh["year"] == first], out / "households_2025.csv", data.ind_cols
    )
    written.append(out / "households_2025.csv")
    csv(data.rhh[data.rhh["year"] == second][cols], "households_2026.csv")
    for name, df in data.tables.items():
        csv(df, f"{name}.csv")
    csv(data.settings, "settings.csv")
    csv(data.settings_new, "settings_2025-2026.csv")
    csv(make_units_table(load_domain()), "units.csv")
    return written
