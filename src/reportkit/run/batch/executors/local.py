"""Fresh interpreters on this machine (:class:`LocalPool`), spawned by the batch and ending
with it."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from multiprocessing import get_context
from multiprocessing.connection import Connection
from multiprocessing.connection import wait as wait_for_any
from typing import TYPE_CHECKING

from reportkit.core.stages import Times
from reportkit.run.batch.executors.base import (
    WORKER_DIED,
    Executor,
    RenderOptions,
    Result,
    render_job,
)

if TYPE_CHECKING:
    from reportkit.data.prepare import Dataset
    from reportkit.run.batch.plan import Job


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
