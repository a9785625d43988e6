"""What a reader sees of an executed report notebook, as document nodes in cell order:
what the Word renderer (:mod:`reportkit.report.docx`) lays out.

The selection is the nbconvert template's (templates/reportkit): cells tagged ``remove``
vanish, ``remove-output`` drops a cell's outputs, code is never shown, stderr is hidden,
object reprs (``<Figure size …>``) are debris, errors are always shown. A report section
(a :class:`~reportkit.report.document.Part`) brings its own nodes (under
:data:`~reportkit.report.document.MIME_TYPE`); what an analyst adds becomes nodes too:
markdown and HTML (a pandas table) through the markdown converter nbconvert uses and an
HTML reading of headings, paragraphs, lists and
tables; images (PNG, JPEG, SVG) as :class:`Picture`; printed text as :class:`Preformatted`.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import nbformat

from reportkit.core.errors import ContentError
from reportkit.report.document import (
    MIME_TYPE,
    Block,
    Bullets,
    Heading,
    Node,
    Paragraph,
    Part,
    Run,
    from_data,
    para,
    table,
)

if TYPE_CHECKING:
    from lxml.html import HtmlElement

ImageFormat = Literal["png", "jpeg", "svg"]


@dataclass(frozen=True)
class Picture:
    """An image a cell displayed that is not a report chart (e.g. an analyst's plot)."""

    data: bytes
    format: ImageFormat


@dataclass(frozen=True)
class Preformatted:
    """Printed text (stdout, a plain-text result, a traceback), kept line by line."""

    text: str


Content = Block | Node | Picture | Preformatted

# nbconvert's display priority, with the document's own JSON first.
_IMAGES: dict[str, ImageFormat] = {
    "image/svg+xml": "svg",
    "image/png": "png",
    "image/jpeg": "jpeg",
}
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_NUMBER = re.compile(r"^[-+−]?[\d.,\s]*\d[\d.,\s]*%?$")


def notebook_content(nb: nbformat.NotebookNode) -> list[Content]:
    """Every node the report shows, in order (see the module's docstring)."""
    out: list[Content] = []
    for number, cell in enumerate(nb.cells, start=1):
        try:
            out += cell_nodes(cell)
        except (ContentError, ValueError) as exc:  # a damaged output, a newer node type
            raise ContentError(f"notebook cell {number}: {exc}") from None
    return out


def cell_nodes(cell: nbformat.NotebookNode) -> list[Content]:
    """The nodes one cell shows (none for a cell tagged ``remove``)."""
    tags = set(cell.get("metadata", {}).get("tags", []))
    if "remove" in tags:
        return []
    if cell.cell_type == "markdown":
        return markdown_nodes(cell.source)
    if cell.cell_type == "raw":
        mime = cell.get("metadata", {}).get("raw_mimetype", "").lower()
        return html_nodes(cell.source) if mime in ("text/html", "html") else []
    if cell.cell_type == "code" and not tags & {"remove-output", "remove_output"}:
        return [node for output in cell.get("outputs", []) for node in output_nodes(output)]
    return []


def output_nodes(output: nbformat.NotebookNode) -> list[Content]:
    """The nodes one output of a code cell shows."""
    kind = output.get("output_type")
    if kind == "stream":
        text = _text(output.text).rstrip("\n")
        return [Preformatted(text)] if output.get("name") == "stdout" and text else []
    if kind == "error":
        title = f"Lỗi khi chạy ô này / This cell failed: {output.get('ename', '')}"
        trace = _ANSI.sub("", "\n".join(output.get("traceback", [])))
        return [para(Run(title, bold=True)), Preformatted(trace)]
    data = output.get("data", {})
    if MIME_TYPE in data:
        part = from_data(data[MIME_TYPE])
        return list(part.blocks) if isinstance(part, Part) else [part]  # type: ignore[list-item]
    if "text/html" in data:
        return html_nodes(_text(data["text/html"]))
    for mime, fmt in _IMAGES.items():
        if mime in data:
            return [_picture(data[mime], fmt)]
    if "text/markdown" in data:
        return markdown_nodes(_text(data["text/markdown"]))
    text = _text(data.get("text/plain", "")).strip()
    if text and not text.startswith(("<", "[<")):
        return [Preformatted(_ANSI.sub("", text))]
    return []


def markdown_nodes(source: str) -> list[Content]:
    """Markdown as the HTML report shows it (nbconvert's own converter), as nodes."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return html_nodes(markdown2html_mistune(source)) if source.strip() else []


def html_nodes(html: str) -> list[Content]:
    """Headings, paragraphs (bold and italic kept), lists, tables and embedded images of
    an HTML fragment; styles, scripts and heading anchors are left out."""
    import lxml.html

    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    hidden = ".//style|.//script|.//a[contains(concat(' ', @class, ' '), ' anchor-link ')]"
    for el in root.xpath(hidden):  # the HTML report hides nbconvert's heading anchors too
        el.drop_tree()
    return list(_html_block(root))


def _html_block(el: HtmlElement) -> Iterator[Content]:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        text = _clean(el.text_content())
        if text:
            yield Heading(text, min(max(int(tag[1]), 2), 4))
    elif tag == "table":
        yield from _html_table(el)
    elif tag in ("ul", "ol"):
        items = tuple(_clean(li.text_content()) for li in el.iter("li"))
        if any(items):
            yield Bullets(tuple(i for i in items if i))
    elif tag == "pre":
        yield Preformatted(el.text_content().rstrip("\n"))
    elif tag == "img":
        picture = _data_uri_picture(el.get("src", ""))
        if picture is not None:
            yield picture
    elif tag == "p" or not any(_is_block(c) for c in el):
        yield from _html_inline(el)
    else:
        if el.text and el.text.strip():
            yield para(_clean(el.text))
        for child in el:
            yield from _html_block(child)
            if child.tail and child.tail.strip():
                yield para(_clean(child.tail))


_BLOCK_TAGS = {"p", "div", "table", "ul", "ol", "pre", "img", "section", "figure", "blockquote"}
_BLOCK_TAGS |= {"h1", "h2", "h3", "h4", "h5", "h6", "main", "article"}


def _is_block(el: object) -> bool:
    tag = getattr(el, "tag", None)
    return isinstance(tag, str) and tag in _BLOCK_TAGS


def _html_inline(el: HtmlElement) -> Iterator[Content]:
    """A paragraph from ``el``'s text, bold and italic runs kept; its images after it."""
    runs: list[Run] = []

    def add(text: str | None, bold: bool, italic: bool) -> None:
        if text:
            runs.append(Run(re.sub(r"\s+", " ", text), bold, italic))

    def visit(node: HtmlElement, bold: bool, italic: bool) -> None:
        add(node.text, bold, italic)
        for child in node:
            if child.tag == "br":
                runs.append(Run("\n", bold, italic))
            elif isinstance(child.tag, str):
                strong = bold or child.tag in ("strong", "b", "th")
                visit(child, strong, italic or child.tag in ("em", "i"))
            add(child.tail, bold, italic)

    visit(el, el.tag in ("strong", "b"), el.tag in ("em", "i"))
    while runs and not runs[0].text.strip():
        runs.pop(0)
    while runs and not runs[-1].text.strip():
        runs.pop()
    if runs:
        first, last = runs[0], runs[-1]
        runs[0] = Run(first.text.lstrip(), first.bold, first.italic)
        runs[-1] = Run(runs[-1].text.rstrip(), last.bold, last.italic)
        yield Paragraph(tuple(runs))
    for img in el.iter("img"):
        picture = _data_uri_picture(img.get("src", ""))
        if picture is not None:
            yield picture


def _html_table(el: HtmlElement) -> Iterator[Content]:
    """A table: its header is the last row of ``thead`` (or a first row of ``th`` only)."""
    rows = [[_clean(c.text_content()) for c in tr if c.tag in ("td", "th")] for tr in el.iter("tr")]
    rows = [r for r in rows if r]
    if not rows:
        return
    head_rows = el.xpath("./thead/tr")
    first_all_th = all(c.tag == "th" for c in next(el.iter("tr")) if isinstance(c.tag, str))
    n_head = len(head_rows) if head_rows else int(first_all_th)
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    header = rows[n_head - 1] if n_head else [""] * width
    body = rows[n_head:]
    numeric = [
        i
        for i in range(width)
        if body and all(_NUMBER.match(r[i]) for r in body if r[i]) and any(r[i] for r in body)
    ]
    caption = el.find("caption")
    yield table(
        header,
        body,
        numeric,
        caption=_clean(caption.text_content()) if caption is not None else None,
    )


def _picture(value: object, fmt: ImageFormat) -> Picture:
    text = _text(value)
    if fmt == "svg":
        return Picture(text.encode("utf-8"), fmt)
    return Picture(base64.b64decode(text.replace("\n", "")), fmt)


def _data_uri_picture(src: str) -> Picture | None:
    match = re.match(r"data:image/(png|jpeg|svg\+xml);base64,(.*)$", src.strip(), re.S)
    if match is None:
        return None
    fmt: ImageFormat = "svg" if match.group(1) == "svg+xml" else match.group(1)  # type: ignore[assignment]
    return Picture(base64.b64decode(match.group(2)), fmt)


def _text(value: object) -> str:
    """An output's text: nbformat keeps it as a string or a list of lines."""
    return "".join(value) if isinstance(value, list) else str(value)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
