"""I. The situation (đặc điểm tình hình): households and the poverty situation over the
years, by village (commune), ethnic minorities, farming households and the deprivations
of poor and near-poor households."""

from __future__ import annotations

import pandas as pd

from reportkit import figures, indicators
from reportkit.document import Block, Heading, Node, Part, block, figure, para, part, table
from reportkit.report.deprivation import deprivation
from reportkit.report.spec import Report


def _opening(rpt: Report) -> list[Node]:
    """One drafted sentence: households, households reviewed and their classification."""
    r = rpt.row_of(rpt.year)
    if r is None or not rpt.has_households(rpt.year):
        return [para(rpt.standard_sentence)]
    return [
        para(rpt.standard_sentence),
        para(
            rpt.t(
                "situation_sentence",
                year=rpt.year,
                place=rpt.place_name,
                households=rpt.n(r["households"]),
                reviewed=rpt.n(r["reviewed"]),
                poor=rpt.n(r["poor"]),
                near_poor=rpt.n(r["near_poor"]),
                average=rpt.n(r["average"]),
            )
        ),
    ]


def situation(rpt: Report) -> Part:
    years = [y for y in rpt.data.years() if y <= rpt.year]
    rows, chart_rows = [], []
    for y in years:
        r = rpt.row_of(y)
        if r is None:
            continue
        rows.append(
            [
                str(y),
                rpt.n(r["households"]),
                rpt.n(r["reviewed"]),
                rpt.n(r["poor"]),
                rpt.pct(r["poor_rate"]),
                rpt.n(r["near_poor"]),
                rpt.pct(r["near_poor_rate"]),
                rpt.n(r["average"]),
            ]
        )
        chart_rows.append(
            {"year": y, "poor_rate": r["poor_rate"], "near_poor_rate": r["near_poor_rate"]}
        )
    header = [
        rpt.t("year"),
        rpt.t("households"),
        rpt.t("reviewed"),
        rpt.t("poor"),
        rpt.t("rate_pct"),
        rpt.t("near_poor"),
        rpt.t("rate_pct"),
        rpt.t("average"),
    ]
    chart = figures.line_chart(
        pd.DataFrame(chart_rows),
        "year",
        ["poor_rate", "near_poor_rate"],
        labels=[rpt.t("poor"), rpt.t("near_poor")],
        lang=rpt.lang,
        value_fmt=rpt.pct,
    )
    parts: list[Node | Block] = [
        *_opening(rpt),
        Heading(rpt.t("trend_heading"), 3),
        table(header, rows, num_cols=range(1, 8)),
        figure(chart, rpt.t("rates_chart")),
    ]
    if rpt.unit is not None:
        parts += _villages(rpt)
    parts += _ethnic_minority(rpt)
    parts += _agri(rpt)
    parts.append(deprivation(rpt))
    return part(block(rpt.t("s_situation"), *parts))


def _villages(rpt: Report) -> list[Node]:
    head = Heading(rpt.t("by_village"), 3)
    if not rpt.has_households(rpt.year):
        return [head, para(rpt.t("no_rows"), style="note")]
    v = indicators.village_summary(rpt.data, rpt.year, rpt.commune)  # type: ignore[arg-type]
    rows = [
        [r.village, rpt.n(r.reviewed), rpt.n(r.poor), rpt.n(r.near_poor)] for r in v.itertuples()
    ]
    header = [rpt.t("village"), rpt.t("reviewed"), rpt.t("poor"), rpt.t("near_poor")]
    return [head, table(header, rows, num_cols=[1, 2, 3])]


def _ethnic_minority(rpt: Report) -> list[Node]:
    rows = []
    for y in [y for y in rpt.data.years() if y <= rpt.year]:
        em = rpt.em_figures_of(y)
        sel = em["commune"].isna() if rpt.unit is None else em["commune"] == rpt.commune
        r = em.loc[sel].iloc[0]
        if not rpt.has_households(y):
            rows.append([str(y), *[rpt.t("no_data")] * 3])  # not zeros: no data at all
            continue
        rows.append([str(y), rpt.n(r["reviewed"]), rpt.n(r["poor"]), rpt.n(r["near_poor"])])
    header = [rpt.t("year"), rpt.t("em_reviewed"), rpt.t("poor"), rpt.t("near_poor")]
    return [Heading(rpt.t("em_heading"), 3), table(header, rows, num_cols=[1, 2, 3])]


def _agri(rpt: Report) -> list[Node]:
    hh = rpt.data.households
    cur = hh.loc[hh["year"] == rpt.year]
    if rpt.unit is not None:
        cur = cur.loc[cur["commune"] == rpt.commune]
    avg = cur.loc[cur["recorded_status"] == "average"]
    n = int((avg["agri_sector"].fillna(0) == 1).sum())
    text = rpt.t("agri_sentence", year=rpt.year, n=rpt.n(n), total=rpt.n(len(avg)))
    return [Heading(rpt.t("agri_heading"), 3), para(text)]
