"""The successor communes' panels from review year 2025: the merger year and the first
review under the 2026–2030 lines, continuing the predecessors' households."""

from __future__ import annotations

import numpy as np

from .panel import DEP_WEIGHTS, DEP_WEIGHTS_EM, Household, UnitSimulator
from .registry import PROVINCE_CODE, Successor, UnitInfo, UnitParams, rule_status

# Leaving the list in a successor's first review: the new commune re-reviewed fewer of the
# former units' non-poor applicants.
LEAVE_P_MERGER = {"poor": 0.03, "near_poor": 0.05, "average": 0.14, "none": 0.55}
# Leaving in the first review under the 2026–2030 lines.
LEAVE_P_NEW_LINE = {"poor": 0.03, "near_poor": 0.05, "average": 0.12, "none": 0.5}


class SuccessorSimulator(UnitSimulator):
    """A successor commune from review year 2025. It takes over the reviewed households of
    the units that moved into it — same ids, same histories (the same Household objects) —
    reviews them under each year's standard, and gives the households it reviews for the
    first time ids in the new scheme. Villages keep their names with the former unit's name
    added ("Thôn 3 (Hàm Minh)"), since every predecessor had a "Thôn 1"."""

    def __init__(
        self,
        succ: Successor,
        unit: UnitInfo,
        params: UnitParams,
        rng: np.random.Generator,
        preds: list[UnitSimulator],
    ) -> None:
        super().__init__(unit, params, rng)
        self.succ = succ
        self.id_prefix = f"{PROVINCE_CODE}-{succ.code}"
        self.villages = [f"{v} ({p.unit.name})" for p in preds for v in p.villages]
        self.origin: dict[str, str] = {}  # household id -> the unit whose 2024 list held it
        self.boundary: set[str] = set()  # 2026 households placed on an income boundary
        for p in preds:
            for hh in sorted(p.active.values(), key=lambda h: h.hid):
                hh.village = f"{hh.village} ({p.unit.name})"
                self.active[hh.hid] = hh
                self.origin[hh.hid] = p.unit.name

    def merger_year(self, year: int, unit: UnitInfo) -> None:
        """The first review of the successor (Decree 07/2021 lines of its area, rural for
        all six): every household is first classed by the successor's line — so a former
        township household between the rural and the urban line is no longer poor or
        near-poor — then the year's usual escapes, falls, entries and departures."""
        self.unit = unit
        for hh in sorted(self.active.values(), key=lambda h: h.hid):
            hh.status = rule_status(hh.income, len(hh.deps), unit)
        self.next_year(year, LEAVE_P_MERGER)
        self.snapshot(year)

    def new_line_year(self, year: int, unit: UnitInfo, urban_line: int) -> None:
        """The first review under the 2026–2030 lines (2,200,000 rural): incomes grow a
        little, but the line rises by almost half, so many households of the average band
        fall under it — near-poor, or poor with three deprivations; households new to the
        list apply. Some poor households escape (deprivations closed by the programme's
        support, or a job), a few fall back."""
        rng, line = self.rng, unit.line
        self.unit = unit
        self._leave(LEAVE_P_NEW_LINE)
        last = {h.hid: h.status for h in self.active.values()}
        poor_last = self._of("poor")
        for hh in sorted(self.active.values(), key=lambda h: h.hid):
            hh.income = int(hh.income * np.exp(rng.normal(0.05, 0.06)) // 1000 * 1000)
            if rng.random() < 0.2 and hh.deps:  # a little churn between reviews
                hh.deps.discard(int(rng.choice(sorted(hh.deps))))
                if rng.random() < 0.5:
                    hh.deps.add(self._draw_dep(hh.deps, self._weights(hh)))
            if rng.random() < 0.06:
                hh.members = int(min(8, max(1, hh.members + rng.choice([-1, 1]))))
        # escaped: deprivations closed (housing, health insurance, school) or a job
        n_escape = max(1, int(rng.binomial(len(poor_last), 0.3)))
        w = [
            (0.55 if h.ethnic_minority else 1.0) * (0.08 if h.no_labour else 1.0) for h in poor_last
        ]
        for hh in self._pick(poor_last, n_escape, w):
            if rng.random() < 0.25:
                hh.income = int(line * rng.uniform(1.03, 1.4) // 1000 * 1000)
            else:
                while len(hh.deps) > 2:
                    hh.deps.discard(int(rng.choice(sorted(hh.deps))))
        # fell back: poor in an earlier review, not poor last year, poor again now
        fb_pool = [
            h
            for h in sorted(self.active.values(), key=lambda h: h.hid)
            if last[h.hid] != "poor" and h.ever_poor_before(year - 1)
        ]
        n_fb = min(len(fb_pool), max(1, int(rng.binomial(len(fb_pool), 0.06))))
        for hh in self._pick(fb_pool, n_fb, [1.5 if h.ethnic_minority else 1.0 for h in fb_pool]):
            hh.income = min(hh.income, int(line * rng.uniform(0.7, 0.98) // 1000 * 1000))
            while len(hh.deps) < 3:
                hh.deps.add(self._draw_dep(hh.deps, self._weights(hh)))
        for hh in self.active.values():
            hh.status = rule_status(hh.income, len(hh.deps), unit)
        # households new to the list: the new line brings applicants with 1.5–2.2 M
        for status, n in (
            ("poor", int(rng.integers(8, 16))),
            ("near_poor", int(rng.integers(25, 50))),
            ("average", int(rng.integers(10, 25))),
            ("none", int(rng.integers(10, 25))),
        ):
            for _ in range(n):
                hh = self.new_household(status)
                if status in ("poor", "near_poor"):
                    hh.income = int(line * rng.uniform(0.7, 1.0) // 1000 * 1000)
                self.active[hh.hid] = hh
        self.place_boundaries(unit, urban_line)
        self.snapshot(year)

    def _weights(self, hh: Household) -> np.ndarray:
        return DEP_WEIGHTS_EM if hh.ethnic_minority else DEP_WEIGHTS

    def place_boundaries(self, unit: UnitInfo, urban_line: int) -> None:
        """Put households exactly on the 2026 boundaries: one poor and one near-poor at the
        rural line (2,200,000: still poor / near-poor, "≤ line"), and one household at the
        urban line (2,800,000: above the rural line). In Hàm Thuận Nam two households of the
        former township sit at 2,800,000, one with three deprivations and one with fewer —
        poor and near-poor should its households ever get the urban line."""
        rng, line = self.rng, unit.line
        by_id = sorted(self.active.values(), key=lambda h: h.hid)

        def pick(pool: list[Household]) -> Household:
            hh = pool[int(rng.integers(len(pool)))]
            self.boundary.add(hh.hid)
            return hh

        for status in ("poor", "near_poor"):
            pool = [h for h in by_id if h.status == status and h.income >= 0.8 * line]
            pick(pool).income = line
        above = [h for h in by_id if h.status in ("average", "none") and h.hid not in self.boundary]
        township = [h for h in above if self.origin.get(h.hid) == "Thuận Nam"]
        if township:
            many = pick([h for h in township if len(h.deps) >= 3] or township)
            while len(many.deps) < 3:
                many.deps.add(self._draw_dep(many.deps, self._weights(many)))
            few = pick([h for h in township if len(h.deps) < 3 and h.hid not in self.boundary])
            for hh in (many, few):
                hh.income = urban_line
        else:
            pick(above).income = urban_line
        for hh in self.active.values():
            hh.status = rule_status(hh.income, len(hh.deps), unit)
