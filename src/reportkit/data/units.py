"""Matching unit names and codes, as people type them, to the active registry's units.

A name is repaired (NFC, TCVN3), stripped of its prefix (xã, thị trấn, TT., X. ...) and then
compared with the units' labels and names: with diacritics (``fold_tones``), then without
diacritics and spaces (``fold_ascii``). Of two units one name fits, the area's own wins; a
name two units of the area share fits neither (its code does). A code (5 digits) fits the
units carrying it. Everything else is unknown, and ``unknown_unit_reason`` says why and
suggests the nearest unit of the area.
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

from reportkit import domain
from reportkit.core.vntext import fix_text, fold_ascii, fold_tones
from reportkit.data import registry
from reportkit.data.registry import Registry

CODE_TOKEN = "#"  # a code that names different units before and after the reform: "#23110"
_LABEL_CODE = re.compile(r"\s*\((\d{3,6})\)$")

# --- keys -------------------------------------------------------------------------------


@cache
def _prefixes() -> tuple[str, ...]:
    """Folded prefixes, longest first so that "tt." is tried before "tt"."""
    folded = {_fold_prefix(p) for p in domain.unit_prefixes()}
    return tuple(sorted(folded, key=len, reverse=True))


def _fold_prefix(s: str) -> str:
    """``fold_ascii`` that keeps dots, to recognise prefixes such as "tt."."""
    return ".".join(fold_ascii(part) for part in fold_tones(s).split("."))


def _strip_prefix(name: str) -> str:
    """``name`` (already NFC and tone-folded) without a leading unit prefix.

    A prefix counts when followed by a space, or when it ends in a dot ("TT.Thuận Nam").
    The comparison ignores diacritics, so "Xa Ham Thanh" loses its "Xa" too; a name that
    is nothing but a prefix, or whose rest is a number ("Phường 1"), is returned unchanged.
    """
    lowered = name.lstrip()
    for prefix in _prefixes():
        # Each NFC Vietnamese letter folds to one ASCII letter, so lengths line up.
        head = _fold_prefix(lowered[: len(prefix)])
        if head != prefix:
            continue
        rest = lowered[len(prefix) :]
        if prefix.endswith(".") or rest.startswith(" "):
            rest = rest.strip()
            if rest and not rest[:1].isdigit():
                return rest
    return lowered


def _clean(raw: str) -> str:
    """The tone-folded key of ``raw`` after repair and prefix stripping."""
    return _strip_prefix(fold_tones(fix_text(raw)))


def _ascii_key(s: str) -> str:
    """``fold_ascii`` without spaces: "TânLập" (a space lost, or hidden by a zero-width
    character) is "Tân Lập"."""
    return fold_ascii(s).replace(" ", "")


def _bare(label: str) -> str:
    return _LABEL_CODE.sub("", label)


class _Index:
    """The keys of one registry's units: tone-folded and ASCII names → labels (the
    area's units claim a name before history-only ones), codes → labels."""

    def __init__(self, reg: Registry) -> None:
        self.by_tones: dict[str, str | None] = {}
        self.by_ascii: dict[str, str | None] = {}
        self.by_code: dict[str, set[str]] = {}
        for rank in (False, True):  # reported units first, then history-only ones
            tones: dict[str, set[str]] = {}
            asc: dict[str, set[str]] = {}
            for u in reg.units:
                if u.history_only != rank:
                    continue
                for key in {fold_tones(u.name), fold_tones(_bare(u.name))}:
                    tones.setdefault(key, set()).add(u.name)
                asc.setdefault(_ascii_key(_bare(u.name)), set()).add(u.name)
                for c in u.codes:
                    self.by_code.setdefault(c, set()).add(u.name)
            for key, labels in tones.items():
                self.by_tones.setdefault(key, next(iter(labels)) if len(labels) == 1 else None)
            for key, labels in asc.items():
                self.by_ascii.setdefault(key, next(iter(labels)) if len(labels) == 1 else None)
        self.nearest = tuple(dict.fromkeys(u.name for u in reg.units if u.reported))


def _index() -> _Index:
    reg = registry.current()
    found = reg.memo.get("match_index")
    if found is None:
        found = reg.memo["match_index"] = _Index(reg)
    return found  # type: ignore[return-value]


def _code_of(raw: str) -> str | None:
    s = fix_text(raw).strip().removesuffix(".0")
    return s.zfill(5) if s.isdigit() and 3 < len(s) <= 5 else None


# --- matching ---------------------------------------------------------------------------


def match_unit(raw: Any) -> str | None:
    """The label of the unit ``raw`` names, or None.

    Accepts NFC, NFD, ASCII and upper-case spellings, tone-placement variants (Thuận Quí),
    lost spaces (HàmThạnh), prefixes (Xã, Thị trấn, TT., X., Phường), TCVN3 text ("Hµm
    Th¾ng") and official codes. A code carried by different units before and after the
    reform gives ``"#<code>"``, which the row's year settles (crosswalk.date_units). A name
    two units of the area share, or no unit carries, gives None; non-text values too.
    """
    if not isinstance(raw, str):
        return None
    idx = _index()
    code = _code_of(raw)
    if code is not None:
        labels = idx.by_code.get(code, set())
        if len(labels) == 1:
            return next(iter(labels))
        return CODE_TOKEN + code if labels else None
    key = _clean(raw)
    if not key:
        return None
    if key in idx.by_tones:
        return idx.by_tones[key]
    return idx.by_ascii.get(_ascii_key(key))


def _edit_distance(a: str, b: str) -> int:
    """Optimal-string-alignment distance: insertions, deletions, substitutions and
    swaps of two adjacent letters ("Thnah" → "Thanh" is one edit) each cost one."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[len(b)]


def nearest_unit(raw: Any, year: int | None = None) -> str:
    """The label of the area's unit (of ``year``, else of any year) whose ASCII name is
    closest to ``raw`` (after repair and prefix stripping); ties go to the first unit in
    registry order; "" when the registry has none."""
    key = fold_ascii(_clean(raw)) if isinstance(raw, str) else ""
    names = _index().nearest
    if year is not None:
        names = tuple(u.name for u in registry.units_in_year(year)) or names
    if not names:
        return ""
    return min(names, key=lambda n: _edit_distance(key, fold_ascii(_bare(n))))


def _areas() -> str:
    labels = [a.label for a in registry.current().areas]
    return " or ".join(labels) if labels else "the area (none is named: settings column 'area')"


def unknown_unit_message(raw: Any) -> str:
    """One line saying why ``raw`` is not a unit and which unit is nearest; ``raw`` is
    quoted as read (TCVN3 decoded: "Hµm Th¾ng" is shown as "Hàm Thắng")."""
    shown = fix_text(raw.strip()) if isinstance(raw, str) else str(raw)
    return f"'{shown}' is {unknown_unit_reason(raw)}"


def unknown_unit_reason(raw: Any) -> str:
    """Why ``raw`` is not a unit, without repeating ``raw`` (validation messages keep the
    typed text in their value column only): "not a unit of huyện Bắc Bình or tỉnh Lâm Đồng;
    nearest unit: Hòa Thắng"."""
    idx = _index()
    if isinstance(raw, str) and _code_of(raw) is None:
        key = _clean(raw)
        if idx.by_tones.get(key, "") is None or idx.by_ascii.get(_ascii_key(key), "") is None:
            same = sorted(
                {
                    f"{', '.join(u.codes)}, {u.parent}"
                    for u in registry.current().units
                    if fold_tones(_bare(u.name)) == key
                }
            )
            return f"a name {len(same)} units share ({'; '.join(same)}): write its code"
    reason = f"not a unit of {_areas()}"
    neighbour = registry.current().neighbours.get(_clean(raw)) if isinstance(raw, str) else None
    if neighbour:
        reason += f" (it is a commune of {neighbour})"
    nearest = nearest_unit(raw)
    return f"{reason}; nearest unit: {nearest}" if nearest else reason


def is_district_level(raw: Any) -> bool:
    """Whether a commune cell means the area as a whole (cấp huyện, cấp tỉnh).

    True for None, NaN / pandas NA, an empty or blank string, the area-level words of
    domain.toml ("Huyện", "huyen", "Cấp tỉnh", ...) and an area of the registry with its
    kind ("Huyện Bắc Bình"; without it only when no unit bears that name), in any
    spelling.
    """
    if raw is None:
        return True
    if isinstance(raw, float):
        return math.isnan(raw)
    if not isinstance(raw, str):
        return type(raw).__name__ in {"NAType", "NaTType"}
    return fold_ascii(fix_text(raw)) in _area_keys()


def _area_keys() -> frozenset[str]:
    reg = registry.current()
    found = reg.memo.get("area_keys")
    if found is None:
        words = {fold_ascii(w) for w in domain.district_level_words()}
        names = {fold_ascii(_bare(u.name)) for u in reg.units}
        for a in reg.areas:  # "huyện Bắc Bình"; the bare name if no unit has it
            words |= {fold_ascii(a.label)} | ({fold_ascii(a.name)} - names)
        found = reg.memo["area_keys"] = frozenset(words)
    return found  # type: ignore[return-value]
