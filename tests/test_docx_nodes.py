"""Word output, the document model's part (issue 10): the renderer on nodes made by hand,
the nodes carried in the notebook as JSON beside the HTML, and charts as pictures (the
Word file of a rendered report: tests/test_docx.py)."""

from __future__ import annotations

import base64
import io
import json
import typing
import zipfile
import zlib

import pandas as pd
import pytest
from docxfiles import PROPS, read
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from reportkit.core.errors import ContentError
from reportkit.report import html as html_render
from reportkit.report.charts import line_chart
from reportkit.report.document import (
    MIME_TYPE,
    Block,
    Bullets,
    DocumentDataError,
    FillIn,
    Node,
    Part,
    Run,
    block,
    figure,
    from_data,
    para,
    section,
    table,
)
from reportkit.report.docx import column_widths, content_to_docx, render
from reportkit.report.notebook import Picture, Preformatted, notebook_content
from reportkit.report.raster import svg_to_png

# --- the renderer on nodes made by hand -----------------------------------------------


def test_every_node_type_has_a_word_layout_and_an_html_one() -> None:
    nodes = {*typing.get_args(Node), Block, Part}
    assert nodes - set(render.registry) == set()
    assert nodes - set(html_render.render.registry) - {Part} == set()
    assert {Picture, Preformatted} <= set(render.registry)


def test_a_node_the_renderer_does_not_know_is_a_clear_error() -> None:
    class Gauge:
        pass

    with pytest.raises(ContentError, match="the Word file has no layout for a Gauge node"):
        content_to_docx([Gauge()], PROPS)  # type: ignore[list-item]


def test_text_is_escaped_blocks_start_pages_and_screen_only_blocks_are_left_out() -> None:
    data = content_to_docx(
        [
            block("Phần 1", para("a < b & ", Run("<script>", bold=True))),
            block("Phụ lục", Bullets(("một", "hai")), FillIn("kết luận"), new_page=True),
            block("Thông tin kỹ thuật", para("git abc123"), screen_only=True),
        ],
        PROPS,
    )
    doc = read(data)
    assert [(p.style.name, p.text) for p in doc.paragraphs] == [
        ("Heading 1", "Phần 1"),
        ("Normal", "a < b & <script>"),
        ("Heading 1", "Phụ lục"),
        ("List Bullet", "một"),
        ("List Bullet", "hai"),
        ("Fill In", "[kết luận]"),
    ]
    assert [r.bold for r in doc.paragraphs[1].runs] == [None, True]
    breaks = [p.text for p in doc.paragraphs if p.paragraph_format.page_break_before]
    assert breaks == ["Phụ lục"]
    assert b"&lt;script&gt;" in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")


def test_columns_share_the_width_as_a_browser_does() -> None:
    t = table(["STT", "Nội dung"], [["1", "Một dòng chữ rất dài " * 6], ["12", "ngắn"]], [0])
    # In twips, at 10.5 pt: a character 115.5 (0.55 em), a bold one 126 (0.6 em); a cell's
    # margins and slack 2 × 79 + 115.5 = 273.5. "STT" (a number column): at least and at
    # most 273.5 + 3 × 126 = 651.5. "Nội dung": at least its longest word, 273.5 + 4 × 126
    # = 777.5, at most its 126 characters, 273.5 + 126 × 115.5 = 14826.5. The 165 mm
    # (9354 twips) leave 9354 − 651.5 − 777.5 = 7925 to share in proportion to what each
    # column lacks: all of it to "Nội dung".
    assert column_widths(t) == [651, 8703]


# --- the nodes travel in the notebook as JSON, beside the HTML ---------------------------


def test_a_part_shows_its_html_and_keeps_its_nodes_as_json() -> None:
    from IPython.core.formatters import DisplayFormatter

    doc = section(
        "1. Kết quả",
        para("Tỷ lệ ", Run("2,21%", bold=True)),
        table(["Đơn vị", "Hộ"], [["A", "5"]], [1], total_rows=[0]),
        figure("<svg/>", "Biểu đồ"),
    )
    data, _ = DisplayFormatter().format(doc)
    assert data["text/html"] == doc.html
    assert data["text/plain"] == "1. Kết quả"
    packed = base64.b64encode(zlib.compress(b"<svg/>", 9)).decode("ascii")
    assert data[MIME_TYPE] == {
        "node": "Part",
        "blocks": [
            {
                "node": "Block",
                "title": "1. Kết quả",
                "children": [
                    {
                        "node": "Paragraph",
                        "runs": [
                            {"node": "Run", "text": "Tỷ lệ "},
                            {"node": "Run", "text": "2,21%", "bold": True},
                        ],
                    },
                    {
                        "node": "Table",
                        "columns": [
                            {"node": "Column", "title": "Đơn vị"},
                            {"node": "Column", "title": "Hộ", "numeric": True},
                        ],
                        "rows": [["A", "5"]],
                        "total_rows": [0],
                    },
                    {"node": "Figure", "svg": packed, "caption": "Biểu đồ"},
                ],
            }
        ],
        "title": "1. Kết quả",
    }
    assert from_data(json.loads(json.dumps(data[MIME_TYPE]))) == doc


def test_json_of_a_node_this_version_does_not_know_is_a_clear_error() -> None:
    with pytest.raises(DocumentDataError, match="unknown document node 'Gauge'"):
        from_data({"node": "Part", "blocks": [{"node": "Gauge"}]})
    nb = new_notebook()
    gauge = new_output("display_data", data={MIME_TYPE: {"node": "Gauge"}})
    nb.cells = [new_markdown_cell("Mở đầu"), new_code_cell("x", outputs=[gauge])]
    with pytest.raises(
        ContentError, match="^notebook cell 2: unknown document node 'Gauge' in a notebook output$"
    ):
        notebook_content(nb)


def test_the_json_never_reaches_the_html_report() -> None:
    from reportkit.report.document import to_data
    from reportkit.run.render import notebook_to_html

    shown = section("Tiêu đề", para("Nội dung"))
    nb = new_notebook()
    nb.cells = [
        new_code_cell(
            "report.situation()",
            outputs=[
                new_output(
                    "execute_result",
                    data={MIME_TYPE: to_data(shown), "text/html": shown.html, "text/plain": "x"},
                )
            ],
        )
    ]
    html = notebook_to_html(nb)
    assert shown.html in html
    assert '"node"' not in html and "Paragraph" not in html


# --- charts as pictures -------------------------------------------------------------------


def test_a_chart_is_drawn_at_200_dpi_on_white_with_the_same_bytes_each_time() -> None:
    from PIL import Image

    chart = line_chart(
        pd.DataFrame({"năm": [2022, 2023], "tỷ lệ": [4.27, 3.34]}), "năm", ["tỷ lệ"]
    ).data.encode("utf-8")
    png = svg_to_png(chart)
    assert png == svg_to_png(chart)
    with Image.open(io.BytesIO(png)) as img:
        assert (img.size, img.mode) == ((1299, 720), "RGB")  # 165 mm × 3.6 in at 200 dpi
    clear = b'<svg xmlns="http://www.w3.org/2000/svg" width="36pt" height="18pt"/>'
    with Image.open(io.BytesIO(svg_to_png(clear))) as img:  # transparent: white, as printed
        assert (img.size, img.getpixel((0, 0))) == ((100, 50), (255, 255, 255))
