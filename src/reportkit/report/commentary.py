"""Officials' words: what no figure can give (direction and administration, strengths,
causes, lessons, next year's tasks, proposals, monitoring conclusions).

They come from the optional ``commentary`` table of the raw folder: year, unit (empty =
the district), section code, text. The text is plain text, never markup and never
executed: paragraphs are separated by line breaks, and lines starting with "- " (or
"+ ", "• ") are bullet items. Where a section has no commentary, the report shows a
visible fill-in mark, and ``--final`` refuses to render (see :func:`missing`).
"""

from __future__ import annotations

import re

from reportkit import domain
from reportkit.report.document import Bullets, FillIn, Node, para
from reportkit.report.spec import Report, present

_BULLET = re.compile(r"^\s*(?:[-+•*])\s+")


def text_of(rpt: Report, code: str) -> str | None:
    """The commentary of this report's unit (None = the district) and year for ``code``;
    several rows of one section are joined in table order."""
    table = rpt.data.tables.get("commentary")
    if table is None or table.empty:
        return None
    where = table["commune"].isna() if rpt.unit is None else table["commune"] == rpt.commune
    rows = table.loc[where & (table["year"] == rpt.year) & (table["section"] == code), "text"]
    texts = [str(t).strip() for t in rows if present(t) is not None and str(t).strip()]
    return "\n".join(texts) or None


def to_nodes(text: str) -> list[Node]:
    """Plain text as paragraphs and bullet lists."""
    nodes: list[Node] = []
    items: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if not line.strip():
            continue
        if _BULLET.match(line):
            items.append(_BULLET.sub("", line).strip())
            continue
        if items:
            nodes.append(Bullets(tuple(items)))
            items = []
        nodes.append(para(line.strip()))
    if items:
        nodes.append(Bullets(tuple(items)))
    return nodes


def commentary(rpt: Report, code: str) -> list[Node]:
    """The officials' text for ``code``, or a fill-in mark saying what is to be written."""
    text = text_of(rpt, code)
    if text is None:
        return [FillIn(rpt.t("fill_in", what=rpt.t(f"c_{code}")))]
    return to_nodes(text)


def commentary_notes(rpt: Report, code: str) -> list[Node]:
    """Optional officials' notes (e.g. "projects_notes" under the budget table): shown as
    footnotes when given, nothing otherwise (never a fill-in mark)."""
    text = text_of(rpt, code)
    if text is None:
        return []
    return [
        para(rpt.t("note_prefix") + line.strip(), style="footnote")
        for line in text.splitlines()
        if line.strip()
    ]


def missing(rpt: Report) -> list[str]:
    """The required section codes (domain.toml [commentary]) this report still lacks
    commentary for, in report order."""
    required = [code for code, req in domain.commentary_sections().items() if req]
    return [code for code in required if text_of(rpt, code) is None]
