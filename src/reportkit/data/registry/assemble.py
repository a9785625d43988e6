"""Building one raw folder's :class:`Registry`: the national registry, cut to the user's
area, with the units table's declarations on top.

The area of each review year is named in settings (``area``) or by option: a province,
or before the 2025 reform also a district ("huyện Bắc Bình, tỉnh Bình Thuận", a
code such as "598", or a parent only the units table knows). Each period holds the area's
units and, before the reform, the former units outside the area whose land lies in the
later area (history-only). A units-table row overrides what the registry says (a warning
when they disagree) or declares a unit the registry lacks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reportkit.core.vntext import fix_text, fold_tones, slugify
from reportkit.data.problems import InputError, Problem
from reportkit.data.registry.declare import (
    Declaration,
    declare,
    declared_legacy,
    key,
    reform,
    unit_of,
)
from reportkit.data.registry.model import Area, Registry
from reportkit.data.registry.national import (
    PARENT_KINDS,
    National,
    Parent,
    Place,
    national,
    split_prefix,
)


@dataclass(frozen=True)
class AreaSpec:
    """An area as the user names it for some review years (settings or option)."""

    text: str
    years: tuple[int, ...]  # the review years it was named for (empty: every year)
    file: str = ""
    row: int | None = None


# --- areas ------------------------------------------------------------------------


def _parse_area(text: str) -> tuple[str, str | None, str | None]:
    """(name, kind, province) of "huyện Bắc Bình, tỉnh Bình Thuận"."""
    parts = [p.strip() for p in fix_text(text).split(",") if p.strip()]
    name, kind = split_prefix(parts[0], PARENT_KINDS) if parts else ("", None)
    province = split_prefix(parts[1], PARENT_KINDS)[0] if len(parts) > 1 else None
    return name, kind, province


def _candidate_parents(nat: National, legacy: bool) -> list[tuple[Parent, Parent | None]]:
    """(parent, its province) of the period: provinces, and before the reform districts."""
    seen: dict[tuple[str, str], tuple[Parent, Parent | None]] = {}
    places = nat.legacy.values() if legacy else nat.new.values()
    for p in places:
        seen.setdefault(("p", p.province.code), (p.province, None))
        if p.district is not None:
            seen.setdefault(("d", p.district.code), (p.district, p.province))
    return list(seen.values())


def _declared_parents(decls: Iterable[Declaration]) -> dict[str, str]:
    """Folded name → text of every parent the units table names."""
    return {key(split_prefix(d.parent, PARENT_KINDS)[0]): d.parent for d in decls if d.parent}


def resolve_area(
    spec: AreaSpec, nat: National, legacy: bool, decls: list[Declaration]
) -> tuple[Area, Parent | None]:
    """The area ``spec`` names in its period, and the registry's parent behind it (None
    for a parent only the units table declares). A one-line InputError otherwise."""
    name, kind, province = _parse_area(spec.text)
    where = f"{spec.file} row {spec.row}: " if spec.file else ""
    found: list[tuple[Parent, Parent | None]] = []
    for parent, prov in _candidate_parents(nat, legacy):
        if name.isdigit():
            hit = parent.code.lstrip("0") == name.lstrip("0") and len(name) <= 3
        else:
            hit = key(parent.name) == key(name)
            hit &= kind is None or parent.kind == kind
            hit &= province is None or (prov is not None and key(prov.name) == key(province))
        if hit:
            found.append((parent, prov))
    first, last = (None, reform() - 1) if legacy else (reform(), None)
    if len(found) > 1:  # a district and a province of one name: the named kind decides
        provinces = [f for f in found if f[1] is None]
        found = provinces if kind is None and len(provinces) == 1 else found
    if len(found) == 1:
        parent, prov = found[0]
        area = Area(
            name=parent.name,
            kind=parent.kind,
            slug=slugify(parent.name),
            code=parent.code,
            province=prov.name if prov else None,
            first_year=first,
            last_year=last,
        )
        return area, parent
    declared = None if found else _declared_parents(decls).get(key(name))
    if declared is not None:
        dname, dkind = split_prefix(declared, PARENT_KINDS)
        kind = dkind or kind or ("huyện" if legacy else "tỉnh")
        return Area(dname, kind, slugify(dname), None, province, first, last), None
    period = f"before {reform()}" if legacy else f"from {reform()}"
    if found:
        named = "; ".join(f"{p.label}" + (f", {q.label}" if q else "") for p, q in found)
        raise InputError(
            f"{where}area: '{spec.text}' names {len(found)} units {period} ({named}); "
            "write its kind and province, e.g. 'huyện Bắc Bình, tỉnh Bình Thuận', or its code"
        )
    raise InputError(
        f"{where}area: '{spec.text}' is neither a province"
        + (" nor a district" if legacy else "")
        + f" of Vietnam {period} nor a parent of the units table"
    )


# --- the units of each period --------------------------------------------------------


def _in_area(place: Place, parent: Parent | None) -> bool:
    if parent is None:
        return False
    if place.district is not None and place.district.code == parent.code and parent.kind != "tỉnh":
        return True
    return (
        place.province.code == parent.code
        and parent.kind in ("tỉnh", "thành phố")
        and (place.district is None or place.district.code != parent.code)
    )


def build(specs: list[AreaSpec], decls: list[Declaration]) -> tuple[Registry, list[Problem]]:
    """The registry of a raw folder: the areas ``specs`` name, the units of those areas
    and their former units, with the units table's ``decls`` applied (warnings where they
    contradict the national registry, which they override)."""
    nat = national()
    specs = specs or _table_areas(decls, nat)
    legacy_specs = [s for s in specs if not s.years or min(s.years) < reform()]
    new_specs = [s for s in specs if not s.years or max(s.years) >= reform()]
    areas: list[Area] = []
    parents: dict[bool, Parent | None] = {}
    for legacy, group in ((True, legacy_specs), (False, new_specs)):
        resolved = {}
        for s in group:
            area, parent = resolve_area(s, nat, legacy, decls)
            resolved.setdefault(area.label, (area, parent, s))
        if len(resolved) > 1:
            (a, _, s1), (b, _, s2) = list(resolved.values())[:2]
            raise InputError(
                f"area: one area per period, but {s1.file or 'the option'} names {a.label} "
                f"and {s2.file or 'the option'} {b.label} "
                f"({'before' if legacy else 'from'} {reform()})"
            )
        if resolved:
            area, parent, _ = next(iter(resolved.values()))
            areas.append(area)
            parents[legacy] = parent
    legacy_parent, new_parent = parents.get(True), parents.get(False)
    new_places = [p for p in nat.new.values() if _in_area(p, new_parent)]
    legacy_area = [p for p in nat.legacy.values() if _in_area(p, legacy_parent)]
    area_codes = {p.code for p in legacy_area}
    history_codes = sorted(
        {c for p in new_places for c in nat.predecessors.get(p.code, ())} - area_codes
    )
    old_label = next((a.label for a in areas if a.last_year is not None), None)
    new_label = next((a.label for a in areas if a.last_year is None), None)
    units = [unit_of(p, legacy=True, history=False, parent=old_label) for p in legacy_area]
    units += [unit_of(nat.legacy[c], legacy=True, history=True) for c in history_codes]
    units += [unit_of(p, legacy=False, history=False, parent=new_label) for p in new_places]
    preds = {p.code: nat.predecessors.get(p.code, ()) for p in new_places}
    units, problems, villages = declare(units, preds, decls, areas, nat)
    return Registry(
        units=tuple(units),
        areas=tuple(areas),
        villages=villages,
        neighbours=_neighbours(nat, legacy_parent, new_parent),
    ), problems


def _table_areas(decls: list[Declaration], nat: National) -> list[AreaSpec]:
    """With no area named: per period, the one parent the units table gives its units."""
    out = []
    for legacy in (True, False):
        parents = {
            key(split_prefix(d.parent, PARENT_KINDS)[0]): d
            for d in decls
            if d.parent and declared_legacy(d, nat) == legacy
        }
        if len(parents) == 1:
            d = next(iter(parents.values()))
            year = reform() - 1 if legacy else reform()
            out.append(AreaSpec(d.parent or "", (year,), d.file, d.row))
    return out


def _neighbours(
    nat: National, legacy_parent: Parent | None, new_parent: Parent | None
) -> dict[str, str]:
    """Folded name → parent label of the units of the same provinces outside the area
    (for messages only: a commune of a neighbouring district is named as such)."""
    out: dict[str, str] = {}
    provinces = set()
    for parent in (legacy_parent, new_parent):
        if parent is None:
            continue
        provinces.add(parent.code)
        for p in nat.legacy.values():
            if p.district is not None and p.district.code == parent.code:
                provinces.add(p.province.code)
                break
    for p in nat.legacy.values():
        if p.province.code in provinces and p.district and not _in_area(p, legacy_parent):
            out.setdefault(fold_tones(p.name), p.district.label)
    return out
