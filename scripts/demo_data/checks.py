"""The generator's self-check: assertions on the published 2023 figures, the panel's
transitions, the contract rules and the facts of the 2025 reform."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .messiness import OLD_NAMES_2025
from .registry import (
    OUTSIDE_DISTRICT_CODES,
    PROVINCE_CODE,
    REFORM_YEARS,
    STATUSES,
    UNIT_CODES,
    YEARS,
    Successor,
    UnitInfo,
    agrees,
    in_unit_order,
    new_lines,
    registry_status,
)
from .tables import official_rates

# The three units the district inspected in 2023 (published).
INSPECTED_2023 = ("Mỹ Thạnh", "Hàm Cần", "Hàm Thạnh")


def transitions(
    hh: pd.DataFrame,
    status_col: str,
    years: tuple[int, ...] = YEARS[1:],
    unit_col: str = "commune",
    lift: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Escaped / removed / fell_back / new_poor counts per unit and year (default 2022–2024).

    A household counts in the unit of its row of the year, or — removed — of last year's
    row, moved along ``lift`` (the crosswalk: former unit -> successor) in the first reform
    year. "Earlier" looks through all its rows, whatever unit held them (the lineage)."""
    status = {
        (int(y), h): s
        for y, h, s in zip(hh["year"], hh["household_id"], hh[status_col], strict=True)
    }
    where = {
        (int(y), h): u for y, h, u in zip(hh["year"], hh["household_id"], hh[unit_col], strict=True)
    }
    all_years = sorted({y for y, _ in status})
    rows = []
    for year in years:
        counts: dict[str, dict[str, int]] = {}
        ids = {h for (y, h) in status if y in (year, year - 1)}
        for h in sorted(ids):
            unit = where.get((year, h))
            if unit is None:
                unit = where[(year - 1, h)]
                if year == REFORM_YEARS[0]:
                    unit = (lift or {}).get(unit, unit)
            c = counts.setdefault(
                unit, dict.fromkeys(("escaped", "removed", "fell_back", "new_poor"), 0)
            )
            prev, now = status.get((year - 1, h)), status.get((year, h))
            earlier = [status.get((y, h)) for y in all_years if y < year - 1]
            if prev == "poor" and now is None:
                c["removed"] += 1
            elif prev == "poor" and now != "poor":
                c["escaped"] += 1
            elif now == "poor" and prev is not None and prev != "poor" and "poor" in earlier:
                c["fell_back"] += 1
            if now == "poor" and prev != "poor" and "poor" not in earlier:
                c["new_poor"] += 1
        for unit, c in counts.items():
            rows.append({"year": year, unit_col: unit, **c})
    return pd.DataFrame(rows)


def self_check(
    units: list[UnitInfo],
    hh: pd.DataFrame,
    pop: pd.DataFrame,
    budget: pd.DataFrame,
    trainings: pd.DataFrame,
    monitoring: pd.DataFrame,
    codes: list[str],
) -> pd.DataFrame:
    """Assert the published 2023 figures and the panel properties; return transitions."""
    # published 2023 budget lines (district level)
    b23 = budget[(budget["year"] == 2023) & (budget["commune"] == "")]
    assert len(b23) == 2 and sorted(b23["project"]) == ["DA7.TDA1", "DA7.TDA2"]
    t1 = b23[b23["project"] == "DA7.TDA1"].iloc[0]
    t2 = b23[b23["project"] == "DA7.TDA2"].iloc[0]
    assert (t1["allocated_vnd"], t1["disbursed_vnd"]) == (225_400_000, 107_880_000)
    assert (t2["allocated_vnd"], t2["disbursed_vnd"]) == (119_600_000, 104_052_000)
    assert round(100 * t1["disbursed_vnd"] / t1["allocated_vnd"], 2) == 47.86
    assert round(100 * t2["disbursed_vnd"] / t2["allocated_vnd"], 2) == 87.00
    assert t1["activity"] == "Hội nghị tập huấn nâng cao năng lực thực hiện Chương trình"
    over = budget[budget["disbursed_vnd"] > budget["allocated_vnd"]]
    assert len(over) == 1 and int(over["year"].iloc[0]) == 2022 and over["commune"].iloc[0]
    # published 2023 trainings
    tr = trainings[(trainings["year"] == 2023) & (trainings["commune"] == "")]
    c1, c2 = tr[tr["project"] == "DA7.TDA1"], tr[tr["project"] == "DA7.TDA2"]
    assert len(tr) == 3 and len(c1) == 2 and len(c2) == 1
    assert c1["participants"].sum() == 263 and c1["cost_vnd"].sum() == 107_880_000
    assert c2["participants"].sum() == 142 and c2["cost_vnd"].sum() == 104_052_000
    assert all(str(y) == d[:4] for y, d in zip(trainings["year"], trainings["date"], strict=True))
    # published 2023 monitoring
    m23 = monitoring[monitoring["year"] == 2023]
    sup = m23[m23["kind"] == "supervision"]
    assert sorted(sup["commune"]) == sorted(u.name for u in units) and len(sup) == 13
    assert sorted(m23[m23["kind"] == "inspection"]["commune"]) == sorted(INSPECTED_2023)
    found = [f for s in m23["findings"] for f in s.split(";") if f]
    assert set(found) == set(codes) and found.count("scoring_forms_incomplete") >= 3
    assert (monitoring["recommendations_resolved"] <= monitoring["recommendations"]).all()
    # households: contract rules, warnings only where intended
    assert not hh.duplicated(["year", "household_id"]).any()
    assert (hh["income_per_capita"] >= 0).all() and hh["members"].between(1, 8).all()
    per_unit = hh.groupby(["year", "commune"]).size()
    assert per_unit.between(200, 440).all(), per_unit[~per_unit.between(200, 440)]
    merged = pop.set_index(["year", "commune"])["households"]
    assert (per_unit <= merged.loc[per_unit.index]).all()
    total = pop.groupby("year")["households"].sum()
    assert total.between(27_000, 29_000).all(), total
    disagree = (hh["recorded_status"] != hh["rule_status"]).mean()
    assert 0.02 <= disagree <= 0.04, disagree
    ind = [c for c in hh.columns if c[:1] == "d" and c[1:3].isdigit()]
    mismatch = (hh["score_b"] != 10 * hh[ind].sum(axis=1)).mean()
    assert 0.003 <= mismatch <= 0.02, mismatch
    # transitions: every category non-zero in most unit-years (fell_back needs 2 years)
    tr_rule = transitions(hh, "rule_status")
    for cat in ("escaped", "removed", "new_poor", "fell_back"):
        sub = tr_rule if cat != "fell_back" else tr_rule[tr_rule["year"] >= 2023]
        assert (sub[cat] > 0).mean() >= 0.8, (cat, sub)
        assert (sub.groupby("year")[cat].sum() > 0).all()
    tr_rec = transitions(hh, "recorded_status")
    assert (tr_rec.groupby("year")[["escaped", "removed", "new_poor"]].sum() > 0).all().all()
    # poverty declines; more slowly (relatively) for ethnic minorities
    rates = official_rates(hh, pop).groupby("year")[["poor", "households"]].sum()
    rate = 100 * rates["poor"] / rates["households"]
    assert rate.is_monotonic_decreasing and 0.5 <= (rate.iloc[0] - rate.iloc[-1]) / 3 <= 1.5
    poor = hh[hh["recorded_status"] == "poor"]
    em = poor.groupby(["year", "ethnic_minority"]).size().unstack()
    assert em.loc[2024, 1] / em.loc[2021, 1] > em.loc[2024, 0] / em.loc[2021, 0]
    return tr_rule


def self_check_outside(
    outside: list[UnitInfo], ohh: pd.DataFrame, opop: pd.DataFrame, old_hh: pd.DataFrame
) -> None:
    """The two history-only units, 2021–2024: like the district's units, own ids."""
    assert sorted(ohh["commune"].unique()) == sorted(u.name for u in outside)
    assert set(ohh["year"]) == set(YEARS) and set(opop["year"]) == set(YEARS)
    assert not ohh.duplicated(["year", "household_id"]).any()
    assert not set(ohh["household_id"]) & set(old_hh["household_id"])
    for u in outside:
        prefix = f"{OUTSIDE_DISTRICT_CODES[u.slug]}-{UNIT_CODES[u.slug]}-"
        assert ohh.loc[ohh["commune"] == u.name, "household_id"].str.startswith(prefix).all()
    per_unit = ohh.groupby(["year", "commune"]).size()
    assert per_unit.between(200, 440).all(), per_unit
    assert (per_unit <= opop.set_index(["year", "commune"])["households"].loc[per_unit.index]).all()
    disagree = (ohh["recorded_status"] != ohh["rule_status"]).mean()
    assert 0.02 <= disagree <= 0.04, disagree
    tr = transitions(ohh, "rule_status")
    assert (tr[["escaped", "new_poor"]] > 0).all().all()
    assert (tr[tr["year"] >= 2023]["fell_back"] > 0).all()


def self_check_reform(
    domain: dict[str, Any],
    succs: list[Successor],
    before: pd.DataFrame,
    rhh: pd.DataFrame,
    pop: pd.DataFrame,
    tables: dict[str, pd.DataFrame],
    ind_cols: list[str],
) -> pd.DataFrame:
    """Assert the facts of the 2025 reform in the demo data; return the lineage transitions
    (rule status) of 2025 and 2026 per successor.

    ``before``: the 2021–2024 rows of the 13 units and the two outside units; ``rhh``: the
    2025–2026 rows (with the internal columns); ``pop``: all population rows; ``tables``:
    budget, trainings, monitoring, targets, settings, commentary (all years)."""
    succ_of = {p: s.name for s in succs for p in s.predecessors}
    by_name = {s.name: s for s in succs}
    first, second = REFORM_YEARS
    assert set(rhh["year"]) == set(REFORM_YEARS)
    assert not rhh.duplicated(["year", "household_id"]).any()
    assert (rhh["income_per_capita"] >= 0).all() and rhh["members"].between(1, 8).all()
    reviewed = rhh.groupby(["year", "_unit"]).size()
    assert reviewed.between(200, 900).all(), reviewed
    assert (reviewed <= pop.set_index(["year", "commune"])["households"].loc[reviewed.index]).all()

    # ids continue across the merger: every predecessor's 2024 households that stayed are in
    # its successor's 2025 list (and nowhere else), and 2026 continues 2025 the same way
    y24 = before[before["year"] == YEARS[-1]]
    unit_2024 = dict(zip(y24["household_id"], y24["commune"], strict=True))
    y25 = rhh[rhh["year"] == first]
    unit_2025 = dict(zip(y25["household_id"], y25["_unit"], strict=True))
    stayed = {h: u for h, u in unit_2024.items() if h in unit_2025}
    assert all(unit_2025[h] == succ_of[u] for h, u in stayed.items())
    for succ in succs:
        mine = {h for h, u in unit_2025.items() if u == succ.name}
        for pred in succ.predecessors:
            kept = {h for h, u in stayed.items() if u == pred}
            left = {h for h, u in unit_2024.items() if u == pred} - kept
            assert kept and left and kept <= mine, (succ.name, pred)
        new = mine - set(unit_2024)
        assert new and all(h.startswith(f"{PROVINCE_CODE}-{succ.code}-") for h in new)
        assert not new & set(before["household_id"]), "a new id reuses an old one"
    y26 = rhh[rhh["year"] == second]
    cont = y26[y26["household_id"].isin(unit_2025)]
    assert (cont["household_id"].map(unit_2025) == cont["_unit"]).all()
    moved = y25[y25["_origin"] != ""]
    assert (moved["_origin"].map(succ_of) == moved["_unit"]).all()

    # former names typed in 2025 only, each a predecessor of the row's successor
    typed = rhh[rhh["commune"] != rhh["_unit"]]
    assert set(typed["year"]) == {first}
    old_names = typed.groupby("commune").size()
    assert sorted(old_names.index) == sorted(OLD_NAMES_2025.values())
    assert old_names.between(5, 80).all(), old_names
    typed_as = {v: k for k, v in OLD_NAMES_2025.items()}
    assert all(
        typed_as[c] in by_name[u].predecessors
        for c, u in zip(typed["commune"], typed["_unit"], strict=True)
    )

    # statuses: the registry's rule of the year, recorded with the intended errors only
    n_deps = rhh[ind_cols].sum(axis=1)
    rule = [
        registry_status(domain, int(y), by_name[u].area, int(i), int(n))
        for y, u, i, n in zip(
            rhh["year"], rhh["_unit"], rhh["income_per_capita"], n_deps, strict=True
        )
    ]
    assert rule == rhh["rule_status"].tolist()
    assert set(rhh.loc[rhh["year"] == first, "rule_status"]) == set(STATUSES)
    assert set(rhh.loc[rhh["year"] == second, "rule_status"]) == {"poor", "near_poor", "above_line"}
    ok = [agrees(r, s) for r, s in zip(rhh["recorded_status"], rhh["rule_status"], strict=True)]
    mismatch = ~pd.Series(ok, index=rhh.index)
    assert mismatch.equals(rhh["_intended"]), "a status mismatch that was not intended"
    share = mismatch.groupby(rhh["year"]).mean()
    assert share.between(0.02, 0.04).all(), share
    above26 = rhh[(rhh["year"] == second) & (rhh["rule_status"] == "above_line")]
    assert {"average", "none"} <= set(above26["recorded_status"])
    wrong_b = (rhh["score_b"] != 10 * n_deps).groupby(rhh["year"]).mean()
    assert wrong_b.between(0.002, 0.02).all(), wrong_b

    # 2026 boundary incomes, recorded as the rule says
    rural_line, urban_line = new_lines(domain)
    b = rhh[rhh["_boundary"]]
    assert set(b["year"]) == {second} and not b["_intended"].any()
    for succ in succs:
        mine = b[b["_unit"] == succ.name]
        at_line = mine[mine["income_per_capita"] == rural_line]["rule_status"]
        assert sorted(at_line) == ["near_poor", "poor"], (succ.name, at_line)
        at_urban = mine[mine["income_per_capita"] == urban_line]
        assert (at_urban["rule_status"] == "above_line").all() and len(at_urban) >= 1
    township = b[(b["_origin"] == "Thuận Nam") & (b["income_per_capita"] == urban_line)]
    assert sorted(n_deps[township.index] >= 3) == [False, True]

    # transitions through the lineage: every kind occurs in the successors' first year
    rows = pd.concat([before.assign(_unit=before["commune"]), rhh], ignore_index=True, sort=False)[
        ["year", "household_id", "_unit", "rule_status"]
    ]
    tr = transitions(rows, "rule_status", REFORM_YEARS, "_unit", succ_of)
    tr = tr[tr["_unit"].isin(by_name)]
    t25 = tr[tr["year"] == first].set_index("_unit")
    assert (t25[["escaped", "new_poor"]] > 0).all().all(), t25
    assert (t25["fell_back"] > 0).sum() >= 4 and (t25["removed"] > 0).sum() >= 4, t25
    assert (
        (tr.groupby("year")[["escaped", "removed", "fell_back", "new_poor"]].sum() > 0).all().all()
    )
    st = {
        (int(y), h): s
        for y, h, s in zip(rows["year"], rows["household_id"], rows["rule_status"], strict=True)
    }
    long_fb = [
        h
        for (y, h), s in st.items()
        if y == first
        and s == "poor"
        and st.get((2024, h), "poor") != "poor"
        and st.get((2023, h), "poor") != "poor"
        and "poor" in (st.get((2021, h)), st.get((2022, h)))
    ]
    assert long_fb, "no household poor by 2022, not poor 2023–2024 and poor again in 2025"

    # population, targets, programme tables
    lineage_24 = pop[pop["year"] == YEARS[-1]].assign(_u=lambda d: d["commune"].map(succ_of))
    lineage_24 = lineage_24.groupby("_u")["households"].sum()
    p25 = pop[pop["year"] == first].set_index("commune")["households"]
    p26 = pop[pop["year"] == second].set_index("commune")["households"]
    assert sorted(p25.index) == sorted(by_name) == sorted(p26.index)
    assert ((p25 / lineage_24[p25.index] - 1).abs() < 0.3).all()
    assert ((p26 / p25[p26.index] - 1).abs() < 0.3).all()
    targets = tables["targets"]
    t_new = targets[targets["year"] >= first]
    assert sorted(t_new["commune"]) == sorted(2 * list(by_name)), "no district target from 2025"
    budget, trainings = tables["budget"], tables["trainings"]
    b_new = budget[budget["year"] >= first]
    assert set(b_new["year"]) == {first} and set(b_new["commune"]) == set(by_name)
    assert len(budget[budget["disbursed_vnd"] > budget["allocated_vnd"]]) == 1
    t_new = trainings[trainings["year"] >= first]
    assert set(t_new["year"]) == {first} and set(t_new["commune"]) <= set(by_name)
    assert (t_new["date"] >= f"{first}-07-01").all()
    assert set(t_new.loc[t_new["project"] == "DA7.TDA2", "commune"]) == set(by_name)
    mon = tables["monitoring"]
    for year in REFORM_YEARS:
        m = mon[mon["year"] == year]
        assert sorted(m.loc[m["kind"] == "supervision", "commune"]) == sorted(by_name)
        assert (m["kind"] == "inspection").sum() == 2
    settings = tables["settings"]
    s_new = settings[settings["year"] >= first]
    assert sorted(s_new["commune"]) == sorted(2 * list(by_name))
    comm = tables["commentary"]
    c26 = comm[(comm["year"] == second) & (comm["commune"] == "Hàm Thạnh")]
    required = [c["code"] for c in domain["commentary"]["sections"] if c["required"]]
    assert set(required) <= set(c26["section"])
    assert c26["text"].str.contains("(Minh họa)", regex=False).all()
    return in_unit_order(tr, list(by_name), ["year", "_o"], "_unit")
