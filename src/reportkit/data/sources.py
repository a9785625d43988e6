"""The raw folder's files and whether a processed copy was made from them.

Which files feed which table (found by name prefix), their SHA-256, where the processed
copy of a raw folder goes by default, and the check that a processed copy is current (same
raw files, same package). Light on purpose (no pandas), so
that a batch with nothing to render finds so without importing the data libraries;
``reportkit.data.read`` and ``reportkit.data.prepare`` re-export these names.
"""

from __future__ import annotations

import errno
import hashlib
import json
import re
import stat
from functools import cache
from pathlib import Path

from reportkit import __version__
from reportkit.core.errors import InputError

TABLES = (
    "households",
    "population",
    "budget",
    "trainings",
    "monitoring",
    "targets",
    "commentary",
    "settings",
    "units",
)
MANIFEST = "manifest.json"
REGISTRY = "registry.json"
"""The processed copy's units (reportkit.data.registry.serial): those it was cleaned against."""
"""The processed copy's manifest: the raw files' SHA-256 and the package that made it."""


def default_processed_dir(data_dir: Path) -> Path | None:
    """data/raw → data/processed; any other raw folder is cleaned in memory only."""
    return data_dir.parent / "processed" if data_dir.name == "raw" else None


def discover(raw_dir: Path) -> dict[str, list[Path]]:
    """Files of each table in ``raw_dir``, found by name prefix, sorted by name.

    Every entry with a table's prefix is listed, whatever its suffix (households_2023.pdf
    too) and whatever it is (a folder, a broken link): :func:`reportkit.data.read.read_table`
    reports one it cannot read rather than skipping it silently. Hidden entries and Office
    lock files (~$…) are not listed, nor are entries without a table's prefix.
    """
    if not raw_dir.is_dir():
        raise InputError(f"raw data folder not found: {raw_dir}")
    found: dict[str, list[Path]] = {t: [] for t in TABLES}
    for path in sorted(raw_dir.iterdir(), key=lambda p: p.name):
        name = path.name.lower()
        if name.startswith(("~$", ".")):
            continue
        for table in TABLES:
            if name.startswith(table):
                found[table].append(path)
                break
    return found


def not_a_file(path: Path) -> str | None:
    """Why the raw folder's entry ``path`` is not a file that can be read (a folder, a link
    to nothing or to itself, a device or pipe), in a few words; None for a regular file."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a link that leads back to itself"
        if exc.errno == errno.ENOENT:
            return "a link to a file that does not exist"
        return f"cannot be opened ({exc.strerror})"
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    return None if stat.S_ISREG(mode) else "not a regular file"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@cache
def source_fingerprint() -> str:
    """SHA-256 of the package's own code and rules (*.py, *.toml): processed data and
    reports made by other code are stale even when the version number did not change."""
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for p in sorted(q for q in package.rglob("*") if q.suffix in (".py", ".toml")):
        h.update(p.relative_to(package).as_posix().encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def raw_fingerprint(raw_dir: Path) -> dict[str, str]:
    return sources(discover(raw_dir))


def sources(files: dict[str, list[Path]]) -> dict[str, str]:
    """Raw file name → SHA-256 of its bytes; "unreadable" for an entry that is not a file
    or cannot be opened (its validation row says why; a pipe is never opened)."""
    out = {}
    for path in (p for name in TABLES for p in files[name]):
        try:
            out[path.name] = "unreadable" if not_a_file(path) else file_sha256(path)
        except OSError:
            out[path.name] = "unreadable"
    return out


def is_current(processed_dir: Path, raw_dir: Path) -> bool:
    """True when processed_dir was made from exactly the raw files now in raw_dir."""
    path = processed_dir / MANIFEST
    if not path.exists():
        return False
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if manifest.get("reportkit_version") != __version__:
        return False
    if manifest.get("reportkit_source") != source_fingerprint():
        return False
    if not all((processed_dir / f"{t}.parquet").exists() for t in TABLES):
        return False
    if not (processed_dir / REGISTRY).exists():
        return False
    return manifest.get("sources") == raw_fingerprint(raw_dir)


# A year in a file name (households_2023.csv): four digits standing alone, 19xx or 20xx.
_FILE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def file_year(name: str) -> int | None:
    """The review year a file's name carries (households_2023.csv → 2023); None when it
    names no year or more than one (budget_2021-2025.csv)."""
    years = set(_FILE_YEAR.findall(Path(name).stem))
    return int(years.pop()) if len(years) == 1 else None
