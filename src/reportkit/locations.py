"""Where reportkit finds its report notebooks and its nbconvert template.

Light on purpose (no notebook libraries imported), so that checking whether reports are
up to date does not pay for importing what rendering needs.

Templates, first match wins: the ``template_dir`` argument, the ``REPORTKIT_TEMPLATES``
environment variable, the repository's ``templates/`` folder. Notebooks: the
``REPORTKIT_NOTEBOOKS`` environment variable, else the repository's ``notebooks/``.
An installed wheel does not ship the repository folders, so such installs set the
variables.

Processed data of a raw folder whose own side is not writable (read-only media) goes to a
per-user cache: ``$XDG_CACHE_HOME/reportkit`` (default ``~/.cache/reportkit``).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from reportkit.errors import TemplateNotFoundError

REPO = Path(__file__).resolve().parents[2]
TEMPLATE_NAME = "reportkit"
"""Folder name of our template inside a templates directory."""
TEMPLATES_ENV = "REPORTKIT_TEMPLATES"
NOTEBOOKS_ENV = "REPORTKIT_NOTEBOOKS"
NOTEBOOKS = {"commune": "commune_report.py", "district": "district_report.py"}


def find_template_dir(template_dir: Path | None = None) -> Path:
    """The folder holding ``reportkit/conf.json``: argument, then env var, then repo."""
    if template_dir is not None:
        folder = Path(template_dir)
    elif os.environ.get(TEMPLATES_ENV):
        folder = Path(os.environ[TEMPLATES_ENV])
    else:
        folder = REPO / "templates"
    if (folder / TEMPLATE_NAME / "conf.json").is_file():
        return folder
    raise TemplateNotFoundError(
        f"no {TEMPLATE_NAME!r} nbconvert template in {folder}; pass template_dir= "
        f"or set {TEMPLATES_ENV} to the folder that contains {TEMPLATE_NAME}/"
    )


def notebooks_dir() -> Path:
    return Path(os.environ.get(NOTEBOOKS_ENV) or REPO / "notebooks")


def notebook_path(kind: str) -> Path:
    path = notebooks_dir() / NOTEBOOKS[kind]
    if not path.is_file():
        raise FileNotFoundError(f"report notebook not found: {path} (set {NOTEBOOKS_ENV})")
    return path


def user_cache_dir() -> Path:
    """reportkit's per-user cache: $XDG_CACHE_HOME/reportkit (default ~/.cache/reportkit)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reportkit"


def cached_processed_dir(raw: Path) -> Path:
    """The processed folder of ``raw`` in the user cache, one per raw folder: named by a
    hash of the raw folder's absolute path."""
    key = hashlib.sha256(str(Path(raw).resolve()).encode("utf-8")).hexdigest()[:16]
    return user_cache_dir() / key
