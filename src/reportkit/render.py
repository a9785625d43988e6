"""Executed notebook → self-contained HTML → A4 PDF, byte-identical for the same input.

The recipe: :func:`notebook_to_html` renders the notebook with our nbconvert template
(``templates/reportkit``: no code, no prompts, no stderr, title block, print CSS), then
:func:`html_to_pdf` lays the same HTML out with WeasyPrint. :func:`write_html` and
:func:`html_to_pdf` write atomically, so a killed batch never leaves a half-written report.

Where the template comes from (``reportkit.locations.find_template_dir``), first match wins:

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
import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from reportkit.atomic import write_bytes, write_text
from reportkit.errors import NonDeterministicOutputError
from reportkit.locations import (  # noqa: F401 - re-exported for callers of render
    TEMPLATE_NAME,
    TemplateNotFoundError,
    find_template_dir,
    notebooks_dir,
)

SOURCE_DATE_EPOCH = "946684800"
"""Fixed build time (2000-01-01T00:00:00Z) for tools that stamp one unless told otherwise.

fontTools, which WeasyPrint uses to subset embedded fonts, writes the current time into
each font's ``head.modified`` field; it honours the reproducible-builds variable
``SOURCE_DATE_EPOCH`` instead. A value already set in the environment is respected.
"""

# A local absolute path that leaked into the output (e.g. an image src) would make the
# report depend on where it was built and break when the file is moved.
_ABSOLUTE_PATH = re.compile(r"""(?:src|href)\s*=\s*["'](?:file:|/)""", re.IGNORECASE)


def _exporter(template_dir: Path) -> HTMLExporter:
    """An HTMLExporter set up for reports: our template, no input, no prompts, no JS."""
    exporter = HTMLExporter(
        extra_template_basedirs=[str(template_dir)],
        template_name=TEMPLATE_NAME,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
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
    exporter = _exporter(find_template_dir(template_dir))
    # No "path" in resources: relative images are embedded from the cwd-free notebook data.
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

    document = HTML(string=html, base_url=str(base_url) if base_url is not None else None)
    # A fixed /ID from the content: same HTML, same identifier, no random bytes.
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    with _fixed_build_time():
        return document.write_pdf(pdf_identifier=identifier)


def html_to_pdf(html: str, out_path: Path, base_url: Path | None = None) -> Path:
    """Render ``html`` to a PDF at ``out_path`` atomically; return the path."""
    return write_bytes(out_path, html_bytes_to_pdf(html, base_url=base_url))


# --- one report: parameters → executed notebook → HTML and PDF ------------------------


def report_name(slug: str, lang: str) -> str:
    """File stem of a report: the unit's ASCII slug, "-en" for English reports."""
    return slug if lang == "vi" else f"{slug}-{lang}"


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
) -> dict[str, Path]:
    """Render one report (a unit's, or the district's when ``commune`` is None).

    Writes ``out_dir/{year}/{slug}.html|.pdf`` and keeps the executed notebook under
    ``out_dir/{year}/notebooks/``. Parameters are checked here first, so a bad unit or
    year fails with one line before any kernel starts.
    """
    from reportkit.execute import execute_report
    from reportkit.prepare import default_processed_dir
    from reportkit.report import open_report

    processed = processed_dir if processed_dir is not None else default_processed_dir(raw_dir)
    report = open_report(commune, year, raw_dir, lang, processed)
    name = report_name(report.slug, report.lang)
    folder = out_dir / str(report.year)
    params: dict[str, object] = {
        "year": report.year,
        "data_dir": _relative(raw_dir, notebooks_dir()),
        "lang": report.lang,
        "processed_dir": None if processed is None else _relative(processed, notebooks_dir()),
    }
    if report.unit is not None:
        params = {"commune": report.unit.name, **params}
    kind = "commune" if report.unit is not None else "district"
    nb = execute_report(kind, params, folder / "notebooks" / f"{name}.ipynb", engine=engine)
    nb.metadata["reportkit"] = report.metadata()
    html = notebook_to_html(nb)
    written: dict[str, Path] = {}
    if "html" in to:
        written["html"] = write_html(html, folder / f"{name}.html")
    if "pdf" in to:
        written["pdf"] = html_to_pdf(html, folder / f"{name}.pdf")
    return written


def _relative(path: Path, start: Path) -> str:
    """``path`` relative to ``start`` (no absolute paths in outputs when avoidable)."""
    return os.path.relpath(Path(path).resolve(), start.resolve())
