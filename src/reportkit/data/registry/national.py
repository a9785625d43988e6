"""Vietnam's administrative units as published, read from the data bundled with the pinned
``vietnamadminunits`` package (MIT): the communes before the 2025 reform (63 provinces and
their districts), the communes since (34 provinces) and the crosswalk from old to new.

Only its data files are read (``data/dataset.db``, SQLite, opened read-only, and
``data/converter_2025.json``); the package itself is never imported (importing it loads
geocoders). A unit's kind is taken from its name's prefix: the database's type column is
wrong for seven units. Codes are the official zero-padded strings ("23110", "598", "68");
old and new codes overlap (22933 is xã Xuân An before the reform and phường Hàm Thắng
after), so a unit is a code in a period, never a code alone.
"""

from __future__ import annotations

import importlib.util
import json
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportkit.core.errors import ReportkitError

PACKAGE = "vietnamadminunits"

# Name prefixes → kind, longest first ("Thành phố" before a bare word).
UNIT_KINDS = {"Thị trấn": "thị trấn", "Đặc khu": "đặc khu", "Phường": "phường", "Xã": "xã"}
PARENT_KINDS = {
    "Thành phố": "thành phố",
    "Thị xã": "thị xã",
    "Huyện": "huyện",
    "Quận": "quận",
    "Tỉnh": "tỉnh",
    "Đặc khu": "đặc khu",
}


@dataclass(frozen=True)
class Place:
    """A commune-level unit (xã, phường, thị trấn, đặc khu) of one period."""

    code: str  # "23137"
    name: str  # without its prefix ("Hàm Minh"); a number keeps it ("Phường 1")
    kind: str  # "xã", "phường", "thị trấn", "đặc khu"
    province: Parent
    district: Parent | None = None  # before the reform only


@dataclass(frozen=True)
class Parent:
    """A province, or (before the reform) a district."""

    code: str  # "598", "68"
    name: str  # "Bắc Bình", "Lâm Đồng"
    kind: str  # "huyện", "quận", "thị xã", "thành phố", "tỉnh"

    @property
    def label(self) -> str:
        """The name with its kind, as documents write it: "huyện Bắc Bình"."""
        return f"{self.kind} {self.name}"


@dataclass(frozen=True)
class National:
    """Both periods' units and the crosswalk, keyed by code."""

    legacy: dict[str, Place]  # code → unit, up to 30 June 2025
    new: dict[str, Place]  # code → unit, from 1 July 2025
    predecessors: dict[str, tuple[str, ...]]  # new code → old codes (whole or in part)
    successors: dict[str, tuple[str, ...]]  # old code → new codes (several: a split unit)


class RegistryUnavailable(ReportkitError):
    """The national registry's data files cannot be found or read."""


def split_prefix(full: str, kinds: dict[str, str]) -> tuple[str, str | None]:
    """("Hàm Minh", "xã") for "Xã Hàm Minh"; a name that is only a number keeps its
    prefix ("Phường 1"); (full, None) when no known prefix starts it."""
    for prefix, kind in kinds.items():
        if full.lower().startswith(prefix.lower() + " "):
            rest = full[len(prefix) + 1 :].strip()
            return (full if rest[:1].isdigit() else rest), kind
    return full, None


def data_dir() -> Path:
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RegistryUnavailable(
            f"the national unit registry ({PACKAGE}) is not installed: run scripts/env.sh"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _parent(code: str, full: str) -> Parent:
    name, kind = split_prefix(full, PARENT_KINDS)
    return Parent(code=code, name=name, kind=kind or "tỉnh")


def _place(code: str, full: str, province: Parent, district: Parent | None) -> Place:
    name, kind = split_prefix(full, UNIT_KINDS)
    return Place(code=code, name=name, kind=kind or "xã", province=province, district=district)


@cache
def national() -> National:
    """The registry as the package publishes it (read once per process, about 0.2 s)."""
    folder = data_dir()
    try:
        con = sqlite3.connect(f"file:{folder / 'dataset.db'}?mode=ro", uri=True)
        with con:
            old_rows = con.execute(
                "SELECT provinceCode, province, districtCode, district, wardCode, ward, "
                "provinceKey, districtKey, wardKey FROM admin_units_legacy "
                "WHERE wardCode IS NOT NULL"
            ).fetchall()
            new_rows = con.execute(
                "SELECT provinceCode, province, wardCode, ward, provinceKey, wardKey "
                "FROM admin_units"
            ).fetchall()
        con.close()
        converter = json.loads((folder / "converter_2025.json").read_text(encoding="utf-8"))
    except (OSError, sqlite3.Error, ValueError) as exc:
        raise RegistryUnavailable(
            f"cannot read the national unit registry in {folder}: {exc}"
        ) from None
    legacy: dict[str, Place] = {}
    old_key: dict[str, str] = {}
    parents: dict[tuple[str, str], Parent] = {}
    for pcode, pname, dcode, dname, code, name, pkey, dkey, wkey in old_rows:
        province = parents.setdefault(("p", pcode), _parent(pcode, pname))
        district = parents.setdefault(("d", dcode), _parent(dcode, dname))
        legacy[code] = _place(code, name, province, district)
        old_key[f"{pkey}_{dkey}_{wkey}"] = code
    new: dict[str, Place] = {}
    new_key: dict[tuple[str, str], str] = {}
    for pcode, pname, code, name, pkey, wkey in new_rows:
        province = parents.setdefault(("n", pcode), _parent(pcode, pname))
        new[code] = _place(code, name, province, None)
        new_key[(pkey, wkey)] = code
    pred: dict[str, set[str]] = {}
    for pkey, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for wkey, olds in wards.items():
            pred.setdefault(new_key[(pkey, wkey)], set()).update(
                old_key[o] for o in olds if o in old_key
            )
    for pkey, olds in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for o, targets in olds.items():
            for t in targets:
                if o in old_key:
                    pred.setdefault(new_key[(pkey, t["newWardKey"])], set()).add(old_key[o])
    succ: dict[str, set[str]] = {}
    for new_code, olds in pred.items():
        for o in olds:
            succ.setdefault(o, set()).add(new_code)
    return National(
        legacy=legacy,
        new=new,
        predecessors={k: tuple(sorted(v)) for k, v in pred.items()},
        successors={k: tuple(sorted(v)) for k, v in succ.items()},
    )
