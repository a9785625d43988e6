"""The HTML renderer of the document model (:mod:`reportkit.report.document`).

Every text is escaped here (through :mod:`reportkit.report.markup`); the nbconvert template
(templates/reportkit) puts the result into the page, and WeasyPrint prints the same
HTML as the PDF. Blocks marked ``screen_only`` get the ``screen-only`` class, which the
print stylesheet hides.
"""

from __future__ import annotations

from functools import singledispatch

from reportkit.report import document as doc
from reportkit.report.document import KEEP_TOGETHER_ROWS, NOWRAP_CHARS, html_renderer
from reportkit.report.markup import esc, figure, table


@html_renderer
def render_part(part: doc.Part) -> str:
    return "".join(render(b) for b in part.blocks)


@singledispatch
def render(node: object) -> str:
    raise TypeError(f"no HTML for {type(node).__name__}")


@render.register
def _(node: doc.Block) -> str:
    cls = "report-section"
    cls += " screen-only" if node.screen_only else ""
    cls += " new-page" if node.new_page else ""
    title = f"<h{node.level}>{esc(node.title)}</h{node.level}>" if node.title else ""
    return f'<section class="{cls}">{title}{"".join(render(c) for c in node.children)}</section>'


@render.register
def _(node: doc.Paragraph) -> str:
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
def _(node: doc.Heading) -> str:
    return f"<h{node.level}>{esc(node.text)}</h{node.level}>"


@render.register
def _(node: doc.Bullets) -> str:
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in node.items) + "</ul>"


@render.register
def _(node: doc.FillIn) -> str:
    return f'<p class="fill-in">[{esc(node.what)}]</p>'


@render.register
def _(node: doc.Table) -> str:
    cls = "report-table small" if node.small else "report-table"
    if len(node.rows) <= KEEP_TOGETHER_ROWS:
        cls += " keep"
    return table(
        node,
        cls,
        nowrap_cols=[
            i
            for i in range(len(node.columns))
            if max((len(r[i]) for r in node.rows), default=0) <= NOWRAP_CHARS
        ],
    )


@render.register
def _(node: doc.Figure) -> str:
    return figure(node.svg, node.caption)


def _lines(lines: tuple[str, ...] | list[str], cls: str) -> str:
    return "".join(f'<p class="{cls}">{esc(line)}</p>' for line in lines)


@render.register
def _(node: doc.Masthead) -> str:
    # A borderless two-column table, as the decree's form and Word templates lay it out.
    left = _lines(node.issuer, "rk-issuer") + '<p class="rk-rule"></p>'
    left += f'<p class="rk-number">{esc(node.number)}</p>'
    right = f'<p class="rk-nation">{esc(node.nation)}</p>'
    right += f'<p class="rk-motto">{esc(node.motto)}</p><p class="rk-rule"></p>'
    right += f'<p class="rk-place-date">{esc(node.place_date)}</p>'
    return (
        '<table class="rk-masthead"><tr>'
        f'<td class="rk-masthead-left">{left}</td><td class="rk-masthead-right">{right}</td>'
        "</tr></table>"
    )


@render.register
def _(node: doc.DocumentTitle) -> str:
    return (
        f'<div class="rk-doc-title"><p class="rk-doc-kind">{esc(node.kind)}</p>'
        f'<p class="rk-doc-subject">{esc(node.subject)}</p><p class="rk-rule"></p></div>'
    )


@render.register
def _(node: doc.Signature) -> str:
    left = f'<p class="rk-recipients-label">{esc(node.recipients_label)}</p>'
    left += _lines(node.recipients, "rk-recipient")
    right = _lines(node.authority, "rk-authority")
    right += f'<p class="rk-sign-space"></p><p class="rk-signer">{esc(node.signer)}</p>'
    return (
        '<table class="rk-signature"><tr>'
        f'<td class="rk-signature-left">{left}</td><td class="rk-signature-right">{right}</td>'
        "</tr></table>"
    )
