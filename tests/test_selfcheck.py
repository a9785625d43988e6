"""The report's self-check (reportkit.report.selfcheck): each identity an annual report
satisfies, as a specification with hand-worked values — where it holds, where it fails,
and what the report prints when it fails ("–" and why, never a wrong number)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from reportkit.data import registry
from reportkit.data.datasource import dataset, processed_dir, provided
from reportkit.figures import indicators
from reportkit.report import AnnualReport, open_report
from reportkit.report.document import plain_text
from reportkit.report.selfcheck import (
    Failure,
    as_problems,
    baseline,
    em_rate,
    flow,
    parts_add_up,
    rates,
    withhold,
)
from tests.conftest import household, make_dataset

DEMO = Path(__file__).resolve().parents[1] / "data" / "raw"

ROW = {
    "households": 200,
    "reviewed": 40,
    "poor": 8,
    "near_poor": 6,
    "poor_rate": 4.0,  # 8 / 200
    "near_poor_rate": 3.0,  # 6 / 200
    "poor_start": 10,
    "escaped": 3,
    "removed": 1,
    "fell_back": 0,
    "new_poor": 2,  # 10 − 3 − 1 + 0 + 2 = 8
}


def test_flow_holds_when_start_minus_exits_plus_entries_is_the_end() -> None:
    assert flow(ROW, "Hàm Thạnh", 2023) == []


def test_flow_fails_and_names_unit_year_and_figures() -> None:
    assert flow(ROW | {"poor": 9}, "Hàm Thạnh", 2023) == [
        Failure("Hàm Thạnh", 2023, "flow", "10 − 3 − 1 + 0 + 2 ≠ 9")
    ]


def test_flow_is_not_judged_without_every_figure() -> None:
    assert flow(ROW | {"poor_start": None, "poor": 9}, "Hàm Thạnh", 2023) == []


def test_a_rate_is_its_count_over_the_resident_households() -> None:
    assert rates(ROW, "Hàm Thạnh", 2023) == []
    assert rates(ROW | {"poor_rate": 4.1}, "Hàm Thạnh", 2023) == [
        Failure("Hàm Thạnh", 2023, "rate", "poor_rate 4.1 ≠ 100 × 8 / 200 = 4.0")
    ]


def test_more_households_reviewed_than_resident_breaks_the_rate() -> None:
    # 16 reviewed, 4 resident: "400,00 %" must never print.
    row = ROW | {"households": 4, "reviewed": 16, "poor": 16, "poor_rate": 400.0}
    failures = rates(row, "Hàm Cần", 2024)
    assert failures[0] == Failure(
        "Hàm Cần", 2024, "reviewed_households", "16 reviewed > 4 resident households"
    )
    assert [f.identity for f in failures] == ["reviewed_households", "rate"]


def test_no_transition_in_the_first_review_of_a_standard() -> None:
    assert baseline(ROW, "Hàm Thạnh", 2025) == []
    assert baseline(ROW, "Hàm Thạnh", 2026) == [
        Failure(
            "Hàm Thạnh",
            2026,
            "standard",
            "poor_start, escaped, removed, fell_back, new_poor computed across two standards"
            " (2025 → 2026)",
        )
    ]
    nothing = dict.fromkeys(("poor_start", "escaped", "removed", "fell_back", "new_poor"))
    assert baseline(ROW | nothing, "Hàm Thạnh", 2026) == []


def test_the_ethnic_minority_rate_is_on_its_own_base() -> None:
    # Hàm Thạnh 2025: 75 poor EM households of 1,413 = 5,31 %; of 1,379 it would be 5,44 %.
    assert em_rate(75, 1413, 5.31, "Hàm Thạnh", 2025) == []
    assert em_rate(75, 1379, 5.31, "Hàm Thạnh", 2025) == [
        Failure("Hàm Thạnh", 2025, "rate_em", "5.31 ≠ 100 × 75 / 1379 = 5.44")
    ]


def test_parts_add_up_to_the_whole() -> None:
    villages = pd.DataFrame({"reviewed": [25, 15], "poor": [3, 4], "escaped": [2, 1]})
    whole = {"reviewed": 40, "poor": 8, "escaped": 3}
    assert parts_add_up(
        villages, whole, ("reviewed", "poor", "escaped"), "X", 2023, "villages"
    ) == [Failure("X", 2023, "villages", "poor 7 ≠ 8")]
    assert parts_add_up(villages, whole | {"poor": 7}, ("poor",), "X", 2023, "villages") == []


def test_a_failed_identity_blanks_what_it_concerns() -> None:
    row = pd.Series(ROW | {"poor": 9}, dtype=object)
    out = withhold(row, flow(row, "X", 2023))
    assert [out[k] for k in ("poor_start", "escaped", "removed", "fell_back", "new_poor")] == [
        None
    ] * 5
    assert out["poor"] == 9 and out["poor_rate"] == 4.0


def test_a_failure_is_an_error_row_naming_unit_year_and_identity() -> None:
    rows = as_problems([Failure("Hàm Cần", 2024, "rate", "poor_rate 400.0 ≠ …")])
    assert rows.loc[0, ["year", "commune", "severity", "check"]].tolist() == [
        2024,
        "Hàm Cần",
        "error",
        "identity_rate",
    ]
    assert rows.loc[0, "message"].startswith("self-check: Hàm Cần 2024: identity 'rate' fails")


def _report(
    rows: list[dict[str, object]], pop: dict[tuple[int, str], int], year: int
) -> AnnualReport:
    data = make_dataset(rows, pop)
    unit = registry.unit_in_year("Hàm Thạnh", year)
    return AnnualReport(data=data, year=year, unit=unit, lang="vi", data_dir=Path("."))


def test_households_without_a_village_break_the_villages_identity_and_print_dashes() -> None:
    # 2022: A, B poor in Thôn 1. 2023: A escaped, B still poor, C (no village) newly poor.
    rows = [
        household(2022, "A", "poor"),
        household(2022, "B", "poor"),
        household(2023, "A", "near_poor"),
        household(2023, "B", "poor"),
        household(2023, "C", "poor", village=None),  # type: ignore[arg-type]
    ]
    rpt = _report(rows, {(2022, "Hàm Thạnh"): 100, (2023, "Hàm Thạnh"): 100}, 2023)
    assert rpt.self_check() == [
        Failure("Hàm Thạnh", 2023, "villages", "reviewed 2 ≠ 3; poor 1 ≠ 2; new_poor 0 ≠ 1")
    ]
    appendix = plain_text(rpt.review_table())
    assert "Thôn 1 | 2 | – | – | – | – | – | 1" in appendix
    assert "số liệu các thôn, khu phố không cộng đúng bằng số liệu của xã" in appendix
    assert "Một số số liệu không được in (–)" in plain_text(rpt.targets())


def test_more_reviewed_than_resident_prints_no_rate_and_says_why() -> None:
    rows = [household(2023, h, "poor") for h in "ABCDEF"]
    rpt = _report(rows, {(2023, "Hàm Thạnh"): 4}, 2023)
    text = plain_text(rpt.targets())
    assert "Tỷ lệ hộ nghèo (%) | – | Không có số liệu |" in text
    assert "150,00" not in text
    assert "số hộ rà soát lớn hơn tổng số hộ dân cư" in text


# The demo reports of each review year: the 13 units and the district up to 2024, the six
# successor communes from 2025 (68 in all).
DEMO_REPORTS = {2021: 14, 2022: 14, 2023: 14, 2024: 14, 2025: 7, 2026: 7}


@pytest.mark.parametrize("year", list(DEMO_REPORTS))  # one a year: they run in parallel
def test_the_self_check_passes_on_every_demo_report(year: int) -> None:
    checked = 0
    data = dataset(DEMO, processed_dir(DEMO))
    units = [u.name for u in indicators.participating(data, year)]  # 6 of Lâm Đồng's 124
    with provided(data):  # read once for the year's reports
        for name in [*units, *([None] if registry.has_area(year) else [])]:
            assert open_report(name, year, DEMO).self_check() == [], (name, year)
            checked += 1
    assert checked == DEMO_REPORTS[year]
    assert sum(DEMO_REPORTS.values()) == 70


@pytest.mark.parametrize(("unit", "year"), [("Tuyên Quang", 2025), ("Hàm Thạnh", 2025)])
def test_villages_add_up_to_the_commune_across_the_merger(unit: str, year: int) -> None:
    rpt = open_report(unit, year, DEMO)
    v = indicators.village_summary(rpt.data, year, unit)
    row = rpt.row_of(year)
    keys = ["reviewed", "poor", "poor_start", "escaped", "removed", "fell_back", "new_poor"]
    assert [int(v[k].sum()) for k in keys] == [int(row[k]) for k in keys]  # type: ignore[index]


# --- the defects the self-check was built for (issue: every printed figure agrees) --------


def test_a_village_keeps_its_households_history_across_the_merger() -> None:
    # Hàm Mỹ's household X: poor 2023, near-poor 2024 (Thôn 1), poor again in 2025 in the
    # successor Tuyên Quang, whose villages are renamed "Thôn 1 (Hàm Mỹ)": it fell back.
    # Y: poor 2024 in Tiến Lợi, not poor 2025: escaped. Z: new in 2025.
    rows = [
        household(2023, "X", "poor", commune="Hàm Mỹ"),
        household(2024, "X", "near_poor", commune="Hàm Mỹ"),
        household(2024, "Y", "poor", commune="Tiến Lợi"),
        household(2025, "X", "poor", commune="Tuyên Quang", village="Thôn 1 (Hàm Mỹ)"),
        household(2025, "Y", "average", commune="Tuyên Quang", village="Thôn 1 (Tiến Lợi)"),
        household(2025, "Z", "poor", commune="Tuyên Quang", village="Thôn 1 (Tiến Lợi)"),
    ]
    data = make_dataset(rows, {(2025, "Tuyên Quang"): 100})
    v = indicators.village_summary(data, 2025, "Tuyên Quang").set_index("village")
    columns = ["reviewed", "poor_start", "escaped", "fell_back", "new_poor", "poor"]
    assert v[columns].astype(int).values.tolist() == [[1, 0, 0, 1, 0, 1], [2, 1, 1, 0, 1, 1]]
    assert list(v.index) == ["Thôn 1 (Hàm Mỹ)", "Thôn 1 (Tiến Lợi)"]


def test_the_first_review_under_decree_351_is_a_baseline() -> None:
    f = indicators.household_figures(open_report("Hàm Thạnh", 2026, DEMO).data, 2026)
    row = f.loc[f["commune"] == "Hàm Thạnh"].iloc[0]
    assert [row[k] for k in ("poor", "near_poor")] == [133, 404]
    assert row[["poor_start", "escaped", "fell_back", "new_poor"]].isna().all()
    rpt = open_report("Hàm Thạnh", 2026, DEMO)
    targets, review = plain_text(rpt.targets()), plain_text(rpt.review())
    assert "Số hộ nghèo (hộ) | 110 | 133 | Không so sánh (khác chuẩn) | – | –" in targets
    assert "| 2,23 | Không so sánh (khác chuẩn)" in targets  # the plan, not judged
    for wrong in ("tăng 23 hộ", "tăng 3,95", "Không đạt", "90/QĐ-TTg", "tham chiếu mục tiêu"):
        assert wrong not in targets
    # The end of 2026 and, labelled, 2025's list of 750 households under the new lines.
    assert "Tất cả các hộ | 163 | 395 | 133 | 404" in review
    assert "750 hộ trong danh sách rà soát năm 2025 được xếp loại lại" in review
    assert "Tái nghèo" not in review and "thoát nghèo, 4 hộ" not in review
    assert "(trên 12 chỉ số của phiếu rà soát)" in plain_text(rpt.situation())
    appendix = plain_text(rpt.review_table())
    assert "Tổng cộng | 705 | 133 | 404" in appendix


def test_each_ethnic_minority_rate_is_printed_beside_its_own_base() -> None:
    text = plain_text(open_report("Hàm Cần", 2023, DEMO).targets())
    assert "Số hộ dân tộc thiểu số (hộ) | 491 | 501 | tăng 10 |" in text
    assert "Số hộ nghèo DTTS (hộ) | 54 | 39 | giảm 15 |" in text
    assert "Tỷ lệ hộ nghèo DTTS (%) | 11,00 | 7,78 | giảm 3,22 |" in text  # 54/491, 39/501
    assert "(11,00%: 54 hộ nghèo trên 491 hộ dân tộc thiểu số)" in text


def test_rates_in_sentences_have_one_format() -> None:
    text = plain_text(open_report("Hàm Thạnh", 2025, DEMO).monitoring())
    assert "Kiến nghị: 3; đã khắc phục: 3 (100,00%)." in text


def test_the_village_table_has_a_total_row() -> None:
    text = plain_text(open_report("Hàm Cần", 2023, DEMO).situation())
    assert "Tổng cộng | 308 | 56 | 73" in text


def test_appendix_headings_are_in_decree_30_capitals_with_their_report() -> None:
    text = plain_text(open_report("Hàm Cần", 2023, DEMO).review_table())
    assert text.startswith(
        "PHỤ LỤC 1. KẾT QUẢ RÀ SOÁT HỘ NGHÈO NĂM 2023\n(Kèm theo Báo cáo số …………/BC-UBND ngày"
        " …… tháng …… năm …… của Ủy ban nhân dân xã Hàm Cần)"
    )


def test_the_ethnic_minority_flow_is_checked_and_blanked_when_it_fails() -> None:
    rpt = _report([household(2023, "A", "poor")], {(2023, "Hàm Thạnh"): 100}, 2023)
    em = pd.Series(ROW | {"poor": 5}, dtype=object)  # 10 − 3 − 1 + 0 + 2 = 8 ≠ 5
    out = rpt._checked(em, 2023, em=True)
    assert rpt.failures == [Failure("Hàm Thạnh", 2023, "flow_em", "10 − 3 − 1 + 0 + 2 ≠ 5")]
    assert out["escaped"] is None and out["poor"] == 5


def test_units_that_do_not_add_up_to_the_area_total_fail() -> None:
    units = pd.DataFrame({"households": [100, 200], "poor": [3, 4], "reviewed": [20, None]})
    total = {"households": 300, "poor": 8, "reviewed": 45}
    assert parts_add_up(units, total, ("households", "poor", "reviewed"), None, 2023, "units") == [
        Failure(None, 2023, "units", "poor 7 ≠ 8")  # reviewed: a unit lacks it, not judged
    ]
