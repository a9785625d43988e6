"""Matching commune names, as people type them, to the district's unit registry.

A name is repaired (NFC, TCVN3), stripped of its prefix (xã, thị trấn, TT., X. ...) and then
compared in three stages: with diacritics (``fold_tones``), against the neighbouring
districts' communes (never mapped), and without diacritics and spaces (``fold_ascii``). Everything
else is unknown, and ``unknown_unit_message`` says why and suggests the nearest unit.
"""

from __future__ import annotations

import math
from functools import cache, lru_cache
from typing import Any

from reportkit import domain
from reportkit.core.vntext import fix_text, fold_ascii, fold_tones
from reportkit.domain import Unit

# --- registry access ----------------------------------------------------------------------

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
    is nothing but a prefix is returned unchanged.
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
            if rest:
                return rest
    return lowered


def _clean(raw: str) -> str:
    """The tone-folded key of ``raw`` after repair and prefix stripping."""
    return _strip_prefix(fold_tones(fix_text(raw)))


@cache
def _latest() -> tuple[Unit, ...]:
    """One unit per registry name: the latest of a name reused in 2025 (names are what
    matching decides; crosswalk.date_units picks the unit valid in a row's year)."""
    return tuple({u.name: u for u in domain.units()}.values())


@cache
def _by_tones() -> dict[str, Unit]:
    return {fold_tones(u.name): u for u in _latest()}


def _ascii_key(s: str) -> str:
    """``fold_ascii`` without spaces: "HàmThạnh" (a space lost, or hidden by a zero-width
    character) is "Hàm Thạnh"."""
    return fold_ascii(s).replace(" ", "")


@cache
def _by_ascii() -> dict[str, list[Unit]]:
    out: dict[str, list[Unit]] = {}
    for u in _latest():
        out.setdefault(_ascii_key(u.name), []).append(u)
    return out


@cache
def _neighbour_district() -> dict[str, str]:
    """Tone-folded neighbour commune name → its district."""
    return {
        fold_tones(name): district
        for district, names in domain.neighbours().items()
        for name in names
    }


@cache
def _neighbour_district_ascii() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for district, names in domain.neighbours().items():
        for name in names:
            out.setdefault(_ascii_key(name), []).append(district)
    return out


# --- matching ---------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def match_unit(raw: str) -> Unit | None:
    """The unit that ``raw`` names (of a name reused in 2025, the latest), or None.

    Accepts NFC, NFD, ASCII and upper-case spellings, tone-placement variants (Thuận Quí),
    lost spaces (HàmThạnh), prefixes (Xã, Thị trấn, TT., X., Phường) and TCVN3 text ("Hµm
    Th¹nh"). A commune of a neighbouring district ("Hàm Thắng") is never mapped, even though
    its ASCII form is close to a unit's; nor is a name whose ASCII form fits no unit or more
    than one. Non-text values give None.
    """
    if not isinstance(raw, str):
        return None
    key = _clean(raw)
    if not key:
        return None
    if key in _by_tones():
        return _by_tones()[key]
    if key in _neighbour_district():
        return None
    candidates = _by_ascii().get(_ascii_key(key), [])
    return candidates[0] if len(candidates) == 1 else None


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


def nearest_unit(raw: str) -> Unit:
    """The unit whose ASCII name is closest to ``raw`` (after repair and prefix stripping);
    ties go to the first unit in registry order."""
    key = fold_ascii(_clean(raw)) if isinstance(raw, str) else ""
    return min(_latest(), key=lambda u: _edit_distance(key, fold_ascii(u.name)))


def _neighbour_of(key: str) -> str | None:
    """The neighbouring district that has a commune named ``key`` (tone-folded), if any."""
    if key in _neighbour_district():
        return _neighbour_district()[key]
    districts = _neighbour_district_ascii().get(_ascii_key(key), [])
    return districts[0] if len(set(districts)) == 1 else None


def unknown_unit_message(raw: str) -> str:
    """One line saying why ``raw`` is not a unit and which unit is nearest; ``raw`` is
    quoted as read (TCVN3 decoded: "Hµm Th¾ng" is shown as "Hàm Thắng").

    e.g. "'Hàm Thắng' is not a unit of Hàm Thuận Nam district or its successor communes (it
    is a commune of Hàm Thuận Bắc district); nearest unit: Hàm Thạnh".
    """
    shown = fix_text(raw.strip()) if isinstance(raw, str) else str(raw)
    return f"'{shown}' is {unknown_unit_reason(raw)}"


def unknown_unit_reason(raw: str) -> str:
    """Why ``raw`` is not a unit, without repeating ``raw`` (validation messages keep the
    typed text in their value column only): "not a unit of Hàm Thuận Nam district or its
    successor communes (it is a commune of Hàm Thuận Bắc district); nearest unit: Hàm
    Thạnh"."""
    reason = f"not a unit of {domain.district()['name']} district or its successor communes"
    neighbour = _neighbour_of(_clean(raw)) if isinstance(raw, str) else None
    if neighbour:
        reason += f" (it is a commune of {neighbour} district)"
    return f"{reason}; nearest unit: {nearest_unit(raw).name}"


@cache
def _district_level_keys() -> frozenset[str]:
    return frozenset(fold_ascii(w) for w in domain.district_level_words())


def is_district_level(raw: Any) -> bool:
    """Whether a commune cell means the district as a whole (cấp huyện).

    True for None, NaN / pandas NA, an empty or blank string, and the district-level words
    of the registry ("Huyện", "huyen", "Cấp huyện", ...) in any spelling.
    """
    if raw is None:
        return True
    if isinstance(raw, float):
        return math.isnan(raw)
    if not isinstance(raw, str):
        return type(raw).__name__ in {"NAType", "NaTType"}
    return fold_ascii(fix_text(raw)) in _district_level_keys()
