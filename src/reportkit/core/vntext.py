"""Vietnamese text utilities: Unicode normalisation, folding keys, legacy TCVN3 repair.

Everything here is pure string work. Two folding keys are offered for comparing names:
``fold_tones`` (keeps diacritics, unifies case, spacing and tone placement) and
``fold_ascii`` (drops diacritics too). ``fix_text`` turns any cell into NFC Unicode
without zero-width characters, converting text typed in the legacy TCVN3 (ABC, .VnTime)
font encoding, which reads like "Hµm Th¹nh" once its bytes are decoded as cp1252 / latin-1.
``parse_number`` reads numbers as Vietnamese offices type them (1.500.000, 47,86).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

# --- Unicode normalisation --------------------------------------------------------------


def nfc(s: str) -> str:
    """Return ``s`` in Unicode NFC (composed) form."""
    return unicodedata.normalize("NFC", s)


# --- Vietnamese syllable structure ------------------------------------------------------

# The five tone marks as combining characters: huyền, sắc, ngã, hỏi, nặng.
_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_VOWELS = frozenset("aăâeêioôơuưy")
_MARKED_VOWELS = "ăâêôơư"
_INITIALS = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
)  # fmt: skip
_FINALS = frozenset({"", "c", "ch", "m", "n", "ng", "nh", "p", "t"})
# The toneless vowel clusters (nguyên âm, with their glides) Vietnamese spelling allows.
_CLUSTER_LIST = (
    "a ă â e ê i o ô ơ u ư y "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê "
    "iêu yêu oai oao oay oeo uây uôi uya uyê uyu ươi ươu"
)
_CLUSTERS = frozenset(_CLUSTER_LIST.split())


def _parse_syllable(word: str) -> tuple[str, str, str] | None:
    """Split a lower-case, toneless syllable into (initial, vowel cluster, final).

    Returns None when ``word`` is not a well-formed Vietnamese syllable. Longer initials
    are tried first so that "qu" and "gi" take their glide ("quý", "giữa") when a vowel
    follows, and give it back otherwise ("gì").
    """
    for initial in _INITIALS:
        if not word.startswith(initial):
            continue
        rest = word[len(initial) :]
        end = 0
        while end < len(rest) and rest[end] in _VOWELS:
            end += 1
        cluster, final = rest[:end], rest[end:]
        if cluster in _CLUSTERS and final in _FINALS:
            return initial, cluster, final
    return None


def _tone_index(cluster: str, final: str) -> int:
    """Index in ``cluster`` of the vowel that carries the tone, in the classic placement.

    Classic ("old") placement: hòa, thủy, khỏe; a marked vowel (ă â ê ô ơ ư) always wins,
    the last one for "ươ"; with a final consonant the last vowel; three vowels the middle.
    """
    marked = [i for i, ch in enumerate(cluster) if ch in _MARKED_VOWELS]
    if marked:
        return marked[-1]
    if final:
        return len(cluster) - 1
    if len(cluster) == 3:
        return 1
    return 0


def _normalise_syllable(match: re.Match[str]) -> str:
    word = match.group(0)
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in _TONE_MARKS]
    if len(tones) > 1:
        return word
    base = nfc("".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    parsed = _parse_syllable(base)
    if parsed is None:
        return word
    initial, cluster, final = parsed
    if initial == "qu" and cluster == "i":
        cluster = "y"  # Quí and Quý are one name; "y" is the modern spelling.
    if tones:
        at = _tone_index(cluster, final)
        cluster = cluster[: at + 1] + tones[0] + cluster[at + 1 :]
    return nfc(initial + cluster + final)


_WORD = re.compile(r"[^\W\d_]+")
_SPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 16)  # names recur: the registry's, a column's
def fold_tones(s: str) -> str:
    """Comparison key that keeps diacritics.

    NFC, case-folded, whitespace collapsed and stripped, tone marks moved to one canonical
    (classic) placement so that hoà/hòa, thuỷ/thủy, khoẻ/khỏe give the same key, and "i"
    after "qu" written "y" (Quí → quý). Punctuation is kept.
    """
    text = _SPACE.sub(" ", nfc(s).casefold()).strip()
    return _WORD.sub(_normalise_syllable, text)


_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")


@functools.lru_cache(maxsize=1 << 16)
def fold_ascii(s: str) -> str:
    """Comparison key without diacritics: ``fold_tones`` then ASCII only.

    Diacritics are removed (đ → d), any other non-ASCII character is dropped, punctuation
    becomes a word break, and whitespace is collapsed: "Thị trấn Thuận-Nam" → "thi tran
    thuan nam".
    """
    text = fold_tones(s).replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = _NON_ALNUM.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def slugify(s: str) -> str:
    """ASCII file-name slug: "Tân Lập" → "tan-lap"."""
    return fold_ascii(s).replace(" ", "-")


# --- TCVN3 (TCVN 5712:1993) ---------------------------------------------------------------

# Byte → Unicode of TCVN 5712:1993, checked against glibc iconv's TCVN5712-1 table.
# The ABC fonts (.VnTime) use the "VN3" subset: 0xA1–0xAE and 0xB5–0xFE, lower-case
# tone-marked vowels plus Ă Â Ê Ô Ơ Ư Đ; capitals with tones come from the separate
# upper-case fonts (.VnTimeH), which reuse the lower-case codes. The VN1 capitals at
# 0x80–0x9F, 0xAF, 0xBA, 0xBF–0xC5, 0xCD, 0xD9–0xDB, 0xE0, 0xF0 and 0xFF are included too;
# 0xB0–0xB4 are combining tone marks. Control positions 0x01–0x17 are left alone.
_TCVN3_HIGH = (
    # 0x80–0x9F (VN1 capitals)
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"
    # 0xA0–0xAF
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"
    # 0xB0–0xBF
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"
    # 0xC0–0xCF
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"
    # 0xD0–0xDF
    "éẹềểễếệìỉỄẾỒĩíịò"
    # 0xE0–0xEF
    "Ổỏõóọồổỗốộờởỡớợù"
    # 0xF0–0xFF
    "Ỗủũúụừửữứựỳỷỹýỵ"
    "Ố"
)

# Keys are the characters the bytes become when read as latin-1 (identical to cp1252 for
# 0xA0–0xFF). For 0x80–0x9F only the latin-1 reading (C1 controls) is mapped: the cp1252
# reading gives ordinary punctuation (– “ ” …) that a legacy file may use as such.
TCVN3_TO_UNICODE: dict[str, str] = {
    chr(byte): char
    for byte, char in zip(range(0x80, 0x100), _TCVN3_HIGH, strict=True)
    if byte != 0xA0
}
_TRANSLATE = str.maketrans(TCVN3_TO_UNICODE)
_TCVN3_CAPITALS = frozenset(k for k, v in TCVN3_TO_UNICODE.items() if v.isupper())

# Letters of Vietnamese Unicode that latin-1 does not have: their presence means the text
# is already Unicode.
_VIET_UNICODE = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0"
    "\u1ea0-\u1ef9\u0300\u0301\u0303\u0309\u0323]"
)
# Latin-1 letters that Vietnamese Unicode writes too (and French, Spanish ...): a word
# holding only these is no evidence of TCVN3.
_AMBIGUOUS = frozenset("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
# Combining tone marks at 0xB0–0xB4 read as ° ± ² ³ ´, far more often genuine symbols.
_NOT_EVIDENCE = frozenset("\u00b0\u00b1\u00b2\u00b3\u00b4")
_TCVN3_WORD = re.compile("[A-Za-z" + re.escape("".join(TCVN3_TO_UNICODE)) + "]+")


def _is_evidence(word: str, i: int) -> bool:
    """Whether ``word[i]`` points to TCVN3 rather than to ordinary latin-1 text."""
    ch = word[i]
    if ch not in TCVN3_TO_UNICODE or ch in _NOT_EVIDENCE:
        return False
    if ch not in _AMBIGUOUS:
        return True
    # A capital after a small letter inside a word ("ThuËn", "nghÌo") is a TCVN3 small
    # vowel, never a real capital.
    return ch.isupper() and i > 0 and word[i - 1].islower()


def _is_syllable(word: str) -> bool:
    base = unicodedata.normalize("NFD", word.lower())
    base = nfc("".join(ch for ch in base if ch not in _TONE_MARKS))
    return _parse_syllable(base) is not None


def looks_tcvn3(s: str) -> bool:
    """Whether ``s`` looks like TCVN3 text read as cp1252 / latin-1 ("Hµm Th¹nh").

    True when the text has no Vietnamese Unicode letters, three quarters of the words that
    hold TCVN3 code characters become valid Vietnamese syllables once converted, and one of
    those words holds a character that normal Unicode Vietnamese or Western text would not
    have there (µ ¹ ¨ ... or a capital inside a word such as "ThuËn"). Plain ASCII, NFC or
    NFD Vietnamese and Western text like "Café" are not flagged.
    """
    text = nfc(s)
    if _VIET_UNICODE.search(text):
        return False
    # Counted per distinct word: a whole file repeats the same few names thousands of times.
    counts = Counter(
        w for w in _TCVN3_WORD.findall(text) if len(w) >= 2 and w.translate(_TRANSLATE) != w
    )
    if not counts:
        return False
    valid = [w for w in counts if _is_syllable(w.translate(_TRANSLATE))]
    # Three in four, not half: Windows-1258 text read as latin-1 ("Thaònh", "xaÞ") yields
    # about half valid syllables by chance, genuine TCVN3 nearly all.
    if 4 * sum(counts[w] for w in valid) < 3 * counts.total():
        return False
    return any(_is_evidence(w, i) for w in valid for i in range(len(w)))


def _restore_capitals(token: str, converted: str) -> str:
    """Upper-case a word typed in capitals with the upper-case font ("HµM" → "HÀM").

    TCVN3 has no codes for capitals with tones, so such words mix capital ASCII letters
    with small-vowel codes; a word with no small ASCII letter and two or more capitals is
    taken to be all capitals.
    """
    if any("a" <= ch <= "z" for ch in token):
        return converted
    capitals = sum(1 for ch in token if "A" <= ch <= "Z" or ch in _TCVN3_CAPITALS)
    return converted.upper() if capitals >= 2 else converted


def tcvn3_to_unicode(s: str) -> str:
    """Convert TCVN3 text (as read through cp1252 / latin-1) to NFC Unicode.

    "Hé nghÌo" → "Hộ nghèo", "HÉ NGHÌO" → "HỘ NGHÈO".
    Every character is converted, so call it only on text known to be TCVN3.
    """
    parts = re.split(r"(\s+)", s)
    out = [_restore_capitals(p, p.translate(_TRANSLATE)) for p in parts]
    return nfc("".join(out))


# --- Cell and column repair --------------------------------------------------------------


# Invisible characters that copied text carries (zero-width space, non-joiner and joiner,
# word joiner, byte-order mark): never part of a name, an id or a number.
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def fix_text(s: Any) -> Any:
    """Return a text cell as NFC Unicode without zero-width characters (and without the
    spaces they hid at its ends), converting it from TCVN3 when it looks like it.

    Values that are not ``str`` (None, NaN, numbers, dates) are returned unchanged.
    """
    if not isinstance(s, str):
        return s
    text = nfc(s)
    if _ZERO_WIDTH.search(text):
        text = _ZERO_WIDTH.sub("", text).strip()
    return tcvn3_to_unicode(text) if looks_tcvn3(text) else text


def fix_series(series: pd.Series) -> pd.Series:
    """Apply ``fix_text`` to every cell of ``series``, returning a new Series.

    Works on the distinct values only, so a column of repeated names costs one call per
    name. Missing values and non-text cells are kept as they are; index and name too.
    """
    changed = {}
    for value in np.asarray(series.dropna().unique(), dtype=object):
        # Pure ASCII is already NFC and holds no TCVN3 code (those are 0x80–0xFF).
        if isinstance(value, str) and not value.isascii():
            fixed = fix_text(value)
            if fixed != value:
                changed[value] = fixed
    out = series.copy()
    if changed:
        mask = series.isin(list(changed))
        out[mask] = series[mask].map(changed)
    return out


# --- Numbers as typed --------------------------------------------------------------------

_NUMBER_JUNK = re.compile(r"(?i)\s|vnđ|vnd|đồng|dong|đ|%")


def parse_number(text: str) -> float | None:
    """Numbers as people type them: 1500000, 1.500.000, 1,500,000, 1 500 000, 47,86.

    A separator followed by exactly three digits in every group is a thousands separator;
    a single ',' or '.' otherwise is the decimal mark. Empty → None. Very long digit strings
    give ``inf`` (never an exception); text that is not a number raises ValueError.
    """
    t = _NUMBER_JUNK.sub("", text)
    if t == "":
        return None
    if re.fullmatch(r"[+-]?\d+", t):
        return float(t)
    for thousands, decimal in ((".", ","), (",", ".")):
        if re.fullmatch(rf"[+-]?\d{{1,3}}(\{thousands}\d{{3}})+(\{decimal}\d+)?", t):
            return float(t.replace(thousands, "").replace(decimal, "."))
    if re.fullmatch(r"[+-]?\d*[.,]\d+", t):
        return float(t.replace(",", "."))
    raise ValueError("not a number")
