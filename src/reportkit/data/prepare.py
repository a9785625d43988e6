"""The pipeline from data/raw to data/processed: read → clean → validate → classify.

``prepare`` returns a :class:`Dataset` (typed tables + the validation table) and, when
asked, writes it as Parquet files plus validation.csv and a manifest of the raw files'
SHA-256. ``load`` gives the processed dataset, re-preparing only when the raw files (or
the package version) changed since the processed copy was made.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa

from reportkit import __version__, domain
from reportkit.core import atomic
from reportkit.data import registry
from reportkit.data.classify import add_rule_status, status_mismatch_problems
from reportkit.data.clean import CleanTable, clean_table
from reportkit.data.crosswalk import date_units, unassigned_villages, units_with_rows
from reportkit.data.problems import InputError, Problem, ProblemLog, problems_for_rows
from reportkit.data.read import read_table
from reportkit.data.registry.serial import registry_from_json, registry_to_json
from reportkit.data.registry.table import area_specs, declarations
from reportkit.data.sources import (  # noqa: F401 - re-exported
    MANIFEST,
    REGISTRY,
    TABLES,
    default_processed_dir,
    discover,
    file_sha256,
    is_current,
    raw_fingerprint,
    source_fingerprint,
)
from reportkit.data.sources import sources as _sources
from reportkit.data.validate import (
    validate_budget,
    validate_households,
    validate_monitoring,
    validate_population,
    validate_settings,
    validate_targets,
    validate_trainings,
)

VALIDATION = "validation.csv"

Fingerprint = tuple[str, list[tuple[str, int, str]]]
"""A report's data digest, and per input file: (name, rows read, SHA-256 of those rows)."""


@dataclass(frozen=True)
class TableCounts:
    files: int
    read: int
    kept: int
    rejected: int
    errors: int
    warnings: int


@dataclass
class Dataset:
    """Every cleaned table, the validation table, and what the data was made from."""

    tables: dict[str, pd.DataFrame]
    validation: pd.DataFrame
    sources: dict[str, str]  # raw file name → SHA-256
    counts: dict[str, TableCounts] = field(default_factory=dict)
    registry: registry.Registry | None = None  # the units of its raw folder (None: the active)
    _fingerprints: dict[tuple[int, str | None], Fingerprint] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    # What figures compute from the tables once (a dataset is not changed once made).
    memo: dict[object, object] = field(default_factory=dict, init=False, repr=False, compare=False)
    _figures: dict[tuple[object, ...], pd.DataFrame] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    @property
    def households(self) -> pd.DataFrame:
        return self.tables["households"]

    @property
    def synthetic(self) -> bool:
        """True when the rows come from a synthetic-data generator: its ``source`` column
        says "synthetic-…" (the demo data, the benchmarks). Such reports carry the
        "Dữ liệu minh họa / Synthetic demo data" mark on every page."""
        hh = self.households
        if "source" not in hh.columns:
            return False
        return bool(hh["source"].astype(str).str.startswith("synthetic").any())

    def years(self) -> list[int]:
        return sorted(int(y) for y in self.households["year"].dropna().unique())

    def rows_read_by(self, year: int, commune: str | None) -> dict[str, pd.DataFrame]:
        """The rows a report of ``commune`` (None = the district) for ``year`` reads: that
        unit's rows of review years up to ``year`` — for the years before a successor
        commune existed, its predecessors' rows (its lineage) — or every unit's and the
        district-level ones for None, per table, plus its validation rows under
        "validation"."""
        parts = None if commune is None else _lineage_names(commune, year)
        out: dict[str, pd.DataFrame] = {}
        for name, frame in self.tables.items():
            out[name] = frame.loc[_read_by(frame, year, parts)]
        v = self.validation
        if not v.empty:
            v = v.loc[v["year"].isna() | _read_by(v, year, parts)]
        out["validation"] = v
        return out

    def fingerprint(self, year: int, commune: str | None) -> Fingerprint:
        """Content hash of the data a report reads, and per input file: (name, rows read,
        SHA-256 of those rows). Independent of other units' rows, so a change to one unit
        re-renders only that unit and the district. Kept once computed (a dataset is not
        changed once made): the hashes a batch computes to plan its jobs travel to its
        workers with the data, and the report's technical information reuses them."""
        key = (year, commune)
        if key not in self._fingerprints:
            self._fingerprints[key] = self._fingerprint(year, commune)
        digest, files = self._fingerprints[key]
        return digest, list(files)

    def figures(self, key: tuple[object, ...], compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        """A copy of the table ``compute()`` made, kept under ``key`` (a dataset is not
        changed once made): the figures of every unit that each report reads (the district's
        units of a year, its budget lines) are computed once per dataset, so once per batch
        worker rather than once per report."""
        if key not in self._figures:
            self._figures[key] = compute()
        return self._figures[key].copy()

    def _fingerprint(self, year: int, commune: str | None) -> Fingerprint:
        digest = hashlib.sha256()
        per_file: list[tuple[str, int, str]] = []
        for name, frame in self.rows_read_by(year, commune).items():
            canonical = _canonical(frame)  # once: its rows of each file are rows of it
            text = _csv(canonical)
            digest.update(name.encode() + b"\0" + text.encode("utf-8"))
            if name == "validation" or frame.empty:
                continue
            for file, rows in canonical.groupby(frame["_file"], sort=True):
                sha = hashlib.sha256(_csv(rows).encode("utf-8")).hexdigest()
                per_file.append((str(file), len(rows), sha))
        return digest.hexdigest(), sorted(per_file)


def _lineage_names(commune: str, year: int) -> dict[int, set[str]]:
    """Review year → names of the units making up ``commune``'s area that year (the unit
    of that name valid in ``year`` and, before it existed, its predecessors)."""
    unit = registry.unit_in_year(commune, year)
    first = min(s.first_review_year for s in domain.standards())  # no rows before it
    if unit is None:
        return {y: {commune} for y in range(first, year + 1)}
    return {y: {u.name for u in registry.lineage_in(unit, y)} for y in range(first, year + 1)}


def _read_by(frame: pd.DataFrame, year: int, parts: dict[int, set[str]] | None) -> pd.Series:
    """Rows of review years up to ``year`` and, with ``parts``, of those units that year;
    every row of a table without years (the units table: every report reads it)."""
    if "year" not in frame.columns:
        return pd.Series(True, index=frame.index)
    years = frame["year"]
    sel = (years <= year).fillna(False).astype(bool)
    if parts is None:
        return sel
    years_of: dict[frozenset[str], list[int]] = {}  # the years of each set of units
    for y, names in parts.items():
        years_of.setdefault(frozenset(names), []).append(y)
    unit_rows = pd.Series(False, index=frame.index)
    for names, ys in years_of.items():
        unit_rows |= years.isin(ys).fillna(False).astype(bool) & frame["commune"].isin(names)
    return sel & unit_rows


def _canonical(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in a stable form: sorted columns, categorical as text."""
    frame = frame[sorted(frame.columns)]
    return frame.astype({c: object for c in frame.columns if str(frame[c].dtype) == "category"})


def _csv(frame: pd.DataFrame) -> str:
    """The text of canonical rows (:func:`_canonical`): no index."""
    return frame.to_csv(index=False, lineterminator="\n")


def units_of(
    files: dict[str, list[Path]], area: str | None = None
) -> tuple[registry.Registry, CleanTable, list[Problem]]:
    """The registry of a raw folder's ``files`` (its settings' area, or ``area``, and its
    units table), the cleaned units table and the problems the table's rows raise."""
    units = clean_table(read_table("units", files["units"]))
    decls, bad = declarations(units.frame)
    settings = read_table("settings", files["settings"]).frame
    reg, contradictions = registry.build(area_specs(settings, area), decls)
    return reg, units, bad + contradictions


def prepare(raw_dir: Path, *, strict: bool = True, area: str | None = None) -> Dataset:
    """Read, clean, validate and classify every table found in ``raw_dir``.

    Every problem becomes a row of the validation table. With ``strict`` (the default, for
    reports) a required table (households, population) without a file or without usable
    rows raises InputError, one line naming the first cause; with ``strict=False`` (the
    validate command) that too is only a validation row, and the Dataset is returned.
    A missing raw folder, or one naming no area (settings ``area``, ``area``, or the
    parent of a units table), always raises InputError. The units are those of the area:
    the registry built becomes the active one.
    """
    files = discover(raw_dir)
    reg, units_table, unit_problems = units_of(files, area)
    if not reg.areas:
        raise InputError(
            f"{raw_dir}: no area named: add a column 'area' (Địa bàn) to the settings table "
            "naming the province, or before 2025 the district (e.g. 'tỉnh Lâm Đồng', "
            "'huyện Bắc Bình, tỉnh Bình Thuận'), or give --area"
        )
    registry.activate(reg)
    unfound: list[Problem] = []
    for name, schema in domain.tables().items():
        if schema.required_table and not files[name]:
            msg = f"{raw_dir}: no {name} file found (expected {name}*.csv, .xlsx, .xls or .ods)"
            if strict:
                raise InputError(msg)
            unfound.append(Problem(name, "", None, None, None, "error", "missing_table", msg))
    cleaned: dict[str, CleanTable] = {}
    raw_counts: dict[str, tuple[int, int]] = {}
    for name in TABLES:
        raw = read_table(name, files[name])
        raw_counts[name] = (len(files[name]), raw.rows_read)
        if name == "units":
            cleaned[name] = CleanTable(
                name, units_table.frame, units_table.rejected, units_table.problems + unit_problems
            )
            continue
        cleaned[name] = clean_table(raw)
        del raw
        # The raw text cells are Arrow strings: hand their memory back to the system now
        # rather than keep it in Arrow's pool (a 2-million-row table holds about 1 GB).
        pa.default_memory_pool().release_unused()
    # Rows of units outside the area count where a unit with data took them in.
    with_data = units_with_rows(cleaned["households"].frame)
    with_data |= units_with_rows(cleaned["population"].frame)
    for name in TABLES:
        if name != "units":
            cleaned[name] = date_units(cleaned[name], with_data)
    hh = validate_households(cleaned["households"], cleaned["population"].frame)
    split = unassigned_villages(hh.frame, with_data)
    hh = CleanTable(hh.name, hh.frame, hh.rejected, hh.problems + split)
    hh, no_standard = _drop_years_without_standard(hh)
    cleaned["households"] = hh
    cleaned["population"] = validate_population(cleaned["population"], hh.frame)
    cleaned["budget"] = validate_budget(cleaned["budget"])
    cleaned["trainings"] = validate_trainings(cleaned["trainings"])
    cleaned["monitoring"] = validate_monitoring(cleaned["monitoring"])
    cleaned["targets"] = validate_targets(cleaned["targets"])
    cleaned["settings"] = validate_settings(cleaned["settings"])
    for name, schema in domain.tables().items():
        if strict and schema.required_table and cleaned[name].frame.empty:
            first = next((p.message for p in cleaned[name].problems if p.severity == "error"), "")
            raise InputError(
                " ".join(f"no usable {name} rows in {raw_dir}: {first}".split()).rstrip(":")
            )

    households = add_rule_status(cleaned["households"].frame)
    mismatches = status_mismatch_problems(households)
    log = ProblemLog()
    counts: dict[str, TableCounts] = {}
    for name in TABLES:
        t = cleaned[name]
        extra = mismatches if name == "households" else []
        problems = [p for p in unfound if p.table == name] + t.problems + extra
        problems += no_standard if name == "households" else []
        log.extend(problems)
        n_files, n_read = raw_counts[name]
        counts[name] = TableCounts(
            files=n_files,
            read=n_read,
            kept=len(t.frame),
            rejected=n_read - len(t.frame),
            errors=sum(p.severity == "error" for p in problems),
            warnings=sum(p.severity == "warning" for p in problems),
        )
    tables = {name: cleaned[name].frame for name in TABLES}
    tables["households"] = households
    sources = _sources(files)
    return Dataset(
        tables=tables, validation=log.to_frame(), sources=sources, counts=counts, registry=reg
    )


def _drop_years_without_standard(t: CleanTable) -> tuple[CleanTable, list[Problem]]:
    covered = {
        y for s in domain.standards() for y in range(s.first_review_year, s.last_review_year + 1)
    }
    bad = ~t.frame["year"].isin(covered)
    if not bad.any():
        return t, []
    rows = t.frame.loc[bad]
    msg = "no verified poverty standard covers this review year; row left out of the figures"
    problems = problems_for_rows(
        rows, t.name, "year", "error", msg, rows["year"], check="no_standard"
    )
    kept = CleanTable(t.name, t.frame.loc[~bad].reset_index(drop=True), t.rejected, t.problems)
    return kept, problems


def write_processed(
    data: Dataset, processed_dir: Path, raw_dir: Path, area: str | None = None
) -> None:
    """Write each table as Parquet, validation.csv, the registry and the manifest (all
    atomically); the manifest keeps ``area`` (the option the data was prepared with)."""
    processed_dir.mkdir(parents=True, exist_ok=True)
    for name, frame in data.tables.items():
        atomic.write_with(processed_dir / f"{name}.parquet", lambda p, f=frame: _to_parquet(f, p))
    buf = io.StringIO()
    data.validation.to_csv(buf, index=False, lineterminator="\n")
    atomic.write_text(processed_dir / VALIDATION, buf.getvalue())
    if data.registry is not None:
        atomic.write_text(processed_dir / REGISTRY, registry_to_json(data.registry))
    manifest = {
        "reportkit_version": __version__,
        "reportkit_source": source_fingerprint(),
        "raw_dir": raw_dir.name,
        "sources": data.sources,
        "area": area,
        "counts": {k: vars(v) for k, v in data.counts.items()},
    }
    atomic.write_text(
        processed_dir / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    )


def _to_parquet(frame: pd.DataFrame, path: Path) -> None:
    frame.to_parquet(path, index=False)


def read_processed(processed_dir: Path) -> Dataset:
    manifest = json.loads((processed_dir / MANIFEST).read_text(encoding="utf-8"))
    tables = {t: pd.read_parquet(processed_dir / f"{t}.parquet") for t in TABLES}
    validation = pd.read_csv(processed_dir / VALIDATION, dtype={"value": str, "column": str})
    validation = validation.astype(object).where(validation.notna(), None)
    for col in ("row", "year"):  # whole numbers or None, as in a freshly prepared table
        validation[col] = pd.Series(
            [None if v is None else int(v) for v in validation[col]],
            dtype=object,
            index=validation.index,
        )
    counts = {k: TableCounts(**v) for k, v in manifest.get("counts", {}).items()}
    reg = registry_from_json((processed_dir / REGISTRY).read_text(encoding="utf-8"))
    registry.activate(reg)
    return Dataset(
        tables=tables,
        validation=validation,
        sources=manifest["sources"],
        counts=counts,
        registry=reg,
    )


def _prepared_area(processed_dir: Path | None) -> str | None:
    """The ``--area`` a processed copy was prepared with (None: none, or no copy)."""
    if processed_dir is None:
        return None
    try:
        manifest = json.loads((processed_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    area = manifest.get("area") if isinstance(manifest, dict) else None
    return area if isinstance(area, str) else None


def load(
    raw_dir: Path,
    processed_dir: Path | None = None,
    *,
    write: bool = True,
    area: str | None = None,
) -> Dataset:
    """The dataset of ``raw_dir``: from ``processed_dir`` when it is current (and made for
    the same ``area``), otherwise prepared afresh (and written there when ``write``).
    ``area`` None: the area the processed copy was prepared with (``reportkit prepare
    --area``), else the settings'. Without processed_dir, in memory. Its registry becomes
    the active one."""
    made_for = _prepared_area(processed_dir)
    area = made_for if area is None else area
    if processed_dir is not None and is_current(processed_dir, raw_dir) and area == made_for:
        return read_processed(processed_dir)
    data = prepare(raw_dir, area=area)
    if processed_dir is not None and write:
        write_processed(data, processed_dir, raw_dir, area=area)
    return data
