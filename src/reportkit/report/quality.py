"""The data-quality annex: the problems found in this report's data."""

from __future__ import annotations

import pandas as pd

from reportkit import domain
from reportkit.document import Heading, Node, Part, para, section, table
from reportkit.labels import LABELS
from reportkit.report.spec import MAX_ANNEX_ROWS, Report
from reportkit.units import nearest_unit


def data_quality(rpt: Report) -> Part:
    v = rpt.data.validation
    if rpt.unit is not None and not v.empty:
        v = v.loc[v["commune"] == rpt.commune]
    if not v.empty:
        v = v.loc[(v["year"].isna()) | (v["year"] == rpt.year) | (v["table"] != "households")]
        v = v.loc[~v["column"].isin(domain.personal_columns())]
    errors = int((v["severity"] == "error").sum()) if not v.empty else 0
    warnings = int((v["severity"] == "warning").sum()) if not v.empty else 0
    parts = [para(rpt.t("quality_summary", errors=rpt.n(errors), warnings=rpt.n(warnings)))]
    if rpt.unit is None:
        parts += _quality_by_unit(rpt)
        if not v.empty:
            unplaced = v.loc[v["commune"].isna()].sort_values("severity", kind="stable")
            if not unplaced.empty:  # unknown units, unreadable files, missing columns
                parts.append(Heading(rpt.t("quality_unplaced"), 3))
                parts += _problem_table(rpt, unplaced)
    else:
        listed = v.loc[v["column"] != "recorded_status"] if not v.empty else v
        if not listed.empty:
            parts += _problem_table(rpt, listed)
        parts += _mismatches(rpt)
    return section(rpt.t("s_quality"), *parts)


def _problem_table(rpt: Report, problems: pd.DataFrame) -> list[Node]:
    """Validation rows as a table (at most MAX_ANNEX_ROWS, then a note)."""
    rows = [
        [
            r.file,
            rpt.n(r.row),
            r.column or "",
            r.value or "",
            rpt.t(r.severity),
            problem_text(rpt, r.check, r.message, r.value),
        ]
        for r in problems.head(MAX_ANNEX_ROWS).itertuples()
    ]
    header = [
        rpt.t("file"),
        rpt.t("row"),
        rpt.t("column"),
        rpt.t("value"),
        rpt.t("severity"),
        rpt.t("message"),
    ]
    out: list[Node] = [table(header, rows, num_cols=[1], small=True)]
    if len(problems) > MAX_ANNEX_ROWS:
        out.append(
            para(rpt.t("quality_more", n=rpt.n(len(problems) - MAX_ANNEX_ROWS)), style="note")
        )
    return out


def problem_text(rpt: Report, check: object, message: str, value: object = None) -> str:
    """A validation row's message in the report's language: the detailed English
    message in English reports, the wording of its check in Vietnamese ones (with the
    nearest unit for a name that is not a unit of the district)."""
    key = f"check_{check}"
    if rpt.lang == "en" or key not in LABELS:
        return message
    text = rpt.t(key)
    if check in ("bad_unit", "bad_unit_or_district") and isinstance(value, str) and value:
        text += f"; {rpt.t('nearest_unit')}: {nearest_unit(value).name}"
    return text


def _mismatches(rpt: Report) -> list[Node]:
    hh = rpt.data.households
    cur = hh.loc[(hh["year"] == rpt.year) & (hh["commune"] == rpt.commune)]
    mism = cur.loc[cur["recorded_status"].astype(str) != cur["rule_status"].astype(str)]
    head = Heading(rpt.t("mismatch_heading"), 3)
    if mism.empty:
        return [head, para(rpt.t("no_rows"), style="note")]
    mism = mism.sort_values("household_id")
    rows = [
        [
            r.household_id,
            r.village,
            rpt.t("status_" + str(r.recorded_status)),
            rpt.t("status_" + str(r.rule_status)),
            rpt.n(r.income_per_capita),
            rpt.n(r.deprivations),
        ]
        for r in mism.itertuples()
    ]
    header = [
        rpt.t("household_id"),
        rpt.t("village"),
        rpt.t("recorded"),
        rpt.t("rule"),
        rpt.t("income"),
        rpt.t("deprivations"),
    ]
    return [head, table(header, rows, num_cols=[4, 5], small=True)]


def _quality_by_unit(rpt: Report) -> list[Node]:
    v = rpt.data.validation
    f = rpt.figures_of(rpt.year)
    rows = []
    for r in f.itertuples():
        if r.commune is None:
            continue
        sel = v.loc[v["commune"] == r.commune] if not v.empty else v
        sel = sel.loc[(sel["year"] == rpt.year) | sel["year"].isna()] if not sel.empty else sel
        e = int((sel["severity"] == "error").sum()) if not sel.empty else 0
        w = int((sel["severity"] == "warning").sum()) if not sel.empty else 0
        rows.append([r.commune, rpt.n(e), rpt.n(w), rpt.n(r.status_mismatches)])
    header = [rpt.t("unit"), rpt.t("errors"), rpt.t("warnings"), rpt.t("mismatches")]
    return [Heading(rpt.t("quality_by_unit"), 3), table(header, rows, num_cols=[1, 2, 3])]
