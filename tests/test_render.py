"""Notebook → HTML → PDF: a report, not a notebook; self-contained; byte-identical."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from reportkit.run.render import (
    NonDeterministicOutputError,
    TemplateNotFoundError,
    find_template_dir,
    html_to_pdf,
    notebook_to_html,
    write_html,
)

pypdf = pytest.importorskip("pypdf")

TITLE = "Báo cáo đánh giá giảm nghèo bền vững"
HEADING = "Tình hình hộ nghèo"
CODE = "households_table(year=2023)  # SECRET-SOURCE"
WARNING = "FutureWarning: DataFrameGroupBy.apply operated on the grouping columns"
ESCAPED_VILLAGE = "&lt;script&gt;x&lt;/script&gt;"

SVG_FIGURE = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="120pt" height="40pt" '
    'viewBox="0 0 120 40"><rect x="0" y="0" width="80" height="40" fill="#1f5f8b"/>'
    "<!-- Biểu đồ -->"
    "</svg>"
)

TABLE = (
    '<table class="dataframe"><thead><tr><th>Thôn</th><th class="num">Số hộ</th></tr></thead>'
    f'<tbody><tr><td>{ESCAPED_VILLAGE}</td><td class="num">1.234</td></tr>'
    '<tr><td>Phú Sơn</td><td class="num">56</td></tr></tbody></table>'
)


def _notebook() -> nbformat.NotebookNode:
    nb = new_notebook()
    nb.metadata["reportkit"] = {
        "title": TITLE,
        "subtitle": "Xã Hàm Thạnh, năm 2023",
        "header": "Hàm Thạnh — 2023",
        "lang": "vi",
        "synthetic": True,
        "page_label": "Trang",
    }
    nb.cells = [
        new_markdown_cell(f"# {HEADING}\n\nNăm 2023 có **1.234 hộ** nghèo."),
        new_code_cell(
            CODE,
            execution_count=7,
            outputs=[
                new_output("stream", name="stderr", text=WARNING + "\n"),
                new_output(
                    "execute_result",
                    execution_count=7,
                    data={"text/html": TABLE, "text/plain": "<DataFrame>"},
                ),
            ],
        ),
        new_code_cell(
            "chart()",
            execution_count=8,
            outputs=[
                new_output(
                    "display_data",
                    data={
                        "image/svg+xml": SVG_FIGURE,
                        "text/plain": "<IPython.core.display.SVG object>",
                    },
                )
            ],
        ),
        new_code_cell(
            "hidden()",
            metadata={"tags": ["remove"]},
            execution_count=9,
            outputs=[new_output("stream", name="stdout", text="REMOVED-CELL\n")],
        ),
    ]
    return nb


@pytest.fixture(scope="module")
def html() -> str:
    return notebook_to_html(_notebook())


@pytest.fixture(scope="module")
def pdf_path(html: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return html_to_pdf(html, tmp_path_factory.mktemp("pdf") / "report.pdf")


@pytest.fixture(scope="module")
def pdf_text(pdf_path: Path) -> str:
    reader = pypdf.PdfReader(pdf_path)
    return "\n".join(page.extract_text() for page in reader.pages)


def test_text_from_data_stays_escaped(html: str):
    assert "<script>x</script>" not in html
    assert ESCAPED_VILLAGE in html


def test_no_code_source_in_html(html: str):
    assert "SECRET-SOURCE" not in html
    assert "households_table" not in html


def test_no_prompts(html: str):
    assert "In [" not in html
    assert "In&nbsp;[" not in html
    assert "Out[" not in html


def test_stderr_warnings_are_not_shown(html: str):
    # The warning's cell shows its result (the table) and nothing of its stderr stream,
    # not even an empty wrapper; print() output (stdout) is shown.
    assert "FutureWarning" not in html
    assert "DataFrameGroupBy" not in html
    outputs = html.split('<div class="rk-output">')[1:]
    assert len(outputs) == 2  # the table and the figure: no third, empty one for stderr
    assert outputs[0] == f'<div class="rk-html">\n{TABLE}\n</div></div>\n'
    nb = _notebook()
    nb.cells[1].outputs.insert(0, new_output("stream", name="stdout", text="PRINTED <1>\n"))
    shown = notebook_to_html(nb)
    assert '<pre class="rk-stdout">PRINTED &lt;1&gt;\n</pre>' in shown
    assert "FutureWarning" not in shown


def test_object_reprs_are_not_shown(html: str):
    assert "IPython.core.display.SVG object" not in html
    assert "&lt;DataFrame&gt;" not in html


def test_cells_tagged_remove_vanish(html: str):
    assert "REMOVED-CELL" not in html


def test_page_title_and_synthetic_banner(html: str):
    # The document's own head (Decree 30 form) is content; the template adds only the
    # page title and, for synthetic data, the banner.
    assert f"<title>{TITLE}</title>" in html
    assert 'class="rk-title"' not in html
    assert (
        '<p class="rk-synthetic" role="note"><strong>Dữ liệu minh họa</strong> — Synthetic'
        " demo data: not real statistics</p>"
    ) in html


def test_html_declares_language_and_charset(html: str):
    assert '<html lang="vi">' in html
    # nbconvert re-serialises the page with BeautifulSoup, which self-closes void tags.
    assert re.search(r'<meta charset="utf-8"/?>', html)


def test_figure_is_embedded(html: str):
    # Exactly one figure (the notebook has one chart), its SVG inlined byte for byte.
    img = r'<img alt="" src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"/>'
    found = re.findall(f'<figure class="rk-figure">{img}</figure>', html)
    assert [base64.b64decode(f).decode("utf-8") for f in found] == [SVG_FIGURE]
    assert html.count("<img") == 1 and html.count("<svg") == 0


def test_html_references_no_remote_resources(html: str):
    assert "http://" not in html
    assert "https://" not in html
    assert not re.search(r"<script|<link\b", html)


def test_metadata_text_is_escaped():
    nb = _notebook()
    nb.metadata["reportkit"]["title"] = "A <b>bold</b> & title"
    html = notebook_to_html(nb)
    assert "A &lt;b&gt;bold&lt;/b&gt; &amp; title" in html


def test_error_outputs_stay_visible():
    nb = _notebook()
    nb.cells.append(
        new_code_cell(
            "1/0",
            execution_count=10,
            outputs=[
                new_output(
                    "error",
                    ename="ZeroDivisionError",
                    evalue="division by zero",
                    traceback=["\x1b[31mZeroDivisionError\x1b[0m: division by zero"],
                )
            ],
        )
    )
    html = notebook_to_html(nb)
    assert "ZeroDivisionError: division by zero" in html
    assert "\x1b[" not in html


def test_english_reports_declare_their_language():
    nb = _notebook()
    nb.metadata["reportkit"].update(lang="en")
    assert '<html lang="en">' in notebook_to_html(nb)


def _numbers_at_the_top(page: object) -> list[tuple[str, float]]:
    """Text pieces that are whole numbers in the top 25 mm of a page, with their x (pt)."""
    found: list[tuple[str, float]] = []

    def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
        y = tm[5] * cm[3] + cm[5]
        if text.strip().isdigit() and y > 842 - 25 * 72 / 25.4:
            found.append((text.strip(), tm[4] * cm[0] + cm[4]))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return found


def test_pages_are_numbered_at_the_top_centre_from_page_2(tmp_path: Path):
    nb = _notebook()
    text = "Nội dung báo cáo. " * 40
    nb.cells += [new_markdown_cell(f"Đoạn văn số {i}. {text}") for i in range(30)]
    pdf = pypdf.PdfReader(html_to_pdf(notebook_to_html(nb), tmp_path / "long.pdf"))
    assert len(pdf.pages) >= 3
    assert _numbers_at_the_top(pdf.pages[0]) == []  # no number on the first page
    for i in (1, 2):
        [(number, x)] = _numbers_at_the_top(pdf.pages[i])
        assert number == str(i + 1)
        # Centred over the text block: 30 mm left margin, 15 mm right margin (A4).
        centre = (30 + (210 - 15)) / 2 * 72 / 25.4
        assert abs(x - centre) < 12


def test_pdf_keeps_vietnamese_diacritics(pdf_text: str):
    assert HEADING in pdf_text
    assert "Năm 2023 có 1.234 hộ nghèo." in pdf_text


def test_pdf_carries_the_synthetic_mark_on_the_page(pdf_text: str):
    assert "Dữ liệu minh họa — Synthetic demo data" in pdf_text


def test_pdf_is_a4(pdf_path: Path):
    box = pypdf.PdfReader(pdf_path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_pdf_has_no_creation_date(pdf_path: Path):
    info = pypdf.PdfReader(pdf_path).metadata or {}
    assert "/CreationDate" not in info
    assert "/ModDate" not in info


def test_two_renders_are_byte_identical(html: str, pdf_path: Path, tmp_path: Path):
    again_html = notebook_to_html(_notebook())
    assert again_html == html
    again_pdf = html_to_pdf(again_html, tmp_path / "again.pdf")
    write_html(again_html, tmp_path / "again.html")
    assert (tmp_path / "again.html").read_bytes() == html.encode("utf-8")
    digest = hashlib.sha256
    assert digest(again_pdf.read_bytes()).digest() == digest(pdf_path.read_bytes()).digest()


def test_an_absolute_local_path_in_the_output_is_refused():
    nb = _notebook()
    image = '<img src="/home/analyst/chart.png"/>'
    nb.cells.append(
        new_code_cell("x", outputs=[new_output("display_data", data={"text/html": image})])
    )
    with pytest.raises(NonDeterministicOutputError, match="absolute path"):
        notebook_to_html(nb)


def test_explicit_template_dir_must_hold_the_template(tmp_path: Path):
    with pytest.raises(TemplateNotFoundError):
        find_template_dir(tmp_path)


def test_repository_templates_are_found_by_default(monkeypatch, tmp_path: Path):
    monkeypatch.delenv("REPORTKIT_TEMPLATES", raising=False)
    assert find_template_dir() == Path(__file__).resolve().parents[1] / "templates"
    # The environment variable comes before the repository's folder.
    (tmp_path / "reportkit").mkdir()
    (tmp_path / "reportkit" / "conf.json").write_text("{}")
    monkeypatch.setenv("REPORTKIT_TEMPLATES", str(tmp_path))
    assert find_template_dir() == tmp_path
