"""The domain rules (units, standards, indicators, projects, findings, table schemas).

Everything here is read from ``domain.toml`` beside this module, the one place where the
rules live as data. Other modules import the typed views below, never the literals.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

Area = Literal["rural", "urban"]


@dataclass(frozen=True)
class Unit:
    """A commune-level unit of the district (xã or thị trấn)."""

    name: str  # NFC Vietnamese name, e.g. "Hàm Thạnh"
    kind: str  # "xã" or "thị trấn"
    area: Area
    slug: str  # ASCII file-name slug, e.g. "ham-thanh"


@dataclass(frozen=True)
class Indicator:
    column: str
    service: str
    vi: str
    en: str


@dataclass(frozen=True)
class Lines:
    """Income lines of one area, VND per person per month."""

    poverty_line: int
    near_poor_line: int
    average_line: int


@dataclass(frozen=True)
class Standard:
    """A multidimensional poverty standard and the review years it governs."""

    id: str
    legal_basis: str
    first_review_year: int
    last_review_year: int
    rule: Literal["and", "or"]
    indicator_count: int
    min_deprivations: int
    verified: bool
    rural: Lines
    urban: Lines

    def lines(self, area: Area) -> Lines:
        return self.rural if area == "rural" else self.urban


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    required: bool
    min: float | None = None  # plausible range of an int / number column
    max: float | None = None
    personal: bool = False  # personal data (head_name): never printed anywhere
    public: bool = False  # its typed value may be shown in shared outputs (unit, village)


@dataclass(frozen=True)
class TableSchema:
    name: str
    required_table: bool
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


@cache
def _raw() -> dict[str, Any]:
    text = resources.files("reportkit").joinpath("domain.toml").read_bytes()
    return tomllib.loads(text.decode("utf-8"))


@cache
def units() -> tuple[Unit, ...]:
    """The 13 units, township first then communes alphabetically (as in DOMAIN.md)."""
    return tuple(Unit(**u) for u in _raw()["units"])


def unit_by_name(name: str) -> Unit:
    for u in units():
        if u.name == name:
            return u
    raise KeyError(name)


def unit_names() -> list[str]:
    return [u.name for u in units()]


def units_in_year(review_year: int) -> tuple[Unit, ...]:
    """The units of the registry valid in ``review_year``: the 13 units for the review
    years of this layout ([district] first_review_year … last_review_year), none outside."""
    d = district()
    return units() if d["first_review_year"] <= review_year <= d["last_review_year"] else ()


@cache
def district() -> dict[str, Any]:
    return dict(_raw()["district"])


@cache
def indicators() -> tuple[Indicator, ...]:
    return tuple(Indicator(**i) for i in _raw()["indicators"])


def indicator_columns() -> list[str]:
    return [i.column for i in indicators()]


@cache
def standards() -> tuple[Standard, ...]:
    out = []
    for s in _raw()["standards"]:
        s = dict(s)
        s["rural"] = Lines(**s["rural"])
        s["urban"] = Lines(**s["urban"])
        out.append(Standard(**s))
    return tuple(out)


def standard_for_year(review_year: int) -> Standard:
    """The standard that governs the review held at the end of ``review_year``."""
    for s in standards():
        if s.first_review_year <= review_year <= s.last_review_year:
            return s
    known = ", ".join(f"{s.id} ({s.first_review_year}–{s.last_review_year})" for s in standards())
    raise ValueError(f"no poverty standard covers review year {review_year}; known: {known}")


@cache
def projects() -> dict[str, dict[str, Any]]:
    return dict(_raw()["projects"])


@cache
def findings() -> dict[str, dict[str, str]]:
    return dict(_raw()["findings"])


@cache
def neighbours() -> dict[str, list[str]]:
    """Units of neighbouring districts, by district name (for error messages only)."""
    return {k: list(v) for k, v in _raw()["neighbours"].items()}


def unit_prefixes() -> list[str]:
    return list(_raw()["matching"]["unit_prefixes"])


def district_level_words() -> list[str]:
    return list(_raw()["matching"]["district_level_words"])


@cache
def status_words() -> dict[str, list[str]]:
    return {k: list(v) for k, v in _raw()["status_words"].items()}


@cache
def header_aliases() -> dict[str, list[str]]:
    return {k: list(v) for k, v in _raw()["headers"].items()}


@cache
def visit_kinds() -> dict[str, list[str]]:
    return {k: list(v) for k, v in _raw()["visit_kinds"].items()}


@cache
def tables() -> dict[str, TableSchema]:
    out = {}
    for name, t in _raw()["tables"].items():
        cols = tuple(Column(**c) for c in t["columns"])
        out[name] = TableSchema(name=name, required_table=t["required_table"], columns=cols)
    return out


def public_columns() -> frozenset[str]:
    """Household columns whose typed values shared outputs may show (commune, village)."""
    return frozenset(c.name for c in tables()["households"].columns if c.public)


def population_change_share() -> float:
    """Largest plausible change of a unit's resident households from one year to the next,
    as a share of the previous year's figure (beyond it: a warning)."""
    return float(_raw()["plausibility"]["population_change_share"])


def personal_columns() -> frozenset[str]:
    """Columns holding personal data (head_name): never printed in any output."""
    return frozenset(c.name for t in tables().values() for c in t.columns if c.personal)


STATUSES: tuple[str, ...] = ("poor", "near_poor", "average", "none")


@dataclass(frozen=True)
class NationalTargets:
    """The programme's national targets, in percentage points a year."""

    poor_rate_fall: tuple[float, float]  # the poverty rate falls by low–high points
    ethnic_minority_fall_over: float  # among ethnic minorities: by more than this


@cache
def national_targets() -> NationalTargets:
    t = _raw()["national_targets"]
    low, high = (float(v) for v in t["poor_rate_fall"])
    return NationalTargets((low, high), float(t["ethnic_minority_fall_over"]))


@cache
def programme() -> dict[str, Any]:
    """The programme's decision and its first year with project lines."""
    return dict(_raw()["programme"])


@cache
def commentary_sections() -> dict[str, bool]:
    """Section codes of the officials' commentary, in report order → required or not."""
    return {s["code"]: bool(s["required"]) for s in _raw()["commentary"]["sections"]}
