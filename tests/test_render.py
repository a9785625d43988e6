"""Notebook → HTML → PDF: a report, not a notebook; self-contained; byte-identical."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from reportkit.render import (
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
    assert "FutureWarning" not in html


def test_object_reprs_are_not_shown(html: str):
    assert "IPython.core.display.SVG object" not in html
    assert "&lt;DataFrame&gt;" not in html


def test_cells_tagged_remove_vanish(html: str):
    assert "REMOVED-CELL" not in html


def test_title_block_and_synthetic_banner(html: str):
    assert f'<h1 class="rk-title">{TITLE}</h1>' in html
    assert "Dữ liệu minh họa" in html
    assert "Synthetic demo data" in html


def test_html_declares_language_and_charset(html: str):
    assert '<html lang="vi">' in html
    # nbconvert re-serialises the page with BeautifulSoup, which self-closes void tags.
    assert re.search(r'<meta charset="utf-8"/?>', html)


def test_figure_is_embedded(html: str):
    assert 'src="data:image/svg+xml;base64,' in html


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


def test_english_reports_number_pages_in_english():
    nb = _notebook()
    nb.metadata["reportkit"].update(lang="en", page_label=None)
    html = notebook_to_html(nb)
    assert '<html lang="en">' in html
    assert 'content: "Page " counter(page) " of " counter(pages);' in html


def test_pdf_keeps_vietnamese_diacritics(pdf_text: str):
    assert HEADING in pdf_text
    assert TITLE in pdf_text


def test_pdf_numbers_pages_in_vietnamese(pdf_text: str):
    assert "Trang 1/" in pdf_text


def test_pdf_carries_running_header_and_synthetic_mark(pdf_text: str):
    assert "Dữ liệu minh họa" in pdf_text


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


def test_html_has_no_absolute_paths(html: str, tmp_path: Path):
    assert str(Path.cwd()) not in html
    assert str(Path.home()) not in html


def test_explicit_template_dir_must_hold_the_template(tmp_path: Path):
    with pytest.raises(TemplateNotFoundError):
        find_template_dir(tmp_path)


def test_repository_templates_are_found_by_default():
    assert (find_template_dir() / "reportkit" / "conf.json").is_file()
