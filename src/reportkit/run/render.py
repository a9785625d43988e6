"""Executed notebook → self-contained HTML → A4 PDF, and a Word file; byte-identical for
the same input.

The recipe: :func:`notebook_to_html` renders the notebook with our nbconvert template
(``templates/reportkit``: no code, no prompts, no stderr, title block, print CSS), then
:func:`html_to_pdf` lays the same HTML out with WeasyPrint. :func:`write_html` and
:func:`html_to_pdf` write atomically, so a killed batch never leaves a half-written report.
The Word file is made from the report's document nodes, not its HTML
(:func:`reportkit.report.docx.notebook_to_docx`).

One report: :func:`render_outputs` turns the prepared data into the report's bytes
(executed notebook, HTML, PDF, Word) without touching the disk — what a batch worker does — and
:func:`write_rendered` writes them; :func:`render_report` does both for one report.

Where the template comes from (``reportkit.core.locations.find_template_dir``), first match wins:

1. the ``template_dir`` argument (a folder that contains ``reportkit/``);
2. the ``REPORTKIT_TEMPLATES`` environment variable (same layout);
3. the repository's ``templates/`` folder (``<repo>/templates/reportkit``), found relative
   to this file in an editable/source checkout.

An installed wheel does not ship the repository folder, so such installs must pass
``template_dir`` or set ``REPORTKIT_TEMPLATES``; :class:`TemplateNotFoundError` says so.

Determinism: the template prints no dates, ids or paths; nbconvert's anchor links and
sanitizer are off; the HTML is checked for absolute ``file:`` paths; WeasyPrint writes no
``CreationDate``/``ModDate`` (it only would from ``<meta name=dcterms.created>``, which we
never emit) and gets a fixed PDF ``/ID`` derived from the HTML itself; the fonts it
subsets get a fixed timestamp through ``SOURCE_DATE_EPOCH`` (see below).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from reportkit.core.atomic import write_bytes, write_text
from reportkit.core.errors import (
    ContentError,
    IncompleteReportError,
    NonDeterministicOutputError,
    ReportExecutionError,
)
from reportkit.core.locations import (  # noqa: F401 - re-exported for callers of render
    TEMPLATE_NAME,
    TemplateNotFoundError,
    find_template_dir,
    notebooks_dir,
    relative_path,
)
from reportkit.core.stages import stage

if TYPE_CHECKING:
    import nbformat
    from nbconvert import HTMLExporter

    from reportkit.data.prepare import Dataset
    from reportkit.report import Report

FORMATS = ("html", "pdf", "docx")
"""The report formats: a self-contained page, the A4 PDF, and a Word file to edit and sign."""

SOURCE_DATE_EPOCH = "946684800"
"""Fixed build time (2000-01-01T00:00:00Z) for tools that stamp one unless told otherwise.

fontTools, which WeasyPrint uses to subset embedded fonts, writes the current time into
each font's ``head.modified`` field; it honours the reproducible-builds variable
``SOURCE_DATE_EPOCH`` instead. A value already set in the environment is respected.
"""

# A local absolute path that leaked into the output (e.g. an image src) would make the
# report depend on where it was built and break when the file is moved.
_ABSOLUTE_PATH = re.compile(r"""(?:src|href)\s*=\s*["'](?:file:|/)""", re.IGNORECASE)


@functools.cache
def _exporter(template_dir: Path) -> HTMLExporter:
    """An HTMLExporter set up for reports: our template (which shows no code and no
    prompts), no anchor links, no JS.
    One per template folder and process: its template is compiled once, not per report
    (Jinja still reloads a template file that changed)."""
    from nbconvert import HTMLExporter  # imported lazily: heavy, and only needed for HTML

    exporter = HTMLExporter(
        extra_template_basedirs=[str(template_dir)],
        template_name=TEMPLATE_NAME,
        exclude_anchor_links=True,
        # Tables come from pandas with escape=True; a sanitizer would strip their
        # classes/styles and our figures, so escaping is the library's job, not nbconvert's.
        sanitize_html=False,
        embed_images=True,
    )
    return exporter


def notebook_to_html(nb: nbformat.NotebookNode, template_dir: Path | None = None) -> str:
    """Render an executed notebook as one self-contained HTML page.

    The notebook's ``metadata["reportkit"]`` fills the title block (see
    ``templates/reportkit/README.md``). Raises :class:`NonDeterministicOutputError` if the
    result refers to an absolute local path.
    """
    with stage("nbconvert HTML"):
        exporter = _exporter(find_template_dir(template_dir))
        # No "path" in resources: relative images are embedded from the cwd-free notebook.
        html, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": "report"}})
    html = html.replace("\r\n", "\n")
    if match := _ABSOLUTE_PATH.search(html):
        raise NonDeterministicOutputError(
            f"rendered HTML refers to an absolute path near {html[match.start() :][:80]!r}"
        )
    return html


def write_html(html: str, out_path: Path) -> Path:
    """Write ``html`` as UTF-8 to ``out_path`` atomically; return the path."""
    return write_text(out_path, html)


@contextlib.contextmanager
def _fixed_build_time() -> Iterator[None]:
    """Set ``SOURCE_DATE_EPOCH`` for the duration of the block unless already set."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def html_bytes_to_pdf(html: str, base_url: Path | None = None) -> bytes:
    """Lay out ``html`` as an A4 PDF with WeasyPrint and return the bytes.

    ``base_url`` resolves relative links/images; it is not written into the PDF.
    """
    from weasyprint import HTML  # imported lazily: heavy, and only needed for PDF

    # A fixed /ID from the printed content: same page, same identifier, no random bytes,
    # and none from what is never printed (the technical information's code version).
    identifier = hashlib.sha256(printed_html(html)).hexdigest()[:32].encode("ascii")
    with _fixed_build_time():
        # HTML.write_pdf in its two steps (same options to both, same bytes), timed apart.
        with stage("WeasyPrint layout"):
            source = HTML(string=html, base_url=str(base_url) if base_url is not None else None)
            document = source.render(pdf_identifier=identifier)
        with stage("PDF write"):
            return document.write_pdf(pdf_identifier=identifier)


def printed_html(html: str) -> bytes:
    """``html`` without its screen-only parts (technical information: hashes, versions,
    paths), as bytes: what the PDF prints, so that what made a report (a new version of
    the code) changes its HTML but not its PDF."""
    import lxml.html

    tree = lxml.html.document_fromstring(html)
    for element in tree.xpath('//*[contains(concat(" ", @class, " "), " screen-only ")]'):
        element.drop_tree()
    return lxml.html.tostring(tree, encoding="utf-8")


def html_to_pdf(html: str, out_path: Path, base_url: Path | None = None) -> Path:
    """Render ``html`` to a PDF at ``out_path`` atomically; return the path."""
    return write_bytes(out_path, html_bytes_to_pdf(html, base_url=base_url))


# --- one report: parameters → executed notebook → HTML, PDF and Word -------------------


@dataclass(frozen=True)
class Rendered:
    """One report as bytes, not yet written: what a batch worker sends back so that only
    the process holding the output folder writes there (:func:`write_rendered`)."""

    year: int
    name: str
    """File stem: :func:`report_name`."""
    files: dict[str, bytes]
    """"ipynb" (the executed notebook, always), "log" (kernel engine), "html", "pdf",
    "docx", "internal" (the data-quality workbook)."""
    error: str | None = None
    """First line of the notebook's error; then only "ipynb" (and "log") are present."""


def report_name(slug: str, lang: str) -> str:
    """File stem of a report: the unit's ASCII slug, "-en" for English reports."""
    return slug if lang == "vi" else f"{slug}-{lang}"


def notebook_data_paths(raw_dir: Path, processed_dir: Path | None) -> tuple[str, str | None]:
    """The ``data_dir`` and ``processed_dir`` parameters of a report notebook: relative to
    the notebooks folder, where the notebook runs (no absolute paths in outputs)."""
    start = notebooks_dir()
    processed = None if processed_dir is None else relative_path(processed_dir, start)
    return relative_path(raw_dir, start), processed


class RenderOptions(NamedTuple):
    """How a report is rendered, besides its data, unit, year, formats and language: the
    notebook's path parameters (only a separate kernel, engine "kernel", reads them) and
    the engine; the fields are :func:`render_outputs`'s parameters of the same names. A
    batch sends its workers one for all its reports."""

    data_dir: str
    processed_dir: str | None
    engine: str
    final: bool = False  # refuse a report that still lacks commentary

    @classmethod
    def of(cls, raw: Path, processed: Path | None, engine: str, final: bool) -> RenderOptions:
        """The options of reports read from ``raw`` (prepared into ``processed``)."""
        return cls(*notebook_data_paths(raw, processed), engine, final)


def render_outputs(
    data: Dataset,
    commune: str | None,
    year: int,
    *,
    to: tuple[str, ...] = ("html", "pdf"),
    lang: str = "vi",
    data_dir: str,
    processed_dir: str | None = None,
    engine: str = "inprocess",
    final: bool = False,
) -> Rendered:
    """Render one report (a unit's, or the district's when ``commune`` is None) from
    ``data`` into bytes; write nothing. Besides the report, the bytes hold the internal
    data-quality workbook for the technical staff ("internal"), never part of the report.
    ``final``: refuse (IncompleteReportError) a report that still lacks commentary.

    ``data_dir`` and ``processed_dir`` are the notebook's parameters
    (:func:`notebook_data_paths`); the in-process engine takes ``data`` instead of reading
    them, a kernel (engine "kernel") reads them. Parameters are checked first, so a bad
    unit or year raises ReportParameterError before any notebook runs.
    """
    from reportkit.data.datasource import provided
    from reportkit.report import open_report
    from reportkit.report.annual import reusing
    from reportkit.run.execute import run_notebook

    with provided(data):
        report = open_report(commune, year, data_dir, lang, processed_dir)
        if final:
            check_final(report)
        params: dict[str, object] = {
            "commune": report.unit.name if report.unit is not None else None,
            "year": report.year,
            "data_dir": data_dir,
            "lang": report.lang,
            "processed_dir": processed_dir,
        }
        # The notebook's own open_report call (same parameters) gets this report: resolved
        # once, its figures computed once (in process; a kernel opens its own).
        unit = report.unit.name if report.unit is not None else None
        request = (unit, report.year, data_dir, report.lang, processed_dir)
        with reusing(report, *request):
            run = run_notebook(params, engine=engine)
        files = {"ipynb": run.ipynb}
        if run.log is not None:
            files["log"] = run.log
        name = report_name(report.slug, report.lang)
        if run.error is not None:
            return Rendered(report.year, name, files, run.error)
        run.notebook.metadata["reportkit"] = report.metadata()
        try:
            files.update(report_files(run.notebook, to))
        except ContentError as exc:  # e.g. an analyst's cell shows an image that is damaged
            return Rendered(report.year, name, files, str(exc))
        files["internal"] = internal_workbook(report)
        return Rendered(report.year, name, files)


def report_files(nb: nbformat.NotebookNode, to: tuple[str, ...]) -> dict[str, bytes]:
    """The report in the formats ``to`` ("html", "pdf", "docx") from its executed notebook
    (whose ``metadata["reportkit"]`` is set): one step per format, so each can be timed."""
    files: dict[str, bytes] = {}
    if "html" in to or "pdf" in to:
        html = notebook_to_html(nb)
        if "html" in to:
            files["html"] = html.encode("utf-8")
        if "pdf" in to:
            files["pdf"] = html_bytes_to_pdf(html)
    if "docx" in to:
        from reportkit.report.docx import notebook_to_docx

        with stage("Word (docx)"):
            files["docx"] = notebook_to_docx(nb)
    return files


def check_final(report: Report) -> None:
    """Raise IncompleteReportError naming the commentary ``report`` still lacks."""
    from reportkit.report.commentary import missing

    lacking = missing(report)
    if lacking:
        raise IncompleteReportError(
            f"{report.year} {report.slug}: no commentary for {', '.join(lacking)} "
            "(the commentary table of the raw folder; docs/report-settings.md)"
        )


def internal_workbook(report: Report) -> bytes:
    """The report's internal check workbook for the technical staff (outputs/{year}/
    internal/{slug}-kiem-tra.xlsx, never in the zip): every problem row, the self-check's
    failed identities as error rows, the counts by kind, the internal notes (what of the
    rules applied is unverified) and the households whose approved status differs from
    the rules."""
    from reportkit.core.excel import frames_to_xlsx
    from reportkit.report.quality import internal_tables

    with stage("internal workbook"):
        return frames_to_xlsx(internal_tables(report))


def output_paths(out_dir: Path, year: int, name: str) -> dict[str, Path]:
    """Where each file of a report goes: OUT/{year}/{name}.html|.pdf|.docx, and the executed
    notebook (with the kernel's log) under OUT/{year}/notebooks/."""
    folder = out_dir / str(year)
    return {
        "ipynb": folder / "notebooks" / f"{name}.ipynb",
        "log": folder / "notebooks" / f"{name}.log",
        "html": folder / f"{name}.html",
        "pdf": folder / f"{name}.pdf",
        "docx": folder / f"{name}.docx",
        "internal": folder / "internal" / f"{name}-kiem-tra.xlsx",
    }


def write_rendered(rendered: Rendered, out_dir: Path) -> dict[str, Path]:
    """Write every file of ``rendered`` atomically (the notebook first); return the paths."""
    paths = output_paths(out_dir, rendered.year, rendered.name)
    return {
        kind: write_bytes(paths[kind], rendered.files[kind])
        for kind in paths
        if kind in rendered.files
    }


def render_report(
    commune: str | None,
    year: int,
    *,
    to: tuple[str, ...] = ("html", "pdf"),
    lang: str = "vi",
    raw_dir: Path = Path("data/raw"),
    out_dir: Path = Path("outputs"),
    processed_dir: Path | None = None,
    engine: str = "inprocess",
    final: bool = False,
) -> dict[str, Path]:
    """Render one report (a unit's, or the district's when ``commune`` is None) from the
    raw folder, as a batch worker does: the prepared data → :func:`render_outputs` →
    :func:`write_rendered`.

    Writes ``out_dir/{year}/{slug}.html|.pdf|.docx`` (as ``to`` asks) and keeps the
    executed notebook under ``out_dir/{year}/notebooks/``; returns the report paths by
    format. ``processed_dir``: see ``datasource.processed_dir``. A notebook error raises
    ReportExecutionError after the executed notebook is written.
    """
    from reportkit.data.datasource import dataset
    from reportkit.data.datasource import processed_dir as processed_dir_of

    processed = processed_dir_of(raw_dir, processed_dir)
    options = RenderOptions.of(raw_dir, processed, engine, final)
    data = dataset(raw_dir, processed)
    rendered = render_outputs(data, commune, year, to=to, lang=lang, **options._asdict())
    written = write_rendered(rendered, out_dir)
    if rendered.error is not None:
        raise ReportExecutionError(rendered.error, written["ipynb"])
    return {fmt: written[fmt] for fmt in to}


@functools.cache
def warm_up() -> None:
    """Do once per process, ahead of its first report, what that report would otherwise
    wait for: import the libraries the notebooks, the PDF, the Word file and the internal
    workbook need (every section of ``reportkit.report`` too), read the notebooks, compile
    the template, and render a small page with a chart (matplotlib's and WeasyPrint's
    fonts). A batch's zygote does it once for all the workers it forks, which start with
    it done; a spawned worker does it as it starts. Either way it overlaps with the batch
    process preparing the data. Writes nothing, and leaves the IPython shell (its history
    thread and database) to each worker: a forked process inherits nothing half-made.
    What it renders is thrown away."""
    import importlib
    import pkgutil
    import sys

    # jsonschema, under nbformat, imports rfc3987_syntax when installed, for an optional
    # "iri" format check that nbformat never asks for; that import builds a grammar and
    # costs about a second of CPU (python-jsonschema/jsonschema#1392). Not in this process.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

    import docx  # noqa: F401 - the Word file's
    import nbformat
    import openpyxl  # noqa: F401 - every report's internal workbook
    import papermill  # noqa: F401 - imported by every notebook run

    from reportkit import report
    from reportkit.report.charts import bar_chart
    from reportkit.report.document import block, figure, para, part
    from reportkit.run.execute import load_notebook

    for module in pkgutil.iter_modules(report.__path__, f"{report.__name__}."):
        importlib.import_module(module.name)
    load_notebook()
    chart = figure(bar_chart(["Hộ nghèo"], [1.0]), "Hộ nghèo")
    page = part(block("Báo cáo", para("Hộ nghèo, hộ cận nghèo"), chart))
    output = nbformat.v4.new_output("display_data", data={"text/html": page.html})
    cell = nbformat.v4.new_code_cell(outputs=[output])
    html_bytes_to_pdf(notebook_to_html(nbformat.v4.new_notebook(cells=[cell])))
