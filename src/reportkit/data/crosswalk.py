"""Units as dated facts: each row's unit is the unit of its name valid in the row's year.

Cleaning matches a typed name to a registry name (units.match_unit); this step dates it.
A name valid in both periods (Hàm Thạnh until 2024 and the commune Hàm Thạnh from 2025)
means the unit valid in the row's review year. A row of a later year that names a former
unit (Hàm Minh in 2025) is counted under the successor its area moved into whole
(Resolution 1671/NQ-UBTVQH15): a warning naming both, never fuzzy matching. A name that no
unit carries in the row's year (Tuyên Quang in 2023) is an error, and so is a district-level
row in a year without the district (from 2025).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from reportkit import domain
from reportkit.data.clean import CleanTable
from reportkit.data.problems import Problem, problems_for_rows

RESOLUTION = "Nghị quyết 1671/NQ-UBTVQH15"


def date_units(t: CleanTable) -> CleanTable:
    """``t`` with each row's commune valid in its year: former units renamed to their
    successor (warning "unit_moved"), rows naming no unit of their year left out (error
    "unit_not_in_year"), district-level rows of a year without the district left out (error
    "no_district"; tables whose commune may be empty for the district level only)."""
    df = t.frame
    if "commune" not in df.columns or "year" not in df.columns or df.empty:
        return t
    district_level = domain.tables()[t.name].column("commune").type == "unit_or_district"
    pairs = df[["year", "commune"]].drop_duplicates()
    rename: dict[tuple[int, str], str] = {}
    problems: list[Problem] = []
    reject = np.zeros(len(df), dtype=bool)
    for year, name in zip(pairs["year"], pairs["commune"], strict=True):
        if pd.isna(year):
            continue
        year = int(year)
        sel = (df["year"] == year).to_numpy(dtype=bool, na_value=False)
        if name is None or pd.isna(name):
            if district_level and not domain.has_district(year):
                sel &= df["commune"].isna().to_numpy()
                problems += _problems(
                    df.loc[sel], t.name, "error", _no_district(year), "no_district"
                )
                reject |= sel
            continue
        if domain.unit_in_year(name, year) is not None:
            continue
        sel &= (df["commune"] == name).to_numpy(dtype=bool, na_value=False)
        successor = _successor(name, year)
        if successor is not None:
            rename[(year, name)] = successor.name
            msg = (
                f"{name} was a unit until {successor.valid_from - 1}; from "  # type: ignore[operator]
                f"{successor.valid_from} it is part of {successor.name} commune ({RESOLUTION}, "
                f"Article 1 clause {successor.clause}): row counted under {successor.name}"
            )
            # Listed under the successor, whose report annexes it; the value keeps the name.
            rows = df.loc[sel].assign(commune=successor.name)
            problems += _problems(
                rows, t.name, "warning", msg, "unit_moved", df.loc[sel, "commune"]
            )
        else:
            problems += _problems(
                df.loc[sel], t.name, "error", _not_in_year(name, year), "unit_not_in_year"
            )
            reject |= sel
    if not rename and not reject.any():
        return CleanTable(t.name, df, t.rejected, t.problems + problems)
    out = _renamed(df.loc[~reject], rename).reset_index(drop=True)
    return CleanTable(t.name, out, t.rejected + int(reject.sum()), t.problems + problems)


def _successor(name: str, year: int) -> domain.Unit | None:
    """The unit valid in ``year`` that the former unit ``name`` moved into, if any."""
    for unit in domain.units():
        if unit.name == name and unit.valid_to is not None and unit.valid_to < year:
            return domain.successor_in(unit, year)
    return None


def _not_in_year(name: str, year: int) -> str:
    periods = [_period(u) for u in domain.units() if u.name == name]
    return (
        f"{name} is not a unit in {year} (a unit {' and '.join(periods)}); "
        "row left out of the figures"
    )


def _period(unit: domain.Unit) -> str:
    if unit.valid_from is None:
        return f"until {unit.valid_to}"
    if unit.valid_to is None:
        return f"from {unit.valid_from}"
    return f"{unit.valid_from}–{unit.valid_to}"


def _no_district(year: int) -> str:
    last = domain.district()["last_review_year"]
    return (
        f"district-level row for {year}: {domain.district()['name']} district reported up to "
        f"{last} (the district level ceased on 1 July 2025); name the commune; "
        "row left out of the figures"
    )


def _problems(
    rows: pd.DataFrame,
    table: str,
    severity: str,
    msg: str,
    check: str,
    value: pd.Series | None = None,
) -> list[Problem]:
    return problems_for_rows(
        rows,
        table,
        "commune",
        severity,  # type: ignore[arg-type]
        msg,
        rows["commune"] if value is None else value,
        check=check,
    )


def in_units_of(frame: pd.DataFrame, year: int) -> pd.DataFrame:
    """``frame`` (rows with year and commune) with each earlier row's commune replaced by
    the unit valid in ``year`` its area now belongs to (Hàm Minh 2024 → Hàm Thuận Nam for
    2025), so a successor's history reads as one unit: household ids are stable across the
    merger. Rows already in units of ``year``, and rows of units with no successor then,
    stay as they are. No copy when nothing changes."""
    earlier = frame["year"] < year
    if not earlier.any():
        return frame
    pairs = frame.loc[earlier, ["year", "commune"]].drop_duplicates()
    rename: dict[tuple[int, str], str] = {}
    for y, name in zip(pairs["year"], pairs["commune"], strict=True):
        if name is None or pd.isna(name):
            continue
        unit = domain.unit_in_year(name, int(y))
        later = domain.successor_in(unit, year) if unit is not None else None
        if later is not None and later.name != name:
            rename[(int(y), name)] = later.name
    return _renamed(frame, rename)


def _renamed(frame: pd.DataFrame, rename: dict[tuple[int, str], str]) -> pd.DataFrame:
    """``frame`` with the commune of the rows of each (year, name) of ``rename`` replaced
    by its new name; ``frame`` itself when there is nothing to rename."""
    if not rename:
        return frame
    communes = frame["commune"].to_numpy(dtype=object, copy=True)
    years = frame["year"].to_numpy()
    for (y, name), new in rename.items():
        communes[(years == y) & (communes == name)] = new
    out = frame.copy(deep=False)
    out["commune"] = communes
    return out


def missing_predecessors(households: pd.DataFrame, year: int) -> dict[str, list[str]]:
    """For each unit reported in ``year`` whose first year it is: the predecessor units
    (history-only ones included) without household rows in ``year`` − 1, so its
    transitions cannot be followed through the whole lineage (unit name → names)."""
    prev = set(households.loc[households["year"] == year - 1, "commune"].dropna())
    out: dict[str, list[str]] = {}
    for unit in domain.units_in_year(year):
        if unit.valid_from != year:
            continue
        lacking = [u.name for u in domain.lineage_in(unit, year - 1) if u.name not in prev]
        if lacking:
            out[unit.name] = lacking
    return out
