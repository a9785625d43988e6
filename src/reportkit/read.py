"""Reading the raw folder: find each table's files, decode them, find the header row and
map the headers people type to the contract's canonical column names.

Nothing here interprets values: every cell comes back as text (or empty string), each row
tagged with the file name (``_file``) and the row number the user sees (``_row``).
Raw files are opened read-only and never written to.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from reportkit import domain
from reportkit.problems import InputError, Problem
from reportkit.vntext import fix_text, fold_ascii, looks_tcvn3

TABLES = ("households", "population", "budget", "trainings", "monitoring", "targets")
SUFFIXES = (".csv", ".xlsx")
# How far down a sheet the header row may sit below title rows.
HEADER_SEARCH_ROWS = 20


@dataclass
class RawTable:
    """The rows of one table stacked from all its files (text cells, canonical headers)."""

    name: str
    frame: pd.DataFrame  # canonical columns + extra columns + _file, _row
    files: list[Path]
    problems: list[Problem]
    rows_read: int


def discover(raw_dir: Path) -> dict[str, list[Path]]:
    """Files of each table in ``raw_dir``, found by name prefix, sorted by name."""
    if not raw_dir.is_dir():
        raise InputError(f"raw data folder not found: {raw_dir}")
    found: dict[str, list[Path]] = {t: [] for t in TABLES}
    for path in sorted(raw_dir.iterdir(), key=lambda p: p.name):
        name = path.name.lower()
        if (
            not path.is_file()
            or name.startswith(("~$", "."))
            or path.suffix.lower() not in SUFFIXES
        ):
            continue
        for table in TABLES:
            if name.startswith(table):
                found[table].append(path)
                break
    return found


def read_table(name: str, files: list[Path]) -> RawTable:
    """Read and stack every file of one table.

    A file that cannot be read, or that lacks a required column, contributes no rows and
    one error problem naming it; the other files of the table are still read.
    """
    frames: list[pd.DataFrame] = []
    problems: list[Problem] = []
    rows_read = 0
    schema = domain.tables()[name]
    for path in files:
        try:
            frame = read_file(path, name)
        except InputError as exc:
            problems.append(_file_problem(name, path, None, "unreadable_file", str(exc)))
            continue
        rows_read += len(frame)
        missing = [c.name for c in schema.columns if c.required and c.name not in frame.columns]
        if missing:
            msg = (
                f"{path.name}: missing required column(s) {', '.join(missing)}; "
                f"its {len(frame)} rows are left out"
            )
            problems.append(_file_problem(name, path, ", ".join(missing), "missing_column", msg))
            continue
        frames.append(frame)
    if frames:
        frame = pd.concat(frames, ignore_index=True, sort=False)
    else:
        frame = pd.DataFrame(columns=[*schema.column_names, "_file", "_row"])
    for col in schema.columns:  # optional columns absent from every file
        if col.name not in frame.columns:
            frame[col.name] = ""
    frame = frame.fillna("")
    return RawTable(name=name, frame=frame, files=files, problems=problems, rows_read=rows_read)


def _file_problem(table: str, path: Path, column: str | None, check: str, message: str) -> Problem:
    return Problem(table, path.name, None, column, None, "error", check, message)


def read_file(path: Path, table: str) -> pd.DataFrame:
    """One file as text cells with canonical headers, plus _file and _row."""
    try:
        if path.suffix.lower() == ".xlsx":
            frame = _xlsx_frame(path, table)
        else:
            frame = _csv_frame(path, table)
    except InputError:
        raise
    except Exception as exc:  # any parser failure is the user's file, not our bug
        raise InputError(f"{path.name}: cannot be read ({type(exc).__name__}: {exc})") from None
    frame = frame[~(frame.drop(columns="_row") == "").all(axis=1)]  # blank lines
    frame.insert(0, "_file", path.name)
    return frame.reset_index(drop=True)


def _no_header(path: Path, table: str) -> InputError:
    return InputError(
        f"{path.name}: no header row with the {table} table's columns in the first "
        f"{HEADER_SEARCH_ROWS} rows"
    )


def _csv_frame(path: Path, table: str) -> pd.DataFrame:
    text = decode_bytes(path.read_bytes())
    head_lines = text.split("\n", HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS]
    delimiter = max([",", ";", "\t"], key=head_lines[0].count) if head_lines else ","
    head = [list(r) for r in csv.reader(io.StringIO("\n".join(head_lines)), delimiter=delimiter)]
    header_at = _find_header(head, table)
    if header_at is None:
        raise _no_header(path, table)
    names = _canonical_names([_cell(h) for h in head[header_at]], table)
    frame = pd.read_csv(
        io.StringIO(text),
        sep=delimiter,
        skiprows=header_at + 1,
        header=None,
        names=names,
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=False,
        index_col=False,
        on_bad_lines="error",
    )
    for col in names:
        frame[col] = frame[col].str.strip()
    # Row numbers as the user sees them: 1-based, the header row counted.
    frame["_row"] = range(header_at + 2, header_at + 2 + len(frame))
    return frame


def _xlsx_frame(path: Path, table: str) -> pd.DataFrame:
    rows = _xlsx_rows(path)
    header_at = _find_header(rows, table)
    if header_at is None:
        raise _no_header(path, table)
    names = _canonical_names([_cell(h) for h in rows[header_at]], table)
    width = len(names)
    data = [[_cell(v) for v in (list(r) + [None] * width)[:width]] for r in rows[header_at + 1 :]]
    frame = pd.DataFrame(data, columns=names, dtype=object)
    frame["_row"] = range(header_at + 2, header_at + 2 + len(frame))
    return frame


def _cell(v: object) -> str:
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


def decode_bytes(data: bytes) -> str:
    """Decode a CSV: UTF-8 (with or without BOM), else an 8-bit Vietnamese code page.

    Text typed in the TCVN3 font encoding is kept as the Latin-1 characters its bytes
    stand for ("Hµm Th¹nh"); cleaning converts it per cell.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    latin = data.decode("latin-1")
    if looks_tcvn3(latin):
        return latin
    try:
        return data.decode("cp1258")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _xlsx_rows(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0]
        return [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


def _find_header(rows: list[list[object]], table: str) -> int | None:
    """The first row (within the search window) where at least two cells are known headers."""
    aliases = header_lookup(table)
    best: tuple[int, int] | None = None
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        hits = sum(1 for v in row if header_key(_cell(v)) in aliases)
        if hits >= 2 and (best is None or hits > best[1]):
            best = (i, hits)
            if hits >= len(domain.tables()[table].columns) // 2:
                break
    return None if best is None else best[0]


def _canonical_names(header: list[str], table: str) -> list[str]:
    aliases = header_lookup(table)
    names: list[str] = []
    for i, h in enumerate(header):
        name = aliases.get(header_key(h), h or f"column_{i + 1}")
        while name in names:  # a repeated header keeps its data under a new name
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
