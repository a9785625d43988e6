"""Which validation rows belong to a report, and how many errors and warnings they are.

One rule for every place that counts them (the analyst's data-quality view, index.html and
summary.xlsx), so the three always agree: a report of year Y counts the problems of rows
of year Y (of its unit, or for the district of its units and of rows of no unit — never of
a history-only unit from outside it, whose rows it does not count); problems whose year
is unknown (a whole unreadable file, a row whose year cannot be read) are counted in the
district's report of every year, since they may hide rows of any year.
"""

from __future__ import annotations

import pandas as pd

from reportkit.data import registry


def report_problems(validation: pd.DataFrame, year: int, commune: str | None) -> pd.DataFrame:
    """The validation rows a report of ``commune`` (None = the district) for ``year``
    counts."""
    v = validation
    if v.empty:
        return v
    if commune is None:
        outside = [u.name for u in registry.accepted_units(year) if u.history_only]
        return v.loc[v["year"].isna() | ((v["year"] == year) & ~v["commune"].isin(outside))]
    return v.loc[(v["year"] == year) & (v["commune"] == commune)]


def counts(problems: pd.DataFrame) -> tuple[int, int]:
    """(errors, warnings) among ``problems``."""
    if problems.empty:
        return 0, 0
    severity = problems["severity"]
    return int((severity == "error").sum()), int((severity == "warning").sum())
