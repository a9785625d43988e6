"""The official figures, per unit × year and for the district.

All counts use the commune's approved status (``recorded_status``, kết quả phân loại);
``rule_status`` is only compared with it (status_mismatches). Rates are per 100 resident
households of the unit (population table), as the review summary requires, rounded half
up to 2 decimals.

The review summary against the previous year follows each household's history within its
unit (key: unit + household id), so for every unit, village and subgroup it holds that
poor = poor_start − escaped − removed + fell_back + new_poor:
- poor_start: poor in the previous year (đầu kỳ);
- escaped (thoát nghèo): poor last year, reviewed this year, not poor now;
- removed: poor last year, absent from this year's review (moved, died, merged);
- fell_back (tái nghèo): poor now, not poor last year, poor in some earlier year;
- new_poor (phát sinh): poor now, never recorded poor before.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from reportkit import domain
from reportkit.prepare import Dataset

TRANSITIONS = ["poor_start", "escaped", "removed", "fell_back", "new_poor"]
HOUSEHOLD_COLUMNS = [
    "year",
    "commune",
    "households",
    "reviewed",
    "poor",
    "near_poor",
    "average",
    "poor_rate",
    "near_poor_rate",
    "status_mismatches",
    *TRANSITIONS,
]


def percent(part: float | None, whole: float | None) -> float | None:
    """100 · part / whole rounded half up to 2 decimals; None when undefined."""
    if part is None or whole is None or pd.isna(part) or pd.isna(whole) or whole == 0:
        return None
    q = Decimal(repr(float(part))) * 100 / Decimal(repr(float(whole)))
    return float(q.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _year_rows(df: pd.DataFrame, year: int) -> pd.DataFrame:
    return df.loc[df["year"] == year]


def review_summary(
    households: pd.DataFrame,
    year: int,
    by: list[str],
    baseline: pd.DataFrame | None = None,
    groups: pd.Index | None = None,
) -> pd.DataFrame:
    """Transition counts for ``year`` grouped by ``by`` (e.g. ["commune"] or ["village"]).

    A group is reported with zeros where nothing happened, and with nulls where it has
    no rows at all in the previous year of ``baseline`` (default: ``households``), since
    then there is no list to compare with. ``groups`` fixes the index (default: groups
    seen in either year)."""
    key = [*by, "household_id"]
    base = households if baseline is None else baseline
    status = households[[*key, "year", "recorded_status"]]
    is_poor = status["recorded_status"] == "poor"
    cur = status.loc[status["year"] == year]
    prev_poor = status.loc[is_poor & (status["year"] == year - 1), key]
    older_poor = status.loc[is_poor & (status["year"] < year - 1), key]
    cur_poor = cur.loc[cur["recorded_status"] == "poor", key]

    # Where last year's poor are now: absent (removed) or not poor (escaped).
    now = prev_poor.merge(cur[[*key, "recorded_status"]], on=key, how="left")["recorded_status"]
    removed = now.isna().to_numpy()
    escaped = (~removed) & (now != "poor").to_numpy()
    # Where this year's poor come from: not poor last year, and poor before or never.
    arrived = ~_member(cur_poor, prev_poor, key)
    was_older = _member(cur_poor, older_poor, key)
    parts = {
        "poor_start": _count(prev_poor, by, np.ones(len(prev_poor), dtype=bool)),
        "escaped": _count(prev_poor, by, escaped),
        "removed": _count(prev_poor, by, removed),
        "fell_back": _count(cur_poor, by, arrived & was_older),
        "new_poor": _count(cur_poor, by, arrived & ~was_older),
    }
    if groups is None:
        seen = status.loc[status["year"].isin([year, year - 1]), by].drop_duplicates()
        groups = pd.MultiIndex.from_frame(seen) if len(by) > 1 else pd.Index(seen[by[0]])
    out = pd.DataFrame(parts).reindex(groups).fillna(0).astype("Int64")
    prev_rows = base.loc[base["year"] == year - 1, by].drop_duplicates()
    with_baseline = (
        pd.MultiIndex.from_frame(prev_rows) if len(by) > 1 else pd.Index(prev_rows[by[0]])
    )
    out.loc[~out.index.isin(with_baseline), :] = pd.NA
    out.index.names = by
    return out.sort_index()[TRANSITIONS]


def _count(rows: pd.DataFrame, by: list[str], mask: np.ndarray) -> pd.Series:
    return pd.Series(mask, index=rows.index).groupby([rows[b] for b in by]).sum()


def _member(rows: pd.DataFrame, pool: pd.DataFrame, key: list[str]) -> np.ndarray:
    if rows.empty:
        return np.zeros(0, dtype=bool)
    mark = pool[key].drop_duplicates().assign(_hit=True)
    hit = rows[key].merge(mark, on=key, how="left")["_hit"]
    return hit.fillna(False).to_numpy(dtype=bool)


def household_figures(data: Dataset, year: int) -> pd.DataFrame:
    """One row per registry unit (registry order) that has data in ``year``, then the
    district total (commune None). Columns: HOUSEHOLD_COLUMNS."""
    hh = data.households
    cur = _year_rows(hh, year)
    pop = _year_rows(data["population"], year).set_index("commune")["households"]
    counts = (
        cur.groupby(["commune", "recorded_status"], observed=True)
        .size()
        .unstack(fill_value=0)
        .reindex(columns=list(domain.STATUSES), fill_value=0)
    )
    mismatch = (
        (cur["recorded_status"].astype(str) != cur["rule_status"].astype(str))
        .groupby(cur["commune"])
        .sum()
    )
    trans = review_summary(hh, year, ["commune"])
    rows = []
    for unit in domain.unit_names():
        if unit not in counts.index and unit not in pop.index:
            continue
        c = counts.loc[unit] if unit in counts.index else pd.Series(0, index=list(domain.STATUSES))
        row = {
            "year": year,
            "commune": unit,
            "households": _int_or_none(pop.get(unit)),
            "reviewed": int(c.sum()),
            "poor": int(c["poor"]),
            "near_poor": int(c["near_poor"]),
            "average": int(c["average"]),
            "status_mismatches": int(mismatch.get(unit, 0)),
        }
        for t in TRANSITIONS:
            v = trans.at[unit, t] if unit in trans.index else pd.NA
            row[t] = None if pd.isna(v) else int(v)
        rows.append(row)
    total: dict[str, object] = {"year": year, "commune": None}
    for col in [
        "households",
        "reviewed",
        "poor",
        "near_poor",
        "average",
        "status_mismatches",
        *TRANSITIONS,
    ]:
        vals = [r[col] for r in rows]
        total[col] = None if not vals or any(v is None for v in vals) else int(sum(vals))  # type: ignore[arg-type]
    rows.append(total)
    for r in rows:
        r["poor_rate"] = percent(r["poor"], r["households"])  # type: ignore[arg-type]
        r["near_poor_rate"] = percent(r["near_poor"], r["households"])  # type: ignore[arg-type]
    return _null_commune(pd.DataFrame(rows, columns=HOUSEHOLD_COLUMNS))


def _null_commune(frame: pd.DataFrame, columns: tuple[str, ...] = ("commune",)) -> pd.DataFrame:
    """Missing values of text columns as None (JSON null; district-level rows)."""
    for col in columns:
        s = frame[col].astype(object)
        frame[col] = s.where(s.notna(), None)
    return frame


def _int_or_none(v: object) -> int | None:
    return None if v is None or pd.isna(v) else int(v)  # type: ignore[call-overload]


def village_summary(data: Dataset, year: int, commune: str) -> pd.DataFrame:
    """Per village of one unit: reviewed, poor, near-poor and the review summary."""
    hh = data.households
    unit_rows = hh.loc[hh["commune"] == commune]
    cur = _year_rows(unit_rows, year)
    counts = (
        cur.groupby(["village", "recorded_status"], observed=True)
        .size()
        .unstack(fill_value=0)
        .reindex(columns=list(domain.STATUSES), fill_value=0)
    )
    out = pd.DataFrame(
        {"reviewed": counts.sum(axis=1), "poor": counts["poor"], "near_poor": counts["near_poor"]}
    )
    trans = review_summary(unit_rows, year, ["village"])
    out = out.join(trans, how="outer")
    out[["reviewed", "poor", "near_poor"]] = out[["reviewed", "poor", "near_poor"]].fillna(0)
    out = out.astype("Int64").sort_index()
    out.index.name = "village"
    return out.reset_index()


def subgroup_figures(data: Dataset, year: int, flag: str) -> pd.DataFrame:
    """Household figures restricted to households with ``flag`` == 1 (e.g. ethnic_minority),
    per unit plus district total: reviewed, poor, near_poor, average and the review summary."""
    hh = data.households
    sub = hh.loc[hh[flag].fillna(0) == 1]
    cur = _year_rows(sub, year)
    counts = (
        cur.groupby(["commune", "recorded_status"], observed=True)
        .size()
        .unstack(fill_value=0)
        .reindex(columns=list(domain.STATUSES), fill_value=0)
        .reindex(domain.unit_names(), fill_value=0)
    )
    out = pd.DataFrame(
        {
            "reviewed": counts.sum(axis=1),
            "poor": counts["poor"],
            "near_poor": counts["near_poor"],
            "average": counts["average"],
        }
    )
    trans = review_summary(sub, year, ["commune"], baseline=hh, groups=out.index)
    out = out.join(trans)
    out = out.astype("Int64")
    total = out.sum(skipna=False).to_frame().T
    out.index.name = "commune"
    out = out.reset_index()
    total.insert(0, "commune", None)
    return _null_commune(pd.concat([out, total.astype("Int64")], ignore_index=True))


def deprivation_profile(data: Dataset, year: int, commune: str | None = None) -> pd.DataFrame:
    """For poor and near-poor households (recorded), per indicator: how many are deprived
    and the share (percent). One row per indicator, registry order; ``commune`` None = district."""
    hh = _year_rows(data.households, year)
    if commune is not None:
        hh = hh.loc[hh["commune"] == commune]
    rows = []
    groups = {
        "poor": hh.loc[hh["recorded_status"] == "poor"],
        "near_poor": hh.loc[hh["recorded_status"] == "near_poor"],
    }
    groups["poor_or_near_poor"] = pd.concat(groups.values())
    for ind in domain.indicators():
        row: dict[str, object] = {"indicator": ind.column, "vi": ind.vi, "en": ind.en}
        for g, frame in groups.items():
            n = int(frame[ind.column].sum()) if len(frame) else 0
            row[f"{g}_deprived"] = n
            row[f"{g}_share"] = percent(n, len(frame))
        rows.append(row)
    return pd.DataFrame(rows)


def mean_deprivations(data: Dataset, year: int, commune: str | None = None) -> dict[str, object]:
    """Households and mean number of deprivations among poor, near-poor and both."""
    hh = _year_rows(data.households, year)
    if commune is not None:
        hh = hh.loc[hh["commune"] == commune]
    out: dict[str, object] = {}
    for g, sel in {
        "poor": hh["recorded_status"] == "poor",
        "near_poor": hh["recorded_status"] == "near_poor",
        "poor_or_near_poor": hh["recorded_status"].isin(["poor", "near_poor"]),
    }.items():
        d = hh.loc[sel, "deprivations"]
        out[f"{g}_households"] = int(len(d))
        out[f"{g}_mean"] = None if d.empty else round(float(d.mean()), 2)
    return out


def budget_figures(data: Dataset, year: int, commune: str | None = None) -> pd.DataFrame:
    """Allocated, disbursed and disbursement rate per unit (None = district level) and
    project line. With ``commune``, only that unit's lines."""
    b = _year_rows(data["budget"], year)
    if commune is not None:
        b = b.loc[b["commune"] == commune]
    g = (
        b.groupby(["commune", "project"], dropna=False, sort=False)[
            ["allocated_vnd", "disbursed_vnd"]
        ]
        .sum()
        .reset_index()
    )
    g = _order_units(g)
    g.insert(0, "year", year)
    g[["allocated_vnd", "disbursed_vnd"]] = (
        g[["allocated_vnd", "disbursed_vnd"]].round().astype("int64")
    )
    g["disbursement_rate"] = [
        percent(d, a) for d, a in zip(g["disbursed_vnd"], g["allocated_vnd"], strict=True)
    ]
    g = _null_commune(g)
    return g[["year", "commune", "project", "allocated_vnd", "disbursed_vnd", "disbursement_rate"]]


def training_figures(data: Dataset, year: int, commune: str | None = None) -> pd.DataFrame:
    """Events, participants and cost per unit (None = district level) and project line."""
    t = _year_rows(data["trainings"], year)
    if commune is not None:
        t = t.loc[t["commune"] == commune]
    g = (
        t.groupby(["commune", "project"], dropna=False, sort=False)
        .agg(
            events=("participants", "size"),
            participants=("participants", "sum"),
            cost_vnd=("cost_vnd", "sum"),
        )
        .reset_index()
    )
    g["cost_vnd"] = g["cost_vnd"].round().astype("int64")
    g = _order_units(g)
    g.insert(0, "year", year)
    g = _null_commune(g, ("commune", "project"))
    return g[["year", "commune", "project", "events", "participants", "cost_vnd"]]


def monitoring_figures(data: Dataset, year: int) -> pd.DataFrame:
    """Per unit: supervised and inspected (0/1), visits, findings, recommendations made
    and resolved; the district row (commune None) counts units supervised / inspected."""
    m = _year_rows(data["monitoring"], year)
    rows = []
    for unit in domain.unit_names():
        v = m.loc[m["commune"] == unit]
        codes = sorted({c for f in v["findings"].dropna() for c in str(f).split(";") if c})
        rows.append(
            {
                "year": year,
                "commune": unit,
                "units_supervised": int((v["kind"] == "supervision").any()),
                "units_inspected": int((v["kind"] == "inspection").any()),
                "visits": len(v),
                "findings": ";".join(codes),
                "recommendations": int(v["recommendations"].fillna(0).sum()),
                "recommendations_resolved": int(v["recommendations_resolved"].fillna(0).sum()),
            }
        )
    df = pd.DataFrame(rows)
    total = {
        "year": year,
        "commune": None,
        "units_supervised": int(df["units_supervised"].sum()),
        "units_inspected": int(df["units_inspected"].sum()),
        "visits": int(df["visits"].sum()),
        "findings": ";".join(sorted({c for f in df["findings"] for c in f.split(";") if c})),
        "recommendations": int(df["recommendations"].sum()),
        "recommendations_resolved": int(df["recommendations_resolved"].sum()),
    }
    return _null_commune(pd.concat([df, pd.DataFrame([total])], ignore_index=True))


def findings_by_code(data: Dataset, year: int, commune: str | None = None) -> pd.DataFrame:
    """How many visits reported each finding code (package list order), with its wording."""
    m = _year_rows(data["monitoring"], year)
    if commune is not None:
        m = m.loc[m["commune"] == commune]
    codes = [c for f in m["findings"].dropna() for c in str(f).split(";") if c]
    rows = [
        {"code": code, "vi": text["vi"], "en": text["en"], "visits": codes.count(code)}
        for code, text in domain.findings().items()
    ]
    return pd.DataFrame(rows)


def _order_units(g: pd.DataFrame) -> pd.DataFrame:
    """District-level rows (commune None) first, then units in registry order, then project."""
    order = {None: -1, **{u: i for i, u in enumerate(domain.unit_names())}}
    rank = g["commune"].map(lambda c: order.get(None if pd.isna(c) else c, 99))
    return (
        g.assign(_rank=rank)
        .sort_values(["_rank", "project"], kind="stable")
        .drop(columns="_rank")
        .reset_index(drop=True)
    )
