"""Excel workbooks for officials who copy figures into their own sheets.

Deterministic: fixed document properties, so the same tables give the same bytes.
Safe to open: text that a spreadsheet would run as a formula (it starts with = + - @, a
tab or a carriage return — a unit name typed as ``=HYPERLINK(...)``, a DDE payload) is
neutralised with a leading apostrophe, as OWASP recommends against CSV/formula injection;
:func:`neutralise` does the same for every CSV reportkit writes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import TYPE_CHECKING

import pandas as pd

from reportkit.core.zipfiles import ZIP_TIME, restamp

if TYPE_CHECKING:
    from openpyxl import Workbook

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP)."""

FIXED_TIME = dt.datetime(*ZIP_TIME)


def frames_to_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """One sheet per table (names cut to Excel's 31 characters), header row frozen."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for title, frame in sheets.items():
        name = _sheet_name(title, used)
        ws = wb.create_sheet(name)
        ws.append([neutralise(str(c)) for c in frame.columns])
        for row in frame.itertuples(index=False):
            ws.append([_cell(v) for v in row])
        ws.freeze_panes = "A2"
        for i, col in enumerate(frame.columns, start=1):
            width = max([len(str(col))] + [len(str(v)) for v in frame[col].head(200)])
            ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), 60)
    wb.properties.creator = "reportkit"
    return save_reproducibly(wb, FIXED_TIME)


def save_reproducibly(wb: Workbook, when: dt.datetime) -> bytes:
    """The workbook's bytes with every timestamp set to ``when``: openpyxl stamps the save
    time into docProps/core.xml and into each zip entry, which would make every save differ.
    """
    wb.properties.created = when
    wb.properties.modified = when
    buf = io.BytesIO()
    wb.save(buf)
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()

    def core_times(name: str, data: bytes) -> bytes:
        if name != "docProps/core.xml":
            return data
        return re.sub(
            rb"(<dcterms:(?:modified|created)[^>]*>)[^<]*(</dcterms:)",
            rb"\g<1>" + stamp + rb"\g<2>",
            data,
        )

    return restamp(buf.getvalue(), when, core_times)


def _sheet_name(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "sheet"
    name, i = base, 2
    while name in used:
        suffix = f" ({i})"
        name, i = base[: 31 - len(suffix)] + suffix, i + 1
    used.add(name)
    return name


def neutralise(v: object) -> object:
    """Text that would start a formula gets a leading apostrophe; other values as they are."""
    if isinstance(v, str) and v.startswith(FORMULA_START):
        return "'" + v
    return v


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell passed through :func:`neutralise`."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or isinstance(out[col].dtype, pd.StringDtype):
            out[col] = out[col].map(neutralise, na_action="ignore")
    return out


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as RFC 4180 CSV (UTF-8, CRLF line ends, so a line break inside a cell is
    always quoted and never splits a row), text cells neutralised."""
    text = neutralise_frame(frame).to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8")


def _cell(v: object) -> object:
    if v is None or v is pd.NA:
        return None
    if isinstance(v, float) and v != v:
        return None
    if hasattr(v, "item"):
        return v.item()  # type: ignore[union-attr]
    return neutralise(v)
