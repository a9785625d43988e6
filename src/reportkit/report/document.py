"""The structured document a report is made of: headings, paragraphs, lists, tables,
figures, notes, fill-in marks and the administrative form's blocks.

Report sections build these nodes and compute nothing about layout; one renderer per
format turns them into bytes (:mod:`reportkit.report.html` for HTML and, through
WeasyPrint, PDF; :mod:`reportkit.report.docx` for Word). All text is plain text: a renderer
escapes it, so a village called ``<script>`` prints as those characters. A :class:`Part` is
what a notebook cell shows: its HTML, and its nodes as JSON (:data:`MIME_TYPE`,
:func:`to_data`), which the Word renderer reads back from the executed notebook
(:func:`from_data`).
"""

from __future__ import annotations

import base64
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Literal, get_args

from reportkit.core.errors import ContentError

MIME_TYPE = "application/vnd.reportkit.report.document+json"
"""The MIME type under which a notebook cell's :class:`Part` keeps its nodes (as JSON);
nbconvert's HTML ignores it and shows the part's ``text/html``."""

ParagraphStyle = Literal["body", "note", "lead", "center", "footnote"]


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph's text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    style: ParagraphStyle = "body"

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


def para(*parts: str | Run, style: ParagraphStyle = "body") -> Paragraph:
    """A paragraph from strings (plain runs) and :class:`Run` s."""
    return Paragraph(tuple(Run(p) if isinstance(p, str) else p for p in parts), style)


def note(text: str) -> Paragraph:
    return para(text, style="note")


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class FillIn:
    """A visible mark where officials must still write something (``what`` says what)."""

    what: str


@dataclass(frozen=True)
class Column:
    title: str
    numeric: bool = False


KEEP_TOGETHER_ROWS = 15
"""Tables of at most this many rows are never split over two pages (every renderer)."""

NOWRAP_CHARS = 18
"""Text columns whose every cell is at most this long (unit and village names, dates,
project codes) never wrap in any renderer: the wide text columns take the rest."""


@dataclass(frozen=True)
class Table:
    """Rows of already formatted cell texts. Numeric columns are right-aligned; rows
    listed in ``total_rows`` are total rows (bold)."""

    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    total_rows: frozenset[int] = frozenset()
    caption: str | None = None
    small: bool = False

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(c.title for c in self.columns)


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    num_cols: Iterable[int] = (),
    *,
    total_rows: Iterable[int] = (),
    caption: str | None = None,
    small: bool = False,
) -> Table:
    """A :class:`Table` from a header, rows (cells turned into text) and the indexes of
    its numeric columns."""
    nums = set(num_cols)
    return Table(
        columns=tuple(Column(h, i in nums) for i, h in enumerate(header)),
        rows=tuple(tuple("" if v is None else str(v) for v in row) for row in rows),
        total_rows=frozenset(total_rows),
        caption=caption,
        small=small,
    )


@dataclass(frozen=True)
class Figure:
    """A chart: its SVG text and its caption (the caption is text, never in the image)."""

    svg: str = field(metadata={"packed": True})  # compressed in JSON: it is large
    caption: str


@dataclass(frozen=True)
class Masthead:
    """The head of an administrative document (Decree 30/2020/NĐ-CP, Appendix I): the
    issuing body and the document number on the left; the national name, the motto and
    the italic place-and-date line on the right."""

    issuer: tuple[str, ...]
    number: str
    nation: str
    motto: str
    place_date: str


@dataclass(frozen=True)
class DocumentTitle:
    """The document type ("BÁO CÁO") and its subject (trích yếu), centred."""

    kind: str
    subject: str


@dataclass(frozen=True)
class Signature:
    """The end of the document: recipients on the left, the signing authority (e.g. "TM.
    ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH") and the signer's name on the
    right."""

    recipients_label: str
    recipients: tuple[str, ...]
    authority: tuple[str, ...]
    signer: str


Node = (
    Paragraph | Heading | Bullets | FillIn | Table | Figure | Masthead | DocumentTitle | Signature
)


@dataclass(frozen=True)
class Block:
    """A titled group of nodes. ``screen_only`` blocks (technical information) are shown
    on screen and never printed or put into a Word file; ``new_page`` blocks start a page."""

    title: str | None
    children: tuple[Node | Block, ...]
    level: int = 2
    screen_only: bool = False
    new_page: bool = False  # printed from the top of a new page (an appendix)


def block(
    title: str | None,
    *children: Node | Block | None,
    level: int = 2,
    screen_only: bool = False,
    new_page: bool = False,
) -> Block:
    """A :class:`Block`; ``None`` children (an optional part that is absent) are dropped."""
    kept = tuple(c for c in children if c is not None)
    return Block(title, kept, level, screen_only, new_page)


@dataclass(frozen=True)
class Part:
    """What one notebook cell displays: one or more blocks, rendered as HTML in Jupyter
    and in the executed notebook; its plain-text display is its title, never an object
    repr."""

    blocks: tuple[Block, ...]
    title: str = ""
    meta: dict[str, object] = field(default_factory=dict, compare=False)

    def _repr_html_(self) -> str:
        if not _HTML_RENDERER:
            raise RuntimeError("no HTML renderer registered (import reportkit.report)")
        return _HTML_RENDERER[0](self)

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict:
        """The nodes as JSON beside the HTML and plain text IPython adds from the other
        ``_repr_*_`` methods."""
        return {MIME_TYPE: to_data(self)}

    def __repr__(self) -> str:
        return self.title

    @property
    def html(self) -> str:
        return self._repr_html_()


_HTML_RENDERER: list[Callable[[Part], str]] = []
"""The function that gives a :class:`Part` its HTML: :mod:`reportkit.report.html`
registers itself (:func:`html_renderer`), so the model never imports a renderer."""


def html_renderer(render: Callable[[Part], str]) -> Callable[[Part], str]:
    """Register ``render`` as the HTML of every :class:`Part` (a decorator)."""
    _HTML_RENDERER[:] = [render]
    return render


def part(*blocks: Block, title: str | None = None) -> Part:
    return Part(tuple(blocks), title if title is not None else (blocks[0].title or ""))


def walk(node: Part | Block | Node) -> Iterable[Node | Block]:
    """Every block and node of ``node``, depth first, in document order."""
    if isinstance(node, Part):
        for b in node.blocks:
            yield from walk(b)
        return
    yield node
    if isinstance(node, Block):
        for c in node.children:
            yield from walk(c)


def tables(node: Part | Block) -> list[Table]:
    """Every table of ``node`` in document order (for tests and checks)."""
    return [n for n in walk(node) if isinstance(n, Table)]


def plain_text(node: Part | Block | Node) -> str:
    """The text a reader sees, one line per paragraph, heading, item or table row."""
    lines: list[str] = []
    for n in walk(node):
        if isinstance(n, Block) and n.title:
            lines.append(n.title)
        elif isinstance(n, Heading | Paragraph):
            lines.append(n.text)
        elif isinstance(n, Bullets):
            lines += [f"- {i}" for i in n.items]
        elif isinstance(n, FillIn):
            lines.append(f"[{n.what}]")
        elif isinstance(n, Table):
            if n.caption:
                lines.append(n.caption)
            lines.append(" | ".join(n.header))
            lines += [" | ".join(r) for r in n.rows]
        elif isinstance(n, Figure):
            lines.append(n.caption)
        elif isinstance(n, Masthead):
            lines += [*n.issuer, n.number, n.nation, n.motto, n.place_date]
        elif isinstance(n, DocumentTitle):
            lines += [n.kind, n.subject]
        elif isinstance(n, Signature):
            lines += [n.recipients_label, *n.recipients, *n.authority, n.signer]
    return "\n".join(lines)


def section(title: str, *children: Node | Block | None, level: int = 2) -> Part:
    """A :class:`Part` of one titled block (a report section)."""
    return part(block(title, *children, level=level), title=title)


def figure(svg: object, caption: str) -> Figure:
    """A :class:`Figure` from SVG text or an IPython ``SVG`` object (our charts)."""
    data = svg if isinstance(svg, str | bytes) else svg.data  # type: ignore[attr-defined]
    return Figure(data.decode("utf-8") if isinstance(data, bytes) else data, caption)


# --- JSON: the nodes a notebook cell showed, read back from the executed notebook ---------


class DocumentDataError(ContentError):
    """JSON that is not a document of this model (a node type this version does not know)."""


def to_data(obj: object) -> object:
    """``obj`` (a :class:`Part`, block or node) as JSON-ready data: each node a dict with
    its type under "node" and the fields that differ from their defaults; tuples and sets
    as lists. :func:`from_data` reverses it."""
    if is_dataclass(obj) and not isinstance(obj, type):
        data: dict[str, object] = {"node": type(obj).__name__}
        for f in fields(obj):
            value = getattr(obj, f.name)
            if f.compare and value != f.default:  # Part.meta stays in the notebook
                data[f.name] = _pack(value) if f.metadata.get("packed") else to_data(value)
        return data
    if isinstance(obj, frozenset):
        return sorted(obj)  # type: ignore[type-var]
    if isinstance(obj, tuple | list):
        return [to_data(v) for v in obj]
    return obj


def from_data(data: object) -> object:
    """The :class:`Part`, block or node that :func:`to_data` made ``data`` from."""
    if isinstance(data, list):
        return tuple(from_data(v) for v in data)
    if not isinstance(data, dict):
        return data
    name = data.get("node")
    cls = _NODE_CLASSES.get(name)  # type: ignore[arg-type]
    if cls is None:
        raise DocumentDataError(f"unknown document node {name!r} in a notebook output")
    values = {}
    for f in fields(cls):
        if f.name in data:
            value = _unpack(data[f.name]) if f.metadata.get("packed") else from_data(data[f.name])
            is_set = str(f.type).startswith("frozenset")
            values[f.name] = frozenset(value) if is_set else value  # type: ignore[arg-type]
    return cls(**values)


def _pack(text: str) -> str:
    """Long text (a chart's SVG) as base64 of its zlib compression: a quarter the size."""
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii")


def _unpack(packed: object) -> str:
    try:
        return zlib.decompress(base64.b64decode(str(packed), validate=True)).decode("utf-8")
    except (ValueError, zlib.error) as exc:
        raise DocumentDataError(f"a packed field of a notebook output is damaged: {exc}") from None


_NODE_CLASSES: dict[str, type] = {
    c.__name__: c for c in (*get_args(Node), Run, Column, Block, Part)
}
