"""Key figures: counts and rates against the targets, with a verdict only where it is valid."""

from __future__ import annotations

import pandas as pd

from reportkit import indicators
from reportkit.document import Part, para, section, table
from reportkit.report.spec import Report, present


def key_figures(rpt: Report) -> Part:
    cur = rpt.row_of(rpt.year)
    prev = rpt.row_of(rpt.year - 1)
    y0, y1 = rpt.year - 1, rpt.year

    def val(row: pd.Series | None, col: str) -> object:
        return None if row is None else present(row[col])

    def diff(col: str) -> float | None:
        a, b = val(prev, col), val(cur, col)
        if a is None or b is None:
            return None
        return round(float(b) - float(a), 2)  # type: ignore[arg-type]

    def now(text: str, col: str) -> str:
        """This year's figure, or "Không có số liệu" when the data lacks it."""
        return text if val(cur, col) is not None else rpt.t("no_data")

    drop = None if diff("poor_rate") is None else -diff("poor_rate")  # type: ignore[operator]

    def count_and_rate(status: str, target_column: str) -> list[list[object]]:
        target = rpt.target(y1, target_column)
        rate = f"{status}_rate"
        return [
            [
                rpt.t(f"{status}_households"),
                rpt.n(val(prev, status)),
                now(rpt.n(val(cur, status)), status),
                rpt.signed(diff(status), 0),
                rpt.t("no_target"),
                rpt.t("no_target"),
            ],
            [
                rpt.t(rate),
                rpt.pct(val(prev, rate)),
                now(rpt.pct(val(cur, rate)), rate),
                rpt.signed(diff(rate)),
                rpt.pct(target),
                rpt.verdict(val(cur, rate), target),
            ],
        ]

    rows = count_and_rate("poor", "poverty_rate_target")
    rows.append(
        [
            rpt.t("poor_rate_drop"),
            "",
            rpt.pct(drop),
            "",
            rpt.t("national_drop_target"),
            rpt.verdict(drop, 1.0, "at_least"),
        ]
    )
    rows += count_and_rate("near_poor", "near_poor_rate_target")
    em = rpt.em_rates
    if em.get(y1) is not None:
        em_drop = None if em.get(y0) is None else round(em[y0] - em[y1], 2)  # type: ignore[operator]
        rows.append(
            [
                rpt.t("em_poor_rate"),
                rpt.pct(em.get(y0)),
                rpt.pct(em[y1]),
                rpt.signed(None if em_drop is None else -em_drop),
                "",
                "",
            ]
        )
        rows.append(
            [
                rpt.t("em_poor_rate_drop"),
                "",
                rpt.pct(em_drop),
                "",
                rpt.t("national_em_target"),
                rpt.verdict(em_drop, 3.0, "more_than"),
            ]
        )
    budget = rpt.budget_lines()
    if not budget.empty:
        alloc, disb = budget["allocated_vnd"].sum(), budget["disbursed_vnd"].sum()
        rows.append(
            [
                rpt.t("disbursement_rate"),
                "",
                rpt.pct(indicators.percent(disb, alloc)),
                "",
                rpt.t("no_target"),
                rpt.t("no_target"),
            ]
        )
    header = [
        rpt.t("indicator"),
        rpt.t("prev_year", year=y0),
        rpt.t("prev_year", year=y1),
        rpt.t("change"),
        rpt.t("target"),
        rpt.t("assessment"),
    ]
    note = rpt.t("key_note", households=rpt.n(val(cur, "households")))
    notes = [para(text, style="note") for text in rpt.missing_notes(y1)]
    return section(
        rpt.t("s_key"), *notes, table(header, rows, num_cols=[1, 2, 3, 4]), para(note, style="note")
    )
