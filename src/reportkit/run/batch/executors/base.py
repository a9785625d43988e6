"""What every executor does: run :func:`render_job` for each job and yield its
:class:`Result` as it finishes (:class:`Executor`).

Workers read and write no file: each receives the prepared data from the batch (once per
worker) and sends each report back as bytes (``render.Rendered``); the batch alone writes
outputs, under its lock. So a Dask cluster needs no shared filesystem, and a worker that
dies leaves nothing half-written behind.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportkit.core import stages
from reportkit.core.errors import BatchTimeoutError
from reportkit.core.stages import Times, stage
from reportkit.run.render import RenderOptions

if TYPE_CHECKING:
    from reportkit.data.prepare import Dataset, Fingerprint
    from reportkit.run.batch.plan import Job
    from reportkit.run.render import Rendered

WORKER_DIED = "the worker process died while rendering this report"
REPORT_TIMEOUT = 600.0
"""Default seconds without a finished report before a batch gives up."""


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
    """The worker's start-up (a LocalPool worker's first report only): from its spawn (a
    forked worker: its zygote's) to being ready to render, and the CPU time it took (a
    forked worker's with what its zygote spent getting ready)."""
    fingerprint: Fingerprint | None = None
    """The hashes of the rows the report read (``Dataset.fingerprint``), which the batch
    records in the manifest."""


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
                data, job.commune, job.year, to=job.to, lang=job.lang, **options._asdict()
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


class Executor(ABC):
    """Runs :func:`render_job` for each job and yields the Results as they finish. Raises
    BatchTimeoutError, naming the reports still waiting, when no result comes for
    ``timeout`` seconds (None: wait for ever). A new executor is one subclass in one
    module of this package."""

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
