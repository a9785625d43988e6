"""Where the jobs run, behind one interface (:class:`Executor`: jobs, data and options in,
Results out as they finish): :class:`LocalPool` (processes on this machine),
:class:`DaskCluster` (a Dask cluster) and :class:`ThisProcess` (no worker), one module
each."""

from reportkit.run.batch.executors.base import (
    REPORT_TIMEOUT,
    WORKER_DIED,
    Executor,
    RenderOptions,
    Result,
    render_job,
)
from reportkit.run.batch.executors.dask import DATA_LOST, WORKER_TIMEOUT, DaskCluster
from reportkit.run.batch.executors.here import ThisProcess
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
    "ThisProcess",
    "render_job",
]
