"""The Word page: A4 with the Decree 30 margins, the styles (Times New Roman 13 pt), the
page number from page 2, the synthetic-data footer and the document's properties."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportkit.core.errors import ContentError
from reportkit.report.document import Run

if TYPE_CHECKING:
    from docx.document import Document
from reportkit.report.docx.xml import (
    BODY_PT,
    FONT,
    HEADER_MM,
    MARGIN_MM,
    NAMESPACES,
    PAGE_MM,
    SANS,
    STYLES_2010,
    SYNTHETIC_FOOTER,
    box,
    paragraph,
    twips,
)


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
            extra=box(f'w:val="dashed" w:sz="8" w:space="4" w:color="{_RED}"'),
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
            extra=box('w:val="single" w:sz="8" w:space="4" w:color="D9822B"')
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


def set_up(doc: Document, props: DocxProperties) -> None:
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
    _set_story(section.first_page_header, paragraph([], "PageNumber"))  # none on page 1
    footer = paragraph([Run(SYNTHETIC_FOOTER)] if props.synthetic else [], "SyntheticFooter")
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
    for rels, kind in ((doc.part.package.rels, RT.THUMBNAIL), (doc.part.rels, STYLES_2010)):
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
    for child in parse_xml(f"<w:hdr {NAMESPACES}>{xml}</w:hdr>"):
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
            f"<w:docDefaults {NAMESPACES}><w:rPrDefault>"
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
                f'<w:style {NAMESPACES} w:type="paragraph" w:customStyle="1" '
                f'w:styleId="{style_id}"><w:name w:val="{name}"/>'
                '<w:basedOn w:val="Normal"/><w:qFormat/></w:style>'
            )
            root.append(el)
        for tag in ("w:pPr", "w:rPr"):
            old = el.find(qn(tag))
            if old is not None:
                el.remove(old)
        el.append(parse_xml(ppr.replace("<w:pPr>", f"<w:pPr {NAMESPACES}>", 1)))
        el.append(parse_xml(rpr.replace("<w:rPr>", f"<w:rPr {NAMESPACES}>", 1)))
