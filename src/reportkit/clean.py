"""Cleaning: turn the text cells of a raw table into typed values of the data contract.

Each column is converted by its contract type (int, number, tick, status, unit, ...).
A cell that cannot be converted becomes a problem row naming file, row, column and value:
an error for a required column (the row is then kept out of the figures), a warning for an
optional one (the value is dropped, the row kept). Conversions run once per distinct value,
so a million rows with a few thousand distinct spellings stay fast.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from reportkit import domain
from reportkit.problems import Problem, problems_for_rows
from reportkit.read import RawTable
from reportkit.units import is_district_level, match_unit, unknown_unit_message
from reportkit.vntext import fix_series, fix_text, fold_ascii

DISTRICT = ""  # commune value of district-level programme rows before they become null


@dataclass
class CleanTable:
    name: str
    frame: pd.DataFrame  # typed rows that passed; _file and _row kept
    rejected: int
    problems: list[Problem]


class BadValue(ValueError):
    """A cell that cannot be converted; the message says why, for the validation table."""


def clean_table(raw: RawTable) -> CleanTable:
    """Typed version of ``raw``: every schema column converted, bad rows separated."""
    schema = domain.tables()[raw.name]
    frame = raw.frame.copy()
    problems: list[Problem] = list(raw.problems)
    text_cols = [c for c in frame.columns if c not in ("_file", "_row")]
    # Every column is factorized once; repair and conversion then run on distinct values.
    coded: dict[str, tuple[np.ndarray, pd.Series]] = {}
    for col in text_cols:  # TCVN3-typed text is converted per cell, in every column
        text = frame[col].astype(str)
        codes, distinct = pd.factorize(text, use_na_sentinel=False)
        distinct = pd.Series(distinct)
        fixed = fix_series(distinct)
        coded[col] = (codes, fixed)
        frame[col] = text if fixed.equals(distinct) else _spread(fixed, codes, text)
    reject = pd.Series(False, index=frame.index)
    # Convert the unit first so problems of other columns can name the commune.
    ordered = sorted(schema.columns, key=lambda c: c.name != "commune")
    for col in ordered:
        converter = CONVERTERS[col.type]
        codes, distinct = coded[col.name]
        # The checks run per distinct value; rows take their value's outcome by its code.
        values, errors = _convert_distinct(distinct, converter, col.type in TEXT_TYPES)
        missing = values.isna().to_numpy()
        if col.required and col.type not in ("tick", "unit_or_district"):
            errors = np.where(missing & pd.isna(errors), "empty", errors)
        if col.min is not None:
            below = ~missing & (pd.to_numeric(values, errors="coerce") < col.min).to_numpy()
            errors = np.where(below & pd.isna(errors), f"must be ≥ {col.min:g}", errors)
        frame[col.name] = _spread(values, codes, frame[col.name])
        bad = ~pd.isna(errors)[codes]
        if not bad.any():
            continue
        required = col.required
        severity = "error" if required else "warning"
        outcome = "row left out of the figures" if required else "value ignored"
        rows = raw.frame.loc[bad].assign(
            commune=frame.loc[bad, "commune"] if "commune" in frame else None,
        )
        why = pd.Series(errors[codes[bad]], index=frame.index[bad], dtype=object, copy=False)
        msgs = f"{col.name}: " + why.astype(str) + f"; {outcome}"
        for check, sel in _checks(why, col.type):
            problems.extend(
                problems_for_rows(
                    rows.loc[sel],
                    raw.name,
                    col.name,
                    severity,
                    msgs.loc[sel],
                    raw.frame.loc[bad, col.name].loc[sel],
                    check=check,
                )
            )
        if required:
            reject |= bad
        else:
            frame.loc[bad, col.name] = None
    kept = frame.loc[~reject].reset_index(drop=True)
    kept = _finalise_dtypes(kept, schema)
    return CleanTable(raw.name, kept, int(reject.sum()), problems)


def _checks(why: pd.Series, column_type: str) -> list[tuple[str, pd.Series]]:
    """Split failed cells by what failed: empty, below the minimum, or not of the type."""
    empty = why == "empty"
    below = why.astype(str).str.startswith("must be ≥")
    kinds = [("empty", empty), ("below_min", below), (f"bad_{column_type}", ~empty & ~below)]
    return [(check, sel) for check, sel in kinds if sel.any()]


# Column types whose values are text (or None) once converted.
TEXT_TYPES = frozenset(
    {"str", "status", "unit", "unit_or_district", "project", "findings", "visit_kind"}
)


def _convert_distinct(
    distinct: pd.Series, converter: Callable[[str], object], as_text: bool = False
) -> tuple[pd.Series, np.ndarray]:
    """Apply ``converter`` to each distinct value: the converted values, as ``map`` gives
    them (with ``as_text``: as Python objects, object dtype), and the error message of each
    (None when it converted)."""
    uniques = np.asarray(distinct, dtype=object)
    values = np.empty(len(uniques), dtype=object)
    errors = np.full(len(uniques), None, dtype=object)
    for i, u in enumerate(uniques):
        try:
            values[i] = converter(u)
        except BadValue as exc:
            values[i] = None
            errors[i] = str(exc)
    if as_text and len(uniques):
        return pd.Series(values, dtype=object, copy=False), errors
    mapped = dict(zip(uniques, values, strict=True))
    return distinct.map(mapped), errors


def _spread(distinct: pd.Series, codes: np.ndarray, like: pd.Series) -> pd.Series:
    """``distinct`` (one value per factorize code) taken row by row, indexed like ``like``."""
    return pd.Series(
        distinct.array.take(codes),
        index=like.index,
        name=like.name,
        dtype=distinct.dtype,
        copy=False,
    )


def _finalise_dtypes(frame: pd.DataFrame, schema: domain.TableSchema) -> pd.DataFrame:
    for col in schema.columns:
        s = frame[col.name]
        if col.type in ("int", "tick"):
            frame[col.name] = _to_int64(s)
        elif col.type == "number":
            frame[col.name] = pd.to_numeric(s, errors="coerce").astype("float64")
        elif col.type == "date":
            frame[col.name] = pd.to_datetime(s, errors="coerce")
        elif col.type == "status":
            frame[col.name] = pd.Categorical(_text_objects(s), categories=list(domain.STATUSES))
        else:
            frame[col.name] = _text_objects(s)
    frame["_row"] = frame["_row"].astype("int64")
    return frame


def _to_int64(s: pd.Series) -> pd.Series | pd.arrays.IntegerArray:
    """Nullable Int64 of whole numbers (int64, or float64 with NaN for missing)."""
    if not len(s):
        return s.astype("Int64")
    if s.dtype.kind in "iu":
        return s.astype("Int64")
    if s.dtype.kind == "f":
        v = s.to_numpy()
        mask = np.isnan(v)
        finite = v[~mask]
        if (finite == np.round(finite)).all() and (np.abs(finite) < 2.0**63).all():
            return pd.arrays.IntegerArray(np.where(mask, 0, v).astype(np.int64), mask)
    return pd.array(s.tolist(), dtype="Int64")


def _text_objects(s: pd.Series) -> pd.Series:
    """Text as Python str objects (object dtype), missing and DISTRICT cells as None.

    Columns of other dtypes (Arrow strings) are converted once per distinct value, so
    repeated names share one str object."""
    if s.dtype == object:
        return s.where(s.notna() & (s != DISTRICT), None)
    codes, uniques = pd.factorize(s, use_na_sentinel=True)
    table = np.empty(len(uniques) + 1, dtype=object)  # last slot: code -1 (missing)
    table[:-1] = np.asarray(uniques, dtype=object)
    table[-1] = None
    table[:-1][table[:-1] == DISTRICT] = None
    return pd.Series(table[codes], index=s.index, name=s.name, dtype=object, copy=False)


# --- converters: text cell → value, or BadValue ---------------------------------------

_NUMBER_JUNK = re.compile(r"(?i)\s|vnđ|vnd|đồng|dong|đ|%")


def parse_number(text: str) -> float | None:
    """Numbers as people type them: 1500000, 1.500.000, 1,500,000, 1 500 000, 47,86.

    A separator followed by exactly three digits in every group is a thousands separator;
    a single ',' or '.' otherwise is the decimal mark. Empty → None.
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
    raise BadValue(f"'{text}' is not a number")


def to_number(text: str) -> float | None:
    return parse_number(text)


def to_int(text: str) -> int | None:
    x = parse_number(text)
    if x is None:
        return None
    if not float(x).is_integer():
        raise BadValue(f"'{text}' is not a whole number")
    return int(x)


_TICK = {"1": 1, "x": 1, "0": 0, "": 0, "1.0": 1, "0.0": 0}


def to_tick(text: str) -> int:
    """Indicator cells: 1, "x" or "X" mean deprived; 0 or an empty cell mean not."""
    v = _TICK.get(text.strip().lower())
    if v is None:
        raise BadValue(f"'{text}' is not 0/1 (or x / empty)")
    return v


def _word_table(words: dict[str, list[str]]) -> dict[str, str]:
    return {fold_ascii(w): key for key, ws in words.items() for w in [key, *ws]}


_STATUS = _word_table(domain.status_words())
_KINDS = _word_table(domain.visit_kinds())


def to_status(text: str) -> str | None:
    if text == "":
        raise BadValue("empty")
    status = _STATUS.get(fold_ascii(text))
    if status is None:
        raise BadValue(f"'{text}' is not a status (poor / near_poor / average / none)")
    return status


def to_visit_kind(text: str) -> str:
    kind = _KINDS.get(fold_ascii(text))
    if kind is None:
        raise BadValue(f"'{text}' is not inspection / supervision (kiểm tra / giám sát)")
    return kind


def to_unit(text: str) -> str:
    if text == "":
        raise BadValue("empty")
    unit = match_unit(text)
    if unit is None:
        raise BadValue(unknown_unit_message(text))
    return unit.name


def to_unit_or_district(text: str) -> str:
    """A unit name, or DISTRICT for district-level programme rows (empty, "Huyện")."""
    return DISTRICT if is_district_level(text) else to_unit(text)


def to_project(text: str) -> str | None:
    """Project codes as typed ("DA 7 - TDA1", "da7.tda1") → canonical ("DA7.TDA1")."""
    if text == "":
        return None
    code = re.sub(r"[\s_\-]+", "", fix_text(text).upper().replace("DỰÁN", "DA"))
    code = re.sub(
        r"^DA(\d+)\.?(TDA\d+)?$", lambda m: "DA" + m[1] + ("." + m[2] if m[2] else ""), code
    )
    if code not in domain.projects():
        raise BadValue(f"'{text}' is not a project code ({', '.join(domain.projects())})")
    return code


def to_findings(text: str) -> str:
    codes = [c.strip() for c in text.replace(",", ";").split(";") if c.strip()]
    unknown = [c for c in codes if c not in domain.findings()]
    if unknown:
        raise BadValue(f"unknown finding code(s) {', '.join(unknown)}")
    return ";".join(codes)


def to_date(text: str) -> str | None:
    if text == "":
        return None
    t = text[:10]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
        raise BadValue(f"'{text}' is not an ISO date (YYYY-MM-DD)")
    try:
        np.datetime64(t)
    except ValueError:
        raise BadValue(f"'{text}' is not a valid date") from None
    return t


def to_str(text: str) -> str | None:
    return text or None


CONVERTERS: dict[str, Callable[[str], object]] = {
    "int": to_int,
    "number": to_number,
    "tick": to_tick,
    "status": to_status,
    "unit": to_unit,
    "unit_or_district": to_unit_or_district,
    "project": to_project,
    "findings": to_findings,
    "visit_kind": to_visit_kind,
    "date": to_date,
    "str": to_str,
}
