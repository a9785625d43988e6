"""What to render: the jobs selected (years, units, language, formats), what made each
report (content hashes of its data, the code and its parameters), and which of them are up
to date in the year's manifest.json, so that only the others are rendered.

The data libraries (pandas) are imported where the data is used, not here: a batch with
nothing to render decides so from hashes and manifests alone, in a fraction of a second.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reportkit import __version__
from reportkit.core import atomic
from reportkit.core.errors import IncompleteReportError, InputError
from reportkit.core.locations import find_template_dir, notebooks_dir
from reportkit.core.provenance import library_versions
from reportkit.core.vntext import fold_tones
from reportkit.data import registry
from reportkit.data.params import resolve_unit
from reportkit.data.registry.serial import registry_from_json
from reportkit.data.sources import MANIFEST as PROCESSED_MANIFEST
from reportkit.data.sources import REGISTRY, file_sha256, is_current, source_fingerprint

if TYPE_CHECKING:
    from reportkit.data.prepare import Dataset, Fingerprint


@dataclass(frozen=True)
class Job:
    """One report to render: a unit's (commune) or the district's (commune None)."""

    year: int
    commune: str | None
    slug: str
    lang: str = "vi"
    to: tuple[str, ...] = ("html", "pdf")

    @property
    def name(self) -> str:
        return self.slug if self.lang == "vi" else f"{self.slug}-{self.lang}"

    @property
    def label(self) -> str:
        return f"{self.year} {self.name}"


# --- the selection ------------------------------------------------------------------------


def parse_years(text: str) -> list[int]:
    """ "2023" → [2023]; "2021-2024" → [2021, 2022, 2023, 2024]; "2021,2023" → both.
    A reversed range or a text that selects no year is an InputError."""
    years: list[int] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        try:
            first, last = (int(x) for x in part.split("-", 1)) if "-" in part else (int(part),) * 2
        except ValueError:
            raise InputError(f"--years: '{text}' is not a year or a range like 2021-2024") from None
        if first > last:
            raise InputError(f"--years: {part} is a reversed range; write {last}-{first}")
        years.extend(range(first, last + 1))
    if not years:
        raise InputError(
            f"--years: '{text}' selects no year; give a year or a range like 2021-2024"
        )
    return sorted(set(years))


def select_units(communes: str) -> list[str] | None:
    """The names given by ``--communes``: None for "all" (every unit with data in each
    year, and the area), else the named ones as typed, in the order given: units, and the
    area by its name with its kind ("tỉnh Lâm Đồng"); :func:`make_plan` resolves them once
    the data's units are known (one that names no unit is an error)."""
    if communes.strip().lower() == "all":
        return None
    names = [n.strip() for n in communes.split(",") if n.strip()]
    if not names:
        raise InputError(
            f"--communes: '{communes}' names no unit; give 'all' or unit names separated by commas"
        )
    return list(dict.fromkeys(names))


def plan_jobs(
    have: list[int],
    years: list[int],
    units: list[str] | None = None,
    lang: str = "vi",
    to: tuple[str, ...] = ("html", "pdf"),
    view: DataView | None = None,
    areas: tuple[str, ...] = (),
) -> list[Job]:
    """Jobs for ``years`` (each must be among ``have``, the years with data): for each
    year, the units reported that year (registry order; with ``view``, only those with data
    that year: :func:`~reportkit.figures.indicators.participating`) and then the area, or
    of those the units named in ``units`` (:func:`select_units`) and the area when its
    label is in ``areas``. A name reported in none of the years is an InputError."""
    if not years:
        raise InputError("no year selected")
    missing = [y for y in years if y not in have]
    if missing:
        raise InputError(
            f"no household data for {', '.join(map(str, missing))} "
            f"(years in the data: {', '.join(map(str, have))})"
        )
    jobs = []
    areas_seen: set[str] = set()
    for y in years:
        reported = registry.units_in_year(y)
        if view is not None:
            having = set(view.participating(y))
            reported = tuple(u for u in reported if u.name in having)
        chosen = [u for u in reported if units is None or u.name in units]
        jobs += [Job(y, u.name, u.slug, lang, to) for u in chosen]
        area = registry.area_for(y)
        if area is not None and (units is None or area.label in areas):
            jobs.append(Job(y, None, area.slug, lang, to))
            areas_seen.add(area.label)
    unused = [n for n in units or [] if not any(j.commune == n for j in jobs)]
    unused += [a for a in areas if a not in areas_seen]
    if unused:
        span = f"{years[0]}–{years[-1]}" if len(years) > 1 else str(years[0])
        raise InputError(
            f"--communes: {', '.join(unused)} is not reported on in {span} "
            "(units change with the July 2025 reform: render the units of each year)"
        )
    return jobs


def check_final_jobs(data: Dataset, jobs: list[Job]) -> None:
    """``--final``: one IncompleteReportError naming every report that lacks commentary."""
    from reportkit.data.datasource import provided
    from reportkit.report import open_report
    from reportkit.report.commentary import missing

    lacking = []
    with provided(data):
        for j in jobs:
            gaps = missing(open_report(j.commune, j.year, ".", j.lang))
            if gaps:
                lacking.append(f"{j.label} ({', '.join(gaps)})")
    if lacking:
        raise IncompleteReportError(
            f"--final: {len(lacking)} report(s) lack commentary: {'; '.join(lacking)}"
        )


# --- what made a report: content hashes ---------------------------------------------------


def _tree_sha(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(p.as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def code_fingerprint() -> dict[str, str]:
    """Hashes of everything besides data that shapes a report: the notebooks, the
    template, the package's own source, and the versions of the libraries it uses."""
    templates = find_template_dir()
    return {
        "reportkit": __version__,
        "source": source_fingerprint(),
        "notebooks": _tree_sha(list(notebooks_dir().glob("*.py"))),
        "template": _tree_sha([p for p in (templates / "reportkit").rglob("*") if p.is_file()]),
        "libraries": json.dumps(library_versions(), sort_keys=True),
    }


def job_key(job: Job, data_digest: str, code: dict[str, str]) -> str:
    params = {"year": job.year, "commune": job.commune, "lang": job.lang, "to": list(job.to)}
    blob = json.dumps({"data": data_digest, "code": code, "params": params}, sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def _load(raw: Path, processed: Path | None) -> Dataset:
    from reportkit.data.prepare import load

    return load(raw, processed)


class DataView:
    """The prepared data, loaded only when needed: when the processed copy is current,
    the years and each report's data fingerprint (digest and inputs) come from a small
    cache beside it, so a batch with nothing to do never reads the tables, and each
    report's rows are hashed once."""

    CACHE = "report-digests.json"

    def __init__(
        self,
        raw: Path,
        processed: Path | None,
        before_preparing: Callable[[], None] | None = None,
    ) -> None:
        """``before_preparing``: called when the processed copy must be made first."""
        self.raw, self.processed = raw, processed
        self._data: Dataset | None = None
        self._cache: dict = {"basis": None, "years": None, "reports": {}}
        self._basis: str | None = None
        self._dirty = False
        if processed is None:
            return
        if not is_current(processed, raw):
            if before_preparing is not None:
                before_preparing()
            self._data = _load(raw, processed)  # prepare now: writes the processed copy
        self._basis = file_sha256(processed / PROCESSED_MANIFEST)
        try:
            cached = json.loads((processed / self.CACHE).read_text(encoding="utf-8"))
            if cached.get("basis") == self._basis and "reports" in cached:
                self._cache = cached
        except (OSError, ValueError):
            pass
        self._cache["basis"] = self._basis
        if self._data is None and (processed / REGISTRY).exists():
            # The units the processed data was made for: planning needs no table.
            text = (processed / REGISTRY).read_text(encoding="utf-8")
            registry.activate(registry_from_json(text))

    @property
    def data(self) -> Dataset:
        if self._data is None:
            self._data = _load(self.raw, self.processed)
        return self._data

    def years(self) -> list[int]:
        if self._cache.get("years") is None:
            self._cache["years"] = self.data.years()
            self._dirty = True
        return list(self._cache["years"])

    def participating(self, year: int) -> list[str]:
        """The units with data in ``year`` (:func:`~reportkit.figures.indicators.participating`)."""
        having = self._cache.setdefault("participating", {})
        if str(year) not in having:
            from reportkit.figures.indicators import participating

            having[str(year)] = [u.name for u in participating(self.data, year)]
            self._dirty = True
        return list(having[str(year)])

    def digest(self, year: int, commune: str | None) -> str:
        """Content hash of the rows the report reads (``Dataset.fingerprint``)."""
        return self._fingerprint(year, commune)["digest"]

    def inputs(self, year: int, commune: str | None) -> list[tuple[str, int, str]]:
        """Per input file: (name, rows read, SHA-256 of those rows) (``Dataset.fingerprint``)."""
        return [(f, n, sha) for f, n, sha in self._fingerprint(year, commune)["inputs"]]

    def remember(self, year: int, commune: str | None, fingerprint: Fingerprint) -> None:
        """Take the report's ``Dataset.fingerprint`` as a worker computed it (the same rows
        hash the same in every process): this process need not hash them again."""
        key = f"{year}|{commune or ''}"
        if key not in self._cache["reports"]:
            digest, files = fingerprint
            self._cache["reports"][key] = {"digest": digest, "inputs": [list(f) for f in files]}
            self._dirty = True

    def _fingerprint(self, year: int, commune: str | None) -> dict:
        key = f"{year}|{commune or ''}"
        if key not in self._cache["reports"]:
            self.remember(year, commune, self.data.fingerprint(year, commune))
        return self._cache["reports"][key]

    def save(self) -> None:
        if self._dirty and self._basis is not None and self.processed is not None:
            text = json.dumps(self._cache, indent=1, sort_keys=True, ensure_ascii=False)
            atomic.write_text(self.processed / self.CACHE, text + "\n")


# --- the manifests read: what the last run rendered -----------------------------------------


def manifest_path(out: Path, year: int) -> Path:
    return out / str(year) / "manifest.json"


def manifest_body(out: Path, year: int) -> dict:
    """The year's whole manifest ({} when it is missing or damaged)."""
    try:
        return json.loads(manifest_path(out, year).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # missing or damaged: everything is rendered (and published) again


def read_manifest(out: Path, year: int) -> dict[str, dict]:
    """The year's report entries by report name ({} when there is no usable manifest)."""
    return manifest_body(out, year).get("reports", {})


def is_up_to_date(job: Job, key: str, entry: dict | None, out: Path) -> bool:
    if not entry or entry.get("key") != key:
        return False
    folder = out / str(job.year)
    for fmt in job.to:
        f = entry.get("outputs", {}).get(fmt)
        if not f or not (folder / f["file"]).is_file():
            return False
        if file_sha256(folder / f["file"]) != f["sha256"]:
            return False
    return True


# --- the plan -------------------------------------------------------------------------------


@dataclass
class Plan:
    """A batch's work: every job selected (``jobs``), those to render (``todo``, the
    district's first) and those up to date (``skipped``), with what decided it: the data
    (``view``), the code's fingerprint, and each year's manifest entries, which the batch
    updates as reports come in."""

    view: DataView
    years: list[int]
    jobs: list[Job]
    code: dict[str, str]
    manifests: dict[int, dict[str, dict]]
    todo: list[Job] = field(default_factory=list)
    skipped: list[Job] = field(default_factory=list)
    _keys: dict[Job, str] = field(default_factory=dict, init=False, repr=False)

    def key(self, job: Job) -> str:
        """What made ``job``'s report (:func:`job_key`), hashing its rows at most once."""
        if job not in self._keys:
            self._keys[job] = job_key(job, self.view.digest(job.year, job.commune), self.code)
        return self._keys[job]


def make_plan(
    view: DataView,
    out: Path,
    years: list[int],
    units: list[str] | None,
    lang: str,
    to: tuple[str, ...],
    force: bool,
) -> Plan:
    """The jobs of ``years`` and ``units`` (:func:`plan_jobs`); of those, every one to
    render when ``force``, else those whose report in ``out`` is missing, changed, or made
    from other data, code or parameters than now."""
    have = view.years()  # the data's registry is active from here on
    areas: tuple[str, ...] = ()
    if units is not None:
        labels = {fold_tones(a.label): a.label for a in registry.current().areas}
        areas = tuple(dict.fromkeys(labels[k] for n in units if (k := fold_tones(n)) in labels))
        named = [n for n in units if fold_tones(n) not in labels]
        units = list(dict.fromkeys(resolve_unit(n).name for n in named))
    jobs = plan_jobs(have, years, units, lang, to, view, areas)
    work = Plan(view, years, jobs, code_fingerprint(), {y: read_manifest(out, y) for y in years})
    # A report never rendered is rendered without hashing its rows first: its worker hashes
    # them (for its technical information) and sends the hashes.
    work.todo = [
        j
        for j in jobs
        if force
        or (entry := work.manifests[j.year].get(j.name)) is None
        or not is_up_to_date(j, work.key(j), entry, out)
    ]
    view.save()
    work.skipped = [j for j in jobs if j not in work.todo]
    # The district's reports, the longest, first: the batch ends sooner when the last job
    # to start is a short one.
    work.todo.sort(key=lambda j: j.commune is not None)
    return work
