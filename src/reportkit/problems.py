"""The validation table: one row per problem found in the input.

Every stage that finds a problem (reading, cleaning, validation, classification) adds a
row here; the table is written beside the processed data (validation.csv) and printed in
each report's data-quality annex. Values are shown as typed, never personal names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from reportkit.errors import InputError  # noqa: F401 - re-exported

Severity = Literal["error", "warning"]
COLUMNS = [
    "table",
    "file",
    "row",
    "column",
    "value",
    "severity",
    "check",
    "message",
    "commune",
    "year",
]


@dataclass(frozen=True)
class Problem:
    table: str
    file: str
    row: int | None  # row number as the user sees it in the file (header = its own row)
    column: str | None
    value: str | None
    severity: Severity
    check: str  # what was checked (a code: labels.py words it in each report language)
    message: str
    commune: str | None = None  # registry unit the row belongs to, when known
    year: int | None = None


@dataclass
class ProblemLog:
    """Collects problems; cheap to add to from vectorised code (one call per batch)."""

    rows: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.rows.append(problem)

    def extend(self, problems: list[Problem]) -> None:
        self.rows.extend(problems)

    def count(self, severity: Severity) -> int:
        return sum(1 for p in self.rows if p.severity == severity)

    def to_frame(self) -> pd.DataFrame:
        records = [tuple(getattr(p, c) for c in COLUMNS) for p in self.rows]
        df = pd.DataFrame.from_records(records, columns=COLUMNS).astype(object)
        order = ["table", "file", "row", "column", "severity", "message"]
        df = df.sort_values(order, kind="stable", na_position="first", key=_sort_key)
        return df.reset_index(drop=True)


def problems_for_rows(
    rows: pd.DataFrame,
    table: str,
    column: str | None,
    severity: Severity,
    message: str | pd.Series,
    value: pd.Series | None = None,
    *,
    check: str,
) -> list[Problem]:
    """One problem per row of ``rows`` (which carry _file, _row and maybe commune/year)."""
    if rows.empty:
        return []
    n = len(rows)
    files = rows["_file"].tolist()
    nums = rows["_row"].tolist()
    values = (value if value is not None else pd.Series([None] * n, index=rows.index)).tolist()
    messages = message.tolist() if isinstance(message, pd.Series) else [message] * n
    communes = _optional(rows, "commune", n)
    years = _optional(rows, "year", n)
    out = []
    for f, r, v, m, c, y in zip(files, nums, values, messages, communes, years, strict=True):
        out.append(
            Problem(
                table=table,
                file=f,
                row=int(r),
                column=column,
                value=None if _is_missing(v) else str(v),
                severity=severity,
                check=check,
                message=m,
                commune=None if _is_missing(c) else str(c),
                year=None if _is_missing(y) else _as_int(y),
            )
        )
    return out


def _sort_key(col: pd.Series) -> pd.Series:
    if col.name == "row":
        return col.map(lambda v: -1 if v is None else int(v))
    return col.map(lambda v: "" if v is None else str(v))


def _optional(rows: pd.DataFrame, name: str, n: int) -> list[object]:
    return rows[name].tolist() if name in rows.columns else [None] * n


def _as_int(y: object) -> int | None:
    try:
        return int(y)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None


def _is_missing(v: object) -> bool:
    if v is None:
        return True
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False
