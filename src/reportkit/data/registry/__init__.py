"""The units a raw folder reports on: Vietnam's published registry (:mod:`.national`), cut
to the user's area (:mod:`.assemble`) and overridden by the user's units table
(:mod:`.table` reads it, :mod:`.declare` applies it).

In: the settings' ``area`` (or an option) and the units table. Out: a :class:`Registry`,
the one place the pipeline asks which units exist, in which years, and what became of them.

The registry of the data being worked on is *active*: preparing or loading a raw folder
activates its registry, and a batch worker activates the registry of the dataset it was
handed (:func:`using`). The module-level functions below ask the active registry.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from reportkit.core.errors import ReportkitError
from reportkit.data.registry.model import Area, Registry
from reportkit.domain import Unit

if TYPE_CHECKING:
    from reportkit.data.problems import Problem
    from reportkit.data.registry.assemble import AreaSpec
    from reportkit.data.registry.declare import Declaration

__all__ = [
    "Area",
    "AreaSpec",
    "Declaration",
    "Registry",
    "activate",
    "build",
    "current",
    "using",
]

# The registry activated last (by loading a raw folder) is the process's; ``using``
# overrides it in its context only. Not a context variable alone: Jupyter runs each cell
# in a copy of the context, so a registry a cell's loading activates must outlive it.
_LOADED: Registry | None = None  # noqa: PLW0603 - set by activate
_ACTIVE: contextvars.ContextVar[Registry | None] = contextvars.ContextVar(
    "reportkit_registry", default=None
)


def build(specs: list[AreaSpec], decls: list[Declaration]) -> tuple[Registry, list[Problem]]:
    """:func:`reportkit.data.registry.assemble.build` (imported when first needed: reading a
    processed copy's registry needs no pandas)."""
    from reportkit.data.registry.assemble import build as _build

    return _build(specs, decls)


def __getattr__(name: str) -> Any:
    if name in ("AreaSpec", "Declaration"):
        from reportkit.data.registry import assemble

        return getattr(assemble, name)
    raise AttributeError(name)


class NoRegistry(ReportkitError):
    """Units were asked for before any raw folder was prepared or loaded."""


def activate(registry: Registry) -> None:
    """Make ``registry`` the active one (until another raw folder is loaded), inside a
    :func:`using` block too (until the block ends)."""
    global _LOADED
    _LOADED = registry
    if _ACTIVE.get() is not None:
        _ACTIVE.set(registry)


@contextlib.contextmanager
def using(registry: Registry) -> Iterator[Registry]:
    """Within the block, ``registry`` is the active one."""
    token = _ACTIVE.set(registry)
    try:
        yield registry
    finally:
        _ACTIVE.reset(token)


def current() -> Registry:
    registry = _ACTIVE.get() or _LOADED
    if registry is None:
        raise NoRegistry("no units: prepare or load a raw folder first")
    return registry


# --- the active registry's answers (see Registry) ---------------------------------------


def units() -> tuple[Unit, ...]:
    return current().units


def units_in_year(review_year: int) -> tuple[Unit, ...]:
    return current().units_in_year(review_year)


def accepted_units(review_year: int) -> tuple[Unit, ...]:
    return current().accepted_units(review_year)


def unit_in_year(name: str, review_year: int) -> Unit | None:
    return current().unit_in_year(name, review_year)


def successor_in(unit: Unit, review_year: int, village: str | None = None) -> Unit | None:
    return current().successor_in(unit, review_year, village)


def lineage_in(unit: Unit, review_year: int) -> tuple[Unit, ...]:
    return current().lineage_in(unit, review_year)


def area_for(review_year: int) -> Area | None:
    return current().area_for(review_year)


def has_area(review_year: int) -> bool:
    return current().has_area(review_year)
