"""The generator's self-check: the data contract's rules, the review list's share of the
resident households, the panel's churn and the deliberate errors only where intended."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from scripts.demo_data.checks import transitions
from scripts.demo_data.registry import agrees

if TYPE_CHECKING:
    from .build import ProvinceData

LIST_SHARE = (0.15, 0.20)  # reviewed households over resident households, every commune-year


def self_check(data: ProvinceData, domain: dict[str, Any]) -> None:
    """Assert what the generated tables promise (see the package's docstring)."""
    hh, t, years = data.hh, data.tables, data.years
    names = [c.name for c in data.communes]
    assert set(hh["year"]) == set(years)
    assert not hh.duplicated(["year", "household_id"]).any(), "household id twice in a year"
    assert (hh["income_per_capita"] >= 0).all() and hh["members"].between(1, 8).all()
    reviewed = hh.groupby(["year", "commune"]).size()
    assert len(reviewed) == len(names) * len(years), "a commune without rows in a year"
    resident = t["population"].set_index(["year", "commune"])["households"]
    share = reviewed / resident.loc[reviewed.index]
    assert share.between(*LIST_SHARE).all(), share[~share.between(*LIST_SHARE)]
    em = t["population"].set_index(["year", "commune"])["ethnic_minority_households"]
    assert (
        hh.groupby(["year", "commune"])["ethnic_minority"].sum() <= em.loc[reviewed.index]
    ).all()

    # statuses: the year's rule, recorded with the intended errors only
    ok = [agrees(r, s) for r, s in zip(hh["recorded_status"], hh["rule_status"], strict=True)]
    mismatch = ~pd.Series(ok, index=hh.index)
    assert mismatch.equals(hh["_intended"]), "a status mismatch that was not intended"
    assert mismatch.groupby(hh["year"]).mean().between(0.02, 0.04).all()
    n_deps = hh[data.ind_cols].sum(axis=1)
    wrong_b = (hh["score_b"] != 10 * n_deps).groupby(hh["year"]).mean()
    assert wrong_b.between(0.001, 0.02).all(), wrong_b

    # the panel: stable ids with churn — escapes and new poor in every later year
    if len(years) > 1:
        first = set(hh.loc[hh["year"] == years[0], "household_id"])
        second = set(hh.loc[hh["year"] == years[1], "household_id"])
        assert len(first & second) >= 0.75 * len(first), "the panel is not stable"
        tr = transitions(hh, "rule_status", years[1:]).groupby("year").sum(numeric_only=True)
        assert (tr[["escaped", "removed", "new_poor"]] > 0).all().all(), tr

    # the other tables
    units = t["units"]
    assert units["unit"].tolist() == names and units["code"].is_unique
    assert units["parent"].nunique() == 1 and units["code"].str.fullmatch(r"9\d{4}").all()
    budget, trainings, monitoring = t["budget"], t["trainings"], t["monitoring"]
    if len(budget):
        assert (budget["disbursed_vnd"] <= budget["allocated_vnd"]).all()
        assert set(budget["commune"]) == {"", *names}
        assert all(
            str(y) == d[:4] for y, d in zip(trainings["year"], trainings["date"], strict=True)
        )
    assert (monitoring["recommendations_resolved"] <= monitoring["recommendations"]).all()
    assert set(monitoring["commune"]) <= set(names)
    settings = t["settings"]
    assert len(settings) == (len(names) + 1) * len(years) and settings["area"].nunique() == 1
    assert len(t["targets"]) == (len(names) + 1) * len(years)
    required = {c["code"] for c in domain["commentary"]["sections"] if c["required"]}
    assert required <= set(t["commentary"]["section"])
