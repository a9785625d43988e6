"""Programme money of the fictional province and the training events it paid for: 2025,
the last year of the 2021–2025 programme (Decision 90/QĐ-TTg), as the demo's successor
communes have it; nothing for 2026 (the 2026–2030 programme's lines are not in the data)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from scripts.demo_data.programme import (
    ACTIVITY_2025,
    commune_event,
    training_event,
    trainings_table,
)
from scripts.demo_data.registry import in_unit_order

from .units import SOURCE, Commune

PROGRAMME_YEAR = 2025
BUDGET_COLUMNS = [
    "year",
    "commune",
    "project",
    "activity",
    "allocated_vnd",
    "disbursed_vnd",
    "source",
]
# Lines of a commune: project -> (chance that a commune has it, allocation range in VND).
# Upland communes (mostly ethnic-minority households) get production support and housing;
# a few xã are coastal (infrastructure of coastal communes, Project 1).
COMMUNE_LINES: dict[str, tuple[float, tuple[float, float]]] = {
    "DA6": (1.0, (8e6, 22e6)),
    "DA4": (0.45, (6e7, 1.8e8)),
    "DA2": (0.2, (1.5e8, 3.5e8)),
    "DA7.TDA1": (1.0, (45e6, 80e6)),
    "DA7.TDA2": (1.0, (30e6, 55e6)),
}
UPLAND_LINES = {"DA3": (2.5e8, 6.0e8), "DA5": (2.0e8, 4.8e8)}
COASTAL_LINE = ("DA1", (1.1e9, 2.4e9))
COASTAL_SHARE = 0.1
# The province's own lines (commune empty): capacity building, monitoring and evaluation.
PROVINCE_LINES = {"DA7.TDA1": (4.0e8, 6.0e8), "DA7.TDA2": (2.5e8, 4.0e8)}
PROVINCE_ACTIVITY = {
    "DA7.TDA1": "Tập huấn nâng cao năng lực thực hiện Chương trình cho cán bộ tỉnh, xã, phường",
    "DA7.TDA2": "Giám sát, đánh giá của tỉnh; lớp tập huấn rà soát hộ nghèo cho rà soát viên",
}
EVENT_TITLES = {
    "DA7.TDA1": "Hội nghị tập huấn nâng cao năng lực thực hiện Chương trình MTQG giảm nghèo"
    " bền vững năm 2025",
    "DA7.TDA2": "Lớp tập huấn nghiệp vụ rà soát hộ nghèo, hộ cận nghèo năm 2025",
}


def thousands(x: float) -> int:
    """``x`` rounded to a thousand đồng."""
    return int(round(x / 1000) * 1000)


def make_budget_and_trainings(
    communes: list[Commune], seed: int, years: tuple[int, ...]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The budget lines and training events of 2025 (empty tables without 2025)."""
    rng = np.random.default_rng([seed, 7])
    budget: list[tuple[Any, ...]] = []
    events: list[dict[str, Any]] = []
    if PROGRAMME_YEAR not in years:
        return pd.DataFrame(columns=BUDGET_COLUMNS), pd.DataFrame(events)
    year = PROGRAMME_YEAR

    def date(first_month: int, last_month: int) -> str:
        month = int(rng.integers(first_month, last_month + 1))
        return f"{year}-{month:02d}-{int(rng.integers(1, 29)):02d}"

    def spend(commune: str, project: str, low: float, high: float) -> None:
        """One budget line, and the events it paid for."""
        allocated = thousands(rng.uniform(low, high))
        disbursed = thousands(allocated * rng.uniform(0.5, 0.97))
        event: tuple[str, str, int, float] | None = None  # (date, title, people, share)
        if project in EVENT_TITLES:  # Project 7: a conference / the review course
            people = int(rng.integers(45, 95) if commune else rng.integers(180, 320))
            event = (date(7, 9), EVENT_TITLES[project], people, rng.uniform(0.7, 0.95))
        elif project in ("DA4", "DA6") and rng.random() < 0.5:
            title, people = commune_event(rng, project)
            event = (date(7, 12), title, people, rng.uniform(0.4, 0.9))
        if event is not None:
            when, title, people, share = event
            cost = thousands(disbursed * share)
            events.append(training_event(year, when, commune, project, title, people, cost))
        activity = ACTIVITY_2025[project] if commune else PROVINCE_ACTIVITY[project]
        budget.append((year, commune, project, activity, allocated, disbursed, SOURCE))

    for project, (low, high) in PROVINCE_LINES.items():
        spend("", project, low, high)
    for c in communes:
        lines = {p: r for p, (chance, r) in COMMUNE_LINES.items() if rng.random() < chance}
        if c.params.em_share >= 0.3:
            lines |= UPLAND_LINES
        if c.kind == "xã" and rng.random() < COASTAL_SHARE:
            lines[COASTAL_LINE[0]] = COASTAL_LINE[1]
        for project in sorted(lines):
            spend(c.name, project, *lines[project])
    names = [c.name for c in communes]
    b = in_unit_order(
        pd.DataFrame(budget, columns=BUDGET_COLUMNS), names, ["year", "_o", "project"]
    )
    return b, trainings_table(events, names).assign(source=SOURCE)
