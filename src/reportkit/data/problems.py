"""The validation table: one row per problem found in the input.

Every stage that finds a problem (reading, cleaning, validation, classification) adds a
row here; the table is written beside the processed data (validation.csv) and printed in
each report's data-quality annex. The ``value`` column holds the cell as typed; messages
never quote a household's text, and :func:`public_view` is the form shared outputs print.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from reportkit import domain
from reportkit.core.errors import InputError  # noqa: F401 - re-exported
from reportkit.core.vntext import parse_number

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
    check: str  # what was checked (a code: report/labels.toml words it in each language)
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
        """The problems as a table of COLUMNS, every column of object dtype: ``row`` and
        ``year`` hold whole numbers or None (a whole-file problem has no row), never floats."""
        df = pd.DataFrame(
            {c: pd.Series([getattr(p, c) for p in self.rows], dtype=object) for c in COLUMNS},
            columns=COLUMNS,
        )
        order = ["table", "file", "row", "column", "severity", "message"]
        # Sorted on keys without None (whole-file rows first), as sort_values puts missing
        # values last whatever its key gives them.
        keys = pd.DataFrame({c: _sort_key(df[c]) for c in order})
        df = df.loc[keys.sort_values(order, kind="stable").index]
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


def public_view(validation: pd.DataFrame) -> pd.DataFrame:
    """The validation table as every shared output prints it (report annex, summary.xlsx).

    For rows of the households table, ``value`` is kept when its column is a public one
    (commune, village: a unit or village name) or when it reads as a number; any other text
    becomes "văn bản (N ký tự)" (N = its length in characters), and values of personal
    columns (head_name) are dropped. Other tables' rows are unchanged. The full values stay
    in the internal validation.csv only.
    """
    out = validation.copy()
    if out.empty:
        return out
    households = (out["table"] == "households").to_numpy()
    out.loc[households, "value"] = [
        _public_value(column, value)
        for column, value in zip(
            out.loc[households, "column"], out.loc[households, "value"], strict=True
        )
    ]
    return out


def _public_value(column: object, value: object) -> str | None:
    if _is_missing(value) or column in domain.personal_columns():
        return None
    text = str(value)
    if column in domain.public_columns():
        return text
    try:
        parse_number(text)
    except ValueError:
        return f"văn bản ({len(text)} ký tự)"
    return text


def cause(exc: Exception) -> str:
    """What went wrong, in one line."""
    if isinstance(exc, zipfile.BadZipFile):
        return "damaged or incomplete workbook: not a valid zip container"
    text = " ".join(str(exc).split())
    if len(text) > 200:
        text = text[:199] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
