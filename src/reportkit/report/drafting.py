"""Sentences that state figures, drafted in sober official Vietnamese (and English).

Directions are words ("giảm 0,72 điểm phần trăm", "tăng 3 hộ"), never a signed number.
A verdict is drafted only where the comparison is valid: both figures present, a
denominator of at least MIN_BASE resident households, and — for the national targets — a
district report; a commune's comparison with the national target is labelled as a
reference.
"""

from __future__ import annotations

from reportkit.core.numfmt import Lang, fmt_dec, fmt_int, fmt_pct

MIN_BASE = 30
"""Fewest resident households on which a rate is assessed (fewer: count, no verdict)."""


def pct(v: float, lang: Lang) -> str:
    """A rate in a sentence: "2,21%" (vi), "2.21%" (en)."""
    return fmt_pct(v, lang)


def points(delta: float, lang: Lang) -> str:
    """A change of a rate in words: "giảm 0,72 điểm phần trăm", "tăng 0,30 điểm phần
    trăm", "không thay đổi"."""
    size = fmt_dec(abs(delta), 2, lang)
    if round(delta, 2) == 0:
        return "không thay đổi" if lang == "vi" else "unchanged"
    if lang == "vi":
        return f"{'giảm' if delta < 0 else 'tăng'} {size} điểm phần trăm"
    return f"{'down' if delta < 0 else 'up'} {size} percentage points"


def households(delta: int, lang: Lang) -> str:
    """A change of a count in words: "giảm 16 hộ", "tăng 3 hộ", "không thay đổi"."""
    if delta == 0:
        return "không thay đổi" if lang == "vi" else "unchanged"
    size = fmt_int(abs(delta), lang)
    if lang == "vi":
        return f"{'giảm' if delta < 0 else 'tăng'} {size} hộ"
    return f"{'down' if delta < 0 else 'up'} {size}"


def rate_sentence(
    label: tuple[str, str],
    year: int,
    now: float | None,
    before: float | None,
    lang: Lang,
) -> str:
    """ "Tỷ lệ hộ nghèo cuối năm 2023 là 2,21%, giảm 0,72 điểm phần trăm so với đầu năm"
    (``label`` = the Vietnamese and English name of the rate)."""
    name = label[0] if lang == "vi" else label[1]
    if now is None:
        if lang == "vi":
            return f"Không có số liệu để tính {name[0].lower()}{name[1:]} năm {year}."
        return f"There are no data to compute the {name.lower()} for {year}."
    if lang == "vi":
        text = f"{name} cuối năm {year} là {pct(now, lang)}"
        if before is not None:
            text += f", {points(now - before, lang)} so với đầu năm ({pct(before, lang)})"
    else:
        text = f"The {name.lower()} at the end of {year} was {pct(now, lang)}"
        if before is not None:
            text += f", {points(now - before, lang)} on the start of the year ({pct(before, lang)})"
    return text


def count_sentence(
    label: tuple[str, str], now: int | None, before: int | None, lang: Lang
) -> str | None:
    """ "Số hộ nghèo cuối năm là 623 hộ, giảm 192 hộ so với đầu năm (815 hộ)."""
    if now is None:
        return None
    name = label[0] if lang == "vi" else label[1]
    if lang == "vi":
        text = f"{name} cuối năm là {fmt_int(now, lang)} hộ"
        if before is not None:
            text += (
                f", {households(now - before, lang)} so với đầu năm ({fmt_int(before, lang)} hộ)"
            )
        return text + "."
    text = f"{name} at the end of the year: {fmt_int(now, lang)}"
    if before is not None:
        text += (
            f", {households(now - before, lang)} on the start of the year ({fmt_int(before, lang)})"
        )
    return text + "."


def target_clause(
    drop: float | None,
    target: tuple[float, float],
    *,
    national: bool,
    binding: bool,
    base: int | None,
    lang: Lang,
    more_than: bool = False,
) -> str:
    """How a fall in a rate compares with a target "giảm 1–1,5%/năm" (``target`` = low,
    high; ``more_than``: "trên 3%/năm"). ``binding`` False (a commune against a national
    target): labelled as a reference. No verdict without a valid base."""
    low, high = target
    if more_than:
        goal = f"trên {fmt_dec(low, 0, lang)}%/năm" if lang == "vi" else f"over {low:g}% a year"
    elif lang == "vi":
        goal = f"{fmt_dec(low, 0, lang)}–{fmt_dec(high, 1, lang)}%/năm"
    else:
        goal = f"{low:g}–{high:g}% a year"
    whose = (
        (" của cả nước" if national else "") if lang == "vi" else (" national" if national else "")
    )
    if base is not None and base < MIN_BASE:
        if lang == "vi":
            return f" (chỉ có {fmt_int(base, lang)} hộ dân cư: không đủ cơ sở để đánh giá)"
        return f" (only {fmt_int(base, lang)} resident households: too few to assess)"
    if drop is None:
        return ""
    met = drop > low if more_than else drop >= low
    if not binding:
        if lang == "vi":
            return f" (tham chiếu mục tiêu giảm {goal}{whose})"
        return f" (for reference: the{whose} target is a fall of {goal})"
    if lang == "vi":
        return f", {'đạt' if met else 'chưa đạt'} chỉ tiêu giảm {goal}"
    return f", {'meeting' if met else 'short of'} the target of a fall of {goal}"
