"""Atomic file writes: write to a temporary file in the same folder, then rename.

A reader (or a batch killed mid-way) sees either the old file or the complete new one,
never a truncated file. A write that fails (read-only folder, full disk, a path under a
regular file) raises :class:`~reportkit.core.errors.OutputError` naming the target and the
cause, and leaves neither the target nor the temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from reportkit.core.errors import output_error

TEMP_MARK = ".tmp"


def remove_stale_temps(folder: Path) -> int:
    """Delete temporary files that a killed writer left under ``folder``; call only while
    no other writer can be active there (e.g. holding the batch lock)."""
    removed = 0
    for path in folder.rglob(f".*{TEMP_MARK}*"):
        if path.is_file():
            try:
                path.unlink(missing_ok=True)
            except OSError as exc:
                raise output_error(path, exc) from None
            removed += 1
    return removed


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success rename it over ``target``.

    An OSError in the block is taken as a failure to write ``target`` (the block fills the
    temporary file) and becomes an OutputError; the temporary file is removed either way.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=f"{TEMP_MARK}{target.suffix}", dir=target.parent
        )
        os.close(fd)
    except OSError as exc:
        raise output_error(target, exc) from None
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, target)
    except OSError as exc:
        raise output_error(target, exc) from None
    finally:
        with contextlib.suppress(OSError):
            tmp_path.unlink()


def _write_synced(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` and wait until it is on disk (where a full disk shows)."""
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def write_bytes(target: str | os.PathLike[str], data: bytes) -> Path:
    with atomic_path(target) as tmp:
        _write_synced(tmp, data)
    return Path(target)


def write_text(target: str | os.PathLike[str], text: str) -> Path:
    return write_bytes(target, text.encode("utf-8"))


def write_with(target: str | os.PathLike[str], writer: Callable[[Path], object]) -> Path:
    """Call ``writer(tmp_path)`` to produce the file, then move it into place."""
    with atomic_path(target) as tmp:
        writer(tmp)
    return Path(target)
