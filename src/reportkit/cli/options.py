"""The options several commands share, each defined once (argparse parent parsers and
the types that check values)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_RAW = Path("data/raw")
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


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0")
    return value


def workers(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of workers (0 or more)")
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


def path_arg(
    p: argparse.ArgumentParser, flag: str, default: Path | None, metavar: str, help: str
) -> None:
    """A folder or file option: ``flag`` METAVAR, a Path (``default`` when not given)."""
    p.add_argument(flag, type=Path, default=default, metavar=metavar, help=help)


def processed_arg(p: argparse.ArgumentParser, default: str = PROCESSED_DEFAULT) -> None:
    path_arg(p, "--processed", None, "DIR", f"processed data folder (default: {default})")


def processed_folder(raw: Path, processed: Path | None) -> Path | None:
    """The processed folder for a command (``datasource.processed_dir``); a fall-back to
    the user cache is said on stderr."""
    from reportkit.data.datasource import processed_dir

    return processed_dir(raw, processed, notify=note_on_stderr)


def note_on_stderr(text: str) -> None:
    """Tell the user ``text`` on stderr, beside the command's output."""
    print(f"reportkit: note: {text}", file=sys.stderr)


def area_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--area",
        metavar="NAME",
        help="the area reported on, when the settings table does not name it (column "
        "'area'): a province, before 2025 also a district ('tỉnh Lâm Đồng', 'huyện Bắc "
        "Bình, tỉnh Bình Thuận') or its code; kept with the processed copy, so render, "
        "batch, summary and the notebooks use it",
    )


def raw_arg(p: argparse.ArgumentParser) -> None:
    path_arg(p, "--raw", DEFAULT_RAW, "DIR", "raw data folder (default: data/raw)")


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
    raw_arg(p)
    processed_arg(p)
    path_arg(p, "--out", Path("outputs"), "DIR", "output folder (default: outputs)")
    _engine_arg(p)
    _final_arg(p)
    return p
