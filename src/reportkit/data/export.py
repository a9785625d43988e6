"""Figure tables as files for people: JSON, CSV and Excel bytes.

Whole-number columns stay whole numbers (3645, never 3645.0), missing values are empty
(null in JSON), and text that a spreadsheet would take for a formula is neutralised.
"""

from __future__ import annotations

import json
import math

import pandas as pd


def render_table(frame: pd.DataFrame, fmt: str, sheet: str = "figures") -> bytes:
    """A figures table as JSON (a list of objects, null for missing), CSV or XLSX bytes."""
    if fmt == "json":
        records = [
            {k: _json_value(v) for k, v in row.items()} for row in frame.to_dict(orient="records")
        ]
        return (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "csv":
        from reportkit.core.excel import csv_bytes

        return csv_bytes(frame)
    from reportkit.core.excel import frames_to_xlsx

    return frames_to_xlsx({sheet: frame})


def _json_value(v: object) -> object:
    if v is None or v is pd.NA:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "item"):  # numpy scalars
        v = v.item()  # type: ignore[union-attr]
    return v
