"""The same figure has the same value in every section and every format: the HTML, the
PDF, the Word file of a report and the year's summary.xlsx (a real render of Hàm Cần 2023
and of Hàm Thạnh 2026, the first review under Decree 351/2025)."""

from __future__ import annotations

from pathlib import Path

import docx
import lxml.html
import openpyxl
import pytest
from pypdf import PdfReader

from reportkit.cli import main
from tests.conftest import RenderDemo

DEMO = Path(__file__).resolve().parents[1] / "data" / "raw"
CASES = [("Hàm Cần", 2023), ("Hàm Thạnh", 2026)]


@pytest.fixture(scope="module")
def outputs(
    tmp_path_factory: pytest.TempPathFactory, demo_raw: Path, render_demo: RenderDemo
) -> dict[tuple[str, int], dict[str, Path]]:
    """Each case's shared render (HTML, PDF, Word) and its year's summary.xlsx."""
    tmp, raw = tmp_path_factory.mktemp("formats"), demo_raw
    processed = raw.parent / "processed"  # the data the reports were rendered from
    out: dict[tuple[str, int], dict[str, Path]] = {}
    for unit, year in CASES:
        paths = render_demo(unit, year, to=("html", "pdf", "docx"))
        summary = tmp / f"summary-{year}.xlsx"
        assert main(["summary", "--year", str(year), "--raw", str(raw), "--processed",
                     str(processed), "--format", "xlsx", "--out", str(summary)]) == 0  # fmt: skip
        out[(unit, year)] = {**paths, "summary": summary}
    return out


def html_tables(path: Path) -> list[list[list[str]]]:
    """Every table of the printed HTML (not the on-screen technical information)."""
    tree = lxml.html.fromstring(path.read_bytes())
    tables = tree.xpath('//table[not(ancestor::section[contains(@class, "screen-only")])]')

    def cells(tr: lxml.html.HtmlElement) -> list[str]:
        return [" ".join(c.text_content().split()) for c in tr.xpath("./th|./td")]

    return _figures_only([[cells(tr) for tr in t.xpath(".//tr")] for t in tables])


def _figures_only(tables: list[list[list[str]]]) -> list[list[list[str]]]:
    """Tables without the form's (masthead, signature), which hold no figure."""
    form = ("CỘNG HÒA", "Nơi nhận")
    return [t for t in tables if not any(m in c for r in t for c in r for m in form)]


def docx_tables(path: Path) -> list[list[list[str]]]:
    """Every table of the Word body but the form's (masthead, signature: no figures)."""
    tables = docx.Document(str(path)).tables
    return _figures_only(
        [[[" ".join(c.text.split()) for c in r.cells] for r in t.rows] for t in tables]
    )


@pytest.mark.parametrize("case", CASES)
def test_word_and_html_print_the_same_tables(outputs, case) -> None:
    html, word = html_tables(outputs[case]["html"]), docx_tables(outputs[case]["docx"])
    assert len(word) == len(html) > 5
    assert word == html


def test_word_appendix_headings_are_in_decree_30_capitals(outputs) -> None:
    paragraphs = [p.text for p in docx.Document(str(outputs[("Hàm Cần", 2023)]["docx"])).paragraphs]
    at = paragraphs.index("PHỤ LỤC 1. KẾT QUẢ RÀ SOÁT HỘ NGHÈO NĂM 2023")
    assert paragraphs[at + 1].startswith("(Kèm theo Báo cáo số …………/BC-UBND ngày")
    assert "PHỤ LỤC 2. KINH PHÍ THỰC HIỆN CHƯƠNG TRÌNH NĂM 2023" in paragraphs
    assert not any("Chất lượng dữ liệu" in p for p in paragraphs)


@pytest.mark.parametrize("case", CASES)
def test_the_pdf_prints_every_figure_of_the_html_tables(outputs, case) -> None:
    pdf = " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(outputs[case]["pdf"]).pages
    )
    numbers = {
        cell
        for table in html_tables(outputs[case]["html"])
        for row in table
        for cell in row[1:]
        if cell and cell[0].isdigit()
    }
    assert sorted(n for n in numbers if n not in pdf) == []


def _summary_row(path: Path, unit: str) -> dict[str, object]:
    ws = openpyxl.load_workbook(path).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    header = rows[0]
    return next(dict(zip(header, r, strict=True)) for r in rows[1:] if r[1] == unit)


def test_summary_xlsx_has_the_reports_figures(outputs) -> None:
    # Hàm Cần 2023, worked out from the demo data: 1.676 resident households, 308 reviewed,
    # 56 poor (3,34 %), 73 near-poor; 71 poor at the start, 25 escaped, 2 removed, 7 fell back,
    # 5 new (71 − 25 − 2 + 7 + 5 = 56).
    row = _summary_row(outputs[("Hàm Cần", 2023)]["summary"], "Hàm Cần")
    keys = ["households", "reviewed", "poor", "poor_rate", "near_poor", "poor_start", "escaped"]
    keys += ["removed", "fell_back", "new_poor"]
    assert [row[k] for k in keys] == [1676, 308, 56, 3.34, 73, 71, 25, 2, 7, 5]
    trend = html_tables(outputs[("Hàm Cần", 2023)]["html"])[0]
    assert ["2023", "1.676", "308", "56", "3,34", "73", "4,36", "97"] in trend
    review = next(t for t in html_tables(outputs[("Hàm Cần", 2023)]["html"]) if t[0][0] == "Nhóm")
    assert review[1] == ["Tất cả các hộ", "71", "25", "2", "7", "5", "56"]


def test_summary_xlsx_gives_no_change_in_a_baseline_year(outputs) -> None:
    row = _summary_row(outputs[("Hàm Thạnh", 2026)]["summary"], "Hàm Thạnh")
    assert [row[k] for k in ("poor", "near_poor", "poor_start", "escaped", "new_poor")] == [
        133,
        404,
        None,
        None,
        None,
    ]
