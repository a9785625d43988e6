"""A Dask cluster (:class:`DaskCluster`): ``reportkit batch --scheduler tcp://HOST:PORT``."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError
from typing import TYPE_CHECKING

from reportkit.core.errors import BatchTimeoutError, InputError
from reportkit.run.batch.executors.base import WORKER_DIED, Executor, Result, render_job

if TYPE_CHECKING:
    from reportkit.data.prepare import Dataset
    from reportkit.run.batch.executors.base import RenderOptions
    from reportkit.run.batch.plan import Job

DATA_LOST = "not rendered: every Dask worker that held the data was lost"
WORKER_TIMEOUT = 120.0
"""Default seconds a batch waits for a first worker to join a Dask scheduler without any."""


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
