"""The start of a new standard's first year, recomputed under it.

The first review under a new poverty standard (end of 2026 for Decree 351/2025) sets the
period's baseline: no change is computed against the year before, whose lists were drawn
under the old standard. Where the data allow, the previous year's review list can be
classified again under the new standard — income and deprivations as recorded then, the new
lines and indicator count — and shown as such, labelled: it says how many households of last
year's list the new standard would have counted poor or near-poor, a start of the year "under
the new standard". It covers only the households reviewed last year, never the unit's whole
population, and it is never the official list.
"""

from __future__ import annotations

from reportkit import domain
from reportkit.data import registry
from reportkit.data.classify import STATUS_CODES, classify_arrays, deprivation_count, urban_rows
from reportkit.data.crosswalk import in_units_of
from reportkit.data.prepare import Dataset


def start_under_new_standard(
    data: Dataset, year: int, units: tuple[str, ...] | None, flag: str | None = None
) -> dict[str, int] | None:
    """Households of ``year`` − 1's review list (of ``units``, by their names in ``year``;
    None = every unit reported in ``year``) that ``year``'s standard classes poor and
    near-poor: {"reviewed", "poor", "near_poor"}; only households with ``flag`` == 1 when
    given (e.g. "ethnic_minority"). None when the data hold no list for ``year`` − 1.

    The previous year's rows are taken in the units of ``year`` (a successor's lineage), so
    their area (urban or rural line) is the one of their unit in ``year``."""
    hh = in_units_of(data.households, year)
    names = units if units is not None else tuple(u.name for u in registry.units_in_year(year))
    prev = hh.loc[(hh["year"] == year - 1) & hh["commune"].isin(names)]
    if flag is not None:
        prev = prev.loc[prev[flag].fillna(0) == 1]
    if prev.empty:
        return None
    standard = domain.standard_for_year(year)
    as_now = prev.assign(year=year)
    codes = classify_arrays(
        as_now["income_per_capita"].to_numpy(dtype=float),
        deprivation_count(as_now, standard.indicators or None).to_numpy(),
        urban_rows(as_now),
        standard,
    )
    status = STATUS_CODES[codes]
    return {
        "reviewed": len(prev),
        "poor": int((status == "poor").sum()),
        "near_poor": int((status == "near_poor").sum()),
    }
