"""Generate the committed SYNTHETIC demo data in ``data/raw/`` (Dữ liệu minh họa).

Nothing produced here is real statistics. Households, names, incomes and indicators are
simulated; only a handful of district-level 2023 figures (budget of Project 7, the three
training events, the 13 supervised and 3 inspected units, the six findings) are taken from
the district's published 2023 monitoring, as described in ``data/raw/README.md``.

Run ``python scripts/make_demo_data.py`` from the repository root (or anywhere: paths are
resolved from this file). The output is byte-for-byte deterministic for a given seed and
library versions; it is committed so that reports never depend on a library's random
streams. The script ends with a self-check (assertions) and prints a short summary.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from reportkit.excel import save_reproducibly

SEED = 20231215
YEARS: tuple[int, ...] = (2021, 2022, 2023, 2024)
SOURCE = "synthetic-demo"

ROOT = Path(__file__).resolve().parents[1]
DOMAIN_TOML = ROOT / "src" / "reportkit" / "domain.toml"
OUT_DIR = ROOT / "data" / "raw"

STATUSES: tuple[str, ...] = ("poor", "near_poor", "average", "none")
STATUS_VI = {
    "poor": "hộ nghèo",
    "near_poor": "hộ cận nghèo",
    "average": "hộ có mức sống trung bình",
    "none": "không",
}

# Published 2023 figures (Bình Thuận newspaper article on the district's 2023 monitoring).
TDA1_ALLOCATED_2023 = 225_400_000
TDA1_DISBURSED_2023 = 107_880_000  # 2 conferences, 263 officials, 47.86 % of allocation
TDA1_PARTICIPANTS_2023 = 263
TDA2_ALLOCATED_2023 = 119_600_000
# Assumption: "a little over 104 M VND, 87 % of its allocation" placed on the 119.6 M line.
TDA2_DISBURSED_2023 = 104_052_000
REVIEW_COURSE_PARTICIPANTS_2023 = 142
INSPECTED_2023 = ("Mỹ Thạnh", "Hàm Cần", "Hàm Thạnh")

# Three-letter unit codes used in synthetic household ids ("598-HTH-00042"). Not official.
UNIT_CODES = {
    "thuan-nam": "TNA",
    "ham-can": "HCA",
    "ham-cuong": "HCU",
    "ham-kiem": "HKI",
    "ham-minh": "HMI",
    "ham-my": "HMY",
    "ham-thanh": "HTH",
    "muong-man": "MMA",
    "my-thanh": "MTH",
    "tan-lap": "TLA",
    "tan-thanh": "TTH",
    "tan-thuan": "TTU",
    "thuan-quy": "TQU",
}


@dataclass(frozen=True)
class UnitParams:
    """Synthetic parameters of one unit: size, 2021 rates, ethnic-minority share."""

    households_2021: int
    poor_rate: float  # share of resident households poor in 2021
    near_poor_rate: float
    em_share: float  # share of ethnic-minority households among residents
    growth: float  # yearly growth of resident households


# Higher ethnic-minority (Raglai / K'Ho) shares in Mương Mán, Hàm Cần, Mỹ Thạnh, Tân Thuận.
PARAMS: dict[str, UnitParams] = {
    "Thuận Nam": UnitParams(3550, 0.020, 0.030, 0.01, 0.013),
    "Hàm Cần": UnitParams(1650, 0.058, 0.050, 0.30, 0.009),
    "Hàm Cường": UnitParams(2050, 0.032, 0.040, 0.02, 0.011),
    "Hàm Kiệm": UnitParams(2600, 0.035, 0.038, 0.03, 0.012),
    "Hàm Minh": UnitParams(2500, 0.040, 0.042, 0.02, 0.010),
    "Hàm Mỹ": UnitParams(2500, 0.030, 0.036, 0.02, 0.012),
    "Hàm Thạnh": UnitParams(1950, 0.045, 0.045, 0.05, 0.009),
    "Mương Mán": UnitParams(1550, 0.060, 0.052, 0.42, 0.008),
    "Mỹ Thạnh": UnitParams(1500, 0.060, 0.055, 0.50, 0.008),
    "Tân Lập": UnitParams(2150, 0.040, 0.040, 0.03, 0.010),
    "Tân Thành": UnitParams(2100, 0.044, 0.042, 0.02, 0.009),
    "Tân Thuận": UnitParams(1800, 0.048, 0.046, 0.18, 0.009),
    "Thuận Quý": UnitParams(1650, 0.038, 0.040, 0.03, 0.010),
}

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

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Hoàng",
    "Võ",
    "Phan",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Ngô",
    "Dương",
    "Lý",
    "Trương",
    "Đinh",
    "Lâm",
    "Mai",
]
SURNAME_P = np.array([30, 11, 9, 7, 6, 3, 6, 4, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2], dtype=float)
EM_SURNAMES = ["Bo Bo", "Chamaléa", "Katơr", "Pinăng", "Mấu", "Ma", "K'"]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Công"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Kim", "Thanh"]
GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đức",
    "Hải",
    "Hiếu",
    "Hùng",
    "Khoa",
    "Long",
    "Lộc",
    "Nam",
    "Phúc",
    "Quang",
    "Sơn",
    "Tài",
    "Thắng",
    "Toàn",
    "Trung",
    "Tuấn",
    "Vinh",
    "Tư",
    "Sáu",
    "Năm",
    "Hòa",
    "Thành",
]
GIVEN_F = [
    "Anh",
    "Bích",
    "Cúc",
    "Dung",
    "Hà",
    "Hạnh",
    "Hoa",
    "Hồng",
    "Hương",
    "Lan",
    "Liên",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Nhung",
    "Phượng",
    "Thảo",
    "Thủy",
    "Trang",
    "Tuyết",
    "Vân",
    "Xuân",
    "Yến",
    "Lệ",
    "Sen",
]
K_GIVEN = ["Brếu", "Dơng", "Sương", "Ha", "Bình", "Tuyết", "Bơng", "Điệp"]


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def load_domain() -> dict[str, Any]:
    """Read ``domain.toml`` (the package's rules as data) directly with tomllib."""
    return tomllib.loads(DOMAIN_TOML.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class UnitInfo:
    """A registry unit with what the generator needs from ``domain.toml``."""

    name: str
    kind: str
    area: str
    slug: str
    line: int  # poverty (= near-poor) line, VND/person/month
    avg_line: int  # upper bound of the average-living band

    @property
    def prefixed(self) -> str:
        """The name with its administrative prefix, as older files write it."""
        return f"{'Thị trấn' if self.kind == 'thị trấn' else 'Xã'} {self.name}"


def registry(domain: dict[str, Any]) -> list[UnitInfo]:
    """The 13 units in registry order with the 2022–2025 income lines of their area."""
    std = next(
        s
        for s in domain["standards"]
        if s["first_review_year"] <= 2021 and s["last_review_year"] >= 2024
    )
    assert std["rule"] == "and" and std["min_deprivations"] == 3
    out = []
    for u in domain["units"]:
        lines = std[u["area"]]
        assert lines["poverty_line"] == lines["near_poor_line"]
        out.append(
            UnitInfo(
                nfc(u["name"]),
                nfc(u["kind"]),
                u["area"],
                u["slug"],
                int(lines["poverty_line"]),
                int(lines["average_line"]),
            )
        )
    return out


# --------------------------------------------------------------------------- households


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

    def __init__(self, unit: UnitInfo, params: UnitParams, rng: np.random.Generator) -> None:
        self.unit = unit
        self.p = params
        self.rng = rng
        self.next_seq = 1
        self.villages = (
            [f"Khu phố {i}" for i in range(1, 6)]
            if unit.area == "urban"
            else [f"Thôn {i}" for i in range(1, 7)]
        )
        self.active: dict[str, Household] = {}
        self.rows: list[dict[str, Any]] = []

    # -- attribute draws ---------------------------------------------------------------
    def _name(self, em: int) -> str:
        rng = self.rng
        female = rng.random() < 0.32
        if em and rng.random() < 0.85:
            sur = str(rng.choice(EM_SURNAMES))
            if sur == "K'":
                return nfc(f"K'{rng.choice(K_GIVEN)}")
            mid = "Thị" if female else "Văn"
            given = rng.choice(GIVEN_F if female else GIVEN_M)
            return nfc(f"{sur} {mid} {given}")
        sur = SURNAMES[int(rng.choice(len(SURNAMES), p=SURNAME_P / SURNAME_P.sum()))]
        mid = rng.choice(MIDDLE_F if female else MIDDLE_M)
        given = rng.choice(GIVEN_F if female else GIVEN_M)
        return nfc(f"{sur} {mid} {given}")

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
        hid = f"598-{UNIT_CODES[self.unit.slug]}-{self.next_seq:05d}"
        self.next_seq += 1
        hh = Household(
            hid=hid,
            village=self.villages[int(rng.integers(len(self.villages)))],
            head_name=self._name(em),
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

    def next_year(self, year: int) -> None:
        """Move the panel from ``year - 1`` to ``year``: removals, escapes, falls, entries."""
        rng, p = self.rng, self.p
        em_slow = 1.0 + 0.55 * min(p.em_share / 0.5, 1.0)
        poor_target = round(len(self._of("poor")) * 0.72 * em_slow**0.35 * rng.uniform(0.95, 1.05))
        near_target = round(len(self._of("near_poor")) * rng.uniform(0.88, 0.96))

        # 1. households leaving the list (moved, died, merged; applicants not re-reviewed)
        leave_p = {"poor": 0.03, "near_poor": 0.04, "average": 0.10, "none": 0.45}
        for status, prob in leave_p.items():
            group = self._of(status)
            k = int(rng.binomial(len(group), prob))
            if status == "poor":
                k = max(1, k)
            for hh in self._pick(group, k):
                del self.active[hh.hid]

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


def rule_status(income: int, n_deps: int, unit: UnitInfo) -> str:
    """Status under Decree 07/2021 ("and" rule): the check applied to every row."""
    if income <= unit.line:
        return "poor" if n_deps >= 3 else "near_poor"
    return "average" if income <= unit.avg_line else "none"


def make_households(
    units: list[UnitInfo], ind_cols: list[str], scoring_flagged: set[tuple[int, str]]
) -> pd.DataFrame:
    """Simulate all units, then add recorded status (with errors) and score B."""
    rows: list[dict[str, Any]] = []
    for k, unit in enumerate(units):
        rng = np.random.default_rng([SEED, 1, k])
        rows.extend(UnitSimulator(unit, PARAMS[unit.name], rng).run())
    df = pd.DataFrame(rows).rename(columns={f"_d{i}": c for i, c in enumerate(ind_cols)})
    by_name = {u.name: u for u in units}
    n_deps = df[ind_cols].sum(axis=1)
    check = [
        rule_status(int(i), int(d), by_name[c])
        for i, d, c in zip(df["income_per_capita"], n_deps, df["commune"], strict=True)
    ]
    assert check == df["rule_status"].tolist(), "simulated status must follow the rule"

    rng = np.random.default_rng([SEED, 2])
    recorded = df["rule_status"].tolist()
    score_b = (10 * n_deps).astype(int).tolist()
    line = df["commune"].map(lambda c: by_name[c].line)
    avg_line = df["commune"].map(lambda c: by_name[c].avg_line)
    for year in YEARS:
        idx = np.flatnonzero((df["year"] == year).to_numpy())
        # recorded status: ~3 % realistic scoring errors, mostly near a boundary
        weights = []
        for i in idx:
            s, d, inc = recorded[i], int(n_deps.iat[i]), int(df["income_per_capita"].iat[i])
            near = (
                (s == "near_poor" and d == 2)
                or (s == "poor" and d == 3)
                or (s == "average" and inc <= 1.12 * line.iat[i])
                or (s == "none" and inc <= 1.12 * avg_line.iat[i])
            )
            weights.append(6.0 if near else 0.3)
        w = np.asarray(weights) / sum(weights)
        n_err = int(round(len(idx) * rng.uniform(0.025, 0.035)))
        for i in sorted(rng.choice(idx, size=n_err, replace=False, p=w)):
            s, d = recorded[i], int(n_deps.iat[i])
            if s == "near_poor":
                recorded[i] = "poor" if d == 2 or rng.random() < 0.3 else "average"
            elif s == "poor":
                recorded[i] = "near_poor"
            elif s == "average":
                recorded[i] = "near_poor" if rng.random() < 0.8 else "none"
            else:
                recorded[i] = "average"
        # score B: ~1 % of forms wrongly scored, more where the 2023 monitoring found it
        for i in idx:
            prob = 0.03 if (year, df["commune"].iat[i]) in scoring_flagged else 0.004
            if rng.random() < prob:
                delta = int(rng.choice([-10, -10, 10, 20]))
                score_b[i] = score_b[i] + delta if score_b[i] + delta >= 0 else score_b[i] + 10
    df["recorded_status"] = recorded
    df["score_b"] = score_b
    df["source"] = SOURCE
    order = {u.name: i for i, u in enumerate(units)}
    df["_o"] = df["commune"].map(order)
    df = df.sort_values(["year", "_o", "household_id"], kind="mergesort").drop(columns="_o")
    return df.reset_index(drop=True)


# ----------------------------------------------------------------------- other tables


def make_population(units: list[UnitInfo]) -> pd.DataFrame:
    """Resident households (the rate denominator) per unit and year."""
    rng = np.random.default_rng([SEED, 3])
    rows = []
    for u in units:
        p = PARAMS[u.name]
        h = float(p.households_2021)
        for year in YEARS:
            if year > YEARS[0]:
                h *= 1 + p.growth + rng.normal(0, 0.002)
            em = round(h * p.em_share * rng.uniform(0.98, 1.02))
            rows.append(
                {
                    "year": year,
                    "commune": u.name,
                    "households": round(h),
                    "ethnic_minority_households": em,
                    "source": SOURCE,
                }
            )
    df = pd.DataFrame(rows)
    return df.sort_values("year", kind="mergesort").reset_index(drop=True)


def _round_k(x: float) -> int:
    return int(round(x / 1000) * 1000)


def make_budget_and_trainings(units: list[UnitInfo]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Programme money per line and the training events it paid for."""
    rng = np.random.default_rng([SEED, 4])
    budget: list[dict[str, Any]] = []
    trainings: list[dict[str, Any]] = []

    def line(year: int, commune: str, project: str, activity: str, alloc: int, disb: int) -> None:
        budget.append(
            {
                "year": year,
                "commune": commune,
                "project": project,
                "activity": activity,
                "allocated_vnd": alloc,
                "disbursed_vnd": disb,
            }
        )

    def event(
        year: int, date: str, commune: str, project: str, title: str, people: int, cost: int
    ) -> None:
        trainings.append(
            {
                "year": year,
                "date": date,
                "commune": commune,
                "project": project,
                "title": title,
                "participants": people,
                "cost_vnd": cost,
            }
        )

    # district level: Project 7 (TDA1 conferences, TDA2 M&E and the review course)
    conf_title = (
        "Hội nghị tập huấn nâng cao năng lực thực hiện Chương trình MTQG giảm nghèo bền vững"
    )
    review_title = "Lớp tập huấn nghiệp vụ rà soát hộ nghèo, hộ cận nghèo năm {y}"
    district_plan = {  # year: (TDA1 alloc, conferences [(date, people, cost)], TDA2 alloc,
        #                 review course (date, people, cost), other M&E spending)
        2021: (
            150_000_000,
            [("2021-11-09", 118, 52_460_000)],
            80_000_000,
            ("2021-08-31", 128, 61_380_000),
            9_600_000,
        ),
        2022: (
            198_000_000,
            [("2022-06-14", 126, 54_720_000), ("2022-08-23", 131, 57_150_000)],
            105_000_000,
            ("2022-08-30", 136, 84_210_000),
            12_400_000,
        ),
        2023: (
            TDA1_ALLOCATED_2023,
            [("2023-05-16", 135, 55_140_000), ("2023-07-11", 128, 52_740_000)],
            TDA2_ALLOCATED_2023,
            ("2023-08-29", REVIEW_COURSE_PARTICIPANTS_2023, TDA2_DISBURSED_2023),
            0,
        ),
        2024: (
            240_000_000,
            [("2024-05-21", 138, 63_860_000), ("2024-07-16", 129, 60_020_000)],
            128_000_000,
            ("2024-08-27", 139, 98_460_000),
            14_300_000,
        ),
    }
    for year, (a1, confs, a2, course, other_me) in district_plan.items():
        d1 = sum(c for _, _, c in confs)
        d2 = course[2] + other_me
        line(
            year,
            "",
            "DA7.TDA1",
            "Hội nghị tập huấn nâng cao năng lực thực hiện Chương trình",
            a1,
            d1,
        )
        line(year, "", "DA7.TDA2", "Giám sát, đánh giá; lớp tập huấn rà soát hộ nghèo", a2, d2)
        for n, (date, people, cost) in enumerate(confs, start=1):
            suffix = f" (đợt {n})" if len(confs) > 1 else ""
            event(year, date, "", "DA7.TDA1", f"{conf_title} năm {year}{suffix}", people, cost)
        event(year, course[0], "", "DA7.TDA2", review_title.format(y=year), course[1], course[2])

    # commune level
    em_units = {"Mương Mán", "Hàm Cần", "Mỹ Thạnh", "Tân Thuận"}
    coastal = {"Tân Thành", "Tân Thuận"}
    over_row_placed = False
    for year in YEARS:
        scale = 0.5 if year == 2021 else 1.0 + 0.08 * (year - 2022)
        for u in units:
            lines: list[tuple[str, str, float]] = [
                (
                    "DA6",
                    "Truyền thông về giảm nghèo, giảm nghèo về thông tin",
                    rng.uniform(8e6, 22e6),
                )
            ]
            if year >= 2022:
                if u.name in coastal:
                    lines.append(
                        (
                            "DA1",
                            "Hỗ trợ đầu tư hạ tầng xã bãi ngang ven biển",
                            rng.uniform(1.1e9, 2.4e9),
                        )
                    )
                if u.name in em_units:
                    lines.append(
                        (
                            "DA3",
                            "Hỗ trợ phát triển sản xuất (giống cây trồng, vật nuôi)",
                            rng.uniform(2.5e8, 6.0e8),
                        )
                    )
                    lines.append(
                        (
                            "DA5",
                            "Hỗ trợ xây mới, sửa chữa nhà ở hộ nghèo",
                            rng.uniform(2.0e8, 4.8e8),
                        )
                    )
                if rng.random() < 0.45 or u.name == "Thuận Nam":
                    lines.append(
                        (
                            "DA4",
                            "Đào tạo nghề, hỗ trợ việc làm cho lao động nghèo",
                            rng.uniform(6.0e7, 1.8e8),
                        )
                    )
                if rng.random() < 0.2:
                    lines.append(
                        (
                            "DA2",
                            "Nhân rộng mô hình giảm nghèo, đa dạng hóa sinh kế",
                            rng.uniform(1.5e8, 3.5e8),
                        )
                    )
            for project, activity, alloc_f in lines:
                alloc = _round_k(alloc_f * scale)
                ratio = rng.uniform(0.55, 1.0) if year < 2024 else rng.uniform(0.45, 0.95)
                if year == 2022 and u.name == "Hàm Mỹ" and project == "DA6":
                    ratio, over_row_placed = 1.042, True  # the one over-disbursed line
                disb = (
                    min(_round_k(alloc * ratio), alloc) if ratio <= 1 else _round_k(alloc * ratio)
                )
                line(year, u.name, project, activity, alloc, disb)
                if project in ("DA4", "DA6") and rng.random() < 0.35:
                    month = int(rng.integers(4, 12))
                    day = int(rng.integers(1, 29))
                    title = (
                        "Hội nghị tuyên truyền chính sách giảm nghèo tại xã"
                        if project == "DA6"
                        else "Lớp đào tạo nghề ngắn hạn cho lao động nghèo"
                    )
                    people = int(rng.integers(35, 90) if project == "DA6" else rng.integers(18, 35))
                    event(
                        year,
                        f"{year}-{month:02d}-{day:02d}",
                        u.name,
                        project,
                        title,
                        people,
                        _round_k(disb * rng.uniform(0.4, 0.9)),
                    )
    assert over_row_placed
    order = {"": -1} | {u.name: i for i, u in enumerate(units)}
    b = pd.DataFrame(budget)
    b["source"] = SOURCE
    b["_o"] = b["commune"].map(order)
    b = b.sort_values(["year", "_o", "project"], kind="mergesort").drop(columns="_o")
    t = pd.DataFrame(trainings)
    t["source"] = SOURCE
    t["_o"] = t["commune"].map(order)
    t = t.sort_values(["year", "_o", "date", "title"], kind="mergesort").drop(columns="_o")
    return b.reset_index(drop=True), t.reset_index(drop=True)


MONITORING_2023: list[tuple[str, str, str, list[str]]] = [
    # (date, commune, kind, findings) — 13 supervision visits, 3 inspections
    ("2023-09-12", "Thuận Nam", "supervision", ["communication_weak"]),
    ("2023-09-14", "Hàm Cần", "supervision", ["dependency_mindset", "scoring_forms_incomplete"]),
    ("2023-09-19", "Hàm Cường", "supervision", ["no_joint_plan"]),
    (
        "2023-09-21",
        "Hàm Kiệm",
        "supervision",
        ["scoring_forms_incomplete", "vocational_coordination_weak"],
    ),
    ("2023-09-26", "Hàm Minh", "supervision", ["communication_weak", "training_needs_unrealistic"]),
    ("2023-09-28", "Hàm Mỹ", "supervision", []),
    ("2023-10-03", "Hàm Thạnh", "supervision", ["scoring_forms_incomplete"]),
    ("2023-10-05", "Mương Mán", "supervision", ["dependency_mindset", "communication_weak"]),
    ("2023-10-10", "Mỹ Thạnh", "supervision", ["dependency_mindset", "no_joint_plan"]),
    ("2023-10-12", "Tân Lập", "supervision", ["vocational_coordination_weak"]),
    ("2023-10-17", "Tân Thành", "supervision", ["training_needs_unrealistic"]),
    ("2023-10-19", "Tân Thuận", "supervision", ["scoring_forms_incomplete", "dependency_mindset"]),
    ("2023-10-24", "Thuận Quý", "supervision", ["no_joint_plan"]),
    ("2023-11-07", "Mỹ Thạnh", "inspection", ["scoring_forms_incomplete", "communication_weak"]),
    ("2023-11-09", "Hàm Cần", "inspection", ["scoring_forms_incomplete", "no_joint_plan"]),
    (
        "2023-11-14",
        "Hàm Thạnh",
        "inspection",
        ["scoring_forms_incomplete", "vocational_coordination_weak"],
    ),
]


def make_monitoring(units: list[UnitInfo], codes: list[str]) -> pd.DataFrame:
    """Supervision and inspection visits; 2023 as published, other years plausible."""
    rng = np.random.default_rng([SEED, 5])
    names = [u.name for u in units]
    rows: list[dict[str, Any]] = []
    plan = {2021: (4, 0), 2022: (7, 2), 2024: (9, 2)}
    for year in YEARS:
        if year == 2023:
            visits = [(d, c, k, f) for d, c, k, f in MONITORING_2023]
        else:
            n_sup, n_insp = plan[year]
            visits = []
            for kind, n in (("supervision", n_sup), ("inspection", n_insp)):
                chosen = sorted(rng.choice(len(names), size=n, replace=False))
                for i in chosen:
                    month = int(
                        rng.integers(9, 12) if kind == "supervision" else rng.integers(11, 13)
                    )
                    day = int(rng.integers(1, 29))
                    k = int(rng.choice([0, 1, 2], p=[0.25, 0.5, 0.25]))
                    f = sorted(rng.choice(codes, size=k, replace=False).tolist())
                    visits.append((f"{year}-{month:02d}-{day:02d}", names[i], kind, f))
        for date, commune, kind, found in visits:
            recs = len(found) + int(rng.integers(0, 2))
            share = {2021: 1.0, 2022: 0.9, 2023: 0.7, 2024: 0.4}[year]
            resolved = int(rng.binomial(recs, share)) if recs else 0
            rows.append(
                {
                    "year": year,
                    "date": date,
                    "commune": commune,
                    "kind": kind,
                    "findings": ";".join(found),
                    "recommendations": recs,
                    "recommendations_resolved": resolved,
                    "source": SOURCE,
                }
            )
    order = {n: i for i, n in enumerate(names)}
    df = pd.DataFrame(rows)
    df["_k"] = df["kind"].map({"supervision": 0, "inspection": 1})
    df["_o"] = df["commune"].map(order)
    df = df.sort_values(["year", "_k", "_o", "date"], kind="mergesort")
    return df.drop(columns=["_k", "_o"]).reset_index(drop=True)


def official_rates(hh: pd.DataFrame, pop: pd.DataFrame) -> pd.DataFrame:
    """Poor and near-poor rates (percent of resident households) by recorded status."""
    counts = (
        hh.assign(poor=hh["recorded_status"].eq("poor"), near=hh["recorded_status"].eq("near_poor"))
        .groupby(["year", "commune"], sort=False)[["poor", "near"]]
        .sum()
        .reset_index()
    )
    m = pop.merge(counts, on=["year", "commune"], how="left").fillna({"poor": 0, "near": 0})
    m["poor_rate"] = 100 * m["poor"] / m["households"]
    m["near_rate"] = 100 * m["near"] / m["households"]
    return m


def make_targets(units: list[UnitInfo], hh: pd.DataFrame, pop: pd.DataFrame) -> pd.DataFrame:
    """Plan targets: a little below the previous year's rate (2021: a notional 2020 base)."""
    rng = np.random.default_rng([SEED, 6])
    rates = official_rates(hh, pop)
    dist = rates.groupby("year")[["poor", "near", "households"]].sum()
    rows = []
    for year in YEARS:
        prev = year - 1 if year > YEARS[0] else year
        bump = 0.0 if year > YEARS[0] else 0.8  # notional 2020 rate = 2021 rate + 0.8 point
        pr = 100 * dist.loc[prev, "poor"] / dist.loc[prev, "households"] + bump
        nr = 100 * dist.loc[prev, "near"] / dist.loc[prev, "households"] + 0.4 * bump
        rows.append(
            {
                "year": year,
                "commune": "",
                "poverty_rate_target": round(pr - 1.0, 2),
                "near_poor_rate_target": round(nr - 0.4, 2),
            }
        )
        for u in units:
            r = rates[(rates["year"] == prev) & (rates["commune"] == u.name)].iloc[0]
            base_p = r["poor_rate"] + bump * 0.25 * r["poor_rate"]
            base_n = r["near_rate"] + bump * 0.1 * r["near_rate"]
            drop_p = min(1.5, max(0.3, 0.25 * base_p)) * rng.uniform(0.85, 1.15)
            drop_n = min(0.8, max(0.2, 0.1 * base_n)) * rng.uniform(0.85, 1.15)
            rows.append(
                {
                    "year": year,
                    "commune": u.name,
                    "poverty_rate_target": round(max(0.3, base_p - drop_p), 2),
                    "near_poor_rate_target": round(max(0.5, base_n - drop_n), 2),
                }
            )
    df = pd.DataFrame(rows)
    df["source"] = SOURCE
    return df


# --------------------------------------------------------------------------- writing


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """UTF-8 CSV with LF line endings, no index."""
    df.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


FIXED_TIME = dt.datetime(2021, 12, 31, 0, 0, 0)


def write_households_xlsx(
    df: pd.DataFrame,
    path: Path,
    units: list[UnitInfo],
    indicators_vi: list[str],
    ind_cols: list[str],
) -> None:
    """The 2021 list as an older office would keep it: title rows, Vietnamese headers,
    prefixed commune names, ticks as "x", Vietnamese status words. Deterministic bytes."""
    prefixed = {u.name: u.prefixed for u in units}
    headers = (
        [
            "Năm",
            "Mã hộ",
            "Xã",
            "Thôn",
            "Họ tên chủ hộ",
            "Số nhân khẩu",
            "Thu nhập bình quân đầu người",
        ]
        + indicators_vi
        + [
            "Kết quả phân loại",
            "Điểm B",
            "Dân tộc thiểu số",
            "Nông lâm ngư diêm nghiệp",
            "Không có khả năng lao động",
            "source",
        ]
    )
    wb = Workbook()
    ws = wb.active
    ws.title = "DS ho ra soat 2021"
    ws.append(["DANH SÁCH HỘ RÀ SOÁT NĂM 2021 — DỮ LIỆU MINH HỌA (TỔNG HỢP)"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(headers)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")

    def tick(v: int) -> str | None:
        return "x" if int(v) else None

    for r in df.itertuples(index=False):
        d = r._asdict()
        ws.append(
            [
                int(d["year"]),
                d["household_id"],
                prefixed[d["commune"]],
                d["village"],
                d["head_name"],
                int(d["members"]),
                int(d["income_per_capita"]),
            ]
            + [tick(d[c]) for c in ind_cols]
            + [
                STATUS_VI[d["recorded_status"]],
                int(d["score_b"]),
                tick(d["ethnic_minority"]),
                tick(d["agri_sector"]),
                tick(d["no_labour"]),
                SOURCE,
            ]
        )
    for col, width in zip("ABCDEFG", (7, 15, 18, 11, 24, 9, 14), strict=True):
        ws.column_dimensions[col].width = width
    note = wb.create_sheet("Ghi chu")
    for line in (
        "Dữ liệu minh họa (synthetic demo data) — không phải số liệu thống kê thật.",
        "Sinh bởi scripts/make_demo_data.py; xem data/raw/README.md.",
    ):
        note.append([line])
    props = wb.properties
    props.creator = "reportkit scripts/make_demo_data.py (synthetic demo data)"
    props.title = "Danh sách hộ rà soát năm 2021 — dữ liệu minh họa"
    props.description = "Synthetic demo data, not real statistics."
    props.lastModifiedBy = "reportkit"
    # openpyxl stamps the save time into the file: save with a fixed time instead.
    path.write_bytes(save_reproducibly(wb, FIXED_TIME))


# ------------------------------------------------------------------------ self-check


def transitions(hh: pd.DataFrame, status_col: str) -> pd.DataFrame:
    """Escaped / removed / fell_back / new_poor counts per unit and year (2022–2024)."""
    status = {
        (int(y), h): s
        for y, h, s in zip(hh["year"], hh["household_id"], hh[status_col], strict=True)
    }
    unit_of = dict(zip(hh["household_id"], hh["commune"], strict=False))
    rows = []
    for year in YEARS[1:]:
        counts: dict[str, dict[str, int]] = {}
        ids = {h for (y, h) in status if y in (year, year - 1)}
        for h in sorted(ids):
            c = counts.setdefault(
                unit_of[h], dict.fromkeys(("escaped", "removed", "fell_back", "new_poor"), 0)
            )
            prev, now = status.get((year - 1, h)), status.get((year, h))
            earlier = [status.get((y, h)) for y in YEARS if y < year - 1]
            if prev == "poor" and now is None:
                c["removed"] += 1
            elif prev == "poor" and now != "poor":
                c["escaped"] += 1
            elif now == "poor" and prev is not None and prev != "poor" and "poor" in earlier:
                c["fell_back"] += 1
            if now == "poor" and prev != "poor" and "poor" not in earlier:
                c["new_poor"] += 1
        for unit, c in counts.items():
            rows.append({"year": year, "commune": unit, **c})
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


# --- officials' words and the report settings (optional tables) ---------------------------
# ruff: noqa: E501  (the commentary below is prose, one paragraph per line, as officials type it)

# The district's 2023 commentary carries the substance of the published article (the seed
# of this demo: Bình Thuận newspaper on the district's 2023 monitoring) — published fact —
# in the words an official would write. Sections the article does not cover are marked
# "(Minh họa)": illustrative text, not the district's.
DISTRICT_2023 = {
    "direction": """\
Ủy ban nhân dân huyện ban hành kế hoạch thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2023; kinh phí Tiểu dự án 1 (Nâng cao năng lực thực hiện Chương trình) thuộc Dự án 7 được phân bổ năm 2022 là 225,4 triệu đồng.
Về nâng cao năng lực, huyện tổ chức:
- 02 hội nghị tập huấn cho 263 lượt cán bộ làm công tác giảm nghèo của huyện, các xã, thị trấn và thôn, khu phố về tổ chức thực hiện Chương trình, với kinh phí 107,88 triệu đồng, đạt 47,86% kinh phí được phân bổ;
- 01 lớp tập huấn nghiệp vụ rà soát hộ nghèo, hộ cận nghèo cho 142 cán bộ cấp xã và rà soát viên, kinh phí trên 104 triệu đồng, đạt 87% kinh phí được phân bổ.""",
    "monitoring_conclusions": """\
Huyện thành lập 01 đoàn kiểm tra và 01 đoàn giám sát; giám sát 13/13 xã, thị trấn, trong đó kiểm tra 03 xã (Mỹ Thạnh, Hàm Cần, Hàm Thạnh).
Nội dung kiểm tra, giám sát: công tác chuẩn bị, triển khai thực hiện Chương trình; công tác chỉ đạo, tổ chức thực hiện; việc rà soát hộ nghèo, hộ cận nghèo; việc cho vay vốn tín dụng ưu đãi đối với hộ nghèo, hộ cận nghèo và các chính sách giảm nghèo khác.
Qua kiểm tra, giám sát, các địa phương triển khai thực hiện tương đối tốt, đúng theo trình tự thủ tục quy định.""",
    "shortcomings": """\
- Công tác tuyên truyền về chính sách giảm nghèo còn hạn chế, chưa có giải pháp thay đổi nhận thức của người dân.
- Một số hộ nghèo không muốn thoát nghèo, còn tâm lý trông chờ, ỷ lại vào sự hỗ trợ của Nhà nước.
- Mặt trận Tổ quốc và các đoàn thể chưa xây dựng kế hoạch giám sát phối hợp.
- Phiếu chấm điểm rà soát hộ nghèo, hộ cận nghèo ở một số thôn chưa được điền đầy đủ, chính xác.
- Công tác phối hợp trong đào tạo nghề, giải quyết việc làm cho người lao động chưa chặt chẽ.
- Việc khảo sát nhu cầu đào tạo nghề chưa sát với thực tế nên kết quả đào tạo nghề chưa đạt yêu cầu.""",
    "strengths": """\
(Minh họa) Các cấp ủy, chính quyền quan tâm chỉ đạo; việc rà soát hộ nghèo, hộ cận nghèo được thực hiện đúng quy trình; các địa phương phối hợp với đoàn kiểm tra, giám sát.""",
    "causes_objective": """\
(Minh họa) Kinh phí của Chương trình được giao muộn; một số chính sách hỗ trợ chưa có hướng dẫn thực hiện.""",
    "causes_subjective": """\
(Minh họa) Một bộ phận cán bộ làm công tác giảm nghèo ở cơ sở kiêm nhiệm, thay đổi thường xuyên, nghiệp vụ rà soát còn hạn chế.""",
    "lessons": """\
(Minh họa) Cần tập huấn nghiệp vụ rà soát trước kỳ rà soát và kiểm tra việc chấm điểm ngay tại thôn, khu phố.""",
    "next_year": """\
(Minh họa)
- Đẩy mạnh tuyên truyền, thay đổi nhận thức của hộ nghèo về ý chí tự vươn lên thoát nghèo.
- Phối hợp với Mặt trận Tổ quốc và các đoàn thể xây dựng kế hoạch giám sát chung.
- Khảo sát nhu cầu đào tạo nghề sát với thực tế trước khi mở lớp.""",
    "proposals": """\
(Minh họa) Đề nghị cấp tỉnh sớm giao kinh phí và hướng dẫn thực hiện các dự án của Chương trình.""",
    "projects_notes": """\
Lớp tập huấn nghiệp vụ rà soát được ghi vào Tiểu dự án 2 (Giám sát, đánh giá) của Dự án 7: bài báo không nêu nguồn kinh phí của lớp này (giả định của dữ liệu minh họa).""",
}


def make_commentary() -> pd.DataFrame:
    """The officials' commentary of the demo: the district's 2023 report only (the
    other reports show fill-in marks, as a report does before officials write)."""
    rows = [
        {"year": 2023, "commune": "", "section": code, "text": text, "source": "synthetic-demo"}
        for code, text in DISTRICT_2023.items()
    ]
    return pd.DataFrame(rows)


def make_settings(units: list[UnitInfo]) -> pd.DataFrame:
    """The form's deployment data for every demo report: synthetic, and marked so in the
    signer's name. Document numbers and dates are left empty for the office to fill in."""
    rows = []
    for year in YEARS:
        for unit in [None, *units]:
            rows.append(
                {
                    "year": year,
                    "commune": "" if unit is None else unit.name,
                    "number": "",
                    "date": "",
                    "signer_title": "TM. ỦY BAN NHÂN DÂN;KT. CHỦ TỊCH;PHÓ CHỦ TỊCH",
                    "signer_name": "Nguyễn Văn A (tên minh họa)",
                    "recipients": (
                        "- UBND tỉnh Bình Thuận (b/c);- Sở LĐ-TB&XH tỉnh (b/c);"
                        "- TT. Huyện ủy, TT. HĐND huyện (b/c);- Lưu: VT."
                        if unit is None
                        else "- UBND huyện Hàm Thuận Nam (b/c);- Phòng LĐ-TB&XH huyện;- Lưu: VT."
                    ),
                    "source": "synthetic-demo",
                }
            )
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> None:
    """Generate every table, write ``data/raw/``, self-check and print a summary."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT_DIR, help="output folder (data/raw)")
    args = ap.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)

    domain = load_domain()
    units = registry(domain)
    assert [u.name for u in units] == list(PARAMS)
    ind_cols = [i["column"] for i in domain["indicators"]]
    contract_vi = [
        "Việc làm",
        "Người phụ thuộc",
        "Dinh dưỡng",
        "Bảo hiểm y tế",
        "Trình độ giáo dục người lớn",
        "Tình trạng đi học của trẻ em",
        "Chất lượng nhà ở",
        "Diện tích nhà ở bình quân đầu người",
        "Nguồn nước sinh hoạt",
        "Nhà tiêu hợp vệ sinh",
        "Sử dụng dịch vụ viễn thông",
        "Phương tiện tiếp cận thông tin",
    ]
    codes = list(domain["findings"])
    hh_cols = [c["name"] for c in domain["tables"]["households"]["columns"]]

    monitoring = make_monitoring(units, codes)
    flagged = {
        (int(y), c)
        for y, c, f in zip(
            monitoring["year"], monitoring["commune"], monitoring["findings"], strict=True
        )
        if "scoring_forms_incomplete" in f
    }
    hh = make_households(units, ind_cols, flagged)
    pop = make_population(units)
    budget, trainings = make_budget_and_trainings(units)
    targets = make_targets(units, hh, pop)
    tr = self_check(units, hh, pop, budget, trainings, monitoring, codes)

    public = hh[hh_cols + ["source"]]
    write_households_xlsx(
        public[public["year"] == 2021], out / "households_2021.xlsx", units, contract_vi, ind_cols
    )
    for year in YEARS[1:]:
        write_csv(public[public["year"] == year], out / f"households_{year}.csv")
    write_csv(pop, out / "population.csv")
    write_csv(budget, out / "budget.csv")
    write_csv(trainings, out / "trainings.csv")
    write_csv(monitoring, out / "monitoring.csv")
    write_csv(targets, out / "targets.csv")
    write_csv(make_commentary(), out / "commentary.csv")
    write_csv(make_settings(units), out / "settings.csv")

    print(f"synthetic demo data (seed {SEED}) written to {out}")
    for name, df in (
        ("households", hh),
        ("population", pop),
        ("budget", budget),
        ("trainings", trainings),
        ("monitoring", monitoring),
        ("targets", targets),
    ):
        print(f"  {name:<11} {len(df):>6} rows")
    rates = official_rates(hh, pop).groupby("year")[["poor", "near", "households"]].sum()
    rule = hh.groupby("year")["rule_status"].value_counts().unstack()
    print("  district   reviewed  poor(rec) near(rec)  poor(rule) near(rule)  poor rate")
    for year in YEARS:
        r = rates.loc[year]
        print(
            f"  {year}      {int((hh['year'] == year).sum()):>7}  {int(r['poor']):>9}"
            f" {int(r['near']):>9}  {int(rule.loc[year, 'poor']):>10}"
            f" {int(rule.loc[year, 'near_poor']):>10}"
            f"  {100 * r['poor'] / r['households']:>8.2f}%"
        )
    print("  transitions (rule status, district):")
    print(
        tr.groupby("year")[["escaped", "removed", "fell_back", "new_poor"]]
        .sum()
        .to_string()
        .replace("\n", "\n    ")
        .join(["    ", ""])
    )


if __name__ == "__main__":
    main()
