"""The package's layout is its pipeline, and its imports point one way.

core (foundations) and the rules (domain) → data (raw → processed) → figures (processed →
numbers) → report (numbers → document → bytes) → run (one report, the batch) → cli. Every
import is counted, those inside functions too: a module imports only from its own layer
or the layers before it, and no modules import each other in a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
LAYERS = ["core", "domain", "data", "figures", "report", "run", "cli"]


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The reportkit modules ``path`` imports (a name imported from a package counts as its
    module when it is one)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("reportkit")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reportkit"):
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                out.add(sub if sub in modules else node.module)  # type: ignore[arg-type]
    return out & modules


def _graph() -> dict[str, set[str]]:
    paths = {_module(p): p for p in (SRC / "reportkit").rglob("*.py")}
    return {m: _imports(p, set(paths)) - {m} for m, p in paths.items()}


def _layer(module: str) -> int:
    parts = module.split(".")
    if len(parts) == 1:  # the package root: its version only
        return 0
    return LAYERS.index(parts[1])


def test_every_module_belongs_to_a_layer() -> None:
    top = {p.name.removesuffix(".py") for p in (SRC / "reportkit").iterdir()}
    top -= {"__init__", "__pycache__", "domain.toml"}
    assert sorted(top) == sorted(LAYERS)


def test_imports_point_down_the_pipeline() -> None:
    upward = [f"{m} → {d}" for m, deps in _graph().items() for d in deps if _layer(d) > _layer(m)]
    assert sorted(upward) == []


def test_no_modules_import_each_other_in_a_circle() -> None:
    graph = _graph()
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for d in sorted(graph[m]):
            if state.get(d) == 1:
                circles.append([*path[path.index(d) :], d])
            elif d not in state:
                visit(d, [*path, d])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert circles == []


def test_each_package_says_what_comes_in_and_what_goes_out() -> None:
    for name in LAYERS:
        init = SRC / "reportkit" / name / "__init__.py"
        if init.exists():
            doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
            assert "In:" in doc and "out:" in doc, name
