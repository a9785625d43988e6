"""Every error reportkit raises on purpose, under one base class.

The command line catches :class:`ReportkitError` and prints its message as one line
(exit status 2; a failed report: 1). Anything else is a bug of ours: the command line
prints one line naming a log file that holds the traceback (:func:`write_crash_log`).
Messages name the file, row, column, option or value at fault and, where one exists, the
nearest valid value.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import traceback
from pathlib import Path


class ReportkitError(Exception):
    """Base of every error a user can cause or fix; its message is one line.

    In a notebook (JupyterLab, papermill with either engine) it shows as that one line,
    ``InputError: raw data folder not found: …``, without a traceback: IPython prints
    what ``_render_traceback_`` returns instead of the frames.
    """

    def _render_traceback_(self) -> list[str]:
        return [f"{type(self).__name__}: {self}"]


class InputError(ReportkitError):
    """A problem in the user's input: a missing folder, an unreadable table, a bad value
    or option."""


class ReportParameterError(InputError):
    """An unknown unit, year or language passed to a report."""


class OutputError(ReportkitError):
    """An output could not be written (read-only folder, full disk, ...): names the path
    and the cause; nothing partial is left behind."""


class ReportExecutionError(ReportkitError):
    """A report notebook raised; ``notebook`` is the executed copy with the error."""

    def __init__(self, message: str, notebook: Path | None = None) -> None:
        super().__init__(message)
        self.notebook = notebook


class TemplateNotFoundError(ReportkitError, FileNotFoundError):
    """No ``reportkit`` nbconvert template in any of the searched folders."""


class NonDeterministicOutputError(ReportkitError, ValueError):
    """The rendered HTML refers to an absolute local path."""


class ContentError(ReportkitError):
    """Something a report notebook shows that a report format cannot hold (a document node
    of a newer version, an unreadable image): names what and, where known, the cell."""


class IncompleteReportError(ReportkitError):
    """``--final`` and a report still lacks officials' commentary: names what is missing."""


class BatchTimeoutError(ReportkitError):
    """A batch waited longer than its --timeout for results (e.g. a cluster without
    workers)."""


def output_error(path: str | os.PathLike[str], exc: OSError) -> OutputError:
    """An OSError while writing ``path`` as a one-line :class:`OutputError`."""
    cause = exc.strerror or type(exc).__name__
    return OutputError(f"cannot write {path}: {cause}")


def log_dir() -> Path:
    """Where crash logs go: $XDG_STATE_HOME/reportkit (default ~/.local/state/reportkit),
    else the system temporary folder when that is not writable."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "reportkit"


def write_crash_log(exc: BaseException) -> Path | None:
    """Write the traceback of an unexpected ``exc`` to a new log file; return its path
    (None when no folder at all is writable)."""
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    for folder in (log_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(
                prefix=f"reportkit-crash-{stamp}-", suffix=".log", dir=folder
            )
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            return Path(name)
        except OSError:
            continue
    return None
