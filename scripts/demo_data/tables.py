"""The unit-year tables around the households: population, monitoring visits, targets and
the report settings."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import registry
from .registry import Successor, UnitInfo, UnitParams


def make_population(
    units: list[UnitInfo], params: dict[str, UnitParams] = registry.PARAMS, stream: int = 3
) -> pd.DataFrame:
    """Resident households (the rate denominator) per unit and year 2021–2024."""
    rng = registry.random_stream(stream)
    rows = []
    for u in units:
        p = params[u.name]
        h = float(p.households_2021)
        for year in registry.YEARS:
            if year > registry.YEARS[0]:
                h *= 1 + p.growth + rng.normal(0, 0.002)
            em = round(h * p.em_share * rng.uniform(0.98, 1.02))
            rows.append(
                {
                    "year": year,
                    "commune": u.name,
                    "households": round(h),
                    "ethnic_minority_households": em,
                    "source": registry.SOURCE,
                }
            )
    df = pd.DataFrame(rows)
    return df.sort_values("year", kind="mergesort").reset_index(drop=True)


def make_reform_population(succs: list[Successor], pop: pd.DataFrame) -> pd.DataFrame:
    """Resident households of the successors 2025–2026: about the sum of their predecessors'
    2024 figures (``pop``: the 13 units and the two outside units), growing ~1 % a year."""
    rng = registry.random_stream(19)
    last = pop[pop["year"] == registry.YEARS[-1]].set_index("commune")
    rows = []
    for succ in succs:
        h = float(last.loc[list(succ.predecessors), "households"].sum())
        em_share = last.loc[list(succ.predecessors), "ethnic_minority_households"].sum() / h
        for year in registry.REFORM_YEARS:
            h *= 1 + 0.01 + rng.normal(0, 0.003)
            rows.append(
                {
                    "year": year,
                    "commune": succ.name,
                    "households": round(h),
                    "ethnic_minority_households": round(h * em_share * rng.uniform(0.98, 1.02)),
                    "source": registry.SOURCE,
                }
            )
    df = pd.DataFrame(rows)
    return df.sort_values("year", kind="mergesort").reset_index(drop=True)


def make_reform_targets(
    domain: dict[str, Any],
    succs: list[Successor],
    hh: pd.DataFrame,
    pop: pd.DataFrame,
    ind_cols: list[str],
) -> pd.DataFrame:
    """Targets of the successors (no district target from 2025: the district ceased).
    2025: a little below the lineage's 2024 recorded rate (its predecessors' poor over their
    households). 2026: the first year of the 2026–2030 lines, so the base is a notional one:
    the 2025 reviewed households classed by the 2026 line (2,200,000), over the 2025
    resident households. ``hh``: all rows with a ``_unit`` column (the unit of the lineage)."""
    rng = registry.random_stream(16)
    lineage = {p: s.name for s in succs for p in s.predecessors} | {s.name: s.name for s in succs}
    rows = []
    for year in registry.REFORM_YEARS:
        prev = hh[hh["year"] == year - 1]
        households = pop[(pop["year"] == year - 1) & pop["commune"].isin(lineage)]
        households = households.assign(_u=households["commune"].map(lineage))
        if year == registry.REFORM_YEARS[0]:
            poor = prev["recorded_status"].eq("poor")
            near = prev["recorded_status"].eq("near_poor")
        else:
            new_line = registry.standard_for(domain, year)
            status = [
                registry.registry_status(domain, year, "rural", int(i), int(n))
                for i, n in zip(prev["income_per_capita"], prev[ind_cols].sum(axis=1), strict=True)
            ]
            assert new_line["first_review_year"] == year
            poor = pd.Series([s == "poor" for s in status], index=prev.index)
            near = pd.Series([s == "near_poor" for s in status], index=prev.index)
        n_poor = poor.groupby(prev["_unit"].map(lineage)).sum()
        n_near = near.groupby(prev["_unit"].map(lineage)).sum()
        n_hh = households.groupby("_u")["households"].sum()
        for succ in succs:
            base_p = 100 * n_poor[succ.name] / n_hh[succ.name]
            base_n = 100 * n_near[succ.name] / n_hh[succ.name]
            row = {"year": year, "commune": succ.name}
            rows.append(row | unit_target(rng, base_p, base_n) | {"source": registry.SOURCE})
    return pd.DataFrame(rows)


# Visits to the successor communes (the province's teams): every commune supervised each
# year, two inspections a year. Synthetic, like the findings and the recommendation counts.
MONITORING_REFORM: list[tuple[str, str, str, list[str]]] = [
    ("2025-10-14", "Hàm Thuận Nam", "supervision", ["communication_weak"]),
    ("2025-10-16", "Hàm Thạnh", "supervision", ["no_joint_plan", "scoring_forms_incomplete"]),
    ("2025-10-21", "Hàm Kiệm", "supervision", ["dependency_mindset"]),
    ("2025-10-23", "Tân Thành", "supervision", ["vocational_coordination_weak"]),
    ("2025-10-28", "Tân Lập", "supervision", ["no_joint_plan"]),
    ("2025-10-30", "Tuyên Quang", "supervision", []),
    ("2025-12-02", "Hàm Thạnh", "inspection", ["scoring_forms_incomplete"]),
    ("2025-12-04", "Tân Lập", "inspection", ["scoring_forms_incomplete", "communication_weak"]),
    ("2026-09-15", "Hàm Thuận Nam", "supervision", ["scoring_forms_incomplete"]),
    ("2026-09-17", "Hàm Thạnh", "supervision", ["scoring_forms_incomplete", "communication_weak"]),
    ("2026-09-22", "Hàm Kiệm", "supervision", ["training_needs_unrealistic"]),
    ("2026-09-24", "Tân Thành", "supervision", []),
    ("2026-09-29", "Tân Lập", "supervision", ["dependency_mindset"]),
    ("2026-10-01", "Tuyên Quang", "supervision", ["communication_weak", "no_joint_plan"]),
    ("2026-11-03", "Hàm Kiệm", "inspection", ["scoring_forms_incomplete"]),
    ("2026-11-05", "Tuyên Quang", "inspection", ["scoring_forms_incomplete"]),
]


def make_reform_monitoring(succs: list[Successor]) -> pd.DataFrame:
    """The visits of 2025 and 2026 with synthetic recommendation counts (few resolved yet
    in 2026: the review is being finished)."""
    rng = registry.random_stream(15)
    share = {2025: 0.6, 2026: 0.2}
    rows = [visit_row(rng, int(v[0][:4]), v, share[int(v[0][:4])]) for v in MONITORING_REFORM]
    return sort_visits(pd.DataFrame(rows), [s.name for s in succs])


MONITORING_2023: list[tuple[str, str, str, list[str]]] = [
    # (date, commune, kind, findings) — 13 supervision visits, 3 inspections
    ("2023-09-12", "Thuận Nam", "supervision", ["communication_weak"]),
    ("2023-09-14", "Hàm Cần", "supervision", ["dependency_mindset", "scoring_forms_incomplete"]),
    ("2023-09-19", "Hàm Cường", "supervision", ["no_joint_plan"]),
    (
        "2023-09-21",
        "Hàm Kiệm",
        "supervision",
        ["scoring_forms_incomplete", "vocational_coordination_weak"],
    ),
    ("2023-09-26", "Hàm Minh", "supervision", ["communication_weak", "training_needs_unrealistic"]),
    ("2023-09-28", "Hàm Mỹ", "supervision", []),
    ("2023-10-03", "Hàm Thạnh", "supervision", ["scoring_forms_incomplete"]),
    ("2023-10-05", "Mương Mán", "supervision", ["dependency_mindset", "communication_weak"]),
    ("2023-10-10", "Mỹ Thạnh", "supervision", ["dependency_mindset", "no_joint_plan"]),
    ("2023-10-12", "Tân Lập", "supervision", ["vocational_coordination_weak"]),
    ("2023-10-17", "Tân Thành", "supervision", ["training_needs_unrealistic"]),
    ("2023-10-19", "Tân Thuận", "supervision", ["scoring_forms_incomplete", "dependency_mindset"]),
    ("2023-10-24", "Thuận Quý", "supervision", ["no_joint_plan"]),
    ("2023-11-07", "Mỹ Thạnh", "inspection", ["scoring_forms_incomplete", "communication_weak"]),
    ("2023-11-09", "Hàm Cần", "inspection", ["scoring_forms_incomplete", "no_joint_plan"]),
    (
        "2023-11-14",
        "Hàm Thạnh",
        "inspection",
        ["scoring_forms_incomplete", "vocational_coordination_weak"],
    ),
]


def make_monitoring(units: list[UnitInfo], codes: list[str]) -> pd.DataFrame:
    """Supervision and inspection visits; 2023 as published, other years plausible."""
    rng = registry.random_stream(5)
    names = [u.name for u in units]
    rows: list[dict[str, Any]] = []
    plan = {2021: (4, 0), 2022: (7, 2), 2024: (9, 2)}
    for year in registry.YEARS:
        if year == 2023:
            visits = [(d, c, k, f) for d, c, k, f in MONITORING_2023]
        else:
            n_sup, n_insp = plan[year]
            visits = []
            for kind, n in (("supervision", n_sup), ("inspection", n_insp)):
                chosen = sorted(rng.choice(len(names), size=n, replace=False))
                for i in chosen:
                    month = int(
                        rng.integers(9, 12) if kind == "supervision" else rng.integers(11, 13)
                    )
                    day = int(rng.integers(1, 29))
                    k = int(rng.choice([0, 1, 2], p=[0.25, 0.5, 0.25]))
                    f = sorted(rng.choice(codes, size=k, replace=False).tolist())
                    visits.append((f"{year}-{month:02d}-{day:02d}", names[i], kind, f))
        share = {2021: 1.0, 2022: 0.9, 2023: 0.7, 2024: 0.4}[year]
        rows += [visit_row(rng, year, visit, share) for visit in visits]
    return sort_visits(pd.DataFrame(rows), names)


def visit_row(
    rng: np.random.Generator, year: int, visit: tuple[str, str, str, list[str]], share: float
) -> dict[str, Any]:
    """A visit with its recommendations (one per finding, sometimes one more) and how many
    of them were resolved (each with chance ``share``)."""
    date, commune, kind, found = visit
    recs = len(found) + int(rng.integers(0, 2))
    resolved = int(rng.binomial(recs, share)) if recs else 0
    return {
        "year": year,
        "date": date,
        "commune": commune,
        "kind": kind,
        "findings": ";".join(found),
        "recommendations": recs,
        "recommendations_resolved": resolved,
        "source": registry.SOURCE,
    }


def sort_visits(df: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """Visits by year, supervision before inspection, unit order (``names``), date."""
    df = df.assign(_k=df["kind"].map({"supervision": 0, "inspection": 1}))
    return registry.in_unit_order(df, names, ["year", "_k", "_o", "date"]).drop(columns="_k")


def official_rates(hh: pd.DataFrame, pop: pd.DataFrame) -> pd.DataFrame:
    """Poor and near-poor rates (percent of resident households) by recorded status."""
    counts = (
        hh.assign(poor=hh["recorded_status"].eq("poor"), near=hh["recorded_status"].eq("near_poor"))
        .groupby(["year", "commune"], sort=False)[["poor", "near"]]
        .sum()
        .reset_index()
    )
    m = pop.merge(counts, on=["year", "commune"], how="left").fillna({"poor": 0, "near": 0})
    m["poor_rate"] = 100 * m["poor"] / m["households"]
    m["near_rate"] = 100 * m["near"] / m["households"]
    return m


def unit_target(rng: np.random.Generator, base_p: float, base_n: float) -> dict[str, float]:
    """A unit's targets: about a quarter below its base poor rate (0.3–1.5 points) and a
    tenth below its near-poor rate (0.2–0.8 points), percent."""
    drop_p = min(1.5, max(0.3, 0.25 * base_p)) * rng.uniform(0.85, 1.15)
    drop_n = min(0.8, max(0.2, 0.1 * base_n)) * rng.uniform(0.85, 1.15)
    return {
        "poverty_rate_target": round(max(0.3, base_p - drop_p), 2),
        "near_poor_rate_target": round(max(0.5, base_n - drop_n), 2),
    }


def make_targets(units: list[UnitInfo], hh: pd.DataFrame, pop: pd.DataFrame) -> pd.DataFrame:
    """Plan targets: a little below the previous year's rate (2021: a notional 2020 base)."""
    rng = registry.random_stream(6)
    rates = official_rates(hh, pop)
    dist = rates.groupby("year")[["poor", "near", "households"]].sum()
    rows = []
    for year in registry.YEARS:
        prev = year - 1 if year > registry.YEARS[0] else year
        # notional 2020 rate = 2021 rate + 0.8 point
        bump = 0.0 if year > registry.YEARS[0] else 0.8
        pr = 100 * dist.loc[prev, "poor"] / dist.loc[prev, "households"] + bump
        nr = 100 * dist.loc[prev, "near"] / dist.loc[prev, "households"] + 0.4 * bump
        rows.append(
            {
                "year": year,
                "commune": "",
                "poverty_rate_target": round(pr - 1.0, 2),
                "near_poor_rate_target": round(nr - 0.4, 2),
            }
        )
        for u in units:
            r = rates[(rates["year"] == prev) & (rates["commune"] == u.name)].iloc[0]
            base_p = r["poor_rate"] + bump * 0.25 * r["poor_rate"]
            base_n = r["near_rate"] + bump * 0.1 * r["near_rate"]
            rows.append({"year": year, "commune": u.name} | unit_target(rng, base_p, base_n))
    df = pd.DataFrame(rows)
    df["source"] = registry.SOURCE
    return df


def make_settings(units: list[UnitInfo]) -> pd.DataFrame:
    """The form's deployment data for every demo report: synthetic, and marked so in the
    signer's name. Document numbers and dates are left empty for the office to fill in."""
    rows = []
    for year in registry.YEARS:
        for unit in [None, *units]:
            rows.append(
                {
                    "year": year,
                    "commune": "" if unit is None else unit.name,
                    "number": "",
                    "date": "",
                    "signer_title": "TM. ỦY BAN NHÂN DÂN;KT. CHỦ TỊCH;PHÓ CHỦ TỊCH",
                    "signer_name": "Nguyễn Văn A (tên minh họa)",
                    "recipients": (
                        "- UBND tỉnh Bình Thuận (b/c);- Sở LĐ-TB&XH tỉnh (b/c);"
                        "- TT. Huyện ủy, TT. HĐND huyện (b/c);- Lưu: VT."
                        if unit is None
                        else "- UBND huyện Hàm Thuận Nam (b/c);- Phòng LĐ-TB&XH huyện;- Lưu: VT."
                    ),
                    "area": "huyện Hàm Thuận Nam, tỉnh Bình Thuận",
                    "source": registry.SOURCE,
                }
            )
    return pd.DataFrame(rows)


def make_reform_settings(succs: list[Successor]) -> pd.DataFrame:
    """The form's data of the successors' reports: issued by the commune's People's
    Committee (two tiers: to the province), place = the commune. Synthetic signer."""
    rows = []
    for year in registry.REFORM_YEARS:
        for succ in succs:
            rows.append(
                {
                    "year": year,
                    "commune": succ.name,
                    "issuing_body": f"ỦY BAN NHÂN DÂN;{succ.kind.upper()} {succ.name.upper()}",
                    "number": "",
                    "place": succ.name,
                    "date": "",
                    "signer_title": "TM. ỦY BAN NHÂN DÂN;KT. CHỦ TỊCH;PHÓ CHỦ TỊCH",
                    "signer_name": "Nguyễn Văn A (tên minh họa)",
                    "recipients": (
                        "- UBND tỉnh Lâm Đồng (b/c);- Sở Nông nghiệp và Môi trường tỉnh (b/c);"
                        "- TT. Đảng ủy, TT. HĐND xã (b/c);- Lưu: VT."
                    ),
                    "area": "tỉnh Lâm Đồng",
                    "source": registry.SOURCE,
                }
            )
    return pd.DataFrame(rows)


def make_units_table(domain: dict[str, Any]) -> pd.DataFrame:
    """The demo's units table (data/raw/units.csv): what the national registry cannot know
    of the story's units. The township's urban line (up to 2024); for each successor
    commune its legal basis (Resolution 1671/NQ-UBTVQH15, the clause), its predecessors in
    the resolution's order (the registry has the same units) and its line, marked
    unverified where the story's registry says so."""
    rows = []
    for u in domain["units"]:
        if u.get("valid_from") is None and u["kind"] != "thị trấn":
            continue
        new = u.get("valid_from") is not None
        urban = "1" if u["area"] == "urban" else "0"
        rows.append(
            {
                "unit": u["name"],
                "code": u["codes"][0],
                "kind": u["kind"],
                "parent": f"tỉnh {domain['province']['name']}"
                if new
                else f"huyện {domain['district']['name']}",
                "valid_from": u.get("valid_from", ""),
                "valid_to": u.get("valid_to", ""),
                "predecessors": "; ".join(u.get("predecessors", [])),
                "urban": urban if u.get("area_verified", True) else f"{urban} (chưa xác minh)",
                "villages": "",
                "basis": f"Nghị quyết 1671/NQ-UBTVQH15, Điều 1, khoản {u['clause']}" if new else "",
                "source": registry.SOURCE,
            }
        )
    return pd.DataFrame(rows)
