"""Checking report parameters (unit, year, language) before any work is done.

Each bad value gets one line naming it and the nearest valid one.
"""

from __future__ import annotations

import difflib

from reportkit import domain
from reportkit.core.errors import ReportParameterError
from reportkit.core.numfmt import Lang
from reportkit.data import registry
from reportkit.data.registry.model import span
from reportkit.data.units import CODE_TOKEN, match_unit, unknown_unit_message


def resolve_unit(name: str) -> domain.Unit:
    """The registry unit for any accepted spelling or code of ``name`` (of a name reused
    across the 2025 reform, the latest: :func:`unit_reported_in` dates it), or a one-line
    error."""
    label = match_unit(name) if isinstance(name, str) else None
    if label is not None and label.startswith(CODE_TOKEN):
        code = label[len(CODE_TOKEN) :]
        found = [u for u in registry.units() if code in u.codes]
    else:
        found = list(registry.current().named(label)) if label is not None else []
    if not found:
        raise ReportParameterError(f"commune: {unknown_unit_message(str(name))}")
    return found[-1]


def unit_reported_in(name: str | None, year: int) -> domain.Unit | None:
    """The unit named ``name`` reported on for ``year`` (None: the area of that year), or
    a one-line error saying what to render instead."""
    if name is None:
        if registry.has_area(year):
            return None
        areas = registry.current().areas
        named = ", ".join(f"{a.label} ({span(a.first_year, a.last_year)})" for a in areas)
        raise ReportParameterError(
            f"area report: no area is named for {year} (settings column 'area', or --area)"
            + (f"; named: {named}" if named else "")
        )
    unit = registry.unit_in_year(name, year)
    if unit is not None and unit.reported:
        return unit
    if unit is not None:  # history-only
        later = registry.successor_in(unit, domain.reform_first_year())
        raise ReportParameterError(
            f"commune: {name} ({unit.parent}) is outside the area and not reported on: its "
            f"rows count in the series of {later.name if later else 'its successor'} from "
            f"{domain.reform_first_year()}"
        )
    valid = list(registry.current().named(name))
    former = next((u for u in valid if u.valid_to is not None and u.valid_to < year), None)
    later = registry.successor_in(former, year) if former else None
    if later is not None:
        raise ReportParameterError(
            f"commune: {name} was a unit until {former.valid_to}; from {later.valid_from} it "  # type: ignore[union-attr]
            f"is part of {later.name}: render {later.name} for {year}"
        )
    if former is not None and registry.current().is_split(former):
        parts = ", ".join(u.name for u in registry.current().successors_of(former))
        raise ReportParameterError(
            f"commune: {name} was a unit until {former.valid_to}; it was split between "
            f"{parts}: render one of them for {year}"
        )
    first = min(u.valid_from or 0 for u in valid)
    units = ", ".join(u.name for u in registry.units_in_year(year)) or "none"
    raise ReportParameterError(
        f"commune: {name} is a unit from {first}; for {year} render one of the units of "
        f"that year: {units}"
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
