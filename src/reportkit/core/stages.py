"""Where the time goes: named stages of a report or a batch, timed while they run.

A batch worker collects the stages of each report it renders (:func:`collected` around
the report, :func:`stage` around each step: running the cells, drawing the charts,
nbconvert, WeasyPrint's layout, writing the PDF, ...) and sends them back with the report;
the batch process times its own stages (preparing the data, writing, publishing) the same
way. ``reportkit batch --timings`` prints them, and so does benchmarks/batch.py.

Each stage counts its own time only: a stage nested in another (the charts, drawn while
the cells run) is taken out of the outer one. Both the wall-clock time and the process's
CPU time are kept: a wall time well above the CPU time means the process waited (for
the disk, or for a core that other processes kept busy). Outside :func:`collected`,
:func:`stage` does nothing but run its block.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass
class Times:
    """Seconds spent in one stage, summed over the blocks timed under its name."""

    wall: float = 0.0
    cpu: float = 0.0

    def add(self, other: Times) -> None:
        self.wall += other.wall
        self.cpu += other.cpu


@dataclass
class _Open:
    name: str
    wall: float
    cpu: float
    nested: Times = field(default_factory=Times)


@dataclass
class _Collection:
    times: dict[str, Times] = field(default_factory=dict)
    open: list[_Open] = field(default_factory=list)


_current: ContextVar[_Collection | None] = ContextVar("reportkit_stages", default=None)


@contextlib.contextmanager
def collected() -> Iterator[dict[str, Times]]:
    """Collect the stages timed within the block into the dict yielded (stage → Times,
    in the order the stages first started). Collections nest: an inner one has its own."""
    collection = _Collection()
    token = _current.set(collection)
    try:
        yield collection.times
    finally:
        _current.reset(token)


@contextlib.contextmanager
def stage(name: str) -> Iterator[None]:
    """Time the block as the stage ``name`` of the current collection, if any."""
    collection = _current.get()
    if collection is None:
        yield
        return
    collection.times.setdefault(name, Times())  # listed in the order the stages start
    opened = _Open(name, time.perf_counter(), time.process_time())
    collection.open.append(opened)
    try:
        yield
    finally:
        collection.open.pop()
        spent = Times(time.perf_counter() - opened.wall, time.process_time() - opened.cpu)
        if collection.open:
            collection.open[-1].nested.add(spent)
        own = Times(spent.wall - opened.nested.wall, spent.cpu - opened.nested.cpu)
        collection.times[name].add(own)
