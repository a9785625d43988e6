"""The ``reportkit`` command line: a thin shell over the library. In: the command's
arguments; out: files (through the library), one line per problem, an exit status.

Its grammar is :mod:`.parser` (options shared by several commands: :mod:`.options`), what
each command does :mod:`.commands`.

Errors the user can cause (a missing folder, an unreadable file, an unknown unit, a
read-only output folder) are printed as one line on stderr with exit status 2 — never a
traceback. An unexpected failure (a bug of ours) prints one line naming the log file that
holds its traceback. A reader that closes stdout early (``reportkit validate | head``) ends
the command quietly: no message, exit status 141 as for SIGPIPE.
"""

from __future__ import annotations

import os
import select
import signal
import sys
from collections.abc import Sequence

from reportkit.cli.options import one_line
from reportkit.cli.parser import build_parser
from reportkit.core.errors import (
    ReportkitError,
    output_error,
    write_crash_log,
)

SIGPIPE_STATUS = 128 + signal.SIGPIPE
"""The exit status when the reader of stdout has gone (``reportkit validate | head``):
that of a program killed by SIGPIPE, as the shell shows for ``yes | head``."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``reportkit ARGV`` and return its exit status. A reader that closes stdout
    early ends the command quietly, with :data:`SIGPIPE_STATUS`; a stdout that cannot be
    written otherwise (a full disk) is a one-line error, exit status 2."""
    try:
        try:
            return _run(argv)
        finally:
            sys.stdout.flush()  # a reader gone shows here, not at the interpreter's exit
    except BrokenPipeError as exc:
        if not _stdout_gone():
            return _internal_error(exc)  # another pipe: a bug of ours
        _discard_stdout()
        return SIGPIPE_STATUS
    except OSError as exc:  # flushing stdout failed otherwise (``> /dev/full``)
        _discard_stdout()
        print(f"reportkit: error: {output_error('stdout', exc)}", file=sys.stderr)
        return 2


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except ReportkitError as exc:
        print(f"reportkit: error: {one_line(exc)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("reportkit: interrupted", file=sys.stderr)
        return 130
    except MemoryError:
        print("reportkit: error: out of memory", file=sys.stderr)
        return 2
    except BrokenPipeError:
        raise  # main tells a closed stdout from a bug
    except Exception as exc:  # a bug of ours: one line here, the traceback in a log file
        return _internal_error(exc)


def _internal_error(exc: Exception) -> int:
    """Say on one line that ``exc`` is a bug of ours, naming the log with its traceback."""
    log = write_crash_log(exc)
    where = f"; details in {log}" if log else ""
    print(
        f"reportkit: internal error: {type(exc).__name__}: {one_line(exc)}{where}",
        file=sys.stderr,
    )
    return 3


def _discard_stdout() -> None:
    """Point stdout at devnull, so that flushing it at the interpreter's exit fails no more
    (Python's advice: library/signal, "Note on SIGPIPE")."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return  # no file (e.g. under pytest): nothing flushes it at the exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def _stdout_gone() -> bool:
    """Whether stdout is a pipe whose reader has closed it: polled, its end reports an
    error (as Linux does). False when stdout is no file (e.g. under pytest)."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return False
    poller = select.poll()
    poller.register(fd, select.POLLOUT)
    return any(events & select.POLLERR for _, events in poller.poll(0))
