"""The HTML renderer of the document model (:mod:`reportkit.document`).

Every text is escaped here (through :mod:`reportkit.markup`); the nbconvert template
(templates/reportkit) puts the result into the page, and WeasyPrint prints the same
HTML as the PDF. Blocks marked ``screen_only`` get the ``screen-only`` class, which the
print stylesheet hides.
"""

from __future__ import annotations

from functools import singledispatch

from reportkit.document import (
    Block,
    Bullets,
    Figure,
    FillIn,
    Heading,
    Paragraph,
    Part,
    Raw,
    Table,
)
from reportkit.markup import esc, figure, table


def render_part(part: Part) -> str:
    return "".join(render(b) for b in part.blocks)


@singledispatch
def render(node: object) -> str:
    raise TypeError(f"no HTML for {type(node).__name__}")


@render.register
def _(node: Block) -> str:
    cls = "report-section screen-only" if node.screen_only else "report-section"
    title = f"<h{node.level}>{esc(node.title)}</h{node.level}>" if node.title else ""
    return f'<section class="{cls}">{title}{"".join(render(c) for c in node.children)}</section>'


@render.register
def _(node: Paragraph) -> str:
    parts = []
    for r in node.runs:
        text = esc(r.text)
        if r.italic:
            text = f"<em>{text}</em>"
        if r.bold:
            text = f"<strong>{text}</strong>"
        parts.append(text)
    cls = "" if node.style == "body" else f' class="{node.style}"'
    return f"<p{cls}>{''.join(parts)}</p>"


@render.register
def _(node: Heading) -> str:
    return f"<h{node.level}>{esc(node.text)}</h{node.level}>"


@render.register
def _(node: Bullets) -> str:
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in node.items) + "</ul>"


@render.register
def _(node: FillIn) -> str:
    return f'<p class="fill-in">[{esc(node.what)}]</p>'


@render.register
def _(node: Table) -> str:
    return table(
        node.header,
        node.rows,
        [i for i, c in enumerate(node.columns) if c.numeric],
        total_rows=node.total_rows,
        caption=node.caption,
        cls="report-table small" if node.small else "report-table",
    )


@render.register
def _(node: Figure) -> str:
    return figure(node.svg, node.caption)


@render.register
def _(node: Raw) -> str:
    return node.html
