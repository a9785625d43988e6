"""The review of the year: start, escaped, removed, fell back, newly poor, end."""

from __future__ import annotations

import pandas as pd

from reportkit import figures
from reportkit.document import Node, Part, figure, para, section, table
from reportkit.report.spec import Report, _wrap


def review(rpt: Report) -> Part:
    heading = rpt.t("s_review", year=rpt.year)
    r = rpt.row_of(rpt.year)
    if r is None or r["poor_start"] is None or pd.isna(r["poor_start"]):
        return section(heading, para(rpt.t("no_baseline", prev=rpt.year - 1), style="note"))
    em = rpt.em_figures_of(rpt.year)
    em_row = em.loc[em["commune"].isna() if rpt.unit is None else em["commune"] == rpt.commune]
    groups = [(rpt.t("all_households"), r)]
    if not em_row.empty and not pd.isna(em_row.iloc[0]["poor_start"]):
        groups.append((rpt.t("em_households_short"), em_row.iloc[0]))
    keys = ["poor_start", "escaped", "removed", "fell_back", "new_poor"]
    header = [rpt.t("group"), *[rpt.t(k) for k in keys], rpt.t("poor_end")]
    rows = [[name, *[rpt.n(g[k]) for k in keys], rpt.n(g["poor"])] for name, g in groups]
    ok = int(r["poor_start"]) - int(r["escaped"]) - int(r["removed"]) + int(r["fell_back"]) + int(
        r["new_poor"]
    ) == int(r["poor"])
    identity = rpt.t(
        "identity",
        end=rpt.n(r["poor"]),
        start=rpt.n(r["poor_start"]),
        escaped=rpt.n(r["escaped"]),
        removed=rpt.n(r["removed"]),
        fell_back=rpt.n(r["fell_back"]),
        new=rpt.n(r["new_poor"]),
        ok=rpt.t("identity_ok") if ok else rpt.t("identity_bad"),
    )
    steps = [
        (rpt.t("poor_start"), int(r["poor_start"])),
        (rpt.t("escaped"), -int(r["escaped"])),
        (rpt.t("removed"), -int(r["removed"])),
        (rpt.t("fell_back"), int(r["fell_back"])),
        (rpt.t("new_poor"), int(r["new_poor"])),
        (rpt.t("poor_end"), int(r["poor"])),
    ]
    parts = [table(header, rows, num_cols=range(1, 7)), para(identity)]
    if ok:
        chart = figures.waterfall_chart(
            [(_wrap(s), v) for s, v in steps],
            lang=rpt.lang,
        )
        parts.append(figure(chart, rpt.t("review_chart", year=rpt.year)))
    if rpt.unit is None:
        parts += _review_by_unit(rpt)
    return section(heading, *parts)


def _review_by_unit(rpt: Report) -> list[Node]:
    f = rpt.figures_of(rpt.year)
    keys = ["poor_start", "escaped", "removed", "fell_back", "new_poor", "poor"]
    rows = []
    for r in f.itertuples():
        name = r.commune if r.commune is not None else rpt.t("district_total")
        rows.append([name, *[rpt.n(getattr(r, k)) for k in keys]])
    header = [rpt.t("unit"), *[rpt.t(k) for k in keys[:-1]], rpt.t("poor_end")]
    return [table(header, rows, num_cols=range(1, 7), total_rows=[len(rows) - 1])]
