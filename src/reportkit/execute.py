"""Running a report notebook with papermill.

The notebooks live in git as jupytext percent scripts (notebooks/*.py). Here one is read
into a notebook, given the python3 kernelspec of the running interpreter, executed by
papermill with the report's parameters, and written (atomically) as the executed
.ipynb. On a cell error papermill still writes that notebook, with the error in it, so
the evidence is kept; :class:`ReportExecutionError` then carries its first error line.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import nbformat

from reportkit.atomic import atomic_path
from reportkit.errors import ReportExecutionError
from reportkit.locations import notebook_path, notebooks_dir

KERNEL = "python3"  # ipykernel's own spec: the interpreter that runs reportkit
ENGINES = ("inprocess", "kernel")


@contextlib.contextmanager
def _kernel_stderr_to(log: Path) -> Iterator[None]:
    """Send what the kernel process prints on stderr (its start-up and shutdown chatter)
    to a log file beside the executed notebook instead of the user's terminal. The
    kernel inherits file descriptor 2 when it starts, so it is redirected around the run.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    with open(log, "wb") as fh:
        os.dup2(fh.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def load_notebook(kind: str) -> nbformat.NotebookNode:
    """The jupytext script of a report as a notebook with a python3 kernelspec."""
    import jupytext

    nb = jupytext.read(notebook_path(kind))
    nb.metadata["kernelspec"] = {"name": KERNEL, "display_name": "Python 3", "language": "python"}
    nb.metadata.pop("jupytext", None)
    return nb


def execute_report(
    kind: str, parameters: dict[str, object], output: Path, engine: str = "inprocess"
) -> nbformat.NotebookNode:
    """Execute the ``kind`` notebook with ``parameters``; write it to ``output``.

    ``engine`` "inprocess" runs the cells in this process (reportkit.engine: no kernel
    start-up, imports shared across reports; what batch workers use); "kernel" starts a
    Jupyter kernel as JupyterLab does. Either way the code runs in the notebooks folder,
    so relative ``data_dir`` values mean what they mean in JupyterLab.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from reportkit.engine import ENGINE_NAME

    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    output = Path(output).resolve()  # the engine runs in the notebooks folder
    nb = load_notebook(kind)
    # Only a separate kernel prints start-up chatter; the in-process engine captures the cells'
    # output itself, so it needs no log file beside the notebook.
    quiet = (
        _kernel_stderr_to(output.with_suffix(".log"))
        if engine == "kernel"
        else contextlib.nullcontext()
    )
    with atomic_path(output) as tmp, quiet:
        try:
            executed = papermill.execute_notebook(
                nb,
                str(tmp),
                parameters=parameters,
                kernel_name=KERNEL,
                engine_name=ENGINE_NAME if engine == "inprocess" else None,
                cwd=str(notebooks_dir()),
                progress_bar=False,
                log_output=False,
                report_mode=False,
            )
        except PapermillExecutionError as exc:
            first = f"{exc.ename}: {exc.evalue}".splitlines()[0]
            os.replace(tmp, output)  # keep the executed notebook with its error
            raise ReportExecutionError(first, output) from None
    return executed
