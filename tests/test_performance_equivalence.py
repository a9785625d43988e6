"""Results the vectorised paths (integer-coded review summary, per-distinct-value cleaning,
categorical statuses) must keep giving, with literal expected values."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from rawfiles import hh_row, raw_folder

from reportkit import domain
from reportkit.data.classify import add_rule_status, status_differs
from reportkit.data.prepare import prepare, read_processed, write_processed
from reportkit.figures.indicators import household_figures
from reportkit.figures.transitions import TRANSITIONS, review_summary

NA = None


def _rows(frame: pd.DataFrame) -> list[list[object]]:
    return [[None if pd.isna(v) else int(v) for v in row] for row in frame.to_numpy().tolist()]


def test_review_summary_by_commune_and_village(panel) -> None:
    out = review_summary(panel.households, 2023, ["commune", "village"])
    assert list(out.index) == [("Hàm Thạnh", "Thôn 1"), ("Hàm Thạnh", "Thôn 2")]
    assert list(out.index.names) == ["commune", "village"]
    assert list(out.columns) == TRANSITIONS
    assert _rows(out) == [[3, 1, 1, 2, 0], [0, 0, 0, 0, 2]]


def test_review_summary_fixed_groups_zero_and_null(panel) -> None:
    # Thôn 9 has no rows in 2022: no list to compare with, so nulls rather than zeros.
    groups = pd.Index(["Thôn 9", "Thôn 2", "Thôn 1"])
    out = review_summary(panel.households, 2023, ["village"], groups=groups)
    assert list(out.index) == ["Thôn 1", "Thôn 2", "Thôn 9"]
    assert str(out["escaped"].dtype) == "Int64"
    assert _rows(out) == [[3, 1, 1, 2, 0], [0, 0, 0, 0, 2], [NA, NA, NA, NA, NA]]


def test_review_summary_with_baseline(panel) -> None:
    hh = panel.households
    sub = hh.loc[hh["ethnic_minority"] == 1]  # D and E
    out = review_summary(sub, 2023, ["commune"], baseline=hh)
    assert _rows(out) == [[0, 0, 0, 1, 1]]
    assert _rows(review_summary(sub, 2023, ["commune"])) == [[0, 0, 0, 1, 1]]  # D in 2022
    only_e = hh.loc[hh["household_id"] == "E"]  # no 2022 row: nothing to compare with
    assert _rows(review_summary(only_e, 2023, ["commune"])) == [[NA, NA, NA, NA, NA]]
    assert _rows(review_summary(only_e, 2023, ["commune"], baseline=hh)) == [[0, 0, 0, 0, 1]]


def test_review_summary_keeps_working_on_object_statuses(panel) -> None:
    hh = panel.households.assign(recorded_status=panel.households["recorded_status"].astype(object))
    assert _rows(review_summary(hh, 2022, ["commune"])) == [[3, 1, 1, 0, 2]]


def test_two_rows_of_one_household_in_a_year_are_refused(panel) -> None:
    hh = panel.households
    twice = pd.concat([hh, hh.loc[(hh["household_id"] == "A") & (hh["year"] == 2023)]])
    with pytest.raises(ValueError, match="does not match length"):
        review_summary(twice, 2023, ["commune"])


def test_add_rule_status_columns(panel) -> None:
    hh = panel.households
    assert hh["deprivations"].dtype == "int64"
    assert hh["standard"].astype(str).unique().tolist() == ["2022-2025"]
    assert list(hh["rule_status"].cat.categories) == list(domain.RULE_STATUSES)
    assert hh["deprivations"].tolist()[:3] == [3, 3, 3]


def test_add_rule_status_does_not_change_its_input(panel) -> None:
    hh = panel.households.drop(columns=["deprivations", "standard", "rule_status"])
    before = hh.copy()
    add_rule_status(hh)
    pd.testing.assert_frame_equal(hh, before)


def test_status_differs_matches_text_comparison() -> None:
    cats = list(domain.STATUSES)
    a = pd.Series(pd.Categorical(["poor", "none", "average"], categories=cats))
    b = pd.Series(pd.Categorical(["poor", "average", "average"], categories=cats))
    assert status_differs(a, b).tolist() == [False, True, False]
    assert status_differs(a.astype(object), b).tolist() == [False, True, False]


def test_prepared_statuses_are_categorical_and_survive_parquet(tmp_path: Path) -> None:
    rows = [
        hh_row("H1", ticks=2, status="poor"),  # the rules say near-poor
        hh_row("H2", ticks=3, status="Hộ nghèo"),
        hh_row("H3", income=5_000_000, ticks=0, status="Không nghèo"),
    ]
    raw = raw_folder(tmp_path, rows)
    data = prepare(raw)
    hh = data.households
    assert isinstance(hh["recorded_status"].dtype, pd.CategoricalDtype)
    assert list(hh["recorded_status"].cat.categories) == list(domain.STATUSES)
    assert hh["recorded_status"].tolist() == ["poor", "poor", "none"]
    assert hh["rule_status"].astype(str).tolist() == ["near_poor", "poor", "none"]
    mism = data.validation.loc[data.validation["column"] == "recorded_status"]
    assert mism["value"].tolist() == ["poor"]
    fig = household_figures(data, 2023)
    unit = fig.loc[fig["commune"] == "Hàm Thạnh", ["reviewed", "poor", "status_mismatches"]]
    assert unit.values.tolist() == [[3, 2, 1]]

    out = tmp_path / "processed"
    write_processed(data, out, raw)
    loaded = read_processed(out)
    assert loaded.households["recorded_status"].tolist() == ["poor", "poor", "none"]
    for commune in (None, "Hàm Thạnh"):
        assert loaded.fingerprint(2023, commune) == data.fingerprint(2023, commune)
    pd.testing.assert_frame_equal(household_figures(loaded, 2023), fig)
