"""A document being built: each node of the model (and each analyst's picture or printed
text) written as Word XML in order, blocks that start a page starting one."""

from __future__ import annotations

import datetime as dt
import io
from functools import singledispatch
from typing import TYPE_CHECKING

from reportkit.core.errors import ContentError
from reportkit.core.zipfiles import restamp
from reportkit.report import document as doc
from reportkit.report.document import Run
from reportkit.report.docx.page import DocxProperties, set_up
from reportkit.report.docx.xml import (
    NAMESPACES,
    PPR_HEAD,
    TEXT_MM,
    form_table,
    paragraph,
    paragraph_xml,
    report_table,
    rule,
)
from reportkit.report.notebook import Picture, Preformatted
from reportkit.report.raster import DPI, svg_to_png

if TYPE_CHECKING:
    from docx.document import Document


class Writer:
    """A Word document under construction: body XML in order, images added to its package."""

    def __init__(self, props: DocxProperties) -> None:
        from docx import Document as new_document

        self.props = props
        self.doc: Document = new_document()
        self.body: list[str] = []
        self.page_break_next = False
        self._shape_id = 0
        set_up(self.doc, props)

    def add(self, xml: str) -> None:
        """Append a paragraph or table; the first after a ``new_page`` block starts a page."""
        if self.page_break_next:
            self.page_break_next = False
            if xml.startswith("<w:p><w:pPr>"):
                xml = PPR_HEAD.sub(r"\1<w:pageBreakBefore/>", xml, count=1)
            else:
                self.body.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
        self.body.append(xml)

    def picture(self, png_or_jpeg: bytes, width_mm: float) -> str:
        """A run holding the image, ``width_mm`` wide (its height kept in proportion)."""
        from docx.oxml.shape import CT_Inline
        from docx.shared import Mm
        from lxml import etree

        rid, image = self.doc.part.get_or_add_image(io.BytesIO(png_or_jpeg))
        cx, cy = image.scaled_dimensions(Mm(width_mm), None)
        self._shape_id += 1
        inline = CT_Inline.new_pic_inline(self._shape_id, rid, image.filename, cx, cy)
        return "<w:r><w:drawing>" + etree.tostring(inline, encoding=str) + "</w:drawing></w:r>"

    def save(self) -> bytes:
        from docx.oxml import parse_xml

        body = self.doc.element.body
        sect = body.sectPr
        fragment = parse_xml(f"<w:body {NAMESPACES}>{''.join(self.body)}</w:body>")
        for child in list(fragment):
            sect.addprevious(child)
        buf = io.BytesIO()
        self.doc.save(buf)
        when = dt.datetime.combine(self.props.date, dt.time())
        return restamp(buf.getvalue(), when)


@singledispatch
def render(node: object, w: Writer) -> None:
    raise ContentError(f"the Word file has no layout for a {type(node).__name__} node")


@render.register
def _(node: doc.Part, w: Writer) -> None:
    for b in node.blocks:
        render(b, w)


@render.register
def _(node: doc.Block, w: Writer) -> None:
    if node.screen_only:
        return
    if node.new_page:
        w.page_break_next = True
    if node.title:
        render(doc.Heading(node.title, node.level), w)
    for child in node.children:
        render(child, w)


_PARAGRAPH_STYLES = {
    "body": "Normal",
    "lead": "Normal",
    "note": "ReportNote",
    "footnote": "ReportFootnote",
    "center": "ReportCentre",
}


@render.register
def _(node: doc.Paragraph, w: Writer) -> None:
    w.add(paragraph(node.runs, _PARAGRAPH_STYLES[node.style]))


@render.register
def _(node: doc.Heading, w: Writer) -> None:
    w.add(paragraph([Run(node.text)], f"Heading{min(max(node.level - 1, 1), 3)}"))


@render.register
def _(node: doc.Bullets, w: Writer) -> None:
    for item in node.items:
        w.add(paragraph([Run(item)], "ListBullet"))


@render.register
def _(node: doc.FillIn, w: Writer) -> None:
    w.add(paragraph([Run(f"[{node.what}]")], "FillIn"))


@render.register
def _(node: doc.Table, w: Writer) -> None:
    if node.caption:
        w.add(paragraph([Run(node.caption)], "TableCaption", keep_next=True))
    w.add(report_table(node))


@render.register
def _(node: doc.Figure, w: Writer) -> None:
    w.add(paragraph([Run(node.caption)], "FigureCaption", keep_next=True))
    png = svg_to_png(node.svg.encode("utf-8"), "a chart")
    w.add(paragraph_xml(w.picture(png, TEXT_MM), "Picture"))


@render.register
def _(node: Picture, w: Writer) -> None:
    from PIL import Image, UnidentifiedImageError

    data = svg_to_png(node.data, "an image") if node.format == "svg" else node.data
    try:
        with Image.open(io.BytesIO(data)) as img:
            px = img.size[0]
            dpi = DPI if node.format == "svg" else 96  # a browser's CSS pixel
    except (UnidentifiedImageError, OSError) as exc:
        what = node.format.upper()
        raise ContentError(f"a cell shows a {what} image that cannot be read: {exc}") from None
    w.add(paragraph_xml(w.picture(data, min(TEXT_MM, px / dpi * 25.4)), "Picture"))


@render.register
def _(node: Preformatted, w: Writer) -> None:
    w.add(paragraph([Run(node.text)], "Preformatted"))


@render.register
def _(node: doc.Masthead, w: Writer) -> None:
    left_mm, right_mm = TEXT_MM * 0.4, TEXT_MM * 0.6
    left = "".join(paragraph([Run(line)], "FormIssuer") for line in node.issuer)
    left += rule(left_mm, 0.30) + paragraph([Run(node.number)], "FormText", before_mm=1)
    right = paragraph([Run(node.nation)], "FormNation")
    right += paragraph([Run(node.motto, bold=True)], "FormText")
    right += rule(right_mm, 0.62)
    right += paragraph([Run(node.place_date, italic=True)], "FormText", before_mm=2)
    w.add(form_table([(left_mm, left), (right_mm, right)]))


@render.register
def _(node: doc.DocumentTitle, w: Writer) -> None:
    w.add(paragraph([Run(node.kind)], "FormTitle", keep_next=True, before_mm=8))
    w.add(paragraph([Run(node.subject, bold=True)], "FormText", keep_next=True))
    w.add(rule(TEXT_MM, 0.22, after_mm=5))


@render.register
def _(node: doc.Signature, w: Writer) -> None:
    half = TEXT_MM / 2
    left = paragraph([Run(node.recipients_label)], "FormRecipientsLabel", before_mm=6)
    left += "".join(paragraph([Run(r)], "FormRecipient") for r in node.recipients)
    right = "".join(
        paragraph([Run(a, bold=True)], "FormText", before_mm=6 if i == 0 else None)
        for i, a in enumerate(node.authority)
    )
    right += paragraph([], "FormText", exact_line_mm=24)
    right += paragraph([Run(node.signer, bold=True)], "FormText")
    w.add(form_table([(half, left), (half, right)]))
