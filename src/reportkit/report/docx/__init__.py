"""The Word renderer of the document model: an executed report notebook → a .docx with
the content and form of the printed report (Decree 30/2020/NĐ-CP, as report.css lays out
the PDF), editable by the officials who finish, number and sign it.

It reads the report's nodes, not its HTML (:mod:`reportkit.report.notebook`): A4 with
margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman 13 pt (LibreOffice
shows its metric twin Liberation Serif); the head (issuing body, number, motto, place and
date) and the signature with "Nơi nhận" as borderless tables; tables as Word tables whose
header row repeats on each page (numbers right-aligned, totals bold); charts as pictures
(PNG, :mod:`reportkit.report.raster`) under their captions as text; the page number as a PAGE
field centred at the top from page 2. Screen-only blocks (the technical information) are left
out, as in print; blocks that start a page start one. Synthetic data is marked as in the
PDF: a note on page 1 and a line in every page's footer.

Same input, same bytes: the document properties come from the report's metadata (title,
issuing body, the report's date), never from the clock or the machine, and the zip entries
get a fixed time (:func:`reportkit.core.zipfiles.restamp`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from reportkit.report.document import Run
from reportkit.report.docx.page import DocxProperties
from reportkit.report.docx.writer import Writer, render
from reportkit.report.docx.xml import SYNTHETIC_NOTE, column_widths, paragraph
from reportkit.report.notebook import Content, notebook_content

if TYPE_CHECKING:
    import nbformat

__all__ = ["DocxProperties", "column_widths", "content_to_docx", "notebook_to_docx", "render"]


def notebook_to_docx(nb: nbformat.NotebookNode) -> bytes:
    """The .docx of an executed report notebook (its ``metadata["reportkit"]`` gives the
    document properties). Raises ContentError naming what it cannot lay out."""
    props = DocxProperties.from_metadata(nb.metadata.get("reportkit", {}))
    return content_to_docx(notebook_content(nb), props)


def content_to_docx(content: Iterable[Content], props: DocxProperties) -> bytes:
    """The .docx of ``content`` (document nodes, pictures, printed text), in order."""
    writer = Writer(props)
    if props.synthetic:
        writer.add(
            paragraph(
                [Run(SYNTHETIC_NOTE[0], bold=True), Run(SYNTHETIC_NOTE[1])],
                "SyntheticNote",
            )
        )
    for item in content:
        render(item, writer)
    return writer.save()
