"""The official poverty classification (phân loại hộ) by the standard of the review year.

2022–2025 (Decree 07/2021/NĐ-CP, rule "and"): poor (hộ nghèo) = income ≤ poverty line and
≥ 3 deprivations; near-poor (hộ cận nghèo) = income ≤ poverty line and < 3; average living
standard (hộ có mức sống trung bình) = above the line up to the average line.
2016–2020 (Decision 59/2015/QĐ-TTg, rule "or"): poor = income ≤ poverty line, or in the
band up to the near-poor line with ≥ 3 deprivations; near-poor = in that band with < 3.
2026–2030 (Decree 351/2025/NĐ-CP, rule "and", 2,200,000 rural / 2,800,000 urban): its
average-living band is unverified and not configured, so a household above the line is
"above_line" (average or none: the rules cannot tell), and a recorded "average" or "none"
agrees with it. Households above the average line are "none". Thresholds come from
domain.toml; the line of a household follows the area of its unit in that review year.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from reportkit import domain
from reportkit.data import registry
from reportkit.data.problems import Problem, problems_for_rows

STATUS_CODES = np.array(domain.RULE_STATUSES, dtype=object)  # index = code
ABOVE_LINE = domain.RULE_STATUSES.index("above_line")


def classify_arrays(
    income: np.ndarray, deprivations: np.ndarray, urban: np.ndarray, standard: domain.Standard
) -> np.ndarray:
    """Status codes (0 poor, 1 near_poor, 2 average, 3 none, 4 above_line) for aligned
    arrays; 4 only under a standard without an average band."""

    def line(name: str) -> np.ndarray:
        return np.where(urban, getattr(standard.urban, name), getattr(standard.rural, name))

    poverty, near_poor_line = line("poverty_line"), line("near_poor_line")
    deprived = deprivations >= standard.min_deprivations
    if standard.has_average_band:
        code = np.full(income.shape, 3, dtype=np.int8)
        code[income <= line("average_line")] = 2
    else:
        code = np.full(income.shape, ABOVE_LINE, dtype=np.int8)
    if standard.rule == "and":
        below = income <= poverty
        code[below] = np.where(deprived[below], 0, 1)
    else:
        band = (income > poverty) & (income <= near_poor_line)
        code[band] = np.where(deprived[band], 0, 1)
        code[income <= poverty] = 0
    return code


def classify_one(income: float, deprivations: int, area: domain.Area, review_year: int) -> str:
    """The status the rules give one household (convenience for checks and tests)."""
    code = classify_arrays(
        np.array([income], dtype=float),
        np.array([deprivations]),
        np.array([area == "urban"]),
        domain.standard_for_year(review_year),
    )
    return str(STATUS_CODES[code[0]])


def deprivation_count(
    households: pd.DataFrame, columns: tuple[str, ...] | None = None
) -> pd.Series:
    """Deprivations ticked per household, over ``columns`` (default: every indicator)."""
    cols = list(columns or domain.indicator_columns())
    fast = _tick_sum(households, cols)
    if fast is not None:
        return pd.Series(fast, index=households.index)
    return households[cols].sum(axis=1).astype("int64")


def _tick_sum(households: pd.DataFrame, columns: list[str]) -> np.ndarray | None:
    """Row sums of the indicator columns as int64 (missing = 0), summed column by column
    as numpy arrays; None unless every indicator column holds integers."""
    cols = [households[c] for c in columns]
    if not all(pd.api.types.is_integer_dtype(s.dtype) for s in cols):
        return None
    total = np.zeros(len(households), dtype=np.int64)
    for s in cols:
        total += s.to_numpy(dtype=np.int64, na_value=0)
    return total


def urban_rows(households: pd.DataFrame) -> np.ndarray:
    """Whether each household gets the urban line: its unit (the one of its name valid in
    its review year) is urban (registry kind or the units table's ``urban`` column)."""
    years = households["year"].to_numpy(dtype=np.int64)
    communes = households["commune"]
    urban = np.zeros(len(households), dtype=bool)
    for year in np.unique(years):
        names = [u.name for u in registry.accepted_units(int(year)) if u.area == "urban"]
        if names:
            urban |= (years == year) & communes.isin(names).to_numpy()
    return urban


def add_rule_status(households: pd.DataFrame) -> pd.DataFrame:
    """Add ``deprivations``, ``standard`` and ``rule_status`` columns (by review year)."""
    df = households
    years = df["year"].to_numpy(dtype=np.int64)
    present = [domain.standard_for_year(int(y)) for y in np.unique(years)]
    columns = {s.indicators for s in present} or {tuple(domain.indicator_columns())}
    if len(columns) == 1:
        deprivations = deprivation_count(df, next(iter(columns))).to_numpy()
    else:
        deprivations = np.zeros(len(df), dtype=np.int64)
        for year in np.unique(years):
            sel = years == year
            cols = domain.standard_for_year(int(year)).indicators
            deprivations[sel] = deprivation_count(df.loc[sel], cols).to_numpy()
    urban = urban_rows(df)
    income = df["income_per_capita"].to_numpy(dtype=float)
    code = np.full(len(df), 3, dtype=np.int8)
    standard_code = np.zeros(len(df), dtype=np.int8)
    standard_ids: list[str] = []
    for year in np.unique(years):
        sel = years == year
        std = domain.standard_for_year(int(year))
        code[sel] = classify_arrays(income[sel], deprivations[sel], urban[sel], std)
        if std.id not in standard_ids:
            standard_ids.append(std.id)
        standard_code[sel] = standard_ids.index(std.id)
    out = df.copy(deep=False)
    out["deprivations"] = deprivations
    if standard_ids:
        out["standard"] = pd.Categorical.from_codes(standard_code, categories=standard_ids)
    else:  # no rows
        out["standard"] = np.empty(0, dtype=object)
    out["rule_status"] = pd.Categorical.from_codes(code, categories=list(domain.RULE_STATUSES))
    return out


def status_differs(recorded: pd.Series, rule: pd.Series) -> pd.Series:
    """Whether the approved status differs from the rules' status, household by household.

    Compared as poor / near-poor / average / none, or where the rules say "above_line"
    (no average band configured) as poor / near-poor / above: a recorded "average" or
    "none" then agrees. A missing recorded status always differs."""
    rec, rul = _codes(recorded), _codes(rule)
    above = (rul == ABOVE_LINE) & np.isin(rec, [STATUS_INDEX["average"], STATUS_INDEX["none"]])
    return pd.Series((rec != rul) & ~above, index=recorded.index)


STATUS_INDEX = {s: i for i, s in enumerate(domain.RULE_STATUSES)}


def _codes(statuses: pd.Series) -> np.ndarray:
    """Positions in domain.RULE_STATUSES (-1: missing or not a status), from categorical
    codes when the categories are a prefix of RULE_STATUSES (no text comparison)."""
    if isinstance(statuses.dtype, pd.CategoricalDtype):
        cats = list(statuses.cat.categories)
        if cats == list(domain.RULE_STATUSES[: len(cats)]):
            return statuses.cat.codes.to_numpy(dtype=np.int64)
    mapped = statuses.astype(object).map(STATUS_INDEX)
    return mapped.fillna(-1).to_numpy(dtype=np.int64)


def status_mismatch_problems(households: pd.DataFrame) -> list[Problem]:
    """A warning for each household whose approved status differs from the rules' status."""
    mismatch = status_differs(households["recorded_status"], households["rule_status"])
    rows = households.loc[mismatch]
    if rows.empty:
        return []
    msgs = (
        "recorded status "
        + rows["recorded_status"].astype(str)
        + " but the rules ("
        + rows["standard"].astype(str)
        + ") give "
        + rows["rule_status"].astype(str)
        + " ("
        + rows["deprivations"].astype(str)
        + " deprivations; the household's income is in the internal workbook)"
    )
    return problems_for_rows(
        rows,
        "households",
        "recorded_status",
        "warning",
        msgs,
        rows["recorded_status"],
        check="status_mismatch",
    )
