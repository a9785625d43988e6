"""The units of one user's area, as dated facts, and the questions the pipeline asks them.

A :class:`Registry` holds, for each period, the area reported on (a district or province
before the 2025 reform, a province since, or a parent the units table declares) and every
unit a row may name: the area's units, and the former units outside it whose land is now
inside it (``history_only``: accepted so a successor's series is whole, never reported on).
Units are named by label: their name, or "name (code)" where two units of one period
share a name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportkit.domain import Unit


def span(first: int | None, last: int | None) -> str:
    """Review years as messages write them: "2021–2024", "from 2025", "until 2024"."""
    if first is None:
        return f"until {last}"
    return f"from {first}" if last is None else f"{first}–{last}"


@dataclass(frozen=True)
class Area:
    """What the area report covers in a period: e.g. huyện Bắc Bình, tỉnh Lâm Đồng."""

    name: str  # "Bắc Bình"
    kind: str  # "huyện", "quận", "thị xã", "thành phố", "tỉnh" (decides "Toàn huyện" ...)
    slug: str  # file-name slug, "ham-thuan-nam"
    code: str | None = None  # official code; None for a parent the units table declares
    province: str | None = None  # a district's province, "Bình Thuận"
    first_year: int | None = None  # first review year of its period (None: open)
    last_year: int | None = None

    @property
    def label(self) -> str:
        """Name with kind, as documents write it: "huyện Bắc Bình"."""
        return f"{self.kind} {self.name}"

    def valid_in(self, review_year: int) -> bool:
        return (self.first_year is None or self.first_year <= review_year) and (
            self.last_year is None or review_year <= self.last_year
        )


@dataclass(frozen=True)
class Registry:
    """The units (registry order: each period's area units by code, then history-only
    ones) and the areas of one raw folder; ``villages`` assigns the villages of a split
    former unit to its successors (former label → folded village name → successor label)."""

    units: tuple[Unit, ...]
    areas: tuple[Area, ...]
    villages: dict[str, dict[str, str]] = field(default_factory=dict)
    neighbours: dict[str, str] = field(default_factory=dict)  # folded name → "huyện X"
    # What is computed from the above once (matching keys, units by year); never compared.
    memo: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    # --- areas ----------------------------------------------------------------------

    def area_for(self, review_year: int) -> Area | None:
        """The area reported on for ``review_year`` (None: no area named for it)."""
        return next((a for a in self.areas if a.valid_in(review_year)), None)

    def has_area(self, review_year: int) -> bool:
        return self.area_for(review_year) is not None

    # --- units by year --------------------------------------------------------------

    def accepted_units(self, review_year: int) -> tuple[Unit, ...]:
        """The units whose rows data for ``review_year`` may hold: the area's and the
        history-only ones valid then."""
        key = ("accepted", review_year)
        if key not in self.memo:
            self.memo[key] = tuple(u for u in self.units if u.valid_in(review_year))
        return self.memo[key]  # type: ignore[return-value]

    def units_in_year(self, review_year: int) -> tuple[Unit, ...]:
        """The units reported on for ``review_year``, in registry order."""
        return tuple(u for u in self.accepted_units(review_year) if u.reported)

    def unit_in_year(self, name: str, review_year: int) -> Unit | None:
        """The unit labelled ``name`` valid in ``review_year``, if any."""
        return next((u for u in self.accepted_units(review_year) if u.name == name), None)

    def named(self, name: str) -> tuple[Unit, ...]:
        """Every unit labelled ``name``, whatever its years."""
        return tuple(u for u in self.units if u.name == name)

    # --- lineage --------------------------------------------------------------------

    def successors_of(self, unit: Unit) -> tuple[Unit, ...]:
        """The units valid the year after ``unit`` ended that took in (part of) its area."""
        if unit.valid_to is None:
            return ()
        return tuple(
            later
            for later in self.accepted_units(unit.valid_to + 1)
            if later.valid_from == unit.valid_to + 1 and unit.name in later.predecessors
        )

    def successor_in(self, unit: Unit, review_year: int, village: str | None = None) -> Unit | None:
        """The unit valid in ``review_year`` that ``unit`` belongs to: itself when valid
        then, else (for a later year) the successor its area moved into. A unit split
        between several has one only for a ``village`` the units table assigns."""
        if unit.valid_in(review_year):
            return unit
        if unit.valid_to is None or review_year < unit.valid_to:
            return None
        later = self.successors_of(unit)
        if len(later) > 1:
            chosen = self._village_successor(unit, village)
            later = tuple(u for u in later if u.name == chosen)
        return self.successor_in(later[0], review_year) if len(later) == 1 else None

    def is_split(self, unit: Unit) -> bool:
        return len(self.successors_of(unit)) > 1

    def _village_successor(self, unit: Unit, village: str | None) -> str | None:
        from reportkit.core.vntext import fold_ascii

        if village is None:
            return None
        return self.villages.get(unit.name, {}).get(fold_ascii(str(village)))

    def predecessor_units(self, unit: Unit) -> tuple[Unit, ...]:
        """The units that moved (wholly or in part) into ``unit`` the year it began."""
        if unit.valid_from is None:
            return ()
        year = unit.valid_from - 1
        return tuple(u for name in unit.predecessors if (u := self.unit_in_year(name, year)))

    def lineage_in(self, unit: Unit, review_year: int) -> tuple[Unit, ...]:
        """The units whose rows make up ``unit``'s area in ``review_year``: itself when
        valid then; for an earlier year, its predecessors (recursively) valid in that year."""
        if unit.valid_in(review_year):
            return (unit,)
        if unit.valid_from is not None and review_year < unit.valid_from:
            return tuple(
                u for p in self.predecessor_units(unit) for u in self.lineage_in(p, review_year)
            )
        return ()
