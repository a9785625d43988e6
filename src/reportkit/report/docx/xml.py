"""WordprocessingML of the report's paragraphs and tables, as text: runs, paragraphs,
rules, borderless form tables and report tables with their column widths."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from reportkit.report import document as doc
from reportkit.report.document import KEEP_TOGETHER_ROWS, NOWRAP_CHARS, Run

if TYPE_CHECKING:
    pass

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
NAMESPACES = (
    f'xmlns:w="{_W}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
STYLES_2010 = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
PPR_HEAD = re.compile(r"^(<w:p><w:pPr>(?:<w:pStyle [^>]*/>)?(?:<w:keepNext/>)?)")
_BAD_XML_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def twips(mm: float) -> int:
    """Millimetres in twentieths of a point, Word's unit of length."""
    return round(mm * 1440 / 25.4)


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


def paragraph(
    runs: Sequence[Run],
    style: str,
    *,
    keep_next: bool = False,
    before_mm: float | None = None,
    exact_line_mm: float | None = None,
    align: str | None = None,
    bold: bool = False,
) -> str:
    """A paragraph of ``runs`` in ``style`` (a style of :func:`set_up`)."""
    return paragraph_xml(
        _runs(runs, bold),
        style,
        keep_next=keep_next,
        before_mm=before_mm,
        exact_line_mm=exact_line_mm,
        align=align,
    )


def paragraph_xml(
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


def rule(width_mm: float, share: float, after_mm: float = 2.5) -> str:
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


def box(attributes: str) -> str:
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


def form_table(cells: Sequence[tuple[float, str]]) -> str:
    """A borderless one-row table (the form's head, the signature) that never splits."""
    widths = [twips(mm) for mm, _ in cells]
    row = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
    row += "".join(_tc(x, content) for x, (_, content) in zip(widths, cells, strict=True))
    return _tbl_open(widths, _NO_BORDERS, (0, 0)) + row + "</w:tr></w:tbl>"


def report_table(node: doc.Table) -> str:
    widths = column_widths(node)
    numeric = [c.numeric for c in node.columns]
    small = "TableTextSmall" if node.small else "TableText"
    keep = len(node.rows) <= KEEP_TOGETHER_ROWS
    out = [_tbl_open(widths, _BORDERS, (0.8, 1.4))]
    head = "".join(
        _tc(x, paragraph([Run(title)], small, keep_next=True, align="center", bold=True), "center")
        for x, title in zip(widths, node.header, strict=True)
    )
    out.append(f"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head}</w:tr>")
    last = len(node.rows) - 1
    for i, row in enumerate(node.rows):
        bold = i in node.total_rows
        cells = "".join(
            _tc(
                x,
                paragraph(
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
