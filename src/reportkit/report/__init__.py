"""Numbers → a document → bytes. In: the prepared data (:mod:`reportkit.data`) and the
figures (:mod:`reportkit.figures`); out: the annual report's sections as a document model
(:mod:`.document`), rendered to HTML (:mod:`.html`; PDF through it) and Word (:mod:`.docx`).

:func:`open_report` is what a notebook calls; each section module turns a
:class:`~.spec.Report` into a part of the document, and :mod:`.selfcheck` verifies its
figures before any is printed.
"""

from reportkit.report import html  # noqa: F401 - registers the parts' HTML
from reportkit.report.annual import AnnualReport, open_report
from reportkit.report.spec import Report, present

__all__ = ["AnnualReport", "Report", "open_report", "present"]
