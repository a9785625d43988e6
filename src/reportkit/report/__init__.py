"""Numbers → a document → bytes. In: the prepared data (:mod:`reportkit.data`) and the
figures (:mod:`reportkit.figures`); out: the annual report's sections as a document model
(:mod:`.document`), rendered to HTML (:mod:`.html`; PDF through it) and Word (:mod:`.docx`).

:func:`open_report` is what a notebook calls; each section module turns a
:class:`~.spec.Report` into a part of the document, and :mod:`.selfcheck` verifies its
figures before any is printed.

The names below are imported on first use: the sections bring their charts (matplotlib)
and the notebook display (IPython), which a process that only writes HTML from this
package's markup (the batch publishing outputs/index.html) never needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from reportkit.report import html  # noqa: F401 - registers the parts' HTML

if TYPE_CHECKING:
    from reportkit.report.annual import AnnualReport, open_report
    from reportkit.report.spec import Report, present

__all__ = ["AnnualReport", "Report", "open_report", "present"]

_MODULE_OF = {
    "AnnualReport": "annual",
    "open_report": "annual",
    "Report": "spec",
    "present": "spec",
}


def __getattr__(name: str) -> Any:
    if name in _MODULE_OF:
        return getattr(importlib.import_module(f"{__name__}.{_MODULE_OF[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
