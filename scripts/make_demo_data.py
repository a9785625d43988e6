"""Generate the committed SYNTHETIC demo data in ``data/raw/`` (Dữ liệu minh họa).

A thin entry point: the generator is the package ``scripts/demo_data/`` (see its docstring
and ``data/raw/README.md``). Run ``python scripts/make_demo_data.py [--out DIR]`` from the
repository root, in ``.venv``.
"""

from demo_data.__main__ import main

if __name__ == "__main__":
    main()
