"""The year-end batch. In: the raw folder, the years, units, language and formats to render.
Out: outputs/{year}/ (reports, manifest.json, summary.xlsx, reports-{year}.zip), index.html."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reportkit.core import atomic, stages
from reportkit.core.errors import BatchTimeoutError, OutputError
from reportkit.core.stages import Times, stage
from reportkit.data.datasource import processed_dir as processed_dir_of
from reportkit.run.batch.executors import (
    REPORT_TIMEOUT,
    WORKER_TIMEOUT,
    DaskCluster,
    Executor,
    LocalPool,
    RenderOptions,
    Result,
    ThisProcess,
)
from reportkit.run.batch.lock import output_lock
from reportkit.run.batch.plan import (
    DataView,
    Job,
    check_final_jobs,
    make_plan,
    parse_years,
    plan_jobs,
    select_units,
)
from reportkit.run.batch.publish import publish, record, write_result, year_tables

__all__ = [
    "BatchSummary",
    "DataView",
    "Job",
    "Result",
    "output_lock",
    "parse_years",
    "plan_jobs",
    "run_batch",
    "year_tables",
]


@dataclass
class BatchSummary:
    """What a batch did: the reports it rendered (failed ones too), those it left as they
    were, its time, and why it stopped when it did not run to the end."""

    rendered: list[Result]
    skipped: list[Job]
    seconds: float
    error: OutputError | BatchTimeoutError | None = None
    """Why the batch stopped before the end (an output it could not write, no result
    within the timeout); then nothing was published. None when it ran to the end."""
    stages: dict[str, Times] = field(default_factory=dict)
    """Where this process's time went: preparing the data, planning, writing, publishing."""

    @property
    def failures(self) -> list[Result]:
        return [r for r in self.rendered if not r.ok]

    def timings(self) -> list[str]:
        """Lines for ``reportkit batch --timings``: each stage's mean per report rendered
        (wall clock and CPU seconds, as each worker measured them), then the batch's own
        stages and the workers' start-up."""
        done = [r for r in self.rendered if r.ok]
        lines = []
        if done:
            n = len(done)
            per_report: dict[str, Times] = {}
            for r in done:
                for name, t in r.stages.items():
                    per_report.setdefault(name, Times()).add(t)
            total = Times()
            lines.append(f"time per report (mean of {n}; wall / CPU seconds):")
            for name, t in per_report.items():
                total.add(t)
                lines.append(f"  {name:<22} {t.wall / n:6.2f} / {t.cpu / n:5.2f}")
            lines.append(f"  {'report, in all':<22} {total.wall / n:6.2f} / {total.cpu / n:5.2f}")
        lines.append("time of the batch (wall / CPU seconds of this process):")
        for name, t in self.stages.items():
            lines.append(f"  {name:<22} {t.wall:6.2f} / {t.cpu:5.2f}")
        starts = [r.start_up for r in self.rendered if r.start_up is not None]
        if starts:
            wall = sum(t.wall for t in starts) / len(starts)
            cpu = sum(t.cpu for t in starts) / len(starts)
            label = f"worker start-up ({len(starts)})"
            lines.append(f"  {label:<22} {wall:6.2f} / {cpu:5.2f}")
        lines.append(f"  {'batch, in all':<22} {self.seconds:6.2f}")
        return lines


def run_batch(
    raw: Path,
    out: Path,
    years: list[int] | None = None,
    *,
    communes: str = "all",
    to: tuple[str, ...] = ("html", "pdf"),
    lang: str = "vi",
    workers: int | None = None,
    scheduler: str | None = None,
    timeout: float | None = None,
    force: bool = False,
    processed: Path | None = None,
    engine: str = "inprocess",
    final: bool = False,
    progress: Callable[[Result | None, int, int], None] | None = None,
    notify: Callable[[str], None] | None = None,
) -> BatchSummary:
    """Render every unit's report and the district's for ``years``, and say what was done.

    Recipe: lock the output folder (:mod:`.lock`) → prepare the data once → plan the jobs
    and skip those whose inputs did not change (:mod:`.plan`: content hashes, recorded in
    each year's manifest.json) → run the rest in parallel (:mod:`.executors`: a local
    process pool, or a Dask cluster) → record each report as it comes in → publish
    (:mod:`.publish`): summary.xlsx and reports-{year}.zip per year, and outputs/index.html.

    A report that fails does not stop the others: its executed notebook keeps the error, the
    summary lists it with its first error line, and the exit status is non-zero. A worker
    that dies is replaced and its report retried once, with a note in the manifest. A
    batch that cannot go on (an output that cannot be written, no result within the
    timeout) stops, publishes nothing, and says why in the summary's ``error``; the next
    run renders only what is missing, and publishes.

    ``years`` None: every year in the data. ``workers``: local processes (default: CPU
    cores; 0: render in this process, one report after another, without the isolation
    of a worker process); ``scheduler``: a Dask scheduler's address instead. ``timeout``: seconds to
    wait for the next report to finish and, on a Dask scheduler without workers, for one
    to join, before giving up (default: :data:`REPORT_TIMEOUT` and :data:`WORKER_TIMEOUT`);
    ``notify`` hears that the batch waits for workers. ``processed``: see
    ``datasource.processed_dir``. ``final``: refuse, before rendering anything, when any
    report still lacks officials' commentary (IncompleteReportError listing them).
    ``progress`` hears (None, 0, reports to render) once they are known, then (result,
    done, reports to render) after each.
    """
    start = time.perf_counter()
    units = select_units(communes)  # a bad selection fails before anything is written
    wait = REPORT_TIMEOUT if timeout is None else timeout
    executor: Executor
    if scheduler:
        executor = DaskCluster(
            scheduler, wait, WORKER_TIMEOUT if timeout is None else timeout, notify
        )
    elif workers == 0:
        executor = ThisProcess(wait)
    else:
        executor = LocalPool(workers or os.cpu_count() or 1, wait)
    results: list[Result] = []
    skipped: list[Job] = []
    per_year = len(units) if units is not None else 1 << 20  # at most: a pool-size hint
    with output_lock(out), contextlib.closing(executor), stages.collected() as times:
        try:
            atomic.remove_stale_temps(out)  # left by a batch that was killed
            processed = processed_dir_of(raw, processed)
            with stage("prepare/load data"):
                # Data to prepare means reports to render: the workers (or their zygote)
                # start first and get ready while this process prepares.
                view = DataView(raw, processed, before_preparing=lambda: executor.start(per_year))
                years = view.years() if years is None else years
            with stage("plan"):
                work = make_plan(view, out, years, units, lang, to, force)
                skipped = work.skipped
            if final:
                check_final_jobs(view.data, work.jobs)
            if work.todo:
                with stage("prepare/load data"):
                    data = view.data  # loaded (prepared if stale) once, before any job is sent
                options = RenderOptions.of(raw, processed, engine, final)
                if progress:
                    progress(None, 0, len(work.todo))
                with contextlib.closing(executor.results(work.todo, data, options)) as stream:
                    for result in stream:
                        with stage("write"):
                            write_result(out, result)
                            results.append(result)
                            record(out, work, result)
                        if progress:
                            progress(result, len(results), len(work.todo))
                view.save()
            with stage("publish"):
                publish(out, work, changed={r.job.year for r in results})
        except (OutputError, BatchTimeoutError) as exc:
            return BatchSummary(results, skipped, time.perf_counter() - start, exc, times)
    return BatchSummary(results, skipped, time.perf_counter() - start, stages=times)
