"""The options several commands share, each defined once (argparse parent parsers and
the types that check values)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_RAW = Path("data/raw")
DEFAULT_PROCESSED = Path("data/processed")
SUMMARY_TABLES = ("households", "budget", "trainings", "monitoring", "former_district")


def _final_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--final",
        action="store_true",
        help="the version to sign: refuse to render a report whose officials' commentary "
        "(the commentary table) is still missing, and list what is missing",
    )


def _engine_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--engine",
        choices=("inprocess", "kernel"),
        default="inprocess",
        help="run notebook cells in the rendering process (default, fast) or in a "
        "separate Jupyter kernel as JupyterLab does (same output)",
    )


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0")
    return value


def _to_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--to",
        default="html,pdf,docx",
        type=_formats,
        metavar="html,pdf,docx",
        help="output formats, comma-separated: html, pdf, docx (Word) (default: all three)",
    )


def _formats(text: str) -> tuple[str, ...]:
    from reportkit.run.render import FORMATS

    formats = tuple(f.strip() for f in text.split(",") if f.strip())
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise argparse.ArgumentTypeError(
            f"unknown format {','.join(bad) or text!r}; use {','.join(FORMATS)}"
        )
    return formats


PROCESSED_DEFAULT = (
    "beside the raw folder, data/raw → data/processed; when that is not writable, "
    "$XDG_CACHE_HOME/reportkit/… (~/.cache); a raw folder not named 'raw' is cleaned in memory"
)


def _processed_arg(p: argparse.ArgumentParser, default: str = PROCESSED_DEFAULT) -> None:
    p.add_argument(
        "--processed",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"processed data folder (default: {default})",
    )


def _processed(raw: Path, processed: Path | None) -> Path | None:
    """The processed folder for a command (``datasource.processed_dir``); a fall-back to
    the user cache is said on stderr."""
    from reportkit.data.datasource import processed_dir

    return processed_dir(raw, processed, notify=_note)


def _note(text: str) -> None:
    """Tell the user ``text`` on stderr, beside the command's output."""
    print(f"reportkit: note: {text}", file=sys.stderr)


def _area_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--area",
        metavar="NAME",
        help="the area reported on, when the settings table does not name it (column "
        "'area'): a province, before 2025 also a district ('tỉnh Lâm Đồng', 'huyện Hàm "
        "Thuận Nam, tỉnh Bình Thuận') or its code; kept with the processed copy, so render, "
        "batch, summary and the notebooks use it",
    )


def _raw_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--raw",
        type=Path,
        default=DEFAULT_RAW,
        metavar="DIR",
        help="raw data folder (default: data/raw)",
    )


def one_line(exc: BaseException) -> str:
    """The first line of an error's message (its type's name when it has none)."""
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def rendering_options() -> argparse.ArgumentParser:
    """How reports are rendered — formats, language, folders, engine, --final: the options
    ``render`` and ``batch`` share (an argparse parent parser)."""
    p = argparse.ArgumentParser(add_help=False)
    _to_arg(p)
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="report language")
    _raw_arg(p)
    _processed_arg(p)
    p.add_argument(
        "--out",
        type=Path,
        default=Path("outputs"),
        metavar="DIR",
        help="output folder (default: outputs)",
    )
    _engine_arg(p)
    _final_arg(p)
    return p
