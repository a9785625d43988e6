"""Word files in tests: a document's properties made by hand, and reading a file back."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import docx.document

from reportkit.report.docx import DocxProperties

PROPS = DocxProperties("Báo cáo thử", "ỦY BAN NHÂN DÂN XÃ THỬ", dt.date(2023, 12, 31))


def read(path_or_bytes: Path | bytes) -> docx.document.Document:
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else path_or_bytes.read_bytes()
    return docx.Document(io.BytesIO(data))
