"""What the raw folder says of its units: the units table's rows as declarations, and the
area each review year is reported for (the settings table's ``area`` column, or an option).
"""

from __future__ import annotations

import pandas as pd

from reportkit.core.vntext import fix_text, fold_ascii
from reportkit.data.problems import Problem
from reportkit.data.registry.assemble import AreaSpec
from reportkit.data.registry.declare import Declaration

URBAN = {"1", "thanh thi", "urban", "do thi"}
RURAL = {"0", "nong thon", "rural"}
UNVERIFIED = ("?", "chua xac minh", "unverified")


def _text(v: object) -> str | None:
    if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA:
        return None
    s = fix_text(str(v)).strip()
    return s or None


def _code(v: object) -> str | None:
    """An official code as the registry writes it: digits, communes padded to 5 ("0001")."""
    s = _text(v)
    if s is None:
        return None
    s = s.removesuffix(".0")
    return s.zfill(5) if s.isdigit() and len(s) > 3 else s


def _list(v: object) -> tuple[str, ...]:
    s = _text(v)
    return tuple(p.strip() for p in s.replace(",", ";").split(";") if p.strip()) if s else ()


def _urban(v: object, file: str, row: int | None) -> tuple[bool | None, bool, list[Problem]]:
    """(urban or not or None, verified, problems) of an urban cell: 1/0, "thành thị" /
    "nông thôn", optionally marked "?" or "(chưa xác minh)": an unverified line."""
    s = _text(v)
    if s is None:
        return None, True, []
    folded = fold_ascii(s)
    verified = not any(m in folded for m in UNVERIFIED)
    for m in UNVERIFIED:
        folded = folded.replace(m, "")
    folded = folded.replace("(", "").replace(")", "").strip()
    if folded in URBAN:
        return True, verified, []
    if folded in RURAL:
        return False, verified, []
    msg = (
        f"urban: '{s}' is neither 1 (thành thị) nor 0 (nông thôn); the line follows the unit's kind"
    )
    return None, True, [Problem("units", file, row, "urban", s, "warning", "bad_urban", msg)]


def declarations(frame: pd.DataFrame) -> tuple[list[Declaration], list[Problem]]:
    """The cleaned units table's rows as declarations, in file order."""
    out: list[Declaration] = []
    problems: list[Problem] = []
    for r in frame.to_dict("records"):
        unit = _text(r.get("unit"))
        if unit is None:
            continue
        file, row = str(r.get("_file", "units")), r.get("_row")
        row = None if row is None or pd.isna(row) else int(row)
        urban, verified, bad = _urban(r.get("urban"), file, row)
        problems += bad
        out.append(
            Declaration(
                unit=unit,
                code=_code(r.get("code")),
                kind=_text(r.get("kind")),
                parent=_text(r.get("parent")),
                valid_from=_int(r.get("valid_from")),
                valid_to=_int(r.get("valid_to")),
                predecessors=tuple(_code(p) or p for p in _list(r.get("predecessors"))),
                urban=urban,
                urban_verified=verified,
                villages=_list(r.get("villages")),
                basis=_text(r.get("basis")),
                file=file,
                row=row,
            )
        )
    return out, problems


def _int(v: object) -> int | None:
    if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)):
        return None
    return int(v)  # type: ignore[call-overload]


def area_specs(settings: pd.DataFrame, option: str | None = None) -> list[AreaSpec]:
    """The areas named: ``option`` for every year, else each distinct ``area`` of the
    settings rows with the years they name it for (rows with a year that is no number are
    left to the settings table's own checks)."""
    if option:
        return [AreaSpec(option, ())]
    if settings.empty or "area" not in settings.columns:
        return []
    years = pd.to_numeric(settings.get("year"), errors="coerce")
    specs: dict[str, AreaSpec] = {}
    for area, year, file, row in zip(
        settings["area"], years, settings["_file"], settings["_row"], strict=True
    ):
        text = _text(area)
        if text is None or pd.isna(year):
            continue
        key = fold_ascii(text)
        spec = specs.get(key)
        ys = (*(spec.years if spec else ()), int(year))
        specs[key] = AreaSpec(
            spec.text if spec else text,
            ys,
            spec.file if spec else str(file),
            spec.row if spec else int(row),
        )
    return list(specs.values())
