"""Command line of the province generator: ``python -m scripts.province_data OUT
[--communes 124] [--years 2025,2026] [--seed N] [--province NAME]`` writes the raw folder
OUT and prints what it wrote."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .build import generate
from .summary import summary
from .units import MAX_COMMUNES, PROVINCE, YEARS
from .write import file_names, write_all

DEFAULT_SEED = 20250701


def parse_years(text: str) -> tuple[int, ...]:
    """The review years of "2025,2026", "2025-2026" or "2025", from 2025 on, at most 2026."""
    try:
        if "-" in text:
            first, last = (int(x) for x in text.split("-"))
            years = tuple(range(first, last + 1))
        else:
            years = tuple(sorted(int(x) for x in text.split(",") if x.strip()))
    except ValueError:
        years = ()
    if not years or years != YEARS[: len(years)]:
        raise argparse.ArgumentTypeError(
            f"{text!r}: the generator knows the review years {YEARS[0]} and {YEARS[1]}"
            f" (give {YEARS[0]} or {YEARS[0]},{YEARS[1]})"
        )
    return years


def communes_count(text: str) -> int:
    """A number of communes the syllables can name."""
    try:
        n = int(text)
    except ValueError:
        n = 0
    if not 1 <= n <= MAX_COMMUNES:
        raise argparse.ArgumentTypeError(f"{text!r}: give 1 to {MAX_COMMUNES} communes")
    return n


def main(argv: list[str] | None = None) -> int:
    """Generate a province, self-check it, write it into OUT and print a summary."""
    ap = argparse.ArgumentParser(
        prog="python -m scripts.province_data",
        description="Write the raw folder of a fictional province (SYNTHETIC data: Dữ liệu"
        " minh họa) for reportkit: units, settings, households, population and the programme"
        " tables.",
    )
    ap.add_argument("out", type=Path, metavar="OUT", help="the raw folder to write")
    ap.add_argument("--communes", type=communes_count, default=124, help="default 124")
    ap.add_argument("--years", type=parse_years, default=YEARS, help="default 2025,2026")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"default {DEFAULT_SEED}")
    ap.add_argument("--province", default=PROVINCE, help=f"its name (default {PROVINCE})")
    args = ap.parse_args(argv)
    foreign = sorted(
        p.name
        for p in (args.out.iterdir() if args.out.is_dir() else [])
        if p.name not in file_names(args.years)
    )
    if foreign:
        print(
            f"province_data: error: {args.out} holds files this generator would not write"
            f" ({', '.join(foreign[:5])}): give an empty or new folder",
            file=sys.stderr,
        )
        return 2
    start = time.perf_counter()
    data = generate(args.communes, args.years, args.seed, args.province)
    written = write_all(data, args.out)
    summary(data, written, time.perf_counter() - start)
    return 0


if __name__ == "__main__":
    sys.exit(main())
