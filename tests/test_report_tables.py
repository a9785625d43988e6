"""Every table of every demo report adds up as printed, and no figure, count or word
that the rules or the data should give is hard-coded (issue 8, §4)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from reportkit.data import registry
from reportkit.data.datasource import provided
from reportkit.figures import indicators
from reportkit.report import Report, charts, open_report
from reportkit.report.document import Table, plain_text, tables

DEMO = Path(__file__).resolve().parents[1] / "data" / "raw"
SECTIONS = (
    "situation",
    "targets",
    "review",
    "projects",
    "monitoring",
    "review_table",
    "budget_table",
    "data_quality",
)


@pytest.fixture(scope="module", autouse=True)
def charts_not_drawn() -> Iterator[None]:
    """The charts are made but not drawn to SVG here (two thirds of the time): no table is
    in a picture (the renders draw them: test_docx, test_formats_agree)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(charts, "_to_svg", lambda fig: charts.SVG(data="<svg/>"))
        yield


@pytest.fixture(scope="module")
def reports() -> dict[tuple[int, str | None], Report]:
    data = open_report(None, 2023, DEMO).data
    out = {}
    with provided(data):  # read once, as a batch worker's reports share the data it got
        for year in data.years():
            units = [u.name for u in indicators.participating(data, year)]  # with data
            for unit in [None, *units] if registry.has_area(year) else units:
                r = open_report(unit, year, DEMO)
                out[(year, unit)] = r
    return out


def number(text: str) -> Decimal | None:
    """A Vietnamese-formatted number ("3.827,054", "1.996", "2,21") or None."""
    if not re.fullmatch(r"-?[\d.]+(,\d+)?", text):
        return None
    return Decimal(text.replace(".", "").replace(",", "."))


def summed_columns(t: Table) -> list[int]:
    """Numeric columns that hold counts or amounts (not rates, shares or ranks)."""
    skip = ("%", "Tỷ lệ", "Thứ hạng", "Rate", "Rank")
    return [i for i, c in enumerate(t.columns) if c.numeric and not any(s in c.title for s in skip)]


def check_totals(t: Table) -> list[str]:
    """Each total row equals the sum of the rows since the previous total row, or, right
    after another total row, the sum of every detail row of the table."""
    wrong = []
    details: list[int] = []
    since: list[int] = []
    for i, row in enumerate(t.rows):
        if i not in t.total_rows:
            details.append(i)
            since.append(i)
            continue
        parts = since or details
        for c in summed_columns(t):
            total = number(row[c])
            values = [number(t.rows[j][c]) for j in parts]
            if total is None or any(v is None for v in values):
                continue
            if sum(values) != total:  # type: ignore[arg-type]
                wrong.append(f"{t.columns[c].title}: {row[0]} {row[c]} != {sum(values)}")  # type: ignore[arg-type]
        since = []
    return wrong


# The tables with total rows of each review year's reports (the district and its 13 units
# up to 2024, the six successor communes and tỉnh Lâm Đồng from 2025): 366 in all.
TABLES_WITH_TOTALS = {2021: 43, 2022: 81, 2023: 83, 2024: 87, 2025: 50, 2026: 22}


@pytest.mark.parametrize("year", list(TABLES_WITH_TOTALS))  # one a year: they run in parallel
def test_every_total_is_the_sum_of_its_displayed_parts(reports, year: int) -> None:
    checked = 0
    problems = []
    assert sorted({y for y, _ in reports}) == list(TABLES_WITH_TOTALS)
    for (y, unit), r in reports.items():
        if y != year:
            continue
        for name in SECTIONS:
            for t in tables(getattr(r, name)()):
                if t.total_rows:
                    checked += 1
                    problems += [f"{year} {unit} {name}: {w}" for w in check_totals(t)]
    assert problems == []
    assert checked == TABLES_WITH_TOTALS[year]  # the walk really covers the reports


def test_unit_counts_of_project_lines_come_from_the_data(reports) -> None:
    text = plain_text(reports[(2023, None)].projects())
    # DA1 has lines in 2 units, DA3 in 4, DA4 in 6, DA5 in 4, DA6 in all 13 (demo data).
    for project, n in (("DA1", 2), ("DA3", 4), ("DA4", 6), ("DA5", 4), ("DA6", 13)):
        line = next(x for x in text.splitlines() if x.startswith(project + " |"))
        assert f"Các xã, thị trấn ({n} đơn vị)" in line


def test_no_programme_lines_before_decision_90(reports) -> None:
    text = plain_text(reports[(2021, None)].projects())
    assert "Quyết định số 90/QĐ-TTg ngày 18/01/2022" in text
    assert "DA7.TDA1" not in text


def test_district_trainings_show_the_units_events_too(reports) -> None:
    text = plain_text(reports[(2023, None)].projects())
    assert "Cấp huyện |  |  | 3 lớp, hội nghị | 405 | 211,932" in text
    assert "Cấp xã |  |  | 5 lớp, hội nghị | 264 | 56,747" in text
    assert "Tổng cộng |  |  | 8 lớp, hội nghị | 669 | 268,679" in text


def test_warning_counts_are_of_the_report_year_only(reports) -> None:
    r = reports[(2023, None)]
    text = plain_text(r.data_quality())
    v = r.data.validation
    v = v.loc[~v["commune"].isin(["Sông Phan", "Tiến Lợi"])]  # outside the district
    warnings = int(((v["year"] == 2023) & (v["severity"] == "warning")).sum())
    warnings += int((v["year"].isna() & (v["severity"] == "warning")).sum())
    assert warnings == 181  # 2023: 115 status disagreements + 66 điểm B mismatches
    assert "có 0 lỗi (dòng bị loại khỏi số liệu) và 181 cảnh báo" in text
    assert "Tổng cộng | 0 | 181" in text  # by check
    assert "Cộng các đơn vị | 0 | 181 | 115" in text  # by unit: the same 181


def test_direction_words_never_a_signed_change(reports) -> None:
    for key in ((2023, None), (2023, "Hàm Thạnh"), (2024, "Thuận Nam")):
        text = plain_text(reports[key].targets())
        assert not re.search(r"(giảm|tăng) [−-]", text)
        assert not re.search(r"\| [+−-]\d", text)


def test_problem_counts_agree_in_annex_index_and_workbook(reports) -> None:
    from reportkit.run.batch import year_tables
    from reportkit.run.index import _status

    r = reports[(2023, None)]
    sheet = year_tables(r.data, 2023)["validation"]
    assert (int((sheet["severity"] == "error").sum()), len(sheet)) == (0, 181)
    assert _status(r.data.validation, 2023, None) == '<span class="warn">181 cảnh báo</span>'
    assert "có 0 lỗi (dòng bị loại khỏi số liệu) và 181 cảnh báo" in plain_text(r.data_quality())
    for unit in ("Hàm Thạnh", "Mỹ Thạnh"):
        annex = plain_text(reports[(2023, unit)].data_quality())
        warnings = int(annex.split(" cảnh báo")[0].rsplit(" ", 1)[1])
        assert _status(r.data.validation, 2023, unit) == (
            f'<span class="warn">{warnings} cảnh báo</span>'
        )
        by_unit = next(x for x in plain_text(r.data_quality()).splitlines() if x.startswith(unit))
        assert by_unit.split(" | ")[2] == str(warnings)


def test_no_household_text_in_the_shared_workbook(reports) -> None:
    from reportkit.run.batch import year_tables

    sheet = year_tables(reports[(2023, None)].data, 2023)["validation"]
    assert "head_name" not in set(sheet["column"])
    assert not sheet["message"].str.contains("598-").any()  # no household ids
    assert not sheet["message"].str.contains(r"\d{1,3}(?:,\d{3})+").any()  # nor incomes
