"""Validation: the contract's rules that look across columns or rows of cleaned tables.

Errors keep the offending rows out of the figures; warnings keep them and flag them.
(Rules on single cells, such as negative income or an indicator that is not 0/1, are
found while cleaning; recorded-vs-rule status disagreements by the classification.)
"""

from __future__ import annotations

import pandas as pd

from reportkit import domain
from reportkit.clean import CleanTable
from reportkit.problems import Problem, problems_for_rows


def validate_households(t: CleanTable) -> CleanTable:
    """Duplicate household ids within a year (error, later rows left out) and điểm B that
    is not 10 × the deprivations ticked (warning)."""
    df = t.frame
    problems: list[Problem] = []
    dup = df.duplicated(["year", "household_id"], keep="first")
    if dup.any():
        first = df.drop_duplicates(["year", "household_id"], keep="first").set_index(
            ["year", "household_id"]
        )
        rows = df.loc[dup]
        where = [
            f"{first.at[(y, h), '_file']} row {first.at[(y, h), '_row']}"
            for y, h in zip(rows["year"], rows["household_id"], strict=True)
        ]
        msgs = pd.Series(
            [
                f"household_id duplicated in {y}: first seen in {w}; row left out of the figures"
                for y, w in zip(rows["year"], where, strict=True)
            ],
            index=rows.index,
        )
        problems += problems_for_rows(
            rows,
            t.name,
            "household_id",
            "error",
            msgs,
            rows["household_id"],
            check="duplicate_household",
        )
        df = df.loc[~dup]
    deprivations = df[domain.indicator_columns()].sum(axis=1)
    wrong_b = df["score_b"].notna() & (df["score_b"] != deprivations * 10)
    if wrong_b.any():
        rows = df.loc[wrong_b]
        msgs = (
            "điểm B is "
            + rows["score_b"].astype(str)
            + " but "
            + deprivations[wrong_b].astype(str)
            + " deprivations are ticked (expected "
            + (deprivations[wrong_b] * 10).astype(str)
            + "): form scored incompletely or wrongly"
        )
        problems += problems_for_rows(
            rows, t.name, "score_b", "warning", msgs, rows["score_b"], check="score_b_mismatch"
        )
    return _with(t, df.reset_index(drop=True), problems, rejected=int(dup.sum()))


def validate_population(t: CleanTable, households: pd.DataFrame) -> CleanTable:
    """One row per unit and year (duplicates: error); resident households must be at least
    the number reviewed (warning: the rate would be overstated)."""
    df, problems, rejected = _drop_duplicates(t, ["year", "commune"], "households")
    reviewed = households.groupby(["year", "commune"]).size().rename("reviewed")
    joined = df.join(reviewed, on=["year", "commune"])
    short = joined["reviewed"].notna() & (joined["households"] < joined["reviewed"])
    if short.any():
        rows = joined.loc[short]
        msgs = (
            "resident households (" + rows["households"].astype(str) + ") fewer than households "
            "reviewed (" + rows["reviewed"].astype(int).astype(str) + ")"
        )
        problems += problems_for_rows(
            rows,
            t.name,
            "households",
            "warning",
            msgs,
            rows["households"],
            check="population_below_reviewed",
        )
    return _with(t, df, problems, rejected)


def validate_budget(t: CleanTable) -> CleanTable:
    """Disbursed more than allocated is a warning: the row is kept."""
    df = t.frame
    over = df["disbursed_vnd"] > df["allocated_vnd"]
    rows = df.loc[over]
    if rows.empty:
        return t
    msgs = (
        "disbursed "
        + rows["disbursed_vnd"].map("{:,.0f}".format)
        + " VND exceeds allocated "
        + rows["allocated_vnd"].map("{:,.0f}".format)
        + " VND"
    )
    problems = problems_for_rows(
        rows,
        t.name,
        "disbursed_vnd",
        "warning",
        msgs,
        rows["disbursed_vnd"],
        check="disbursed_over_allocated",
    )
    return _with(t, df, problems)


def validate_trainings(t: CleanTable) -> CleanTable:
    """An event dated outside its review year is a warning."""
    return _with(t, t.frame, _date_outside_year(t))


def validate_monitoring(t: CleanTable) -> CleanTable:
    """Resolved recommendations must lie between 0 and the recommendations made (error)."""
    df = t.frame
    bad = (
        df["recommendations_resolved"].notna()
        & df["recommendations"].notna()
        & (df["recommendations_resolved"] > df["recommendations"])
    )
    rows = df.loc[bad]
    msgs = (
        ""
        if rows.empty
        else (
            "recommendations_resolved ("
            + rows["recommendations_resolved"].astype(str)
            + ") exceeds recommendations ("
            + rows["recommendations"].astype(str)
            + "); row left out of the figures"
        )
    )
    problems = problems_for_rows(
        rows,
        t.name,
        "recommendations_resolved",
        "error",
        msgs,
        rows["recommendations_resolved"],
        check="resolved_over_made",
    )
    problems += _date_outside_year(t)
    return _with(t, df.loc[~bad].reset_index(drop=True), problems, rejected=int(bad.sum()))


def validate_targets(t: CleanTable) -> CleanTable:
    df, problems, rejected = _drop_duplicates(t, ["year", "commune"], "poverty_rate_target")
    return _with(t, df, problems, rejected)


def _drop_duplicates(
    t: CleanTable, key: list[str], column: str
) -> tuple[pd.DataFrame, list[Problem], int]:
    df = t.frame
    dup = df.duplicated(key, keep="first")
    rows = df.loc[dup]
    msgs = f"more than one row for the same {' and '.join(key)}; row left out of the figures"
    problems = problems_for_rows(
        rows, t.name, column, "error", msgs, rows[column], check="duplicate_row"
    )
    return df.loc[~dup].reset_index(drop=True), problems, int(dup.sum())


def _date_outside_year(t: CleanTable) -> list[Problem]:
    df = t.frame
    outside = df["date"].notna() & (df["date"].dt.year != df["year"])
    rows = df.loc[outside]
    if rows.empty:
        return []
    msgs = (
        "date "
        + rows["date"].dt.strftime("%Y-%m-%d")
        + " is outside year "
        + rows["year"].astype(str)
    )
    return problems_for_rows(
        rows,
        t.name,
        "date",
        "warning",
        msgs,
        rows["date"].dt.strftime("%Y-%m-%d"),
        check="date_outside_year",
    )


def _with(
    t: CleanTable, frame: pd.DataFrame, problems: list[Problem], rejected: int = 0
) -> CleanTable:
    return CleanTable(t.name, frame, t.rejected + rejected, t.problems + problems)
