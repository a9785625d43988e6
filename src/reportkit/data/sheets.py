"""Workbooks (XLSX, XLS, ODS): the first sheet's rows as text, the header found below any
title rows; a password-protected workbook is named as such."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd

from reportkit.data.headers import (
    canonical_names,
    cell_text,
    find_header,
    no_header,
    without_repeated_headers,
)
from reportkit.data.problems import InputError, Problem

# The first bytes of an OLE compound file: an Excel 97–2003 workbook, or any workbook saved
# with a password (Office then wraps the encrypted file in an OLE container).
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
ZIP_SIGNATURE = b"PK\x03\x04"  # .xlsx and .ods are zip containers


def sheet_frame(path: Path, table: str) -> tuple[pd.DataFrame, list[Problem]]:
    """A workbook's first sheet as text cells under canonical headers (title rows above the
    header dropped), with each row's number as the user sees it (``_row``)."""
    rows = _sheet_rows(path)
    found = find_header(rows, table)
    if found is None:
        raise no_header(path, table)
    header_at = found[0]
    header = [cell_text(h) for h in rows[header_at]]
    names = canonical_names(header, table)
    width = len(names)
    padded = ((list(r) + [None] * width)[:width] for r in rows[header_at + 1 :])
    data = [[cell_text(v) for v in r] for r in padded]
    frame = pd.DataFrame(data, columns=names, dtype=object)
    frame["_row"] = range(header_at + 2, header_at + 2 + len(frame))
    return without_repeated_headers(frame, header, path, table)


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
