"""Checking report parameters (unit, year, language) before any work is done.

Each bad value gets one line naming it and the nearest valid one.
"""

from __future__ import annotations

import difflib

from reportkit import domain
from reportkit.errors import ReportParameterError
from reportkit.numfmt import Lang
from reportkit.units import match_unit, unknown_unit_message


def resolve_unit(name: str) -> domain.Unit:
    """The registry unit for any accepted spelling of ``name``, or a one-line error."""
    unit = match_unit(name) if isinstance(name, str) else None
    if unit is None:
        raise ReportParameterError(f"commune: {unknown_unit_message(str(name))}")
    return unit


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
