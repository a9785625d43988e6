"""CSV files: the encoding (UTF-8, with or without BOM, or a Windows code page), the
delimiter, and the rows as text; a row with more fields than the header is left out."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from reportkit.core.vntext import looks_tcvn3
from reportkit.data.headers import (
    HEADER_SEARCH_ROWS,
    canonical_names,
    cell_text,
    find_header,
    no_header,
    without_repeated_headers,
)
from reportkit.data.problems import InputError, Problem, cause
from reportkit.data.sources import file_year

DELIMITERS = (",", ";", "\t")


def csv_frame(path: Path, table: str) -> tuple[pd.DataFrame, list[Problem]]:
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
    cut: list[Problem] = []
    if tail := _utf8_tail(data):  # UTF-8 that stops inside a character: a half-saved file
        data = data[:-tail]
        cut = [_cut_character(path, table, tail)]
    encoding = csv_encoding(data)
    head = _decode(data[: _head_end(data)], encoding)
    delimiter, header_at, header = _csv_header(head, table)
    if header_at is None:
        raise no_header(path, table)
    names = canonical_names([cell_text(h) for h in header], table)
    first = header_at + 1  # index of the first data record
    try:
        frame = _parse_csv(data, encoding, delimiter, names, skip=first)
        numbers = np.arange(first, first + len(frame))
        problems: list[Problem] = []
    except pd.errors.ParserError as exc:
        overlong = _overlong_records(data, encoding, delimiter, len(names), first)
        if not overlong:
            raise InputError(f"{path.name}: cannot be read ({cause(exc)})") from None
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
    frame, repeats = without_repeated_headers(frame, [cell_text(h) for h in header], path, table)
    return frame, cut + problems + repeats


def _cut_character(path: Path, table: str, tail: int) -> Problem:
    msg = (
        f"the file ends inside a character ({tail} byte(s) of UTF-8 left out): it may not "
        "have been saved completely; check its last row"
    )
    return Problem(table, path.name, None, None, None, "warning", "cut_character", msg,
                   year=file_year(path.name))  # fmt: skip


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
        found = find_header(rows, table)
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


def _is_utf8(data: bytes) -> bool:
    return _utf8_tail(data) == 0


def _utf8_tail(data: bytes, chunk: int = 1 << 20) -> int | None:
    """None when ``data`` is not UTF-8; else how many bytes at its end begin a character
    they do not finish (0: none). Checked piecewise, without a decoded copy."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    try:
        for start in range(0, len(data), chunk):
            decoder.decode(view[start : start + chunk])
    except UnicodeDecodeError:
        return None
    return len(decoder.getstate()[0])


def _decode(data: bytes, encoding: str) -> str:
    return data.decode(encoding, errors="replace" if encoding == "cp1252" else "strict")
