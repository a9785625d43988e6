"""II.4 The projects and sub-projects: funds allocated and disbursed per project line,
and the physical outputs the data carry (trainings: events and people trained).

Amounts are shown in million đồng with three decimals, i.e. to the thousand đồng, and
every total is the sum of the amounts it is shown with, so a table adds up as printed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from reportkit import domain
from reportkit.figures import indicators
from reportkit.report import charts
from reportkit.report.commentary import commentary_notes
from reportkit.report.document import Heading, block, figure, note, para, part, table
from reportkit.report.spec import Report, _date, present

if TYPE_CHECKING:  # annotations only
    from reportkit.report.document import Block, Node, Part, Table


def projects(rpt: Report) -> Part:
    nodes: list[Node | Block] = []
    if not rpt.programme_running:
        nodes.append(para(rpt.t("programme_not_started", year=rpt.year)))
        return part(block(rpt.t("s_projects"), *nodes, level=3))
    nodes.append(Heading(rpt.t("budget_heading"), 4))
    nodes += rpt.missing_table_note("budget") or budget_by_project(rpt)
    nodes.append(Heading(rpt.t("trainings_heading"), 4))
    nodes += rpt.missing_table_note("trainings") or trainings(rpt)
    return part(block(rpt.t("s_projects"), *nodes, level=3))


def budget_rows(rpt: Report, lines: pd.DataFrame) -> list[list[object]]:
    """Rows (project, line, where, allocated, disbursed, rate) and the total row, amounts
    to the thousand đồng so that the total is the sum of the amounts shown."""
    projects_ = domain.projects()
    rows: list[list[object]] = []
    alloc_total = disb_total = 0
    for r in lines.itertuples():
        alloc, disb = rpt.thousand(r.allocated_vnd), rpt.thousand(r.disbursed_vnd)
        alloc_total += alloc
        disb_total += disb
        name = projects_.get(r.project, {}).get(rpt.lang, r.project)
        rows.append(
            [
                r.project,
                name,
                r.where,
                rpt.mvnd(alloc),
                rpt.mvnd(disb),
                rpt.pct(indicators.percent(disb, alloc)),
            ]
        )
    rows.append(
        [
            rpt.t("total"),
            "",
            "",
            rpt.mvnd(alloc_total),
            rpt.mvnd(disb_total),
            rpt.pct(indicators.percent(disb_total, alloc_total)),
        ]
    )
    return rows


def budget_header(rpt: Report) -> list[str]:
    return [
        rpt.t("project"),
        rpt.t("project_name"),
        rpt.t("unit"),
        rpt.t("allocated"),
        rpt.t("disbursed"),
        rpt.t("rate"),
    ]


def budget_by_project(rpt: Report) -> list[Node]:
    """Per project line: the district-level line and the units' lines summed (with how
    many units have one), or the unit's own lines."""
    b = rpt.budget_lines()
    if b.empty:
        return [note(rpt.t("no_rows"))]
    if rpt.unit is None:
        district = b.loc[b["commune"].isna()].assign(where=rpt.t("district_level"))
        per_unit = b.loc[b["commune"].notna()]
        units = (
            per_unit.groupby("project", as_index=False)
            .agg(
                allocated_vnd=("allocated_vnd", "sum"),
                disbursed_vnd=("disbursed_vnd", "sum"),
                n=("commune", "nunique"),
            )
            .assign(where=lambda g: [rpt.t("units_n", n=rpt.n(n)) for n in g["n"]])
        )
        lines = pd.concat([district, units], ignore_index=True)
        lines = lines.sort_values("project", key=_project_order, kind="stable")
    else:
        lines = b.assign(where=rpt.place)
    rows = budget_rows(rpt, lines)
    chart_lines = lines.groupby("project", sort=False)[["allocated_vnd", "disbursed_vnd"]].sum()
    chart = charts.grouped_bar_chart(
        list(chart_lines.index),
        {
            rpt.t("allocated_short"): list(chart_lines["allocated_vnd"] / 1e6),
            rpt.t("disbursed_short"): list(chart_lines["disbursed_vnd"] / 1e6),
        },
        lang=rpt.lang,
        value_fmt=charts.number_formatter(rpt.lang, 1),
        horizontal=True,
    )
    parts: list[Node] = [
        table(budget_header(rpt), rows, num_cols=[3, 4, 5], total_rows=[len(rows) - 1]),
        figure(chart, rpt.t("budget_chart")),
    ]
    parts += commentary_notes(rpt, "projects_notes")
    return parts


def _project_order(codes: pd.Series) -> pd.Series:
    """Project lines in the order of the package's list (DA1 … DA7.TDA2)."""
    return codes.map(_order_of)


def trainings(rpt: Report) -> list[Node]:
    """The events of the year: for the district its own and, separately, the units'."""
    t = rpt.data["trainings"]
    t = t.loc[t["year"] == rpt.year]
    if rpt.unit is not None:
        t = t.loc[t["commune"] == rpt.commune]
    if t.empty:
        return [note(rpt.t("no_rows"))]
    groups = (
        [
            (rpt.t("district_level"), t.loc[t["commune"].isna()]),
            (rpt.t("units_level"), t.loc[t["commune"].notna()]),
        ]
        if rpt.unit is None
        else [(rpt.place, t)]
    )
    rows: list[list[object]] = []
    totals: list[int] = []
    n_all = people_all = cost_all = 0
    for label, g in groups:
        if g.empty:
            continue
        g = g.sort_values(["date", "_row"], kind="stable")
        for r in g.itertuples():
            rows.append(
                [
                    _date(r.date, rpt.lang),
                    present(r.commune) or rpt.t("district_level"),
                    r.project or "",
                    r.title or "",
                    rpt.n(r.participants),
                    rpt.mvnd(rpt.thousand(r.cost_vnd)),
                ]
            )
        people = int(g["participants"].fillna(0).sum())
        cost = sum(rpt.thousand(v) for v in g["cost_vnd"])
        n_all, people_all, cost_all = n_all + len(g), people_all + people, cost_all + cost
        if len(groups) > 1:
            totals.append(len(rows))
            rows.append(
                [label, "", "", rpt.t("events_n", n=rpt.n(len(g))), rpt.n(people), rpt.mvnd(cost)]
            )
    totals.append(len(rows))
    rows.append(
        [
            rpt.t("total"),
            "",
            "",
            rpt.t("events_n", n=rpt.n(n_all)),
            rpt.n(people_all),
            rpt.mvnd(cost_all),
        ]
    )
    header = [
        rpt.t("date"),
        rpt.t("unit"),
        rpt.t("project"),
        rpt.t("title"),
        rpt.t("participants"),
        rpt.t("cost"),
    ]
    sentence = rpt.t(
        "trainings_sentence", n=rpt.n(n_all), people=rpt.n(people_all), cost=rpt.mvnd(cost_all)
    )
    return [
        para(sentence),
        trainings_by_project(rpt, t),
        table(header, rows, num_cols=[4, 5], total_rows=totals),
    ]


def trainings_by_project(rpt: Report, t: pd.DataFrame) -> Table:
    """Events, participants and cost per project line (district level and units apart)."""
    rows: list[list[object]] = []
    n_all = people_all = cost_all = 0
    level = t["commune"].isna()
    for where, g in (
        (rpt.t("district_level"), t.loc[level]),
        (rpt.t("units_level"), t.loc[~level]),
    ):
        if rpt.unit is not None:
            where = rpt.place
        for project, lines in g.groupby("project", sort=False, dropna=False):
            people = int(lines["participants"].fillna(0).sum())
            cost = sum(rpt.thousand(v) for v in lines["cost_vnd"])
            n_all, people_all, cost_all = n_all + len(lines), people_all + people, cost_all + cost
            rows.append(
                [present(project) or "", where, rpt.n(len(lines)), rpt.n(people), rpt.mvnd(cost)]
            )
    rows.sort(key=lambda r: (r[1] != rpt.t("district_level"), _order_of(str(r[0]))))
    rows.append([rpt.t("total"), "", rpt.n(n_all), rpt.n(people_all), rpt.mvnd(cost_all)])
    header = [
        rpt.t("project"),
        rpt.t("unit"),
        rpt.t("events"),
        rpt.t("participants"),
        rpt.t("cost"),
    ]
    return table(header, rows, num_cols=[2, 3, 4], total_rows=[len(rows) - 1])


def _order_of(code: str) -> int:
    order = list(domain.projects())
    return order.index(code) if code in order else len(order)
