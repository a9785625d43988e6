"""II.5 Inspection and supervision: teams and visits, units supervised and inspected,
the findings, recommendations made and resolved; then the officials' conclusions."""

from __future__ import annotations

import pandas as pd

from reportkit import domain
from reportkit.core.numfmt import fmt_pct
from reportkit.figures import indicators
from reportkit.report.commentary import commentary
from reportkit.report.document import Heading, Node, Part, block, para, part, table
from reportkit.report.spec import Report, _date


def monitoring(rpt: Report) -> Part:
    nodes: list[Node] = rpt.missing_table_note("monitoring") or _visits(rpt)
    nodes += commentary(rpt, "monitoring_conclusions")
    return part(block(rpt.t("s_monitoring"), *nodes, level=3))


def _visits(rpt: Report) -> list[Node]:
    m = indicators.monitoring_figures(rpt.data, rpt.year)
    total = m.iloc[-1]
    parts = []
    if rpt.unit is None:
        inspected = m.loc[m["commune"].notna() & (m["units_inspected"] == 1), "commune"].tolist()
        names = f" ({', '.join(inspected)})" if inspected else ""
        units = int(m["commune"].notna().sum())
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
        parts.append(Heading(rpt.t("findings_heading"), 4))
        parts.append(table([rpt.t("findings"), rpt.t("visits")], rows, num_cols=[1]))
    return parts


def _finding_text(rpt: Report, codes: object) -> str:
    if codes is None or pd.isna(codes) or not str(codes):
        return ""
    known = domain.findings()
    return "; ".join(known[c][rpt.lang] if c in known else c for c in str(codes).split(";"))
