"""Series across the 2025 merger.

A successor commune's figures for a year before it existed are the sum of the units its
area was in then (its lineage: Tân Lập 2023 = Tân Lập + Sông Phan), so its trend runs from
2021 to now with the boundary change marked. The former area (a district, up to 2024)
keeps the comparison it used to make: its total up to 2024, the sum of the units that took
its units in from 2025 — which may include areas from outside it, so the two periods differ
by those areas (the ``outside`` column says so).
"""

from __future__ import annotations

import pandas as pd

from reportkit import domain
from reportkit.data import registry
from reportkit.data.prepare import Dataset
from reportkit.figures import indicators


def unit_row(data: Dataset, unit: domain.Unit, year: int) -> pd.Series | None:
    """``unit``'s household figures in ``year``: its own row when it is valid then, else
    the sum over its lineage (null wherever a part lacks data; ``predecessors`` names the
    parts, ``missing_tables`` what any of them lacks). None before its lineage starts."""
    parts = registry.lineage_in(unit, year)
    if not parts:
        return None
    frame = indicators.household_figures(data, year, parts)
    if parts == (unit,):
        return frame.iloc[0]
    return _summed(frame, year, unit.name, ";".join(p.name for p in parts))


def area_parts(data: Dataset, report_year: int, year: int) -> tuple[domain.Unit, ...]:
    """The units whose rows make up, in an earlier ``year``, the land of the units the area
    report of ``report_year`` covers (:func:`indicators.participating`), in registry order."""
    parts: dict[str, domain.Unit] = {}
    for unit in indicators.participating(data, report_year):
        for part in registry.lineage_in(unit, year):
            parts.setdefault(part.name, part)
    return tuple(parts.values())


def area_row(data: Dataset, report_year: int, year: int) -> pd.Series | None:
    """The figures, in an earlier ``year`` of another area (before the reform), of the
    land the area report of ``report_year`` covers: the sum over :func:`area_parts`, so a
    province's 2025 report compares with the same land in 2024. None without parts."""
    parts = area_parts(data, report_year, year)
    if not parts:
        return None
    frame = indicators.household_figures(data, year, parts)
    return _summed(frame, year, None, ";".join(p.name for p in parts))


def former_area() -> registry.Area | None:
    """The area reported on in the last review year before the reform (None: none named)."""
    return registry.area_for(domain.reform_first_year() - 1)


def former_district(data: Dataset, until: int | None = None) -> pd.DataFrame:
    """The area reported on before the 2025 reform (a district, or a province), followed
    across it: one row per review year of the data (up to ``until``), its own total before
    the reform, the sum of the units that took in its units from then on. ``outside`` names
    the areas from outside it that a year's figures include (";"-joined), and ``units`` the
    units summed. No rows when no area is named before the reform."""
    rows = []
    reform = domain.reform_first_year()
    years = [y for y in data.years() if until is None or y <= until]
    for year in years if former_area() is not None else []:
        if year < reform:
            if not registry.has_area(year):
                continue
            frame = indicators.household_figures(data, year)
            row = frame.loc[frame["commune"].isna()].iloc[0].copy()
            names = [u.name for u in indicators.participating(data, year)]
            row["predecessors"] = ";".join(names)
            row["outside"] = None
        else:
            units = successors_of_former(year)
            if not units:
                continue
            frame = indicators.household_figures(data, year, units)
            row = _summed(frame, year, None, ";".join(u.name for u in units))
            row["outside"] = ";".join(outside_areas(year)) or None
        rows.append(row)
    if not rows:
        return pd.DataFrame(columns=[*indicators.FIGURE_COLUMNS, "outside"]).rename(
            columns={"predecessors": "units"}
        )
    out = pd.DataFrame(rows).reset_index(drop=True).rename(columns={"predecessors": "units"})
    out = out.astype({c: "Int64" for c in indicators.COUNT_COLUMNS})
    for col in (
        "commune",
        "units",
        "incomplete",
        "missing_tables",
        "missing_units",
        "outside",
    ):
        out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out


def successors_of_former(year: int) -> tuple[domain.Unit, ...]:
    """The units reported in ``year`` (from the reform) whose area includes a unit of the
    area reported on before the reform."""
    last = domain.reform_first_year() - 1
    return tuple(
        u
        for u in registry.units_in_year(year)
        if any(p.reported for p in registry.lineage_in(u, last))
    )


def outside_areas(year: int) -> list[str]:
    """Units from outside the former area inside the units that took it in, in ``year``:
    "Sông Phan (huyện Hàm Tân)", "Tiến Lợi (thành phố Phan Thiết)"."""
    out = []
    for unit in successors_of_former(year):
        for part in registry.lineage_in(unit, domain.reform_first_year() - 1):
            if part.history_only:
                out.append(f"{part.name} ({part.parent})")
    return out


def _summed(frame: pd.DataFrame, year: int, commune: str | None, parts: str) -> pd.Series:
    rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
    total = indicators.total_row(rows, year)
    missing = sorted(
        {t for r in rows if r["missing_tables"] for t in r["missing_tables"].split(";")}
    )
    total |= {
        "commune": commune,
        "predecessors": parts,
        "missing_tables": ";".join(missing) or None,
    }
    total["poor_rate"] = indicators.percent(total["poor"], total["households"])  # type: ignore[arg-type]
    total["near_poor_rate"] = indicators.percent(total["near_poor"], total["households"])  # type: ignore[arg-type]
    return pd.Series(total, dtype=object).reindex(indicators.FIGURE_COLUMNS)
