"""outputs/index.html: every rendered report by year and unit, with its key figures and the
status of its data, linking the HTML, the PDF and the Word file. The two periods are told
apart: up to 2024 the units of the district (or province) the data names, from 2025 those of
the province; a last table follows the former area over all the years. One self-contained
page (inline CSS, no scripts), so it opens offline from a shared folder or an unpacked
archive."""

from __future__ import annotations

import pandas as pd

from reportkit.core.numfmt import fmt_dec, fmt_int
from reportkit.data import registry
from reportkit.data.dataquality import counts, report_problems
from reportkit.data.prepare import Dataset
from reportkit.figures import indicators, lineage
from reportkit.report import document as doc
from reportkit.report.markup import esc, table

CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em auto; padding: 0 1.5em;
       max-width: 70em; color: #1d2a36; }
h1 { font-size: 1.4em; color: #1f3f5b; } h2 { font-size: 1.15em; color: #1f3f5b; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; margin-bottom: 1.5em; }
th, td { padding: 0.35em 0.6em; border-bottom: 1px solid #c9d3dc; text-align: left; }
th { background: #eef3f7; } .num { text-align: right; } td.num { white-space: nowrap; }
.banner { border: 1px solid #e07b39; background: #fff4ec; padding: 0.5em 0.8em; }
.legend { font-size: 0.85em; color: #4a5560; }
.ok { color: #2e7d32; } .warn { color: #b26a00; } .err { color: #b00020; }
"""

LEGEND = (
    '<p class="legend">Dữ liệu: <span class="err">lỗi</span> = dòng dữ liệu không hợp lệ, bị'
    ' loại khỏi số liệu; <span class="warn">cảnh báo</span> = dòng được giữ lại nhưng cần'
    " cán bộ kiểm tra (thường là kết quả phân loại khác với kết quả tính theo chuẩn, hoặc"
    " điểm B chấm chưa đúng); ✓ = không có vấn đề. Danh sách chi tiết: tệp kiểm tra nội"
    " bộ của từng báo cáo (thư mục internal của năm). (Data: errors = rows left out of the"
    " figures; warnings = rows kept but to be checked; the lists: each report's internal"
    " check workbook.)</p>"
)

HEADER = [
    "Đơn vị (Unit)",
    "Hộ nghèo (Poor)",
    "Tỷ lệ % (Rate)",
    "Hộ cận nghèo (Near-poor)",
    "Tỷ lệ % (Rate)",
    "Dữ liệu (Data)",
    "HTML",
    "PDF",
    "Word",
]
LINKS = {"html": "HTML", "pdf": "PDF", "docx": "DOCX"}
"""The report's formats linked from its row (a dash where a format was not rendered)."""


def index_html(data: Dataset, manifests: dict[int, dict[str, dict]]) -> str:
    parts = [
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"/>',
        "<title>Báo cáo đánh giá giảm nghèo — reportkit</title>",
        f"<style>{CSS}</style></head><body>",
        "<h1>Báo cáo đánh giá Chương trình MTQG giảm nghèo bền vững — "
        f"{esc(' / '.join(_area_label(a) for a in reversed(registry.current().areas)))}</h1>",
    ]
    if data.synthetic:
        parts.append(
            '<p class="banner"><strong>Dữ liệu minh họa</strong> — Synthetic demo '
            "data: not real statistics.</p>"
        )
    period = None
    for year in sorted(manifests, reverse=True):
        reports = manifests[year]
        if not reports:
            continue
        if _period(year) != period:
            period = _period(year)
            parts.append(f'<h2 class="period">{esc(period)}</h2>')
        parts.append(f"<h3>Năm {year} (review year {year})</h3>")
        parts.append(_year_table(data, year, reports))
        parts.append(LEGEND)
        parts.append(
            f'<p><a href="{year}/reports-{year}.zip">reports-{year}.zip</a> · '
            f'<a href="{year}/summary.xlsx">summary.xlsx</a> · '
            f'<a href="{year}/manifest.json">manifest.json</a></p>'
        )
    if data.years():
        parts.append(_former_district(data))
    parts.append("</body></html>\n")
    return "".join(parts)


def _area_total(year: int) -> str:
    """The area's row: "Toàn huyện (district)", "Toàn tỉnh (province)"."""
    from reportkit.report.labels import label

    area = registry.area_for(year)
    if area is None:
        return "Toàn địa bàn (area)"
    key = "area_kind_" + area.kind
    return f"Toàn {label(key, 'vi')} ({label(key, 'en')})"


def _area_label(area: registry.Area) -> str:
    return area.label + (f", tỉnh {area.province}" if area.province else "")


def _period(year: int) -> str:
    """The heading of the period ``year`` belongs to."""
    area = registry.area_for(year)
    if area is None:
        return f"Năm {year}: chưa khai báo địa bàn — no area named"
    when = (
        f"Đến năm {area.last_year} — up to {area.last_year}"
        if area.last_year is not None
        else f"Từ năm {area.first_year} — from {area.first_year}"
        if area.first_year is not None
        else "Các năm — all years"
    )
    return f"{when}: {_area_label(area)}"


def _former_district(data: Dataset) -> str:
    """The former district's area by year: the district's total up to 2024, the sum of
    the successor communes from 2025 (which include two outside areas: said in a note)."""
    f = lineage.former_district(data)
    former = lineage.former_area()
    if f.empty or former is None:
        return ""
    rows = [
        [
            f"{int(r['year'])}" + ("*" if r["outside"] else ""),
            fmt_int(r["households"], "vi"),
            fmt_int(r["poor"], "vi"),
            fmt_dec(r["poor_rate"], 2, "vi"),
            fmt_int(r["near_poor"], "vi"),
            fmt_dec(r["near_poor_rate"], 2, "vi"),
        ]
        for _, r in f.iterrows()
    ]
    header = [
        "Năm (Year)",
        "Tổng số hộ (Households)",
        "Hộ nghèo (Poor)",
        "Tỷ lệ % (Rate)",
        "Hộ cận nghèo (Near-poor)",
        "Tỷ lệ % (Rate)",
    ]
    outside = sorted({a for v in f["outside"].dropna() for a in str(v).split(";")})
    note = ""
    if outside:
        note = (
            '<p class="legend">(*) Tổng của các đơn vị kế thừa, gồm cả địa bàn ngoài '
            f"{esc(former.label)} cũ: {esc(', '.join(outside))} — so sánh với các năm trước "
            "cần lưu ý phần địa bàn này. (Sum of the successor units, which include areas "
            "from outside the former area.)</p>"
        )
    return (
        f"<h2>Khu vực {esc(former.label)} cũ qua các năm (former area)</h2>"
        + table(doc.table(header, rows, num_cols=[1, 2, 3, 4, 5]))
        + note
    )


def _year_table(data: Dataset, year: int, reports: dict[str, dict]) -> str:
    figures = indicators.household_figures(data, year) if year in data.years() else None
    v = data.validation
    rows_html = []
    for _name, entry in sorted(reports.items(), key=lambda kv: _order(kv[1], year)):
        commune = entry.get("commune")
        fig = None
        if figures is not None:
            sel = figures["commune"].isna() if commune is None else figures["commune"] == commune
            fig = figures.loc[sel].iloc[0] if sel.any() else None
        status = _status(v, year, commune)
        links = []
        for fmt, text in LINKS.items():
            out = entry.get("outputs", {}).get(fmt)
            links.append(f'<a href="{year}/{esc(out["file"])}">{text}</a>' if out else "–")
        label = commune or _area_total(year)
        if entry.get("lang", "vi") != "vi":
            label += f" ({entry['lang']})"
        cells = [esc(label)]
        numbers = []
        for col, kind in (
            ("poor", "n"),
            ("poor_rate", "p"),
            ("near_poor", "n"),
            ("near_poor_rate", "p"),
        ):
            val = None if fig is None else fig[col]
            numbers.append(fmt_int(val, "vi") if kind == "n" else fmt_dec(val, 2, "vi"))
        row = f"<td>{cells[0]}</td>"
        row += "".join(f'<td class="num">{esc(text)}</td>' for text in numbers)
        row += f"<td>{status}</td>" + "".join(f"<td>{c}</td>" for c in links)
        rows_html.append(f"<tr>{row}</tr>")
    head = table(doc.table(HEADER, [], num_cols=[1, 2, 3, 4])).split("<tbody>")[0]
    return head + "<tbody>" + "".join(rows_html) + "</tbody></table>"


def _order(entry: dict, year: int) -> tuple[int, str]:
    """Registry order of the units of ``year``, the district last, then language."""
    names = [u.name for u in registry.units_in_year(year)]
    commune = entry.get("commune")
    return (names.index(commune) if commune in names else len(names), entry.get("lang", ""))


def _status(v: pd.DataFrame, year: int, commune: str | None) -> str:
    errors, warnings = counts(report_problems(v, year, commune))
    if errors:
        return f'<span class="err">{errors} lỗi · {warnings} cảnh báo</span>'
    if warnings:
        return f'<span class="warn">{warnings} cảnh báo</span>'
    return '<span class="ok">✓</span>'
