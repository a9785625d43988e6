"""The batch's own process (:class:`ThisProcess`): no worker to start."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reportkit.run.batch.executors.base import Executor, RenderOptions, Result, render_job

if TYPE_CHECKING:
    from reportkit.data.prepare import Dataset
    from reportkit.run.batch.plan import Job


class ThisProcess(Executor):
    """Renders the reports in the batch's own process, one after another (``--workers
    0``): nothing to start, so a handful of reports comes out sooner, and a debugger
    stops inside the report. No isolation: a report that crashes the interpreter ends the
    batch (the reports written so far are kept; the next run renders the rest), and the
    timeout cannot interrupt a report that hangs."""

    def results(self, jobs: list[Job], data: Dataset, options: RenderOptions) -> Iterator[Result]:
        for job in jobs:
            yield render_job(job, data, options)
