"""Reading the raw folder: each table's files (:mod:`.sources`), read as text by format
(:mod:`.csvfile`, :mod:`.sheets`), their header row found and the headers people type
mapped to the contract's canonical column names (:mod:`.headers`), stacked per table.

Nothing here interprets values: every cell comes back as text (or empty string), each row
tagged with the file name (``_file``) and the row number the user sees (``_row``). A user's
column that bears one of those names, or the name of a column a later stage adds, keeps its
data under another name. Raw files are opened read-only and never written to.

Whatever a file holds, reading it never raises past :func:`read_table`: a file that cannot
be read (or an entry named like a table that is no file: a folder, a broken link) becomes
one validation row naming it and the cause, and the other files are read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from reportkit import domain
from reportkit.data.csvfile import csv_frame
from reportkit.data.problems import InputError, Problem, Severity, cause
from reportkit.data.sheets import sheet_frame
from reportkit.data.sources import TABLES, discover, file_year, not_a_file  # noqa: F401 - re-exported

# Readable formats by file suffix, and how messages name them.
FORMATS = {".csv": "CSV", ".xlsx": "XLSX", ".xls": "XLS", ".ods": "ODS"}
FORMATS_NAMED = ", ".join(list(FORMATS.values())[:-1]) + " or " + list(FORMATS.values())[-1]


@dataclass
class RawTable:
    """The rows of one table stacked from all its files (text cells, canonical headers)."""

    name: str
    frame: pd.DataFrame  # canonical columns + extra columns + _file, _row
    files: list[Path]
    problems: list[Problem]
    rows_read: int


def read_table(name: str, files: list[Path]) -> RawTable:
    """Read and stack every file of one table.

    An entry that is not a file (a folder, a broken link), a file in another format, one
    that cannot be read, or one that lacks a required column contributes no rows and one
    error problem naming it and the cause; a file with a header but no rows gets a warning.
    The other files of the table are still read. A CSV row with more fields than its header
    is an error of that row alone.
    """
    frames: list[pd.DataFrame] = []
    problems: list[Problem] = []
    rows_read = 0
    schema = domain.tables()[name]
    for path in files:
        reason = not_a_file(path)
        if reason is not None:
            msg = f"{path.name}: {reason}; not read"
            problems.append(_file_problem(name, path, None, "unreadable_file", msg))
            continue
        if path.suffix.lower() not in FORMATS:
            msg = f"{path.name}: not a {FORMATS_NAMED} file; not read"
            problems.append(_file_problem(name, path, None, "unsupported_format", msg))
            continue
        try:
            frame, row_problems = read_file(path, name)
        except InputError as exc:
            problems.append(_file_problem(name, path, None, "unreadable_file", str(exc)))
            continue
        problems += row_problems
        # Rows read: those kept and those left out for an error (a repeated header is no row
        # of data).
        rows_read += len(frame) + sum(p.severity == "error" for p in row_problems)
        missing = [c.name for c in schema.columns if c.required and c.name not in frame.columns]
        if missing:
            msg = (
                f"{path.name}: missing required column(s) {', '.join(missing)}; "
                f"its {len(frame)} rows are left out"
            )
            problems.append(_file_problem(name, path, ", ".join(missing), "missing_column", msg))
            continue
        if frame.empty and not row_problems:
            msg = f"{path.name}: header found but no rows below it"
            problems.append(_file_problem(name, path, None, "no_rows", msg, "warning"))
            continue
        frames.append(frame)
    if len(frames) > 1:
        frame = pd.concat(frames, ignore_index=True, sort=False)
    elif frames:
        frame = frames[0]
    else:
        frame = pd.DataFrame(columns=[*schema.column_names, "_file", "_row"], dtype=object)
    frames.clear()
    for col in schema.columns:  # optional columns absent from every file
        if col.name not in frame.columns:
            frame[col.name] = ""
    for col in frame.columns:  # padded short rows, columns of only some files
        if frame[col].hasnans:
            frame[col] = frame[col].fillna("")
    return RawTable(name=name, frame=frame, files=files, problems=problems, rows_read=rows_read)


def _file_problem(
    table: str,
    path: Path,
    column: str | None,
    check: str,
    message: str,
    severity: Severity = "error",
) -> Problem:
    return Problem(
        table,
        path.name,
        None,
        column,
        None,
        severity,
        check,
        message,
        year=file_year(path.name),
    )


def read_file(path: Path, table: str) -> tuple[pd.DataFrame, list[Problem]]:
    """One file as text cells with canonical headers, plus _file and _row; and the
    problems of single rows (a CSV row with more fields than the header: error; a row that
    repeats the header: warning), which are left out.

    Raises InputError (one line naming the file and the cause) when the file cannot be read.
    """
    try:
        if path.suffix.lower() == ".csv":
            frame, problems = csv_frame(path, table)
        else:
            frame, problems = sheet_frame(path, table)
    except InputError:
        raise
    except Exception as exc:  # any parser failure is the user's file, not our bug
        raise InputError(f"{path.name}: cannot be read ({cause(exc)})") from None
    blank = np.ones(len(frame), dtype=bool)
    for col in frame.columns.drop("_row"):
        blank &= (frame[col].isna() | (frame[col] == "")).to_numpy(dtype=bool)
    if blank.any():  # blank lines
        frame = frame.loc[~blank]
    frame.insert(0, "_file", path.name)
    return frame.reset_index(drop=True), problems
