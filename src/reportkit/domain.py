"""The domain rules (units, standards, indicators, projects, findings, table schemas).

Everything here is read from ``domain.toml`` beside this module, the one place where the
rules live as data. Other modules import the typed views below, never the literals.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

Area = Literal["rural", "urban"]


@dataclass(frozen=True)
class Unit:
    """A commune-level unit (xã, phường, thị trấn, đặc khu): a name and the review years it
    is valid in. Units come from the national registry and the user's units table
    (``reportkit.data.registry``), never from this package.

    Names are reused across the 2025 reform, so a unit is identified by its name together
    with its validity period (``key``), never by its name alone."""

    name: str  # NFC Vietnamese name, e.g. "Tân Lập"
    kind: str  # "xã" or "thị trấn"
    area: Area  # decides the income line of its households
    slug: str  # ASCII file-name slug, unique among the units valid in any one year
    codes: tuple[str, ...] = ()  # official codes
    valid_from: int | None = None  # first review year (None: open)
    valid_to: int | None = None  # last review year (None: open)
    predecessors: tuple[str, ...] = ()  # units (valid the year before) that moved into it
    history_only: bool = False  # outside the area, accepted for a successor's series only
    parent: str = ""  # its district or province with kind: "huyện Hàm Tân", "tỉnh Lâm Đồng"
    province: str = ""  # its province with kind (of a unit whose parent is a district)
    area_verified: bool = True  # False: the line its households get is unverified
    basis: str | None = None  # the legal text that created it, cited in its report

    def valid_in(self, review_year: int) -> bool:
        return (self.valid_from is None or self.valid_from <= review_year) and (
            self.valid_to is None or review_year <= self.valid_to
        )

    @property
    def key(self) -> str:
        """Unique across the registry: the slug and the first year, e.g. "ham-thanh@2025"."""
        return f"{self.slug}@{self.valid_from or ''}"

    @property
    def reported(self) -> bool:
        return not self.history_only


@dataclass(frozen=True)
class Indicator:
    column: str
    service: str
    vi: str
    en: str


@dataclass(frozen=True)
class Lines:
    """Income lines of one area, VND per person per month. ``average_line`` None: the
    standard's average-living band is not configured."""

    poverty_line: int
    near_poor_line: int
    average_line: int | None = None


@dataclass(frozen=True)
class Standard:
    """A multidimensional poverty standard and the review years it governs."""

    id: str
    legal_basis: str
    first_review_year: int
    last_review_year: int
    rule: Literal["and", "or"]
    min_deprivations: int
    rural: Lines
    urban: Lines
    indicators: tuple[str, ...] = ()  # deprivation columns counted (set by standards())
    unverified: tuple[str, ...] = ()  # "indicators", "average_band": labelled in reports

    def lines(self, area: Area) -> Lines:
        return self.rural if area == "rural" else self.urban

    @property
    def has_average_band(self) -> bool:
        return self.rural.average_line is not None and self.urban.average_line is not None


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


def reform_first_year() -> int:
    """The first review year after the 2025 reform of local government (two tiers: no
    districts; the national registry's new communes)."""
    return int(_raw()["reform"]["first_review_year"])


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
        s["indicators"] = tuple(s.get("indicators", indicator_columns()))
        s["unverified"] = tuple(s.get("unverified", ()))
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


def report_date_window(review_year: int) -> tuple[dt.date, dt.date]:
    """First and last date a report on ``review_year`` may carry (from the review, on
    1 September of that year, to the end of June of the next)."""
    w = _raw()["report_date"]
    first = dt.date(review_year, w["first"]["month"], w["first"]["day"])
    return first, dt.date(review_year + 1, w["last"]["month"], w["last"]["day"])


def personal_columns() -> frozenset[str]:
    """Columns holding personal data (head_name): never printed in any output."""
    return frozenset(c.name for t in tables().values() for c in t.columns if c.personal)


STATUSES: tuple[str, ...] = ("poor", "near_poor", "average", "none")
"""Recorded statuses (kết quả phân loại) as the data contract spells them."""

RULE_STATUSES: tuple[str, ...] = (*STATUSES, "above_line")
"""Statuses the rules give: STATUSES, and "above_line" for a household above the poverty
line under a standard without a configured average band (average or none: undecided)."""


@dataclass(frozen=True)
class NationalTargets:
    """The programme's national targets, in percentage points a year."""

    poor_rate_fall: tuple[float, float]  # the poverty rate falls by low–high points
    ethnic_minority_fall_over: float  # among ethnic minorities: by more than this


@dataclass(frozen=True)
class Programme:
    """The national target programme of a period: the decision that set it up (None when
    unverified: cite none rather than another period's), its national targets (None when
    unverified) and the first year with project budget lines."""

    id: str
    decision: str | None
    first_review_year: int
    last_review_year: int
    first_budget_year: int
    national_targets: NationalTargets | None
    unverified: tuple[str, ...] = ()


@cache
def programmes() -> tuple[Programme, ...]:
    out = []
    for p in _raw()["programmes"]:
        t = p.get("national_targets")
        targets = None
        if t is not None:
            low, high = (float(v) for v in t["poor_rate_fall"])
            targets = NationalTargets((low, high), float(t["ethnic_minority_fall_over"]))
        out.append(
            Programme(
                id=p["id"],
                decision=p.get("decision") or None,
                first_review_year=int(p["first_review_year"]),
                last_review_year=int(p["last_review_year"]),
                first_budget_year=int(p["first_budget_year"]),
                national_targets=targets,
                unverified=tuple(p.get("unverified", ())),
            )
        )
    return tuple(out)


def programme_for_year(review_year: int) -> Programme | None:
    """The programme whose period holds ``review_year`` (None before the first)."""
    for p in programmes():
        if p.first_review_year <= review_year <= p.last_review_year:
            return p
    return None


def same_standard(year_a: int, year_b: int) -> bool:
    """Whether the reviews of two years were held under the same poverty standard: only
    then is a change between them computed or judged (a new standard's first review sets
    the period's baseline)."""
    return standard_for_year(year_a).id == standard_for_year(year_b).id


def first_review_of_standard(review_year: int) -> bool:
    """Whether ``review_year``'s review is the first under its standard (the baseline,
    số liệu đầu kỳ: end of 2021 for Decree 07/2021, end of 2026 for Decree 351/2025)."""
    return standard_for_year(review_year).first_review_year == review_year


@cache
def commentary_sections() -> dict[str, bool]:
    """Section codes of the officials' commentary, in report order → required or not."""
    return {s["code"]: bool(s["required"]) for s in _raw()["commentary"]["sections"]}
