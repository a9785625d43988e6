"""Small HTML building blocks for report sections. Every text from data is escaped here.

A :class:`Section` displays in Jupyter (``_repr_html_``) and so lands in the executed
notebook as one ``text/html`` output, which the nbconvert template inserts as is.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from IPython.display import SVG

Cell = object


@dataclass(frozen=True)
class Section:
    """A report section: its heading (for text displays) and its HTML."""

    heading: str
    html: str

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:  # plain-text display: the heading, never an object repr
        return self.heading


def esc(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def h(level: int, text: str) -> str:
    return f"<h{level}>{esc(text)}</h{level}>"


def p(text: str, cls: str | None = None) -> str:
    attr = f' class="{esc(cls)}"' if cls else ""
    return f"<p{attr}>{esc(text)}</p>"


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    num_cols: Iterable[int] = (),
    *,
    total_rows: Iterable[int] = (),
    caption: str | None = None,
    cls: str = "report-table",
) -> str:
    """An escaped HTML table; columns in ``num_cols`` are right-aligned numbers; rows whose
    index is in ``total_rows`` are bold total rows."""
    nums = set(num_cols)
    totals = set(total_rows)
    out = [f'<table class="{esc(cls)}">']
    if caption:
        out.append(f"<caption>{esc(caption)}</caption>")
    out.append("<thead><tr>")
    for i, name in enumerate(header):
        out.append(f'<th class="num">{esc(name)}</th>' if i in nums else f"<th>{esc(name)}</th>")
    out.append("</tr></thead><tbody>")
    for r, row in enumerate(rows):
        out.append('<tr class="total">' if r in totals else "<tr>")
        for i, value in enumerate(row):
            out.append(
                f'<td class="num">{esc(value)}</td>' if i in nums else f"<td>{esc(value)}</td>"
            )
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def figure(svg: SVG, caption: str) -> str:
    """An SVG chart as an embedded image (data URI: no id clashes between charts), with
    its title as an HTML caption so that long titles wrap instead of being cut."""
    data = svg.data if isinstance(svg.data, str) else svg.data.decode("utf-8")
    b64 = base64.b64encode(data.encode("utf-8")).decode("ascii")
    return (
        f'<figure class="chart"><figcaption>{esc(caption)}</figcaption>'
        f'<img src="data:image/svg+xml;base64,{b64}" alt="{esc(caption)}"/></figure>'
    )


def section(heading_text: str, *parts: str, level: int = 2) -> Section:
    body = "".join(parts)
    return Section(
        heading_text, f'<section class="report-section">{h(level, heading_text)}{body}</section>'
    )
