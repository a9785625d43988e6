"""``python -m reportkit.cli``: the command line."""

from reportkit.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
