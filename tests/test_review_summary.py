"""The review summary against the previous year on a hand-made panel.

Hàm Thạnh, statuses by year (2021, 2022, 2023):
A poor, poor, poor          — stays poor
B –, poor, near-poor        — escaped in 2023
C –, poor, –                — removed in 2023 (absent)
D poor, average, poor       — fell back in 2023 (poor in 2021)
E –, –, poor                — new poor in 2023
F –, near-poor, poor        — new poor in 2023 (never poor before)
G poor, –, poor             — fell back in 2023 (absent in 2022, poor in 2021)
H –, average, average       — never poor
2023: start (poor 2022) = A, B, C = 3; escaped 1 (B); removed 1 (C); fell back 2 (D, G);
new 2 (E, F); end = 3 − 1 − 1 + 2 + 2 = 5 = A, D, E, F, G.
2022: start (poor 2021) = A, D, G = 3; escaped 1 (D); removed 1 (G); new 2 (B, C); end 3.
"""

import pandas as pd
import pytest
from conftest import make_dataset
from rawfiles import OLD_UNITS

from reportkit.figures.indicators import (
    coverage,
    household_figures,
    subgroup_figures,
    village_summary,
)


def _row(frame, commune="Hàm Thạnh"):
    return frame.loc[frame["commune"] == commune].iloc[0]


SUMMARY = ("poor_start", "escaped", "removed", "fell_back", "new_poor", "poor")
"""The review summary's columns: the start, the four changes, the end."""


@pytest.mark.parametrize(
    ("year", "counts"),
    [(2023, (3, 1, 1, 2, 2, 5)), (2022, (3, 1, 1, 0, 2, 3))],  # as the docstring counts
)
def test_transition_counts(panel, year: int, counts: tuple[int, ...]) -> None:
    r = _row(household_figures(panel, year))
    assert {k: r[k] for k in SUMMARY} == dict(zip(SUMMARY, counts, strict=True))


def test_first_year_has_no_baseline(panel) -> None:
    r = _row(household_figures(panel, 2021))
    assert [r[k] is pd.NA for k in SUMMARY[:-1]] == [True, True, True, True, True]


def test_counts_and_rates_per_100_resident_households(panel) -> None:
    r = _row(household_figures(panel, 2023))
    # 2023 reviewed: A B D E F G H = 7; poor 5, near-poor 1 (B), average 1 (H); 200 households.
    assert (r["reviewed"], r["poor"], r["near_poor"], r["average"]) == (7, 5, 1, 1)
    assert (r["poor_rate"], r["near_poor_rate"]) == (2.5, 0.5)


def test_district_total_row_has_null_commune_and_sums(panel) -> None:
    # Every registry unit with the panel's Hàm Thạnh households copied under its name.
    rows = [
        {**r, "commune": unit} for unit in OLD_UNITS for r in panel.households.to_dict("records")
    ]
    data = make_dataset(rows, {(y, u): 200 for y in (2021, 2022, 2023) for u in OLD_UNITS})
    total = household_figures(data, 2023).iloc[-1]
    assert total["commune"] is None
    assert total["missing_units"] is None
    # 13 units × (200 households, 5 poor, 2 fell back): 2,600, 65, 26; rate 65/2600 = 2.5 %.
    assert (total["households"], total["poor"], total["fell_back"]) == (2600, 65, 26)
    assert total["poor_rate"] == 2.5


def test_the_area_total_covers_the_units_with_data(panel) -> None:
    # The panel holds Hàm Thạnh only: the other 12 units sent no data for 2023, so they do
    # not take part; the total is Hàm Thạnh's and the coverage says 1 of the 13 units.
    f = household_figures(panel, 2023)
    assert f["commune"].tolist() == ["Hàm Thạnh", None]
    keys = ["reviewed", "poor", "households"]
    assert [int(f.iloc[-1][k]) for k in keys] == [int(f.iloc[0][k]) for k in keys]
    assert f.iloc[-1]["missing_units"] is None
    assert coverage(panel, 2023) == (1, 13)


def test_a_unit_with_population_but_no_household_rows_nulls_the_total(panel) -> None:
    hh = panel.households.loc[panel.households["year"] == 2023]
    pop = {(2023, "Hàm Thạnh"): 200, (2023, "Hàm Cường"): 150}
    rows = hh.drop(columns=["deprivations", "standard", "rule_status"]).to_dict("records")
    data = make_dataset(rows, pop)
    f = household_figures(data, 2023)
    total = f.iloc[-1]
    assert [total[k] is pd.NA for k in ("reviewed", "poor")] == [True] * 2
    assert total["households"] == 350  # both sent their resident households
    assert total["missing_units"] == "Hàm Cường"
    cuong = f.loc[f["commune"] == "Hàm Cường"].iloc[0]
    assert cuong["missing_tables"] == "households"
    assert cuong["poor"] is pd.NA and pd.isna(cuong["poor_rate"])
    assert coverage(data, 2023) == (2, 13)


def test_village_split_keeps_the_identity(panel) -> None:
    v = village_summary(panel, 2023, "Hàm Thạnh").set_index("village")
    # Thôn 1: A B C D G → start A B C = 3, escaped B, removed C, fell back D G → end 3.
    # Thôn 2: E F H → start 0, new E F → end 2.
    assert v.loc["Thôn 1", list(SUMMARY)].tolist() == [3, 1, 1, 2, 0, 3]
    assert v.loc["Thôn 2", list(SUMMARY)].tolist() == [0, 0, 0, 0, 2, 2]


def test_ethnic_minority_split(panel) -> None:
    # Ethnic-minority households: D (fell back) and E (new) → 2023 start 0, end 2.
    em = subgroup_figures(panel, 2023, "ethnic_minority")
    r = em.loc[em["commune"] == "Hàm Thạnh"].iloc[0]
    assert [r[k] for k in SUMMARY] == [0, 0, 0, 1, 1, 2]
