"""One batch per output folder at a time: the folder's lock file, ``.reportkit-batch.lock``.

The lock is ``filelock``'s (``flock`` on Unix), held by the batch process for its whole run.
The operating system releases it when that process ends, however it ends: a batch killed
with ``kill -9`` leaves a lock file that blocks nobody once the last of its processes is
gone. The file keeps the holder's pid, so that a batch refused names the one it waits for,
and a batch whose holder is dead waits a moment for the lock instead of being refused.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from reportkit.core.errors import InputError, output_error

LOCK_NAME = ".reportkit-batch.lock"
LOCK_GRACE_SECONDS = 10.0
"""How long to wait for the lock of a batch whose recorded process is already dead: a
killed batch's last processes may still be exiting (seen under load: the batch reaped, its
lock not yet free)."""


def _write_pid(fd: int) -> None:
    """Record this process in the lock file it now holds (``filelock``'s ``on_acquired``)."""
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"pid {os.getpid()}".encode(), 0)


@contextlib.contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold ``out``'s lock while the block runs. A second batch on the same folder, in this
    process or another, is refused at once (InputError naming the holder) while the holder
    lives; a folder that cannot be written is an OutputError."""
    path = out / LOCK_NAME
    # One lock for the batch, kept on release (and never traded for a soft lock file where
    # the filesystem lacks flock): the file stays and keeps the last holder's pid.
    lock = FileLock(path, preserve_lock_file=True, on_acquired=_write_pid)
    try:
        out.mkdir(parents=True, exist_ok=True)
        # Given up at once when the holder lives, else after the grace period.
        lock.acquire(LOCK_GRACE_SECONDS, 0.1, cancel_check=lambda: _alive(_holder(path)))
    except Timeout:
        holder = _holder(path) or "another process"
        raise InputError(
            f"another batch ({holder}) is writing to {out}; wait for it to finish"
        ) from None
    except OSError as exc:
        raise output_error(path if out.is_dir() else out, exc) from None
    try:
        yield
    finally:
        lock.release()


def _holder(path: Path) -> str:
    """What the lock file says of the batch holding it ("pid N"; "" when unreadable)."""
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


def _alive(holder: str) -> bool:
    """Whether the process the lock file names ("pid N") is running."""
    try:
        os.kill(int(holder.removeprefix("pid ")), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:  # another account's process
        return True
    return True
