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
from dataclasses import dataclass, replace

from reportkit import domain
from reportkit.core.vntext import fix_text, fold_ascii, fold_tones, slugify
from reportkit.data.problems import InputError, Problem
from reportkit.data.registry.model import Area, Registry
from reportkit.data.registry.national import (
    PARENT_KINDS,
    UNIT_KINDS,
    National,
    Parent,
    Place,
    national,
    split_prefix,
)
from reportkit.domain import Unit

URBAN_KINDS = ("phường", "thị trấn")  # their households get the urban line unless declared


@dataclass(frozen=True)
class Declaration:
    """One row of the units table (danh mục đơn vị), as read."""

    unit: str
    code: str | None = None
    kind: str | None = None
    parent: str | None = None
    valid_from: int | None = None
    valid_to: int | None = None
    predecessors: tuple[str, ...] = ()
    urban: bool | None = None
    urban_verified: bool = True
    villages: tuple[str, ...] = ()
    basis: str | None = None
    file: str = "units"
    row: int | None = None


@dataclass(frozen=True)
class AreaSpec:
    """An area as the user names it for some review years (settings or option)."""

    text: str
    years: tuple[int, ...]  # the review years it was named for (empty: every year)
    file: str = ""
    row: int | None = None


def _reform() -> int:
    return domain.reform_first_year()


def _key(text: str) -> str:
    return fold_ascii(fix_text(text)).replace(" ", "")


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
    return {_key(split_prefix(d.parent, PARENT_KINDS)[0]): d.parent for d in decls if d.parent}


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
            hit = _key(parent.name) == _key(name)
            hit &= kind is None or parent.kind == kind
            hit &= province is None or (prov is not None and _key(prov.name) == _key(province))
        if hit:
            found.append((parent, prov))
    first, last = (None, _reform() - 1) if legacy else (_reform(), None)
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
    if not found and _key(name) in _declared_parents(decls):
        declared = _declared_parents(decls)[_key(name)]
        dname, dkind = split_prefix(declared, PARENT_KINDS)
        kind = dkind or kind or ("huyện" if legacy else "tỉnh")
        return Area(dname, kind, slugify(dname), None, province, first, last), None
    period = f"before {_reform()}" if legacy else f"from {_reform()}"
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


def _unit(place: Place, *, legacy: bool, history: bool, parent: str | None = None) -> Unit:
    """The unit of ``place``; its parent is ``parent`` (the area's label) or else its own
    district (before the reform) or province."""
    own = place.district if legacy and place.district else place.province
    if parent is not None and place.district is not None and parent != own.label:
        parent = own.label  # in a province's area: its district, the province beside it
    return Unit(
        name=place.name,
        kind=place.kind,
        area="urban" if place.kind in URBAN_KINDS else "rural",
        slug=slugify(place.name),
        codes=(place.code,),
        valid_from=None if legacy else _reform(),
        valid_to=_reform() - 1 if legacy else None,
        history_only=history,
        parent=parent or own.label,
        province=place.province.label,
    )


def build(specs: list[AreaSpec], decls: list[Declaration]) -> tuple[Registry, list[Problem]]:
    """The registry of a raw folder: the areas ``specs`` name, the units of those areas
    and their former units, with the units table's ``decls`` applied (warnings where they
    contradict the national registry, which they override)."""
    nat = national()
    specs = specs or _table_areas(decls, nat)
    legacy_specs = [s for s in specs if not s.years or min(s.years) < _reform()]
    new_specs = [s for s in specs if not s.years or max(s.years) >= _reform()]
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
                f"({'before' if legacy else 'from'} {_reform()})"
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
    units = [_unit(p, legacy=True, history=False, parent=old_label) for p in legacy_area]
    units += [_unit(nat.legacy[c], legacy=True, history=True) for c in history_codes]
    units += [_unit(p, legacy=False, history=False, parent=new_label) for p in new_places]
    preds = {p.code: nat.predecessors.get(p.code, ()) for p in new_places}
    units, problems, villages = _declare(units, preds, decls, areas, nat)
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
            _key(split_prefix(d.parent, PARENT_KINDS)[0]): d
            for d in decls
            if d.parent and _declared_legacy(d, nat) == legacy
        }
        if len(parents) == 1:
            d = next(iter(parents.values()))
            year = _reform() - 1 if legacy else _reform()
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


# --- the units table ----------------------------------------------------------------


@dataclass
class _Entry:
    unit: Unit
    preds: list[str]  # codes or names of the units it was formed from, as found
    registry_preds: list[str] | None = None  # the national registry's, when overridden
    declared: Declaration | None = None
    rank: int | None = None  # its row's place in the units table


def _problem(d: Declaration, column: str, value: str | None, msg: str, check: str) -> Problem:
    return Problem("units", d.file, d.row, column, value, "warning", check, msg)


def _valid_in_period(unit: Unit, legacy: bool) -> bool:
    year = _reform() - 1 if legacy else _reform()
    return unit.valid_in(year) if unit.valid_from or unit.valid_to else True


def _declare(
    units: list[Unit],
    preds: dict[str, tuple[str, ...]],
    decls: list[Declaration],
    areas: list[Area],
    nat: National,
) -> tuple[list[Unit], list[Problem], dict[str, dict[str, str]]]:
    entries = [_Entry(u, list(preds.get(u.codes[0], ())) if u.valid_from else []) for u in units]
    problems: list[Problem] = []
    village_rows: list[tuple[_Entry, Declaration]] = []
    for rank, d in enumerate(decls):
        legacy = _declared_legacy(d, nat)
        entry = _find(entries, d, legacy)
        if entry is None and d.code and d.code in (nat.legacy if legacy else nat.new):
            place = (nat.legacy if legacy else nat.new)[d.code]
            entry = _Entry(_unit(place, legacy=legacy, history=True), [])
            if not legacy:
                entry.preds = list(nat.predecessors.get(d.code, ()))
            entries.append(entry)
        if entry is None:
            entry = _Entry(_new_unit(d, legacy, areas), [])
            entries.append(entry)
        else:
            problems += _contradictions(entry, d)
        entry.unit = _applied(entry.unit, d, legacy, areas)
        entry.rank = rank if entry.rank is None else entry.rank
        if d.predecessors:
            if entry.preds and entry.registry_preds is None:
                entry.registry_preds = entry.preds
            entry.preds, entry.declared = list(d.predecessors), d
        if d.villages:
            village_rows.append((entry, d))
    for e in entries:  # reported: a unit whose parent is its period's area
        area = next((a for a in areas if _valid_in_period(e.unit, a.last_year is not None)), None)
        mine = area is not None and (
            _parent_is(e.unit.parent, area) or _parent_is(e.unit.province, area)
        )
        e.unit = replace(e.unit, history_only=not mine)
    for e, u in zip(entries, _labelled([e.unit for e in entries]), strict=True):
        e.unit = u
    for e in entries:
        if e.unit.valid_from is None:
            continue
        before = [x.unit for x in entries if x.unit.valid_in(e.unit.valid_from - 1)]
        names = tuple(dict.fromkeys(n for p in e.preds if (n := _pred_name(p, before))))
        if e.registry_preds is not None and e.declared is not None:
            had = {n for p in e.registry_preds if (n := _pred_name(p, before))}
            if had != set(names):
                problems.append(
                    _problem(
                        e.declared,
                        "predecessors",
                        "; ".join(e.declared.predecessors),
                        f"predecessors: the national registry forms {e.unit.name} from "
                        f"{', '.join(sorted(had))}; the table's list is used",
                        "registry_predecessors",
                    )
                )
        e.unit = replace(e.unit, predecessors=names)
    villages: dict[str, dict[str, str]] = {}
    for entry, d in village_rows:
        for pred in entry.unit.predecessors:
            villages.setdefault(pred, {}).update(
                {fold_ascii(v): entry.unit.name for v in d.villages}
            )
    entries.sort(key=_order)
    return [e.unit for e in entries], problems, villages


KIND_ORDER = ("thị trấn", "phường", "xã", "đặc khu")


def _order(e: _Entry) -> tuple[object, ...]:
    """Registry order: by period, the area's units before history-only ones, those the
    units table lists in its order, then townships and wards before communes, by name."""
    u = e.unit
    kind = KIND_ORDER.index(u.kind) if u.kind in KIND_ORDER else len(KIND_ORDER)
    return (
        u.valid_from or 0,
        u.history_only,
        e.rank if e.rank is not None else 1 << 30,
        kind,
        fold_ascii(u.name),
    )


def _parent_is(parent_label: str, area: Area) -> bool:
    name, kind = split_prefix(parent_label, PARENT_KINDS)
    return _key(name) == _key(area.name) and (kind is None or kind == area.kind)


def _declared_legacy(d: Declaration, nat: National) -> bool:
    if d.valid_to is not None and d.valid_to < _reform():
        return True
    if d.valid_from is not None and d.valid_from >= _reform():
        return False
    kind = split_prefix(d.parent or "", PARENT_KINDS)[1]
    if kind in ("huyện", "quận", "thị xã"):
        return True
    return bool(d.code) and d.code not in nat.new and d.code in nat.legacy


def _find(entries: list[_Entry], d: Declaration, legacy: bool) -> _Entry | None:
    mine = [e for e in entries if _valid_in_period(e.unit, legacy)]
    if d.code:
        return next((e for e in mine if d.code in e.unit.codes), None)
    name = _key(split_prefix(d.unit, UNIT_KINDS)[0])
    hits = [e for e in mine if _key(e.unit.name) == name]
    if len(hits) > 1 and d.parent:
        hits = [e for e in hits if _key(e.unit.parent) == _key(d.parent)] or hits
    return hits[0] if len(hits) == 1 else None


def _new_unit(d: Declaration, legacy: bool, areas: list[Area]) -> Unit:
    name, kind = split_prefix(fix_text(d.unit).strip(), UNIT_KINDS)
    area = next((a for a in areas if (a.last_year is not None) == legacy), None)
    return Unit(
        name=name,
        kind=kind or "xã",
        area="rural",
        slug=slugify(name),
        codes=(d.code,) if d.code else (),
        valid_from=None if legacy else _reform(),
        valid_to=_reform() - 1 if legacy else None,
        parent=area.label if area is not None else "",
    )


def _applied(unit: Unit, d: Declaration, legacy: bool, areas: list[Area]) -> Unit:
    name, prefix_kind = split_prefix(fix_text(d.unit).strip(), UNIT_KINDS)
    kind = (d.kind or prefix_kind or unit.kind).lower()
    changes: dict[str, object] = {"name": name, "kind": kind}
    if d.parent:
        pname, pkind = split_prefix(fix_text(d.parent).strip(), PARENT_KINDS)
        area = next((a for a in areas if _key(a.name) == _key(pname)), None)
        changes["parent"] = (
            f"{pkind or (area.kind if area else ('huyện' if legacy else 'tỉnh'))} {pname}"
        )
    if d.valid_from is not None or d.valid_to is not None:
        changes["valid_from"], changes["valid_to"] = d.valid_from, d.valid_to
    urban = d.urban if d.urban is not None else kind in URBAN_KINDS
    changes["area"] = "urban" if urban else "rural"
    changes["area_verified"] = d.urban_verified
    if d.basis:
        changes["basis"] = d.basis
    if d.code and d.code not in unit.codes:
        changes["codes"] = (d.code, *unit.codes)
    return replace(unit, **changes)  # type: ignore[arg-type]


def _contradictions(entry: _Entry, d: Declaration) -> list[Problem]:
    """Warnings for what the row says otherwise than the national registry."""
    u = entry.unit
    out = []
    name = split_prefix(fix_text(d.unit).strip(), UNIT_KINDS)[0]
    said = f"the national registry has {u.kind} {u.name} ({', '.join(u.codes)})"
    if fold_tones(name) != fold_tones(u.name):
        out.append(
            _problem(
                d, "unit", d.unit, f"unit: {said}; the table's name {name} is used", "registry_name"
            )
        )
    if d.kind and d.kind.lower() != u.kind:
        out.append(
            _problem(
                d,
                "kind",
                d.kind,
                f"kind: {said}; the table's kind {d.kind} is used",
                "registry_kind",
            )
        )
    if d.parent and not u.history_only:
        pname = split_prefix(fix_text(d.parent), PARENT_KINDS)[0]
        if _key(pname) != _key(split_prefix(u.parent, PARENT_KINDS)[0]):
            out.append(
                _problem(
                    d,
                    "parent",
                    d.parent,
                    f"parent: {said} in {u.parent}; the table's parent {d.parent} is used",
                    "registry_parent",
                )
            )
    return out


def _pred_name(ref: str, before: list[Unit]) -> str | None:
    """The label of the unit ``ref`` (a code or a name) among ``before``."""
    if ref.isdigit():
        hit = [u for u in before if ref in u.codes]
    else:
        name = _key(split_prefix(fix_text(ref), UNIT_KINDS)[0])
        hit = [u for u in before if _key(u.name) == name]
        if len(hit) > 1:
            hit = [u for u in hit if not u.history_only] or hit
    return hit[0].name if hit else None


def _labelled(units: list[Unit]) -> list[Unit]:
    """``units`` with labels unique in each period: a name shared by two units of one
    period becomes "name (code)" on every unit but the area's own one, if it has one."""
    out = list(units)
    for legacy in (True, False):
        idx = [i for i, u in enumerate(out) if _valid_in_period(u, legacy)]
        by_name: dict[str, list[int]] = {}
        for i in idx:
            by_name.setdefault(fold_tones(out[i].name), []).append(i)
        for same in by_name.values():
            if len(same) < 2:
                continue
            own = [i for i in same if not out[i].history_only]
            keep = own[0] if len(own) == 1 else None
            for i in same:
                u = out[i]
                if i != keep and u.codes and not u.name.endswith(f"({u.codes[0]})"):
                    label = f"{u.name} ({u.codes[0]})"
                    out[i] = replace(u, name=label, slug=slugify(label))
    return out
