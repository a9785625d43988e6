"""Checking report parameters (unit, year, language) before any work is done.

Each bad value gets one line naming it and the nearest valid one.
"""

from __future__ import annotations

import difflib

from reportkit import domain
from reportkit.core.errors import ReportParameterError
from reportkit.core.numfmt import Lang
from reportkit.data.units import match_unit, unknown_unit_message


def resolve_unit(name: str) -> domain.Unit:
    """The registry unit for any accepted spelling of ``name`` (of a name reused in 2025,
    the latest: :func:`unit_reported_in` dates it), or a one-line error."""
    unit = match_unit(name) if isinstance(name, str) else None
    if unit is None:
        raise ReportParameterError(f"commune: {unknown_unit_message(str(name))}")
    return unit


def unit_reported_in(name: str | None, year: int) -> domain.Unit | None:
    """The unit named ``name`` reported on for ``year`` (None: the district, which reported
    up to 2024), or a one-line error saying what to render instead."""
    if name is None:
        if domain.has_district(year):
            return None
        communes = ", ".join(u.name for u in domain.units_in_year(year))
        raise ReportParameterError(
            f"district report: {domain.district()['name']} district reported up to "
            f"{domain.district()['last_review_year']} (the district level ceased on 1 July "
            f"2025); for {year} render its successor communes: {communes}"
        )
    unit = domain.unit_in_year(name, year)
    if unit is not None and unit.reported:
        return unit
    if unit is not None:  # history-only
        later = domain.successor_in(unit, domain.district()["last_review_year"] + 1)
        raise ReportParameterError(
            f"commune: {name} (formerly of {unit.former_district}) is not reported on: its "
            f"rows count in the series of {later.name if later else 'its successor'} from 2025"
        )
    valid = [u for u in domain.units() if u.name == name]
    former = next((u for u in valid if u.valid_to is not None and u.valid_to < year), None)
    later = domain.successor_in(former, year) if former else None
    if later is not None:
        raise ReportParameterError(
            f"commune: {name} was a unit until {former.valid_to}; from {later.valid_from} it "  # type: ignore[union-attr]
            f"is part of {later.name} commune: render {later.name} for {year}"
        )
    first = min(u.valid_from or 0 for u in valid)
    raise ReportParameterError(
        f"commune: {name} is a commune from {first}; for {year} render one of the units of "
        f"that year: {', '.join(u.name for u in domain.units_in_year(year))}"
    )


def resolve_year(year: object, years: list[int]) -> int:
    try:
        y = int(year)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise ReportParameterError(f"year: '{year}' is not a year") from None
    if y not in years:
        nearest = min(years, key=lambda v: (abs(v - y), -v))
        raise ReportParameterError(
            f"year: no household data for {y}; nearest year with data: {nearest}"
            f" (years available: {', '.join(map(str, years))})"
        )
    return y


def resolve_lang(lang: str) -> Lang:
    if lang not in ("vi", "en"):
        nearest = difflib.get_close_matches(str(lang), ["vi", "en"], n=1, cutoff=0) or ["vi"]
        raise ReportParameterError(
            f"lang: '{lang}' is not supported; use {nearest[0]!r} (vi or en)"
        )
    return lang  # type: ignore[return-value]
