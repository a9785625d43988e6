"""A papermill engine that runs a report notebook inside the current Python process.

Papermill's default engine starts a Jupyter kernel for every notebook, which then imports
pandas, matplotlib and reportkit again: a few seconds per report before any work is done.
A batch worker renders many reports, so it runs their cells here instead, in an IPython
shell that lives as long as the worker: modules are imported once, and each report gets
a fresh namespace. Outputs are the same as a kernel's (IPython's own display formatters
make the rich representations), cell errors become error outputs exactly as papermill
expects, and a crash that kills the process is caught by the batch's process pool.

papermill finds it by name, ``reportkit-inprocess``, through the ``papermill.engine``
entry point in pyproject.toml, as it finds any third-party engine: ``papermill --engine
reportkit-inprocess in.ipynb out.ipynb`` from the shell, ``engine_name=`` from Python.
papermill loads its entry points while it is itself being imported, so this module
imports nothing of papermill when it is imported: the class papermill gets
(:data:`InProcessEngine`, a subclass of ``papermill.engines.Engine``) is made on first
use, and importing this module before or after papermill works alike.
"""

from __future__ import annotations

import ast
import contextlib
import io
import sys
from functools import cache
from typing import Any

import nbformat

ENGINE_NAME = "reportkit-inprocess"
"""The engine's name in papermill: its ``papermill.engine`` entry point in pyproject.toml."""


class _Capture(contextlib.AbstractContextManager):
    """Collects stdout/stderr text and display() calls of one cell as nbformat outputs."""

    def __init__(self, shell: Any) -> None:
        self.shell = shell
        self.outputs: list[nbformat.NotebookNode] = []

    def __enter__(self) -> _Capture:
        self._stdout, self._stderr = sys.stdout, sys.stderr
        self.out, self.err = io.StringIO(), io.StringIO()
        sys.stdout, sys.stderr = self.out, self.err
        publisher = self.shell.display_pub
        self._publish = publisher.publish

        def publish(data: dict, metadata: dict | None = None, **_: Any) -> None:
            self._flush_streams()
            self.outputs.append(
                nbformat.v4.new_output("display_data", data=data, metadata=metadata or {})
            )

        publisher.publish = publish
        return self

    def _flush_streams(self) -> None:
        for name, buf in (("stdout", self.out), ("stderr", self.err)):
            text = buf.getvalue()
            if text:
                self.outputs.append(nbformat.v4.new_output("stream", name=name, text=text))
                buf.seek(0)
                buf.truncate()

    def __exit__(self, *exc: object) -> None:
        self._flush_streams()
        sys.stdout, sys.stderr = self._stdout, self._stderr
        self.shell.display_pub.publish = self._publish


@contextlib.contextmanager
def _host_main_kept() -> Any:
    """IPython installs its own ``__main__`` module; put the host's back afterwards, or
    the host can no longer start processes with multiprocessing's spawn method."""
    main = sys.modules.get("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def ipython_shell() -> Any:
    """This process's IPython shell, made on first use (a batch worker makes it as it
    starts, so that its first report does not wait for it)."""
    from IPython.core.interactiveshell import InteractiveShell

    with _host_main_kept():
        # No output cache (Out, _1, ...): run_source shows results itself, and without the
        # cache IPython's reset() does not force a full garbage collection, which costs a
        # tenth of a second in a worker that holds the data and the rendering libraries.
        shell = InteractiveShell.instance(cache_size=0)
    shell.ast_node_interactivity = "none"  # the last expression is shown by run_source
    return shell


def run_source(shell: Any, source: str, execution_count: int) -> list[nbformat.NotebookNode]:
    """Run one cell's source; return its outputs. Raises nothing: an exception becomes an
    ``error`` output (papermill then raises PapermillExecutionError)."""
    with _Capture(shell) as cap:
        try:
            body, last = _split_last_expression(source)
            if body.strip():
                exec(compile(body, f"<cell {execution_count}>", "exec"), shell.user_ns)
            if last is not None:
                value = eval(compile(last, f"<cell {execution_count}>", "eval"), shell.user_ns)
                if value is not None:
                    data, metadata = shell.display_formatter.format(value)
                    cap._flush_streams()
                    cap.outputs.append(
                        nbformat.v4.new_output(
                            "execute_result",
                            data=data,
                            metadata=metadata,
                            execution_count=execution_count,
                        )
                    )
        except Exception as exc:  # the notebook's own error, kept as its output
            cap._flush_streams()
            etype, evalue, tb = type(exc), exc, exc.__traceback__
            # As IPython's kernel does: an exception may render its own traceback (our
            # errors: one line naming the bad value).
            if hasattr(evalue, "_render_traceback_"):
                traceback = evalue._render_traceback_()
            else:
                traceback = shell.InteractiveTB.structured_traceback(etype, evalue, tb)
            cap.outputs.append(
                nbformat.v4.new_output(
                    "error", ename=etype.__name__, evalue=str(evalue), traceback=traceback
                )
            )
    return cap.outputs


def _split_last_expression(source: str) -> tuple[str, str | None]:
    """Source without its final expression statement, and that expression (if any)."""
    transformed = ipython_shell().transform_cell(source)
    try:
        tree = ast.parse(transformed)
    except SyntaxError:
        return transformed, None  # run_cell reports it
    if not tree.body or not isinstance(tree.body[-1], ast.Expr):
        return transformed, None
    last = tree.body[-1]
    lines = transformed.splitlines(keepends=True)
    if last.end_lineno is None or transformed[-1:] == ";" or lines[-1].rstrip().endswith(";"):
        return transformed, None  # a trailing ';' hides the value, as in Jupyter
    body = "".join(lines[: last.lineno - 1])
    return body, ast.get_source_segment(transformed, last)


def _run_cells(nb_man: Any) -> None:
    """Run the code cells of papermill's managed notebook in this process's IPython shell,
    one fresh namespace per notebook, reporting each cell to the execution manager; stop
    at the first cell that fails."""
    with _host_main_kept():
        shell = ipython_shell()
        shell.reset(new_session=False)
        count = 0
        for index, cell in enumerate(nb_man.nb.cells):
            if cell.cell_type != "code":
                continue
            nb_man.cell_start(cell, index)
            count += 1
            cell.execution_count = count
            try:
                cell.outputs = run_source(shell, cell.source, count)
                if any(o.output_type == "error" for o in cell.outputs):
                    nb_man.cell_exception(cell, cell_index=index)
                    break
            finally:
                nb_man.cell_complete(cell, cell_index=index)
        shell.reset(new_session=False)


@cache
def _engine_class() -> type:
    from papermill.engines import Engine

    class InProcessEngine(Engine):
        """Executes code cells in this process's IPython shell (see the module)."""

        @classmethod
        def execute_managed_notebook(cls, nb_man: Any, kernel_name: str, **kwargs: Any) -> None:
            _run_cells(nb_man)

    InProcessEngine.__module__, InProcessEngine.__qualname__ = __name__, "InProcessEngine"
    return InProcessEngine


def __getattr__(name: str) -> Any:
    """``InProcessEngine``: the engine class the entry point names (made on first use)."""
    if name == "InProcessEngine":
        return _engine_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
