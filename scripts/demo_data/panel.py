"""The simulated panel of one unit: its reviewed households and their yearly transitions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .names import head_name
from .registry import DISTRICT_CODE, STATUSES, UNIT_CODES, YEARS, UnitInfo, UnitParams

# Chance of leaving the review list in a year, by last year's status (2022–2024).
LEAVE_P = {"poor": 0.03, "near_poor": 0.04, "average": 0.10, "none": 0.45}
# Relative weight of each indicator when a deprivation is drawn (d01..d12).
DEP_WEIGHTS = np.array([0.8, 0.9, 0.3, 0.9, 1.3, 0.35, 0.9, 0.8, 0.6, 1.0, 0.25, 0.9])
DEP_WEIGHTS_EM = DEP_WEIGHTS * np.array([1, 1, 1.3, 1, 1.5, 1.3, 1.2, 1, 1.6, 1.6, 1.2, 1.3])
DEP_COUNT = {  # number of deprivations by true status: (values, probabilities)
    "poor": ([3, 4, 5, 6, 7], [0.38, 0.30, 0.18, 0.09, 0.05]),
    "near_poor": ([0, 1, 2], [0.2, 0.4, 0.4]),
    "average": ([0, 1, 2, 3, 4], [0.35, 0.35, 0.2, 0.08, 0.02]),
    "none": ([0, 1, 2], [0.6, 0.3, 0.1]),
}
DEP_RANGE = {"poor": (3, 12), "near_poor": (0, 2), "average": (0, 12), "none": (0, 12)}


@dataclass
class Household:
    """One household of the simulated panel (its attributes in the current year)."""

    hid: str
    village: str
    head_name: str
    members: int
    ethnic_minority: int
    agri_sector: int
    no_labour: int
    income: int = 0
    deps: set[int] = field(default_factory=set)
    status: str = "none"
    history: dict[int, str] = field(default_factory=dict)  # year -> true status

    def ever_poor_before(self, year: int) -> bool:
        """Whether the household was poor in any review year before ``year``."""
        return any(s == "poor" for y, s in self.history.items() if y < year)


class UnitSimulator:
    """Simulates the reviewed-household panel of one unit over the review years."""

    def __init__(
        self,
        unit: UnitInfo,
        params: UnitParams,
        rng: np.random.Generator,
        district_code: str = DISTRICT_CODE,
    ) -> None:
        self.unit = unit
        self.p = params
        self.rng = rng
        self.next_seq = 1
        # New households' ids: "598-HTH-00042" (district code + the demo's unit code + seq).
        self.id_prefix = f"{district_code}-{UNIT_CODES.get(unit.slug, '')}"
        self.villages = (
            [f"Khu phố {i}" for i in range(1, 6)]
            if unit.area == "urban"
            else [f"Thôn {i}" for i in range(1, 7)]
        )
        self.active: dict[str, Household] = {}
        self.rows: list[dict[str, Any]] = []

    # -- attribute draws ---------------------------------------------------------------
    def _income(self, status: str, old: int | None = None) -> int:
        """An income inside the band of ``status``, continuing ``old`` when it fits."""
        rng, line, avg = self.rng, self.unit.line, self.unit.avg_line
        lo, hi = {
            "poor": (1, line),
            "near_poor": (1, line),
            "average": (line + 1, avg),
            "none": (avg + 1, 10**9),
        }[status]
        if old is not None:
            x = int(old * np.exp(rng.normal(0.045, 0.07)) // 1000 * 1000)
            if lo <= x <= hi:
                return x
        if status == "poor":
            x = line * (0.42 + 0.58 * rng.beta(4, 2))
        elif status == "near_poor":
            x = line * (0.6 + 0.4 * rng.beta(4, 1.6))
        elif status == "average":
            x = line + (avg - line) * rng.uniform(0.03, 1.0)
        else:
            x = avg * (1.02 + 0.9 * rng.beta(1.5, 3.5))
        x = int(x // 1000 * 1000)
        return int(min(max(x, lo + 999 if status in ("average", "none") else lo), hi))

    def _deps(self, status: str, em: int, old: set[int] | None = None) -> set[int]:
        """Deprivation set consistent with ``status``, evolving ``old`` when given."""
        rng = self.rng
        weights = DEP_WEIGHTS_EM if em else DEP_WEIGHTS
        lo, hi = DEP_RANGE[status]
        values, probs = DEP_COUNT[status]
        if old is not None and lo <= len(old) <= hi:
            deps = set(old)
            if rng.random() < 0.2 and deps:  # a little churn between reviews
                deps.discard(int(rng.choice(sorted(deps))))
                if len(deps) < lo or rng.random() < 0.5:
                    deps.add(self._draw_dep(deps, weights))
            return deps if lo <= len(deps) <= hi else self._deps(status, em, None)
        target = int(rng.choice(values, p=probs))
        deps = set(old) if old is not None else set()
        while len(deps) > target:
            deps.discard(int(rng.choice(sorted(deps))))
        while len(deps) < target:
            deps.add(self._draw_dep(deps, weights))
        return deps

    def _draw_dep(self, deps: set[int], weights: np.ndarray) -> int:
        free = [i for i in range(12) if i not in deps]
        w = weights[free] / weights[free].sum()
        return int(self.rng.choice(free, p=w))

    def new_household(self, status: str) -> Household:
        """Create a household never seen before, with status ``status``."""
        rng, p = self.rng, self.p
        mult = {"poor": 2.2, "near_poor": 1.8, "average": 1.3, "none": 0.8}[status]
        em = int(rng.random() < min(0.95, p.em_share * mult))
        no_lab_p = {"poor": 0.05, "near_poor": 0.03, "average": 0.005, "none": 0.0}[status]
        no_labour = int(rng.random() < no_lab_p)
        if no_labour:
            members = int(rng.choice([1, 2, 3], p=[0.5, 0.4, 0.1]))
        else:
            base = [0.06, 0.14, 0.22, 0.26, 0.16, 0.09, 0.05, 0.02]
            if status == "poor":
                base = [0.07, 0.11, 0.17, 0.24, 0.18, 0.12, 0.07, 0.04]
            members = int(rng.choice(np.arange(1, 9), p=base))
        agri_p = 0.2 if self.unit.area == "urban" else (0.72 if status == "poor" else 0.55)
        hid = f"{self.id_prefix}-{self.next_seq:05d}"
        self.next_seq += 1
        hh = Household(
            hid=hid,
            village=self.villages[int(rng.integers(len(self.villages)))],
            head_name=head_name(rng, em),
            members=members,
            ethnic_minority=em,
            agri_sector=int(rng.random() < agri_p),
            no_labour=no_labour,
            status=status,
        )
        hh.income = self._income(status)
        hh.deps = self._deps(status, em)
        return hh

    # -- yearly transitions ------------------------------------------------------------
    def _pick(
        self, pool: list[Household], k: int, weights: list[float] | None = None
    ) -> list[Household]:
        k = min(k, len(pool))
        if k <= 0:
            return []
        w = None
        if weights is not None:
            arr = np.asarray(weights, dtype=float)
            w = arr / arr.sum()
        idx = self.rng.choice(len(pool), size=k, replace=False, p=w)
        return [pool[int(i)] for i in sorted(idx)]

    def _leave(self, leave_p: dict[str, float]) -> None:
        """Households leaving the list (moved, died, merged; applicants not re-reviewed);
        at least one poor household a year."""
        for status, prob in leave_p.items():
            group = self._of(status)
            k = int(self.rng.binomial(len(group), prob))
            if status == "poor":
                k = max(1, k)
            for hh in self._pick(group, k):
                del self.active[hh.hid]

    def _of(self, status: str) -> list[Household]:
        return [h for h in sorted(self.active.values(), key=lambda h: h.hid) if h.status == status]

    def first_year(self) -> None:
        """Create the 2021 list: poor, near-poor, average-living and other applicants."""
        rng, p = self.rng, self.p
        n_poor = round(p.households_2021 * p.poor_rate)
        n_near = round(p.households_2021 * p.near_poor_rate)
        n_avg = round(p.households_2021 * rng.uniform(0.035, 0.05))
        n_none = int(rng.integers(25, 50))
        for status, n in zip(STATUSES, (n_poor, n_near, n_avg, n_none), strict=True):
            for _ in range(n):
                hh = self.new_household(status)
                self.active[hh.hid] = hh

    def next_year(self, year: int, leave_p: dict[str, float] | None = None) -> None:
        """Move the panel from ``year - 1`` to ``year``: removals, escapes, falls, entries.

        ``leave_p``: the chance of leaving the list by last year's status (default: the
        yearly rates of 2022–2024)."""
        rng, p = self.rng, self.p
        em_slow = 1.0 + 0.55 * min(p.em_share / 0.5, 1.0)
        poor_target = round(len(self._of("poor")) * 0.72 * em_slow**0.35 * rng.uniform(0.95, 1.05))
        near_target = round(len(self._of("near_poor")) * rng.uniform(0.88, 0.96))

        # 1. households leaving the list (moved, died, merged; applicants not re-reviewed)
        self._leave(leave_p or LEAVE_P)

        new_status: dict[str, str] = {}
        poor_now = self._of("poor")
        # 2. fell back: not poor last year, poor in an earlier year, poor again now
        fb_pool = [
            h
            for h in sorted(self.active.values(), key=lambda h: h.hid)
            if h.status != "poor" and h.ever_poor_before(year - 1)
        ]
        n_fb = 0
        if fb_pool:
            n_fb = min(len(fb_pool), max(1, int(rng.binomial(len(fb_pool), 0.06))))
        for hh in self._pick(fb_pool, n_fb, [1.5 if h.ethnic_minority else 1.0 for h in fb_pool]):
            new_status[hh.hid] = "poor"
        # 3. newly poor: never poor before (existing list members and newcomers)
        n_new_poor = max(2, int(rng.binomial(len(poor_now), 0.09)))
        never_pool = [
            h
            for h in sorted(self.active.values(), key=lambda h: h.hid)
            if h.status in ("near_poor", "average")
            and not h.ever_poor_before(year)
            and h.hid not in new_status
        ]
        n_existing = min(len(never_pool), int(rng.binomial(n_new_poor, 0.5)))
        for hh in self._pick(
            never_pool, n_existing, [3.0 if h.status == "near_poor" else 1.0 for h in never_pool]
        ):
            new_status[hh.hid] = "poor"
        n_newcomers = n_new_poor - n_existing
        # 4. escaped: enough of last year's poor to reach the year's target
        n_escape = len(poor_now) - poor_target + n_fb + n_new_poor
        n_escape = min(max(n_escape, 1), len(poor_now))
        w = [
            (0.55 if h.ethnic_minority else 1.0) * (0.08 if h.no_labour else 1.0) for h in poor_now
        ]
        for hh in self._pick(poor_now, n_escape, w):
            new_status[hh.hid] = str(
                rng.choice(["near_poor", "average", "none"], p=[0.5, 0.4, 0.1])
            )
        # 5. near-poor and average households moving up or down
        near = [h for h in self._of("near_poor") if h.hid not in new_status]
        for hh in self._pick(near, int(rng.binomial(len(near), 0.12))):
            new_status[hh.hid] = str(rng.choice(["average", "none"], p=[0.8, 0.2]))
        avg = [h for h in self._of("average") if h.hid not in new_status]
        for hh in self._pick(avg, int(rng.binomial(len(avg), 0.04))):
            new_status[hh.hid] = "near_poor"
        for hh in self._pick(avg, int(rng.binomial(len(avg), 0.08))):
            if hh.hid not in new_status:
                new_status[hh.hid] = "none"

        # apply the status changes and evolve everyone else inside their band
        for hh in sorted(self.active.values(), key=lambda h: h.hid):
            status = new_status.get(hh.hid, hh.status)
            changed = status != hh.status
            hh.status = status
            hh.income = self._income(
                status, None if changed and status in ("poor", "near_poor") else hh.income
            )
            hh.deps = self._deps(status, hh.ethnic_minority, hh.deps)
            if rng.random() < 0.06:
                hh.members = int(min(8, max(1, hh.members + rng.choice([-1, 1]))))
        for _ in range(n_newcomers):
            hh = self.new_household("poor")
            self.active[hh.hid] = hh
        # 6. near-poor to target with newcomers (split households, new applicants)
        gap = near_target - len(self._of("near_poor"))
        if gap > 0:
            for _ in range(gap):
                hh = self.new_household("near_poor")
                self.active[hh.hid] = hh
        elif gap < 0:
            movable = [h for h in self._of("near_poor") if h.hid not in new_status]
            for hh in self._pick(movable, -gap):
                hh.status = "average"
                hh.income = self._income("average")
        for _ in range(int(rng.integers(6, 16))):
            hh = self.new_household("average")
            self.active[hh.hid] = hh
        for _ in range(int(rng.integers(20, 45))):
            hh = self.new_household("none")
            self.active[hh.hid] = hh

    def snapshot(self, year: int) -> None:
        """Record this year's rows (true status) and the history of each household."""
        for hh in sorted(self.active.values(), key=lambda h: h.hid):
            hh.history[year] = hh.status
            row: dict[str, Any] = {
                "year": year,
                "household_id": hh.hid,
                "commune": self.unit.name,
                "village": hh.village,
                "head_name": hh.head_name,
                "members": hh.members,
                "income_per_capita": hh.income,
            }
            for i in range(12):
                row[f"_d{i}"] = int(i in hh.deps)
            row.update(
                rule_status=hh.status,
                ethnic_minority=hh.ethnic_minority,
                agri_sector=hh.agri_sector,
                no_labour=hh.no_labour,
            )
            self.rows.append(row)

    def run(self) -> list[dict[str, Any]]:
        """Simulate all review years and return the rows."""
        self.first_year()
        self.snapshot(YEARS[0])
        for year in YEARS[1:]:
            self.next_year(year)
            self.snapshot(year)
        return self.rows
