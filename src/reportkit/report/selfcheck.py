"""The report's self-check: the identities every annual report satisfies, verified on its
figures before any of them is printed.

- ``flow``: poor at the start − escaped − removed + fell back + newly poor = poor at the end,
  for all households (``flow``) and for ethnic-minority households (``flow_em``);
- ``rate``: a rate lies in [0, 100] and is its printed numerator over its printed base
  (``rate``: poor and near-poor per 100 resident households; ``rate_em``: poor
  ethnic-minority households per 100 ethnic-minority households), and no more households
  were reviewed than live in the unit (``reviewed_households``);
- ``villages``: a commune's villages add up to the commune (reviewed, poor, near-poor and
  every transition); ``units``: an area's units add up to its total;
- ``standard``: no change is computed across two poverty standards (a new standard's first
  review has no transitions).

A figure that breaks an identity is withheld: :func:`withhold` blanks it, the report prints
"–" and says why (:func:`reason`), and the failure is an error row of the report's internal
check workbook naming the unit, year and identity (:func:`as_problems`) — never a wrong
number on paper. Same figure, same value in every section and format holds by construction:
every section reads the one checked row (Report.row_of), and HTML, PDF and Word render one
document model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from reportkit import domain
from reportkit.figures import indicators, transitions

TRANSITIONS = tuple(transitions.TRANSITIONS)
RATES = (("poor_rate", "poor"), ("near_poor_rate", "near_poor"))
WITHHELD = {
    "flow": (*TRANSITIONS,),
    "flow_em": (*TRANSITIONS,),
    "rate": ("poor_rate", "near_poor_rate"),
    "reviewed_households": ("poor_rate", "near_poor_rate"),
    "standard": (*TRANSITIONS,),
}
"""Which figures of a unit's row a failed identity blanks."""


@dataclass(frozen=True)
class Failure:
    """One identity a report's figures break: the unit (None = the area), the year, the
    identity's code and what the figures were."""

    unit: str | None
    year: int
    identity: str
    detail: str


def _value(row: Mapping[str, object] | pd.Series, key: str) -> int | float | None:
    v = row.get(key)
    if v is None:
        return None
    try:
        return None if pd.isna(v) else v  # type: ignore[return-value,arg-type]
    except (TypeError, ValueError):
        return v  # type: ignore[return-value]


def flow(
    row: Mapping[str, object] | pd.Series, unit: str | None, year: int, identity: str = "flow"
) -> list[Failure]:
    """start − escaped − removed + fell back + new = end (when every figure is present)."""
    values = [_value(row, k) for k in (*TRANSITIONS, "poor")]
    if any(v is None for v in values):
        return []
    start, escaped, removed, fell_back, new, end = (int(v) for v in values)  # type: ignore[arg-type]
    if start - escaped - removed + fell_back + new == end:
        return []
    detail = f"{start} − {escaped} − {removed} + {fell_back} + {new} ≠ {end}"
    return [Failure(unit, year, identity, detail)]


def rates(row: Mapping[str, object] | pd.Series, unit: str | None, year: int) -> list[Failure]:
    """Each rate of the row is its count over the resident households, in [0, 100]; no
    more households reviewed than resident."""
    out = []
    households, reviewed = _value(row, "households"), _value(row, "reviewed")
    if households is not None and reviewed is not None and reviewed > households:
        detail = f"{reviewed} reviewed > {households} resident households"
        out.append(Failure(unit, year, "reviewed_households", detail))
    for rate_key, count_key in RATES:
        rate, count = _value(row, rate_key), _value(row, count_key)
        if rate is None:
            continue
        expected = indicators.percent(count, households)  # type: ignore[arg-type]
        if expected != rate or not 0 <= float(rate) <= 100:
            detail = f"{rate_key} {rate} ≠ 100 × {count} / {households} = {expected}"
            out.append(Failure(unit, year, "rate", detail))
            break
    return out


def baseline(row: Mapping[str, object] | pd.Series, unit: str | None, year: int) -> list[Failure]:
    """No transition in the first review under a new standard."""
    if not domain.first_review_of_standard(year):
        return []
    given = [k for k in TRANSITIONS if _value(row, k) is not None]
    if not given:
        return []
    detail = f"{', '.join(given)} computed across two standards ({year - 1} → {year})"
    return [Failure(unit, year, "standard", detail)]


def row_failures(
    row: Mapping[str, object] | pd.Series, unit: str | None, year: int
) -> list[Failure]:
    """Every identity of one unit's (or area's) row of household figures."""
    return [*flow(row, unit, year), *rates(row, unit, year), *baseline(row, unit, year)]


def em_rate(
    poor: int | None, households: int | None, rate: float | None, unit: str | None, year: int
) -> list[Failure]:
    """The ethnic-minority rate is its printed count over its printed base, in [0, 100]."""
    if rate is None:
        return []
    expected = indicators.percent(poor, households)
    if expected == rate and 0 <= rate <= 100:
        return []
    detail = f"{rate} ≠ 100 × {poor} / {households} = {expected}"
    return [Failure(unit, year, "rate_em", detail)]


def parts_add_up(
    parts: pd.DataFrame,
    whole: Mapping[str, object] | pd.Series,
    columns: tuple[str, ...],
    unit: str | None,
    year: int,
    identity: str,
) -> list[Failure]:
    """Each of ``columns`` summed over ``parts`` equals ``whole``'s (where both are known)."""
    wrong = []
    for c in columns:
        total = _value(whole, c)
        if total is None or c not in parts.columns or parts[c].isna().any():
            continue
        summed = int(parts[c].sum())
        if summed != int(total):
            wrong.append(f"{c} {summed} ≠ {int(total)}")
    return [Failure(unit, year, identity, "; ".join(wrong))] if wrong else []


def withhold(row: pd.Series, failures: list[Failure]) -> pd.Series:
    """``row`` with the figures that a failed identity makes untrustworthy blanked."""
    blank = {k for f in failures for k in WITHHELD.get(f.identity, ())}
    if not blank:
        return row
    out = row.copy()
    for k in blank:
        out[k] = None
    return out


def as_problems(failures: list[Failure]) -> pd.DataFrame:
    """Failures as rows of the validation table's shape (severity error), for the
    report's internal check workbook."""
    rows = [
        {
            "file": "",
            "row": None,
            "year": f.year,
            "commune": f.unit,
            "column": f.identity,
            "value": f.detail,
            "severity": "error",
            "check": f"identity_{f.identity}",
            "message": (
                f"self-check: {f.unit or 'area total'} {f.year}: identity {f.identity!r} fails"
                f" ({f.detail}); the figures it concerns are not printed"
            ),
        }
        for f in failures
    ]
    columns = ["file", "row", "year", "commune", "column", "value", "severity", "check", "message"]
    return pd.DataFrame(rows, columns=columns)
