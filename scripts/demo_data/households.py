"""The household tables: the simulated panels of all units with what the communes recorded
(2021–2024 per unit, 2025–2026 per successor commune)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import registry
from .merger import SuccessorSimulator
from .messiness import add_recording_errors, type_former_names
from .panel import UnitSimulator
from .registry import Successor, UnitInfo, UnitParams


def make_households(
    units: list[UnitInfo],
    ind_cols: list[str],
    scoring_flagged: set[tuple[int, str]],
    params: dict[str, UnitParams] = registry.PARAMS,
    streams: tuple[int, int] = (1, 2),
) -> tuple[pd.DataFrame, dict[str, UnitSimulator]]:
    """Simulate all units 2021–2024, then add recorded status (with errors) and score B.

    ``streams``: the spawn keys of the random streams (simulation per unit, recording);
    (1, 2) are the district's 13 units, the history-only units use their own. Returns the
    rows and each unit's simulator (its households after 2024 move into a successor)."""
    rows: list[dict[str, Any]] = []
    sims: dict[str, UnitSimulator] = {}
    for k, unit in enumerate(units):
        rng = registry.random_stream(streams[0], k)
        code = registry.OUTSIDE_DISTRICT_CODES.get(unit.slug, registry.DISTRICT_CODE)
        sim = UnitSimulator(unit, params[unit.name], rng, code)
        rows.extend(sim.run())
        sims[unit.name] = sim
    df = pd.DataFrame(rows).rename(columns={f"_d{i}": c for i, c in enumerate(ind_cols)})
    by_name = {u.name: u for u in units}
    n_deps = df[ind_cols].sum(axis=1)
    check = [
        registry.rule_status(int(i), int(d), by_name[c])
        for i, d, c in zip(df["income_per_capita"], n_deps, df["commune"], strict=True)
    ]
    assert check == df["rule_status"].tolist(), "simulated status must follow the rule"

    rng = registry.random_stream(streams[1])
    recorded = df["rule_status"].tolist()
    score_b = (10 * n_deps).astype(int).tolist()
    line = [by_name[c].line for c in df["commune"]]
    avg_line = [by_name[c].avg_line for c in df["commune"]]
    for year in registry.YEARS:
        idx = np.flatnonzero((df["year"] == year).to_numpy())
        flagged = [(year, c) in scoring_flagged for c in df["commune"]]
        add_recording_errors(
            rng,
            idx,
            recorded,
            score_b,
            n_deps.astype(int).tolist(),
            df["income_per_capita"].astype(int).tolist(),
            line,
            avg_line,
            flagged,
        )
    df["recorded_status"] = recorded
    df["score_b"] = score_b
    df["source"] = registry.SOURCE
    return registry.in_unit_order(df, [u.name for u in units], ["year", "_o", "household_id"]), sims


def make_reform_households(
    domain: dict[str, Any],
    succs: list[Successor],
    sims: dict[str, UnitSimulator],
    params: dict[str, UnitParams],
    ind_cols: list[str],
    scoring_flagged: set[tuple[int, str]],
) -> pd.DataFrame:
    """Review years 2025 and 2026 of the six successor communes, continuing the households
    of their predecessors' 2024 lists (``sims``, after 2024). Internal columns (``_unit``:
    the successor; ``_origin``: the unit whose 2024 list held the household; ``_intended``:
    a deliberate status error; ``_boundary``: a 2026 boundary income) are not written."""
    rows: list[dict[str, Any]] = []
    for j, succ in enumerate(succs):
        assert not succ.urban_predecessors, "the demo applies the rural line to every household"
        preds = [sims[name] for name in succ.predecessors]
        size = sum(params[name].households_2021 for name in succ.predecessors)
        em = sum(params[n].households_2021 * params[n].em_share for n in succ.predecessors)
        sp = UnitParams(size, 0.0, 0.0, em / size, 0.01)
        first = registry.successor_unit(domain, succ, registry.REFORM_YEARS[0])
        sim = SuccessorSimulator(succ, first, sp, registry.random_stream(10, j), preds)
        sim.merger_year(registry.REFORM_YEARS[0], first)
        second = registry.successor_unit(domain, succ, registry.REFORM_YEARS[1])
        sim.new_line_year(registry.REFORM_YEARS[1], second, registry.new_lines(domain)[1])
        for row in sim.rows:
            row["_unit"] = succ.name
            row["_origin"] = sim.origin.get(row["household_id"], "")
            row["_boundary"] = (
                row["year"] == registry.REFORM_YEARS[1] and row["household_id"] in sim.boundary
            )
        rows.extend(sim.rows)
    df = pd.DataFrame(rows).rename(columns={f"_d{i}": c for i, c in enumerate(ind_cols)})
    df = df.rename(columns={"rule_status": "_sim_status"})

    # former units' names typed in 2025: one village of each listed former unit
    type_former_names(df, registry.random_stream(18), registry.REFORM_YEARS[0])

    # the rule of the registry's standard, and what the communes recorded
    area = {s.name: s.area for s in succs}
    n_deps = df[ind_cols].sum(axis=1).astype(int).tolist()
    income = df["income_per_capita"].astype(int).tolist()
    df["rule_status"] = [
        registry.registry_status(domain, int(y), area[u], i, n)
        for y, u, i, n in zip(df["year"], df["_unit"], income, n_deps, strict=True)
    ]
    recorded = df["_sim_status"].tolist()
    score_b = [10 * n for n in n_deps]
    intended: list[int] = []
    by_name = {s.name: s for s in succs}
    for year in registry.REFORM_YEARS:
        units = {s.name: registry.successor_unit(domain, s, year) for s in succs}
        idx = np.flatnonzero((df["year"] == year).to_numpy())
        intended += add_recording_errors(
            registry.random_stream(17, year),
            idx,
            recorded,
            score_b,
            n_deps,
            income,
            [
                units[u].line if y == year else 0
                for y, u in zip(df["year"], df["_unit"], strict=True)
            ],
            [
                units[u].avg_line if y == year else 0
                for y, u in zip(df["year"], df["_unit"], strict=True)
            ],
            [(year, u) in scoring_flagged for u in df["_unit"]],
            banded=registry.income_lines(registry.standard_for(domain, year), "rural")[1]
            is not None,
            protected=frozenset(int(i) for i in idx if df["_boundary"].iat[i]),
        )
    assert set(by_name) == set(df["_unit"])
    df["recorded_status"] = recorded
    df["score_b"] = score_b
    df["_intended"] = False
    df.loc[intended, "_intended"] = True
    df["source"] = registry.SOURCE
    return registry.in_unit_order(
        df, [s.name for s in succs], ["year", "_o", "household_id"], "_unit"
    )
