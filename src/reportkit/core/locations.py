"""Where reportkit finds its report notebooks, its nbconvert template and the raw data a
notebook reads by default.

Light on purpose (no notebook libraries imported), so that checking whether reports are
up to date does not pay for importing what rendering needs.

Templates, first match wins: the ``template_dir`` argument, the ``REPORTKIT_TEMPLATES``
environment variable, the repository's ``templates/`` folder. Notebooks: the
``REPORTKIT_NOTEBOOKS`` environment variable, else the repository's ``notebooks/``.
An installed wheel does not ship the repository folders, so such installs set the
variables.

The raw data of a report notebook whose ``data_dir`` parameter is None (its default):
the ``REPORTKIT_DATA_DIR`` environment variable, else the project's ``data/raw``, the
project being the nearest folder at or above the working directory whose pyproject.toml
names the project ``reportkit``, else the checkout this package runs from. So a notebook
finds its data wherever papermill or JupyterLab runs it: from the repository root, from
``notebooks/``, from another folder of the checkout.

Processed data of a raw folder whose own side is not writable (read-only media) goes to a
per-user cache: ``$XDG_CACHE_HOME/reportkit`` (default ``~/.cache/reportkit``).
"""

from __future__ import annotations

import hashlib
import os
import tomllib
from pathlib import Path

from reportkit.core.errors import InputError, TemplateNotFoundError

REPO = Path(__file__).resolve().parents[3]
TEMPLATE_NAME = "reportkit"
"""Folder name of our template inside a templates directory."""
TEMPLATES_ENV = "REPORTKIT_TEMPLATES"
NOTEBOOKS_ENV = "REPORTKIT_NOTEBOOKS"
NOTEBOOK = "annual_report.py"  # one notebook: a unit's report, or its area's (commune None)
DATA_ENV = "REPORTKIT_DATA_DIR"
PROJECT_NAME = "reportkit"


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


def notebook_path() -> Path:
    path = notebooks_dir() / NOTEBOOK
    if not path.is_file():
        raise FileNotFoundError(f"report notebook not found: {path} (set {NOTEBOOKS_ENV})")
    return path


def project_root() -> Path | None:
    """The reportkit project the working directory belongs to: the nearest folder at or
    above it whose pyproject.toml names the project ``reportkit``; else the checkout this
    package runs from (an editable install); None when neither is one."""
    cwd = Path.cwd()
    for folder in (cwd, *cwd.parents, REPO):
        if _names_the_project(folder / "pyproject.toml"):
            return folder
    return None


def _names_the_project(pyproject: Path) -> bool:
    try:
        with pyproject.open("rb") as fh:
            project = tomllib.load(fh).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return False
    return isinstance(project, dict) and project.get("name") == PROJECT_NAME


def default_data_dir() -> str:
    """The raw folder a report notebook reads when its ``data_dir`` parameter is None:
    ``$REPORTKIT_DATA_DIR``, else the project's ``data/raw`` (:func:`project_root`).

    Returned relative to the working directory, where the notebook runs, so that the
    executed notebook and the report hold no absolute path. InputError, one line naming
    the folder and where it came from, when it is not a folder.
    """
    cwd = Path.cwd()
    if value := os.environ.get(DATA_ENV):
        folder, origin = cwd / Path(value).expanduser(), f"set by {DATA_ENV}"
    else:
        root = project_root()
        if root is None:
            raise InputError(
                f"no raw data folder: {cwd} is not inside the reportkit project and "
                f"{DATA_ENV} is not set; pass data_dir"
            )
        folder, origin = root / "data" / "raw", "the project's data/raw"
    if not folder.is_dir():
        shown = value if value else folder
        raise InputError(f"raw data folder not found: {shown} ({origin})")
    return relative_path(folder, cwd)


def relative_path(path: Path, start: Path) -> str:
    """``path`` relative to ``start``: how paths appear in notebooks and reports, which
    never hold an absolute one."""
    return os.path.relpath(Path(path).resolve(), Path(start).resolve())


def user_cache_dir() -> Path:
    """reportkit's per-user cache: $XDG_CACHE_HOME/reportkit (default ~/.cache/reportkit)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reportkit"


def cached_processed_dir(raw: Path) -> Path:
    """The processed folder of ``raw`` in the user cache, one per raw folder: named by a
    hash of the raw folder's absolute path."""
    key = hashlib.sha256(str(Path(raw).resolve()).encode("utf-8")).hexdigest()[:16]
    return user_cache_dir() / key
