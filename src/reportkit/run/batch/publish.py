"""What the batch writes: each report as it comes in (its files, and its entry in the
year's manifest.json: :func:`write_result`, :func:`record`), then, once the reports are
in, per year summary.xlsx and reports-{year}.zip, and outputs/index.html (:func:`publish`).

Every file is written atomically and the manifest is updated after each report, so a
killed batch leaves no truncated file and the next run only renders what is missing. A
year is published again when one of its reports changed or its last publication did not
finish (the manifest's ``published`` is written last).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from reportkit import __version__, domain
from reportkit.core import atomic, zipfiles
from reportkit.core.provenance import git_commit, library_versions
from reportkit.data.sources import file_sha256
from reportkit.run.batch.plan import manifest_body, manifest_path, read_manifest

if TYPE_CHECKING:
    import pandas as pd

    from reportkit.data.prepare import Dataset
    from reportkit.run.batch.executors.base import Result
    from reportkit.run.batch.plan import Plan

REPORT_SUFFIXES = (".html", ".pdf", ".docx")
"""The reports' files that the year's zip holds."""


# --- each report as it comes in -----------------------------------------------------------


def write_result(out: Path, result: Result) -> None:
    """Write what a worker rendered (the executed notebook even when it failed)."""
    from reportkit.run.render import write_rendered

    if result.rendered is None:
        return
    written = write_rendered(result.rendered, out)
    folder = out / str(result.job.year)
    result.outputs = {fmt: written[fmt].name for fmt in result.job.to if fmt in written}
    result.notebook = written["ipynb"].relative_to(folder).as_posix()
    result.rendered = None  # the bytes are on disk now


def record(out: Path, work: Plan, result: Result) -> None:
    """Enter a report written (:func:`write_result`) in its year's manifest: its parameters,
    what made it (``work.key``), the hashes of its inputs and outputs, and its notes. A
    failed report is not entered: the next run renders it again."""
    if not result.ok:
        return
    job, view = result.job, work.view
    if result.fingerprint is not None:
        view.remember(job.year, job.commune, result.fingerprint)
    manifest = work.manifests[job.year]
    folder = out / str(job.year)
    files = view.inputs(job.year, job.commune)
    manifest[job.name] = {
        "year": job.year,
        "commune": job.commune,
        "lang": job.lang,
        "parameters": {"commune": job.commune, "year": job.year, "lang": job.lang},
        "key": work.key(job),
        "inputs": [{"file": f, "rows": n, "sha256_rows": s} for f, n, s in files],
        "outputs": {
            fmt: {"file": name, "sha256": file_sha256(folder / name)}
            for fmt, name in sorted(result.outputs.items())
        },
        "notebook": result.notebook,
        "git_commit": git_commit(),
        "versions": library_versions(),
        "render_seconds": round(result.seconds, 2),
    }
    if result.notes:
        manifest[job.name]["notes"] = list(result.notes)
    write_manifest(out, view.data, job.year, manifest, work.code)


def write_manifest(
    out: Path, data: Dataset, year: int, manifest: dict, code: dict, *, published: bool = False
) -> None:
    """The year's manifest; ``published`` says that summary.xlsx and the zip were made
    from exactly these reports (publish_year writes it last)."""
    body = {
        "year": year,
        "reportkit_version": __version__,
        "git_commit": git_commit(),
        "code": code,
        "raw_files": dict(sorted(data.sources.items())),
        "published": published,
        "reports": dict(sorted(manifest.items())),
    }
    atomic.write_text(
        manifest_path(out, year), json.dumps(body, indent=2, ensure_ascii=False) + "\n"
    )


# --- publishing: summary.xlsx, the zip, index.html -----------------------------------------


def publish(out: Path, work: Plan, changed: set[int]) -> None:
    """Publish the years of ``work`` whose reports ``changed`` or that are not published
    yet, and then outputs/index.html (when a year was published or it is missing)."""
    view = work.view
    stale = [y for y in work.years if y in changed or not is_published(out, y)]
    for y in stale:
        publish_year(out, view.data, y, work.manifests[y], work.code)
    if stale or not (out / "index.html").exists():
        publish_index(out, view.data)


def year_tables(data: Dataset, year: int) -> dict[str, pd.DataFrame]:
    """Every figure table of a year, one sheet each, for officials who work in Excel. The
    validation sheet holds the problems the district's report of the year counts (one
    rule: reportkit.data.dataquality) as shared outputs show them (problems.public_view): no
    household text, no personal column."""
    from reportkit.data.dataquality import report_problems
    from reportkit.data.problems import public_view
    from reportkit.figures import indicators, lineage

    v = report_problems(data.validation, year, None)
    if not v.empty:
        v = public_view(v.loc[~v["column"].isin(domain.personal_columns())])
    tables = {
        "households": indicators.household_figures(data, year),
        "ethnic_minority": indicators.subgroup_figures(data, year, "ethnic_minority"),
        "deprivation": indicators.deprivation_profile(data, year),
    }
    if not data["budget"].empty:
        tables["budget"] = indicators.budget_figures(data, year)
    if not data["trainings"].empty:
        tables["trainings"] = indicators.training_figures(data, year)
    if not data["monitoring"].empty:
        tables["monitoring"] = indicators.monitoring_figures(data, year)
        tables["findings"] = indicators.findings_by_code(data, year)
    tables["former_district"] = lineage.former_district(data, year)
    tables["validation"] = v
    return tables


def is_published(out: Path, year: int) -> bool:
    """summary.xlsx and the zip exist and were made after the last report was recorded."""
    folder = out / str(year)
    files = ("summary.xlsx", f"reports-{year}.zip")
    return manifest_body(out, year).get("published") is True and all(
        (folder / n).is_file() for n in files
    )


def publish_year(out: Path, data: Dataset, year: int, manifest: dict, code: dict) -> None:
    from reportkit.core.excel import frames_to_xlsx

    folder = out / str(year)
    atomic.write_bytes(folder / "summary.xlsx", frames_to_xlsx(year_tables(data, year)))
    members = sorted(
        p for p in folder.iterdir() if p.suffix in REPORT_SUFFIXES and not p.name.startswith(".")
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in members:
            zf.writestr(zipfiles.entry(f"reports-{year}/{p.name}"), p.read_bytes())
    atomic.write_bytes(folder / f"reports-{year}.zip", buf.getvalue())
    write_manifest(out, data, year, manifest, code, published=True)


def publish_index(out: Path, data: Dataset) -> None:
    """outputs/index.html: every report by year and unit, with key figures and data status."""
    from reportkit.run.index import index_html

    years = sorted(int(p.name) for p in out.iterdir() if p.is_dir() and p.name.isdigit())
    manifests = {y: read_manifest(out, y) for y in years}
    atomic.write_text(out / "index.html", index_html(data, manifests))
