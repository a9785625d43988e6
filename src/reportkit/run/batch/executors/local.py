"""Worker processes on this machine (:class:`LocalPool`), started by the batch and ending
with it: on Linux forked ready to render by a zygote (:class:`_Zygote`), elsewhere
spawned."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import signal
import socket
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from multiprocessing import get_context
from multiprocessing.connection import Connection, Pipe
from multiprocessing.connection import wait as wait_for_any
from multiprocessing.process import BaseProcess
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


FORK = sys.platform.startswith("linux")
"""Whether workers are forked by a zygote (:class:`_Zygote`) rather than spawned."""


class LocalPool(Executor):
    """Fresh interpreters on this machine (no forked kernel or zmq state of the batch
    process), each rendering one report at a time: forked by the pool's zygote, ready to
    render, on Linux (:data:`FORK`), spawned elsewhere. A worker that dies takes only its own
    report with it: a new worker retries that report once (noted in its Result), a second
    death fails it. Workers end with the batch process, even when it is killed
    (:func:`_die_with_parent`).
    """

    def __init__(self, workers: int, timeout: float | None = None) -> None:
        super().__init__(timeout)
        self.workers = max(1, workers)
        self._ctx = get_context("spawn")
        self._zygote: _Zygote | None = None
        self._ready: list[_Worker] = []  # started ahead of the jobs (start)

    def start(self, at_most: int) -> None:
        """Get ready to render while this process is still preparing the data and planning
        the jobs (``render.warm_up``): the zygote, once for all the workers it will fork,
        or, where workers are spawned, each worker for itself."""
        if FORK:
            self._zygote = self._zygote or _Zygote(self._ctx)
            return
        wanted = min(self.workers, at_most) - len(self._ready)
        self._ready.extend(self._new_worker() for _ in range(max(0, wanted)))

    def _new_worker(self) -> _Worker:
        if FORK:
            self._zygote = self._zygote or _Zygote(self._ctx)
            worker = self._zygote.fork()
            if worker is not None:
                return worker
        return _Worker.spawn(self._ctx)  # or when the zygote died

    def close(self) -> None:
        """End the workers started ahead that no job needed (they hold nothing), and the
        zygote."""
        ready, self._ready = self._ready, []
        for worker in ready:
            worker.kill()
            worker.close()
        if self._zygote is not None:
            self._zygote.close()
            self._zygote = None

    def results(self, jobs: list[Job], data: Dataset, options: RenderOptions) -> Iterator[Result]:
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
            idle.extend(self._new_worker() for _ in range(max(0, wanted)))
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
                waiting = list(dict.fromkeys([w.conn for w in busy] + [w.sentinel for w in busy]))
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
    worker's first job. A spawned worker's end shows on its sentinel; a forked one's (not
    this process's child) as its end of the pipe closing."""

    def __init__(self, conn: Connection, pid: int, process: BaseProcess | None = None) -> None:
        self.conn, self.pid, self.process = conn, pid, process
        self.sentinel = process.sentinel if process is not None else conn
        self.has_data = False

    @classmethod
    def spawn(cls, ctx) -> _Worker:  # type: ignore[no-untyped-def]
        conn, child = ctx.Pipe()
        process = ctx.Process(
            target=_worker_main,
            args=(child, os.getpid(), Times(0.0, 0.0), time.time()),
            name="reportkit-worker",
            daemon=True,
        )
        process.start()
        child.close()
        return cls(conn, process.pid, process)

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
        if self.process is not None:
            self.process.kill()
        else:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)

    def close(self) -> None:
        """Wait for the process to end (killing it after a few seconds); close the pipe."""
        if self.process is not None:
            self.process.join(timeout=5)
            if self.process.is_alive():
                self.process.kill()
                self.process.join()
        elif not _ended(self.pid, timeout=5):
            self.kill()
        self.conn.close()


def _ended(pid: int, timeout: float) -> bool:
    """Whether the process ``pid`` (a forked worker: the zygote reaps it) is gone, waiting
    up to ``timeout`` seconds for it."""
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.01)
    return True


class _Zygote:
    """A fresh interpreter, spawned, that gets ready to render once (``render.warm_up``:
    the libraries imported, the template compiled, the fonts loaded) and then forks each
    worker of the pool, ready to render: two workers no longer each do the same start-up.
    It ends when the pool closes its pipe, or with the batch process."""

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        self.conn, child = ctx.Pipe()  # a socket pair: it carries the workers' pipes too
        self.process = ctx.Process(
            target=_zygote_main,
            args=(child, os.getpid(), time.time()),
            name="reportkit-zygote",
            daemon=True,
        )
        self.process.start()
        child.close()

    def fork(self) -> _Worker | None:
        """A new worker (once the zygote is ready); None when the zygote died."""
        ours, theirs = Pipe()
        try:
            with socket.socket(fileno=os.dup(self.conn.fileno())) as sock:
                socket.send_fds(sock, [b"w"], [theirs.fileno()])
            pid = self.conn.recv()
        except (EOFError, OSError):
            ours.close()
            return None
        finally:
            theirs.close()
        return _Worker(ours, pid)

    def close(self) -> None:
        self.conn.close()  # the zygote ends at the end of its pipe
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def _zygote_main(conn: Connection, batch: int, spawned: float) -> None:
    """A LocalPool's zygote: get ready to render, then fork a worker for each pipe end
    received on ``conn`` (sent with the socket's file-descriptor passing), answering its
    pid, until the pool closes ``conn``. ``spawned``: when the batch started it."""
    _die_with_parent(batch)
    from reportkit.run.render import warm_up

    with contextlib.suppress(Exception):  # a real problem shows in the first report
        warm_up()
    _freeze_heap()
    start_up = Times(time.time() - spawned, time.process_time())
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the system reaps the workers that end
    with socket.socket(fileno=os.dup(conn.fileno())) as sock:
        while True:
            try:
                _, fds, _, _ = socket.recv_fds(sock, 1, 1)
            except OSError:
                break
            if not fds:
                break  # the pool closed the pipe
            pid = os.fork()
            if pid == 0:
                signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                sock.close()
                conn.close()
                _worker_main(Connection(fds[0]), batch, start_up, spawned)
            os.close(fds[0])
            conn.send(pid)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _worker_main(conn: Connection, batch: int, inherited: Times, started: float) -> None:
    """A LocalPool worker: get ready to render (``render.warm_up``, inherited from the
    zygote by a forked worker, and the in-process engine's shell), then render the jobs
    received on ``conn`` until told to stop; never returns. Its start-up: from ``started``
    (when the batch started it or its zygote) to ready, and the CPU time it took (with
    what the zygote spent getting ready, ``inherited``)."""
    _die_with_parent(batch)
    from reportkit.run.engine import ipython_shell
    from reportkit.run.render import warm_up

    with contextlib.suppress(Exception):  # a real problem shows in the first report
        warm_up()
        ipython_shell()
    _freeze_heap()
    start_up: Times | None = Times(time.time() - started, inherited.cpu + time.process_time())
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


def _die_with_parent(batch: int) -> None:
    """End this process when the batch process ``batch`` ends, even by kill -9 (which
    gives it no chance to stop its workers): Linux's parent-death signal, and, for other
    systems, a thread that exits when the parent's pid changes (the orphan is adopted).
    The parent is the batch, or the zygote, which ends with the batch."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent or not _alive(batch):  # gone before the signal was asked for
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False  # another user's process: the pid was reused, ours is gone
    return True


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
