"""The official poverty classification (phân loại hộ) by the standard of the review year.

2022–2025 (Decree 07/2021/NĐ-CP, rule "and"): poor (hộ nghèo) = income ≤ poverty line and
≥ 3 deprivations; near-poor (hộ cận nghèo) = income ≤ poverty line and < 3; average living
standard (hộ có mức sống trung bình) = above the line up to the average line.
2016–2020 (Decision 59/2015/QĐ-TTg, rule "or"): poor = income ≤ poverty line, or in the
band up to the near-poor line with ≥ 3 deprivations; near-poor = in that band with < 3.
Households above the average line are "none". Thresholds come from domain.toml.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from reportkit import domain
from reportkit.problems import Problem, problems_for_rows

STATUS_CODES = np.array(domain.STATUSES, dtype=object)  # index = code


def classify_arrays(
    income: np.ndarray, deprivations: np.ndarray, urban: np.ndarray, standard: domain.Standard
) -> np.ndarray:
    """Status codes (0 poor, 1 near_poor, 2 average, 3 none) for aligned arrays."""

    def line(name: str) -> np.ndarray:
        return np.where(urban, getattr(standard.urban, name), getattr(standard.rural, name))

    poverty, near_poor_line, average_line = (
        line("poverty_line"),
        line("near_poor_line"),
        line("average_line"),
    )
    deprived = deprivations >= standard.min_deprivations
    code = np.full(income.shape, 3, dtype=np.int8)
    code[income <= average_line] = 2
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


def deprivation_count(households: pd.DataFrame) -> pd.Series:
    fast = _tick_sum(households)
    if fast is not None:
        return pd.Series(fast, index=households.index)
    return households[domain.indicator_columns()].sum(axis=1).astype("int64")


def _tick_sum(households: pd.DataFrame) -> np.ndarray | None:
    """Row sums of the indicator columns as int64 (missing = 0), summed column by column
    as numpy arrays; None unless every indicator column holds integers."""
    cols = [households[c] for c in domain.indicator_columns()]
    if not all(pd.api.types.is_integer_dtype(s.dtype) for s in cols):
        return None
    total = np.zeros(len(households), dtype=np.int64)
    for s in cols:
        total += s.to_numpy(dtype=np.int64, na_value=0)
    return total


def add_rule_status(households: pd.DataFrame) -> pd.DataFrame:
    """Add ``deprivations``, ``standard`` and ``rule_status`` columns (by review year)."""
    df = households
    deprivations = _tick_sum(df)
    if deprivations is None:
        deprivations = deprivation_count(df).to_numpy()
    urban_names = {u.name for u in domain.units() if u.area == "urban"}
    urban = df["commune"].isin(urban_names).to_numpy()
    income = df["income_per_capita"].to_numpy(dtype=float)
    years = df["year"].to_numpy(dtype=np.int64)
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
    out["rule_status"] = pd.Categorical.from_codes(code, categories=list(domain.STATUSES))
    return out


def status_differs(a: pd.Series, b: pd.Series) -> pd.Series:
    """``a.astype(str) != b.astype(str)``, compared on the codes when both are categoricals
    with the same categories and no missing values."""
    if (
        isinstance(a.dtype, pd.CategoricalDtype)
        and isinstance(b.dtype, pd.CategoricalDtype)
        and list(a.cat.categories) == list(b.cat.categories)
    ):
        ca, cb = a.cat.codes.to_numpy(), b.cat.codes.to_numpy()
        if (ca >= 0).all() and (cb >= 0).all():
            return pd.Series(ca != cb, index=a.index)
    return a.astype(str) != b.astype(str)


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
