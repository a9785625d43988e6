"""The appendices: the review result table (per unit for the district, per village for
a commune; urban/rural and ethnic-minority columns) and the budget table."""

from __future__ import annotations

import pandas as pd

from reportkit.data import registry
from reportkit.figures import indicators
from reportkit.report.document import Node, Part, block, note, part, table
from reportkit.report.form import annex_line
from reportkit.report.projects import budget_header, budget_rows
from reportkit.report.review import KEYS, _sum
from reportkit.report.spec import Report, present


def review_table(rpt: Report) -> Part:
    """Appendix 1: per unit (district) or village (commune) the review counts and the
    end-of-year rate; for the district the urban and rural subtotals and the total."""
    heading = rpt.t("a_review", year=rpt.year)
    header = [
        rpt.t("unit") if rpt.unit is None else rpt.t("village"),
        rpt.t("households"),
        *[rpt.t(k) for k in KEYS[:-1]],
        rpt.t("poor_end"),
        rpt.t("rate_pct"),
        rpt.t("em_poor_end"),
    ]
    em = rpt.em_figures_of(rpt.year)
    rows: list[list[object]] = []
    totals: list[int] = []
    if rpt.unit is None:
        f = rpt.figures_of(rpt.year)
        for area in ("urban", "rural"):
            units = [u.name for u in registry.units_in_year(rpt.year) if u.area == area]
            for r in f.loc[f["commune"].isin(units)].itertuples():
                em_poor = em.loc[em["commune"] == r.commune, "poor"]
                rows.append(
                    [
                        r.commune,
                        rpt.n(r.households),
                        *[rpt.n(getattr(r, k)) for k in KEYS],
                        rpt.pct(r.poor_rate),
                        rpt.n(None if em_poor.empty else em_poor.iloc[0]),
                    ]
                )
            part_rows = f.loc[f["commune"].isin(units)]
            s = _sum(part_rows)
            hh = [present(v) for v in part_rows["households"]]
            households = None if any(v is None for v in hh) else sum(hh)  # type: ignore[misc]
            em_part = em.loc[em["commune"].isin(units), "poor"]
            totals.append(len(rows))
            rows.append(
                [
                    rpt.t(f"area_{area}"),
                    rpt.n(households),
                    *[rpt.n(s[k]) for k in KEYS],
                    rpt.pct(indicators.percent(s["poor"], households)),  # type: ignore[arg-type]
                    rpt.n(em_part.sum(min_count=1)),
                ]
            )
        total = f.iloc[-1]
        em_total = em.loc[em["commune"].isna(), "poor"]
        totals.append(len(rows))
        rows.append(
            [
                rpt.t("district_total"),
                rpt.n(total["households"]),
                *[rpt.n(total[k]) for k in KEYS],
                rpt.pct(total["poor_rate"]),
                rpt.n(None if em_total.empty else em_total.iloc[0]),
            ]
        )
        nodes: list[Node] = [
            table(header, rows, num_cols=range(1, 10), total_rows=totals, small=True)
        ]
    else:
        nodes = _villages(rpt)
    return part(block(heading, annex_line(rpt), *nodes, new_page=True))


def _villages(rpt: Report) -> list[Node]:
    """A commune's review per village, with its total: the transitions follow households
    (indicators.village_summary), so the villages add up to the commune's row of II.3. In
    the first review under a new standard: the lists at the end of the year only."""
    v = rpt.villages()
    withheld = [f for f in rpt.self_check() if f.identity in ("villages", "flow")]
    if withheld:
        v = v.assign(**{k: pd.NA for k in KEYS[:-1]})  # not printed: they do not add up
    keys = ("poor", "near_poor") if rpt.baseline else KEYS
    header = [rpt.t("village"), rpt.t("reviewed")]
    header += (
        [rpt.t("poor_end"), rpt.t("near_poor_end")]
        if rpt.baseline
        else [rpt.t(k) for k in (*KEYS[:-1], "poor_end")]
    )
    rows: list[list[object]] = [
        [r.village, rpt.n(r.reviewed), *[rpt.n(getattr(r, k)) for k in keys]]
        for r in v.itertuples()
    ]
    rows.append(
        [
            rpt.t("total"),
            rpt.n(v["reviewed"].sum()),
            *[rpt.n(v[k].sum(min_count=len(v)) if len(v) else None) for k in keys],
        ]
    )
    n = len(header)
    nodes: list[Node] = [
        table(header, rows, num_cols=range(1, n), total_rows=[len(rows) - 1], small=True),
        note(rpt.t("village_rate_note")),
    ]
    if withheld:
        names = ", ".join(dict.fromkeys(rpt.t(f"identity_{f.identity}") for f in withheld))
        nodes.append(note(rpt.t("withheld_note", identities=names)))
    return nodes


def budget_table(rpt: Report) -> Part:
    """Appendix 2: every budget line of the year (the district's own and each unit's)."""
    heading = rpt.t("a_budget", year=rpt.year)
    if not rpt.programme_running:
        return part(
            block(
                heading,
                annex_line(rpt),
                note(rpt.t("programme_not_started", year=rpt.year)),
                new_page=True,
            )
        )
    b = rpt.budget_lines()
    if b.empty:
        notes = rpt.missing_table_note("budget") or [note(rpt.t("no_rows"))]
        return part(block(heading, annex_line(rpt), *notes, new_page=True))
    where = [rpt.t("district_level") if pd.isna(c) or c is None else c for c in b["commune"]]
    rows = budget_rows(rpt, b.assign(where=where))
    return part(
        block(
            heading,
            annex_line(rpt),
            table(
                budget_header(rpt), rows, num_cols=[3, 4, 5], total_rows=[len(rows) - 1], small=True
            ),
            new_page=True,
        )
    )
