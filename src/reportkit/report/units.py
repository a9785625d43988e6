"""District report: the units compared."""

from __future__ import annotations

import pandas as pd

from reportkit import figures
from reportkit.document import Part, figure, para, section, table
from reportkit.report.spec import Report, _target, present


def units_compared(rpt: Report) -> Part:
    f = rpt.figures_of(rpt.year)
    prev = rpt.figures_of(rpt.year - 1) if rpt.year - 1 in rpt.data.years() else None
    units = f.loc[f["commune"].notna()].copy()
    units = units.sort_values(["poor_rate", "commune"], ascending=[False, True], kind="stable")
    rows = []
    for rank, r in enumerate(units.itertuples(), start=1):
        before = None
        if prev is not None:
            pr = prev.loc[prev["commune"] == r.commune, "poor_rate"]
            before = None if pr.empty else present(pr.iloc[0])
        rate = present(r.poor_rate)
        change = None if before is None or rate is None else round(rate - before, 2)  # type: ignore[operator]
        target = _target(rpt.data, rpt.year, r.commune, "poverty_rate_target")
        rows.append(
            [
                rank if rate is not None else "",  # no rate, no rank
                r.commune,
                rpt.n(r.households),
                rpt.n(r.poor),
                rpt.pct(r.poor_rate),
                rpt.signed(change),
                rpt.pct(target),
                rpt.verdict(rate, target),
                rpt.n(r.near_poor),
                rpt.pct(r.near_poor_rate),
            ]
        )
    total = f.iloc[-1]
    rows.append(
        [
            "",
            rpt.t("district_total"),
            rpt.n(total["households"]),
            rpt.n(total["poor"]),
            rpt.pct(total["poor_rate"]),
            "",
            "",
            "",
            rpt.n(total["near_poor"]),
            rpt.pct(total["near_poor_rate"]),
        ]
    )
    header = [
        rpt.t("rank"),
        rpt.t("unit"),
        rpt.t("households"),
        rpt.t("poor"),
        rpt.t("rate_pct"),
        rpt.t("change"),
        rpt.t("target"),
        rpt.t("assessment"),
        rpt.t("near_poor"),
        rpt.t("rate_pct"),
    ]
    chart = figures.bar_chart(
        list(units["commune"]),
        [0.0 if pd.isna(v) else v for v in units["poor_rate"]],
        lang=rpt.lang,
        value_fmt=rpt.pct,
    )
    return section(
        rpt.t("s_units"),
        *[para(text, style="note") for text in rpt.missing_notes(rpt.year)],
        table(header, rows, num_cols=[0, 2, 3, 4, 5, 6, 8, 9], total_rows=[len(rows) - 1]),
        para(rpt.t("units_note"), style="note"),
        figure(chart, rpt.t("units_chart", year=rpt.year)),
    )
