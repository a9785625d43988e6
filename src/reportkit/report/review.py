"""II.3 The review of the year: poor households at the start, escaped, removed, fell
back, newly poor, and at the end — for all households, split urban/rural (district) and
for ethnic-minority households. Appendix 1 gives it per unit (district) or village."""

from __future__ import annotations

import pandas as pd

from reportkit.data import registry
from reportkit.figures.reclassify import start_under_new_standard
from reportkit.report import charts
from reportkit.report.document import Node, Part, block, figure, note, para, part, table
from reportkit.report.spec import Report, _wrap, present

KEYS = ("poor_start", "escaped", "removed", "fell_back", "new_poor", "poor")


def _sum(rows: pd.DataFrame) -> dict[str, object]:
    """Column sums of the review counts, null when any unit's is (no partial totals)."""
    out: dict[str, object] = {}
    for k in KEYS:
        values = [present(v) for v in rows[k]]
        out[k] = None if not values or any(v is None for v in values) else sum(values)  # type: ignore[misc]
    return out


def incomplete_note(rpt: Report, incomplete: str) -> str:
    """Why a successor's transitions are not given: "Tiến Lợi 2024;…" lists are missing."""
    lists = ", ".join(incomplete.split(";"))
    return rpt.t("incomplete_note", year=rpt.year, lists=lists)


def review(rpt: Report) -> Part:
    heading = rpt.t("s_review", year=rpt.year)
    r = rpt.row_of(rpt.year)
    if rpt.baseline and r is not None and rpt.has_households(rpt.year):
        return part(block(heading, *baseline(rpt, r), level=3))
    if r is not None and present(r["incomplete"]) is not None:
        return part(block(heading, note(incomplete_note(rpt, str(r["incomplete"]))), level=3))
    if r is None or present(r["poor_start"]) is None:
        return part(block(heading, note(rpt.t("no_baseline", prev=rpt.year - 1)), level=3))
    groups: list[tuple[str, object]] = [(rpt.t("all_households"), r)]
    if rpt.unit is None:  # urban and rural parts of the district
        f = rpt.figures_of(rpt.year)
        for area in ("urban", "rural"):
            names = [u.name for u in registry.units_in_year(rpt.year) if u.area == area]
            groups.append((rpt.t(f"area_{area}"), _sum(f.loc[f["commune"].isin(names)])))
    em = rpt.em_figures_of(rpt.year)
    em_row = em.loc[em["commune"].isna() if rpt.unit is None else em["commune"] == rpt.commune]
    if not em_row.empty and present(em_row.iloc[0]["poor_start"]) is not None:
        groups.append((rpt.t("em_households_short"), em_row.iloc[0]))
    header = [rpt.t("group"), *[rpt.t(k) for k in KEYS[:-1]], rpt.t("poor_end")]
    rows = [[name, *[rpt.n(g[k]) for k in KEYS]] for name, g in groups]  # type: ignore[index]
    sentence = rpt.t("review_sentence", year=rpt.year, **rpt.numbers(r, KEYS))
    parts: list[Node] = [para(sentence), table(header, rows, num_cols=range(1, 7))]
    if rpt.unit is not None and rpt.unit.valid_from == rpt.year:
        prev = ", ".join(rpt.parts_in(rpt.year - 1))
        parts.append(note(rpt.t("through_lineage", prev_year=rpt.year - 1, units=prev)))
    steps = [
        (rpt.t("poor_start"), int(r["poor_start"])),
        (rpt.t("escaped"), -int(r["escaped"])),
        (rpt.t("removed"), -int(r["removed"])),
        (rpt.t("fell_back"), int(r["fell_back"])),
        (rpt.t("new_poor"), int(r["new_poor"])),
        (rpt.t("poor_end"), int(r["poor"])),
    ]
    # The chart draws the steps from start to end; it needs them to add up (they do by
    # construction of the review summary; the check keeps a wrong chart out regardless).
    if sum(v for _, v in steps[:-1]) == steps[-1][1]:
        chart = charts.waterfall_chart([(_wrap(s), v) for s, v in steps], lang=rpt.lang)
        parts.append(figure(chart, rpt.t("review_chart", year=rpt.year)))
    return part(block(heading, *parts, level=3))


def baseline(rpt: Report, r: pd.Series) -> list[Node]:
    """The first review under a new standard: the end-of-year lists are the period's
    baseline; no transition is computed across the two standards. Where the data hold last
    year's list, its households classed again under the new standard, labelled so."""
    prev = rpt.year - 1
    units = None if rpt.unit is None else (rpt.commune,)  # type: ignore[arg-type]
    em = rpt.em_row_of(rpt.year)
    groups: list[tuple[str, object, dict[str, int] | None]] = [
        (rpt.t("all_households"), r, start_under_new_standard(rpt.data, rpt.year, units))
    ]
    if em is not None:
        em_start = start_under_new_standard(rpt.data, rpt.year, units, "ethnic_minority")
        groups.append((rpt.t("em_households_short"), em, em_start))
    # The start recomputed under the new standard, where last year's list is in the data.
    recomputed = groups[0][2] is not None
    header = [rpt.t("group"), rpt.t("poor_end"), rpt.t("near_poor_end")]
    if recomputed:
        header[1:1] = [rpt.t("poor_start_recomputed"), rpt.t("near_poor_start_recomputed")]
    rows = []
    for name, g, start in groups:
        row = [name, rpt.n(g["poor"]), rpt.n(g["near_poor"])]  # type: ignore[index]
        if recomputed:
            row[1:1] = [rpt.n(None if start is None else start[k]) for k in ("poor", "near_poor")]
        rows.append(row)
    s = rpt.standard
    nodes: list[Node] = [
        para(
            rpt.t(
                "baseline_review",
                year=rpt.year,
                standard=s.id,
                basis=s.legal_basis,
                poor=rpt.n(r["poor"]),
                near_poor=rpt.n(r["near_poor"]),
                prev=prev,
            )
        ),
        table(header, rows, num_cols=range(1, len(header))),
    ]
    start = groups[0][2]
    if start is not None:
        reviewed = rpt.n(start["reviewed"])
        nodes.append(
            note(rpt.t("recomputed_note", prev=prev, reviewed=reviewed, basis=s.legal_basis))
        )
    return nodes
