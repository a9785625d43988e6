"""The ``reportkit`` command line: a thin shell over the library.

Errors the user can cause (a missing folder, an unreadable file, an unknown unit, a
read-only output folder) are printed as one line on stderr with exit status 2 — never a
traceback. An unexpected failure (a bug of ours) prints one line naming the log file that
holds its traceback. A reader that closes stdout early (``reportkit validate | head``) ends
the command quietly: no message, exit status 141 as for SIGPIPE.
"""

from __future__ import annotations

import argparse
import io
import os
import select
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from reportkit import __version__
from reportkit.core import atomic
from reportkit.core.errors import (
    InputError,
    ReportExecutionError,
    ReportkitError,
    output_error,
    write_crash_log,
)

DEFAULT_RAW = Path("data/raw")
DEFAULT_PROCESSED = Path("data/processed")
SUMMARY_TABLES = ("households", "budget", "trainings", "monitoring", "former_district")


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
        print(f"reportkit: error: {_one_line(exc)}", file=sys.stderr)
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
        f"reportkit: internal error: {type(exc).__name__}: {_one_line(exc)}{where}",
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


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="reportkit",
        description="Evaluation reports of the sustainable poverty-reduction programme "
        "(Hàm Thuận Nam district): clean the raw tables, compute the official figures, "
        "render the reports.",
    )
    p.add_argument("--version", action="version", version=f"reportkit {__version__}")
    sub = p.add_subparsers(title="commands", metavar="COMMAND")

    pr = sub.add_parser(
        "prepare",
        help="clean and validate data/raw into data/processed",
        description="Read every table of the raw folder, clean and validate it, classify "
        "households, and write Parquet tables plus validation.csv to the processed folder. "
        "Prints rows read, kept, rejected and warnings per table. Exit 0 unless a required "
        "table cannot be read at all.",
    )
    _raw_arg(pr)
    pr.add_argument(
        "--processed",
        type=Path,
        default=DEFAULT_PROCESSED,
        metavar="DIR",
        help="where to write processed tables (default: data/processed)",
    )
    pr.set_defaults(func=cmd_prepare)

    sm = sub.add_parser(
        "summary",
        help="print or write the official figures of one review year",
        description="The official figures of one review year per unit and for the district. "
        "Without --raw the processed data is used (re-prepared first when data/raw changed); "
        "with --raw that folder is read and cleaned directly, in memory, unless --processed "
        "is given.",
    )
    sm.add_argument("--year", type=int, required=True, help="review year, e.g. 2023")
    sm.add_argument(
        "--raw",
        type=Path,
        default=None,
        metavar="DIR",
        help="read and clean this raw folder directly",
    )
    _processed_arg(
        sm, "with --raw, none (in memory); else as for render and batch: " + PROCESSED_DEFAULT
    )
    sm.add_argument(
        "--table",
        choices=SUMMARY_TABLES,
        default="households",
        help="which figures (default: households: one row per unit reported in the year "
        "with its predecessors and incomplete flags, and the district total up to 2024; "
        "former_district: the former district's area by year up to --year)",
    )
    sm.add_argument(
        "--format",
        choices=("json", "csv", "xlsx"),
        default="json",
        help="output format (default: json; xlsx needs --out)",
    )
    sm.add_argument(
        "--out",
        type=Path,
        default=None,
        metavar="FILE",
        help="write to FILE (atomically) instead of printing",
    )
    sm.set_defaults(func=cmd_summary)

    va = sub.add_parser(
        "validate",
        help="print the validation table (one row per problem)",
        description="Clean and validate the raw folder and print every problem found: file, "
        "row, column, value, severity, message. Exit 0 when no errors, 1 when any row has "
        "an error.",
    )
    _raw_arg(va)
    va.set_defaults(func=cmd_validate)

    rn = sub.add_parser(
        "render",
        help="render one report (a unit's or the district's) to HTML, PDF and/or Word",
        description="Execute the report notebook with papermill and render it with the "
        "reportkit nbconvert template to OUT/{year}/{slug}.html and .pdf, and to a Word file "
        "OUT/{year}/{slug}.docx (--to picks the formats; slug: ASCII unit name, e.g. "
        "ham-thanh; thuan-nam; ham-thuan-nam for the district up to 2024 and for the commune "
        "Hàm Thuận Nam from 2025; '-en' appended for English). The executed notebook is kept "
        "in OUT/{year}/notebooks/.",
    )
    who = rn.add_mutually_exclusive_group(required=True)
    who.add_argument("--commune", metavar="NAME", help="unit name, any usual spelling")
    who.add_argument("--district", action="store_true", help="the district report")
    rn.add_argument("--year", type=int, required=True, help="review year, e.g. 2023")
    _to_arg(rn)
    rn.add_argument("--lang", choices=("vi", "en"), default="vi", help="report language")
    _raw_arg(rn)
    _processed_arg(rn)
    rn.add_argument(
        "--out",
        type=Path,
        default=Path("outputs"),
        metavar="DIR",
        help="output folder (default: outputs)",
    )
    _engine_arg(rn)
    _final_arg(rn)
    rn.set_defaults(func=cmd_render)

    bt = sub.add_parser(
        "batch",
        help="render every unit's report (and the district's, up to 2024), for one or more years",
        description="Render the reports of every unit of each year — the 13 units and the "
        "district up to 2024, the six successor communes from 2025 — (HTML, PDF and Word by "
        "default) in parallel and publish them under OUT: "
        "OUT/{year}/*.html|pdf|docx, manifest.json, "
        "summary.xlsx, reports-{year}.zip, and OUT/index.html. Only reports whose inputs "
        "changed (data, notebook, template, parameters, package) are rendered again; --force "
        "renders all. Exit 1 when any report failed (the others are still rendered); exit "
        "2 when the batch had to stop (an output it cannot write, the timeout): the reports "
        "done so far are kept and listed, and the next run publishes.",
    )
    when = bt.add_mutually_exclusive_group()
    when.add_argument("--year", type=int, help="one review year")
    when.add_argument(
        "--years",
        metavar="Y1-Y2",
        help="years, e.g. 2021-2024 or 2022,2023 (default: every year in the data)",
    )
    bt.add_argument(
        "--communes",
        default="all",
        metavar="all|NAME,...",
        help="'all' (13 units + district, default) or a comma-separated list",
    )
    _to_arg(bt)
    bt.add_argument("--lang", choices=("vi", "en"), default="vi", help="report language")
    bt.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="local worker processes (default: CPU cores)",
    )
    bt.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="send the jobs to a Dask cluster, e.g. tcp://10.0.0.5:8786: its workers get "
        "the data from this process and send each report back, so with the default engine "
        "they need no access to the data or output folders (start them with --nthreads 1)",
    )
    bt.add_argument(
        "--timeout",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help="give up when no report has finished for SECONDS (default: 600) or, with "
        "--scheduler, when no worker has joined the cluster for SECONDS (default: 120; the "
        "batch says that it waits); the reports not rendered are named",
    )
    bt.add_argument("--force", action="store_true", help="render every report again")
    bt.add_argument(
        "--timings",
        action="store_true",
        help="at the end, print where the time went: each stage's mean per report (running "
        "the cells, charts, nbconvert, WeasyPrint, ...) and the batch's own stages",
    )
    _raw_arg(bt)
    _processed_arg(bt)
    bt.add_argument(
        "--out",
        type=Path,
        default=Path("outputs"),
        metavar="DIR",
        help="output folder (default: outputs)",
    )
    _engine_arg(bt)
    _final_arg(bt)
    bt.set_defaults(func=cmd_batch)
    return p


def _final_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--final",
        action="store_true",
        help="the version to sign: refuse to render a report whose officials' commentary "
        "(the commentary table) is still missing, and list what is missing",
    )


def _engine_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--engine",
        choices=("inprocess", "kernel"),
        default="inprocess",
        help="run notebook cells in the rendering process (default, fast) or in a "
        "separate Jupyter kernel as JupyterLab does (same output)",
    )


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0")
    return value


def _to_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--to",
        default="html,pdf,docx",
        type=_formats,
        metavar="html,pdf,docx",
        help="output formats, comma-separated: html, pdf, docx (Word) (default: all three)",
    )


def _formats(text: str) -> tuple[str, ...]:
    from reportkit.run.render import FORMATS

    formats = tuple(f.strip() for f in text.split(",") if f.strip())
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise argparse.ArgumentTypeError(
            f"unknown format {','.join(bad) or text!r}; use {','.join(FORMATS)}"
        )
    return formats


PROCESSED_DEFAULT = (
    "beside the raw folder, data/raw → data/processed; when that is not writable, "
    "$XDG_CACHE_HOME/reportkit/… (~/.cache); a raw folder not named 'raw' is cleaned in memory"
)


def _processed_arg(p: argparse.ArgumentParser, default: str = PROCESSED_DEFAULT) -> None:
    p.add_argument(
        "--processed",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"processed data folder (default: {default})",
    )


def _processed(raw: Path, processed: Path | None) -> Path | None:
    """The processed folder for a command (``datasource.processed_dir``); a fall-back to
    the user cache is said on stderr."""
    from reportkit.data.datasource import processed_dir

    return processed_dir(raw, processed, notify=_note)


def _note(text: str) -> None:
    """Tell the user ``text`` on stderr, beside the command's output."""
    print(f"reportkit: note: {text}", file=sys.stderr)


def _raw_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--raw",
        type=Path,
        default=DEFAULT_RAW,
        metavar="DIR",
        help="raw data folder (default: data/raw)",
    )


def cmd_prepare(args: argparse.Namespace) -> int:
    from reportkit.data.prepare import prepare, write_processed

    data = prepare(args.raw)
    write_processed(data, _processed(args.raw, args.processed), args.raw)
    print(
        f"{'table':<12}{'files':>6}{'read':>9}{'kept':>9}{'rejected':>9}{'errors':>8}{'warnings':>9}"
    )
    for name, c in data.counts.items():
        print(
            f"{name:<12}{c.files:>6}{c.read:>9}{c.kept:>9}{c.rejected:>9}{c.errors:>8}{c.warnings:>9}"
        )
    print(f"wrote {args.processed}/ (Parquet tables, validation.csv, manifest.json)")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from reportkit.data.prepare import load
    from reportkit.figures import indicators

    if args.raw is not None and args.processed is None:
        data = load(args.raw)
    else:
        raw = args.raw if args.raw is not None else DEFAULT_RAW
        data = load(raw, _processed(raw, args.processed))
    if args.year not in data.years():
        years = ", ".join(map(str, data.years()))
        raise InputError(f"no household data for year {args.year} (years in the data: {years})")
    from reportkit.figures import lineage

    compute = {
        "households": indicators.household_figures,
        "budget": indicators.budget_figures,
        "trainings": indicators.training_figures,
        "monitoring": indicators.monitoring_figures,
        "former_district": lineage.former_district,
    }[args.table]
    frame = compute(data, args.year)
    if args.format == "xlsx" and args.out is None:
        raise InputError("--format xlsx needs --out FILE")
    from reportkit.data.export import render_table

    payload = render_table(frame, args.format, sheet=f"{args.table} {args.year}")
    if args.out is None:
        sys.stdout.write(payload.decode("utf-8"))
    else:
        atomic.write_bytes(args.out, payload)
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from reportkit.run.render import render_report

    try:
        written = render_report(
            None if args.district else args.commune,
            args.year,
            to=args.to,
            lang=args.lang,
            raw_dir=args.raw,
            out_dir=args.out,
            processed_dir=_processed(args.raw, args.processed),
            engine=args.engine,
            final=args.final,
        )
    except ReportExecutionError as exc:
        print(f"reportkit: error: report failed: {exc} (see {exc.notebook})", file=sys.stderr)
        return 1
    for path in written.values():
        print(f"wrote {path}")
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    from reportkit.run.batch import parse_years, run_batch

    if args.year is not None:
        years: list[int] | None = [args.year]
    else:
        years = parse_years(args.years) if args.years is not None else None  # None: all
    progress, close = _batch_progress()
    try:
        summary = run_batch(
            args.raw,
            args.out,
            years,
            communes=args.communes,
            to=args.to,
            lang=args.lang,
            workers=args.workers,
            scheduler=args.scheduler,
            timeout=args.timeout,
            force=args.force,
            processed=_processed(args.raw, args.processed),
            progress=progress,
            notify=_note,
            engine=args.engine,
            final=args.final,
        )
    finally:
        close()
    done = len(summary.rendered) - len(summary.failures)
    counts = (
        f"rendered {done}, unchanged {len(summary.skipped)}, failed {len(summary.failures)} "
        f"in {summary.seconds:.1f} s"
    )
    if summary.error is None:
        print(f"{counts} → {args.out}/index.html")
    else:
        print(f"stopped: {counts}; nothing published")
    for r in summary.rendered:
        for note in r.notes:
            print(note)
    if args.timings:
        print("\n".join(summary.timings()))
    for r in summary.failures:
        where = f" (notebook: {args.out}/{r.job.year}/{r.notebook})" if r.notebook else ""
        print(f"FAILED {r.job.label}: {r.error}{where}")
    if summary.error is not None:
        print(f"reportkit: error: {_one_line(summary.error)}", file=sys.stderr)
        return 2
    return 1 if summary.failures else 0


def _batch_progress():  # type: ignore[no-untyped-def]
    """On a terminal: an overall bar with ETA, and one line per finished report with its
    time. Silent when stderr is not a terminal (logs, CI)."""
    if not sys.stderr.isatty():
        return None, lambda: None
    from tqdm import tqdm

    bar: dict[str, tqdm] = {}

    def update(result, done: int, total: int) -> None:  # type: ignore[no-untyped-def]
        if result is None:  # the batch knows how many reports it will render
            bar["bar"] = tqdm(total=total, unit="report", file=sys.stderr)
            return
        mark = "ok  " if result.ok else "FAIL"
        bar["bar"].write(f"{mark} {result.job.label}  {result.seconds:.1f} s", file=sys.stderr)
        for note in result.notes:
            bar["bar"].write(f"     {note}", file=sys.stderr)
        bar["bar"].update(1)

    return update, lambda: bar["bar"].close() if "bar" in bar else None


def cmd_validate(args: argparse.Namespace) -> int:
    import pandas as pd

    from reportkit.data.prepare import prepare

    data = prepare(args.raw, strict=False)  # a table without usable rows is a row here too
    v = data.validation.drop(columns=["commune", "year"])
    if v.empty:
        print("no problems found")
        return 0
    buf = io.StringIO()
    with pd.option_context(
        "display.max_rows", None, "display.max_colwidth", 120, "display.width", 250
    ):
        buf.write(v.to_string(index=False))
    print(buf.getvalue())
    errors = int((v["severity"] == "error").sum())
    warnings = int((v["severity"] == "warning").sum())
    print(f"{errors} errors, {warnings} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
