"""Running a report notebook in memory with the in-process engine: what it costs besides
the cells (the notebook saved twice, not around every cell; no forced garbage collection)."""

from __future__ import annotations

import gc

import pytest

from reportkit.run import execute
from reportkit.run.execute import run_notebook

NOTEBOOK = """# %% tags=["parameters"]
year = 2000

# %%
total = year + 23

# %%
print(total)

# %%
total * 2
"""


@pytest.fixture
def notebooks(tmp_path, monkeypatch):
    (tmp_path / "annual_report.py").write_text(NOTEBOOK, encoding="utf-8")
    monkeypatch.setenv("REPORTKIT_NOTEBOOKS", str(tmp_path))
    return tmp_path


def test_cells_run_with_their_parameters(notebooks) -> None:
    run = run_notebook({"year": 2001})
    outputs = [o for c in run.notebook.cells for o in c.get("outputs", [])]
    assert [o.get("text") or o["data"]["text/plain"] for o in outputs] == ["2024\n", "4048"]
    assert run.error is None


def test_a_notebook_in_memory_is_saved_once_when_complete(notebooks, monkeypatch) -> None:
    saved: list[str] = []
    keep = execute._MemoryIO.notebooks

    def write(cls, buf: str, path: str) -> None:  # type: ignore[no-untyped-def]
        saved.append(path)
        keep[path] = buf

    monkeypatch.setattr(execute._MemoryIO, "write", classmethod(write))
    run_notebook({"year": 2001})
    # Not when it starts, nor before and after each of its five cells (the injected
    # parameters included), as papermill does for a notebook written to disk.
    assert len(saved) == 1


def test_the_engine_forces_no_garbage_collection(notebooks, monkeypatch) -> None:
    run_notebook({"year": 2001})  # the shell exists, as in a batch worker
    calls: list[object] = []
    monkeypatch.setattr(gc, "collect", lambda *a: calls.append(a) or 0)
    run_notebook({"year": 2002})
    assert calls == []
