"""Which indicators of the review form poor and near-poor households are deprived in."""

from __future__ import annotations

import pandas as pd

from reportkit import domain
from reportkit.core.numfmt import fmt_dec
from reportkit.figures import indicators
from reportkit.report import charts
from reportkit.report.document import Block, block, figure, para, table
from reportkit.report.spec import Report


def deprivation(rpt: Report) -> Block:
    """Per indicator, how many poor and near-poor households are deprived (a sub-block of I)."""
    prof = indicators.deprivation_profile(rpt.data, rpt.year, rpt.commune)
    mean = indicators.mean_deprivations(rpt.data, rpt.year, rpt.commune)
    name_col = "vi" if rpt.lang == "vi" else "en"
    rows = [
        [
            i + 1,
            r[name_col],
            rpt.n(r["poor_deprived"]),
            rpt.pct(r["poor_share"]),
            rpt.n(r["near_poor_deprived"]),
            rpt.pct(r["near_poor_share"]),
            rpt.pct(r["poor_or_near_poor_share"]),
        ]
        for i, r in prof.iterrows()
    ]
    header = [
        "#",
        rpt.t("indicator"),
        rpt.t("poor"),
        rpt.t("share_pct"),
        rpt.t("near_poor"),
        rpt.t("share_pct"),
        rpt.t("poor_and_near_poor") + " (%)",
    ]
    chart = charts.bar_chart(
        list(prof[name_col]),
        [0.0 if pd.isna(v) else v for v in prof["poor_or_near_poor_share"]],
        lang=rpt.lang,
        value_fmt=rpt.pct,
    )
    sentence = rpt.t(
        "mean_deprivations",
        poor=fmt_dec(mean["poor_mean"], 2, rpt.lang),  # type: ignore[arg-type]
        near_poor=fmt_dec(mean["near_poor_mean"], 2, rpt.lang),  # type: ignore[arg-type]
        both=fmt_dec(mean["poor_or_near_poor_mean"], 2, rpt.lang),  # type: ignore[arg-type]
        of=_counted_on(rpt),
    )
    return block(
        rpt.t("s_deprivation"),
        table(header, rows, num_cols=[0, 2, 3, 4, 5, 6]),
        para(sentence),
        figure(chart, rpt.t("deprivation_chart")),
        level=3,
    )


def _counted_on(rpt: Report) -> str:
    """What the mean counts over: the standard's indicators ("trên 12 chỉ số"), or, where
    the standard's list is unverified, the indicators the review form recorded."""
    n = len(rpt.standard.indicators or domain.indicator_columns())
    key = "of_form_indicators" if "indicators" in rpt.standard.unverified else "of_indicators"
    return rpt.t(key, n=n)
