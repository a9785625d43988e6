"""The units table's declarations (:class:`Declaration`, one row each) applied to the
units the national registry gives an area: a row overrides what the registry says (a
warning row when they disagree: kind, parent, predecessors, name) or declares a unit the
registry lacks (a later reform, a parent of the user's own); villages of a split former
unit are assigned to its successors. Called by :mod:`.assemble`."""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from reportkit import domain
from reportkit.core.vntext import fix_text, fold_ascii, fold_tones, slugify
from reportkit.data.problems import Problem
from reportkit.data.registry.model import Area
from reportkit.data.registry.national import PARENT_KINDS, UNIT_KINDS, National, Place, split_prefix
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


def reform() -> int:
    return domain.reform_first_year()


@functools.lru_cache(maxsize=1 << 16)  # the registry's names, compared with every row's
def key(text: str) -> str:
    return fold_ascii(fix_text(text)).replace(" ", "")


def unit_of(place: Place, *, legacy: bool, history: bool, parent: str | None = None) -> Unit:
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
        valid_from=None if legacy else reform(),
        valid_to=reform() - 1 if legacy else None,
        history_only=history,
        parent=parent or own.label,
        province=place.province.label,
    )


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
    year = reform() - 1 if legacy else reform()
    return unit.valid_in(year) if unit.valid_from or unit.valid_to else True


def declare(
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
        legacy = declared_legacy(d, nat)
        entry = _find(entries, d, legacy)
        if entry is None and d.code and d.code in (nat.legacy if legacy else nat.new):
            place = (nat.legacy if legacy else nat.new)[d.code]
            entry = _Entry(unit_of(place, legacy=legacy, history=True), [])
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
    return key(name) == key(area.name) and (kind is None or kind == area.kind)


def declared_legacy(d: Declaration, nat: National) -> bool:
    if d.valid_to is not None and d.valid_to < reform():
        return True
    if d.valid_from is not None and d.valid_from >= reform():
        return False
    kind = split_prefix(d.parent or "", PARENT_KINDS)[1]
    if kind in ("huyện", "quận", "thị xã"):
        return True
    return bool(d.code) and d.code not in nat.new and d.code in nat.legacy


def _find(entries: list[_Entry], d: Declaration, legacy: bool) -> _Entry | None:
    mine = [e for e in entries if _valid_in_period(e.unit, legacy)]
    if d.code:
        return next((e for e in mine if d.code in e.unit.codes), None)
    name = key(split_prefix(d.unit, UNIT_KINDS)[0])
    hits = [e for e in mine if key(e.unit.name) == name]
    if len(hits) > 1 and d.parent:
        hits = [e for e in hits if key(e.unit.parent) == key(d.parent)] or hits
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
        valid_from=None if legacy else reform(),
        valid_to=reform() - 1 if legacy else None,
        parent=area.label if area is not None else "",
    )


def _applied(unit: Unit, d: Declaration, legacy: bool, areas: list[Area]) -> Unit:
    name, prefix_kind = split_prefix(fix_text(d.unit).strip(), UNIT_KINDS)
    kind = (d.kind or prefix_kind or unit.kind).lower()
    changes: dict[str, object] = {"name": name, "kind": kind}
    if d.parent:
        pname, pkind = split_prefix(fix_text(d.parent).strip(), PARENT_KINDS)
        area = next((a for a in areas if key(a.name) == key(pname)), None)
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
        if key(pname) != key(split_prefix(u.parent, PARENT_KINDS)[0]):
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
        name = key(split_prefix(fix_text(ref), UNIT_KINDS)[0])
        hit = [u for u in before if key(u.name) == name]
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
