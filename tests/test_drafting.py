"""Drafted sentences: directions in words, verdicts only on a valid base (issue 8, §3)."""

from __future__ import annotations

from reportkit.report import drafting


def test_a_fall_is_written_as_a_fall_and_a_rise_as_a_rise() -> None:
    assert drafting.points(2.21 - 2.93, "vi") == "giảm 0,72 điểm phần trăm"
    assert drafting.points(6.12 - 5.15, "vi") == "tăng 0,97 điểm phần trăm"
    assert drafting.points(0.0, "vi") == "không thay đổi"
    assert drafting.households(623 - 815, "vi") == "giảm 192 hộ"
    assert drafting.points(-0.72, "en") == "down 0.72 percentage points"


def test_the_district_sentence_of_the_article() -> None:
    text = drafting.rate_sentence(("Tỷ lệ hộ nghèo", "Poor rate"), 2023, 2.21, 2.93, "vi")
    text += drafting.target_clause(
        0.72, (1.0, 1.5), national=True, binding=True, base=28136, lang="vi"
    )
    assert text == (
        "Tỷ lệ hộ nghèo cuối năm 2023 là 2,21%, giảm 0,72 điểm phần trăm so với đầu năm"
        " (2,93%), chưa đạt chỉ tiêu giảm 1–1,5%/năm"
    )


def test_a_fall_of_exactly_one_point_meets_the_target_and_more_than_3_needs_more() -> None:
    met = drafting.target_clause(1.0, (1.0, 1.5), national=True, binding=True, base=500, lang="vi")
    assert met == ", đạt chỉ tiêu giảm 1–1,5%/năm"
    em = drafting.target_clause(
        3.0, (3.0, 3.0), national=True, binding=True, base=500, lang="vi", more_than=True
    )
    assert em == ", chưa đạt chỉ tiêu giảm trên 3%/năm"


def test_a_commune_against_a_national_target_is_a_reference_not_a_verdict() -> None:
    text = drafting.target_clause(
        0.84, (1.0, 1.5), national=True, binding=False, base=1996, lang="vi"
    )
    assert text == " (tham chiếu mục tiêu giảm 1–1,5%/năm của cả nước)"


def test_fewer_than_30_resident_households_give_the_count_and_no_verdict() -> None:
    text = drafting.target_clause(5.0, (1.0, 1.5), national=True, binding=True, base=29, lang="vi")
    assert text == " (chỉ có 29 hộ dân cư: không đủ cơ sở để đánh giá)"
    assert "đạt" not in text


def test_no_rate_no_sentence_of_a_rate() -> None:
    text = drafting.rate_sentence(("Tỷ lệ hộ nghèo", "Poor rate"), 2023, None, 2.93, "vi")
    assert text == "Không có số liệu để tính tỷ lệ hộ nghèo năm 2023."
