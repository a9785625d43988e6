"""The year-end batch: every unit's report and the district's, for one or more years.

Recipe: lock the output folder → prepare the data once → plan the jobs → skip those whose
inputs did not change (content hashes, recorded in each year's manifest.json) → render the
rest in parallel (a local process pool, or a Dask cluster) → publish: manifest.json,
summary.xlsx and reports-{year}.zip per year, and outputs/index.html.

A report that fails does not stop the others: its executed notebook keeps the error, the
summary lists it with its first error line, and the exit status is non-zero. Every file is
written atomically and the manifest is updated after each report, so a killed batch leaves
no truncated file and the next run only renders what is missing.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import json
import os
import time
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

import pandas as pd

from reportkit import __version__, atomic, domain, indicators
from reportkit.excel import ZIP_TIME, frames_to_xlsx
from reportkit.locations import find_template_dir, notebooks_dir
from reportkit.params import resolve_unit
from reportkit.prepare import MANIFEST as PROCESSED_MANIFEST
from reportkit.prepare import (
    Dataset,
    default_processed_dir,
    file_sha256,
    is_current,
    load,
    source_fingerprint,
)
from reportkit.problems import InputError
from reportkit.provenance import git_commit, library_versions

LOCK_NAME = ".reportkit-batch.lock"


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
    job: Job
    ok: bool
    seconds: float
    outputs: dict[str, str] = field(default_factory=dict)  # format → file name
    error: str | None = None
    notebook: str | None = None


@dataclass
class BatchSummary:
    rendered: list[Result]
    skipped: list[Job]
    seconds: float

    @property
    def failures(self) -> list[Result]:
        return [r for r in self.rendered if not r.ok]


# --- planning ---------------------------------------------------------------------------


def parse_years(text: str) -> list[int]:
    """ "2023" → [2023]; "2021-2024" → [2021, 2022, 2023, 2024]; "2021,2023" → both."""
    years: list[int] = []
    for part in text.split(","):
        part = part.strip()
        try:
            if "-" in part:
                a, b = (int(x) for x in part.split("-", 1))
                years.extend(range(a, b + 1))
            elif part:
                years.append(int(part))
        except ValueError:
            raise InputError(f"--years: '{text}' is not a year or a range like 2021-2024") from None
    return sorted(set(years))


def plan(
    have: list[int],
    years: list[int],
    communes: str = "all",
    lang: str = "vi",
    to: tuple[str, ...] = ("html", "pdf"),
) -> list[Job]:
    """Jobs for ``years`` (each must be among ``have``, the years with data): the chosen
    units (registry order), then the district."""
    missing = [y for y in years if y not in have]
    if missing:
        raise InputError(
            f"no household data for {', '.join(map(str, missing))} "
            f"(years in the data: {', '.join(map(str, have))})"
        )
    if communes.strip().lower() == "all":
        units = list(domain.units())
        with_district = True
    else:
        units = [resolve_unit(n.strip()) for n in communes.split(",") if n.strip()]
        with_district = False
    jobs = []
    for y in years:
        jobs += [Job(y, u.name, u.slug, lang, to) for u in units]
        if with_district:
            jobs.append(Job(y, None, domain.district()["slug"], lang, to))
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


class DataView:
    """The prepared data, loaded only when needed: when the processed copy is current,
    the years and each report's data digest come from a small cache beside it, so a
    batch with nothing to do never reads the tables."""

    CACHE = "report-digests.json"

    def __init__(self, raw: Path, processed: Path | None) -> None:
        self.raw, self.processed = raw, processed
        self._data: Dataset | None = None
        self._cache: dict = {"basis": None, "years": None, "digests": {}}
        self._basis: str | None = None
        self._dirty = False
        if processed is None:
            return
        if not is_current(processed, raw):
            self._data = load(raw, processed)  # prepare now: writes the processed copy
        self._basis = file_sha256(processed / PROCESSED_MANIFEST)
        try:
            cached = json.loads((processed / self.CACHE).read_text(encoding="utf-8"))
            if cached.get("basis") == self._basis:
                self._cache = cached
        except (OSError, ValueError):
            pass
        self._cache["basis"] = self._basis

    @property
    def data(self) -> Dataset:
        if self._data is None:
            self._data = load(self.raw, self.processed)
        return self._data

    def years(self) -> list[int]:
        if self._cache.get("years") is None:
            self._cache["years"] = self.data.years()
            self._dirty = True
        return list(self._cache["years"])

    def digest(self, year: int, commune: str | None) -> str:
        key = f"{year}|{commune or ''}"
        if key not in self._cache["digests"]:
            self._cache["digests"][key] = self.data.fingerprint(year, commune)[0]
            self._dirty = True
        return self._cache["digests"][key]

    def save(self) -> None:
        if self._dirty and self._basis is not None and self.processed is not None:
            text = json.dumps(self._cache, indent=1, sort_keys=True, ensure_ascii=False)
            atomic.write_text(self.processed / self.CACHE, text + "\n")


# --- the manifest -----------------------------------------------------------------------


def manifest_path(out: Path, year: int) -> Path:
    return out / str(year) / "manifest.json"


def read_manifest(out: Path, year: int) -> dict[str, dict]:
    path = manifest_path(out, year)
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("reports", {})
    except (OSError, ValueError):
        return {}  # a damaged manifest only means everything is rendered again


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


# --- rendering one job (runs in a worker process) -----------------------------------------


def render_job(
    job: Job, raw: str, out: str, processed: str | None, engine: str = "inprocess"
) -> Result:
    """Render one job; never raises: a failure comes back as a Result with its error."""
    from reportkit.execute import ReportExecutionError
    from reportkit.render import render_report

    start = time.perf_counter()
    try:
        written = render_report(
            job.commune,
            job.year,
            to=job.to,
            lang=job.lang,
            raw_dir=Path(raw),
            out_dir=Path(out),
            processed_dir=Path(processed) if processed else None,
            engine=engine,
        )
    except ReportExecutionError as exc:
        return Result(
            job,
            False,
            time.perf_counter() - start,
            error=str(exc),
            notebook=_rel(exc.notebook, Path(out)),
        )
    except Exception as exc:  # isolation: any failure of one report is reported, not raised
        first = (str(exc).splitlines() or [""])[0]
        return Result(
            job, False, time.perf_counter() - start, error=f"{type(exc).__name__}: {first}"
        )
    return Result(
        job, True, time.perf_counter() - start, outputs={fmt: p.name for fmt, p in written.items()}
    )


def _rel(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# --- executors ----------------------------------------------------------------------------


Submit = Callable[[Job], Future]


def _local_results(
    jobs: list[Job], workers: int, args: tuple[str, str, str | None, str]
) -> Iterator[Result]:
    """Results as they finish, from a pool of fresh interpreters. If a worker dies (a
    kernel or interpreter crash), the pool breaks: the jobs it lost are retried one by one,
    each alone in a new pool, so only the job that kills its worker fails."""
    lost: list[Job] = []
    yield from _pool_results(jobs, workers, args, lost)
    for job in lost:
        again: list[Job] = []
        yield from _pool_results([job], 1, args, again)
        for j in again:
            yield Result(j, False, 0.0, error="the worker process died while rendering this report")


def _pool_results(
    jobs: list[Job], workers: int, args: tuple[str, str, str | None, str], lost: list[Job]
) -> Iterator[Result]:
    ctx = get_context("spawn")  # fresh interpreters: no forked kernel or zmq state
    with ProcessPoolExecutor(max_workers=max(1, workers), mp_context=ctx) as pool:
        futures: dict[Future, Job] = {pool.submit(render_job, j, *args): j for j in jobs}
        waiting = set(futures)
        while waiting:
            done, waiting = wait(waiting, return_when=FIRST_COMPLETED)
            for f in done:
                try:
                    yield f.result()
                except BrokenProcessPool:
                    lost.append(futures[f])


def _dask_results(
    jobs: list[Job], address: str, args: tuple[str, str, str | None, str]
) -> Iterator[Result]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise InputError(
            "--scheduler needs dask.distributed: pip install 'reportkit[distributed]'"
        ) from None
    try:
        client = Client(address, timeout="10s")
    except OSError as exc:
        raise InputError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        futures = [
            client.submit(render_job, j, *args, key=f"render-{j.year}-{j.name}", pure=False)
            for j in jobs
        ]
        for f in as_completed(futures):
            try:
                yield f.result()
            except Exception as exc:  # the worker itself died
                job = jobs[futures.index(f)]
                yield Result(job, False, 0.0, error=f"{type(exc).__name__}: {exc}")


# --- the batch ----------------------------------------------------------------------------


@contextlib.contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """One batch per output folder at a time: a second one is refused with a clear message."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK_NAME
    fh = open(path, "a+")  # noqa: SIM115 - held for the whole batch
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
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
    years: list[int],
    *,
    communes: str = "all",
    to: tuple[str, ...] = ("html", "pdf"),
    lang: str = "vi",
    workers: int | None = None,
    scheduler: str | None = None,
    force: bool = False,
    processed: Path | None = None,
    engine: str = "inprocess",
    progress: Callable[[Result | None, int, int], None] | None = None,
) -> BatchSummary:
    start = time.perf_counter()
    processed = processed if processed is not None else default_processed_dir(raw)
    with output_lock(out):
        atomic.remove_stale_temps(out)  # left by a batch that was killed
        view = DataView(raw, processed)
        jobs = plan(view.years(), years, communes, lang, to)
        code = code_fingerprint()
        keys = {j: job_key(j, view.digest(j.year, j.commune), code) for j in jobs}
        view.save()
        manifests = {y: read_manifest(out, y) for y in years}
        todo = [
            j
            for j in jobs
            if force or not is_up_to_date(j, keys[j], manifests[j.year].get(j.name), out)
        ]
        skipped = [j for j in jobs if j not in todo]
        args = (str(raw), str(out), str(processed) if processed else None, engine)
        n_workers = workers or os.cpu_count() or 1
        results: list[Result] = []
        if todo:
            data = view.data  # loaded (and prepared if stale) once, before the workers start
            if progress:
                progress(None, 0, len(todo))
            stream = (
                _dask_results(todo, scheduler, args)
                if scheduler
                else _local_results(todo, min(n_workers, len(todo)), args)
            )
            for result in stream:
                results.append(result)
                if result.ok:
                    _record(out, data, result, keys[result.job], manifests[result.job.year], code)
                if progress:
                    progress(result, len(results), len(todo))
        changed = {r.job.year for r in results}
        for y in years:
            if y in changed or not is_published(out, y):
                publish_year(out, view.data, y, manifests[y], code)
        if changed or not (out / "index.html").exists():
            publish_index(out, view.data)
    return BatchSummary(results, skipped, time.perf_counter() - start)


def _record(out: Path, data: Dataset, result: Result, key: str, manifest: dict, code: dict) -> None:
    job = result.job
    folder = out / str(job.year)
    _, files = data.fingerprint(job.year, job.commune)
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
        "notebook": f"notebooks/{job.name}.ipynb",
        "git_commit": git_commit(),
        "versions": library_versions(),
        "render_seconds": round(result.seconds, 2),
    }
    write_manifest(out, data, job.year, manifest, code)


def write_manifest(out: Path, data: Dataset, year: int, manifest: dict, code: dict) -> None:
    body = {
        "year": year,
        "reportkit_version": __version__,
        "git_commit": git_commit(),
        "code": code,
        "raw_files": dict(sorted(data.sources.items())),
        "reports": dict(sorted(manifest.items())),
    }
    atomic.write_text(
        manifest_path(out, year), json.dumps(body, indent=2, ensure_ascii=False) + "\n"
    )


# --- publishing: summary.xlsx, the zip, index.html -----------------------------------------


def year_tables(data: Dataset, year: int) -> dict[str, pd.DataFrame]:
    """Every figure table of a year, one sheet each, for officials who work in Excel."""
    v = data.validation
    if not v.empty:
        v = v.loc[
            (v["year"].isna() | (v["year"] == year)) & ~v["column"].isin(domain.personal_columns())
        ]
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
    tables["validation"] = v
    return tables


def is_published(out: Path, year: int) -> bool:
    folder = out / str(year)
    return all(
        (folder / n).is_file() for n in ("manifest.json", "summary.xlsx", f"reports-{year}.zip")
    )


def publish_year(out: Path, data: Dataset, year: int, manifest: dict, code: dict) -> None:
    folder = out / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    write_manifest(out, data, year, manifest, code)
    atomic.write_bytes(folder / "summary.xlsx", frames_to_xlsx(year_tables(data, year)))
    members = sorted(
        p for p in folder.iterdir() if p.suffix in (".html", ".pdf") and not p.name.startswith(".")
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in members:
            info = zipfile.ZipInfo(f"reports-{year}/{p.name}", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, p.read_bytes())
    atomic.write_bytes(folder / f"reports-{year}.zip", buf.getvalue())


def publish_index(out: Path, data: Dataset) -> None:
    """outputs/index.html: every report by year and unit, with key figures and data status."""
    from reportkit.index import index_html

    years = sorted(int(p.name) for p in out.iterdir() if p.is_dir() and p.name.isdigit())
    manifests = {y: read_manifest(out, y) for y in years}
    atomic.write_text(out / "index.html", index_html(data, manifests))
