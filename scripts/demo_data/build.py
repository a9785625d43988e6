"""The whole generation in order: every table of the demo data, self-checked, in memory."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from .checks import self_check, self_check_outside, self_check_reform
from .commentary import make_commentary, make_reform_commentary
from .households import make_households, make_reform_households
from .programme import make_budget_and_trainings, make_reform_budget_and_trainings
from .registry import (
    OUTSIDE_PARAMS,
    PARAMS,
    Successor,
    UnitInfo,
    load_domain,
    new_lines,
    registry,
    successors,
)
from .tables import (
    make_monitoring,
    make_population,
    make_reform_monitoring,
    make_reform_population,
    make_reform_settings,
    make_reform_targets,
    make_settings,
    make_targets,
)


@dataclass(frozen=True)
class DemoData:
    """Every table of the demo data with what writing and the summary need."""

    units: list[UnitInfo]  # the district's 13 units
    succs: list[Successor]  # the six successor communes
    ind_cols: list[str]  # d01..d12
    hh_cols: list[str]  # the households table's columns (the data contract)
    hh: pd.DataFrame  # 2021–2024, the 13 units
    ohh: pd.DataFrame  # 2021–2024, Sông Phan and Tiến Lợi
    rhh: pd.DataFrame  # 2025–2026, the successors (with internal columns)
    tables: dict[str, pd.DataFrame]  # population, budget, ..., commentary (all years)
    settings: pd.DataFrame  # 2021–2024
    settings_new: pd.DataFrame  # 2025–2026
    tr: pd.DataFrame  # transitions 2022–2024 (rule status, district)
    rtr: pd.DataFrame  # transitions 2025–2026 through the lineage
    lines_2026: tuple[int, int]  # the rural and urban lines of 2026


def generate(domain: dict[str, Any] | None = None) -> DemoData:
    """Generate every table from ``domain`` (default: ``domain.toml``) and self-check it."""
    domain = load_domain() if domain is None else domain
    units = registry(domain)
    assert [u.name for u in units] == list(PARAMS)
    outside = registry(domain, history_only=True)
    assert [u.name for u in outside] == list(OUTSIDE_PARAMS)
    succs = successors(domain)
    ind_cols = [i["column"] for i in domain["indicators"]]
    codes = list(domain["findings"])
    hh_cols = [c["name"] for c in domain["tables"]["households"]["columns"]]

    # 2021–2024: the district's 13 units (unchanged streams), then the two outside units
    monitoring = make_monitoring(units, codes)
    monitoring_new = make_reform_monitoring(succs)
    flagged = {
        (int(y), c)
        for m in (monitoring, monitoring_new)
        for y, c, f in zip(m["year"], m["commune"], m["findings"], strict=True)
        if "scoring_forms_incomplete" in f
    }
    hh, sims = make_households(units, ind_cols, flagged)
    pop = make_population(units)
    budget, trainings = make_budget_and_trainings(units)
    targets = make_targets(units, hh, pop)
    tr = self_check(units, hh, pop, budget, trainings, monitoring, codes)
    ohh, osims = make_households(outside, ind_cols, set(), OUTSIDE_PARAMS, (11, 12))
    opop = make_population(outside, OUTSIDE_PARAMS, 13)
    self_check_outside(outside, ohh, opop, hh)

    # 2025–2026: the six successor communes, continuing their predecessors' households
    rhh = make_reform_households(
        domain, succs, sims | osims, PARAMS | OUTSIDE_PARAMS, ind_cols, flagged
    )
    before = pd.concat([hh, ohh], ignore_index=True)
    rpop = make_reform_population(succs, pd.concat([pop, opop], ignore_index=True))
    all_pop = pd.concat([pop, opop, rpop], ignore_index=True)
    rbudget, rtrainings = make_reform_budget_and_trainings(succs, budget)
    rtargets = make_reform_targets(
        domain, succs, pd.concat([before.assign(_unit=before["commune"]), rhh]), all_pop, ind_cols
    )
    tables = {
        "population": all_pop,
        "budget": pd.concat([budget, rbudget], ignore_index=True),
        "trainings": pd.concat([trainings, rtrainings], ignore_index=True),
        "monitoring": pd.concat([monitoring, monitoring_new], ignore_index=True),
        "targets": pd.concat([targets, rtargets], ignore_index=True),
        "commentary": pd.concat([make_commentary(), make_reform_commentary()], ignore_index=True),
    }
    settings = make_settings(units)
    settings_new = make_reform_settings(succs)
    rtr = self_check_reform(
        domain,
        succs,
        before,
        rhh,
        all_pop,
        tables | {"settings": pd.concat([settings, settings_new], ignore_index=True)},
        ind_cols,
    )
    return DemoData(
        units,
        succs,
        ind_cols,
        hh_cols,
        hh,
        ohh,
        rhh,
        tables,
        settings,
        settings_new,
        tr,
        rtr,
        new_lines(domain),
    )
