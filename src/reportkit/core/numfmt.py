"""Number formats for report text: Vietnamese (``vi``) and English (``en``).

Vietnamese uses a decimal comma and a thousands dot (``1.234 hộ``, ``47,86 %``,
``225,4 triệu đồng``); English uses the usual ``1,234`` / ``47.86%`` / ``225.4 million VND``.

Decisions, so that every table and sentence agrees:

- Rounding is half away from zero on the *decimal* value you see (``47.855`` → ``47,86``),
  not Python's banker's rounding on the binary float.
- Percentages are given in percentage points: ``fmt_pct(47.86, "vi")`` → ``"47,86%"``, with
  no space, as Vietnamese official texts write them (DOMAIN: "47,86%"), in every sentence.
  Vietnamese puts a (non-breaking) space before ``%``; English does not.
- Money in millions always keeps its one decimal (``225,0 triệu đồng``), so columns of
  amounts line up and a reader never wonders whether a digit was dropped.
- A missing value (``None``, NaN, ``pd.NA``, infinity) prints as an en dash ``–``.

All functions are pure: same input, same string.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

Lang = Literal["vi", "en"]

MISSING = "–"
"""What a missing value prints as (en dash, U+2013)."""

NBSP = "\u00a0"
"""Non-breaking space: keeps ``47,86 %`` and ``225,4 triệu đồng`` on one line."""

_SEPARATORS: dict[str, tuple[str, str]] = {
    # lang: (thousands separator, decimal separator)
    "vi": (".", ","),
    "en": (",", "."),
}


def _separators(lang: str) -> tuple[str, str]:
    try:
        return _SEPARATORS[lang]
    except KeyError:
        raise ValueError(f"unknown language {lang!r}; expected 'vi' or 'en'") from None


def _is_missing(x: object) -> bool:
    """True for None, NaN, infinities and pandas' NA/NaT markers."""
    if x is None or type(x).__name__ in {"NAType", "NaTType"}:
        return True
    try:
        value = float(x)  # type: ignore[arg-type]
    except TypeError:
        return True
    return math.isnan(value) or math.isinf(value)


def _format(x: float | int | Decimal, digits: int, lang: str) -> str:
    """Round half away from zero to ``digits`` decimals and apply ``lang``'s separators."""
    thousands, decimal_sep = _separators(lang)
    # str() gives the shortest repr, so 47.855 rounds as the decimal 47.855, not 47.85499…
    value = Decimal(str(x)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    if value == 0:
        value = abs(value)  # never print "-0,0"
    text = f"{value:,.{digits}f}"  # English separators, then swap
    return text.translate(str.maketrans({",": thousands, ".": decimal_sep}))


def fmt_int(n: float | int | None, lang: Lang) -> str:
    """Whole number with thousands separators: ``1234`` → ``"1.234"`` (vi), ``"1,234"`` (en)."""
    if _is_missing(n):
        return MISSING
    return _format(n, 0, lang)  # type: ignore[arg-type]


def fmt_dec(x: float | int | None, digits: int, lang: Lang) -> str:
    """Decimal with ``digits`` places: ``47.856, 2`` → ``"47,86"`` (vi), ``"47.86"`` (en)."""
    if _is_missing(x):
        return MISSING
    return _format(x, digits, lang)  # type: ignore[arg-type]


def fmt_pct(x: float | int | None, lang: Lang, digits: int = 2) -> str:
    """Percentage from percentage points: ``47.86`` → ``"47,86%"`` (vi), ``"47.86%"`` (en):
    the one format of a rate in a sentence."""
    if _is_missing(x):
        return MISSING
    return f"{_format(x, digits, lang)}%"  # type: ignore[arg-type]


def fmt_million_vnd(vnd: float | int | None, lang: Lang) -> str:
    """Amount in đồng shown in millions with one decimal.

    ``225_400_000`` → ``"225,4 triệu đồng"`` (vi), ``"225.4 million VND"`` (en);
    the decimal is always kept: ``225_000_000`` → ``"225,0 triệu đồng"``.
    """
    if _is_missing(vnd):
        return MISSING
    number = _format(Decimal(str(vnd)) / Decimal(1_000_000), 1, lang)
    unit = "triệu đồng" if lang == "vi" else "million VND"
    return f"{number}{NBSP}{unit}"


_MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def fmt_official_date(day: int, month: int, year: int, lang: Lang) -> str:
    """The date of an administrative document (Decree 30/2020/NĐ-CP): days 1–9 and months
    1–2 take a leading zero, "ngày 05 tháng 01 năm 2024", "ngày 15 tháng 3 năm 2024";
    English "5 January 2024"."""
    if lang == "en":
        return f"{day} {_MONTHS_EN[month - 1]} {year}"
    month_text = f"{month:02d}" if month <= 2 else str(month)
    return f"ngày {day:02d} tháng {month_text} năm {year}"
