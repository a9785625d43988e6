"""Header rows: where a table's header is, and the canonical column names of the headers
people type (Vietnamese or English, with or without diacritics, any case and spacing)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from reportkit import domain
from reportkit.core.vntext import fix_text, fold_ascii
from reportkit.data.problems import InputError, Problem
from reportkit.data.sources import file_year

HEADER_SEARCH_ROWS = 20
"""How far below the top a header row is looked for (title rows above it)."""

# Columns the pipeline adds itself: each row's origin here, the classification's results
# later (classify.add_rule_status). A user's column of such a name is renamed.
RESERVED_COLUMNS = frozenset({"_file", "_row", "deprivations", "standard", "rule_status"})


def no_header(path: Path, table: str) -> InputError:
    return InputError(
        f"{path.name}: no header row with the {table} table's columns in the first "
        f"{HEADER_SEARCH_ROWS} rows"
    )


def without_repeated_headers(
    frame: pd.DataFrame, header: list[str], path: Path, table: str
) -> tuple[pd.DataFrame, list[Problem]]:
    """``frame`` (cells under ``header``, and _row) without the rows that repeat the header,
    as two sheets pasted one below the other leave it; a warning for each such row.

    A row repeats the header when at least two of its cells, and at least half of those not
    empty, are their column's header (compared as headers are: case, diacritics, spacing
    forgiven). Only rows with a cell equal to its header as typed are looked at closely.
    """
    names = list(frame.columns.drop("_row"))
    maybe = np.zeros(len(frame), dtype=bool)
    for name, h in zip(names, header, strict=True):
        if h:
            maybe |= (frame[name] == h).to_numpy(dtype=bool, na_value=False)
    keys = [header_key(h) for h in header]
    repeats = [
        i for i in np.flatnonzero(maybe) if _repeats_header(frame[names].iloc[i].tolist(), keys)
    ]
    if not repeats:
        return frame, []
    problems = [
        Problem(
            table,
            path.name,
            int(row),
            None,
            None,
            "warning",
            "repeated_header",
            f"row {row} repeats the header; left out",
            year=file_year(path.name),
        )
        for row in frame["_row"].iloc[repeats]
    ]
    return frame.drop(index=frame.index[repeats]), problems


def _repeats_header(cells: list[object], keys: list[str]) -> bool:
    filled = [(str(c), k) for c, k in zip(cells, keys, strict=True) if c not in ("", None)]
    same = sum(1 for c, k in filled if k and header_key(c) == k)
    return same >= 2 and 2 * same >= len(filled)


def find_header(rows: list[list[object]], table: str) -> tuple[int, int] | None:
    """The first row (within the search window) where at least two cells are known
    headers, the one with most such cells when several are: (its index, their number)."""
    aliases = header_lookup(table)
    best: tuple[int, int] | None = None
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        hits = sum(1 for v in row if header_key(cell_text(v)) in aliases)
        if hits >= 2 and (best is None or hits > best[1]):
            best = (i, hits)
            if hits >= len(domain.tables()[table].columns) // 2:
                break
    return best


def canonical_names(header: list[str], table: str) -> list[str]:
    """Canonical names for a header row. A header that cannot keep its name (repeated, or
    a name the pipeline uses itself, such as _file) keeps its data as name_<column no.>."""
    aliases = header_lookup(table)
    names: list[str] = []
    for i, h in enumerate(header):
        name = aliases.get(header_key(h), h or f"column_{i + 1}")
        while name in names or name in RESERVED_COLUMNS:
            name = f"{name}_{i + 1}"
        names.append(name)
    return names


def header_key(text: str) -> str:
    """Headers compare case-, diacritic-, spacing- and punctuation-insensitively."""
    folded = fold_ascii(fix_text(text).replace("_", " ").replace("-", " "))
    return re.sub(r"\s+", " ", folded).strip()


@cache
def header_lookup(table: str) -> dict[str, str]:
    """Folded header text → canonical column name, for the columns of one table."""
    schema = domain.tables()[table]
    aliases = domain.header_aliases()
    vi_indicators = {i.column: [i.vi] for i in domain.indicators()}
    lookup: dict[str, str] = {}
    for col in schema.columns:
        names = [col.name, *aliases.get(col.name, []), *vi_indicators.get(col.name, [])]
        for n in names:
            lookup.setdefault(header_key(n), col.name)
    return lookup


def cell_text(v: object) -> str:
    """A spreadsheet or CSV cell as the text a user sees (numbers without ".0", dates as
    ISO dates, spaces trimmed; empty for a missing cell)."""
    if v is None:
        return ""
    if isinstance(v, float):
        if v != v:  # NaN
            return ""
        return str(int(v)) if v.is_integer() else repr(v)
    if hasattr(v, "isoformat") and not isinstance(v, str):
        text = v.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return str(v).strip()
