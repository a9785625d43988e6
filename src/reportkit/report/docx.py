"""The Word renderer of the document model: an executed report notebook → a .docx with
the content and form of the printed report (Decree 30/2020/NĐ-CP, as report.css lays out
the PDF), editable by the officials who finish, number and sign it.

It reads the report's nodes, not its HTML (:mod:`reportkit.report.notebook`): A4 with
margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman 13 pt (LibreOffice
shows its metric twin Liberation Serif); the head (issuing body, number, motto, place and
date) and the signature with "Nơi nhận" as borderless tables; tables as Word tables whose
header row repeats on each page (numbers right-aligned, totals bold); charts as pictures
(PNG, :mod:`reportkit.report.raster`) under their captions as text; the page number as a PAGE
field centred at the top from page 2. Screen-only blocks (the technical information) are left
out, as in print; blocks that start a page start one. Synthetic data is marked as in the
PDF: a note on page 1 and a line in every page's footer.

Same input, same bytes: the document properties come from the report's metadata (title,
issuing body, the report's date), never from the clock or the machine, and the zip entries
get a fixed time (:func:`reportkit.core.zipfiles.restamp`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import singledispatch
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportkit.core.errors import ContentError
from reportkit.core.zipfiles import restamp
from reportkit.report import document as doc
from reportkit.report.document import KEEP_TOGETHER_ROWS, NOWRAP_CHARS, Run
from reportkit.report.notebook import Content, Picture, Preformatted, notebook_content
from reportkit.report.raster import DPI, svg_to_png

if TYPE_CHECKING:
    import nbformat
    from docx.document import Document

FONT = "Times New Roman"
"""The typeface of administrative documents; LibreOffice substitutes Liberation Serif."""
SANS = "Arial"
BODY_PT = 13

PAGE_MM = (210, 297)
MARGIN_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
HEADER_MM = 10
TEXT_MM = PAGE_MM[0] - MARGIN_MM["left"] - MARGIN_MM["right"]

SYNTHETIC_NOTE = ("Dữ liệu minh họa", " — Synthetic demo data: not real statistics")
SYNTHETIC_FOOTER = "Dữ liệu minh họa — Synthetic demo data"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NAMESPACES = (
    f'xmlns:w="{_W}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
_STYLES_2010 = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_PPR_HEAD = re.compile(r"^(<w:p><w:pPr>(?:<w:pStyle [^>]*/>)?(?:<w:keepNext/>)?)")
_BAD_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def twips(mm: float) -> int:
    """Millimetres in twentieths of a point, Word's unit of length."""
    return round(mm * 1440 / 25.4)


@dataclass(frozen=True)
class DocxProperties:
    """The document properties, all from the report (nothing from the clock or machine)."""

    title: str
    author: str
    date: dt.date
    lang: str = "vi"
    synthetic: bool = False

    @classmethod
    def from_metadata(cls, meta: dict) -> DocxProperties:
        """From a notebook's ``metadata["reportkit"]`` (templates/reportkit/README.md)."""
        date = meta.get("date")
        if not date:
            raise ContentError("the notebook's reportkit metadata has no report date")
        return cls(
            title=str(meta.get("title") or ""),
            author=str(meta.get("author") or ""),
            date=dt.date.fromisoformat(str(date)),
            lang=str(meta.get("lang") or "vi"),
            synthetic=bool(meta.get("synthetic")),
        )


def notebook_to_docx(nb: nbformat.NotebookNode) -> bytes:
    """The .docx of an executed report notebook (its ``metadata["reportkit"]`` gives the
    document properties). Raises ContentError naming what it cannot lay out."""
    props = DocxProperties.from_metadata(nb.metadata.get("reportkit", {}))
    return content_to_docx(notebook_content(nb), props)


def content_to_docx(content: Iterable[Content], props: DocxProperties) -> bytes:
    """The .docx of ``content`` (document nodes, pictures, printed text), in order."""
    writer = Writer(props)
    if props.synthetic:
        writer.add(
            _p(
                [Run(SYNTHETIC_NOTE[0], bold=True), Run(SYNTHETIC_NOTE[1])],
                "SyntheticNote",
            )
        )
    for item in content:
        render(item, writer)
    return writer.save()


# --- the writer: a document being built ------------------------------------------------


class Writer:
    """A Word document under construction: body XML in order, images added to its package."""

    def __init__(self, props: DocxProperties) -> None:
        from docx import Document as new_document

        self.props = props
        self.doc: Document = new_document()
        self.body: list[str] = []
        self.page_break_next = False
        self._shape_id = 0
        _set_up(self.doc, props)

    def add(self, xml: str) -> None:
        """Append a paragraph or table; the first after a ``new_page`` block starts a page."""
        if self.page_break_next:
            self.page_break_next = False
            if xml.startswith("<w:p><w:pPr>"):
                xml = _PPR_HEAD.sub(r"\1<w:pageBreakBefore/>", xml, count=1)
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
        fragment = parse_xml(f"<w:body {_NAMESPACES}>{''.join(self.body)}</w:body>")
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
    w.add(_p(node.runs, _PARAGRAPH_STYLES[node.style]))


@render.register
def _(node: doc.Heading, w: Writer) -> None:
    w.add(_p([Run(node.text)], f"Heading{min(max(node.level - 1, 1), 3)}"))


@render.register
def _(node: doc.Bullets, w: Writer) -> None:
    for item in node.items:
        w.add(_p([Run(item)], "ListBullet"))


@render.register
def _(node: doc.FillIn, w: Writer) -> None:
    w.add(_p([Run(f"[{node.what}]")], "FillIn"))


@render.register
def _(node: doc.Table, w: Writer) -> None:
    if node.caption:
        w.add(_p([Run(node.caption)], "TableCaption", keep_next=True))
    w.add(_report_table(node))


@render.register
def _(node: doc.Figure, w: Writer) -> None:
    w.add(_p([Run(node.caption)], "FigureCaption", keep_next=True))
    png = svg_to_png(node.svg.encode("utf-8"), "a chart")
    w.add(_p_xml(w.picture(png, TEXT_MM), "Picture"))


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
    w.add(_p_xml(w.picture(data, min(TEXT_MM, px / dpi * 25.4)), "Picture"))


@render.register
def _(node: Preformatted, w: Writer) -> None:
    w.add(_p([Run(node.text)], "Preformatted"))


@render.register
def _(node: doc.Masthead, w: Writer) -> None:
    left_mm, right_mm = TEXT_MM * 0.4, TEXT_MM * 0.6
    left = "".join(_p([Run(line)], "FormIssuer") for line in node.issuer)
    left += _rule(left_mm, 0.30) + _p([Run(node.number)], "FormText", before_mm=1)
    right = _p([Run(node.nation)], "FormNation") + _p([Run(node.motto, bold=True)], "FormText")
    right += _rule(right_mm, 0.62)
    right += _p([Run(node.place_date, italic=True)], "FormText", before_mm=2)
    w.add(_form_table([(left_mm, left), (right_mm, right)]))


@render.register
def _(node: doc.DocumentTitle, w: Writer) -> None:
    w.add(_p([Run(node.kind)], "FormTitle", keep_next=True, before_mm=8))
    w.add(_p([Run(node.subject, bold=True)], "FormText", keep_next=True))
    w.add(_rule(TEXT_MM, 0.22, after_mm=5))


@render.register
def _(node: doc.Signature, w: Writer) -> None:
    half = TEXT_MM / 2
    left = _p([Run(node.recipients_label)], "FormRecipientsLabel", before_mm=6)
    left += "".join(_p([Run(r)], "FormRecipient") for r in node.recipients)
    right = "".join(
        _p([Run(a, bold=True)], "FormText", before_mm=6 if i == 0 else None)
        for i, a in enumerate(node.authority)
    )
    right += _p([], "FormText", exact_line_mm=24)
    right += _p([Run(node.signer, bold=True)], "FormText")
    w.add(_form_table([(half, left), (half, right)]))


# --- XML of paragraphs and tables ------------------------------------------------------


def _text(text: str) -> str:
    """Run content: text escaped, line breaks as breaks, characters XML forbids dropped."""
    text = _BAD_XML_CHARS.sub("", text).replace("\t", " ")
    lines = text.split("\n")
    return "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)


def _runs(runs: Sequence[Run], bold: bool = False) -> str:
    out = []
    for r in runs:
        props = ("<w:b/><w:bCs/>" if r.bold or bold else "") + (
            "<w:i/><w:iCs/>" if r.italic else ""
        )
        out.append(f"<w:r>{f'<w:rPr>{props}</w:rPr>' if props else ''}{_text(r.text)}</w:r>")
    return "".join(out)


def _p(
    runs: Sequence[Run],
    style: str,
    *,
    keep_next: bool = False,
    before_mm: float | None = None,
    exact_line_mm: float | None = None,
    align: str | None = None,
    bold: bool = False,
) -> str:
    """A paragraph of ``runs`` in ``style`` (a style of :func:`_set_up`)."""
    return _p_xml(
        _runs(runs, bold),
        style,
        keep_next=keep_next,
        before_mm=before_mm,
        exact_line_mm=exact_line_mm,
        align=align,
    )


def _p_xml(
    content: str,
    style: str,
    *,
    keep_next: bool = False,
    before_mm: float | None = None,
    exact_line_mm: float | None = None,
    align: str | None = None,
) -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' + ("<w:keepNext/>" if keep_next else "")
    if before_mm is not None or exact_line_mm is not None:
        spacing = "" if before_mm is None else f' w:before="{twips(before_mm)}"'
        if exact_line_mm is not None:
            spacing += f' w:line="{twips(exact_line_mm)}" w:lineRule="exact"'
        ppr += f"<w:spacing{spacing}/>"
    if align:
        ppr += f'<w:jc w:val="{align}"/>'
    return f"<w:p><w:pPr>{ppr}</w:pPr>{content}</w:p>"


def _rule(width_mm: float, share: float, after_mm: float = 2.5) -> str:
    """A short centred line (``share`` of ``width_mm``) under the paragraph before it: the
    bottom border of an empty paragraph of 1 pt type."""
    side = twips(width_mm * (1 - share) / 2)
    return (
        '<w:p><w:pPr><w:pStyle w:val="FormRule"/>'
        '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="2" w:color="000000"/></w:pBdr>'
        f'<w:spacing w:before="0" w:after="{twips(after_mm)}"/>'
        f'<w:ind w:left="{side}" w:right="{side}"/></w:pPr></w:p>'
    )


def _sides(attributes: str, sides: Sequence[str] = ("top", "left", "bottom", "right")) -> str:
    """The same border on each of ``sides`` (a paragraph's or a table's)."""
    return "".join(f"<w:{side} {attributes}/>" for side in sides)


def _box(attributes: str) -> str:
    """A border around a paragraph."""
    return f"<w:pBdr>{_sides(attributes)}</w:pBdr>"


_TABLE_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
_NO_BORDERS = _sides('w:val="nil"', _TABLE_SIDES)
_BORDERS = _sides('w:val="single" w:sz="4" w:space="0" w:color="000000"', _TABLE_SIDES)


def _tbl_open(widths: Sequence[int], borders: str, margins: tuple[float, float]) -> str:
    top, side = (twips(m) for m in margins)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        # Word (compatibility mode 14) and LibreOffice put the text, not the border, at
        # the indent: the border then lines up with the text block's edge.
        f'<w:tblInd w:w="{side}" w:type="dxa"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="{top}" w:type="dxa"/><w:left w:w="{side}" w:type="dxa"/>'
        f'<w:bottom w:w="{top}" w:type="dxa"/><w:right w:w="{side}" w:type="dxa"/>'
        '</w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" '
        'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
        "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{x}"/>' for x in widths) + "</w:tblGrid>"
    )


def _tc(width: int, content: str, valign: str = "top") -> str:
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="{valign}"/>'
        f"</w:tcPr>{content}</w:tc>"
    )


def _form_table(cells: Sequence[tuple[float, str]]) -> str:
    """A borderless one-row table (the form's head, the signature) that never splits."""
    widths = [twips(mm) for mm, _ in cells]
    row = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
    row += "".join(_tc(x, content) for x, (_, content) in zip(widths, cells, strict=True))
    return _tbl_open(widths, _NO_BORDERS, (0, 0)) + row + "</w:tr></w:tbl>"


def _report_table(node: doc.Table) -> str:
    widths = column_widths(node)
    numeric = [c.numeric for c in node.columns]
    small = "TableTextSmall" if node.small else "TableText"
    keep = len(node.rows) <= KEEP_TOGETHER_ROWS
    out = [_tbl_open(widths, _BORDERS, (0.8, 1.4))]
    head = "".join(
        _tc(x, _p([Run(title)], small, keep_next=True, align="center", bold=True), "center")
        for x, title in zip(widths, node.header, strict=True)
    )
    out.append(f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head}</w:tr>")
    last = len(node.rows) - 1
    for i, row in enumerate(node.rows):
        bold = i in node.total_rows
        cells = "".join(
            _tc(
                x,
                _p(
                    [Run(text)],
                    small,
                    keep_next=keep and i < last,
                    align="right" if num else None,
                    bold=bold,
                ),
            )
            for x, text, num in zip(widths, row, numeric, strict=True)
        )
        out.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
    out.append("</w:tbl>")
    # An empty paragraph after a table keeps two tables apart (Word would merge them).
    out.append('<w:p><w:pPr><w:pStyle w:val="TableAfter"/></w:pPr></w:p>')
    return "".join(out)


def column_widths(node: doc.Table, width_mm: float = TEXT_MM) -> list[int]:
    """Column widths (twips) filling ``width_mm``, as a browser's automatic table layout
    shares them: each column gets at least its longest word (its longest cell when it is
    a number or short text that never wraps), and the rest goes where text is longest."""
    size = 9.5 if node.small else 10.5
    char = 0.55 * size * 20  # an average character of the table's type, in twips
    head_char = 0.6 * size * 20  # bold
    pad = 2 * twips(1.4) + char  # the cell's margins and some slack
    total = twips(width_mm)
    lo: list[float] = []
    hi: list[float] = []
    for i, col in enumerate(node.columns):
        body = [r[i] for r in node.rows]
        longest = max((len(t) for t in body), default=0)
        head_word = max((len(w) for w in col.title.split()), default=1)
        words = max((len(w) for t in body for w in t.split()), default=1)
        nowrap = col.numeric or longest <= NOWRAP_CHARS
        lo.append(pad + max(head_char * head_word, char * (longest if nowrap else words)))
        hi.append(max(lo[-1], pad + max(head_char * len(col.title), char * longest)))
    if sum(hi) <= total:
        grow = [x * total / sum(hi) for x in hi]
    elif sum(lo) >= total:
        grow = [x * total / sum(lo) for x in lo]
    else:
        spare = (total - sum(lo)) / (sum(hi) - sum(lo))
        grow = [a + (b - a) * spare for a, b in zip(lo, hi, strict=True)]
    widths = [int(x) for x in grow]
    widths[-1] += total - sum(widths)
    return widths


# --- page, styles, header and footer, properties ----------------------------------------


def _rpr(
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    font: str = FONT,
    extra: str = "",
    lang: str = "",
) -> str:
    """Run properties in the schema's order (``extra``: caps, colour; then size, language)."""
    half = round(size * 2)
    return (
        f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'
        + ("<w:b/><w:bCs/>" if bold else "")
        + ("<w:i/><w:iCs/>" if italic else "")
        + extra
        + f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
        + (f'<w:lang w:val="{lang}" w:eastAsia="{lang}"/>' if lang else "")
        + "</w:rPr>"
    )


def _ppr(
    *,
    align: str = "left",
    first_line_mm: float = 0,
    before_mm: float = 0,
    after_mm: float = 0,
    line: int = 240,
    keep_next: bool = False,
    extra: str = "",
    ind: str = "",
) -> str:
    return (
        "<w:pPr>"
        + ("<w:keepNext/><w:keepLines/>" if keep_next else "")
        + extra
        + f'<w:spacing w:before="{twips(before_mm)}" w:after="{twips(after_mm)}" '
        f'w:line="{line}" w:lineRule="auto"/>'
        + (ind or f'<w:ind w:left="0" w:right="0" w:firstLine="{twips(first_line_mm)}"/>')
        + f'<w:jc w:val="{align}"/></w:pPr>'
    )


_BODY_LINE = 276  # 1.15 lines: the 1.3 line height of the PDF in Word's measure
_RED = "B00020"

# styleId → (name, paragraph properties, run properties); "Normal" and the built-in
# headings and list are redefined, the others added.
_STYLES: dict[str, tuple[str, str, str]] = {
    "Normal": (
        "Normal",
        _ppr(align="both", first_line_mm=10, after_mm=2, line=_BODY_LINE),
        _rpr(BODY_PT),
    ),
    "Heading1": (
        "heading 1",
        _ppr(before_mm=5, after_mm=2, keep_next=True),
        _rpr(BODY_PT, bold=True, extra="<w:caps/>"),
    ),
    "Heading2": (
        "heading 2",
        _ppr(before_mm=4, after_mm=1.5, keep_next=True),
        _rpr(BODY_PT, bold=True),
    ),
    "Heading3": (
        "heading 3",
        _ppr(before_mm=3, after_mm=1, keep_next=True),
        _rpr(BODY_PT, bold=True, italic=True),
    ),
    "ListBullet": (
        "List Bullet",
        _ppr(
            align="both",
            after_mm=1,
            line=_BODY_LINE,
            extra='<w:numPr><w:numId w:val="1"/></w:numPr>',
            ind=f'<w:ind w:left="{twips(10)}" w:hanging="{twips(5)}"/>',
        ),
        _rpr(BODY_PT),
    ),
    "ReportNote": ("Report Note", _ppr(align="both", after_mm=2), _rpr(11, italic=True)),
    "ReportFootnote": ("Report Footnote", _ppr(align="both", after_mm=2), _rpr(11)),
    "ReportCentre": ("Report Centre", _ppr(align="center", after_mm=2), _rpr(BODY_PT)),
    "FillIn": (
        "Fill In",
        _ppr(
            before_mm=1,
            after_mm=2,
            extra=_box(f'w:val="dashed" w:sz="8" w:space="4" w:color="{_RED}"'),
            ind=f'<w:ind w:left="{twips(1.5)}" w:right="{twips(1.5)}" w:firstLine="0"/>',
        ),
        _rpr(BODY_PT, italic=True, extra=f'<w:color w:val="{_RED}"/>'),
    ),
    "TableText": ("Table Text", _ppr(), _rpr(10.5)),
    "TableTextSmall": ("Table Text Small", _ppr(), _rpr(9.5)),
    "TableCaption": (
        "Table Caption",
        _ppr(before_mm=2, after_mm=1.5, keep_next=True),
        _rpr(10.5, bold=True),
    ),
    "TableAfter": ("Table After", _ppr(after_mm=1), _rpr(6)),
    "FigureCaption": (
        "Figure Caption",
        _ppr(align="center", before_mm=3, after_mm=1.5, keep_next=True),
        _rpr(11, bold=True),
    ),
    "Picture": ("Picture", _ppr(align="center", after_mm=3), _rpr(BODY_PT)),
    "Preformatted": ("Preformatted", _ppr(before_mm=2, after_mm=2), _rpr(8.5, font="Courier New")),
    "FormText": ("Form Text", _ppr(align="center"), _rpr(BODY_PT)),
    "FormIssuer": ("Form Issuer", _ppr(align="center"), _rpr(12.5, bold=True, extra="<w:caps/>")),
    "FormNation": ("Form Nation", _ppr(align="center"), _rpr(12, bold=True)),
    "FormTitle": ("Form Title", _ppr(align="center", keep_next=True), _rpr(14, bold=True)),
    "FormRule": ("Form Rule", _ppr(keep_next=True), _rpr(1)),
    "FormRecipientsLabel": ("Form Recipients Label", _ppr(), _rpr(12, bold=True, italic=True)),
    "FormRecipient": ("Form Recipient", _ppr(), _rpr(11)),
    "PageNumber": ("Page Number", _ppr(align="center"), _rpr(BODY_PT)),
    "SyntheticNote": (
        "Synthetic Note",
        _ppr(
            after_mm=4,
            extra=_box('w:val="single" w:sz="8" w:space="4" w:color="D9822B"')
            + '<w:shd w:val="clear" w:color="auto" w:fill="FFF4E5"/>',
        ),
        _rpr(9.5, font=SANS, extra='<w:color w:val="7A3B00"/>'),
    ),
    "SyntheticFooter": (
        "Synthetic Footer",
        _ppr(),
        _rpr(8, font=SANS, extra='<w:color w:val="A04000"/>'),
    ),
}


def _set_up(doc: Document, props: DocxProperties) -> None:
    """Page, styles, header and footer and document properties of a new document."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.shared import Mm

    _set_styles(doc, props.lang)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGIN_MM["top"]), Mm(MARGIN_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGIN_MM["left"]), Mm(MARGIN_MM["right"])
    section.header_distance = section.footer_distance = Mm(HEADER_MM)
    section.different_first_page_header_footer = True
    _set_story(section.header, _page_number())  # pages 2, 3, …
    _set_story(section.first_page_header, _p([], "PageNumber"))  # none on page 1
    footer = _p([Run(SYNTHETIC_FOOTER)] if props.synthetic else [], "SyntheticFooter")
    _set_story(section.footer, footer)
    _set_story(section.first_page_footer, footer)

    core = doc.core_properties
    core.title = props.title
    core.author = props.author
    core.last_modified_by = props.author
    core.comments = ""
    core.language = "vi-VN" if props.lang == "vi" else "en-GB"
    core.revision = 1
    when = dt.datetime.combine(props.date, dt.time())
    core.created = core.modified = when
    # The template's thumbnail shows an empty page, and its Word 2010 copy of the styles
    # ("stylesWithEffects") would keep the template's: neither belongs to this document.
    for rels, kind in ((doc.part.package.rels, RT.THUMBNAIL), (doc.part.rels, _STYLES_2010)):
        for rid, rel in list(rels.items()):
            if rel.reltype == kind:
                del rels[rid]


def _page_number() -> str:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>2</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    return f'<w:p><w:pPr><w:pStyle w:val="PageNumber"/></w:pPr>{field}</w:p>'


def _set_story(story: object, xml: str) -> None:
    """Replace the paragraphs of a header or footer with ``xml``."""
    from docx.oxml import parse_xml

    element = story._element  # type: ignore[attr-defined]
    for child in list(element):
        element.remove(child)
    for child in parse_xml(f"<w:hdr {_NAMESPACES}>{xml}</w:hdr>"):
        element.append(child)


def _set_styles(doc: Document, lang: str) -> None:
    """The document defaults and :data:`_STYLES`: the template's built-in styles of those
    ids (Normal, the headings, List Bullet) get our properties, the others are added."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    root = doc.styles.element
    defaults = root.find(qn("w:docDefaults"))
    locale = "vi-VN" if lang == "vi" else "en-GB"
    defaults.getparent().replace(
        defaults,
        parse_xml(
            f"<w:docDefaults {_NAMESPACES}><w:rPrDefault>"
            + _rpr(BODY_PT, lang=locale)
            + '</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" '
            'w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
        ),
    )
    by_id = {el.get(qn("w:styleId")): el for el in root.iterchildren(qn("w:style"))}
    for style_id, (name, ppr, rpr) in _STYLES.items():
        el = by_id.get(style_id)
        if el is None:
            el = parse_xml(
                f'<w:style {_NAMESPACES} w:type="paragraph" w:customStyle="1" '
                f'w:styleId="{style_id}"><w:name w:val="{name}"/>'
                '<w:basedOn w:val="Normal"/><w:qFormat/></w:style>'
            )
            root.append(el)
        for tag in ("w:pPr", "w:rPr"):
            old = el.find(qn(tag))
            if old is not None:
                el.remove(old)
        el.append(parse_xml(ppr.replace("<w:pPr>", f"<w:pPr {_NAMESPACES}>", 1)))
        el.append(parse_xml(rpr.replace("<w:rPr>", f"<w:rPr {_NAMESPACES}>", 1)))
