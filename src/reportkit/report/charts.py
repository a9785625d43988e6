"""Report charts: plain pandas/sequence data in, a deterministic embedded SVG out.

Every helper returns an :class:`IPython.display.SVG`, so a notebook cell that ends with
``line_chart(...)`` shows the chart inline, and nbconvert embeds it in the HTML/PDF as an
image with no external file. The SVG bytes depend only on the arguments:

- a fixed ``svg.hashsalt`` gives stable clip-path/element ids;
- ``metadata={"Date": None, "Creator": None}`` drops the timestamp and version string;
- text stays text (``svg.fonttype = "none"``), set in DejaVu Sans, which covers
  Vietnamese: matplotlib lays the chart out with that font's metrics, and WeasyPrint (the
  PDF), librsvg (Word's pictures) and browsers draw the text with it; a browser without
  DejaVu Sans takes the next family named (Verdana, Arial, then any sans-serif). In the
  PDF, chart labels are real text, which can be searched and copied. Text drawn as glyph
  outlines instead (``svg.fonttype = "path"``) made every letter a path that WeasyPrint
  parses and draws on its own: a report's PDF took half as long again to make, and its
  HTML page was 2.6 times as big;
- figures are built with the object API (``matplotlib.figure.Figure``), never registered
  with pyplot: the notebook's backend is left alone, nothing is auto-displayed, and no
  ``<Figure size ...>`` repr or second copy of the chart leaks into the outputs.

Numbers on bars and axes follow ``lang`` (``"vi"``: ``47,5``; ``"en"``: ``47.5``) unless a
``value_fmt`` callback is given, e.g. ``value_fmt=lambda v: fmt_pct(v, "vi")``.
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, ParamSpec

import matplotlib
import pandas as pd
from IPython.display import SVG
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter

from reportkit.core.numfmt import Lang, fmt_dec, fmt_int
from reportkit.core.stages import stage

ValueFormatter = Callable[[float], str]
P = ParamSpec("P")

FIG_WIDTH_IN = 165 / 25.4
"""The width of the A4 text block (210 mm − 30 mm − 15 mm margins = 165 mm, Decree 30), so
that a chart prints at the size it is drawn: its text at the point sizes set here."""

FIG_HEIGHT_IN = 3.6

PALETTE = ("#1f5f8b", "#e07b39", "#4c9a5f", "#8c6bb1", "#c0392b", "#7f8c8d")
"""Series colours, in order; print-safe and distinguishable in greyscale by lightness."""

TOTAL_COLOR = "#1f5f8b"
DECREASE_COLOR = "#4c9a5f"  # fewer poor households: the programme's goal
INCREASE_COLOR = "#c0392b"

_RC: dict[str, Any] = {
    "svg.hashsalt": "reportkit",
    "svg.fonttype": "none",
    "svg.image_inline": True,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Verdana", "Arial"],
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "figure.dpi": 100,
    "savefig.dpi": 300,  # for any raster element; text and shapes stay vector
}

_SVG_METADATA = {"Date": None, "Creator": None}


@contextmanager
def _style() -> Iterator[None]:
    """Apply the report style for one chart without touching the caller's rcParams."""
    with matplotlib.rc_context(_RC):
        yield


def _timed(chart: Callable[P, SVG]) -> Callable[P, SVG]:
    """Count the time spent in ``chart`` as the "charts" stage (reportkit.core.stages)."""

    @functools.wraps(chart)
    def timed(*args: P.args, **kwargs: P.kwargs) -> SVG:
        with stage("charts"):
            return chart(*args, **kwargs)

    return timed


def _to_svg(fig: Figure) -> SVG:
    """Serialise ``fig`` to deterministic SVG (the figure is then garbage)."""
    fig.tight_layout()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata=_SVG_METADATA)
    return SVG(data=buffer.getvalue())


def _decimals_needed(values: Sequence[float], max_digits: int = 2) -> int:
    """Fewest decimals (≤ ``max_digits``) that show every value in ``values`` exactly."""
    needed = 0
    for value in values:
        if not math.isfinite(value):
            continue
        exponent = Decimal(str(round(value, max_digits))).normalize().as_tuple().exponent
        needed = max(needed, -exponent if isinstance(exponent, int) else 0)
    return min(needed, max_digits)


def number_formatter(lang: Lang, digits: int | None = None) -> ValueFormatter:
    """A value-label formatter in ``lang``'s format; ``digits=None`` means "as needed, ≤ 2"."""

    def fmt(value: float) -> str:
        d = _decimals_needed([value]) if digits is None else digits
        return fmt_int(value, lang) if d == 0 else fmt_dec(value, d, lang)

    return fmt


class _LangTickFormatter(Formatter):
    """Axis ticks in ``lang``'s number format, with one decimal count for the whole axis."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.digits = 0

    def set_locs(self, locs: Sequence[float]) -> None:
        super().set_locs(locs)
        self.digits = _decimals_needed(list(locs))

    def __call__(self, x: float, pos: int | None = None) -> str:
        if self.digits == 0:
            return fmt_int(x, self.lang)
        return fmt_dec(x, self.digits, self.lang)


def _new_axes(title: str) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(FIG_WIDTH_IN, FIG_HEIGHT_IN))
    ax = fig.subplots()
    if title:
        ax.set_title(title, loc="left")
    return fig, ax


@_timed
def line_chart(
    df: pd.DataFrame,
    x: str,
    ys: Sequence[str],
    labels: Sequence[str] | None = None,
    title: str = "",
    ylabel: str = "",
    *,
    lang: Lang = "vi",
    value_fmt: ValueFormatter | None = None,
    marks: Sequence[tuple[float, str]] = (),
) -> SVG:
    """Lines of ``df[ys]`` over ``df[x]`` (e.g. poverty and near-poor rates by review year).

    Each point is labelled with ``value_fmt`` (default: ``lang``'s number format); the
    x axis shows exactly the values of ``df[x]`` (years are never interpolated).
    ``marks`` (x, text): dashed vertical lines at x with their text, e.g. where a unit's
    boundary changed (the 2025 merger) or a new poverty standard began.
    """
    labels = list(labels) if labels is not None else [str(y) for y in ys]
    if len(labels) != len(ys):
        raise ValueError(f"{len(ys)} series but {len(labels)} labels")
    fmt = value_fmt or number_formatter(lang)
    with _style():
        fig, ax = _new_axes(title)
        xs = list(df[x])
        series = [[float(v) for v in df[column]] for column in ys]
        # At each x the highest value is labelled above its point, the others below theirs,
        # so the labels of two close lines never overlap.
        top = [
            max(vals, key=lambda v: v if math.isfinite(v) else -math.inf)
            for vals in zip(*series, strict=True)
        ]
        for i, (values, label) in enumerate(zip(series, labels, strict=True)):
            ax.plot(xs, values, marker="o", color=PALETTE[i % len(PALETTE)], label=label)
            for j, (xv, yv) in enumerate(zip(xs, values, strict=True)):
                if math.isfinite(yv):
                    above = yv == top[j] and (i == 0 or yv not in [s[j] for s in series[:i]])
                    ax.annotate(
                        fmt(yv),
                        (xv, yv),
                        textcoords="offset points",
                        xytext=(0, 6) if above else (0, -7),
                        ha="center",
                        va="bottom" if above else "top",
                        fontsize=8,
                    )
        ax.set_xticks(xs, [str(v) for v in xs])
        ax.yaxis.set_major_formatter(_LangTickFormatter(lang))
        ax.set_ylabel(ylabel)
        ax.margins(y=0.15)
        if marks:  # room above the data for the marks' text, one row each
            ax.margins(y=0.15 + 0.12 * len(marks))
        for i, (at, text) in enumerate(marks):
            ax.axvline(at, color="#666666", linestyle="--", linewidth=0.8)
            ax.annotate(
                text,
                (at, 0.98 - 0.07 * i),
                xycoords=("data", "axes fraction"),
                xytext=(-3, 0),
                textcoords="offset points",
                ha="right",
                va="top",
                fontsize=7,
                color="#444444",
            )
        if len(ys) > 1:
            ax.legend(frameon=False)
        return _to_svg(fig)


@_timed
def bar_chart(
    categories: Sequence[str],
    values: Sequence[float],
    title: str = "",
    horizontal: bool = True,
    value_fmt: ValueFormatter | None = None,
    *,
    lang: Lang = "vi",
    axis_label: str = "",
) -> SVG:
    """One bar per category (e.g. share of households deprived in each indicator).

    Horizontal bars read top to bottom in the order given; each bar carries its value.
    """
    if len(categories) != len(values):
        raise ValueError(f"{len(categories)} categories but {len(values)} values")
    fmt = value_fmt or number_formatter(lang)
    with _style():
        height = max(FIG_HEIGHT_IN, 0.8 + 0.32 * len(categories)) if horizontal else FIG_HEIGHT_IN
        fig = Figure(figsize=(FIG_WIDTH_IN, height))
        ax = fig.subplots()
        if title:
            ax.set_title(title, loc="left")
        positions = range(len(categories))
        floats = [float(v) for v in values]
        if horizontal:
            bars = ax.barh(positions, floats, color=PALETTE[0])
            ax.set_yticks(list(positions), list(categories))
            ax.invert_yaxis()  # first category on top, as in the table beside it
            ax.xaxis.set_major_formatter(_LangTickFormatter(lang))
            ax.set_xlabel(axis_label)
            ax.margins(x=0.12)
        else:
            bars = ax.bar(positions, floats, color=PALETTE[0])
            ax.set_xticks(list(positions), list(categories))
            ax.yaxis.set_major_formatter(_LangTickFormatter(lang))
            ax.set_ylabel(axis_label)
            ax.margins(y=0.12)
        ax.bar_label(bars, labels=[fmt(v) for v in floats], padding=3, fontsize=8)
        return _to_svg(fig)


@_timed
def grouped_bar_chart(
    categories: Sequence[str],
    series: Mapping[str, Sequence[float]],
    title: str = "",
    *,
    lang: Lang = "vi",
    value_fmt: ValueFormatter | None = None,
    ylabel: str = "",
    horizontal: bool = False,
) -> SVG:
    """Side-by-side bars per category, one colour per series (e.g. allocated vs disbursed).
    ``horizontal`` lays the categories out top to bottom (first on top), so long names and
    value labels never overlap."""
    for label, values in series.items():
        if len(values) != len(categories):
            raise ValueError(
                f"series {label!r} has {len(values)} values, expected {len(categories)}"
            )
    fmt = value_fmt or number_formatter(lang)
    with _style():
        fig, ax = _new_axes(title)
        if horizontal:
            fig.set_size_inches(fig.get_size_inches()[0], 1.0 + 0.45 * len(categories))
        n = max(len(series), 1)
        width = 0.8 / n
        positions = list(range(len(categories)))
        if horizontal:
            positions = positions[::-1]
        for i, (label, values) in enumerate(series.items()):
            offsets = [
                c + ((n - 1) / 2 - i if horizontal else i - (n - 1) / 2) * width for c in positions
            ]
            floats = [float(v) for v in values]
            draw = ax.barh if horizontal else ax.bar
            bars = draw(offsets, floats, width, label=label, color=PALETTE[i % len(PALETTE)])
            ax.bar_label(bars, labels=[fmt(v) for v in floats], padding=2, fontsize=7)
        if horizontal:
            ax.set_yticks(positions, list(categories))
            ax.xaxis.set_major_formatter(_LangTickFormatter(lang))
            ax.set_xlabel(ylabel)
            ax.margins(x=0.15)
        else:
            ax.set_xticks(positions, list(categories))
            ax.yaxis.set_major_formatter(_LangTickFormatter(lang))
            ax.set_ylabel(ylabel)
            ax.margins(y=0.12)
        ax.legend(frameon=False)
        return _to_svg(fig)


@_timed
def waterfall_chart(
    steps: Sequence[tuple[str, float]],
    title: str = "",
    *,
    lang: Lang = "vi",
    value_fmt: ValueFormatter | None = None,
) -> SVG:
    """Bridge from a start total to an end total through signed changes.

    ``steps`` is ``[(start_label, start), (label, change), ..., (end_label, end)]``, e.g.
    poor households at the start of the year → −escaped (thoát nghèo) → −removed →
    +fell back (tái nghèo) → +new (phát sinh) → at the end. The first and last bars are
    totals drawn from zero; the others float. ``end`` must equal ``start + Σ changes``,
    otherwise the data behind the chart is inconsistent and a ``ValueError`` is raised.
    """
    if len(steps) < 2:
        raise ValueError("a waterfall needs at least a start and an end step")
    (_, start), *changes, (_, end) = steps
    expected = float(start) + sum(float(v) for _, v in changes)
    if not math.isclose(expected, float(end), rel_tol=1e-9, abs_tol=1e-9):
        raise ValueError(f"end total {end} != start {start} + changes = {expected}")
    fmt = value_fmt or number_formatter(lang)

    bottoms: list[float] = [0.0]
    heights: list[float] = [float(start)]
    colors: list[str] = [TOTAL_COLOR]
    texts: list[str] = [fmt(float(start))]
    level = float(start)
    levels: list[float] = [level]  # running total after each bar but the last
    for _, change in changes:
        change = float(change)
        bottoms.append(level if change >= 0 else level + change)
        heights.append(abs(change))
        colors.append(INCREASE_COLOR if change > 0 else DECREASE_COLOR)
        sign = "+" if change > 0 else "\u2212" if change < 0 else ""
        texts.append(sign + fmt(abs(change)))
        level += change
        levels.append(level)
    bottoms.append(0.0)
    heights.append(float(end))
    colors.append(TOTAL_COLOR)
    texts.append(fmt(float(end)))

    with _style():
        fig, ax = _new_axes(title)
        positions = list(range(len(steps)))
        bars = ax.bar(positions, heights, bottom=bottoms, color=colors, width=0.6)
        for i, level_after in enumerate(levels):  # connector: running total into next bar
            ax.plot([i + 0.3, i + 0.7], [level_after, level_after], color="#999999", linewidth=0.8)
        ax.bar_label(bars, labels=texts, padding=2, fontsize=8)
        ax.set_xticks(positions, [label for label, _ in steps])
        ax.margins(y=0.1)
        ax.yaxis.set_major_formatter(_LangTickFormatter(lang))
        return _to_svg(fig)
