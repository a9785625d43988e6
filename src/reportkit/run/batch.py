"""The year-end batch: every unit's report and the district's, for one or more years.

Recipe: lock the output folder → prepare the data once → plan the jobs → skip those whose
inputs did not change (content hashes, recorded in each year's manifest.json) → render the
rest in parallel (a local process pool, or a Dask cluster) → publish: manifest.json,
summary.xlsx and reports-{year}.zip per year, and outputs/index.html.

Workers read and write no file: each receives the prepared data from this process (once
per worker) and sends each report back as bytes (``render.Rendered``); this process alone
writes outputs, under its lock. So a Dask cluster needs no shared filesystem, and a worker
that dies leaves nothing half-written behind.

A report that fails does not stop the others: its executed notebook keeps the error, the
summary lists it with its first error line, and the exit status is non-zero. A worker
that dies is replaced and its report retried once, with a note in the manifest. Every
file is written atomically and the manifest is updated after each report, so a killed
batch leaves no truncated file and the next run only renders what is missing. A batch
that cannot go on (an output that cannot be written, no result within the timeout) stops,
publishes nothing, and says why in its summary; the next run publishes.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import gc
import hashlib
import io
import json
import os
import signal
import sys
import threading
import time
import uuid
import zipfile
from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.connection import Connection
from multiprocessing.connection import wait as wait_for_any
from pathlib import Path
from typing import IO, TYPE_CHECKING, NamedTuple

from reportkit import __version__, domain
from reportkit.core import atomic, stages, zipfiles
from reportkit.core.errors import (
    BatchTimeoutError,
    IncompleteReportError,
    InputError,
    OutputError,
    output_error,
)
from reportkit.core.locations import find_template_dir, notebooks_dir
from reportkit.core.provenance import git_commit, library_versions
from reportkit.core.stages import Times, stage
from reportkit.data.datasource import processed_dir as processed_dir_of
from reportkit.data.params import resolve_unit
from reportkit.data.sources import MANIFEST as PROCESSED_MANIFEST
from reportkit.data.sources import file_sha256, is_current, source_fingerprint

# The data libraries (pandas) are imported where the data is used, not here: a batch with
# nothing to render decides so from hashes and manifests alone, in a fraction of a second.
if TYPE_CHECKING:
    import pandas as pd

    from reportkit.data.prepare import Dataset, Fingerprint
    from reportkit.run.render import Rendered

LOCK_NAME = ".reportkit-batch.lock"
REPORT_SUFFIXES = (".html", ".pdf", ".docx")
"""The reports' files that the year's zip holds."""
WORKER_DIED = "the worker process died while rendering this report"
DATA_LOST = "not rendered: every Dask worker that held the data was lost"
REPORT_TIMEOUT = 600.0
"""Default seconds without a finished report before a batch gives up."""
WORKER_TIMEOUT = 120.0
"""Default seconds a batch waits for a first worker to join a Dask scheduler without any."""


@dataclass(frozen=True)
class Job:
    """One report to render: a unit's (commune) or the district's (commune None)."""

    year: int
    commune: str | None
    slug: str
    lang: str = "vi"
    to: tuple[str, ...] = ("html", "pdf")

    @property
    def name(self) -> str:
        return self.slug if self.lang == "vi" else f"{self.slug}-{self.lang}"

    @property
    def label(self) -> str:
        return f"{self.year} {self.name}"


@dataclass
class Result:
    """What became of one job. A worker fills ``rendered`` (the report as bytes); the batch
    writes it, fills ``outputs`` and ``notebook``, and drops the bytes."""

    job: Job
    ok: bool
    seconds: float
    outputs: dict[str, str] = field(default_factory=dict)  # format → file name
    error: str | None = None
    notebook: str | None = None  # the executed notebook, relative to the year's folder
    notes: list[str] = field(default_factory=list)  # e.g. a worker that died and a retry
    rendered: Rendered | None = None
    stages: dict[str, Times] = field(default_factory=dict)
    """Where the report's time went (reportkit.core.stages), as the worker measured it."""
    start_up: Times | None = None
    """The worker's start-up (a LocalPool worker's first report only): from its spawn to
    being ready to render."""
    fingerprint: Fingerprint | None = None
    """The hashes of the rows the report read (``Dataset.fingerprint``), which the batch
    records in the manifest."""


@dataclass
class BatchSummary:
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


# --- planning ---------------------------------------------------------------------------


def parse_years(text: str) -> list[int]:
    """ "2023" → [2023]; "2021-2024" → [2021, 2022, 2023, 2024]; "2021,2023" → both.
    A reversed range or a text that selects no year is an InputError."""
    years: list[int] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        try:
            first, last = (int(x) for x in part.split("-", 1)) if "-" in part else (int(part),) * 2
        except ValueError:
            raise InputError(f"--years: '{text}' is not a year or a range like 2021-2024") from None
        if first > last:
            raise InputError(f"--years: {part} is a reversed range; write {last}-{first}")
        years.extend(range(first, last + 1))
    if not years:
        raise InputError(
            f"--years: '{text}' selects no year; give a year or a range like 2021-2024"
        )
    return sorted(set(years))


def select_units(communes: str) -> list[str] | None:
    """The unit names given by ``--communes``: None for "all" (every unit reported in each
    year, and the district while it existed), else the named ones (canonical names) in the
    order given. One that names no unit is an InputError; :func:`plan` dates them."""
    if communes.strip().lower() == "all":
        return None
    names = [n.strip() for n in communes.split(",") if n.strip()]
    if not names:
        raise InputError(
            f"--communes: '{communes}' names no unit; give 'all' or unit names separated by commas"
        )
    return list(dict.fromkeys(resolve_unit(n).name for n in names))


def plan(
    have: list[int],
    years: list[int],
    units: list[str] | None = None,
    lang: str = "vi",
    to: tuple[str, ...] = ("html", "pdf"),
) -> list[Job]:
    """Jobs for ``years`` (each must be among ``have``, the years with data): for each
    year, the units reported that year (registry order: the 13 units and then the district
    up to 2024, the six successor communes from 2025), or of those the ones named in
    ``units`` (:func:`select_units`). A name reported in none of the years is an
    InputError."""
    if not years:
        raise InputError("no year selected")
    missing = [y for y in years if y not in have]
    if missing:
        raise InputError(
            f"no household data for {', '.join(map(str, missing))} "
            f"(years in the data: {', '.join(map(str, have))})"
        )
    jobs = []
    for y in years:
        reported = domain.units_in_year(y)
        chosen = [u for u in reported if units is None or u.name in units]
        jobs += [Job(y, u.name, u.slug, lang, to) for u in chosen]
        if units is None and domain.has_district(y):
            jobs.append(Job(y, None, domain.district()["slug"], lang, to))
    unused = [n for n in units or [] if not any(j.commune == n for j in jobs)]
    if unused:
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        raise InputError(
            f"--communes: {', '.join(unused)} is not reported on in {span} "
            "(units change with the July 2025 reform: the 13 units and the district up to "
            "2024, the six successor communes from 2025)"
        )
    return jobs


# --- what made a report: content hashes ---------------------------------------------------


def _tree_sha(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def code_fingerprint() -> dict[str, str]:
    """Hashes of everything besides data that shapes a report: the notebooks, the
    template, the package's own source, and the versions of the libraries it uses."""
    templates = find_template_dir()
    return {
        "reportkit": __version__,
        "source": source_fingerprint(),
        "notebooks": _tree_sha(list(notebooks_dir().glob("*.py"))),
        "template": _tree_sha([p for p in (templates / "reportkit").rglob("*") if p.is_file()]),
        "libraries": json.dumps(library_versions(), sort_keys=True),
    }


def job_key(job: Job, data_digest: str, code: dict[str, str]) -> str:
    params = {"year": job.year, "commune": job.commune, "lang": job.lang, "to": list(job.to)}
    blob = json.dumps({"data": data_digest, "code": code, "params": params}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def _load(raw: Path, processed: Path | None) -> Dataset:
    from reportkit.data.prepare import load

    return load(raw, processed)


class DataView:
    """The prepared data, loaded only when needed: when the processed copy is current,
    the years and each report's data fingerprint (digest and inputs) come from a small
    cache beside it, so a batch with nothing to do never reads the tables, and each
    report's rows are hashed once."""

    CACHE = "report-digests.json"

    def __init__(
        self,
        raw: Path,
        processed: Path | None,
        before_preparing: Callable[[], None] | None = None,
    ) -> None:
        """``before_preparing``: called when the processed copy must be made first."""
        self.raw, self.processed = raw, processed
        self._data: Dataset | None = None
        self._cache: dict = {"basis": None, "years": None, "reports": {}}
        self._basis: str | None = None
        self._dirty = False
        if processed is None:
            return
        if not is_current(processed, raw):
            if before_preparing is not None:
                before_preparing()
            self._data = _load(raw, processed)  # prepare now: writes the processed copy
        self._basis = file_sha256(processed / PROCESSED_MANIFEST)
        try:
            cached = json.loads((processed / self.CACHE).read_text(encoding="utf-8"))
            if cached.get("basis") == self._basis and "reports" in cached:
                self._cache = cached
        except (OSError, ValueError):
            pass
        self._cache["basis"] = self._basis

    @property
    def data(self) -> Dataset:
        if self._data is None:
            self._data = _load(self.raw, self.processed)
        return self._data

    def years(self) -> list[int]:
        if self._cache.get("years") is None:
            self._cache["years"] = self.data.years()
            self._dirty = True
        return list(self._cache["years"])

    def digest(self, year: int, commune: str | None) -> str:
        """Content hash of the rows the report reads (``Dataset.fingerprint``)."""
        return self._fingerprint(year, commune)["digest"]

    def inputs(self, year: int, commune: str | None) -> list[tuple[str, int, str]]:
        """Per input file: (name, rows read, SHA-256 of those rows) (``Dataset.fingerprint``)."""
        return [(f, n, sha) for f, n, sha in self._fingerprint(year, commune)["inputs"]]

    def remember(self, year: int, commune: str | None, fingerprint: Fingerprint) -> None:
        """Take the report's ``Dataset.fingerprint`` as a worker computed it (the same rows
        hash the same in every process): this process need not hash them again."""
        key = f"{year}|{commune or ''}"
        if key not in self._cache["reports"]:
            digest, files = fingerprint
            self._cache["reports"][key] = {"digest": digest, "inputs": [list(f) for f in files]}
            self._dirty = True

    def _fingerprint(self, year: int, commune: str | None) -> dict:
        key = f"{year}|{commune or ''}"
        if key not in self._cache["reports"]:
            self.remember(year, commune, self.data.fingerprint(year, commune))
        return self._cache["reports"][key]

    def save(self) -> None:
        if self._dirty and self._basis is not None and self.processed is not None:
            text = json.dumps(self._cache, indent=1, sort_keys=True, ensure_ascii=False)
            atomic.write_text(self.processed / self.CACHE, text + "\n")


# --- the manifest -----------------------------------------------------------------------


def manifest_path(out: Path, year: int) -> Path:
    return out / str(year) / "manifest.json"


def _manifest_body(out: Path, year: int) -> dict:
    try:
        return json.loads(manifest_path(out, year).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # missing or damaged: everything is rendered (and published) again


def read_manifest(out: Path, year: int) -> dict[str, dict]:
    """The year's report entries by report name ({} when there is no usable manifest)."""
    return _manifest_body(out, year).get("reports", {})


def is_up_to_date(job: Job, key: str, entry: dict | None, out: Path) -> bool:
    if not entry or entry.get("key") != key:
        return False
    folder = out / str(job.year)
    for fmt in job.to:
        f = entry.get("outputs", {}).get(fmt)
        if not f or not (folder / f["file"]).is_file():
            return False
        if file_sha256(folder / f["file"]) != f["sha256"]:
            return False
    return True


# --- rendering one job (a worker's part: no file read or written) -------------------------


class RenderOptions(NamedTuple):
    """How every report of a batch is rendered, besides its data: the notebook's path
    parameters (only a separate kernel, engine "kernel", reads them) and the engine."""

    data_dir: str
    processed_dir: str | None
    engine: str
    final: bool = False  # refuse a report that still lacks commentary


_RENDERING = threading.Lock()


def render_job(job: Job, data: Dataset, options: RenderOptions) -> Result:
    """Render one job from ``data`` into bytes (the Result's ``rendered``), writing no file
    (and reading none with the in-process engine); never raises: a failure comes back as a
    Result with its error."""
    from reportkit.run.render import render_outputs

    # One report at a time per process (a Dask worker runs tasks in threads): the
    # in-process engine's shell and the provided dataset belong to the whole process.
    # The time of the report outside the stages render_outputs names is "other".
    with _RENDERING, stages.collected() as times, stage("other"):
        start = time.perf_counter()
        try:
            rendered = render_outputs(
                data,
                job.commune,
                job.year,
                to=job.to,
                lang=job.lang,
                data_dir=options.data_dir,
                processed_dir=options.processed_dir,
                engine=options.engine,
                final=options.final,
            )
        except Exception as exc:  # isolation: any failure of one report is reported, not raised
            first = (str(exc).splitlines() or [""])[0]
            error = f"{type(exc).__name__}: {first}"
            return Result(job, False, time.perf_counter() - start, error=error, stages=times)
    seconds = time.perf_counter() - start
    times["other"] = times.pop("other")  # listed after the stages it contains
    ok = rendered.error is None
    # Already computed for the report's technical information: kept with the dataset.
    fingerprint = data.fingerprint(job.year, job.commune) if ok else None
    return Result(
        job,
        ok,
        seconds,
        error=rendered.error,
        rendered=rendered,
        stages=times,
        fingerprint=fingerprint,
    )


def check_final_jobs(data: Dataset, jobs: list[Job]) -> None:
    """``--final``: one IncompleteReportError naming every report that lacks commentary."""
    from reportkit.data.datasource import provided
    from reportkit.report import open_report
    from reportkit.report.commentary import missing

    lacking = []
    with provided(data):
        for j in jobs:
            gaps = missing(open_report(j.commune, j.year, ".", j.lang))
            if gaps:
                lacking.append(f"{j.label} ({', '.join(gaps)})")
    if lacking:
        raise IncompleteReportError(
            f"--final: {len(lacking)} report(s) lack commentary: {'; '.join(lacking)}"
        )


def _write_result(out: Path, result: Result) -> None:
    """Write what a worker rendered (the executed notebook even when it failed)."""
    from reportkit.run.render import write_rendered

    if result.rendered is None:
        return
    written = write_rendered(result.rendered, out)
    folder = out / str(result.job.year)
    result.outputs = {fmt: written[fmt].name for fmt in result.job.to if fmt in written}
    result.notebook = written["ipynb"].relative_to(folder).as_posix()
    result.rendered = None  # the bytes are on disk now


# --- executors: where the jobs run ----------------------------------------------------------


class Executor(ABC):
    """Runs :func:`render_job` for each job and yields the Results as they finish. Raises
    BatchTimeoutError, naming the reports still waiting, when no result comes for
    ``timeout`` seconds (None: wait for ever)."""

    def __init__(self, timeout: float | None) -> None:
        self.timeout = timeout

    def start(self, at_most: int) -> None:  # noqa: B027 - optional: not every executor can
        """Get ready for up to ``at_most`` jobs before they are known (see LocalPool)."""

    def close(self) -> None:  # noqa: B027
        """Release what :meth:`start` set up and no job used."""

    @abstractmethod
    def results(
        self, jobs: list[Job], data: Dataset, options: RenderOptions
    ) -> Iterator[Result]: ...

    def _timed_out(self, waiting: list[Job], why: str = "") -> BatchTimeoutError:
        names = ", ".join(j.label for j in waiting)
        return BatchTimeoutError(
            f"no report finished within {self.timeout:g} s{why}; still waiting: {names}"
        )


class LocalPool(Executor):
    """Fresh interpreters on this machine (spawned: no forked kernel or zmq state), each
    rendering one report at a time. A worker that dies takes only its own report with it:
    a new worker retries that report once (noted in its Result), a second death fails it.
    Workers end with the batch process, even when it is killed (:func:`_die_with_parent`).
    """

    def __init__(self, workers: int, timeout: float | None = None) -> None:
        super().__init__(timeout)
        self.workers = max(1, workers)
        self._ctx = get_context("spawn")
        self._ready: list[_Worker] = []  # started ahead of the jobs (start)

    def start(self, at_most: int) -> None:
        """Start the workers now: each gets ready to render (``render.warm_up``) while
        this process is still preparing the data and planning the jobs."""
        wanted = min(self.workers, at_most) - len(self._ready)
        self._ready.extend(_Worker(self._ctx) for _ in range(max(0, wanted)))

    def close(self) -> None:
        """End the workers started ahead that no job needed (they hold nothing)."""
        ready, self._ready = self._ready, []
        for worker in ready:
            worker.kill()
            worker.close()

    def results(self, jobs: list[Job], data: Dataset, options: RenderOptions) -> Iterator[Result]:
        ctx = self._ctx
        queue: deque[tuple[Job, bool]] = deque((j, False) for j in jobs)  # (job, a retry)
        busy: dict[_Worker, tuple[Job, bool]] = {}
        idle: list[_Worker] = self._ready
        self._ready = []
        ending: list[_Worker] = []  # asked to stop: no job left for them
        finished: list[Result] = []

        def lost(job: Job, retry: bool) -> None:
            """``job``'s worker died: retry it once in a new worker, else it failed."""
            if retry:
                finished.append(Result(job, False, 0.0, error=WORKER_DIED))
            else:
                queue.appendleft((job, True))

        def dispatch() -> None:
            # Start the missing workers first, so that they import in parallel.
            wanted = min(self.workers, len(busy) + len(queue)) - len(busy) - len(idle)
            idle.extend(_Worker(ctx) for _ in range(max(0, wanted)))
            while queue and idle:
                worker = idle.pop()
                job, retry = queue.popleft()
                if worker.send(job, data, options):
                    busy[worker] = (job, retry)
                else:
                    worker.close()
                    lost(job, retry)
            while idle and not queue:  # let it end now, not when the last report is done
                worker = idle.pop()
                worker.ask_to_stop()
                ending.append(worker)

        try:
            while queue or busy or finished:
                dispatch()  # first, so that the workers render while this process writes
                while finished:
                    yield finished.pop(0)
                if not busy:
                    continue
                waiting = [w.conn for w in busy] + [w.sentinel for w in busy]
                ready = wait_for_any(waiting, self.timeout)
                if not ready:
                    raise self._timed_out([j for j, _ in busy.values()] + [j for j, _ in queue])
                for worker, (job, retry) in list(busy.items()):
                    if worker.conn not in ready and worker.sentinel not in ready:
                        continue
                    del busy[worker]
                    result = worker.receive()
                    if result is None:
                        worker.close()
                        lost(job, retry)
                        continue
                    idle.append(worker)
                    if retry:
                        result.notes.append(f"worker died while rendering {job.label}; retried")
                    finished.append(result)
        finally:
            for worker in idle:
                worker.ask_to_stop()
            for worker in busy:
                worker.kill()  # busy with a report nobody waits for any more
            for worker in ending + idle + list(busy):
                worker.close()


class _Worker:
    """One process of a LocalPool and the pipe to it. The data goes over once, with the
    worker's first job."""

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(
            target=_worker_main,
            args=(child, os.getpid(), time.time()),
            name="reportkit-worker",
            daemon=True,
        )
        self.process.start()
        child.close()
        self.sentinel = self.process.sentinel
        self.has_data = False

    def send(self, job: Job, data: Dataset, options: RenderOptions) -> bool:
        """Hand over ``job``; False when the worker died before it could take it."""
        try:
            self.conn.send((job, None if self.has_data else data, options))
        except OSError:
            return False
        self.has_data = True
        return True

    def receive(self) -> Result | None:
        """The worker's Result, or None when it died instead."""
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            return None

    def ask_to_stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)

    def kill(self) -> None:
        self.process.kill()

    def close(self) -> None:
        """Wait for the process to end (killing it after a few seconds); close the pipe."""
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _worker_main(conn: Connection, parent: int, spawned: float) -> None:
    """A LocalPool worker: get ready to render (``render.warm_up``), then render the jobs
    received on ``conn`` until told to stop. ``spawned``: when the batch started it."""
    _die_with_parent(parent)
    from reportkit.run.render import warm_up

    with contextlib.suppress(Exception):  # a real problem shows in the first report
        warm_up()
    _freeze_heap()
    start_up: Times | None = Times(time.time() - spawned, time.process_time())
    data: Dataset | None = None
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            break
        if message is None:
            break
        job, sent, options = message
        if sent is not None:
            data = sent
            _freeze_heap()
        result = render_job(job, data, options)
        result.start_up, start_up = start_up, None
        conn.send(result)
    # Nothing to save or close (a worker writes no file): skip the interpreter's clean-up
    # of everything the worker imported and rendered, which takes about a second.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _freeze_heap() -> None:
    """Take every object alive now (the libraries, their caches, the data: they live as
    long as the worker) out of the garbage collector's sight: scanning them again at every
    full collection cost a fifth of each report's time."""
    gc.collect()
    gc.freeze()


PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _die_with_parent(parent: int) -> None:
    """End this process when the batch process ``parent`` ends, even by kill -9 (which
    gives it no chance to stop its workers): Linux's parent-death signal, and, for other
    systems, a thread that exits when the parent's pid changes (the orphan is adopted)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


class DaskCluster(Executor):
    """A Dask cluster: the data goes to every worker (``client.scatter``, broadcast), each
    report comes back as bytes. No shared filesystem is needed (except for engine
    "kernel", whose kernel reads the data files itself). A worker process renders one
    report at a time; start workers with ``--nthreads 1`` and as many ``--nworkers`` as
    cores. A scheduler without workers is waited for ``join_timeout`` seconds (None: for
    ever), said through ``notify``."""

    def __init__(
        self,
        address: str,
        timeout: float | None = None,
        join_timeout: float | None = WORKER_TIMEOUT,
        notify: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(timeout)
        self.address = address
        self.join_timeout = join_timeout
        self.notify = notify

    def results(self, jobs: list[Job], data: Dataset, options: RenderOptions) -> Iterator[Result]:
        try:
            from distributed import Client
            from distributed import wait as wait_for_dask
        except ImportError:
            raise InputError(
                "--scheduler needs dask.distributed: pip install 'reportkit[distributed]'"
            ) from None
        try:
            client = Client(self.address, timeout="10s")
        except OSError as exc:
            raise InputError(f"cannot reach the Dask scheduler at {self.address}: {exc}") from None
        with client:
            self._wait_for_workers(client, jobs)
            shared = client.scatter(data, broadcast=True, hash=False)
            futures = {
                client.submit(
                    render_job,
                    job,
                    shared,
                    options,
                    key=f"render-{job.year}-{job.name}-{uuid.uuid4().hex[:8]}",
                    pure=False,
                ): job
                for job in jobs
            }
            pending = set(futures)
            while pending:
                try:
                    done, pending = wait_for_dask(
                        pending, timeout=self.timeout, return_when="FIRST_COMPLETED"
                    )
                except CancelledError:  # the data went with the last worker that held it
                    done = {f for f in pending if f.cancelled()}
                    pending -= done
                except TimeoutError:
                    workers = len(client.scheduler_info()["workers"])
                    why = f" ({workers} workers at {self.address})"
                    raise self._timed_out([futures[f] for f in pending], why) from None
                for f in done:
                    yield _dask_result(f, futures[f])

    def _wait_for_workers(self, client, jobs: list[Job]) -> None:  # type: ignore[no-untyped-def]
        """Return once the scheduler has a worker; when it has none yet, say that the
        batch waits for one, and give up after ``join_timeout`` seconds."""
        if client.scheduler_info()["workers"]:
            return
        bound = "" if self.join_timeout is None else f"up to {self.join_timeout:g} s "
        if self.notify:
            self.notify(f"waiting {bound}for workers to join the Dask scheduler at {self.address}")
        try:
            client.wait_for_workers(1, timeout=self.join_timeout)
        except TimeoutError:
            names = ", ".join(j.label for j in jobs)
            raise BatchTimeoutError(
                f"no worker joined the Dask scheduler at {self.address} within "
                f"{self.join_timeout:g} s (start them with: dask worker {self.address} "
                f"--nthreads 1); not rendered: {names}"
            ) from None


def _dask_result(future, job: Job) -> Result:  # type: ignore[no-untyped-def]
    """The Result a finished Dask future holds, or why it holds none."""
    if future.cancelled():
        return Result(job, False, 0.0, error=DATA_LOST)
    try:
        return future.result()
    except Exception as exc:  # the worker died while rendering (Dask gave up retrying)
        return Result(job, False, 0.0, error=f"{WORKER_DIED} ({type(exc).__name__})")


# --- the batch ----------------------------------------------------------------------------


LOCK_GRACE_SECONDS = 10.0
"""How long to wait for the lock of a batch whose recorded process is already dead (a
killed batch's last processes may still be exiting)."""


def _lock(fh: IO[str]) -> bool:
    """Take the batch lock of ``fh``; False when a live batch holds it."""
    deadline = time.monotonic() + LOCK_GRACE_SECONDS
    while True:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip().removeprefix("pid ")
            if _alive(holder) or time.monotonic() > deadline:
                return False
            time.sleep(0.1)


def _alive(pid: str) -> bool:
    """Whether the process ``pid`` (text, as the lock file records it) is running."""
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """One batch per output folder at a time: a second one is refused with a clear message.
    A folder that cannot be written is an OutputError."""
    path = out / LOCK_NAME
    try:
        out.mkdir(parents=True, exist_ok=True)
        fh = open(path, "a+")  # noqa: SIM115 - held for the whole batch
    except OSError as exc:
        raise output_error(path if out.is_dir() else out, exc) from None
    try:
        if not _lock(fh):
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            raise InputError(
                f"another batch ({holder}) is writing to {out}; wait for it to finish"
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}")
        fh.flush()
        yield
    finally:
        fh.close()


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
    """Run the batch (the module's recipe) and say what it did.

    ``years`` None: every year in the data. ``workers``: local processes (default: CPU
    cores); ``scheduler``: a Dask scheduler's address instead. ``timeout``: seconds to
    wait for the next report to finish and, on a Dask scheduler without workers, for one
    to join, before giving up (default: :data:`REPORT_TIMEOUT` and :data:`WORKER_TIMEOUT`);
    ``notify`` hears that the batch waits for workers. ``processed``: see
    ``datasource.processed_dir``. ``final``: refuse, before rendering anything, when any
    report still lacks officials' commentary (IncompleteReportError listing them). A
    failed report is listed in the summary; an output that cannot be written or a timeout
    stops the batch: the summary's ``error``.
    """
    start = time.perf_counter()
    units = select_units(communes)  # a bad selection fails before anything is written
    wait = REPORT_TIMEOUT if timeout is None else timeout
    executor: Executor = (
        DaskCluster(scheduler, wait, WORKER_TIMEOUT if timeout is None else timeout, notify)
        if scheduler
        else LocalPool(workers or os.cpu_count() or 1, wait)
    )
    results: list[Result] = []
    skipped: list[Job] = []
    per_year = len(units) if units is not None else len(domain.units()) + 1
    with output_lock(out), contextlib.closing(executor), stages.collected() as times:
        try:
            atomic.remove_stale_temps(out)  # left by a batch that was killed
            processed = processed_dir_of(raw, processed)
            with stage("prepare/load data"):
                # Data to prepare means reports to render: the workers start first and get
                # ready while this process prepares.
                view = DataView(raw, processed, before_preparing=lambda: executor.start(per_year))
                years = view.years() if years is None else years
            with stage("plan"):
                jobs = plan(view.years(), years, units, lang, to)
                code = code_fingerprint()
                keys: dict[Job, str] = {}

                def key(j: Job) -> str:
                    if j not in keys:
                        keys[j] = job_key(j, view.digest(j.year, j.commune), code)
                    return keys[j]

                manifests = {y: read_manifest(out, y) for y in years}
                # A report never rendered is rendered without hashing its rows first: its
                # worker hashes them (for its technical information) and sends the hashes.
                todo = [
                    j
                    for j in jobs
                    if force
                    or (entry := manifests[j.year].get(j.name)) is None
                    or not is_up_to_date(j, key(j), entry, out)
                ]
                view.save()
                skipped = [j for j in jobs if j not in todo]
                # The district's reports, the longest, first: the batch ends sooner when
                # the last job to start is a short one.
                todo.sort(key=lambda j: j.commune is not None)
            if final:
                check_final_jobs(view.data, jobs)
            if todo:
                with stage("prepare/load data"):
                    data = view.data  # loaded (prepared if stale) once, before any job is sent
                options = RenderOptions(*_notebook_paths(raw, processed), engine, final)
                if progress:
                    progress(None, 0, len(todo))
                with contextlib.closing(executor.results(todo, data, options)) as stream:
                    for result in stream:
                        with stage("write"):
                            _write_result(out, result)
                            results.append(result)
                            if result.ok:
                                j = result.job
                                if result.fingerprint is not None:
                                    view.remember(j.year, j.commune, result.fingerprint)
                                manifest = manifests[j.year]
                                _record(out, view, result, key(j), manifest, code)
                        if progress:
                            progress(result, len(results), len(todo))
                view.save()
            with stage("publish"):
                changed = {r.job.year for r in results}
                stale = [y for y in years if y in changed or not is_published(out, y)]
                for y in stale:
                    publish_year(out, view.data, y, manifests[y], code)
                if stale or not (out / "index.html").exists():
                    publish_index(out, view.data)
        except (OutputError, BatchTimeoutError) as exc:
            return BatchSummary(results, skipped, time.perf_counter() - start, exc, times)
    return BatchSummary(results, skipped, time.perf_counter() - start, stages=times)


def _notebook_paths(raw: Path, processed: Path | None) -> tuple[str, str | None]:
    from reportkit.run.render import notebook_data_paths

    return notebook_data_paths(raw, processed)


def _record(
    out: Path, view: DataView, result: Result, key: str, manifest: dict, code: dict
) -> None:
    job = result.job
    folder = out / str(job.year)
    files = view.inputs(job.year, job.commune)
    manifest[job.name] = {
        "year": job.year,
        "commune": job.commune,
        "lang": job.lang,
        "parameters": {"commune": job.commune, "year": job.year, "lang": job.lang},
        "key": key,
        "inputs": [{"file": f, "rows": n, "sha256_rows": s} for f, n, s in files],
        "outputs": {
            fmt: {"file": name, "sha256": file_sha256(folder / name)}
            for fmt, name in sorted(result.outputs.items())
        },
        "notebook": result.notebook,
        "git_commit": git_commit(),
        "versions": library_versions(),
        "render_seconds": round(result.seconds, 2),
    }
    if result.notes:
        manifest[job.name]["notes"] = list(result.notes)
    write_manifest(out, view.data, job.year, manifest, code)


def write_manifest(
    out: Path, data: Dataset, year: int, manifest: dict, code: dict, *, published: bool = False
) -> None:
    """The year's manifest; ``published`` says that summary.xlsx and the zip were made
    from exactly these reports (publish_year writes it last)."""
    body = {
        "year": year,
        "reportkit_version": __version__,
        "git_commit": git_commit(),
        "code": code,
        "raw_files": dict(sorted(data.sources.items())),
        "published": published,
        "reports": dict(sorted(manifest.items())),
    }
    atomic.write_text(
        manifest_path(out, year), json.dumps(body, indent=2, ensure_ascii=False) + "\n"
    )


# --- publishing: summary.xlsx, the zip, index.html -----------------------------------------


def year_tables(data: Dataset, year: int) -> dict[str, pd.DataFrame]:
    """Every figure table of a year, one sheet each, for officials who work in Excel. The
    validation sheet holds the problems the district's report of the year counts (one
    rule: reportkit.data.dataquality) as shared outputs show them (problems.public_view): no
    household text, no personal column."""
    from reportkit.data.dataquality import report_problems
    from reportkit.data.problems import public_view
    from reportkit.figures import indicators, lineage

    v = report_problems(data.validation, year, None)
    if not v.empty:
        v = public_view(v.loc[~v["column"].isin(domain.personal_columns())])
    tables = {
        "households": indicators.household_figures(data, year),
        "ethnic_minority": indicators.subgroup_figures(data, year, "ethnic_minority"),
        "deprivation": indicators.deprivation_profile(data, year),
    }
    if not data["budget"].empty:
        tables["budget"] = indicators.budget_figures(data, year)
    if not data["trainings"].empty:
        tables["trainings"] = indicators.training_figures(data, year)
    if not data["monitoring"].empty:
        tables["monitoring"] = indicators.monitoring_figures(data, year)
        tables["findings"] = indicators.findings_by_code(data, year)
    tables["former_district"] = lineage.former_district(data, year)
    tables["validation"] = v
    return tables


def is_published(out: Path, year: int) -> bool:
    """summary.xlsx and the zip exist and were made after the last report was recorded."""
    folder = out / str(year)
    files = ("summary.xlsx", f"reports-{year}.zip")
    return _manifest_body(out, year).get("published") is True and all(
        (folder / n).is_file() for n in files
    )


def publish_year(out: Path, data: Dataset, year: int, manifest: dict, code: dict) -> None:
    from reportkit.core.excel import frames_to_xlsx

    folder = out / str(year)
    atomic.write_bytes(folder / "summary.xlsx", frames_to_xlsx(year_tables(data, year)))
    members = sorted(
        p for p in folder.iterdir() if p.suffix in REPORT_SUFFIXES and not p.name.startswith(".")
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in members:
            zf.writestr(zipfiles.entry(f"reports-{year}/{p.name}"), p.read_bytes())
    atomic.write_bytes(folder / f"reports-{year}.zip", buf.getvalue())
    write_manifest(out, data, year, manifest, code, published=True)


def publish_index(out: Path, data: Dataset) -> None:
    """outputs/index.html: every report by year and unit, with key figures and data status."""
    from reportkit.run.index import index_html

    years = sorted(int(p.name) for p in out.iterdir() if p.is_dir() and p.name.isdigit())
    manifests = {y: read_manifest(out, y) for y in years}
    atomic.write_text(out / "index.html", index_html(data, manifests))
