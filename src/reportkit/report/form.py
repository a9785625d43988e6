"""The administrative form of the report (Decree 30/2020/NĐ-CP, Appendix I): the head
(issuing body, number, national motto, place and date), the title and subject, and the
end (recipients, signing authority, signer).

Issuing body, number, place, date, signer and recipients are deployment data: the
optional ``settings`` table of the raw folder, one row per unit (empty unit = the
district) and year (docs/data-contract.md). What it does not give is derived where the
law fixes it (the People's Committee of the unit, the place name) and otherwise left as
a dotted blank for the official to fill in by hand — never invented.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from reportkit.core.numfmt import fmt_official_date
from reportkit.report.document import (
    DocumentTitle,
    Masthead,
    Paragraph,
    Part,
    Run,
    Signature,
    block,
    para,
    part,
)
from reportkit.report.spec import Report, present

BLANK = "…………"
"""What a missing value of the form prints as: a dotted blank to fill in by hand."""


@dataclass(frozen=True)
class FormSettings:
    """The form's values for one report; None = not given (a blank is printed)."""

    issuer: tuple[str, ...]
    number: str | None
    place: str
    date: dt.date | None
    authority: tuple[str, ...]
    signer: str | None
    recipients: tuple[str, ...]


def _row(rpt: Report) -> dict[str, object]:
    """The settings row of this report's unit (None = the district) and year, if any."""
    table = rpt.data.tables.get("settings")
    if table is None or table.empty:
        return {}
    where = table["commune"].isna() if rpt.unit is None else table["commune"] == rpt.commune
    rows = table.loc[where & (table["year"] == rpt.year)]
    if rows.empty:
        return {}
    return {k: present(v) for k, v in rows.iloc[0].items()}


def _lines(text: object) -> tuple[str, ...]:
    """A multi-line setting: lines separated by newlines or ";"."""
    if text is None:
        return ()
    parts = str(text).replace(";", "\n").splitlines()
    return tuple(p.strip() for p in parts if p.strip())


def _listed(items: tuple[str, ...]) -> tuple[str, ...]:
    """Recipients as the decree lists them: each line ends with ";", the last with "."."""
    out = [i.rstrip(";.") + ";" for i in items]
    if out:
        out[-1] = out[-1][:-1] + "."
    return tuple(out)


def form_settings(rpt: Report) -> FormSettings:
    row = _row(rpt)
    if rpt.unit is None:
        place = rpt.area_words["area_name"]
        body = rpt.t("issuer_district")
    else:
        place = rpt.unit.name
        body = rpt.t("issuer_unit", kind=rpt.t("unit_kind_" + rpt.unit.kind), name=place)
    issuer = _lines(row.get("issuing_body")) or (rpt.t("peoples_committee"), body.upper())
    date = row.get("date")
    return FormSettings(
        issuer=issuer,
        number=None if row.get("number") is None else str(row["number"]),
        place=str(row.get("place") or place),
        date=None if date is None else pd.Timestamp(date).date(),  # type: ignore[arg-type]
        authority=_lines(row.get("signer_title")),
        signer=None if row.get("signer_name") is None else str(row["signer_name"]),
        recipients=_listed(_lines(row.get("recipients"))),
    )


def head(rpt: Report) -> Part:
    """The document's head and title."""
    s = form_settings(rpt)
    if s.date is not None:
        date = fmt_official_date(s.date.day, s.date.month, s.date.year, rpt.lang)
    else:
        date = rpt.t("date_blank", year=rpt.year)
    masthead = Masthead(
        issuer=s.issuer,
        number=rpt.t("document_number", number=s.number or BLANK),
        nation=rpt.t("nation"),
        motto=rpt.t("motto"),
        place_date=f"{s.place}, {date}",
    )
    title = DocumentTitle(rpt.t("report_kind"), rpt.t("report_subject", year=rpt.year))
    return part(block(None, masthead, title), title=rpt.t("report_kind"))


def annex_line(rpt: Report) -> Paragraph:
    """Under an appendix's heading, the report it belongs to (Decree 30/2020, Appendix I):
    "(Kèm theo Báo cáo số …/BC-UBND ngày … của Ủy ban nhân dân xã …)", in italics, with
    the settings' number and date or dotted blanks to fill in by hand."""
    s = form_settings(rpt)
    if s.date is not None:
        date = fmt_official_date(s.date.day, s.date.month, s.date.year, rpt.lang)
    else:
        date = rpt.t("annex_date_blank")
    text = rpt.t("annex_of", number=s.number or BLANK, date=date, body=rpt.place_name)
    return para(Run(text, italic=True), style="center")


def signature(rpt: Report) -> Part:
    """Recipients and the signature block; blanks where the settings give nothing."""
    s = form_settings(rpt)
    sig = Signature(
        recipients_label=rpt.t("recipients"),
        recipients=s.recipients or (f"- {BLANK};", rpt.t("archive")),
        authority=s.authority or (rpt.t("on_behalf"), BLANK),
        signer=s.signer or BLANK,
    )
    return part(block(None, sig), title=rpt.t("recipients"))
