"""The summary the generator prints: row counts and the figures the README quotes."""

from __future__ import annotations

import pandas as pd

from .build import DemoData
from .registry import REFORM_YEARS, SEED, YEARS
from .tables import official_rates


def summary(data: DemoData) -> None:
    """Print what was written: row counts, the district's figures 2021–2024, the
    successors' figures 2025–2026 and their lineage sums 2021–2026."""
    succs, hh, ohh, rhh, tables = data.succs, data.hh, data.ohh, data.rhh, data.tables
    pop, tr, rtr, lines_2026 = tables["population"], data.tr, data.rtr, data.lines_2026
    print(f"synthetic demo data (seed {SEED}) written")
    counts = {
        "households 2021–2024 (13 units)": len(hh),
        "households 2021–2024 (Sông Phan, Tiến Lợi)": len(ohh),
        "households 2025–2026 (6 communes)": len(rhh),
    } | {name: len(df) for name, df in tables.items()}
    for name, n in counts.items():
        print(f"  {name:<44} {n:>6} rows")
    district_pop = pop[pop["commune"].isin(set(hh["commune"]))]
    rates = official_rates(hh, district_pop).groupby("year")[["poor", "near", "households"]].sum()
    rule = hh.groupby("year")["rule_status"].value_counts().unstack()
    print("  district   reviewed  poor(rec) near(rec)  poor(rule) near(rule)  poor rate")
    for year in YEARS:
        r = rates.loc[year]
        print(
            f"  {year}      {int((hh['year'] == year).sum()):>7}  {int(r['poor']):>9}"
            f" {int(r['near']):>9}  {int(rule.loc[year, 'poor']):>10}"
            f" {int(rule.loc[year, 'near_poor']):>10}"
            f"  {100 * r['poor'] / r['households']:>8.2f}%"
        )
    print("  transitions (rule status, district):")
    print(
        tr.groupby("year")[["escaped", "removed", "fell_back", "new_poor"]]
        .sum()
        .to_string()
        .replace("\n", "\n    ")
        .join(["    ", ""])
    )
    print("  outside units (history only), recorded poor / near-poor / reviewed:")
    o = ohh.groupby(["commune", "year"])["recorded_status"].value_counts().unstack()
    n = ohh.groupby(["commune", "year"]).size()
    for (unit, year), r in o.iterrows():
        poor, near = int(r["poor"]), int(r["near_poor"])
        print(f"    {unit:<10} {year}  {poor:>4} / {near:>4} / {n[(unit, year)]:>4}")

    print("  successors: reviewed, recorded poor / near-poor (rule in brackets), poor rate")
    for year in REFORM_YEARS:
        y = rhh[rhh["year"] == year]
        for succ in succs:
            m = y[y["_unit"] == succ.name]
            households = int(
                pop[(pop["year"] == year) & (pop["commune"] == succ.name)]["households"].iloc[0]
            )
            rec, rul = m["recorded_status"], m["rule_status"]
            print(
                f"    {year} {succ.name:<14} {len(m):>4}  {int((rec == 'poor').sum()):>4}"
                f" ({int((rul == 'poor').sum()):>4}) / {int((rec == 'near_poor').sum()):>4}"
                f" ({int((rul == 'near_poor').sum()):>4})"
                f"  {100 * (rec == 'poor').sum() / households:5.2f}% of {households}"
            )
    print("  lineage sums (recorded poor / near-poor / resident households; before 2025 the")
    print("  sum of the predecessors, Sông Phan and Tiến Lợi included):")
    everything = pd.concat(
        [hh, ohh, rhh.drop(columns="commune").rename(columns={"_unit": "commune"})]
    )
    succ_of = {p: s.name for s in succs for p in s.predecessors}
    lineage = lambda c, y: c if y >= REFORM_YEARS[0] else succ_of[c]  # noqa: E731
    everything["_l"] = [
        lineage(c, y) for c, y in zip(everything["commune"], everything["year"], strict=True)
    ]
    lp = pop.assign(_l=[lineage(c, y) for c, y in zip(pop["commune"], pop["year"], strict=True)])
    for succ in succs:
        cells = []
        for year in (*YEARS, *REFORM_YEARS):
            m = everything[(everything["year"] == year) & (everything["_l"] == succ.name)]
            h = int(lp[(lp["year"] == year) & (lp["_l"] == succ.name)]["households"].sum())
            rec = m["recorded_status"]
            cells.append(
                f"{year}: {int((rec == 'poor').sum())}/{int((rec == 'near_poor').sum())}/{h}"
            )
        print(f"    {succ.name:<14} " + "  ".join(cells))
    print("  transitions 2025–2026 through the lineage (rule status):")
    print(rtr.to_string(index=False).replace("\n", "\n    ").join(["    ", ""]))
    typed = rhh[rhh["commune"] != rhh["_unit"]].groupby("commune").size()
    print(
        "  2025 rows typed with a former unit's name: "
        + ", ".join(f"{k} {v}" for k, v in typed.items())
    )
    y26 = rhh[rhh["year"] == REFORM_YEARS[1]]
    at = [int((y26["income_per_capita"] == line).sum()) for line in lines_2026]
    print(
        f"  2026 incomes exactly {lines_2026[0]:,}: {at[0]} rows; exactly {lines_2026[1]:,}:"
        f" {at[1]} rows ({int(rhh['_boundary'].sum())} placed there on purpose)"
    )
    t24 = hh[(hh["year"] == YEARS[-1]) & (hh["commune"] == "Thuận Nam")]
    y25 = rhh[(rhh["year"] == REFORM_YEARS[0]) & rhh["household_id"].isin(t24["household_id"])]
    between = y25[(y25["income_per_capita"] > 1_500_000) & (y25["income_per_capita"] <= 2_000_000)]
    print(
        f"  former township households in 2025 between the rural and the urban line"
        f" (1.5–2.0 M): {len(between)} (poor/near-poor were the urban line applied)"
    )
    mism = rhh.groupby("year")["_intended"].sum()
    print("  deliberate status mismatches: " + ", ".join(f"{y} {int(v)}" for y, v in mism.items()))
