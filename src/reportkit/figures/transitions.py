"""The review summary's transitions, per household, per any grouping.

The review summary against the previous year follows each household's history within its
unit (key: unit + household id), so for every unit, village and subgroup it holds that
poor = poor_start − escaped − removed + fell_back + new_poor:
- poor_start: poor in the previous year (đầu kỳ);
- escaped (thoát nghèo): poor last year, reviewed this year, not poor now;
- removed: poor last year, absent from this year's review (moved, died, merged);
- fell_back (tái nghèo): poor now, not poor last year, poor in some earlier year;
- new_poor (phát sinh): poor now, never recorded poor before.

Across the 2025 merger a successor commune's history is its predecessors' (crosswalk.
in_units_of): in its first year the transitions follow households (stable ids) through
every predecessor unit. When a predecessor's previous-year list is missing, the transitions
cannot be told apart from arrivals: they are null and ``incomplete`` names what is missing.

The first review under a new poverty standard (domain.first_review_of_standard: 2021,
2026) sets the period's baseline (số liệu đầu kỳ): no transition is computed across two
standards, so its transitions are null everywhere (units, villages, subgroups).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

TRANSITIONS = ["poor_start", "escaped", "removed", "fell_back", "new_poor"]
"""The review's transition columns, in the order the summary prints them."""


def review_summary(
    households: pd.DataFrame,
    year: int,
    by: list[str],
    baseline: pd.DataFrame | None = None,
    groups: pd.Index | None = None,
) -> pd.DataFrame:
    """Transition counts for ``year`` grouped by ``by`` (e.g. ["commune"] or ["village"]).

    A group is reported with zeros where nothing happened, and with nulls where it has
    no rows at all in the previous year of ``baseline`` (default: ``households``), since
    then there is no list to compare with. ``groups`` fixes the index (default: groups
    seen in either year)."""
    # Rows that matter: this year's and last year's, and the poor rows of earlier years.
    # Each group and each household (``by`` + household_id) gets an integer code, so the
    # matching below is array indexing instead of merges on text keys.
    years = households["year"].to_numpy(dtype=np.float64, na_value=np.nan)
    status = households["recorded_status"]
    poor = (status == "poor").to_numpy(dtype=bool, na_value=False)
    in_cur, in_prev = years == year, years == year - 1
    rows = np.flatnonzero(in_cur | in_prev | (poor & (years < year - 1)))
    group, group_values = _group_codes([households[b] for b in by], rows)
    n_group = len(group_values[0])
    in_cur, in_prev = in_cur[rows], in_prev[rows]
    # Households are needed for this year's rows and the poor rows of earlier years.
    need = np.flatnonzero(in_cur | poor[rows])
    poor = poor[rows[need]]
    cur, prev_poor = in_cur[need], in_prev[need] & poor
    older_poor = poor & ~cur & ~in_prev[need]
    cur_poor = cur & poor
    hid, _ = _group_codes([households["household_id"]], rows[need])
    house, _ = _group_codes_from(np.stack([group[need], hid]), len(need))
    n_house = int(house.max(initial=-1)) + 1

    # Where last year's poor are now: absent (removed) or not poor (escaped).
    matched = np.bincount(house[cur], minlength=n_house)[house[prev_poor]]
    if (matched > 1).any():  # one row per household and year is assumed, as by a merge
        n = int(np.maximum(matched, 1).sum())
        raise ValueError(f"Length of values ({n}) does not match length of index ({len(matched)})")
    now_known = np.zeros(n_house, dtype=bool)
    now_known[house[cur & status.notna().to_numpy()[rows[need]]]] = True
    now_poor = np.zeros(n_house, dtype=bool)
    now_poor[house[cur_poor]] = True
    removed = ~now_known[house[prev_poor]]
    escaped = ~removed & ~now_poor[house[prev_poor]]
    # Where this year's poor come from: not poor last year, and poor before or never.
    was_prev = np.zeros(n_house, dtype=bool)
    was_prev[house[prev_poor]] = True
    was_older = np.zeros(n_house, dtype=bool)
    was_older[house[older_poor]] = True
    arrived = ~was_prev[house[cur_poor]]
    older = was_older[house[cur_poor]]
    need_group = group[need]

    def count(sel: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return np.bincount(need_group[sel][mask], minlength=n_group)

    parts = {
        "poor_start": count(prev_poor, np.ones(int(prev_poor.sum()), dtype=bool)),
        "escaped": count(prev_poor, escaped),
        "removed": count(prev_poor, removed),
        "fell_back": count(cur_poor, arrived & older),
        "new_poor": count(cur_poor, arrived & ~older),
    }
    known = ~np.logical_or.reduce([pd.isna(v) for v in group_values])  # groupby drops NA
    index = _group_index(group_values, known)
    counted = pd.DataFrame({k: v[known] for k, v in parts.items()}, index=index)
    if groups is None:
        seen = households[by].iloc[_first_rows(group, in_cur | in_prev, rows)]
        groups = pd.MultiIndex.from_frame(seen) if len(by) > 1 else pd.Index(seen[by[0]])
    out = counted.reindex(groups).fillna(0).astype("Int64")
    if baseline is None:
        prev_rows = households[by].iloc[_first_rows(group, in_prev, rows)]
    else:
        prev_rows = baseline.loc[baseline["year"] == year - 1, by].drop_duplicates()
    with_baseline = (
        pd.MultiIndex.from_frame(prev_rows) if len(by) > 1 else pd.Index(prev_rows[by[0]])
    )
    out.loc[~out.index.isin(with_baseline), :] = pd.NA
    out.index.names = by
    return out.sort_index()[TRANSITIONS]


def _group_codes(columns: list[pd.Series], rows: np.ndarray) -> tuple[np.ndarray, list]:
    """Dense codes of the value combinations of ``columns`` at positions ``rows`` (missing
    values form their own value, as in a merge), and per column the value of each code."""
    codes = []
    for col in columns:
        c, _ = pd.factorize(col.array.take(rows), use_na_sentinel=False)
        codes.append(c)
    combined, first = _group_codes_from(np.stack(codes), len(rows))
    values = [col.array.take(rows[first]) for col in columns]
    return combined, values


def _group_codes_from(codes: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Dense codes (in order of first appearance) of the rows of stacked code arrays, and
    the position of each code's first row."""
    if n == 0:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    combined = codes[0]
    for c in codes[1:]:
        combined, _ = pd.factorize(combined.astype(np.int64) * (int(c.max()) + 1) + c)
    return combined, _first_appearances(combined)


def _group_index(values: list, keep: np.ndarray) -> pd.Index:
    kept = [v[keep] for v in values]
    if len(kept) > 1:
        return pd.MultiIndex.from_arrays(kept)
    return pd.Index(kept[0], dtype=kept[0].dtype)


def _first_rows(group: np.ndarray, sel: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Positions (in the full frame) of the first row of each group among ``sel``, in row
    order: what drop_duplicates keeps."""
    at = np.flatnonzero(sel)
    dense, _ = pd.factorize(group[at])
    return rows[at[_first_appearances(dense)]]


def _first_appearances(dense: np.ndarray) -> np.ndarray:
    """Positions of the first row of each code, for codes numbered in order of first
    appearance (as pd.factorize numbers them): a first row raises the running maximum."""
    if not len(dense):
        return np.zeros(0, dtype=np.intp)
    running = np.maximum.accumulate(dense)
    return np.flatnonzero(np.concatenate([[True], running[1:] > running[:-1]]))
