"""Input found by a hostile tryout (issue 15): each defect is one validation row (file, row,
column, value, severity, message), never a traceback, never a silent change of a figure."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from rawfiles import hh_row, raw_folder

from reportkit.prepare import prepare

FIELDS = ["file", "row", "column", "value", "severity", "message"]


def _validation(raw: Path) -> pd.DataFrame:
    """The validation rows, without the no_households errors of the twelve units these
    one-unit folders leave out (test_bad_input.py specifies those)."""
    v = prepare(raw, strict=False).validation
    return v.loc[v["check"] != "no_households"]


def _rows(raw: Path, check: str, fields: list[str] = FIELDS) -> list[list[object]]:
    v = _validation(raw)
    return v.loc[v["check"] == check, fields].values.tolist()


# --- 6. zero-width characters inside names and numbers -----------------------------------


def test_zero_width_characters_are_stripped_before_parsing(tmp_path: Path) -> None:
    rows = [
        hh_row("H1", "Hàm\u200bThạnh", income="1\u200b500\u200b000"),
        hh_row("\ufeffH2", "Hàm Thạnh\u2060", income="1\u200c200\u200d000", members="4\u200b"),
    ]
    raw = raw_folder(tmp_path, rows)
    hh = prepare(raw).households
    assert _validation(raw)["check"].tolist() == []
    assert hh["household_id"].tolist() == ["H1", "H2"]
    assert hh["commune"].tolist() == ["Hàm Thạnh", "Hàm Thạnh"]
    assert hh["income_per_capita"].tolist() == [1_500_000.0, 1_200_000.0]
    assert hh["members"].tolist() == [4, 4]


# --- 7. a unit name typed in TCVN3 is shown decoded ---------------------------------------


def test_tcvn3_unit_name_is_shown_decoded_in_value_and_message(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, [hh_row("H1"), hh_row("H2", "Hµm Phó")])
    assert _rows(raw, "bad_unit") == [
        [
            "households.csv",
            3,
            "commune",
            "Hàm Phú",
            "error",
            "commune: not a unit of Hàm Thuận Nam district or its successor communes (it is a "
            "commune of Hàm Thuận Bắc district); nearest unit: Hàm Cần; row left out of the "
            "figures",
        ]
    ]
