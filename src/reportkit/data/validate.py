"""Validation: the contract's rules that look across columns or rows of cleaned tables.

Errors keep the offending rows out of the figures; warnings keep them and flag them.
(Rules on single cells, such as negative income or an indicator that is not 0/1, are
found while cleaning; recorded-vs-rule status disagreements by the classification.)
"""

from __future__ import annotations

import pandas as pd

from reportkit import domain
from reportkit.data import registry
from reportkit.data.clean import CleanTable
from reportkit.data.crosswalk import in_units_of
from reportkit.data.problems import Problem, problems_for_rows


def validate_households(t: CleanTable, population: pd.DataFrame | None = None) -> CleanTable:
    """Duplicate household ids within a year (error, later rows left out), điểm B that is
    not 10 × the deprivations ticked (warning), and the area's units with no household row
    in a review year the data holds: an error for a unit with a ``population`` row that
    year (it takes part: its figures cannot be made), one warning for the others (the area
    report covers the units with data)."""
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
    problems += _units_without_households(df, t.name, population)
    return _with(t, df.reset_index(drop=True), problems, rejected=int(dup.sum()))


def _units_without_households(
    df: pd.DataFrame, table: str, population: pd.DataFrame | None
) -> list[Problem]:
    """Per review year present in ``df``: one error per unit of the area with a population
    row but no household row; one warning for the units with neither (the area's report
    covers the units with data), naming the first ten of many. Both name the files holding
    that year's rows."""
    problems = []
    by_year = df.groupby("year", sort=True)
    files_by_year = by_year["_file"].unique()
    for year, communes in by_year["commune"].unique().items():
        files = ", ".join(sorted(files_by_year[year]))
        present = set(communes)
        units = registry.units_in_year(int(year))
        counted: set[str] = set()
        if population is not None and not population.empty:
            counted = set(population.loc[population["year"] == year, "commune"].dropna())
        for name in [u.name for u in units if u.name not in present and u.name in counted]:
            msg = (
                f"no household rows for {name} in {year}: its figures for {year} cannot be computed"
            )
            problems.append(_no_households(table, files, "error", msg, name, int(year)))
        lacking = [u.name for u in units if u.name not in present and u.name not in counted]
        if not lacking:
            continue
        shown = ", ".join(lacking[:10]) + (
            f" and {len(lacking) - 10} more" if len(lacking) > 10 else ""
        )
        msg = (
            f"no household rows in {year} for {shown} ({len(lacking)} of the {len(units)} "
            f"units of the area): their figures for {year} cannot be computed; the area's "
            f"report covers the {len(units) - len(lacking)} units with data"
        )
        one = lacking[0] if len(lacking) == 1 else None
        problems.append(_no_households(table, files, "warning", msg, one, int(year)))
    return problems


def _no_households(
    table: str, files: str, severity: str, msg: str, commune: str | None, year: int
) -> Problem:
    return Problem(
        table,
        files,
        None,
        "commune",
        None,
        severity,
        "no_households",
        msg,
        commune,
        year,  # type: ignore[arg-type]
    )


def validate_population(t: CleanTable, households: pd.DataFrame) -> CleanTable:
    """One row per unit and year (duplicates: error); every unit and year with household
    rows needs one (error: no rate without its denominator); resident households fewer than
    the households reviewed is an error and the row is left out (the unit then has no rate
    that year, never one above 100 %); a change from the unit's previous year by more than
    domain.population_change_share() is a warning."""
    df, problems, rejected = _drop_duplicates(t, ["year", "commune"], "households")
    problems += _units_without_population(df, households, t)
    reviewed = households.groupby(["year", "commune"]).size().rename("reviewed")
    joined = df.join(reviewed, on=["year", "commune"])
    short = (joined["reviewed"].notna() & (joined["households"] < joined["reviewed"])).to_numpy(
        dtype=bool, na_value=False
    )
    if short.any():
        rows = joined.loc[short]
        msgs = [
            f"resident households ({n}) fewer than households reviewed ({r:.0f}) in {c} in {y}: "
            f"population row left out, no rates for {c} in {y}"
            for n, r, c, y in zip(
                rows["households"], rows["reviewed"], rows["commune"], rows["year"], strict=True
            )
        ]
        problems += problems_for_rows(
            rows,
            t.name,
            "households",
            "error",
            pd.Series(msgs, index=rows.index),
            rows["households"],
            check="population_below_reviewed",
        )
        df = df.loc[~short].reset_index(drop=True)
    problems += _implausible_population_change(df, t.name)
    return _with(t, df, problems, rejected + int(short.sum()))


def _units_without_population(
    population: pd.DataFrame, households: pd.DataFrame, t: CleanTable
) -> list[Problem]:
    """One error per unit and year that has household rows but no population row; it
    names the population files read (none: empty)."""
    reviewed = households[["year", "commune"]].drop_duplicates()
    known = pd.MultiIndex.from_frame(population[["year", "commune"]])
    lacking = reviewed.loc[~pd.MultiIndex.from_frame(reviewed).isin(known)]
    files = ", ".join(sorted({*population["_file"], *(p.file for p in t.problems)} - {""}))
    return [
        Problem(
            t.name,
            files,
            None,
            "households",
            None,
            "error",
            "no_population",
            f"no population row (resident households) for {commune} in {year}: "
            f"its rates for {year} cannot be computed",
            commune=commune,
            year=int(year),
        )
        for year, commune in sorted(zip(lacking["year"], lacking["commune"], strict=True))
    ]


def _implausible_population_change(df: pd.DataFrame, table: str) -> list[Problem]:
    """A warning for each unit whose resident households changed from the previous year by
    more than domain.population_change_share() of that year's figure (for a successor
    commune's first year: of its predecessors' sum)."""
    share = domain.population_change_share()
    # Last year's figure of a unit's area: a successor commune's is its predecessors' sum.
    prev = pd.concat(
        [
            in_units_of(df.loc[df["year"] == y - 1, ["year", "commune", "households"]], y)
            for y in df["year"].dropna().unique()
        ]
        or [df[["year", "commune", "households"]].iloc[:0]]
    )
    prev = (
        prev.assign(year=prev["year"] + 1)
        .groupby(["year", "commune"], as_index=False)["households"]
        .sum()
    )
    joined = df.merge(prev, on=["year", "commune"], how="inner", suffixes=("", "_prev"))
    change = (joined["households"] - joined["households_prev"]).abs()
    rows = joined.loc[change > share * joined["households_prev"]]
    if rows.empty:
        return []
    msgs = [
        f"resident households changed from {p:,} in {y - 1} to {n:,} in {y}, more than "
        f"{share:.0%} of the previous year's figure"
        for y, p, n in zip(rows["year"], rows["households_prev"], rows["households"], strict=True)
    ]
    return problems_for_rows(
        rows,
        table,
        "households",
        "warning",
        pd.Series(msgs, index=rows.index),
        rows["households"],
        check="population_change",
    )


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


def validate_settings(t: CleanTable) -> CleanTable:
    """One form per report: a second row for the same year and unit is an error. A date
    outside the window in which a report on its review year is dated
    (domain.report_date_window) is a warning, and the date is left blank."""
    df, problems, rejected = _drop_duplicates(t, ["year", "commune"], "commune")
    # One row per report: a few rows, looked at one by one.
    why = pd.Series(
        [_outside_report_window(d, int(y)) for d, y in zip(df["date"], df["year"], strict=True)],
        index=df.index,
        dtype=object,
    )
    outside = why.notna()
    if outside.any():
        rows = df.loc[outside]
        dates = rows["date"].dt.strftime("%Y-%m-%d")
        problems += problems_for_rows(
            rows, t.name, "date", "warning", why[outside], dates, check="report_date_outside_window"
        )
        df = df.assign(date=df["date"].mask(outside))
    return _with(t, df, problems, rejected)


def _outside_report_window(date: pd.Timestamp, year: int) -> str | None:
    """Why a report on review year ``year`` cannot be dated ``date``; None when it can (or
    has no date)."""
    if pd.isna(date):
        return None
    first, last = domain.report_date_window(year)
    if first <= date.date() <= last:
        return None
    return (
        f"date {date:%Y-%m-%d} is outside {first} – {last}, when a report on review year "
        f"{year} is dated; left blank"
    )


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
