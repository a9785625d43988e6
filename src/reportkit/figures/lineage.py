"""Series across the 2025 merger.

A successor commune's figures for a year before it existed are the sum of the units its
area was in then (its lineage: Tân Lập 2023 = Tân Lập + Sông Phan), so its trend runs from
2021 to now with the boundary change marked. The former district's area keeps the
comparison the district used to make: the district total up to 2024, the six successor
communes' sum from 2025 — which includes Sông Phan (Hàm Tân) and Tiến Lợi (Phan Thiết), so
the two periods differ by those areas (the ``outside`` column says so).
"""

from __future__ import annotations

import pandas as pd

from reportkit import domain
from reportkit.data.prepare import Dataset
from reportkit.figures import indicators


def unit_row(data: Dataset, unit: domain.Unit, year: int) -> pd.Series | None:
    """``unit``'s household figures in ``year``: its own row when it is valid then, else
    the sum over its lineage (null wherever a part lacks data; ``predecessors`` names the
    parts, ``missing_tables`` what any of them lacks). None before its lineage starts."""
    parts = domain.lineage_in(unit, year)
    if not parts:
        return None
    frame = indicators.household_figures(data, year, parts)
    if parts == (unit,):
        return frame.iloc[0]
    return _summed(frame, year, unit.name, ";".join(p.name for p in parts))


def former_district(data: Dataset, until: int | None = None) -> pd.DataFrame:
    """The former district's area, one row per review year of the data (up to ``until``):
    the district's own total up to 2024, the sum of the units reported from 2025.
    ``outside`` names the areas from outside the former district a year's figures include
    (";"-joined), and ``units`` the units summed."""
    rows = []
    for year in [y for y in data.years() if until is None or y <= until]:
        frame = indicators.household_figures(data, year)
        if domain.has_district(year):
            row = frame.loc[frame["commune"].isna()].iloc[0].copy()
            row["predecessors"] = ";".join(u.name for u in domain.units_in_year(year))
            row["outside"] = None
        else:
            names = ";".join(u.name for u in domain.units_in_year(year))
            row = _summed(frame, year, None, names)
            row["outside"] = ";".join(outside_areas(year)) or None
        rows.append(row)
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


def outside_areas(year: int) -> list[str]:
    """Units from outside the former district inside the units reported in ``year``:
    "Sông Phan (Hàm Tân)", "Tiến Lợi (Phan Thiết)" from 2025."""
    out = []
    for unit in domain.units_in_year(year):
        for part in domain.lineage_in(unit, domain.district()["last_review_year"]):
            if part.former_district:
                out.append(f"{part.name} ({part.former_district})")
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
