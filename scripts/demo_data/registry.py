"""The registry side of the demo: seed, review years, the story's units and successors read
from ``units.toml`` (the package holds none), the rules from ``domain.toml``, their
synthetic parameters and the status rule each year's rows follow."""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

SEED = 20231215
YEARS: tuple[int, ...] = (2021, 2022, 2023, 2024)  # the district's review years (13 units)
REFORM_YEARS: tuple[int, ...] = (2025, 2026)  # the six successor communes (Lâm Đồng)
SOURCE = "synthetic-demo"


def random_stream(*keys: int) -> np.random.Generator:
    """The random numbers of one part of the demo, named by ``keys``: every stream is seeded
    from SEED, so each part is the same on every run, whatever the others draw."""
    return np.random.default_rng([SEED, *keys])


ROOT = Path(__file__).resolve().parents[2]
DOMAIN_TOML = ROOT / "src" / "reportkit" / "domain.toml"
STORY_TOML = Path(__file__).with_name("units.toml")
OUT_DIR = ROOT / "data" / "raw"

STATUSES: tuple[str, ...] = ("poor", "near_poor", "average", "none")

# From 2026 the registry configures no average-living band (Decree 351/2025: unverified).
# The demo still writes "average" for households above the line up to this multiple of it
# (the 2022–2025 ratio: 2,250,000 / 1,500,000) and "none" above: a synthetic convention.
NOTIONAL_AVERAGE_FACTOR = 1.5

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


def in_unit_order(
    df: pd.DataFrame, names: list[str], by: list[str], col: str = "commune"
) -> pd.DataFrame:
    """``df`` sorted (stably) by the columns ``by``, where "_o" stands for the place of
    ``col`` among ``names`` ("" — the district — before every unit); index reset."""
    order = {"": -1} | {n: i for i, n in enumerate(names)}
    df = df.assign(_o=df[col].map(order)).sort_values(by, kind="mergesort")
    return df.drop(columns="_o").reset_index(drop=True)


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def load_domain() -> dict[str, Any]:
    """Read ``domain.toml`` (the package's rules as data) directly with tomllib, with the
    demo story's units (``units.toml`` beside this module: the package has none)."""
    rules = tomllib.loads(DOMAIN_TOML.read_text(encoding="utf-8"))
    story = tomllib.loads(STORY_TOML.read_text(encoding="utf-8"))
    return rules | story


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


def rule_status(income: int, n_deps: int, unit: UnitInfo) -> str:
    """Status under Decree 07/2021 ("and" rule): the check applied to every row."""
    if income <= unit.line:
        return "poor" if n_deps >= 3 else "near_poor"
    return "average" if income <= unit.avg_line else "none"


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
