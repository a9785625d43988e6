"""Command line of the demo data generator: ``python scripts/make_demo_data.py [--out DIR]``
(or ``python -m demo_data`` from ``scripts/``) writes ``data/raw/`` and prints a summary."""

from __future__ import annotations

import argparse
from pathlib import Path

from .build import generate
from .registry import OUT_DIR
from .summary import summary
from .write import write_all


def main(argv: list[str] | None = None) -> None:
    """Generate every table, self-check it, write ``data/raw/`` and print a summary."""
    ap = argparse.ArgumentParser(
        description="Generate the committed SYNTHETIC demo data in data/raw/ (Dữ liệu minh họa)."
    )
    ap.add_argument("--out", type=Path, default=OUT_DIR, help="output folder (data/raw)")
    args = ap.parse_args(argv)
    data = generate()
    write_all(data, args.out)
    summary(data)


if __name__ == "__main__":
    main()
