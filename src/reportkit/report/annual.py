"""The annual evaluation report as the notebooks call it: :func:`open_report` resolves the
parameters and the data once, and each method of :class:`AnnualReport` is one section of
the report (Decree 30/2020 form, Circular 10/2022 content), in the order it is printed.

Sections import :class:`~reportkit.report.spec.Report` only; this module imports the
sections: the arrows point one way.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from reportkit.core.errors import ReportParameterError
from reportkit.core.locations import default_data_dir
from reportkit.data.datasource import dataset
from reportkit.data.params import resolve_lang, resolve_unit, resolve_year, unit_reported_in
from reportkit.data.prepare import default_processed_dir
from reportkit.figures.indicators import participating
from reportkit.report import (
    appendices,
    form,
    monitoring,
    narrative,
    projects,
    provenance,
    quality,
    review,
    situation,
    targets,
)
from reportkit.report.document import Part
from reportkit.report.spec import Report

_OPENED: contextvars.ContextVar[tuple[tuple[object, ...], AnnualReport] | None] = (
    contextvars.ContextVar("reportkit_opened_report", default=None)
)


@contextlib.contextmanager
def reusing(report: AnnualReport, *request: object) -> Iterator[None]:
    """Within the block, :func:`open_report` called with exactly the parameters
    ``request`` (commune, year, data_dir, lang, processed_dir) returns ``report`` itself:
    a batch worker resolves a report's unit and reads its data once, and the notebook it
    runs in process gets that report — its unit never looked up again, its figures
    computed once for the report and its internal workbook."""
    token = _OPENED.set((request, report))
    try:
        yield
    finally:
        _OPENED.reset(token)


def open_report(
    commune: str | None,
    year: int,
    data_dir: str | Path | None = None,
    lang: str = "vi",
    processed_dir: str | Path | None = None,
) -> AnnualReport:
    """Load the data and check the parameters; ``commune`` None = the area's report.
    An unknown unit or year fails here, in the first code cell, with one clear line naming
    the bad value and the nearest valid one.

    ``data_dir`` None: ``$REPORTKIT_DATA_DIR``, else the project's data/raw, wherever the
    notebook runs (``locations.default_data_dir``); ``processed_dir`` None: beside a raw
    folder named ``raw`` (data/raw → data/processed), else none (cleaned in memory).
    """
    opened = _OPENED.get()
    if opened is not None and opened[0] == (commune, year, data_dir, lang, processed_dir):
        return opened[1]
    lang_ = resolve_lang(lang)
    raw = Path(data_dir if data_dir is not None else default_data_dir())
    processed = Path(processed_dir) if processed_dir else default_processed_dir(raw)
    data = dataset(raw, processed)  # its units are the active ones from here on
    name = resolve_unit(commune).name if commune is not None else None
    y = resolve_year(year, data.years())
    unit = unit_reported_in(name, y)
    if unit is not None and unit not in participating(data, y):
        raise ReportParameterError(
            f"commune: {unit.name} has no household or population rows for {y}: nothing to "
            f"report (units with data: {', '.join(u.name for u in participating(data, y))})"
        )
    return AnnualReport(data=data, year=y, unit=unit, lang=lang_, data_dir=raw)


class AnnualReport(Report):
    """One annual report; each method returns one section's document part."""

    def head(self) -> Part:
        return form.head(self)

    def situation(self) -> Part:
        return situation.situation(self)

    def direction(self) -> Part:
        return narrative.direction(self)

    def targets(self) -> Part:
        return targets.targets(self)

    def review(self) -> Part:
        return review.review(self)

    def projects(self) -> Part:
        return projects.projects(self)

    def monitoring(self) -> Part:
        return monitoring.monitoring(self)

    def assessment(self) -> Part:
        return narrative.assessment(self)

    def next_year(self) -> Part:
        return narrative.next_year(self)

    def proposals(self) -> Part:
        return narrative.proposals(self)

    def signature(self) -> Part:
        return form.signature(self)

    def review_table(self) -> Part:
        return appendices.review_table(self)

    def budget_table(self) -> Part:
        return appendices.budget_table(self)

    def data_quality(self) -> Part:
        """Internal (the notebooks' cell is tagged ``remove``): never in the signed files."""
        return quality.data_quality(self)

    def technical(self) -> Part:
        return provenance.provenance(self)

    def metadata(self) -> dict[str, object]:
        """The nbconvert template's metadata (see templates/reportkit/README.md); the Word
        file's properties: its author is the issuing body, its date the report's (the
        form's date; else 31 December of the review year), never the clock."""
        settings = form.form_settings(self)
        date = settings.date or dt.date(self.year, 12, 31)
        return {
            "title": self.title,
            "lang": self.lang,
            "synthetic": self.data.synthetic,
            "author": " ".join(settings.issuer),
            "date": date.isoformat(),
        }
