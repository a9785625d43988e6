"""The Word file: read back with python-docx, it has the printed report's form and
content (Decree 30 page, head and signature as borderless tables, tables as Word tables
with a repeated header row, charts as pictures, page numbers as a PAGE field from page 2),
no personal data, and the same bytes for the same input. Made from the document nodes the
notebook's cells show, never from the HTML."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from pathlib import Path

import docx
import nbformat
import pandas as pd
import pytest
from docxfiles import PROPS, read
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from reportkit import domain
from reportkit.cli import main
from reportkit.core.errors import ContentError
from reportkit.report.document import (
    MIME_TYPE,
    Bullets,
    Figure,
    Heading,
    Part,
    Run,
    block,
    from_data,
    para,
    part,
    table,
    tables,
    walk,
)
from reportkit.report.docx import content_to_docx
from reportkit.report.notebook import Picture, Preformatted, notebook_content
from reportkit.run.batch import run_batch
from reportkit.run.render import render_report
from tests.conftest import RenderDemo

DEMO = Path(__file__).resolve().parents[1] / "data" / "raw"
LINE_FIELDS = ("poverty_line", "near_poor_line", "average_line")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def rendered(
    tmp_path_factory: pytest.TempPathFactory, demo_raw: Path, render_demo: RenderDemo
) -> dict[str, Path]:
    """The 2023 reports of Hàm Cần (the run's shared render with every format, and again,
    Word only, into this module's folder) and of the district (shared)."""
    tmp = tmp_path_factory.mktemp("docx")
    again = render_report("Hàm Cần", 2023, to=("docx",), raw_dir=demo_raw, out_dir=tmp / "b")
    return {
        "commune": render_demo("Hàm Cần", 2023)["docx"],
        "again": again["docx"],
        "district": render_demo(None, 2023, to=("docx",))["docx"],
        "raw": demo_raw,
        "tmp": tmp,
    }


def cell_lines(cell: docx.table._Cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text]


def shown_parts(docx_path: Path) -> list[Part]:
    """The document parts the executed notebook beside the report showed."""
    nb = nbformat.read(docx_path.parent / "notebooks" / f"{docx_path.stem}.ipynb", as_version=4)
    return [
        from_data(o["data"][MIME_TYPE])  # type: ignore[misc]
        for c in nb.cells
        for o in c.get("outputs", [])
        if MIME_TYPE in o.get("data", {})
    ]


# --- the page -------------------------------------------------------------------------


def test_page_is_a4_with_the_decree_margins_and_a_times_metric_font(rendered) -> None:
    doc = read(rendered["commune"])
    sect = doc.sections[0]._sectPr
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    # Twips (1/1440 inch): 210 × 297 mm; 20 mm top and bottom, 30 mm left, 15 mm right.
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
    assert [margins.get(f"{W}{k}") for k in ("top", "bottom", "left", "right")] == [
        "1134",
        "1134",
        "1701",
        "850",
    ]
    normal = doc.styles["Normal"].font
    assert (normal.name, normal.size.pt) == ("Times New Roman", 13)


def test_page_numbers_are_a_page_field_centred_at_the_top_from_page_2(rendered) -> None:
    sect = read(rendered["commune"]).sections[0]
    assert sect.different_first_page_header_footer
    header = sect.header._element
    assert [t.text for t in header.iter(f"{W}instrText")] == [" PAGE "]
    assert sect.header.paragraphs[0].style.paragraph_format.alignment == 1  # centre
    assert list(sect.first_page_header._element.iter(f"{W}instrText")) == []


def test_demo_data_is_marked_on_page_1_and_in_every_footer(rendered) -> None:
    doc = read(rendered["commune"])
    assert doc.paragraphs[0].text == ("Dữ liệu minh họa — Synthetic demo data: not real statistics")
    sect = doc.sections[0]
    for footer in (sect.footer, sect.first_page_footer):
        assert [p.text for p in footer.paragraphs] == ["Dữ liệu minh họa — Synthetic demo data"]


# --- the form -------------------------------------------------------------------------


def borderless(tbl: docx.table.Table) -> bool:
    borders = tbl._tbl.tblPr.find(f"{W}tblBorders")
    return {b.get(f"{W}val") for b in borders} == {"nil"}


def test_head_is_a_borderless_two_column_table(rendered) -> None:
    head = read(rendered["commune"]).tables[0]
    assert borderless(head)
    assert (len(head.rows), len(head.columns)) == (1, 2)
    left, right = head.rows[0].cells
    assert cell_lines(left) == ["ỦY BAN NHÂN DÂN", "XÃ HÀM CẦN", "Số: …………/BC-UBND"]
    assert cell_lines(right) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Hàm Cần, ngày …… tháng …… năm 2023",
    ]
    assert right.paragraphs[-1].runs[0].italic


def test_title_follows_the_head_centred(rendered) -> None:
    doc = read(rendered["commune"])
    texts = [p.text for p in doc.paragraphs[1:3]]
    assert texts == [
        "BÁO CÁO",
        "Kết quả thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2023",
    ]
    assert doc.paragraphs[1].style.paragraph_format.alignment == 1


def test_signature_and_recipients_are_a_borderless_table(rendered) -> None:
    doc = read(rendered["commune"])
    signature = next(t for t in doc.tables if "Nơi nhận:" in t.rows[0].cells[0].text)
    assert borderless(signature)
    left, right = signature.rows[0].cells
    assert cell_lines(left) == [
        "Nơi nhận:",
        "- UBND huyện Hàm Thuận Nam (b/c);",
        "- Phòng LĐ-TB&XH huyện;",
        "- Lưu: VT.",
    ]
    assert cell_lines(right) == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn A (tên minh họa)",
    ]


# --- the content ----------------------------------------------------------------------


def test_every_report_table_is_a_word_table_with_its_header_row_repeated(rendered) -> None:
    for which in ("commune", "district"):
        doc = read(rendered[which])
        expected = [t for p in shown_parts(rendered[which]) for t in tables_printed(p)]
        report_tables = [t for t in doc.tables if not borderless(t)]
        assert len(report_tables) == len(expected) > 8
        for got, want in zip(report_tables, expected, strict=True):
            rows = [[c.text for c in r.cells] for r in got.rows]
            assert rows == [list(want.header), *map(list, want.rows)]
            assert got.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None


def tables_printed(p: Part) -> list:
    """The tables of ``p`` outside screen-only blocks, in order."""
    return [t for b in p.blocks if not b.screen_only for t in tables(b)]


def test_numbers_are_right_aligned_and_totals_bold(rendered) -> None:
    doc = read(rendered["district"])
    annex = next(t for t in doc.tables if t.rows[0].cells[0].text == "Đơn vị")
    header = [c.text for c in annex.rows[0].cells]
    assert header[:3] == ["Đơn vị", "Tổng số hộ", "Hộ nghèo đầu năm"]
    total = annex.rows[-1].cells
    assert total[0].text == "Toàn huyện"
    assert all(r.bold for c in total for p in c.paragraphs for r in p.runs)
    assert total[1].paragraphs[0].paragraph_format.alignment == 2  # right
    assert total[0].paragraphs[0].paragraph_format.alignment is None  # text: left


def test_every_chart_is_a_picture_under_its_caption(rendered) -> None:
    doc = read(rendered["commune"])
    figures = [n for p in shown_parts(rendered["commune"]) for n in walk(p)]
    captions = [n.caption for n in figures if isinstance(n, Figure)]
    assert len(captions) == 4
    assert len(doc.inline_shapes) == 4
    paragraphs = doc.paragraphs
    with_picture = [i for i, p in enumerate(paragraphs) if p._p.findall(f".//{W}drawing")]
    assert [paragraphs[i - 1].text for i in with_picture] == captions
    # 200 dpi across the chart's 165 mm, the text block's width (charts are drawn at it).
    assert {round(s.width.mm, 1) for s in doc.inline_shapes} == {165.0}
    images = [r.target_part for r in doc.part.rels.values() if "image" in r.reltype]
    assert {img.content_type for img in images} == {"image/png"}
    assert {img.image.px_width for img in images} == {1299}


def test_the_technical_information_is_left_out_as_in_print(rendered) -> None:
    body = zipfile.ZipFile(rendered["commune"]).read("word/document.xml").decode("utf-8")
    assert "Thông tin kỹ thuật" not in body
    assert "reportkit" not in body


def test_no_personal_data_income_or_path_in_the_word_file(rendered) -> None:
    hh = pd.read_csv(rendered["raw"] / "households_2023.csv", dtype=str)
    names = set(hh["head_name"].dropna())
    standard = domain.standard_for_year(2023)  # its income lines are printed, on purpose
    lines = {getattr(a, k) for a in (standard.rural, standard.urban) for k in LINE_FIELDS}
    incomes = {v for v in hh["income_per_capita"].dropna() if len(v) >= 6 and int(v) not in lines}
    assert len(names) > 100 and len(incomes) > 100
    for which in ("commune", "district"):
        with zipfile.ZipFile(rendered[which]) as zf:
            xml = "".join(
                zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith((".xml", ".rels"))
            )
        text = re.sub(r"<[^>]+>", "", xml)
        assert not [n for n in names if n in text]
        dotted = {f"{int(v):,}".replace(",", ".") for v in incomes}
        assert not [v for v in incomes | dotted if v in text]
        where = (rendered["tmp"], rendered["raw"].parent, rendered[which].parents[1])
        assert not [w for w in where if str(w) in xml]
        assert "/home/" not in xml and "/work/" not in xml and "/tmp/" not in xml


def test_same_input_same_bytes_and_properties_from_the_report(rendered) -> None:
    assert rendered["commune"].read_bytes() == rendered["again"].read_bytes()
    props = read(rendered["commune"]).core_properties
    assert props.title == (
        "Báo cáo đánh giá kết quả thực hiện Chương trình MTQG giảm nghèo bền vững năm 2023"
        " — Xã Hàm Cần"
    )
    assert props.author == "ỦY BAN NHÂN DÂN XÃ HÀM CẦN"
    assert props.created == props.modified == dt.datetime(2023, 12, 31, tzinfo=dt.UTC)
    assert props.comments == "" and props.last_modified_by == "ỦY BAN NHÂN DÂN XÃ HÀM CẦN"
    with zipfile.ZipFile(rendered["commune"]) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2023, 12, 31, 0, 0, 0)}
        assert "docProps/thumbnail.jpeg" not in zf.namelist()


# --- what the notebook shows ------------------------------------------------------------


def test_notebook_content_follows_the_template_rules() -> None:
    from reportkit.report.document import to_data

    shown = part(block("Tiêu đề", para("Nội dung")))
    png = (
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJ"
        "RU5ErkJggg=="
    )
    nb = new_notebook()
    nb.cells = [
        new_markdown_cell("## Phần thêm\n\nCâu **đậm** và *nghiêng*.\n\n- một\n- hai"),
        new_markdown_cell("Ẩn", metadata={"tags": ["remove"]}),
        new_code_cell(
            "x",
            outputs=[
                new_output("stream", name="stderr", text="FutureWarning\n"),
                new_output("stream", name="stdout", text="in ra\n"),
                new_output(
                    "display_data",
                    data={MIME_TYPE: to_data(shown), "text/html": "<p>HTML</p>"},
                ),
                new_output("display_data", data={"image/png": png, "text/plain": "<Figure>"}),
                new_output("execute_result", data={"text/plain": "<Figure size 640x480>"}),
            ],
        ),
        new_code_cell(
            "y",
            metadata={"tags": ["remove-output"]},
            outputs=[
                new_output("stream", name="stdout", text="không thấy\n"),
            ],
        ),
    ]
    got = notebook_content(nb)
    assert got == [
        Heading("Phần thêm", 2),
        para("Câu ", Run("đậm", bold=True), " và ", Run("nghiêng", italic=True), "."),
        Bullets(("một", "hai")),
        Preformatted("in ra"),
        *shown.blocks,
        Picture(__import__("base64").b64decode(png), "png"),
    ]


def test_a_dataframe_shown_as_html_becomes_a_table() -> None:
    frame = pd.DataFrame({"Thôn": ["A", "B"], "Số hộ": [1234, 56]})
    nb = new_notebook()
    html = frame.to_html(index=False)
    nb.cells = [
        new_code_cell(
            "df",
            outputs=[
                new_output("execute_result", data={"text/html": html, "text/plain": str(frame)})
            ],
        )
    ]
    assert notebook_content(nb) == [table(["Thôn", "Số hộ"], [["A", "1234"], ["B", "56"]], [1])]


def test_a_damaged_image_is_a_clear_error() -> None:
    with pytest.raises(ContentError, match="a cell shows a PNG image that cannot be read"):
        content_to_docx([Picture(b"not a png", "png")], PROPS)
    with pytest.raises(ContentError, match=r"an image \(SVG\) cannot be drawn"):
        content_to_docx([Picture(b"<svg", "svg")], PROPS)


# --- render, batch, command line ----------------------------------------------------------


def test_batch_lists_the_word_file_in_manifest_index_and_zip(demo_data, tmp_path) -> None:
    out = tmp_path / "out"
    summary = run_batch(
        demo_data, out, [2023], communes="Thuận Nam", to=("html", "docx"), workers=0
    )
    assert not summary.failures
    manifest = json.loads((out / "2023" / "manifest.json").read_text(encoding="utf-8"))
    outputs = manifest["reports"]["thuan-nam"]["outputs"]
    assert sorted(outputs) == ["docx", "html"]
    assert outputs["docx"]["file"] == "thuan-nam.docx"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="2023/thuan-nam.docx">DOCX</a>' in index
    with zipfile.ZipFile(out / "2023" / "reports-2023.zip") as zf:
        assert sorted(zf.namelist()) == [
            "reports-2023/thuan-nam.docx",
            "reports-2023/thuan-nam.html",
        ]


def test_command_line_accepts_docx_and_names_the_formats(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["render", "--commune", "Hàm Cần", "--year", "2023", "--to", "html,doc"])
    assert "unknown format 'doc'; use html,pdf,docx" in capsys.readouterr().err
