"""The content of the evaluation reports: a resolved report (:mod:`.spec`) and one module
per section, each returning a :class:`~reportkit.document.Part` of the document model."""

from reportkit.report.spec import MAX_ANNEX_ROWS, Report, open_report, present

__all__ = ["MAX_ANNEX_ROWS", "Report", "open_report", "present"]
