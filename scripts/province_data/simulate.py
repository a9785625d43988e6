"""The households of the fictional province: each commune's review list simulated with the
demo's panel (``scripts/demo_data``), then what the communes recorded.

The first review year (2025, Decree 07/2021 lines) draws each commune's list as the demo
draws a unit's first list — poor, near-poor, average-living households and applicants —
and the second (2026) is the demo's first review under the 2026–2030 lines
(``SuccessorSimulator.new_line_year``): departures, escapes, households falling under the
higher line, newcomers. In both years applicants are added until the list holds the
commune's share of its resident households (15–20 %). Recorded statuses and scores B carry
the demo's deliberate errors (``add_recording_errors``: ~3 % statuses, ~0.5 % scores)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from scripts.demo_data.merger import SuccessorSimulator
from scripts.demo_data.messiness import add_recording_errors
from scripts.demo_data.registry import (
    in_unit_order,
    income_lines,
    new_lines,
    registry_status,
    standard_for,
    successor_unit,
)

from .tables import visits
from .units import PROVINCE_CODE, SOURCE, Commune

APPLICANT_AVERAGE_P = 0.5  # an applicant added to fill the list is average-living, else not


class CommuneSimulator(SuccessorSimulator):
    """One commune of the fictional province, from its first review year: the demo's
    simulator of a commune formed in 2025, with no predecessor to take households from."""

    def __init__(
        self,
        commune: Commune,
        domain: dict[str, Any],
        years: tuple[int, ...],
        rng: np.random.Generator,
    ) -> None:
        first = successor_unit(domain, commune.successor, years[0])
        super().__init__(commune.successor, first, commune.params, rng, [])
        self.commune = commune
        self.years = years
        self.id_prefix = f"{PROVINCE_CODE}-{commune.code}"
        self.villages = list(commune.villages)

    def simulate(self, domain: dict[str, Any]) -> list[dict[str, Any]]:
        """Every review year's rows (true status, internal indicator columns ``_d0``…)."""
        self.first_year()
        self.snapshot(self.years[0])
        if len(self.years) > 1:
            second = successor_unit(domain, self.succ, self.years[1])
            self.new_line_year(self.years[1], second, new_lines(domain)[1])
        return self.rows

    def snapshot(self, year: int) -> None:
        """Fill the list up to the commune's share with applicants, then record the year."""
        target = round(self.commune.list_share * self.commune.households[self.years.index(year)])
        while len(self.active) < target:
            status = "average" if self.rng.random() < APPLICANT_AVERAGE_P else "none"
            hh = self.new_household(status)
            self.active[hh.hid] = hh
        super().snapshot(year)


def make_households(
    communes: list[Commune],
    domain: dict[str, Any],
    years: tuple[int, ...],
    seed: int,
) -> pd.DataFrame:
    """Every commune's reviewed households in ``years`` with the recorded status and score B.

    Internal columns, not written: ``rule_status`` (the status the year's standard gives,
    "above_line" where it has no average band), ``_intended`` (a deliberate status error),
    ``_boundary`` (a 2026 income placed on a line)."""
    ind_cols = [i["column"] for i in domain["indicators"]]
    rows: list[dict[str, Any]] = []
    boundary: set[tuple[int, str]] = set()
    for k, commune in enumerate(communes):
        sim = CommuneSimulator(commune, domain, years, np.random.default_rng([seed, 2, k]))
        rows.extend(sim.simulate(domain))
        if len(years) > 1:
            boundary |= {(years[1], hid) for hid in sim.boundary}
    df = pd.DataFrame(rows).rename(columns={f"_d{i}": c for i, c in enumerate(ind_cols)})
    df = df.rename(columns={"rule_status": "_sim_status"})
    df["_boundary"] = [
        (int(y), h) in boundary for y, h in zip(df["year"], df["household_id"], strict=True)
    ]
    area = {c.name: c.area for c in communes}
    n_deps = df[ind_cols].sum(axis=1).astype(int).tolist()
    income = df["income_per_capita"].astype(int).tolist()
    df["rule_status"] = [
        registry_status(domain, int(y), area[c], i, n)
        for y, c, i, n in zip(df["year"], df["commune"], income, n_deps, strict=True)
    ]
    recorded = df["_sim_status"].tolist()
    score_b = [10 * n for n in n_deps]
    intended: list[int] = []
    codes = list(domain["findings"])
    flagged = {
        (year, commune)
        for year in years
        for _, commune, _, found in visits(communes, codes, seed, year)
        if "scoring_forms_incomplete" in found
    }
    for year in years:
        units = {c.name: successor_unit(domain, c.successor, year) for c in communes}
        in_year = (df["year"] == year).to_numpy()
        idx = np.flatnonzero(in_year)
        line = [units[c].line if y else 0 for c, y in zip(df["commune"], in_year, strict=True)]
        avg = [units[c].avg_line if y else 0 for c, y in zip(df["commune"], in_year, strict=True)]
        intended += add_recording_errors(
            rng=np.random.default_rng([seed, 3, year]),
            idx=idx,
            recorded=recorded,
            score_b=score_b,
            n_deps=n_deps,
            income=income,
            line=line,
            avg_line=avg,
            flagged=[(year, c) in flagged for c in df["commune"]],
            banded=income_lines(standard_for(domain, year), "rural")[1] is not None,
            protected=frozenset(int(i) for i in idx if df["_boundary"].iat[i]),
        )
    df = df.assign(
        recorded_status=recorded,
        score_b=score_b,
        _intended=df.index.isin(intended),
        source=SOURCE,
    )
    return in_unit_order(df, [c.name for c in communes], ["year", "_o", "household_id"])
