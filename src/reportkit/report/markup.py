"""Small HTML building blocks (escaped text, tables, embedded SVG figures) for the HTML
renderer of the document model and for the index page. Every text from data is escaped
here."""

from __future__ import annotations

import base64
from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from IPython.display import SVG

    from reportkit.report.document import Table


def esc(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def table(node: Table, cls: str = "report-table", nowrap_cols: Iterable[int] = ()) -> str:
    """``node`` as an escaped HTML table: its numeric columns right-aligned, its total rows
    bold; text columns in ``nowrap_cols`` (short names) never wrap."""
    nums = {i for i, c in enumerate(node.columns) if c.numeric}
    nowrap = set(nowrap_cols) - nums
    out = [f'<table class="{esc(cls)}">']
    if node.caption:
        out.append(f"<caption>{esc(node.caption)}</caption>")
    out.append("<thead><tr>")
    for i, name in enumerate(node.header):
        out.append(f'<th class="num">{esc(name)}</th>' if i in nums else f"<th>{esc(name)}</th>")
    out.append("</tr></thead><tbody>")
    for r, row in enumerate(node.rows):
        out.append('<tr class="total">' if r in node.total_rows else "<tr>")
        for i, value in enumerate(row):
            if i in nums:
                out.append(f'<td class="num">{esc(value)}</td>')
            elif i in nowrap:
                out.append(f'<td class="nowrap">{esc(value)}</td>')
            else:
                out.append(f"<td>{esc(value)}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def figure(svg: SVG | str, caption: str) -> str:
    """An SVG chart as an embedded image (data URI: no id clashes between charts), with
    its title as an HTML caption so that long titles wrap instead of being cut."""
    data = svg if isinstance(svg, str) else svg.data
    data = data if isinstance(data, str) else data.decode("utf-8")
    b64 = base64.b64encode(data.encode("utf-8")).decode("ascii")
    return (
        f'<figure class="chart"><figcaption>{esc(caption)}</figcaption>'
        f'<img src="data:image/svg+xml;base64,{b64}" alt="{esc(caption)}"/></figure>'
    )
