"""One error hierarchy; the command line never shows a traceback (issue 7, "Also")."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import reportkit
from reportkit import cli
from reportkit.cli import commands
from reportkit.core import errors
from reportkit.core.errors import InputError, OutputError, ReportkitError
from reportkit.data import params
from reportkit.run import render


def test_every_deliberate_error_is_a_reportkit_error() -> None:
    # Every exception class any reportkit module defines, with its direct bases: a new
    # one must be placed in the hierarchy (and listed here), none may fall out of it.
    modules = [
        importlib.import_module(m.name)
        for m in pkgutil.walk_packages(reportkit.__path__, "reportkit.")
    ]
    classes = {
        f"{module.__name__}.{name}": cls
        for module in modules
        for name, cls in vars(module).items()
        if isinstance(cls, type)
        and issubclass(cls, BaseException)
        and cls.__module__ == module.__name__
    }
    found = {k: tuple(b.__name__ for b in cls.__bases__) for k, cls in classes.items()}
    assert found == {
        "reportkit.core.errors.ReportkitError": ("Exception",),
        "reportkit.core.errors.InputError": ("ReportkitError",),
        "reportkit.core.errors.ReportParameterError": ("InputError",),
        "reportkit.core.errors.OutputError": ("ReportkitError",),
        "reportkit.core.errors.ReportExecutionError": ("ReportkitError",),
        "reportkit.core.errors.TemplateNotFoundError": ("ReportkitError", "FileNotFoundError"),
        "reportkit.core.errors.NonDeterministicOutputError": ("ReportkitError", "ValueError"),
        "reportkit.core.errors.ContentError": ("ReportkitError",),
        "reportkit.core.errors.IncompleteReportError": ("ReportkitError",),
        "reportkit.core.errors.BatchTimeoutError": ("ReportkitError",),
        "reportkit.data.registry.NoRegistry": ("ReportkitError",),
        "reportkit.data.registry.national.RegistryUnavailable": ("ReportkitError",),
        "reportkit.report.document.DocumentDataError": ("ContentError",),
        # Internal: a cell's converter raises it, reading turns it into a validation row.
        "reportkit.data.clean.BadValue": ("ValueError",),
    }
    outside = [k for k, cls in classes.items() if not issubclass(cls, ReportkitError)]
    assert outside == ["reportkit.data.clean.BadValue"]
    # The names other modules import them by are these very classes.
    assert (render.TemplateNotFoundError, render.NonDeterministicOutputError) == (
        errors.TemplateNotFoundError,
        errors.NonDeterministicOutputError,
    )
    assert params.ReportParameterError is errors.ReportParameterError


def validate_raising(monkeypatch, capsys, exc: BaseException) -> tuple[int, str]:
    """``reportkit validate`` when the command raises ``exc``: the exit status and stderr."""

    def fail(args: object) -> int:
        raise exc

    monkeypatch.setattr(commands, "cmd_validate", fail)
    code = cli.main(["validate"])
    return code, capsys.readouterr().err


def test_user_error_is_one_line_exit_2(monkeypatch, capsys) -> None:
    message = "households_2023.csv: cannot be read (empty file)\nsecond line"
    code, err = validate_raising(monkeypatch, capsys, InputError(message))
    assert code == 2
    assert err == "reportkit: error: households_2023.csv: cannot be read (empty file)\n"


def test_output_error_names_path_and_cause() -> None:
    exc = errors.output_error("outputs/2023/summary.xlsx", OSError(28, "No space left on device"))
    assert isinstance(exc, OutputError)
    assert str(exc) == "cannot write outputs/2023/summary.xlsx: No space left on device"


def test_unexpected_error_is_one_line_naming_a_log_with_the_traceback(
    monkeypatch, capsys, tmp_path
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    code, err = validate_raising(monkeypatch, capsys, KeyError("poor_rate"))
    assert code == 3
    assert err.count("\n") == 1 and "Traceback" not in err
    logs = list((tmp_path / "reportkit").glob("reportkit-crash-*.log"))
    assert len(logs) == 1
    assert err == f"reportkit: internal error: KeyError: 'poor_rate'; details in {logs[0]}\n"
    text = logs[0].read_text(encoding="utf-8")
    assert text.startswith("Traceback (most recent call last):")
    assert "KeyError: 'poor_rate'" in text


@pytest.mark.parametrize("exc", [MemoryError()])
def test_out_of_memory_is_one_line(monkeypatch, capsys, exc) -> None:
    assert validate_raising(monkeypatch, capsys, exc) == (2, "reportkit: error: out of memory\n")
