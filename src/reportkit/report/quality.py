"""Data quality, for the analyst: how many problems this report's data had, by kind.

It is internal. The notebooks' data-quality cell is tagged ``remove`` (and its block is
screen-only), so the analyst sees it in JupyterLab while the signed document (HTML, PDF,
Word) carries at most one sentence (:func:`checked_sentence`): that the data were checked
and, where rows were left out, how many and why. The detailed lists, the counts by kind and
the report's internal notes go to the technical staff in an internal workbook per report
(:func:`internal_tables`, written to outputs/{year}/internal/{slug}-kiem-tra.xlsx)."""

from __future__ import annotations

import pandas as pd

from reportkit import domain
from reportkit.data.dataquality import counts, report_problems
from reportkit.data.units import nearest_unit
from reportkit.report import selfcheck
from reportkit.report.document import Heading, Node, Part, block, note, para, part, table
from reportkit.report.labels import LABELS
from reportkit.report.spec import Report

UNKNOWN_UNIT_CHECKS = ("bad_unit", "bad_unit_or_district")


def problems(rpt: Report) -> pd.DataFrame:
    """The validation rows this report counts (one rule: :mod:`reportkit.data.dataquality`)."""
    return report_problems(rpt.data.validation, rpt.year, rpt.commune)


def data_quality(rpt: Report) -> Part:
    v = problems(rpt)
    errors, warnings = counts(v)
    parts: list[Node] = [
        para(rpt.t("quality_summary", errors=rpt.n(errors), warnings=rpt.n(warnings)))
    ]
    if not v.empty:
        parts += _by_check(rpt, v)
    if rpt.unit is None:
        parts += _by_unit(rpt)
        parts += _unknown_units(rpt, v)
    if errors or warnings:
        parts.append(note(rpt.t("quality_detail_note", file=f"{rpt.slug}-kiem-tra.xlsx")))
    return part(block(rpt.t("s_quality"), *parts, screen_only=True))


def checked_sentence(rpt: Report) -> str:
    """The signed document's one sentence on the data: checked, and where rows were left
    out (errors), how many and why (the kinds of error, most frequent first)."""
    v = problems(rpt)
    errors = v.loc[v["severity"] == "error"] if not v.empty else v
    if errors.empty:
        return rpt.t("data_checked")
    by_check = errors.groupby("check", sort=False).size()
    by_check = sorted(by_check.items(), key=lambda kv: (-kv[1], check_text(rpt, kv[0])))
    why = "; ".join(f"{_lower_first(check_text(rpt, c))}: {rpt.n(n)}" for c, n in by_check)
    return rpt.t("data_checked_left_out", n=rpt.n(len(errors)), why=why)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def check_text(rpt: Report, check: object) -> str:
    """What a check found, in the report's language."""
    key = f"check_{check}"
    return rpt.t(key) if key in LABELS else str(check)


def _by_check(rpt: Report, v: pd.DataFrame) -> list[Node]:
    g = v.groupby("check", sort=False)["severity"]
    rows = []
    n_err = n_warn = 0
    for check, sev in sorted(g, key=lambda kv: check_text(rpt, kv[0])):
        e, w = int((sev == "error").sum()), int((sev == "warning").sum())
        n_err, n_warn = n_err + e, n_warn + w
        rows.append([check_text(rpt, check), rpt.n(e), rpt.n(w)])
    rows.append([rpt.t("total"), rpt.n(n_err), rpt.n(n_warn)])
    header = [rpt.t("check"), rpt.t("errors"), rpt.t("warnings")]
    return [table(header, rows, num_cols=[1, 2], total_rows=[len(rows) - 1])]


def _by_unit(rpt: Report) -> list[Node]:
    f = rpt.figures_of(rpt.year)
    rows = []
    totals = [0, 0, 0]
    for r in f.itertuples():
        if r.commune is None:
            continue
        e, w = counts(report_problems(rpt.data.validation, rpt.year, r.commune))
        m = 0 if pd.isna(r.status_mismatches) else int(r.status_mismatches)
        totals = [totals[0] + e, totals[1] + w, totals[2] + m]
        rows.append([r.commune, rpt.n(e), rpt.n(w), rpt.n(m)])
    rows.append([rpt.t("units_total"), *[rpt.n(t) for t in totals]])
    header = [rpt.t("unit"), rpt.t("errors"), rpt.t("warnings"), rpt.t("mismatches")]
    return [
        Heading(rpt.t("quality_by_unit"), 3),
        table(header, rows, num_cols=[1, 2, 3], total_rows=[len(rows) - 1]),
    ]


def _unknown_units(rpt: Report, v: pd.DataFrame) -> list[Node]:
    """Names in the data that are not units of the area: rows left out, per name."""
    bad = v.loc[v["check"].isin(UNKNOWN_UNIT_CHECKS) & v["value"].notna()]
    if bad.empty:
        return []
    rows = [
        [str(name), rpt.n(len(g)), nearest_unit(str(name), rpt.year)]
        for name, g in bad.groupby("value", sort=True)
    ]
    header = [rpt.t("unknown_unit"), rpt.t("rows_left_out"), rpt.t("nearest_unit")]
    return [Heading(rpt.t("quality_unplaced"), 3), table(header, rows, num_cols=[1])]


def internal_tables(rpt: Report) -> dict[str, pd.DataFrame]:
    """The internal check workbook's sheets, for the technical staff only: every problem
    row (file, row, column, value, message) and the households whose approved status
    differs from the rules. Never part of the report or the shared zip."""
    v = problems(rpt)
    if not v.empty:
        v = v.loc[~v["column"].isin(domain.personal_columns())]
    hh = rpt.data.households
    cur = hh.loc[hh["year"] == rpt.year]
    if rpt.unit is not None:
        cur = cur.loc[cur["commune"] == rpt.commune]
    mism = cur.loc[cur["recorded_status"].astype(str) != cur["rule_status"].astype(str)]
    cols = ["commune", "village", "household_id", "recorded_status", "rule_status"]
    cols += ["income_per_capita", "deprivations", "_file", "_row"]
    mism = mism[[c for c in cols if c in mism.columns]].sort_values(["commune", "household_id"])
    by_check = pd.DataFrame(
        [
            {"check": check_text(rpt, c), "errors": e, "warnings": w}
            for c, (e, w) in (
                (c, counts(g)) for c, g in (v.groupby("check", sort=True) if not v.empty else [])
            )
        ],
        columns=["check", "errors", "warnings"],
    )
    failures = selfcheck.as_problems(rpt.self_check())
    if not failures.empty:
        v = pd.concat([failures, v], ignore_index=True) if not v.empty else failures
    return {
        "validation": v.reset_index(drop=True),
        "checks": by_check,
        "notes": pd.DataFrame({"note": rpt.internal_notes}, dtype=object),
        "status_mismatches": mism.reset_index(drop=True),
    }
