"""``python -m reportkit.cli``: the command line."""

from reportkit.cli import main

raise SystemExit(main())
