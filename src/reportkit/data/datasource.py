"""Where a report's data comes from: a dataset handed over in memory (a batch worker that
received it from the client), else the raw folder through the processed copy.

A batch worker renders with :func:`provided` around the notebook run, so the report's
``open_report`` takes the data it was given instead of reading files; a notebook run in
JupyterLab or by papermill on its own reads ``data_dir`` as usual.

Where the processed copy of a raw folder lives is decided once, by :func:`processed_dir`:
the folder asked for, else beside the raw folder (data/raw → data/processed), else, when
that is not writable (raw data on read-only media), the per-user cache.
"""

from __future__ import annotations

import contextlib
import contextvars
import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from reportkit.core.errors import output_error
from reportkit.core.locations import cached_processed_dir

if TYPE_CHECKING:
    from reportkit.data.prepare import Dataset

_PROVIDED: contextvars.ContextVar[Dataset | None] = contextvars.ContextVar(
    "reportkit_provided_dataset", default=None
)


@contextlib.contextmanager
def provided(data: Dataset) -> Iterator[None]:
    """Within the block, :func:`dataset` returns ``data`` without reading any file, and
    ``data``'s registry is the active one."""
    from reportkit.data import registry

    token = _PROVIDED.set(data)
    try:
        if data.registry is None:
            yield
        else:
            with registry.using(data.registry):
                yield
    finally:
        _PROVIDED.reset(token)


def dataset(raw: Path, processed: Path | None) -> Dataset:
    """The dataset handed over with :func:`provided`, else ``load(raw, processed)``."""
    given = _PROVIDED.get()
    if given is not None:
        return given
    from reportkit.data.prepare import load

    return load(raw, processed)


def processed_dir(
    raw: Path, processed: Path | None = None, *, notify: Callable[[str], None] | None = None
) -> Path | None:
    """Where the processed copy of ``raw`` is read and written.

    ``processed`` when given (OutputError when it cannot be written); else the folder
    beside a raw folder named ``raw`` (data/raw → data/processed); when that one cannot be
    written, the per-user cache (``locations.cached_processed_dir``), and ``notify`` is
    told where it went. None for any other raw folder: its data is cleaned in memory.
    """
    from reportkit.data.sources import default_processed_dir

    if not Path(raw).is_dir():  # reading it says so; create nothing for it
        return processed if processed is not None else default_processed_dir(raw)
    if processed is not None:
        if (cause := _unwritable(processed)) is not None:
            raise output_error(processed, cause)
        return processed
    beside = default_processed_dir(raw)
    if beside is None:
        return None
    cause = _unwritable(beside)
    if cause is None:
        return beside
    cache = cached_processed_dir(raw)
    if (again := _unwritable(cache)) is not None:
        raise output_error(cache, again)
    if notify is not None:
        reason = cause.strerror or type(cause).__name__
        notify(f"cannot write {beside} ({reason}); processed data goes to {cache}")
    return cache


def _unwritable(folder: Path) -> OSError | None:
    """Why files cannot be created in ``folder`` (made if missing), or None when they can."""
    if folder.exists() and not folder.is_dir():
        return NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        return exc
    return None
