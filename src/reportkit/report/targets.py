"""II.2 Results against the targets: the poverty and near-poverty rates, their fall
against the national targets, the ethnic-minority rate, and (district) the units
compared. Drafted sentences first, then the table they come from.

A verdict only where the comparison is valid (see :mod:`.drafting`): no denominator, no
verdict; fewer than MIN_BASE resident households, the count and no verdict; the national
targets judge the district, and a commune's comparison with them is a reference.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from reportkit import domain
from reportkit.figures import indicators
from reportkit.report import charts, drafting
from reportkit.report.document import Heading, block, figure, note, para, part, table
from reportkit.report.spec import EthnicMinorityRate, Report, present

if TYPE_CHECKING:  # annotations only
    from reportkit.report.document import Block, Node, Part


def _val(row: pd.Series | None, col: str) -> object:
    return None if row is None else present(row[col])


def _change(rpt: Report, before: object, now: object, digits: int) -> str:
    """A change in a table cell, in words: "giảm 0,72", "tăng 3", "không đổi"; none across
    two poverty standards."""
    if before is None or now is None:
        return rpt.t("no_target")
    if not rpt.comparable(rpt.year - 1):
        return rpt.t("not_comparable")
    delta = round(float(now) - float(before), digits)  # type: ignore[arg-type]
    if delta == 0:
        return rpt.t("unchanged")
    size = rpt.pct(abs(delta)) if digits else rpt.n(abs(delta))
    return rpt.t("down" if delta < 0 else "up", size=size)


def _national(rpt: Report) -> domain.NationalTargets | None:
    """The national targets the report's change is compared with: those of the review
    year's programme, when it has verified ones and the change is within one standard."""
    p = rpt.programme
    if p is None or p.national_targets is None or not rpt.comparable(rpt.year - 1):
        return None
    return p.national_targets


def sentences(rpt: Report) -> list[str]:
    """The drafted sentences of II.2, in the report's language."""
    y0, y1, lang = rpt.year - 1, rpt.year, rpt.lang
    cur = rpt.row_of(y1)
    # The first review under a new standard is the period's baseline: nothing before it.
    prev = rpt.row_of(y0) if rpt.comparable(y0) else None
    national = _national(rpt)
    binding = rpt.unit is None  # national targets judge the district
    base = _val(cur, "households")
    out = []
    if rpt.baseline and rpt.row_of(y0) is not None:
        out.append(
            rpt.t(
                "baseline_sentence",
                year=y1,
                standard=rpt.standard.id,
                basis=rpt.standard.legal_basis,
                prev=y0,
                prev_basis=domain.standard_for_year(y0).legal_basis,
            )
        )
    now, before = _val(cur, "poor_rate"), _val(prev, "poor_rate")
    text = drafting.rate_sentence(rpt.t_pair("poor_rate_name"), y1, now, before, lang)  # type: ignore[arg-type]
    if now is not None:
        if national is not None:
            drop = None if before is None else round(float(before) - float(now), 2)  # type: ignore[arg-type]
            text += drafting.target_clause(
                drop,
                national.poor_rate_fall,
                national=True,
                binding=binding,
                base=None if base is None else int(base),  # type: ignore[call-overload]
                lang=lang,
            )
        text += "."
    out.append(text)
    counted = drafting.count_sentence(
        rpt.t_pair("poor_count_name"),
        _val(cur, "poor"),
        _val(prev, "poor"),
        lang,  # type: ignore[arg-type]
    )
    if counted:
        out.append(counted)
    now, before = _val(cur, "near_poor_rate"), _val(prev, "near_poor_rate")
    if now is not None:
        out.append(
            drafting.rate_sentence(rpt.t_pair("near_poor_rate_name"), y1, now, before, lang)  # type: ignore[arg-type]
            + "."
        )
    em_now = rpt.em_poverty(y1)
    em_before = rpt.em_poverty(y0) if prev is not None else None
    if em_now is not None and em_now.rate is not None:
        text = rpt.t(
            "em_sentence",
            year=y1,
            rate=drafting.pct(em_now.rate, lang),
            poor=rpt.n(em_now.poor),
            households=rpt.n(em_now.households),
        )
        if em_before is not None and em_before.rate is not None:
            text += ", " + drafting.points(em_now.rate - em_before.rate, lang)
            text += rpt.t(
                "em_start_of_year",
                rate=drafting.pct(em_before.rate, lang),
                poor=rpt.n(em_before.poor),
                households=rpt.n(em_before.households),
            )
            if national is not None:
                text += drafting.target_clause(
                    round(em_before.rate - em_now.rate, 2),
                    (national.ethnic_minority_fall_over, national.ethnic_minority_fall_over),
                    national=True,
                    binding=binding,
                    base=em_now.households,
                    lang=lang,
                    more_than=True,
                )
        out.append(text + ".")
    return out


def _rows(rpt: Report) -> list[list[object]]:
    y0, y1 = rpt.year - 1, rpt.year
    cur, prev = rpt.row_of(y1), rpt.row_of(y0)
    judged = rpt.comparable(y0)

    def now(text: str, col: str) -> str:
        """This year's figure, or "Không có số liệu" when the data lacks it."""
        return text if _val(cur, col) is not None else rpt.t("no_data")

    def verdict(value: object, target: object) -> str:
        # A plan set before a new standard is not judged by the new standard's charts.
        return rpt.verdict(value, target) if judged else rpt.t("not_comparable")

    def count_and_rate(status: str, target_column: str) -> list[list[object]]:
        target = rpt.target(y1, target_column)
        rate = f"{status}_rate"
        return [
            [
                rpt.t(f"{status}_households"),
                rpt.n(_val(prev, status)),
                now(rpt.n(_val(cur, status)), status),
                _change(rpt, _val(prev, status), _val(cur, status), 0),
                rpt.t("no_target"),
                rpt.t("no_target"),
            ],
            [
                rpt.t(rate),
                rpt.pct(_val(prev, rate)),
                now(rpt.pct(_val(cur, rate)), rate),
                _change(rpt, _val(prev, rate), _val(cur, rate), 2),
                rpt.pct(target),
                verdict(_val(cur, rate), target),
            ],
        ]

    rows = count_and_rate("poor", "poverty_rate_target")
    rows += count_and_rate("near_poor", "near_poor_rate_target")
    em_now, em_before = rpt.em_poverty(y1), rpt.em_poverty(y0)
    if em_now is not None and em_now.rate is not None:
        # Each rate beside its own numerator and base: the base changes from year to year.
        before = em_before if em_before is not None else EthnicMinorityRate(None, None, None)
        for key, attr, digits in (
            ("em_households", "households", 0),
            ("em_poor_households", "poor", 0),
            ("em_poor_rate", "rate", 2),
        ):
            a, b = getattr(before, attr), getattr(em_now, attr)
            show = rpt.pct if digits else rpt.n
            rows.append(
                [
                    rpt.t(key),
                    show(a),
                    show(b),
                    _change(rpt, a, b, digits),
                    rpt.t("no_target"),
                    rpt.t("no_target"),
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
    return rows


def targets(rpt: Report) -> Part:
    """II.2, under the heading of part II when it opens the part."""
    y0, y1 = rpt.year - 1, rpt.year
    header = [
        rpt.t("indicator"),
        rpt.t("prev_year", year=y0),
        rpt.t("prev_year", year=y1),
        rpt.t("change"),
        rpt.t("plan_target"),
        rpt.t("assessment"),
    ]
    cur = rpt.row_of(y1)
    nodes: list[Node | Block] = [note(text) for text in rpt.missing_notes(y1)]
    nodes += [para(s) for s in sentences(rpt)]
    nodes.append(table(header, _rows(rpt), num_cols=[1, 2, 3, 4]))
    key_note = rpt.t("key_note", households=rpt.n(_val(cur, "households")))
    p, national = rpt.programme, _national(rpt)
    if national is not None and p is not None and p.decision:
        key_note += " " + rpt.t("national_targets_of", decision=p.decision)
    if not rpt.comparable(y0):
        key = "not_comparable_note" if rpt.row_of(y0) is not None else "baseline_plan_note"
        key_note += " " + rpt.t(key, year=y1, prev=y0)
    nodes.append(note(key_note))
    if rpt.unit is not None and not rpt.unit.valid_in(y0) and rpt.parts_in(y0):
        units = ", ".join(rpt.parts_in(y0))
        nodes.append(note(rpt.t("prev_lineage_note", year=y0, units=units)))
    if rpt.unit is None:
        nodes += units_compared(rpt)
    return part(block(rpt.t("s_targets"), *nodes, level=3))


def units_compared(rpt: Report) -> list[Node | Block]:
    """District: every unit's poverty rate, highest first, against its plan target."""
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
        target = rpt.target_of(r.commune, "poverty_rate_target")
        rows.append(
            [
                rank if rate is not None else "",  # no rate, no rank
                r.commune,
                rpt.n(r.households),
                rpt.n(r.poor),
                rpt.pct(rate),
                _change(rpt, before, rate, 2),
                rpt.pct(target),
                rpt.verdict(rate, target),
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
        ]
    )
    header = [
        rpt.t("rank"),
        rpt.t("unit"),
        rpt.t("households"),
        rpt.t("poor"),
        rpt.t("rate_pct"),
        rpt.t("change"),
        rpt.t("plan_target"),
        rpt.t("assessment"),
    ]
    chart = charts.bar_chart(
        list(units["commune"]),
        [0.0 if pd.isna(v) else v for v in units["poor_rate"]],
        lang=rpt.lang,
        value_fmt=rpt.pct,
    )
    return [
        Heading(rpt.t("units_heading", year=rpt.year), 4),
        table(header, rows, num_cols=[0, 2, 3, 4, 5, 6], total_rows=[len(rows) - 1]),
        note(rpt.t("units_note")),
        figure(chart, rpt.t("units_chart", year=rpt.year)),
    ]
