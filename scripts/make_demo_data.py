"""Generate the committed SYNTHETIC demo data in ``data/raw/`` (Dữ liệu minh họa).

Nothing produced here is real statistics. Households, names, incomes and indicators are
simulated; only a handful of district-level 2023 figures (budget of Project 7, the three
training events, the 13 supervised and 3 inspected units, the six findings) are taken from
the district's published 2023 monitoring, as described in ``data/raw/README.md``.

Review years 2021–2024: the 13 units of Hàm Thuận Nam district, plus the history of the two
units from outside it whose areas joined successor communes (Sông Phan, Tiến Lợi). Review
years 2025–2026: the six successor communes of Lâm Đồng province (Resolution
1671/NQ-UBTVQH15), continuing their predecessors' households with the same ids; 2025 under
the Decree 07/2021 lines, 2026 under the Decree 351/2025 lines — all as the registry in
``src/reportkit/domain.toml`` says. New content draws from its own random streams (spawn
keys 10–19), so the 2021–2024 rows of the 13 units never change.

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

from reportkit.core.excel import save_reproducibly

SEED = 20231215
YEARS: tuple[int, ...] = (2021, 2022, 2023, 2024)  # the district's review years (13 units)
REFORM_YEARS: tuple[int, ...] = (2025, 2026)  # the six successor communes (Lâm Đồng)
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

# From 2026 the registry configures no average-living band (Decree 351/2025: unverified).
# The demo still writes "average" for households above the line up to this multiple of it
# (the 2022–2025 ratio: 2,250,000 / 1,500,000) and "none" above: a synthetic convention.
NOTIONAL_AVERAGE_FACTOR = 1.5

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
# The prefix is the GSO code of the unit's district: 598 Hàm Thuận Nam; the two units from
# outside it, 601 (Hàm Tân: Sông Phan) and 593 (Phan Thiết: Tiến Lợi).
DISTRICT_CODE = "598"
OUTSIDE_DISTRICT_CODES = {"song-phan": "601", "tien-loi": "593"}
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
    "song-phan": "SPH",
    "tien-loi": "TLO",
}
# Households first reviewed by a successor commune (2025 on) get ids in a new scheme:
# province code 68 (Lâm Đồng) + the commune's new code + seq ("68-23122-00007").
PROVINCE_CODE = "68"

# Chance of leaving the review list in a year, by last year's status (2022–2024).
LEAVE_P = {"poor": 0.03, "near_poor": 0.04, "average": 0.10, "none": 0.45}


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
# The two history-only units from outside the district (rural xã, similar poverty profile):
# Sông Phan (Hàm Tân district, some K'Ho / Raglai households), Tiến Lợi (Phan Thiết city's
# rural edge, a little less poor).
OUTSIDE_PARAMS: dict[str, UnitParams] = {
    "Sông Phan": UnitParams(2300, 0.046, 0.044, 0.07, 0.010),
    "Tiến Lợi": UnitParams(2700, 0.028, 0.034, 0.02, 0.014),
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
    avg_line: int  # upper bound of the average-living band (from 2026: a notional one)

    @property
    def prefixed(self) -> str:
        """The name with its administrative prefix, as older files write it."""
        return f"{'Thị trấn' if self.kind == 'thị trấn' else 'Xã'} {self.name}"


@dataclass(frozen=True)
class Successor:
    """A successor commune (from review year 2025) and the units that moved into it."""

    name: str
    kind: str
    area: str
    slug: str
    code: str  # the commune's GSO code (Resolution 1671/NQ-UBTVQH15)
    predecessors: tuple[str, ...]
    urban_predecessors: tuple[str, ...]  # whose households keep the urban line (registry)


def standard_for(domain: dict[str, Any], year: int) -> dict[str, Any]:
    """The registry's poverty standard of review year ``year``."""
    return next(
        s for s in domain["standards"] if s["first_review_year"] <= year <= s["last_review_year"]
    )


def income_lines(std: dict[str, Any], area: str) -> tuple[int, int | None]:
    """The poverty line of ``area`` under ``std`` and its average-band bound (None: the
    standard configures no average band)."""
    lines = std[area]
    assert lines["poverty_line"] == lines["near_poor_line"]
    avg = lines.get("average_line")
    return int(lines["poverty_line"]), None if avg is None else int(avg)


def registry(domain: dict[str, Any], history_only: bool = False) -> list[UnitInfo]:
    """The 13 units of the district (or, with ``history_only``, the two units from outside
    it) in registry order, with the 2022–2025 income lines of their area."""
    std = standard_for(domain, YEARS[0])
    assert std["last_review_year"] >= YEARS[-1]
    assert std["rule"] == "and" and std["min_deprivations"] == 3
    out = []
    for u in domain["units"]:
        if u.get("valid_to") != YEARS[-1] or bool(u.get("history_only")) != history_only:
            continue
        line, avg = income_lines(std, u["area"])
        assert avg is not None
        out.append(UnitInfo(nfc(u["name"]), nfc(u["kind"]), u["area"], u["slug"], line, avg))
    return out


def successors(domain: dict[str, Any]) -> list[Successor]:
    """The six successor communes in registry order."""
    return [
        Successor(
            nfc(u["name"]),
            nfc(u["kind"]),
            u["area"],
            u["slug"],
            u["codes"][0],
            tuple(nfc(p) for p in u["predecessors"]),
            tuple(nfc(p) for p in u.get("urban_predecessors", [])),
        )
        for u in domain["units"]
        if u.get("valid_from") == REFORM_YEARS[0]
    ]


def new_lines(domain: dict[str, Any]) -> tuple[int, int]:
    """The rural and urban poverty lines of the 2026 standard (2,200,000 / 2,800,000)."""
    std = standard_for(domain, REFORM_YEARS[1])
    lines = income_lines(std, "rural")[0], income_lines(std, "urban")[0]
    assert lines == (2_200_000, 2_800_000), lines
    return lines


def successor_unit(domain: dict[str, Any], succ: Successor, year: int) -> UnitInfo:
    """A successor as a simulated unit of ``year``: its area's line under that year's
    standard. Where the standard configures no average band (2026–2030, unverified), the
    band bound is a notional 1.5 × the line: it only decides whether a household above the
    line is written "average" or "none" (the registry's rule classes both "above_line")."""
    line, avg = income_lines(standard_for(domain, year), succ.area)
    notional = avg if avg is not None else int(NOTIONAL_AVERAGE_FACTOR * line)
    return UnitInfo(succ.name, succ.kind, succ.area, succ.slug, line, notional)


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
        hid = f"{self.id_prefix}-{self.next_seq:05d}"
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


def rule_status(income: int, n_deps: int, unit: UnitInfo) -> str:
    """Status under Decree 07/2021 ("and" rule): the check applied to every row."""
    if income <= unit.line:
        return "poor" if n_deps >= 3 else "near_poor"
    return "average" if income <= unit.avg_line else "none"


def add_recording_errors(
    rng: np.random.Generator,
    idx: np.ndarray,
    recorded: list[str],
    score_b: list[int],
    n_deps: list[int],
    income: list[int],
    line: list[int],
    avg_line: list[int],
    flagged: list[bool],
    banded: bool = True,
    protected: frozenset[int] = frozenset(),
) -> list[int]:
    """Turn one review year's rows ``idx`` into what a commune records: ~3 % recorded
    statuses that differ from the rule (realistic scoring errors, mostly near a boundary)
    and ~0.5 % wrongly summed scores B (3 % where monitoring found scoring_forms_incomplete,
    ``flagged``). ``recorded`` and ``score_b`` are changed in place; returns the rows whose
    status was changed on purpose.

    ``banded``: the standard has an average-living band (a swap average/none is a mismatch);
    without one (2026–2030) average and none both mean "above the line", so an error moves
    a household across the line. ``protected`` rows (the boundary incomes) are left exact.
    """
    weights = []
    for i in idx:
        s, d, inc = recorded[i], n_deps[i], income[i]
        if banded:
            near = (
                (s == "near_poor" and d == 2)
                or (s == "poor" and d == 3)
                or (s == "average" and inc <= 1.12 * line[i])
                or (s == "none" and inc <= 1.12 * avg_line[i])
            )
        else:
            near = (
                (s == "near_poor" and d == 2)
                or (s == "poor" and d == 3)
                or (s in ("average", "none") and inc <= 1.12 * line[i])
            )
        weights.append(0.0 if i in protected else 6.0 if near else 0.3)
    w = np.asarray(weights) / sum(weights)
    n_err = int(round(len(idx) * rng.uniform(0.025, 0.035)))
    changed = sorted(int(i) for i in rng.choice(idx, size=n_err, replace=False, p=w))
    for i in changed:
        s, d = recorded[i], n_deps[i]
        if s == "near_poor":
            recorded[i] = "poor" if d == 2 or rng.random() < 0.3 else "average"
        elif s == "poor" or not banded:
            recorded[i] = "near_poor"
        elif s == "average":
            recorded[i] = "near_poor" if rng.random() < 0.8 else "none"
        else:
            recorded[i] = "average"
    # score B: ~1 % of forms wrongly scored, more where the monitoring found it
    for i in idx:
        if i in protected:
            continue
        prob = 0.03 if flagged[i] else 0.004
        if rng.random() < prob:
            delta = int(rng.choice([-10, -10, 10, 20]))
            score_b[i] = score_b[i] + delta if score_b[i] + delta >= 0 else score_b[i] + 10
    return changed


def make_households(
    units: list[UnitInfo],
    ind_cols: list[str],
    scoring_flagged: set[tuple[int, str]],
    params: dict[str, UnitParams] = PARAMS,
    streams: tuple[int, int] = (1, 2),
) -> tuple[pd.DataFrame, dict[str, UnitSimulator]]:
    """Simulate all units 2021–2024, then add recorded status (with errors) and score B.

    ``streams``: the spawn keys of the random streams (simulation per unit, recording);
    (1, 2) are the district's 13 units, the history-only units use their own. Returns the
    rows and each unit's simulator (its households after 2024 move into a successor)."""
    rows: list[dict[str, Any]] = []
    sims: dict[str, UnitSimulator] = {}
    for k, unit in enumerate(units):
        rng = np.random.default_rng([SEED, streams[0], k])
        code = OUTSIDE_DISTRICT_CODES.get(unit.slug, DISTRICT_CODE)
        sim = UnitSimulator(unit, params[unit.name], rng, code)
        rows.extend(sim.run())
        sims[unit.name] = sim
    df = pd.DataFrame(rows).rename(columns={f"_d{i}": c for i, c in enumerate(ind_cols)})
    by_name = {u.name: u for u in units}
    n_deps = df[ind_cols].sum(axis=1)
    check = [
        rule_status(int(i), int(d), by_name[c])
        for i, d, c in zip(df["income_per_capita"], n_deps, df["commune"], strict=True)
    ]
    assert check == df["rule_status"].tolist(), "simulated status must follow the rule"

    rng = np.random.default_rng([SEED, streams[1]])
    recorded = df["rule_status"].tolist()
    score_b = (10 * n_deps).astype(int).tolist()
    line = [by_name[c].line for c in df["commune"]]
    avg_line = [by_name[c].avg_line for c in df["commune"]]
    for year in YEARS:
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
    df["source"] = SOURCE
    order = {u.name: i for i, u in enumerate(units)}
    df["_o"] = df["commune"].map(order)
    df = df.sort_values(["year", "_o", "household_id"], kind="mergesort").drop(columns="_o")
    return df.reset_index(drop=True), sims


# 2025 rows typed with a former unit's name (one village's list each, as the village kept
# its old form): former unit -> the name as typed. The package maps them along the
# crosswalk to the successor, with a warning. Only names no successor reuses.
OLD_NAMES_2025 = {
    "Hàm Minh": "Hàm Minh",
    "Tân Thuận": "Xã Tân Thuận",
    "Mỹ Thạnh": "Mỹ Thạnh",
    "Tiến Lợi": "Tiến Lợi",
}


def registry_status(domain: dict[str, Any], year: int, area: str, income: int, n: int) -> str:
    """The status the registry's standard of ``year`` gives ("above_line" where it has no
    average band): the check applied to every 2025/2026 row."""
    std = standard_for(domain, year)
    assert std["rule"] == "and"
    line, avg = income_lines(std, area)
    if income <= line:
        return "poor" if n >= std["min_deprivations"] else "near_poor"
    if avg is None:
        return "above_line"
    return "average" if income <= avg else "none"


def agrees(recorded: str, rule: str) -> bool:
    """Whether a recorded status agrees with the rule's ("average" and "none" both agree
    with "above_line")."""
    return recorded == rule or (rule == "above_line" and recorded in ("average", "none"))


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
        first = successor_unit(domain, succ, REFORM_YEARS[0])
        sim = SuccessorSimulator(succ, first, sp, np.random.default_rng([SEED, 10, j]), preds)
        sim.merger_year(REFORM_YEARS[0], first)
        second = successor_unit(domain, succ, REFORM_YEARS[1])
        sim.new_line_year(REFORM_YEARS[1], second, new_lines(domain)[1])
        for row in sim.rows:
            row["_unit"] = succ.name
            row["_origin"] = sim.origin.get(row["household_id"], "")
            row["_boundary"] = (
                row["year"] == REFORM_YEARS[1] and row["household_id"] in sim.boundary
            )
        rows.extend(sim.rows)
    df = pd.DataFrame(rows).rename(columns={f"_d{i}": c for i, c in enumerate(ind_cols)})
    df = df.rename(columns={"rule_status": "_sim_status"})

    # former units' names typed in 2025: one village of each listed former unit
    rng = np.random.default_rng([SEED, 18])
    first = (df["year"] == REFORM_YEARS[0]).to_numpy()
    for old, typed in OLD_NAMES_2025.items():
        villages = sorted(set(df.loc[first & (df["_origin"] == old).to_numpy(), "village"]))
        chosen = villages[int(rng.integers(len(villages)))]
        df.loc[first & (df["village"] == chosen).to_numpy(), "commune"] = typed

    # the rule of the registry's standard, and what the communes recorded
    area = {s.name: s.area for s in succs}
    n_deps = df[ind_cols].sum(axis=1).astype(int).tolist()
    income = df["income_per_capita"].astype(int).tolist()
    df["rule_status"] = [
        registry_status(domain, int(y), area[u], i, n)
        for y, u, i, n in zip(df["year"], df["_unit"], income, n_deps, strict=True)
    ]
    recorded = df["_sim_status"].tolist()
    score_b = [10 * n for n in n_deps]
    intended: list[int] = []
    by_name = {s.name: s for s in succs}
    for year in REFORM_YEARS:
        units = {s.name: successor_unit(domain, s, year) for s in succs}
        idx = np.flatnonzero((df["year"] == year).to_numpy())
        intended += add_recording_errors(
            np.random.default_rng([SEED, 17, year]),
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
            banded=income_lines(standard_for(domain, year), "rural")[1] is not None,
            protected=frozenset(int(i) for i in idx if df["_boundary"].iat[i]),
        )
    assert set(by_name) == set(df["_unit"])
    df["recorded_status"] = recorded
    df["score_b"] = score_b
    df["_intended"] = False
    df.loc[intended, "_intended"] = True
    df["source"] = SOURCE
    order = {s.name: i for i, s in enumerate(succs)}
    df["_o"] = df["_unit"].map(order)
    df = df.sort_values(["year", "_o", "household_id"], kind="mergesort").drop(columns="_o")
    return df.reset_index(drop=True)


# ----------------------------------------------------------------------- other tables


def make_population(
    units: list[UnitInfo], params: dict[str, UnitParams] = PARAMS, stream: int = 3
) -> pd.DataFrame:
    """Resident households (the rate denominator) per unit and year 2021–2024."""
    rng = np.random.default_rng([SEED, stream])
    rows = []
    for u in units:
        p = params[u.name]
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
        trainings.append(training_event(year, date, commune, project, title, people, cost))

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


def make_reform_population(succs: list[Successor], pop: pd.DataFrame) -> pd.DataFrame:
    """Resident households of the successors 2025–2026: about the sum of their predecessors'
    2024 figures (``pop``: the 13 units and the two outside units), growing ~1 % a year."""
    rng = np.random.default_rng([SEED, 19])
    last = pop[pop["year"] == YEARS[-1]].set_index("commune")
    rows = []
    for succ in succs:
        h = float(last.loc[list(succ.predecessors), "households"].sum())
        em_share = last.loc[list(succ.predecessors), "ethnic_minority_households"].sum() / h
        for year in REFORM_YEARS:
            h *= 1 + 0.01 + rng.normal(0, 0.003)
            rows.append(
                {
                    "year": year,
                    "commune": succ.name,
                    "households": round(h),
                    "ethnic_minority_households": round(h * em_share * rng.uniform(0.98, 1.02)),
                    "source": SOURCE,
                }
            )
    df = pd.DataFrame(rows)
    return df.sort_values("year", kind="mergesort").reset_index(drop=True)


def make_reform_targets(
    domain: dict[str, Any],
    succs: list[Successor],
    hh: pd.DataFrame,
    pop: pd.DataFrame,
    ind_cols: list[str],
) -> pd.DataFrame:
    """Targets of the successors (no district target from 2025: the district ceased).
    2025: a little below the lineage's 2024 recorded rate (its predecessors' poor over their
    households). 2026: the first year of the 2026–2030 lines, so the base is a notional one:
    the 2025 reviewed households classed by the 2026 line (2,200,000), over the 2025
    resident households. ``hh``: all rows with a ``_unit`` column (the unit of the lineage)."""
    rng = np.random.default_rng([SEED, 16])
    lineage = {p: s.name for s in succs for p in s.predecessors} | {s.name: s.name for s in succs}
    rows = []
    for year in REFORM_YEARS:
        prev = hh[hh["year"] == year - 1]
        households = pop[(pop["year"] == year - 1) & pop["commune"].isin(lineage)]
        households = households.assign(_u=households["commune"].map(lineage))
        if year == REFORM_YEARS[0]:
            poor = prev["recorded_status"].eq("poor")
            near = prev["recorded_status"].eq("near_poor")
        else:
            new_line = standard_for(domain, year)
            status = [
                registry_status(domain, year, "rural", int(i), int(n))
                for i, n in zip(prev["income_per_capita"], prev[ind_cols].sum(axis=1), strict=True)
            ]
            assert new_line["first_review_year"] == year
            poor = pd.Series([s == "poor" for s in status], index=prev.index)
            near = pd.Series([s == "near_poor" for s in status], index=prev.index)
        n_poor = poor.groupby(prev["_unit"].map(lineage)).sum()
        n_near = near.groupby(prev["_unit"].map(lineage)).sum()
        n_hh = households.groupby("_u")["households"].sum()
        for succ in succs:
            base_p = 100 * n_poor[succ.name] / n_hh[succ.name]
            base_n = 100 * n_near[succ.name] / n_hh[succ.name]
            row = {"year": year, "commune": succ.name}
            rows.append(row | unit_target(rng, base_p, base_n) | {"source": SOURCE})
    return pd.DataFrame(rows)


ACTIVITY_2025 = {  # project -> activity of a successor commune's line in 2025
    "DA1": "Hỗ trợ đầu tư hạ tầng xã bãi ngang ven biển",
    "DA2": "Nhân rộng mô hình giảm nghèo, đa dạng hóa sinh kế",
    "DA3": "Hỗ trợ phát triển sản xuất (giống cây trồng, vật nuôi)",
    "DA4": "Đào tạo nghề, hỗ trợ việc làm cho lao động nghèo",
    "DA5": "Hỗ trợ xây mới, sửa chữa nhà ở hộ nghèo",
    "DA6": "Truyền thông về giảm nghèo, giảm nghèo về thông tin",
    "DA7.TDA1": "Tập huấn nâng cao năng lực thực hiện Chương trình cho cán bộ xã, thôn",
    "DA7.TDA2": "Giám sát, đánh giá; lớp tập huấn rà soát hộ nghèo cấp xã",
}


def make_reform_budget_and_trainings(
    succs: list[Successor], budget: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """2025, the programme's last year, at commune level only (no district from 1 July
    2025): each successor's lines continue its predecessors' 2024 lines (about their sum),
    and Project 7 moves to the communes — a capacity-building conference (DA7.TDA1, its
    whole disbursement) and the review course (DA7.TDA2) in each. Events after 1 July (the
    successors' first day). Nothing for 2026: the 2026–2030 programme's lines are not in
    the demo data."""
    rng = np.random.default_rng([SEED, 14])
    year = REFORM_YEARS[0]
    b24 = budget[budget["year"] == YEARS[-1]]
    brows: list[dict[str, Any]] = []
    trows: list[dict[str, Any]] = []

    def date(first_month: int, last_month: int) -> str:
        month = int(rng.integers(first_month, last_month + 1))
        return f"{year}-{month:02d}-{int(rng.integers(1, 29)):02d}"

    for succ in succs:
        prev = b24[b24["commune"].isin(succ.predecessors)]
        alloc: dict[str, float] = prev.groupby("project")["allocated_vnd"].sum().to_dict()
        outside = sum(p in OUTSIDE_PARAMS for p in succ.predecessors)
        alloc["DA6"] = alloc.get("DA6", 0) + outside * rng.uniform(10e6, 20e6)
        alloc["DA7.TDA1"] = rng.uniform(45e6, 80e6)
        alloc["DA7.TDA2"] = rng.uniform(30e6, 55e6)
        for project in sorted(alloc):
            a = _round_k(alloc[project] * (rng.uniform(0.9, 1.15) if project[:3] != "DA7" else 1))
            if project == "DA7.TDA1":
                people = int(rng.integers(45, 95))
                cost = _round_k(a * rng.uniform(0.7, 0.95))
                title = (
                    "Hội nghị tập huấn nâng cao năng lực thực hiện Chương trình MTQG giảm nghèo"
                    " bền vững năm 2025"
                )
                trows.append(
                    training_event(year, date(7, 9), succ.name, project, title, people, cost)
                )
                d = cost
            elif project == "DA7.TDA2":
                people = int(rng.integers(35, 70))
                cost = _round_k(a * rng.uniform(0.55, 0.8))
                title = "Lớp tập huấn nghiệp vụ rà soát hộ nghèo, hộ cận nghèo năm 2025"
                trows.append(
                    training_event(year, date(8, 9), succ.name, project, title, people, cost)
                )
                d = min(a, cost + _round_k(a * rng.uniform(0.05, 0.15)))
            else:
                d = min(a, _round_k(a * rng.uniform(0.5, 0.97)))
                if project in ("DA4", "DA6") and rng.random() < 0.5:
                    title = (
                        "Hội nghị tuyên truyền chính sách giảm nghèo tại xã"
                        if project == "DA6"
                        else "Lớp đào tạo nghề ngắn hạn cho lao động nghèo"
                    )
                    people = int(rng.integers(35, 90) if project == "DA6" else rng.integers(18, 35))
                    cost = _round_k(d * rng.uniform(0.4, 0.9))
                    trows.append(
                        training_event(year, date(7, 12), succ.name, project, title, people, cost)
                    )
            brows.append(
                {
                    "year": year,
                    "commune": succ.name,
                    "project": project,
                    "activity": ACTIVITY_2025[project],
                    "allocated_vnd": a,
                    "disbursed_vnd": d,
                    "source": SOURCE,
                }
            )
    t = pd.DataFrame(trows)
    t["source"] = SOURCE
    order = {s.name: i for i, s in enumerate(succs)}
    t["_o"] = t["commune"].map(order)
    t = t.sort_values(["year", "_o", "date", "title"], kind="mergesort").drop(columns="_o")
    return pd.DataFrame(brows), t.reset_index(drop=True)


def training_event(
    year: int, date: str, commune: str, project: str, title: str, people: int, cost: int
) -> dict[str, Any]:
    """One row of the trainings table (without its source column)."""
    return {
        "year": year,
        "date": date,
        "commune": commune,
        "project": project,
        "title": title,
        "participants": people,
        "cost_vnd": cost,
    }


# Visits to the successor communes (the province's teams): every commune supervised each
# year, two inspections a year. Synthetic, like the findings and the recommendation counts.
MONITORING_REFORM: list[tuple[str, str, str, list[str]]] = [
    ("2025-10-14", "Hàm Thuận Nam", "supervision", ["communication_weak"]),
    ("2025-10-16", "Hàm Thạnh", "supervision", ["no_joint_plan", "scoring_forms_incomplete"]),
    ("2025-10-21", "Hàm Kiệm", "supervision", ["dependency_mindset"]),
    ("2025-10-23", "Tân Thành", "supervision", ["vocational_coordination_weak"]),
    ("2025-10-28", "Tân Lập", "supervision", ["no_joint_plan"]),
    ("2025-10-30", "Tuyên Quang", "supervision", []),
    ("2025-12-02", "Hàm Thạnh", "inspection", ["scoring_forms_incomplete"]),
    ("2025-12-04", "Tân Lập", "inspection", ["scoring_forms_incomplete", "communication_weak"]),
    ("2026-09-15", "Hàm Thuận Nam", "supervision", ["scoring_forms_incomplete"]),
    ("2026-09-17", "Hàm Thạnh", "supervision", ["scoring_forms_incomplete", "communication_weak"]),
    ("2026-09-22", "Hàm Kiệm", "supervision", ["training_needs_unrealistic"]),
    ("2026-09-24", "Tân Thành", "supervision", []),
    ("2026-09-29", "Tân Lập", "supervision", ["dependency_mindset"]),
    ("2026-10-01", "Tuyên Quang", "supervision", ["communication_weak", "no_joint_plan"]),
    ("2026-11-03", "Hàm Kiệm", "inspection", ["scoring_forms_incomplete"]),
    ("2026-11-05", "Tuyên Quang", "inspection", ["scoring_forms_incomplete"]),
]


def make_reform_monitoring(succs: list[Successor]) -> pd.DataFrame:
    """The visits of 2025 and 2026 with synthetic recommendation counts (few resolved yet
    in 2026: the review is being finished)."""
    rng = np.random.default_rng([SEED, 15])
    share = {2025: 0.6, 2026: 0.2}
    rows = [visit_row(rng, int(v[0][:4]), v, share[int(v[0][:4])]) for v in MONITORING_REFORM]
    return sort_visits(pd.DataFrame(rows), [s.name for s in succs])


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
        share = {2021: 1.0, 2022: 0.9, 2023: 0.7, 2024: 0.4}[year]
        rows += [visit_row(rng, year, visit, share) for visit in visits]
    return sort_visits(pd.DataFrame(rows), names)


def visit_row(
    rng: np.random.Generator, year: int, visit: tuple[str, str, str, list[str]], share: float
) -> dict[str, Any]:
    """A visit with its recommendations (one per finding, sometimes one more) and how many
    of them were resolved (each with chance ``share``)."""
    date, commune, kind, found = visit
    recs = len(found) + int(rng.integers(0, 2))
    resolved = int(rng.binomial(recs, share)) if recs else 0
    return {
        "year": year,
        "date": date,
        "commune": commune,
        "kind": kind,
        "findings": ";".join(found),
        "recommendations": recs,
        "recommendations_resolved": resolved,
        "source": SOURCE,
    }


def sort_visits(df: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """Visits by year, supervision before inspection, unit order (``names``), date."""
    order = {n: i for i, n in enumerate(names)}
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


def unit_target(rng: np.random.Generator, base_p: float, base_n: float) -> dict[str, float]:
    """A unit's targets: about a quarter below its base poor rate (0.3–1.5 points) and a
    tenth below its near-poor rate (0.2–0.8 points), percent."""
    drop_p = min(1.5, max(0.3, 0.25 * base_p)) * rng.uniform(0.85, 1.15)
    drop_n = min(0.8, max(0.2, 0.1 * base_n)) * rng.uniform(0.85, 1.15)
    return {
        "poverty_rate_target": round(max(0.3, base_p - drop_p), 2),
        "near_poor_rate_target": round(max(0.5, base_n - drop_n), 2),
    }


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
            rows.append({"year": year, "commune": u.name} | unit_target(rng, base_p, base_n))
    df = pd.DataFrame(rows)
    df["source"] = SOURCE
    return df


# --------------------------------------------------------------------------- writing


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """UTF-8 CSV with LF line endings, no index."""
    df.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


FIXED_TIME = dt.datetime(2021, 12, 31, 0, 0, 0)


def households_vi_headers(indicators_vi: list[str]) -> list[str]:
    """The Vietnamese headers of a household list as communes type them."""
    return (
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


def household_vi_record(d: dict[str, Any], ind_cols: list[str], commune: str) -> list[Any]:
    """One household as a commune's list writes it: ticks "x" (None = blank), Vietnamese
    status words; ``commune`` as typed."""

    def tick(v: int) -> str | None:
        return "x" if int(v) else None

    return (
        [
            int(d["year"]),
            d["household_id"],
            commune,
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


def write_households_vi_csv(
    df: pd.DataFrame, path: Path, indicators_vi: list[str], ind_cols: list[str]
) -> None:
    """A successor commune's list as exported from its spreadsheet: Vietnamese headers,
    ticks "x", Vietnamese status words, the commune as typed (some former names)."""
    records = [
        household_vi_record(d, ind_cols, d["commune"])
        for d in (r._asdict() for r in df.itertuples(index=False))
    ]
    write_csv(pd.DataFrame(records, columns=households_vi_headers(indicators_vi)), path)


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
    headers = households_vi_headers(indicators_vi)
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

    for r in df.itertuples(index=False):
        d = r._asdict()
        ws.append(household_vi_record(d, ind_cols, prefixed[d["commune"]]))
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
    order = {s.name: i for i, s in enumerate(succs)}
    tr = tr.assign(_o=tr["_unit"].map(order)).sort_values(["year", "_o"], kind="mergesort")
    return tr.drop(columns="_o").reset_index(drop=True)


# --- officials' words and the report settings (optional tables) ---------------------------
# ruff: noqa: E501  (the commentary below is prose, one paragraph per line, as officials type it)

# The district's 2023 commentary carries the substance of the published article (the seed
# of this demo: Bình Thuận newspaper on the district's 2023 monitoring) — published fact —
# in the words an official would write. Sections the article does not cover are marked
# "(Minh họa)": illustrative text, not the district's.
DISTRICT_2023 = {
    "direction": """\
Ủy ban nhân dân huyện ban hành kế hoạch thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2023; kinh phí Tiểu dự án 1 (Nâng cao năng lực thực hiện Chương trình) thuộc Dự án 7 năm 2023 được phân bổ 225,4 triệu đồng.
Về nâng cao năng lực, huyện tổ chức:
- 02 hội nghị tập huấn cho 263 lượt cán bộ làm công tác giảm nghèo của huyện, các xã, thị trấn và thôn, khu phố về tổ chức thực hiện Chương trình, với kinh phí 107,88 triệu đồng, đạt 47,86% kinh phí được phân bổ;
- 01 lớp tập huấn nghiệp vụ rà soát hộ nghèo, hộ cận nghèo cho 142 cán bộ cấp xã và rà soát viên, kinh phí trên 104 triệu đồng, đạt 87% kinh phí được phân bổ cho lớp tập huấn này.""",
    "monitoring_conclusions": """\
Huyện thành lập 1 tổ kiểm tra, 1 đoàn giám sát.
Nội dung kiểm tra, giám sát: công tác chuẩn bị, triển khai thực hiện Chương trình; công tác chỉ đạo, tổ chức thực hiện; việc rà soát hộ nghèo, hộ cận nghèo; việc cho vay vốn tín dụng ưu đãi đối với hộ nghèo, hộ cận nghèo và các chính sách giảm nghèo khác.
Qua kiểm tra, giám sát, các địa phương triển khai thực hiện tương đối tốt, đúng theo trình tự thủ tục quy định.""",
    "shortcomings": """\
- Công tác tuyên truyền về chính sách giảm nghèo còn hạn chế, chưa có giải pháp thay đổi nhận thức của người dân.
- Một số hộ nghèo không muốn thoát nghèo, còn tâm lý trông chờ, ỷ lại vào sự hỗ trợ của Nhà nước.
- Mặt trận Tổ quốc và các đoàn thể chưa xây dựng kế hoạch giám sát phối hợp.
- Phiếu chấm điểm rà soát hộ nghèo, hộ cận nghèo ở một số thôn chưa được điền đầy đủ, chính xác.
- Công tác phối hợp trong đào tạo nghề, giải quyết việc làm cho người lao động chưa chặt chẽ.
- Việc khảo sát nhu cầu học nghề chưa sát với thực tế nên kết quả đào tạo nghề chưa đạt yêu cầu.""",
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
- Khảo sát nhu cầu học nghề sát với thực tế trước khi mở lớp.""",
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


# Hàm Thạnh's 2026 report, written as an official might: ILLUSTRATIVE text only ("(Minh
# họa)"), consistent with the demo's monitoring rows; it states no figure the data gives.
HAM_THANH_2026 = {
    "direction": """\
(Minh họa) Ủy ban nhân dân xã Hàm Thạnh (xã mới thành lập từ ngày 01/7/2025 trên cơ sở xã Mỹ Thạnh, xã Hàm Cần và xã Hàm Thạnh) ban hành kế hoạch rà soát hộ nghèo, hộ cận nghèo năm 2026 theo chuẩn nghèo đa chiều giai đoạn 2026–2030 (Nghị định 351/2025/NĐ-CP), chuẩn thu nhập khu vực nông thôn 2.200.000 đồng/người/tháng.
- Thành lập Ban chỉ đạo rà soát của xã; phân công rà soát viên cho từng thôn của ba xã cũ.
- Tuyên truyền về chuẩn nghèo mới trên hệ thống loa truyền thanh và tại các cuộc họp thôn.""",
    "monitoring_conclusions": """\
(Minh họa) Đoàn giám sát của tỉnh giám sát việc rà soát tại xã; một số phiếu chấm điểm theo mẫu mới ở thôn chưa được điền đầy đủ, công tác tuyên truyền về chuẩn nghèo mới chưa đến được mọi hộ. Xã đã chỉ đạo các thôn rà soát lại phiếu trước khi niêm yết công khai.""",
    "strengths": """\
(Minh họa) Bộ máy xã mới ổn định, việc rà soát theo chuẩn mới được triển khai đúng quy trình; danh sách hộ của ba xã cũ được chuyển giao đầy đủ, giữ nguyên mã hộ.""",
    "shortcomings": """\
- (Minh họa) Phiếu chấm điểm theo mẫu mới ở một số thôn chưa được điền đầy đủ, chính xác.
- (Minh họa) Tuyên truyền về chuẩn nghèo mới còn hạn chế; một số hộ chưa hiểu vì sao được đưa vào danh sách rà soát.""",
    "causes_objective": """\
(Minh họa) Chuẩn nghèo mới áp dụng từ kỳ rà soát năm 2026 trong khi hướng dẫn chi tiết về bộ chỉ số thiếu hụt và mức sống trung bình chưa đầy đủ; địa bàn xã mới rộng.""",
    "causes_subjective": """\
(Minh họa) Một số rà soát viên mới được phân công, chưa quen mẫu phiếu mới.""",
    "lessons": """\
(Minh họa) Tập huấn rà soát viên theo mẫu phiếu mới trước kỳ rà soát; kiểm tra phiếu ngay tại thôn trước khi họp bình xét.""",
    "next_year": """\
(Minh họa)
- Triển khai Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2026–2030 trên địa bàn xã.
- Hỗ trợ hộ nghèo, hộ cận nghèo theo chuẩn mới; ưu tiên hộ dân tộc thiểu số ở các thôn của xã Mỹ Thạnh và xã Hàm Cần cũ.""",
    "proposals": """\
(Minh họa) Đề nghị Sở Nông nghiệp và Môi trường sớm hướng dẫn bộ chỉ số thiếu hụt và mức sống trung bình giai đoạn 2026–2030.""",
    "projects_notes": """\
(Minh họa) Dữ liệu minh họa không có kinh phí của Chương trình giai đoạn 2026–2030.""",
}


def make_reform_commentary() -> pd.DataFrame:
    """Illustrative commentary of Hàm Thạnh's 2026 report: every required section."""
    return pd.DataFrame(
        [
            {"year": 2026, "commune": "Hàm Thạnh", "section": code, "text": text, "source": SOURCE}
            for code, text in HAM_THANH_2026.items()
        ]
    )


def make_reform_settings(succs: list[Successor]) -> pd.DataFrame:
    """The form's data of the successors' reports: issued by the commune's People's
    Committee (two tiers: to the province), place = the commune. Synthetic signer."""
    rows = []
    for year in REFORM_YEARS:
        for succ in succs:
            rows.append(
                {
                    "year": year,
                    "commune": succ.name,
                    "issuing_body": f"ỦY BAN NHÂN DÂN;{succ.kind.upper()} {succ.name.upper()}",
                    "number": "",
                    "place": succ.name,
                    "date": "",
                    "signer_title": "TM. ỦY BAN NHÂN DÂN;KT. CHỦ TỊCH;PHÓ CHỦ TỊCH",
                    "signer_name": "Nguyễn Văn A (tên minh họa)",
                    "recipients": (
                        "- UBND tỉnh Lâm Đồng (b/c);- Sở Nông nghiệp và Môi trường tỉnh (b/c);"
                        "- TT. Đảng ủy, TT. HĐND xã (b/c);- Lưu: VT."
                    ),
                    "source": SOURCE,
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
    outside = registry(domain, history_only=True)
    assert [u.name for u in outside] == list(OUTSIDE_PARAMS)
    succs = successors(domain)
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

    public = hh[hh_cols + ["source"]]
    write_households_xlsx(
        public[public["year"] == 2021], out / "households_2021.xlsx", units, contract_vi, ind_cols
    )
    for year in YEARS[1:]:
        write_csv(public[public["year"] == year], out / f"households_{year}.csv")
    for year in YEARS:
        rows = ohh[ohh["year"] == year][hh_cols + ["source"]]
        write_csv(rows, out / f"households_{year}_ngoai-huyen.csv")
    write_households_vi_csv(
        rhh[rhh["year"] == REFORM_YEARS[0]], out / "households_2025.csv", contract_vi, ind_cols
    )
    write_csv(
        rhh[rhh["year"] == REFORM_YEARS[1]][hh_cols + ["source"]], out / "households_2026.csv"
    )
    for name, df in tables.items():
        write_csv(df, out / f"{name}.csv")
    write_csv(settings, out / "settings.csv")
    write_csv(settings_new, out / "settings_2025-2026.csv")

    summary(succs, hh, ohh, rhh, all_pop, tables, tr, rtr, new_lines(domain))


def summary(
    succs: list[Successor],
    hh: pd.DataFrame,
    ohh: pd.DataFrame,
    rhh: pd.DataFrame,
    pop: pd.DataFrame,
    tables: dict[str, pd.DataFrame],
    tr: pd.DataFrame,
    rtr: pd.DataFrame,
    lines_2026: tuple[int, int],
) -> None:
    """Print what was written: row counts, the district's figures 2021–2024, the
    successors' figures 2025–2026 and their lineage sums 2021–2026."""
    print(f"synthetic demo data (seed {SEED}) written")
    counts = {
        "households 2021–2024 (13 units)": len(hh),
        "households 2021–2024 (Sông Phan, Tiến Lợi)": len(ohh),
        "households 2025–2026 (6 communes)": len(rhh),
    } | {name: len(df) for name, df in tables.items()}
    for name, n in counts.items():
        print(f"  {name:<44} {n:>6} rows")
    district_pop = pop[pop["commune"].isin(set(hh["commune"]))]
    rates = official_rates(hh, district_pop).groupby("year")[["poor", "near", "households"]].sum()
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
    print("  outside units (history only), recorded poor / near-poor / reviewed:")
    o = ohh.groupby(["commune", "year"])["recorded_status"].value_counts().unstack()
    n = ohh.groupby(["commune", "year"]).size()
    for (unit, year), r in o.iterrows():
        poor, near = int(r["poor"]), int(r["near_poor"])
        print(f"    {unit:<10} {year}  {poor:>4} / {near:>4} / {n[(unit, year)]:>4}")

    print("  successors: reviewed, recorded poor / near-poor (rule in brackets), poor rate")
    for year in REFORM_YEARS:
        y = rhh[rhh["year"] == year]
        for succ in succs:
            m = y[y["_unit"] == succ.name]
            households = int(
                pop[(pop["year"] == year) & (pop["commune"] == succ.name)]["households"].iloc[0]
            )
            rec, rul = m["recorded_status"], m["rule_status"]
            print(
                f"    {year} {succ.name:<14} {len(m):>4}  {int((rec == 'poor').sum()):>4}"
                f" ({int((rul == 'poor').sum()):>4}) / {int((rec == 'near_poor').sum()):>4}"
                f" ({int((rul == 'near_poor').sum()):>4})"
                f"  {100 * (rec == 'poor').sum() / households:5.2f}% of {households}"
            )
    print("  lineage sums (recorded poor / near-poor / resident households; before 2025 the")
    print("  sum of the predecessors, Sông Phan and Tiến Lợi included):")
    everything = pd.concat(
        [hh, ohh, rhh.drop(columns="commune").rename(columns={"_unit": "commune"})]
    )
    succ_of = {p: s.name for s in succs for p in s.predecessors}
    lineage = lambda c, y: c if y >= REFORM_YEARS[0] else succ_of[c]  # noqa: E731
    everything["_l"] = [
        lineage(c, y) for c, y in zip(everything["commune"], everything["year"], strict=True)
    ]
    lp = pop.assign(_l=[lineage(c, y) for c, y in zip(pop["commune"], pop["year"], strict=True)])
    for succ in succs:
        cells = []
        for year in (*YEARS, *REFORM_YEARS):
            m = everything[(everything["year"] == year) & (everything["_l"] == succ.name)]
            h = int(lp[(lp["year"] == year) & (lp["_l"] == succ.name)]["households"].sum())
            rec = m["recorded_status"]
            cells.append(
                f"{year}: {int((rec == 'poor').sum())}/{int((rec == 'near_poor').sum())}/{h}"
            )
        print(f"    {succ.name:<14} " + "  ".join(cells))
    print("  transitions 2025–2026 through the lineage (rule status):")
    print(rtr.to_string(index=False).replace("\n", "\n    ").join(["    ", ""]))
    typed = rhh[rhh["commune"] != rhh["_unit"]].groupby("commune").size()
    print(
        "  2025 rows typed with a former unit's name: "
        + ", ".join(f"{k} {v}" for k, v in typed.items())
    )
    y26 = rhh[rhh["year"] == REFORM_YEARS[1]]
    at = [int((y26["income_per_capita"] == line).sum()) for line in lines_2026]
    print(
        f"  2026 incomes exactly {lines_2026[0]:,}: {at[0]} rows; exactly {lines_2026[1]:,}:"
        f" {at[1]} rows ({int(rhh['_boundary'].sum())} placed there on purpose)"
    )
    t24 = hh[(hh["year"] == YEARS[-1]) & (hh["commune"] == "Thuận Nam")]
    y25 = rhh[(rhh["year"] == REFORM_YEARS[0]) & rhh["household_id"].isin(t24["household_id"])]
    between = y25[(y25["income_per_capita"] > 1_500_000) & (y25["income_per_capita"] <= 2_000_000)]
    print(
        f"  former township households in 2025 between the rural and the urban line"
        f" (1.5–2.0 M): {len(between)} (poor/near-poor were the urban line applied)"
    )
    mism = rhh.groupby("year")["_intended"].sum()
    print("  deliberate status mismatches: " + ", ".join(f"{y} {int(v)}" for y, v in mism.items()))


if __name__ == "__main__":
    main()
