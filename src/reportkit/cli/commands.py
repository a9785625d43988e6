"""What each command does: a thin call into the library, its output printed."""

from __future__ import annotations

import argparse
import io
import sys

from reportkit.cli.options import DEFAULT_RAW, note_on_stderr, one_line, processed_folder
from reportkit.core import atomic
from reportkit.core.errors import (
    InputError,
    ReportExecutionError,
)


def cmd_prepare(args: argparse.Namespace) -> int:
    from reportkit.data.prepare import prepare, write_processed

    data = prepare(args.raw, area=args.area)
    target = processed_folder(args.raw, args.processed) or args.raw.parent / "processed"
    write_processed(data, target, args.raw, area=args.area)
    print(
        f"{'table':<12}{'files':>6}{'read':>9}{'kept':>9}{'rejected':>9}{'errors':>8}{'warnings':>9}"
    )
    for name, c in data.counts.items():
        print(
            f"{name:<12}{c.files:>6}{c.read:>9}{c.kept:>9}{c.rejected:>9}{c.errors:>8}{c.warnings:>9}"
        )
    print(f"wrote {target}/ (Parquet tables, validation.csv, manifest.json)")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    from reportkit.data.prepare import load
    from reportkit.figures import indicators

    if args.raw is not None and args.processed is None:
        data = load(args.raw)
    else:
        raw = args.raw if args.raw is not None else DEFAULT_RAW
        data = load(raw, processed_folder(raw, args.processed))
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
            processed_dir=processed_folder(args.raw, args.processed),
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
            processed=processed_folder(args.raw, args.processed),
            progress=progress,
            notify=note_on_stderr,
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
        print(f"reportkit: error: {one_line(summary.error)}", file=sys.stderr)
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

    # A table without usable rows is a row here too.
    data = prepare(args.raw, strict=False, area=args.area)
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
