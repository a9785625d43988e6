"""Small HTML building blocks (escaped text, tables, embedded SVG figures) for the HTML
renderer of the document model and for the index page. Every text from data is escaped
here."""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from IPython.display import SVG

Cell = object


def esc(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    num_cols: Iterable[int] = (),
    *,
    total_rows: Iterable[int] = (),
    caption: str | None = None,
    cls: str = "report-table",
    nowrap_cols: Iterable[int] = (),
) -> str:
    """An escaped HTML table; columns in ``num_cols`` are right-aligned numbers; rows whose
    index is in ``total_rows`` are bold total rows; text columns in ``nowrap_cols`` (short
    names) never wrap."""
    nums = set(num_cols)
    totals = set(total_rows)
    nowrap = set(nowrap_cols) - nums
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
