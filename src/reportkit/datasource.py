"""Where a report's data comes from: a dataset handed over in memory (a batch worker that
received it from the client), else the raw folder through the processed copy.

A batch worker renders with :func:`provided` around the notebook run, so the report's
``open_report`` takes the data it was given instead of reading files; a notebook run in
JupyterLab or by papermill on its own reads ``data_dir`` as usual.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportkit.prepare import Dataset

_provided: list[Dataset] = []


@contextlib.contextmanager
def provided(data: Dataset) -> Iterator[None]:
    """Within the block, :func:`dataset` returns ``data`` without reading any file."""
    _provided.append(data)
    try:
        yield
    finally:
        _provided.pop()


def dataset(raw: Path, processed: Path | None) -> Dataset:
    """The dataset handed over with :func:`provided`, else ``load(raw, processed)``."""
    if _provided:
        return _provided[-1]
    from reportkit.prepare import load

    return load(raw, processed)
