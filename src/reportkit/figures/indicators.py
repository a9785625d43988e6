"""The official figures, per unit × year and for the district.

All counts use the commune's approved status (``recorded_status``, kết quả phân loại);
``rule_status`` is only compared with it (status_mismatches). Rates are per 100 resident
households of the unit (population table), as the review summary requires, rounded half
up to 2 decimals.

The review's transitions (escaped, fell back, newly poor, …) come from :mod:`.transitions`,
counted per unit here: a successor through its lineage, null where a predecessor's list is
missing or in the first review under a new standard.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import Concatenate, ParamSpec

import pandas as pd

from reportkit import domain
from reportkit.data import registry
from reportkit.data.classify import status_differs
from reportkit.data.crosswalk import in_units_of, missing_predecessors
from reportkit.data.prepare import Dataset
from reportkit.figures.transitions import TRANSITIONS, review_summary

P = ParamSpec("P")

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


def _per_dataset(
    figures: Callable[Concatenate[Dataset, P], pd.DataFrame],
) -> Callable[Concatenate[Dataset, P], pd.DataFrame]:
    """``figures`` computed once per dataset and arguments (:meth:`Dataset.figures`): the
    tables of every unit that each report of a year reads."""

    @functools.wraps(figures)
    def kept(data: Dataset, *args: P.args, **kwargs: P.kwargs) -> pd.DataFrame:
        key = (figures.__name__, *args, *sorted(kwargs.items()))
        return data.figures(key, lambda: figures(data, *args, **kwargs))

    return kept


def percent(part: float | None, whole: float | None) -> float | None:
    """100 · part / whole rounded half up to 2 decimals; None when undefined."""
    if part is None or whole is None or pd.isna(part) or pd.isna(whole) or whole == 0:
        return None
    q = Decimal(repr(float(part))) * 100 / Decimal(repr(float(whole)))
    return float(q.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def _year_rows(df: pd.DataFrame, year: int) -> pd.DataFrame:
    return df.loc[df["year"] == year]


def unit_rows(households: pd.DataFrame, year: int, commune: str | None) -> pd.DataFrame:
    """Household rows of ``year``: ``commune``'s, or (None) those of the units reported
    that year — the area's units, never a history-only unit's."""
    names = [commune] if commune is not None else [u.name for u in registry.units_in_year(year)]
    cur = _year_rows(households, year)
    return cur.loc[cur["commune"].isin(names)]


def status_counts(households: pd.DataFrame, by: str) -> pd.DataFrame:
    """Households per ``by`` group and approved status: one column per status."""
    return (
        households.groupby([by, "recorded_status"], observed=True)
        .size()
        .unstack(fill_value=0)
        .reindex(columns=list(domain.STATUSES), fill_value=0)
    )


COUNT_COLUMNS = [
    "households",
    "reviewed",
    "poor",
    "near_poor",
    "average",
    "status_mismatches",
    *TRANSITIONS,
]
"""Whole-number columns of :func:`household_figures` (nullable Int64: never 3645.0)."""


FIGURE_COLUMNS = [
    *HOUSEHOLD_COLUMNS,
    "predecessors",
    "incomplete",
    "missing_tables",
    "missing_units",
]
"""Columns of :func:`household_figures`."""


def participating(data: Dataset, year: int) -> tuple[domain.Unit, ...]:
    """The area's units the report of ``year`` compares: those reported that year with
    household or population rows that year (registry order). The area's other units sent
    no data: :func:`coverage` counts them."""
    key = ("participating", year)
    memo = data.memo
    if key not in memo:
        have = set(_year_rows(data.households, year)["commune"].dropna())
        have |= set(_year_rows(data["population"], year)["commune"].dropna())
        memo[key] = tuple(u for u in registry.units_in_year(year) if u.name in have)
    return memo[key]  # type: ignore[return-value]


def coverage(data: Dataset, year: int) -> tuple[int, int]:
    """(units with data, units of the area) in ``year``: "6 of 124 communes"."""
    return len(participating(data, year)), len(registry.units_in_year(year))


@_per_dataset
def household_figures(
    data: Dataset, year: int, units: tuple[domain.Unit, ...] | None = None
) -> pd.DataFrame:
    """One row per unit of the area with data in ``year`` (:func:`participating`, registry
    order), then the area's total (commune None) when an area is named for ``year``. With
    ``units``: those units' rows only, no total.

    Columns: FIGURE_COLUMNS. ``predecessors`` names the units a successor was formed from
    (";"-joined). A unit without household rows in ``year`` has no counts (null, never 0:
    "không có số liệu") and ``missing_tables`` says "households"; a unit without a
    population row has no resident households and so no rates ("population"). A successor
    whose predecessor lacks last year's list has null transitions and ``incomplete`` says
    which ("Tiến Lợi 2024"). The area's total is null wherever a unit's figure is, and its
    ``missing_units`` names those units (";"-joined, registry order), so a total never
    silently leaves a unit out; history-only units are never in it."""
    hh = data.households
    cur = hh.loc[hh["year"] == year, ["commune", "recorded_status", "rule_status"]]
    pop = _year_rows(data["population"], year).set_index("commune")["households"]
    counts = status_counts(cur, "commune")
    mismatch = (
        status_differs(cur["recorded_status"], cur["rule_status"]).groupby(cur["commune"]).sum()
    )
    trans = review_summary(in_units_of(hh, year), year, ["commune"])
    lacking = missing_predecessors(hh, year)
    baseline = domain.first_review_of_standard(year)
    rows = []
    for unit in participating(data, year) if units is None else units:
        name = unit.name
        missing = [
            table
            for table, present in (
                ("households", name in counts.index),
                ("population", name in pop.index),
            )
            if not present
        ]
        row: dict[str, object] = {
            "year": year,
            "commune": name,
            "households": _int_or_none(pop.get(name)),
            "predecessors": ";".join(unit.predecessors) or None,
            "incomplete": ";".join(f"{u} {year - 1}" for u in lacking.get(name, [])) or None,
            "missing_tables": ";".join(missing) or None,
            "missing_units": None,
        }
        if name in counts.index:
            c = counts.loc[name]
            row |= {
                "reviewed": int(c.sum()),
                "poor": int(c["poor"]),
                "near_poor": int(c["near_poor"]),
                "average": int(c["average"]),
                "status_mismatches": int(mismatch.get(name, 0)),
            }
            for t in TRANSITIONS:
                known = name in trans.index and name not in lacking and not baseline
                v = trans.at[name, t] if known else pd.NA
                row[t] = None if pd.isna(v) else int(v)
        rows.append(row)
    if units is None and registry.has_area(year):
        rows.append(total_row(rows, year))
    for r in rows:
        r["poor_rate"] = percent(r.get("poor"), r["households"])  # type: ignore[arg-type]
        r["near_poor_rate"] = percent(r.get("near_poor"), r["households"])  # type: ignore[arg-type]
    frame = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    frame = frame.astype({c: "Int64" for c in COUNT_COLUMNS})
    return _null_commune(
        frame, ("commune", "predecessors", "incomplete", "missing_tables", "missing_units")
    )


def total_row(rows: list[dict[str, object]], year: int) -> dict[str, object]:
    """The sum of unit rows (before rates): null wherever one of them is; ``missing_units``
    names the units lacking data and ``incomplete`` carries theirs."""
    total: dict[str, object] = {"year": year, "commune": None, "missing_tables": None}
    for col in COUNT_COLUMNS:
        vals = [r.get(col) for r in rows]
        total[col] = None if any(v is None for v in vals) else int(sum(vals))  # type: ignore[arg-type]
    total["missing_units"] = (
        ";".join(str(r["commune"]) for r in rows if r["missing_tables"]) or None
    )
    total["incomplete"] = ";".join(str(r["incomplete"]) for r in rows if r["incomplete"]) or None
    total["predecessors"] = None
    return total


def _null_commune(frame: pd.DataFrame, columns: tuple[str, ...] = ("commune",)) -> pd.DataFrame:
    """Missing values of text columns as None (JSON null; district-level rows)."""
    for col in columns:
        s = frame[col].astype(object)
        frame[col] = s.where(s.notna(), None)
    return frame


def _int_or_none(v: object) -> int | None:
    return None if v is None or pd.isna(v) else int(v)  # type: ignore[call-overload]


def village_summary(data: Dataset, year: int, commune: str) -> pd.DataFrame:
    """Per village of one unit: reviewed, poor, near-poor and the review summary, in
    village order.

    Transitions follow households, not village names: each household is counted in its
    village of ``year`` (a household no longer on the list, in its village of the year
    before), and its history is its own across every earlier year and across the 2025
    merger (a successor's lineage), exactly as for the unit's row — so the villages add up
    to the unit. They are null when the unit's are (no list the year before, a
    predecessor's list missing, the first review under a new standard)."""
    hh = in_units_of(data.households, year)
    unit_rows = hh.loc[hh["commune"] == commune]
    unit_rows = _in_reporting_village(unit_rows, year)
    cur = _year_rows(unit_rows, year)
    counts = status_counts(cur, "village")
    out = pd.DataFrame(
        {"reviewed": counts.sum(axis=1), "poor": counts["poor"], "near_poor": counts["near_poor"]}
    )
    trans = review_summary(unit_rows, year, ["village"])
    # The unit's own rule (household_figures): a list the year before, every predecessor's
    # list, and the same standard.
    known = (
        bool((unit_rows["year"] == year - 1).any())
        and commune not in missing_predecessors(data.households, year)
        and not domain.first_review_of_standard(year)
    )
    # A village without households last year has nothing to follow (zeros) when its unit
    # has a list to compare with; without one, no village has transitions.
    if known:
        trans = trans.fillna(0)
    else:
        trans.loc[:, :] = pd.NA
    out = out.join(trans, how="outer")
    out[["reviewed", "poor", "near_poor"]] = out[["reviewed", "poor", "near_poor"]].fillna(0)
    out = out.astype("Int64").sort_index()
    # Villages only of earlier lists where nothing happened this year are not rows.
    idle = (out["reviewed"] == 0) & (out[TRANSITIONS].fillna(0) == 0).all(axis=1)
    out = out.loc[~idle]
    out.index.name = "village"
    return out.reset_index()


def _in_reporting_village(rows: pd.DataFrame, year: int) -> pd.DataFrame:
    """``rows`` (one unit's, all years) with every row of a household given the village it
    is reported in for ``year``: its village that year, else the year before's (a household
    left off the list), else its own."""
    cur = rows.loc[rows["year"] == year]
    prev = rows.loc[rows["year"] == year - 1]
    where = pd.concat([cur, prev]).drop_duplicates("household_id", keep="first")
    village = where.set_index("household_id")["village"]
    mapped = rows["household_id"].map(village)
    return rows.assign(village=mapped.where(mapped.notna(), rows["village"]))


@_per_dataset
def subgroup_figures(
    data: Dataset, year: int, flag: str, units: tuple[domain.Unit, ...] | None = None
) -> pd.DataFrame:
    """Household figures restricted to households with ``flag`` == 1 (e.g. ethnic_minority),
    per unit reported in ``year`` plus, while the district existed, its total: reviewed,
    poor, near_poor, average and the review summary (through a successor's lineage, null
    where a predecessor's list is missing, as in :func:`household_figures`). With
    ``units``: those units' rows only, no total."""
    hh = in_units_of(data.households, year)
    sub = hh.loc[hh[flag].fillna(0) == 1]
    cur = _year_rows(sub, year)
    names = [u.name for u in (participating(data, year) if units is None else units)]
    counts = status_counts(cur, "commune").reindex(names, fill_value=0)
    out = pd.DataFrame(
        {
            "reviewed": counts.sum(axis=1),
            "poor": counts["poor"],
            "near_poor": counts["near_poor"],
            "average": counts["average"],
        }
    )
    trans = review_summary(sub, year, ["commune"], baseline=hh, groups=out.index)
    lacking = list(missing_predecessors(data.households, year))
    trans.loc[trans.index.isin(lacking), :] = pd.NA
    if domain.first_review_of_standard(year):  # a new standard's baseline: no change
        trans.loc[:, :] = pd.NA
    out = out.join(trans)
    out = out.astype("Int64")
    total = out.sum(skipna=False).to_frame().T
    out.index.name = "commune"
    out = out.reset_index()
    if units is not None or not registry.has_area(year):
        return _null_commune(out)
    total.insert(0, "commune", None)
    return _null_commune(pd.concat([out, total.astype("Int64")], ignore_index=True))


def deprivation_profile(data: Dataset, year: int, commune: str | None = None) -> pd.DataFrame:
    """For poor and near-poor households (recorded), per indicator: how many are deprived
    and the share (percent). One row per indicator, registry order; ``commune`` None = district."""
    hh = unit_rows(data.households, year, commune)
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
    hh = unit_rows(data.households, year, commune)
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


@_per_dataset
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
    g = _order_units(g, year)
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
    g = _order_units(g, year)
    g.insert(0, "year", year)
    g = _null_commune(g, ("commune", "project"))
    return g[["year", "commune", "project", "events", "participants", "cost_vnd"]]


@_per_dataset
def monitoring_figures(data: Dataset, year: int) -> pd.DataFrame:
    """Per unit: supervised and inspected (0/1), visits, findings, recommendations made
    and resolved per unit reported in ``year``; while the district existed (up to 2024) a
    district row (commune None) counts units supervised / inspected."""
    m = _year_rows(data["monitoring"], year)
    rows = []
    for unit in [u.name for u in participating(data, year)]:
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
    if not registry.has_area(year):
        return _null_commune(df)
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


def _order_units(g: pd.DataFrame, year: int) -> pd.DataFrame:
    """District-level rows (commune None) first, then the units of ``year`` in registry
    order, then project."""
    names = [u.name for u in registry.accepted_units(year)]
    order = {None: -1, **{u: i for i, u in enumerate(names)}}
    rank = g["commune"].map(lambda c: order.get(None if pd.isna(c) else c, 99))
    return (
        g.assign(_rank=rank)
        .sort_values(["_rank", "project"], kind="stable")
        .drop(columns="_rank")
        .reset_index(drop=True)
    )
