"""The official classification at each income and deprivation boundary (hand-worked)."""

import pytest

from reportkit.data.classify import classify_one

# Review year 2023 → standard 2022–2025 (Decree 07/2021): rural line 1.5 M, urban 2.0 M,
# average-living ceiling 2.25 M rural / 3.0 M urban, poor needs ≥ 3 of 12 deprivations.


@pytest.mark.parametrize(
    ("income", "deprivations", "expected"),
    [
        (1_500_000, 3, "poor"),  # exactly on the rural line, 3 deprivations
        (1_500_000, 2, "near_poor"),  # on the line, 2 deprivations
        (0, 12, "poor"),
        (1_500_001, 12, "average"),  # one đồng above the line: never poor, whatever deprived
        (2_250_000, 0, "average"),  # exactly the rural average-living ceiling
        (2_250_001, 0, "none"),
    ],
)
def test_rural_2022_2025_boundaries(income: int, deprivations: int, expected: str) -> None:
    assert classify_one(income, deprivations, "rural", 2023) == expected


@pytest.mark.parametrize(
    ("income", "deprivations", "expected"),
    [
        (2_000_000, 3, "poor"),  # exactly on the urban line
        (2_000_000, 2, "near_poor"),
        (1_500_001, 3, "poor"),  # above the rural line but below the urban one
        (2_000_001, 12, "average"),
        (3_000_000, 0, "average"),  # exactly the urban ceiling
        (3_000_001, 0, "none"),
    ],
)
def test_urban_2022_2025_boundaries(income: int, deprivations: int, expected: str) -> None:
    assert classify_one(income, deprivations, "urban", 2023) == expected


def test_rule_is_and_not_or_for_2022_2025() -> None:
    # Press sometimes writes "or": a household above the line with many deprivations
    # would then be poor. The decree says "and": it is average.
    assert classify_one(1_600_000, 6, "rural", 2022) == "average"


@pytest.mark.parametrize(
    ("income", "deprivations", "expected"),
    [
        (700_000, 0, "poor"),  # at or below the 2016–2020 rural poverty line: poor, "or" rule
        (700_001, 3, "poor"),  # in the band up to 1.0 M with ≥ 3 of 10 deprivations
        (700_001, 2, "near_poor"),
        (1_000_000, 3, "poor"),
        (1_000_000, 2, "near_poor"),
        (1_000_001, 9, "average"),  # rural average living: 1.0–1.5 M
        (1_500_000, 0, "average"),
        (1_500_001, 0, "none"),
    ],
)
def test_rural_2016_2020_or_rule(income: int, deprivations: int, expected: str) -> None:
    assert classify_one(income, deprivations, "rural", 2019) == expected


@pytest.mark.parametrize(
    ("income", "deprivations", "expected"),
    [
        (900_000, 0, "poor"),
        (1_300_000, 3, "poor"),
        (1_300_000, 2, "near_poor"),
        (1_300_001, 3, "average"),
        (1_950_001, 0, "none"),
    ],
)
def test_urban_2016_2020_or_rule(income: int, deprivations: int, expected: str) -> None:
    assert classify_one(income, deprivations, "urban", 2020) == expected


def test_standard_switches_between_review_years_2020_and_2021() -> None:
    # 1.2 M rural, 0 deprivations: in 2016–2020's average band (1.0–1.5 M) for the 2020
    # review; under 2022–2025 (from the 2021 review) ≤ 1.5 M with < 3 → near-poor.
    assert classify_one(1_200_000, 0, "rural", 2020) == "average"
    assert classify_one(1_200_000, 0, "rural", 2021) == "near_poor"


def test_year_without_standard_is_refused() -> None:
    with pytest.raises(ValueError, match="no poverty standard covers review year 2031"):
        classify_one(1_000_000, 3, "rural", 2031)
