"""Units as dated facts: each row's unit is the unit of its name valid in the row's year.

Cleaning matches a typed name to a registry label (units.match_unit); this step dates it. A
name valid in both periods (a commune until 2024 and the commune of the same name it merged
into from 2025) means the unit valid in the row's review year; a code carried by different
units before and after the reform ("#23110") is settled the same way. A row of a later year
that names a former unit (Hàm Minh in 2025) is counted under the successor its area moved
into (the registry's crosswalk): a warning naming both, never fuzzy matching; a former unit
split between several successors goes by the village the units table assigns, or is an
error. A row of a unit outside the area (history-only) counts only where its successor has
data. A name that no unit carries in the row's year (Tuyên Quang in 2023) is an error, and
so is an area-level row of a year without a named area.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from reportkit import domain
from reportkit.data import registry
from reportkit.data.clean import CleanTable
from reportkit.data.problems import Problem, problems_for_rows
from reportkit.data.registry.model import span
from reportkit.data.units import CODE_TOKEN, nearest_unit
from reportkit.domain import Unit


def date_units(t: CleanTable, with_data: frozenset[str] = frozenset()) -> CleanTable:
    """``t`` with each row's commune valid in its year: former units renamed to their
    successor (warning "unit_moved"), rows of units outside the area kept only where a
    successor in ``with_data`` (units with household rows after the reform) needs them
    (else error "bad_unit"), rows naming no unit of their year left out (error
    "unit_not_in_year"; "split_unit" for a split unit's unassigned village), area-level
    rows of a year without an area left out (error "no_district")."""
    df = t.frame
    if "commune" not in df.columns or "year" not in df.columns or df.empty:
        return t
    area_level = domain.tables()[t.name].column("commune").type == "unit_or_district"
    villages = df["village"] if "village" in df.columns else None
    pairs = df[["year", "commune"]].drop_duplicates()
    communes = df["commune"].to_numpy(dtype=object, copy=True)
    problems: list[Problem] = []
    reject = np.zeros(len(df), dtype=bool)
    year_col = df["year"].to_numpy()
    has_year = ~pd.isna(df["year"]).to_numpy()
    for year, name in zip(pairs["year"], pairs["commune"], strict=True):
        if pd.isna(year):
            continue
        year = int(year)
        named = name is not None and not pd.isna(name)
        unit = _dated(name, year) if named else None
        if unit is not None and unit.reported and unit.name == name:
            continue  # already named as the unit of its year: nothing to write
        sel = (year_col == year) & has_year
        if not named:
            if area_level and not registry.has_area(year):
                sel &= df["commune"].isna().to_numpy()
                problems += _problems(df.loc[sel], t.name, "error", _no_area(year), "no_district")
                reject |= sel
            continue
        sel &= (df["commune"] == name).to_numpy(dtype=bool, na_value=False)
        if unit is not None and unit.reported:
            communes[sel] = unit.name
            continue
        if unit is not None:  # outside the area: kept for a successor with data
            if any(s.name in with_data for s in _successors(unit)):
                communes[sel] = unit.name
                continue
            # Named as unknown to the area (no unit's row: the area's reports list it).
            rows = df.loc[sel].assign(commune=None)
            problems += _problems(
                rows, t.name, "error", _outside(unit, year), "bad_unit", df.loc[sel, "commune"]
            )
            reject |= sel
            continue
        former = _former(name, year)
        if former is None:
            problems += _problems(
                df.loc[sel], t.name, "error", _not_in_year(name, year), "unit_not_in_year"
            )
            reject |= sel
            continue
        rows = np.flatnonzero(sel)
        by_village = _by_village(former, year, villages, rows)
        for successor, idx in by_village.items():
            mask = np.zeros(len(df), dtype=bool)
            mask[idx] = True
            if successor is None:
                problems += _problems(
                    df.loc[mask], t.name, "error", _split(former, year), "split_unit"
                )
                reject |= mask
                continue
            communes[mask] = successor.name
            basis = f" ({successor.basis})" if successor.basis else ""
            msg = (
                f"{former.name} was a unit until {former.valid_to}; from "
                f"{successor.valid_from} it is part of {successor.name}{basis}: row counted "
                f"under {successor.name}"
            )
            # Listed under the successor, whose report annexes it; the value keeps the name.
            moved = df.loc[mask].assign(commune=successor.name)
            problems += _problems(
                moved, t.name, "warning", msg, "unit_moved", df.loc[mask, "commune"]
            )
    out = df.copy(deep=False)
    out["commune"] = pd.Series(communes, index=df.index, dtype=object)
    if reject.any():
        out = out.loc[~reject].reset_index(drop=True)
    return CleanTable(t.name, out, t.rejected + int(reject.sum()), t.problems + problems)


def unassigned_villages(households: pd.DataFrame, with_data: frozenset[str]) -> list[Problem]:
    """One error per former unit split between several successors (one with data) and
    year whose household rows name villages the units table assigns to none of them:
    those households are left out of the successors' series (their own unit's figures
    keep them)."""
    reg = registry.current()
    problems: list[Problem] = []
    if households.empty:
        return problems
    for (year, name), rows in households.groupby(["year", "commune"], sort=True):
        unit = reg.unit_in_year(str(name), int(year))
        if unit is None or not reg.is_split(unit):
            continue
        later = reg.successors_of(unit)
        if not any(u.name in with_data for u in later):
            continue
        unplaced = sorted(
            {
                str(v)
                for v in rows["village"].dropna().unique()
                if reg.successor_in(unit, later[0].valid_from or 0, str(v)) is None
            }  # type: ignore[arg-type]
        )
        if not unplaced:
            continue
        parts = ", ".join(u.name for u in later)
        msg = (
            f"{unit.name} ({unit.parent}) was split between {parts} from "
            f"{later[0].valid_from}; the units table (column villages) assigns none of its "
            f"villages {', '.join(unplaced)} to one of them: their households are left out "
            f"of the series of {parts}"
        )
        problems.append(
            Problem(
                "households",
                ", ".join(sorted(set(rows["_file"]))),
                None,
                "village",
                None,
                "error",
                "split_unit",
                msg,
                commune=unit.name,
                year=int(year),
            )
        )
    return problems


def units_with_rows(frame: pd.DataFrame) -> frozenset[str]:
    """Labels of the reported units that rows of ``frame`` (cleaned, not yet dated) name
    in their year: whose former units' rows outside the area count (:func:`date_units`)."""
    if frame.empty or "commune" not in frame.columns:
        return frozenset()
    out = set()
    for year, name in frame[["year", "commune"]].drop_duplicates().itertuples(index=False):
        if pd.isna(year) or name is None or pd.isna(name):
            continue
        unit = _dated(name, int(year))
        if unit is not None and unit.reported:
            out.add(unit.name)
    return frozenset(out)


def _dated(name: str, year: int) -> Unit | None:
    """The unit ``name`` (a label or "#code") names in ``year``."""
    if name.startswith(CODE_TOKEN):
        code = name[len(CODE_TOKEN) :]
        return next((u for u in registry.accepted_units(year) if code in u.codes), None)
    return registry.unit_in_year(name, year)


def _former(name: str, year: int) -> Unit | None:
    """The former unit ``name`` names, ended before ``year`` (the latest such)."""
    if name.startswith(CODE_TOKEN):
        code = name[len(CODE_TOKEN) :]
        cands = [u for u in registry.units() if code in u.codes]
    else:
        cands = list(registry.current().named(name))
    ended = [u for u in cands if u.valid_to is not None and u.valid_to < year]
    ended = [u for u in ended if registry.current().successors_of(u)]
    return ended[-1] if ended else None


def _successors(unit: Unit) -> tuple[Unit, ...]:
    return registry.current().successors_of(unit)


def _by_village(
    former: Unit, year: int, villages: pd.Series | None, rows: np.ndarray
) -> dict[Unit | None, np.ndarray]:
    """Row positions by the successor valid in ``year`` each goes to (None: unassigned)."""
    reg = registry.current()
    if not reg.is_split(former):
        return {reg.successor_in(former, year): rows}
    if villages is None:
        return {reg.successor_in(former, year, None): rows}
    codes, names = pd.factorize(villages.to_numpy(dtype=object)[rows])  # no village: -1
    out: dict[Unit | None, list[np.ndarray]] = {}
    for code, village in [(-1, None), *enumerate(names)]:
        where = rows[codes == code]
        if len(where):
            later = reg.successor_in(former, year, None if village is None else str(village))
            out.setdefault(later, []).append(where)
    return {k: np.sort(np.concatenate(v)).astype(np.int64) for k, v in out.items()}


def _outside(unit: Unit, year: int) -> str:
    """Why a row of a unit outside the area (no successor with data) is left out."""
    area = registry.area_for(year)
    where = area.label if area is not None else "none is named"
    return (
        f"commune: {unit.name} was a unit of {unit.parent} in {year}, outside the area "
        f"({where}), and no unit with data took it in; nearest unit: "
        f"{nearest_unit(unit.name, year)}; row left out of the figures"
    )


def _split(former: Unit, year: int) -> str:
    parts = ", ".join(u.name for u in registry.current().successors_of(former))
    return (
        f"commune: {former.name} ({former.parent}) was split between {parts} from "
        f"{former.valid_to + 1}; the units table (column villages) assigns this row's "  # type: ignore[operator]
        f"village to none of them; row left out of the figures"
    )


def _not_in_year(name: str, year: int) -> str:
    label = name
    if name.startswith(CODE_TOKEN):
        label = f"code {name[len(CODE_TOKEN) :]}"
        periods = [span(u.valid_from, u.valid_to) for u in registry.units() if name[1:] in u.codes]
    else:
        periods = [span(u.valid_from, u.valid_to) for u in registry.current().named(name)]
    return (
        f"{label} is not a unit in {year} (a unit {' and '.join(periods)}); "
        "row left out of the figures"
    )


def _no_area(year: int) -> str:
    named = ", ".join(a.label for a in registry.current().areas) or "none"
    return (
        f"area-level row for {year}: no area is named for {year} (areas named: {named}; "
        "settings column 'area'); name the unit; row left out of the figures"
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
    """``frame`` (rows with year and commune, and village where a unit was split) with
    each earlier row's commune replaced by the unit valid in ``year`` its area now belongs
    to (a merged commune's 2024 rows → its successor for 2025), so a successor's history
    reads as one unit: household ids are stable across the merger. Rows already in units
    of ``year``, rows of units with no successor then, and rows of a split unit's
    unassigned villages stay as they are. No copy when nothing changes."""
    earlier = frame["year"] < year
    if not earlier.any():
        return frame
    reg = registry.current()
    pairs = frame.loc[earlier, ["year", "commune"]].drop_duplicates()
    moving = {}  # (year, name) → the former unit, for the rows whose unit has ended by year
    for y, name in zip(pairs["year"], pairs["commune"], strict=True):
        if name is None or pd.isna(name):
            continue
        unit = reg.unit_in_year(name, int(y))
        if unit is not None and not unit.valid_in(year):
            moving[(y, name)] = unit
    if not moving:
        return frame
    communes: np.ndarray | None = None
    positions = np.flatnonzero(earlier.to_numpy())  # their rows from one grouping
    groups = frame.iloc[positions].groupby(["year", "commune"], sort=False, observed=True).indices
    villages = frame["village"] if "village" in frame.columns else None
    for (y, name), unit in moving.items():
        rows = positions[groups[(y, name)]]
        for later, idx in _by_village(unit, year, villages, rows).items():
            if later is None or later.name == name:
                continue
            if communes is None:
                communes = frame["commune"].to_numpy(dtype=object, copy=True)
            communes[idx] = later.name
    if communes is None:
        return frame
    out = frame.copy(deep=False)
    out["commune"] = pd.Series(communes, index=frame.index, dtype=object)
    return out


def missing_predecessors(households: pd.DataFrame, year: int) -> dict[str, list[str]]:
    """For each unit reported in ``year`` whose first year it is: the predecessor units
    (history-only ones included) without household rows in ``year`` − 1, so its
    transitions cannot be followed through the whole lineage (unit name → names)."""
    prev = set(households.loc[households["year"] == year - 1, "commune"].dropna())
    out: dict[str, list[str]] = {}
    for unit in registry.units_in_year(year):
        if unit.valid_from != year:
            continue
        lacking = [u.name for u in registry.lineage_in(unit, year - 1) if u.name not in prev]
        if lacking:
            out[unit.name] = lacking
    return out
