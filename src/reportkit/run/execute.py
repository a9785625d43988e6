"""Running a report notebook with papermill.

The notebooks live in git as jupytext percent scripts (notebooks/*.py). Here one is read
into a notebook, given the python3 kernelspec of the running interpreter, and executed by
papermill with the report's parameters. :func:`run_notebook` keeps the executed notebook
in memory (papermill writes it to a ``reportkit-memory://`` path), so a batch worker
writes no file at all and one that dies leaves nothing behind; whoever holds the output
folder writes the bytes. On a cell error papermill still produces the notebook, with the
error in it, so the evidence is kept; the run then carries its first error line.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nbformat

from reportkit.core.atomic import write_bytes
from reportkit.core.errors import ReportExecutionError
from reportkit.core.locations import notebook_path, notebooks_dir
from reportkit.core.stages import stage

KERNEL = "python3"  # ipykernel's own spec: the interpreter that runs reportkit
ENGINES = ("inprocess", "kernel")
MEMORY = "reportkit-memory://"


@dataclass(frozen=True)
class NotebookRun:
    """An executed report notebook, in memory."""

    notebook: nbformat.NotebookNode
    ipynb: bytes
    """The executed notebook as papermill saves it (with its error banner on failure)."""
    error: str | None = None
    """First line of the cell error; None when every cell ran."""
    log: bytes | None = None
    """What the kernel printed on stderr (engine "kernel" only)."""


class _MemoryIO:
    """papermill I/O for ``reportkit-memory://`` paths: notebooks held in this process."""

    notebooks: dict[str, str] = {}

    @classmethod
    def read(cls, path: str) -> str:
        return cls.notebooks[path]

    @classmethod
    def write(cls, buf: str, path: str) -> None:
        cls.notebooks[path] = buf

    @classmethod
    def listdir(cls, path: str) -> list[str]:
        raise NotImplementedError("reportkit-memory:// paths cannot be listed")

    @classmethod
    def pretty_path(cls, path: str) -> str:
        return path


@cache
def _register_memory_io() -> None:
    from papermill.iorw import papermill_io

    papermill_io.register(MEMORY, _MemoryIO)


@contextlib.contextmanager
def _in_memory_output() -> Iterator[str]:
    """A fresh ``reportkit-memory://`` path for papermill to save to; forgotten afterwards."""
    _register_memory_io()
    path = f"{MEMORY}{uuid.uuid4().hex}.ipynb"
    try:
        yield path
    finally:
        _MemoryIO.notebooks.pop(path, None)


@contextlib.contextmanager
def _stderr_captured(into: list[bytes]) -> Iterator[None]:
    """Collect what is printed on file descriptor 2 during the block (a kernel's start-up
    and shutdown chatter: the kernel inherits the descriptor when it starts) instead of
    showing it on the user's terminal; append it to ``into`` afterwards."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as fh:  # anonymous: nothing is left if the process dies
        os.dup2(fh.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            fh.seek(0)
            into.append(fh.read())


def load_notebook() -> nbformat.NotebookNode:
    """The jupytext script of the report as a notebook with a python3 kernelspec."""
    import jupytext

    nb = jupytext.read(notebook_path())
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
    nb.metadata.pop("jupytext", None)
    return nb


def run_notebook(parameters: dict[str, object], engine: str = "inprocess") -> NotebookRun:
    """Execute the report notebook with ``parameters``; write no file.

    ``engine`` "inprocess" runs the cells in this process (reportkit.run.engine: no kernel
    start-up, imports shared across reports; what batch workers use); "kernel" starts a
    Jupyter kernel as JupyterLab does. Either way the code runs in the notebooks folder,
    so relative ``data_dir`` values mean what they mean in JupyterLab.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    with stage("run cells"):
        return _run(parameters, engine)


def _run(parameters: dict[str, object], engine: str) -> NotebookRun:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from reportkit.run.engine import ENGINE_NAME

    nb = load_notebook()
    log: list[bytes] = []
    # Only a separate kernel prints start-up chatter; the in-process engine captures the
    # cells' output itself.
    quiet = _stderr_captured(log) if engine == "kernel" else contextlib.nullcontext()
    with _in_memory_output() as path:
        error = None
        with quiet:
            try:
                executed = papermill.execute_notebook(
                    nb,
                    path,
                    parameters=parameters,
                    kernel_name=KERNEL,
                    engine_name=ENGINE_NAME if engine == "inprocess" else None,
                    cwd=str(notebooks_dir()),
                    progress_bar=False,
                    log_output=False,
                    report_mode=False,
                    # Saved once, when complete: no one watches a notebook in memory.
                    request_save_on_cell_execute=False,
                )
            except PapermillExecutionError as exc:
                error = f"{exc.ename}: {exc.evalue}".splitlines()[0]
        text = _MemoryIO.notebooks[path]
    if error is not None:
        executed = nbformat.reads(text, as_version=4)
    return NotebookRun(executed, text.encode("utf-8"), error, log[0] if log else None)


def execute_report(
    parameters: dict[str, object], output: Path, engine: str = "inprocess"
) -> nbformat.NotebookNode:
    """Execute the report notebook (see :func:`run_notebook`) and write it to ``output``
    atomically, the kernel's stderr beside it as ``.log``. Raises ReportExecutionError
    after writing a notebook whose cell failed."""
    run = run_notebook(parameters, engine)
    write_bytes(output, run.ipynb)
    if run.log is not None:
        write_bytes(Path(output).with_suffix(".log"), run.log)
    if run.error is not None:
        raise ReportExecutionError(run.error, Path(output))
    return run.notebook
