"""I. The situation (đặc điểm tình hình): households and the poverty situation over the
years, by village (commune), ethnic minorities, farming households and the deprivations
of poor and near-poor households."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from reportkit import domain
from reportkit.data import registry
from reportkit.figures import indicators, lineage
from reportkit.report import charts
from reportkit.report.deprivation import deprivation
from reportkit.report.document import Heading, block, figure, note, para, part, table
from reportkit.report.quality import checked_sentence
from reportkit.report.spec import Report

if TYPE_CHECKING:  # annotations only
    from reportkit.report.document import Block, Node, Part


def _coverage(rpt: Report) -> list[Node]:
    """The area report's coverage when some of the area's units sent no data: its units
    with data of the area's units ("6/124"), named (up to 20)."""
    if rpt.unit is not None:
        return []
    n, total = indicators.coverage(rpt.data, rpt.year)
    if n == total:
        return []
    names = [u.name for u in indicators.participating(rpt.data, rpt.year)]
    listed = f" ({', '.join(names)})" if n <= 20 else ""
    return [para(rpt.t("coverage_sentence", n=rpt.n(n), total=rpt.n(total), units=listed))]


def _opening(rpt: Report) -> list[Node]:
    """One drafted sentence: households, households reviewed and their classification."""
    r = rpt.row_of(rpt.year)
    standard = para(f"{rpt.standard_sentence} {checked_sentence(rpt)}")
    if r is None or not rpt.has_households(rpt.year):
        return [standard]
    return [
        standard,
        *_coverage(rpt),
        para(
            rpt.t(
                "situation_sentence",
                year=rpt.year,
                place=rpt.place_name,
                **rpt.numbers(r, ("households", "reviewed", "poor", "near_poor", "average")),
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
                _year_label(rpt, y),
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
    merged = _merged_years(rpt, [c["year"] for c in chart_rows])
    chart = charts.line_chart(
        pd.DataFrame(chart_rows),
        "year",
        ["poor_rate", "near_poor_rate"],
        labels=[rpt.t("poor"), rpt.t("near_poor")],
        lang=rpt.lang,
        value_fmt=rpt.pct,
        marks=_marks(rpt, [c["year"] for c in chart_rows], merged),
    )
    parts: list[Node | Block] = [
        *_opening(rpt),
        Heading(rpt.t("trend_heading"), 3),
        table(header, rows, num_cols=range(1, 8)),
        *_lineage_note(rpt, merged),
        figure(chart, rpt.t("rates_chart")),
    ]
    if rpt.unit is not None:
        parts += _villages(rpt)
    parts += _ethnic_minority(rpt)
    parts += _agri(rpt)
    parts.append(deprivation(rpt))
    return part(block(rpt.t("s_situation"), *parts))


def _merged_years(rpt: Report, years: list[int]) -> list[int]:
    """The years shown whose figures are lineage sums: a successor commune's, or, in the
    report of an area formed by the reform, the former units now in its units with data."""
    if rpt.unit is None:
        return [y for y in years if registry.area_for(y) != rpt.area]
    return [y for y in years if not rpt.unit.valid_in(y)]


def _since(rpt: Report) -> int:
    """The first year of the unit (or the area) whose earlier years are lineage sums."""
    first = rpt.unit.valid_from if rpt.unit is not None else rpt.area.first_year  # type: ignore[union-attr]
    return first if first is not None else rpt.year


def _marks(rpt: Report, years: list[int], merged: list[int]) -> list[tuple[float, str]]:
    """Where the series changes meaning: the 2025 merger (a successor's lineage before it)
    and the first year of each new poverty standard after the first year shown."""
    out = []
    if merged:
        out.append((_since(rpt) - 0.5, rpt.t("merger_mark")))
    for before, year in zip(years, years[1:], strict=False):
        new = domain.standard_for_year(year)
        if new.id != domain.standard_for_year(before).id:
            out.append((year - 0.5, rpt.t("standard_mark", basis=new.legal_basis)))
    return out


def _year_label(rpt: Report, year: int) -> str:
    """The year, starred when its figures are the sum of the units merged later."""
    return f"{year}*" if _merged_years(rpt, [year]) else str(year)


def _lineage_note(rpt: Report, merged: list[int]) -> list[Node]:
    """Which units the starred years add up (a commune's former units; for an area, how
    many former units its units with data cover), under which resolution."""
    if not merged:
        return []
    years = {"first": merged[0], "last": merged[-1], "since": _since(rpt)}
    unit = rpt.unit
    if unit is None:
        parts = lineage.area_parts(rpt.data, rpt.year, merged[-1])
        covered = indicators.participating(rpt.data, rpt.year)
        text = rpt.t("area_lineage_note", n=rpt.n(len(parts)), covered=rpt.n(len(covered)), **years)
        return [note(text)]
    names: list[str] = []
    for y in (merged[0], merged[-1]):
        names += [name for name in rpt.parts_in(y) if name not in names]
    kind = rpt.t("unit_kind_" + unit.kind).lower()  # vi: "xã", "phường"; en: "commune"
    basis = f"; {unit.basis}" if unit.basis else ""
    text = rpt.t("lineage_note", units=", ".join(names), unit_kind=kind, basis=basis, **years)
    return [note(text)]


def _villages(rpt: Report) -> list[Node]:
    head = Heading(rpt.t("by_village"), 3)
    if not rpt.has_households(rpt.year):
        return [head, para(rpt.t("no_rows"), style="note")]
    v = rpt.villages()
    # Villages of last year's list only (renamed or merged since) reviewed no one this year:
    # they appear in Appendix 1, where their transitions count, not in this year's list.
    v = v.loc[v["reviewed"] > 0]
    rows = [
        [r.village, rpt.n(r.reviewed), rpt.n(r.poor), rpt.n(r.near_poor)] for r in v.itertuples()
    ]
    rows.append([rpt.t("total"), *[rpt.n(v[k].sum()) for k in ("reviewed", "poor", "near_poor")]])
    header = [rpt.t("village"), rpt.t("reviewed"), rpt.t("poor"), rpt.t("near_poor")]
    return [head, table(header, rows, num_cols=[1, 2, 3], total_rows=[len(rows) - 1])]


def _ethnic_minority(rpt: Report) -> list[Node]:
    rows = []
    for y in [y for y in rpt.data.years() if y <= rpt.year]:
        r = rpt.em_row_of(y)
        if r is None or not rpt.has_households(y):
            rows.append([_year_label(rpt, y), *[rpt.t("no_data")] * 3])  # not zeros: no data
            continue
        rows.append(
            [_year_label(rpt, y), rpt.n(r["reviewed"]), rpt.n(r["poor"]), rpt.n(r["near_poor"])]
        )
    header = [rpt.t("year"), rpt.t("em_reviewed"), rpt.t("poor"), rpt.t("near_poor")]
    return [Heading(rpt.t("em_heading"), 3), table(header, rows, num_cols=[1, 2, 3])]


def _agri(rpt: Report) -> list[Node]:
    cur = indicators.unit_rows(rpt.data.households, rpt.year, rpt.commune)
    avg = cur.loc[cur["recorded_status"] == "average"]
    n = int((avg["agri_sector"].fillna(0) == 1).sum())
    text = rpt.t("agri_sentence", year=rpt.year, n=rpt.n(n), total=rpt.n(len(avg)))
    return [Heading(rpt.t("agri_heading"), 3), para(text)]
