"""Zip archives with the same bytes for the same content: fixed entry times and modes.

Python's ``zipfile`` stamps each entry written by name with the current time; an Office
file (.xlsx, .docx) or a report archive would then differ at every save.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable

ZIP_TIME = (2000, 1, 1, 0, 0, 0)
"""Entry time of the archives reportkit writes itself (the reports' zip)."""


def entry(name: str, date_time: tuple[int, int, int, int, int, int] = ZIP_TIME) -> zipfile.ZipInfo:
    """A deflated entry named ``name`` with a fixed time and mode (rw-r--r--)."""
    info = zipfile.ZipInfo(name, date_time=date_time)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def restamp(
    data: bytes, when: dt.datetime, rewrite: Callable[[str, bytes], bytes] | None = None
) -> bytes:
    """The archive ``data`` with every entry in the same order, stamped ``when``;
    ``rewrite(name, content)`` may change an entry's content on the way."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if rewrite is not None:
                content = rewrite(info.filename, content)
            dst.writestr(entry(info.filename, when.timetuple()[:6]), content)
    return out.getvalue()
