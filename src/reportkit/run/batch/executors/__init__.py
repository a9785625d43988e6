"""Where the jobs run, behind one interface (:class:`Executor`: jobs, data and options in,
Results out as they finish): :class:`LocalPool` (processes on this machine) and
:class:`DaskCluster` (a Dask cluster), one module each."""

from reportkit.run.batch.executors.base import (
    REPORT_TIMEOUT,
    WORKER_DIED,
    Executor,
    RenderOptions,
    Result,
    render_job,
)
from reportkit.run.batch.executors.dask import DATA_LOST, WORKER_TIMEOUT, DaskCluster
from reportkit.run.batch.executors.local import LocalPool

__all__ = [
    "DATA_LOST",
    "REPORT_TIMEOUT",
    "WORKER_DIED",
    "WORKER_TIMEOUT",
    "DaskCluster",
    "Executor",
    "LocalPool",
    "RenderOptions",
    "Result",
    "render_job",
]
