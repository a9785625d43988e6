"""Stage timings (reportkit.core.stages) and how `reportkit batch --timings` prints them, on a
clock moved by hand: each stage counts its own time, nested stages apart."""

from __future__ import annotations

import pytest

from reportkit.core import stages
from reportkit.core.stages import Times
from reportkit.run.batch import BatchSummary, Job, Result


class Clock:
    """Stands in for the ``time`` module: wall seconds as set, CPU seconds half of them."""

    def __init__(self) -> None:
        self.now = 0.0

    def perf_counter(self) -> float:
        return self.now

    def process_time(self) -> float:
        return self.now / 2


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(stages, "time", fake)
    return fake


def test_a_nested_stage_is_taken_out_of_the_outer_one(clock) -> None:
    with stages.collected() as times:
        with stages.stage("run cells"):
            clock.now += 1.0
            with stages.stage("charts"):
                clock.now += 0.5
            clock.now += 0.25
        with stages.stage("charts"):
            clock.now += 0.5
    assert times == {"charts": Times(1.0, 0.5), "run cells": Times(1.25, 0.625)}
    assert list(times) == ["run cells", "charts"]  # in the order they started


def test_outside_a_collection_a_stage_only_runs_its_block(clock) -> None:
    ran = []
    with stages.stage("charts"):
        clock.now += 1.0
        ran.append(True)
    with stages.collected() as times:
        pass
    assert ran == [True]
    assert times == {}


def test_collections_nest_and_keep_their_own_stages(clock) -> None:
    with stages.collected() as outer:
        with stages.stage("write"):
            clock.now += 1.0
        with stages.collected() as inner, stages.stage("charts"):
            clock.now += 2.0
    assert outer == {"write": Times(1.0, 0.5)}
    assert inner == {"charts": Times(2.0, 1.0)}


def test_a_stage_that_raises_is_still_counted(clock) -> None:
    with stages.collected() as times, pytest.raises(ValueError), stages.stage("PDF write"):
        clock.now += 0.5
        raise ValueError("bad")
    assert times == {"PDF write": Times(0.5, 0.25)}


def test_batch_timings_print_means_per_report_and_the_batch_stages() -> None:
    job = Job(2023, "Hàm Cần", "ham-can")
    first = Result(
        job,
        True,
        3.0,
        stages={"run cells": Times(1.0, 0.75), "PDF write": Times(2.0, 1.0)},
        start_up=Times(4.0, 3.0),
    )
    second = Result(job, True, 1.0, stages={"run cells": Times(0.5, 0.25)}, start_up=Times(2, 1))
    failed = Result(job, False, 9.0, error="boom", stages={"run cells": Times(9.0, 9.0)})
    summary = BatchSummary(
        [first, second, failed], [], 12.5, stages={"prepare/load data": Times(2.0, 1.5)}
    )
    assert summary.timings() == [
        "time per report (mean of 2; wall / CPU seconds):",
        "  run cells                0.75 /  0.50",
        "  PDF write                1.00 /  0.50",
        "  report, in all           1.75 /  1.00",
        "time of the batch (wall / CPU seconds of this process):",
        "  prepare/load data        2.00 /  1.50",
        "  worker start-up (2)      3.00 /  2.00",
        "  batch, in all           12.50",
    ]


def test_batch_timings_with_nothing_rendered_show_the_batch_only() -> None:
    summary = BatchSummary([], [Job(2023, None, "ham-thuan-nam")], 0.25, stages={})
    assert summary.timings() == [
        "time of the batch (wall / CPU seconds of this process):",
        "  batch, in all            0.25",
    ]
