"""The programme's projects: funds, trainings, inspection and supervision."""

from __future__ import annotations

import pandas as pd

from reportkit import domain, figures, indicators
from reportkit.document import Heading, Node, Part, figure, para, section, table
from reportkit.numfmt import fmt_pct
from reportkit.report.spec import Report, _date


def programme(rpt: Report) -> Part:
    parts: list[Node] = [Heading(rpt.t("budget_heading"), 3)]
    parts += rpt.missing_table_note("budget") or _budget_table(rpt)
    parts.append(Heading(rpt.t("trainings_heading"), 3))
    parts += rpt.missing_table_note("trainings") or _trainings(rpt)
    parts.append(Heading(rpt.t("monitoring_heading"), 3))
    parts += rpt.missing_table_note("monitoring") or _monitoring(rpt)
    return section(rpt.t("s_programme"), *parts)


def _budget_table(rpt: Report) -> list[Node]:
    b = rpt.budget_lines()
    if b.empty:
        return [para(rpt.t("no_rows"), style="note")]
    if rpt.unit is None:  # district: district-level lines, then each project summed over units
        district = b.loc[b["commune"].isna()].assign(where=rpt.t("district_level"))
        units = (
            b.loc[b["commune"].notna()]
            .groupby("project", as_index=False)[["allocated_vnd", "disbursed_vnd"]]
            .sum()
            .assign(where=rpt.t("unit") + " (13)")
        )
        lines = pd.concat([district, units], ignore_index=True)
    else:
        lines = b.assign(where=rpt.place)
    projects = domain.projects()
    rows = []
    for r in lines.itertuples():
        name = projects.get(r.project, {}).get(rpt.lang, r.project)
        rows.append(
            [
                r.project,
                name,
                r.where,
                rpt.mvnd(r.allocated_vnd),
                rpt.mvnd(r.disbursed_vnd),
                rpt.pct(indicators.percent(r.disbursed_vnd, r.allocated_vnd)),
            ]
        )
    alloc, disb = lines["allocated_vnd"].sum(), lines["disbursed_vnd"].sum()
    rows.append(
        [
            rpt.t("total"),
            "",
            "",
            rpt.mvnd(alloc),
            rpt.mvnd(disb),
            rpt.pct(indicators.percent(disb, alloc)),
        ]
    )
    header = [
        rpt.t("project"),
        rpt.t("project_name"),
        rpt.t("unit"),
        rpt.t("allocated"),
        rpt.t("disbursed"),
        rpt.t("rate"),
    ]
    chart_lines = lines.groupby("project", sort=False)[["allocated_vnd", "disbursed_vnd"]].sum()
    chart = figures.grouped_bar_chart(
        list(chart_lines.index),
        {
            rpt.t("allocated_short"): list(chart_lines["allocated_vnd"] / 1e6),
            rpt.t("disbursed_short"): list(chart_lines["disbursed_vnd"] / 1e6),
        },
        lang=rpt.lang,
    )
    parts = [
        table(header, rows, num_cols=[3, 4, 5], total_rows=[len(rows) - 1]),
        figure(chart, rpt.t("budget_chart")),
    ]
    if any(not projects.get(code, {}).get("verified", True) for code in lines["project"]):
        parts.append(para(rpt.t("unverified_note"), style="note"))
    return parts


def _trainings(rpt: Report) -> list[Node]:
    t = rpt.data["trainings"]
    t = t.loc[t["year"] == rpt.year]
    t = t.loc[t["commune"].isna()] if rpt.unit is None else t.loc[t["commune"] == rpt.commune]
    if t.empty:
        return [para(rpt.t("no_rows"), style="note")]
    t = t.sort_values(["date", "_row"], kind="stable")
    rows = [
        [
            _date(r.date, rpt.lang),
            r.project or "",
            r.title or "",
            rpt.n(r.participants),
            rpt.mvnd(r.cost_vnd),
        ]
        for r in t.itertuples()
    ]
    rows.append(
        [
            rpt.t("total"),
            "",
            rpt.t("events") + f": {rpt.n(len(t))}",
            rpt.n(t["participants"].sum()),
            rpt.mvnd(t["cost_vnd"].sum()),
        ]
    )
    header = [
        rpt.t("date"),
        rpt.t("project"),
        rpt.t("title"),
        rpt.t("participants"),
        rpt.t("cost"),
    ]
    by_line = indicators.training_figures(rpt.data, rpt.year, rpt.commune)
    by_line = by_line.loc[by_line["commune"].isna()] if rpt.unit is None else by_line
    line_rows = [
        [r.project or "", rpt.n(r.events), rpt.n(r.participants), rpt.mvnd(r.cost_vnd)]
        for r in by_line.itertuples()
    ]
    line_header = [rpt.t("project"), rpt.t("events"), rpt.t("participants"), rpt.t("cost")]
    return [
        table(header, rows, num_cols=[3, 4], total_rows=[len(rows) - 1]),
        table(line_header, line_rows, num_cols=[1, 2, 3]),
    ]


def _monitoring(rpt: Report) -> list[Node]:
    m = indicators.monitoring_figures(rpt.data, rpt.year)
    total = m.iloc[-1]
    units = len(domain.units())
    parts = []
    if rpt.unit is None:
        inspected = m.loc[m["commune"].notna() & (m["units_inspected"] == 1), "commune"].tolist()
        names = f" ({', '.join(inspected)})" if inspected else ""
        parts.append(
            para(
                rpt.t(
                    "supervised_sentence",
                    supervised=total["units_supervised"],
                    inspected=total["units_inspected"],
                    units=units,
                    names=names,
                )
            )
        )
        made, resolved = total["recommendations"], total["recommendations_resolved"]
    else:
        visits = rpt.data["monitoring"]
        visits = visits.loc[(visits["year"] == rpt.year) & (visits["commune"] == rpt.commune)]
        if visits.empty:
            return [para(rpt.t("no_rows"), style="note")]
        rows = [
            [
                _date(r.date, rpt.lang),
                rpt.t(r.kind),
                _finding_text(rpt, r.findings),
                rpt.n(r.recommendations),
                rpt.n(r.recommendations_resolved),
            ]
            for r in visits.sort_values(["date", "_row"], kind="stable").itertuples()
        ]
        header = [
            rpt.t("date"),
            rpt.t("kind"),
            rpt.t("findings"),
            rpt.t("recommendations"),
            rpt.t("resolved"),
        ]
        parts.append(table(header, rows, num_cols=[3, 4]))
        made = visits["recommendations"].fillna(0).sum()
        resolved = visits["recommendations_resolved"].fillna(0).sum()
    parts.append(
        para(
            rpt.t(
                "recommendations_sentence",
                made=rpt.n(made),
                resolved=rpt.n(resolved),
                rate=fmt_pct(indicators.percent(resolved, made), rpt.lang),
            )
        )
    )
    f = indicators.findings_by_code(rpt.data, rpt.year, rpt.commune)
    f = f.loc[f["visits"] > 0]
    if not f.empty:
        rows = [[r[rpt.lang], rpt.n(r["visits"])] for _, r in f.iterrows()]
        parts.append(Heading(rpt.t("findings_heading"), 3))
        parts.append(table([rpt.t("findings"), rpt.t("visits")], rows, num_cols=[1]))
    return parts


def _finding_text(rpt: Report, codes: object) -> str:
    if codes is None or pd.isna(codes) or not str(codes):
        return ""
    known = domain.findings()
    return "; ".join(known[c][rpt.lang] if c in known else c for c in str(codes).split(";"))
