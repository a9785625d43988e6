"""The whole generation in order: every table of the fictional province, self-checked, in
memory."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from scripts.demo_data.registry import load_domain

from .checks import self_check
from .programme import make_budget_and_trainings
from .simulate import make_households
from .tables import (
    make_commentary,
    make_monitoring,
    make_population,
    make_settings,
    make_targets,
)
from .units import PROVINCE, Commune, make_communes, units_table


@dataclass(frozen=True)
class ProvinceData:
    """Every table of a fictional province with what writing and the summary need."""

    province: str
    seed: int
    years: tuple[int, ...]
    communes: list[Commune]
    hh_cols: list[str]  # the households table's columns (the data contract)
    ind_cols: list[str]  # d01..d12
    hh: pd.DataFrame  # every year's reviewed households (with internal columns)
    tables: dict[str, pd.DataFrame]  # units, population, budget, ..., settings


def generate(
    n: int,
    years: tuple[int, ...],
    seed: int,
    province: str = PROVINCE,
    domain: dict[str, Any] | None = None,
) -> ProvinceData:
    """A province of ``n`` communes over ``years`` drawn with ``seed``; self-checked.
    ``domain``: the package's rules (default: ``domain.toml``: indicators, standards,
    findings)."""
    domain = load_domain() if domain is None else domain
    communes = make_communes(n, seed, years)
    hh = make_households(communes, domain, years, seed)
    budget, trainings = make_budget_and_trainings(communes, seed, years)
    tables = {
        "units": units_table(communes, province),
        "population": make_population(communes, years),
        "budget": budget,
        "trainings": trainings,
        "monitoring": make_monitoring(communes, list(domain["findings"]), seed, years),
        "targets": make_targets(communes, hh, domain, seed, years),
        "commentary": make_commentary(communes, years),
        "settings": make_settings(communes, province, years),
    }
    data = ProvinceData(
        province,
        seed,
        years,
        communes,
        [c["name"] for c in domain["tables"]["households"]["columns"]],
        [i["column"] for i in domain["indicators"]],
        hh,
        tables,
    )
    self_check(data, domain)
    return data
