"""Shared builders for small hand-made datasets."""

from __future__ import annotations

import pandas as pd
import pytest

from reportkit import domain
from reportkit.data.classify import add_rule_status
from reportkit.data.prepare import Dataset

INDICATORS = domain.indicator_columns()


def household(
    year: int,
    hid: str,
    status: str,
    *,
    commune: str = "Hàm Thạnh",
    village: str = "Thôn 1",
    income: float = 1_000_000,
    deprivations: int = 3,
    ethnic_minority: int = 0,
) -> dict[str, object]:
    """One household row; the first ``deprivations`` indicators are ticked."""
    row: dict[str, object] = {
        "year": year,
        "household_id": hid,
        "commune": commune,
        "village": village,
        "members": 4,
        "income_per_capita": income,
        "recorded_status": status,
        "score_b": 10 * deprivations,
        "ethnic_minority": ethnic_minority,
        "agri_sector": 0,
        "no_labour": 0,
        "_file": "households.csv",
        "_row": 2,
    }
    for i, col in enumerate(INDICATORS):
        row[col] = int(i < deprivations)
    return row


def make_dataset(rows: list[dict[str, object]], population: dict[tuple[int, str], int]) -> Dataset:
    hh = add_rule_status(pd.DataFrame(rows))
    pop = pd.DataFrame(
        [{"year": y, "commune": c, "households": n} for (y, c), n in population.items()]
    )
    empty = {
        name: pd.DataFrame(columns=domain.tables()[name].column_names)
        for name in ("budget", "trainings", "monitoring", "targets")
    }
    return Dataset(
        tables={"households": hh, "population": pop, **empty}, validation=pd.DataFrame(), sources={}
    )


@pytest.fixture
def panel() -> Dataset:
    """Eight households of Hàm Thạnh over three review years (see test_review_summary)."""
    spec = {  # household: status in 2021, 2022, 2023 (None = not reviewed that year)
        "A": ("poor", "poor", "poor"),
        "B": (None, "poor", "near_poor"),
        "C": (None, "poor", None),
        "D": ("poor", "average", "poor"),
        "E": (None, None, "poor"),
        "F": (None, "near_poor", "poor"),
        "G": ("poor", None, "poor"),
        "H": (None, "average", "average"),
    }
    rows = []
    for hid, statuses in spec.items():
        for year, status in zip((2021, 2022, 2023), statuses, strict=True):
            if status is not None:
                village = "Thôn 2" if hid in ("E", "F", "H") else "Thôn 1"
                rows.append(
                    household(
                        year, hid, status, village=village, ethnic_minority=int(hid in ("D", "E"))
                    )
                )
    pop = {(y, "Hàm Thạnh"): 200 for y in (2021, 2022, 2023)}
    return make_dataset(rows, pop)
