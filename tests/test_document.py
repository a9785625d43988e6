"""The document model and its HTML renderer."""

from __future__ import annotations

from reportkit.report.document import (
    Bullets,
    FillIn,
    Heading,
    Run,
    block,
    para,
    part,
    plain_text,
    section,
    table,
    tables,
)


def test_html_escapes_every_text_and_marks_numbers_and_totals() -> None:
    doc = section(
        "1. <Kết quả>",
        para("Tỷ lệ ", Run("2,21%", bold=True), " & giảm"),
        table(["Đơn vị", "Hộ nghèo"], [["<script>", "5"], ["Tổng", "5"]], [1], total_rows=[1]),
        Bullets(("a < b",)),
        FillIn("Cần bổ sung: bài học kinh nghiệm"),
    )
    assert doc.html == (
        '<section class="report-section"><h2>1. &lt;Kết quả&gt;</h2>'
        "<p>Tỷ lệ <strong>2,21%</strong> &amp; giảm</p>"
        '<table class="report-table keep"><thead><tr><th>Đơn vị</th><th class="num">Hộ nghèo</th>'
        '</tr></thead><tbody><tr><td class="nowrap">&lt;script&gt;</td><td class="num">5</td>'
        '</tr><tr class="total"><td class="nowrap">Tổng</td><td class="num">5</td></tr>'
        "</tbody></table>"
        "<ul><li>a &lt; b</li></ul>"
        '<p class="fill-in">[Cần bổ sung: bài học kinh nghiệm]</p></section>'
    )


def test_screen_only_block_gets_its_class_and_plain_text_reads_in_order() -> None:
    doc = part(block("Thông tin kỹ thuật", Heading("Phần mềm", 3), screen_only=True))
    assert doc.html.startswith('<section class="report-section screen-only"><h2>')
    assert repr(doc) == "Thông tin kỹ thuật"
    assert plain_text(doc) == "Thông tin kỹ thuật\nPhần mềm"


def test_tables_are_found_anywhere_in_a_part() -> None:
    t1 = table(["a"], [["1"]])
    t2 = table(["b"], [["2"]])
    doc = part(block("A", t1, block("B", t2, level=3)))
    assert tables(doc) == [t1, t2]


def test_every_check_the_validation_can_report_is_worded_in_both_languages() -> None:
    import re
    from pathlib import Path

    from reportkit.report.labels import LABELS

    src = Path(__file__).resolve().parents[1] / "src" / "reportkit"
    codes: set[str] = set()
    for f in src.rglob("*.py"):
        text = f.read_text(encoding="utf-8")
        codes |= set(re.findall(r'check="([a-z_]+)"', text))
        codes |= set(re.findall(r'_file_problem\([^)]*?"([a-z_]+)", ', text))
    # Cleaning names its checks by the column type that failed, and by range.
    from reportkit.data.clean import CONVERTERS

    never_fail = ("str", "household_id")
    codes |= {f"bad_{t}" for t in CONVERTERS if t not in never_fail}
    codes |= {"empty", "below_min", "above_max"}
    assert len(codes) > 25
    assert sorted(c for c in codes if f"check_{c}" not in LABELS) == []
