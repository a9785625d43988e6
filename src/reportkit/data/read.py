"""Reading the raw folder: find each table's files, decode them, find the header row and
map the headers people type to the contract's canonical column names.

Nothing here interprets values: every cell comes back as text (or empty string), each row
tagged with the file name (``_file``) and the row number the user sees (``_row``). A user's
column that bears one of those names, or the name of a column a later stage adds, keeps its
data under another name. Raw files are opened read-only and never written to.

Whatever a file holds, reading it never raises past :func:`read_table`: a file that cannot
be read (or an entry named like a table that is no file: a folder, a broken link) becomes
one validation row naming it and the cause, and the other files are read.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from reportkit import domain
from reportkit.core.vntext import fix_text, fold_ascii, looks_tcvn3
from reportkit.data.problems import InputError, Problem, Severity
from reportkit.data.sources import TABLES, discover, not_a_file  # noqa: F401 - re-exported

# Readable formats by file suffix, and how messages name them.
FORMATS = {".csv": "CSV", ".xlsx": "XLSX", ".xls": "XLS", ".ods": "ODS"}
FORMATS_NAMED = ", ".join(list(FORMATS.values())[:-1]) + " or " + list(FORMATS.values())[-1]
# How far down a sheet the header row may sit below title rows.
HEADER_SEARCH_ROWS = 20
DELIMITERS = (",", ";", "\t")
# Columns the pipeline adds itself: each row's origin here, the classification's results
# later (classify.add_rule_status). A user's column of such a name is renamed.
RESERVED_COLUMNS = frozenset({"_file", "_row", "deprivations", "standard", "rule_status"})
# The first bytes of an OLE compound file: an Excel 97–2003 workbook, or any workbook saved
# with a password (Office then wraps the encrypted file in an OLE container).
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
ZIP_SIGNATURE = b"PK\x03\x04"  # .xlsx and .ods are zip containers
# A year in a file name (households_2023.csv): four digits standing alone, 19xx or 20xx.
_FILE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@dataclass
class RawTable:
    """The rows of one table stacked from all its files (text cells, canonical headers)."""

    name: str
    frame: pd.DataFrame  # canonical columns + extra columns + _file, _row
    files: list[Path]
    problems: list[Problem]
    rows_read: int


def file_year(name: str) -> int | None:
    """The review year a file's name carries (households_2023.csv → 2023); None when it
    names no year or more than one (budget_2021-2025.csv)."""
    years = set(_FILE_YEAR.findall(Path(name).stem))
    return int(years.pop()) if len(years) == 1 else None


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
            frame, problems = _csv_frame(path, table)
        else:
            frame, problems = _sheet_frame(path, table)
    except InputError:
        raise
    except Exception as exc:  # any parser failure is the user's file, not our bug
        raise InputError(f"{path.name}: cannot be read ({_cause(exc)})") from None
    blank = np.ones(len(frame), dtype=bool)
    for col in frame.columns.drop("_row"):
        blank &= (frame[col].isna() | (frame[col] == "")).to_numpy(dtype=bool)
    if blank.any():  # blank lines
        frame = frame.loc[~blank]
    frame.insert(0, "_file", path.name)
    return frame.reset_index(drop=True), problems


def _cause(exc: Exception) -> str:
    """What went wrong, in one line."""
    if isinstance(exc, zipfile.BadZipFile):
        return "damaged or incomplete workbook: not a valid zip container"
    text = " ".join(str(exc).split())
    if len(text) > 200:
        text = text[:199] + "…"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _no_header(path: Path, table: str) -> InputError:
    return InputError(
        f"{path.name}: no header row with the {table} table's columns in the first "
        f"{HEADER_SEARCH_ROWS} rows"
    )


# --- CSV -----------------------------------------------------------------------------------


def _csv_frame(path: Path, table: str) -> tuple[pd.DataFrame, list[Problem]]:
    """A CSV file's rows as text; a row with more fields than the header is left out and
    becomes an error row, the rest of the file is read.

    The bytes are handed to pandas' C parser as they are (no decoded copy of the text) and
    cells are kept as pandas strings (Arrow-backed), not one Python object per cell: that
    keeps a 2-million-row file within memory. Only when the parser fails does a second,
    row-by-row pass find the rows at fault, and the C parser reads the file again without
    them.
    """
    data = path.read_bytes()
    if not data.strip():
        raise InputError(f"{path.name}: the file is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(
            f"{path.name}: UTF-16 text (Excel's Unicode Text format); save it as CSV UTF-8 instead"
        )
    if b"\x00" in data[:4096]:
        raise InputError(f"{path.name}: not a CSV text file (it holds binary data)")
    encoding = csv_encoding(data)
    head = _decode(data[: _head_end(data)], encoding)
    delimiter, header_at, header = _csv_header(head, table)
    if header_at is None:
        raise _no_header(path, table)
    names = _canonical_names([_cell(h) for h in header], table)
    first = header_at + 1  # index of the first data record
    try:
        frame = _parse_csv(data, encoding, delimiter, names, skip=first)
        numbers = np.arange(first, first + len(frame))
        problems: list[Problem] = []
    except pd.errors.ParserError as exc:
        overlong = _overlong_records(data, encoding, delimiter, len(names), first)
        if not overlong:
            raise InputError(f"{path.name}: cannot be read ({_cause(exc)})") from None
        frame = _parse_csv(data, encoding, delimiter, names, skip={*range(first), *overlong})
        end = first + len(frame) + len(overlong)
        numbers = np.array([i for i in range(first, end) if i not in overlong])
        problems = [
            Problem(
                table,
                path.name,
                i + 1,
                None,
                None,
                "error",
                "bad_field_count",
                f"{n} fields, header has {len(names)}; row left out of the figures",
                year=file_year(path.name),
            )
            for i, n in sorted(overlong.items())
        ]
    for col in names:
        frame[col] = frame[col].str.strip()
    # Row numbers as the user sees them: 1-based, the header row counted.
    frame["_row"] = numbers + 1
    frame, repeats = _without_repeated_headers(frame, [_cell(h) for h in header], path, table)
    return frame, problems + repeats


def _parse_csv(
    data: bytes, encoding: str, delimiter: str, names: list[str], skip: int | set[int]
) -> pd.DataFrame:
    return pd.read_csv(
        io.BytesIO(data),
        encoding=encoding,
        encoding_errors="replace" if encoding == "cp1252" else "strict",
        sep=delimiter,
        skiprows=skip,
        header=None,
        names=names,
        dtype=str,
        keep_default_na=False,
        skip_blank_lines=False,
        index_col=False,
        on_bad_lines="error",
    )


def _overlong_records(
    data: bytes, encoding: str, delimiter: str, width: int, first: int
) -> dict[int, int]:
    """Records (0-based, from ``first`` on) holding more than ``width`` fields, with their
    field count. Extra fields that are all empty (a trailing delimiter) do not count."""
    stream = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, errors="replace", newline="")
    out: dict[int, int] = {}
    for i, fields in enumerate(csv.reader(stream, delimiter=delimiter)):
        if i >= first and len(fields) > width and any(f.strip() for f in fields[width:]):
            out[i] = len(fields)
    return out


def _head_end(data: bytes) -> int:
    """Where the first HEADER_SEARCH_ROWS lines of ``data`` end."""
    end = 0
    for _ in range(HEADER_SEARCH_ROWS):
        nxt = data.find(b"\n", end)
        if nxt < 0:
            return len(data)
        end = nxt + 1
    return end


def _csv_header(head: str, table: str) -> tuple[str, int | None, list[str]]:
    """The delimiter under which the head of a file shows the table's header best, the
    header's index and its cells (a comma when none shows it)."""
    best: tuple[int, str, int | None, list[str]] = (0, DELIMITERS[0], None, [])
    for delimiter in DELIMITERS:
        rows = [list(r) for r in csv.reader(io.StringIO(head), delimiter=delimiter)]
        found = _find_header(rows, table)
        if found is not None and found[1] > best[0]:
            best = (found[1], delimiter, found[0], rows[found[0]])
    return best[1], best[2], best[3]


def csv_encoding(data: bytes) -> str:
    """The encoding of a CSV file: UTF-8 (with or without BOM), else an 8-bit code page.

    Text typed in the TCVN3 font encoding is read as the Latin-1 characters its bytes
    stand for ("Hµm Th¹nh"); cleaning converts it per cell. Otherwise Windows-1258
    (Vietnamese), and Windows-1252 (undecodable bytes replaced) when 1258 cannot decode it.
    UTF-8 is checked piecewise, without holding a decoded copy of the file.
    """
    if _is_utf8(data):
        return "utf-8-sig"
    if looks_tcvn3(data.decode("latin-1")):
        return "latin-1"
    try:
        data.decode("cp1258")
    except UnicodeDecodeError:
        return "cp1252"
    return "cp1258"


def _is_utf8(data: bytes, chunk: int = 1 << 20) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(data), chunk):
            decoder.decode(view[start : start + chunk])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _decode(data: bytes, encoding: str) -> str:
    return data.decode(encoding, errors="replace" if encoding == "cp1252" else "strict")


# --- workbooks (XLSX, XLS, ODS) ------------------------------------------------------------


def _sheet_frame(path: Path, table: str) -> tuple[pd.DataFrame, list[Problem]]:
    rows = _sheet_rows(path)
    found = _find_header(rows, table)
    if found is None:
        raise _no_header(path, table)
    header_at = found[0]
    header = [_cell(h) for h in rows[header_at]]
    names = _canonical_names(header, table)
    width = len(names)
    data = [[_cell(v) for v in (list(r) + [None] * width)[:width]] for r in rows[header_at + 1 :]]
    frame = pd.DataFrame(data, columns=names, dtype=object)
    frame["_row"] = range(header_at + 2, header_at + 2 + len(frame))
    return _without_repeated_headers(frame, header, path, table)


def _sheet_rows(path: Path) -> list[list[object]]:
    """The cells of a workbook's first sheet, row by row, blank rows included.

    The content decides more than the suffix: an OLE compound file is read as an Excel
    97–2003 workbook unless it holds an encrypted (password-protected) workbook, a zip
    container as .ods when so named and as .xlsx otherwise (an .xlsx renamed .xls).
    """
    with open(path, "rb") as fh:
        signature = fh.read(len(OLE_SIGNATURE))
    suffix = path.suffix.lower()
    if signature == OLE_SIGNATURE:
        if ENCRYPTED_STREAM in path.read_bytes():
            raise _password_protected(path)
        return _xls_rows(path)
    if suffix == ".xls" and not signature.startswith(ZIP_SIGNATURE):
        return _xls_rows(path)
    if suffix == ".ods":
        return _ods_rows(path)
    return _xlsx_rows(path)


def _password_protected(path: Path) -> InputError:
    return InputError(
        f"{path.name}: the workbook is password-protected (encrypted); "
        "save a copy without a password and put that in the raw folder"
    )


def _xlsx_rows(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook

    with open(path, "rb") as fh:  # a file object: openpyxl then ignores the suffix
        wb = load_workbook(fh, read_only=True, data_only=True)
        try:
            ws = wb.worksheets[0]
            return [list(r) for r in ws.iter_rows(values_only=True)]
        finally:
            wb.close()


def _xls_rows(path: Path) -> list[list[object]]:
    """Rows of an Excel 97–2003 workbook, read with xlrd (dates as datetimes)."""
    import xlrd

    try:
        book = xlrd.open_workbook(path, on_demand=True)
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise _password_protected(path) from None
        raise
    try:
        sheet = book.sheet_by_index(0)
        return [list(_xls_values(sheet.row(r), book.datemode)) for r in range(sheet.nrows)]
    finally:
        book.release_resources()


def _xls_values(cells: list, datemode: int) -> Iterator[object]:
    import xlrd

    for c in cells:
        if c.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
            yield None
        elif c.ctype == xlrd.XL_CELL_DATE:
            try:
                yield xlrd.xldate_as_datetime(c.value, datemode)
            except (xlrd.xldate.XLDateError, OverflowError, ValueError):
                yield c.value  # a number formatted as a date: keep the number
        elif c.ctype == xlrd.XL_CELL_ERROR:
            yield xlrd.error_text_from_code.get(c.value, "#ERROR")
        elif c.ctype == xlrd.XL_CELL_BOOLEAN:
            yield int(c.value)
        else:
            yield c.value


def _ods_rows(path: Path) -> list[list[object]]:
    """Rows of an OpenDocument spreadsheet, read by pandas with odfpy (blank rows kept)."""
    sheet = pd.read_excel(
        path, sheet_name=0, header=None, dtype=object, engine="odf", na_filter=False
    )
    return sheet.to_numpy(dtype=object).tolist()


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


# --- headers -------------------------------------------------------------------------------


def _without_repeated_headers(
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


def _find_header(rows: list[list[object]], table: str) -> tuple[int, int] | None:
    """The first row (within the search window) where at least two cells are known
    headers, the one with most such cells when several are: (its index, their number)."""
    aliases = header_lookup(table)
    best: tuple[int, int] | None = None
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        hits = sum(1 for v in row if header_key(_cell(v)) in aliases)
        if hits >= 2 and (best is None or hits > best[1]):
            best = (i, hits)
            if hits >= len(domain.tables()[table].columns) // 2:
                break
    return best


def _canonical_names(header: list[str], table: str) -> list[str]:
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
