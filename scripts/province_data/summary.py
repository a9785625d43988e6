"""The summary the generator prints: rows and bytes per file, the review lists' share of
the resident households, the statuses and the time taken."""

from __future__ import annotations

from pathlib import Path

from .build import ProvinceData
from .units import province_name


def summary(data: ProvinceData, written: list[Path], seconds: float) -> None:
    """Print what was written."""
    hh, pop = data.hh, data.tables["population"]
    n_urban = sum(c.kind == "phường" for c in data.communes)
    print(
        f"synthetic province {province_name(data.province)} (seed {data.seed}):"
        f" {len(data.communes)} communes ({n_urban} phường), years"
        f" {', '.join(map(str, data.years))}, written in {seconds:.1f} s"
    )
    for path in written:
        print(f"  {path.name:<22} {path.stat().st_size / 1024**2:8.2f} MiB")
    reviewed = hh.groupby(["year", "commune"]).size()
    share = reviewed / pop.set_index(["year", "commune"])["households"].loc[reviewed.index]
    print("  year  reviewed  resident  share (min–max)   poor  near-poor  (recorded)")
    for year in data.years:
        y = hh[hh["year"] == year]
        resident = int(pop.loc[pop["year"] == year, "households"].sum())
        s = share.loc[year]
        rec = y["recorded_status"]
        print(
            f"  {year}  {len(y):>8,}  {resident:>8,}  {len(y) / resident:5.1%}"
            f" ({s.min():.1%}–{s.max():.1%})  {int((rec == 'poor').sum()):>5,}"
            f"  {int((rec == 'near_poor').sum()):>9,}"
        )
