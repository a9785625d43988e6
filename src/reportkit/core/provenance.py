"""What made an output: the source commit and the versions of the libraries involved."""

from __future__ import annotations

import subprocess
from functools import cache
from importlib import metadata

from reportkit import __version__
from reportkit.core.locations import REPO

LIBRARIES = ("pandas", "matplotlib", "papermill", "nbconvert", "jupytext", "weasyprint")
"""Libraries whose version can change what a report looks like."""


@cache
def library_versions() -> dict[str, str]:
    """reportkit's version first, then each of LIBRARIES ("absent" if not installed)."""
    versions = {"reportkit": __version__}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


@cache
def git_commit() -> str:
    """The commit of the source tree the package runs from ("-dirty" when its code,
    notebooks or templates have uncommitted changes), or "unknown" outside a checkout."""
    if not (REPO / ".git").exists():
        return "unknown"
    git = ["git", "-C", str(REPO)]
    try:
        head = subprocess.run(
            [*git, "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            [
                *git,
                "status",
                "--porcelain",
                "--untracked-files=no",
                "--",
                "src",
                "notebooks",
                "templates",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("-dirty" if dirty else "")


@cache
def body_font() -> str:
    """The serif the printed report is set in: Liberation Serif (Times New Roman metrics,
    Debian's fonts-liberation2) when fontconfig has it, else the fallback DejaVu Serif."""
    try:
        found = subprocess.run(
            ["fc-list", ":family=Liberation Serif", "family"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
    except OSError:
        found = ""
    return "Liberation Serif" if found.strip() else "DejaVu Serif"
