"""Cleaning: turn the text cells of a raw table into typed values of the data contract.

Each column is converted by its contract type (int, number, tick, status, unit, ...) and
numbers are checked against the column's plausible range (min / max in domain.toml).
A cell that fails becomes a problem row naming file, row, column and value: an error for a
required column (the row is then kept out of the figures), a warning for an optional one
(the value is dropped, the row kept). Messages say why, never quoting the cell. A row whose
year contradicts the year in its file's name is an error too. Conversions run once per
distinct value, so a million rows with a few thousand distinct spellings stay fast.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from reportkit import domain
from reportkit.core.vntext import fix_series, fix_text, fold_ascii, parse_number
from reportkit.data.problems import Problem, problems_for_rows
from reportkit.data.read import RawTable
from reportkit.data.sources import file_year
from reportkit.data.units import is_district_level, match_unit, unknown_unit_reason

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
    """Typed version of ``raw``: every schema column converted, bad rows separated.

    Rows whose year contradicts the year in their file's name (households_2023.csv) are
    errors too, left out before any later check looks for duplicates. A unit whose
    household ids change format from one year to the next gets one warning. Extra columns
    stay text (TCVN3 repaired).
    """
    schema = domain.tables()[raw.name]
    frame = raw.frame.copy(deep=False)
    problems: list[Problem] = list(raw.problems)
    for col in frame.columns.difference([*schema.column_names, "_file", "_row"]):
        codes, distinct, repaired = _factorize_repaired(frame[col])
        if repaired:
            frame[col] = _spread(distinct, codes, frame[col])
    reject = np.zeros(len(frame), dtype=bool)
    id_formats = None
    # Convert the unit first so problems of other columns can name the commune.
    ordered = sorted(schema.columns, key=lambda c: c.name != "commune")
    for col in ordered:
        codes, distinct, _ = _factorize_repaired(frame[col.name])
        if col.type == "household_id":  # how the ids were typed, before they are unified
            id_formats = _spread(distinct.map(id_format), codes, frame[col.name])
        # The checks run per distinct value; rows take their value's outcome by its code.
        values, checks, errors = _convert_distinct(distinct, col)
        frame[col.name] = _spread(values, codes, frame[col.name])
        bad = ~pd.isna(checks)[codes]
        if not bad.any():
            continue
        severity = "error" if col.required else "warning"
        outcome = "row left out of the figures" if col.required else "value ignored"
        rows = raw.frame.loc[bad].assign(
            commune=frame.loc[bad, "commune"] if "commune" in frame else None,
        )
        row_checks = pd.Series(checks[codes[bad]], index=frame.index[bad], dtype=object)
        msgs = pd.Series(errors[codes[bad]], index=frame.index[bad], dtype=object)
        # The value as its writer saw it: TCVN3 decoded, zero-width characters dropped.
        typed = pd.Series(distinct.to_numpy()[codes[bad]], index=frame.index[bad], dtype=object)
        msgs = f"{col.name}: " + msgs + f"; {outcome}"
        for check in pd.unique(row_checks):
            sel = row_checks == check
            problems.extend(
                problems_for_rows(
                    rows.loc[sel],
                    raw.name,
                    col.name,
                    severity,
                    msgs.loc[sel],
                    typed.loc[sel],
                    check=check,
                )
            )
        if col.required:
            reject |= bad
    wrong_year = _contradicts_file_year(frame) & ~reject
    problems += _file_year_problems(raw.frame.loc[wrong_year], frame.loc[wrong_year], raw.name)
    reject |= wrong_year
    if id_formats is not None:
        kept = frame.loc[~reject, ["_file", "commune", "year"]]
        problems += _id_format_changes(kept.assign(id_format=id_formats[~reject]), raw.name)
    if reject.any():  # no copy of a million rows when every row passed
        frame = frame.loc[~reject].reset_index(drop=True)
    frame["_row"] = frame["_row"].astype("int64")
    return CleanTable(raw.name, frame, int(reject.sum()), problems)


def _factorize_repaired(text: pd.Series) -> tuple[np.ndarray, pd.Series, bool]:
    """Codes of ``text`` by distinct value, the distinct values as NFC Unicode (TCVN3
    converted; Python objects) and whether any of them needed that repair."""
    codes, uniques = pd.factorize(text, use_na_sentinel=False)
    distinct = pd.Series(np.asarray(uniques, dtype=object), dtype=object)
    fixed = fix_series(distinct)
    return codes, fixed, not fixed.equals(distinct)


def _contradicts_file_year(frame: pd.DataFrame) -> np.ndarray:
    """Rows (a mask) whose year differs from the one year their file's name carries."""
    if "year" not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    years = {f: file_year(f) for f in frame["_file"].unique()}
    expected = pd.to_numeric(frame["_file"].map(years), errors="coerce")
    differs = expected.notna() & frame["year"].notna() & (frame["year"] != expected)
    return differs.to_numpy(dtype=bool, na_value=False)


def _file_year_problems(raw_rows: pd.DataFrame, rows: pd.DataFrame, table: str) -> list[Problem]:
    if rows.empty:
        return []
    msgs = (
        "year "
        + rows["year"].astype("int64").astype(str)
        + " in a file for "
        + rows["_file"].map(file_year).astype(str)
        + "; row left out of the figures"
    )
    return problems_for_rows(
        rows, table, "year", "error", msgs, raw_rows["year"], check="year_not_file_year"
    )


# Numbers beyond 2^53 are not whole numbers float64 holds exactly; no column takes them.
LARGEST_NUMBER = 2.0**53


def _convert_distinct(
    distinct: pd.Series, col: domain.Column
) -> tuple[pd.Series, np.ndarray, np.ndarray]:
    """Convert and check each distinct value of column ``col``.

    Returns the converted values (in their column's dtype, see ``_typed``), then for each
    value the check it failed and why (None when it passed):
    "empty" (a required cell left blank), "below_min" / "above_max" (outside the column's
    range in domain.toml, or beyond ±LARGEST_NUMBER) or "bad_<type>" (not of the type). A
    value that failed is None.
    """
    converter = CONVERTERS[col.type]
    low, high = _value_range(col)
    uniques = np.asarray(distinct, dtype=object)
    values = np.full(len(uniques), None, dtype=object)
    checks = np.full(len(uniques), None, dtype=object)
    errors = np.full(len(uniques), None, dtype=object)
    for i, u in enumerate(uniques):
        try:
            v = converter(u)
        except BadValue as exc:
            checks[i], errors[i] = f"bad_{col.type}", str(exc)
            continue
        if v is None and col.required:
            checks[i], errors[i] = "empty", "empty"
        elif v is not None and low is not None and v < low:
            checks[i], errors[i] = "below_min", f"must be ≥ {_limit(low)}"
        elif v is not None and high is not None and v > high:
            checks[i], errors[i] = "above_max", f"must be ≤ {_limit(high)}"
        else:
            values[i] = v
    return _typed(values, col.type), checks, errors


def _typed(values: np.ndarray, column_type: str) -> pd.Series:
    """Converted values (Python objects, None = missing) in the dtype of their column type:
    nullable Int64 for int and tick, float64 for number, datetime64 for date, a categorical
    of domain.STATUSES for status, Python str objects (object dtype) for text, where the
    district level (DISTRICT) becomes None."""
    if column_type in ("int", "tick"):
        return pd.Series(values, dtype="float64").astype("Int64")
    if column_type == "number":
        return pd.Series(values, dtype="float64")
    if column_type == "date":
        return pd.Series(pd.to_datetime(pd.Series(values, dtype=object), errors="coerce"))
    if column_type == "status":
        return pd.Series(pd.Categorical(values, categories=list(domain.STATUSES)))
    text = np.where(values == DISTRICT, None, values)
    return pd.Series(text, dtype=object)


def _value_range(col: domain.Column) -> tuple[float | None, float | None]:
    """The accepted range of an int or number column (None, None for other types)."""
    if col.type not in ("int", "number"):
        return None, None
    low = -LARGEST_NUMBER if col.min is None else max(col.min, -LARGEST_NUMBER)
    high = LARGEST_NUMBER if col.max is None else min(col.max, LARGEST_NUMBER)
    return low, high


def _limit(x: float) -> str:
    return f"{x:,.0f}" if float(x).is_integer() else f"{x:,g}"


def _spread(distinct: pd.Series, codes: np.ndarray, like: pd.Series) -> pd.Series:
    """``distinct`` (one value per factorize code) taken row by row, indexed like ``like``."""
    return pd.Series(
        distinct.array.take(codes),
        index=like.index,
        name=like.name,
        dtype=distinct.dtype,
        copy=False,
    )


# --- converters: text cell → value, or BadValue ---------------------------------------
# Messages say why a cell failed without quoting it: the typed value goes to the validation
# table's value column only, never into a message (it may be someone's name).


def to_number(text: str) -> float | None:
    """A number as typed (see vntext.parse_number); empty → None; "1" * 400 → inf."""
    try:
        return parse_number(text)
    except ValueError:
        raise BadValue("not a number") from None


def to_int(text: str) -> float | None:
    """A whole number, as a float (exact up to LARGEST_NUMBER, which the range check
    enforces); empty → None."""
    x = to_number(text)
    if x is not None and math.isfinite(x) and not x.is_integer():
        raise BadValue("not a whole number")
    return x


_TICK = {"1": 1, "x": 1, "0": 0, "": 0, "1.0": 1, "0.0": 0}


def to_tick(text: str) -> int:
    """Indicator cells: 1, "x" or "X" mean deprived; 0 or an empty cell mean not."""
    v = _TICK.get(text.strip().lower())
    if v is None:
        raise BadValue("not 0/1 (or x / empty)")
    return v


def _word_table(words: dict[str, list[str]]) -> dict[str, str]:
    return {fold_ascii(w): key for key, ws in words.items() for w in [key, *ws]}


_STATUS = _word_table(domain.status_words())
_KINDS = _word_table(domain.visit_kinds())


def to_status(text: str) -> str | None:
    if text == "":
        return None
    status = _STATUS.get(fold_ascii(text))
    if status is None:
        raise BadValue("not a status (poor / near_poor / average / none)")
    return status


def to_visit_kind(text: str) -> str:
    kind = _KINDS.get(fold_ascii(text))
    if kind is None:
        raise BadValue("not inspection / supervision (kiểm tra / giám sát)")
    return kind


def to_unit(text: str) -> str | None:
    if text == "":
        return None
    unit = match_unit(text)
    if unit is None:
        raise BadValue(unknown_unit_reason(text))
    return unit


def to_unit_or_district(text: str) -> str | None:
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
        raise BadValue(f"not a project code ({', '.join(domain.projects())})")
    return code


def to_findings(text: str) -> str:
    codes = [c.strip() for c in text.replace(",", ";").split(";") if c.strip()]
    unknown = [c for c in codes if c not in domain.findings()]
    if unknown:
        raise BadValue(f"unknown finding code(s) {', '.join(unknown)}")
    return ";".join(codes)


def to_commentary_section(text: str) -> str:
    """A commentary section code (docs/report-settings.md), case and spacing forgiven."""
    code = fold_ascii(text).replace(" ", "_").replace("-", "_")
    if code not in domain.commentary_sections():
        raise BadValue(f"not a section code ({', '.join(domain.commentary_sections())})")
    return code


# Day first, as Vietnamese offices write dates (15/01/2027, 5/3/2027, 15.01.2027): never
# month first.
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def to_date(text: str) -> str | None:
    """An ISO date (YYYY-MM-DD, a time after it ignored) or a day-first one (dd/mm/yyyy,
    d/m/yyyy; "/", "." or "-" between); empty → None. "01/15/2027" is not a date."""
    if text == "":
        return None
    day_first = _DAY_FIRST.fullmatch(text)
    if day_first:
        day, month, year = day_first.groups()
        t = f"{year}-{int(month):02d}-{int(day):02d}"
    else:
        t = text[:10]
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", t):
            raise BadValue("not a date (dd/mm/yyyy or YYYY-MM-DD)")
    try:
        np.datetime64(t)
    except ValueError:
        raise BadValue("not a valid date") from None
    return t


def to_str(text: str) -> str | None:
    return text or None


# An id made only of digits, perhaps with the ".0" of a number Excel wrote out.
_DIGITS_ID = re.compile(r"([0-9]+)(\.0+)?")


def to_household_id(text: str) -> str | None:
    """A household id as it is matched across years and checked for duplicates: as typed
    (case kept), except that an id made only of digits loses its leading zeros and the
    ".0" of an Excel number: "0012", "12" and "12.0" are all "12"; "HT-0012" is kept."""
    digits = _DIGITS_ID.fullmatch(text)
    if digits is None:
        return text or None
    return digits[1].lstrip("0") or "0"


def id_format(text: str) -> str | None:
    """How an id made only of digits is written: "excel" (12.0), "padded" followed by its
    width (0012: "padded4") or "plain" (12); None for other ids (HT-0012) and empty cells."""
    digits = _DIGITS_ID.fullmatch(text)
    if digits is None:
        return None
    if digits[2]:
        return "excel"
    return f"padded{len(text)}" if len(text) > 1 and text[0] == "0" else "plain"


def _id_formats_described(formats: set[str]) -> str | None:
    """The format of one unit's ids in one year, as a message says it: numbers written by
    Excel outweigh zero-padding (the widest), which outweighs plain digits (a padded list
    holds ids such as 1234 that need no zeros)."""
    if "excel" in formats:
        return "numbers with a decimal part (12.0, as Excel writes them)"
    widths = [int(f.removeprefix("padded")) for f in formats if f.startswith("padded")]
    if widths:
        return f"zero-padded to {max(widths)} digits"
    return "without leading zeros" if "plain" in formats else None


def _id_format_changes(rows: pd.DataFrame, table: str) -> list[Problem]:
    """One warning per unit and year whose household ids are written otherwise than in the
    unit's previous year in the data (rows: _file, commune, year, id_format)."""
    rows = rows.dropna(subset=["commune", "year", "id_format"])
    seen = rows.drop_duplicates().groupby(["commune", "year"], sort=True)
    formats = seen["id_format"].agg(lambda f: _id_formats_described(set(f)))
    files = seen["_file"].agg(lambda f: ", ".join(sorted(set(f))))
    problems = []
    for commune, years in formats.groupby(level="commune", sort=False):
        pairs = list(years.droplevel("commune").items())
        for (y0, before), (y, now) in zip(pairs, pairs[1:], strict=False):
            if before == now:
                continue
            msg = (
                f"household ids of {commune} are {before} in {y0} but {now} in {y}: ids made "
                "only of digits are compared without their leading zeros"
            )
            problems.append(
                Problem(
                    table=table,
                    file=files[(commune, y)],
                    row=None,
                    column="household_id",
                    value=None,
                    severity="warning",
                    check="household_id_format",
                    message=msg,
                    commune=str(commune),
                    year=int(y),
                )
            )
    return problems


CONVERTERS: dict[str, Callable[[str], object]] = {
    "int": to_int,
    "number": to_number,
    "tick": to_tick,
    "status": to_status,
    "unit": to_unit,
    "unit_or_district": to_unit_or_district,
    "project": to_project,
    "findings": to_findings,
    "commentary_section": to_commentary_section,
    "visit_kind": to_visit_kind,
    "date": to_date,
    "str": to_str,
    "household_id": to_household_id,
}
