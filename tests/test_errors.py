"""One error hierarchy; the command line never shows a traceback (issue 7, "Also")."""

from __future__ import annotations

import pytest

from reportkit import cli
from reportkit.cli import commands
from reportkit.core import errors
from reportkit.core.errors import InputError, OutputError, ReportkitError


def test_every_deliberate_error_is_a_reportkit_error() -> None:
    for cls in (
        errors.InputError,
        errors.ReportParameterError,
        errors.OutputError,
        errors.ReportExecutionError,
        errors.TemplateNotFoundError,
        errors.NonDeterministicOutputError,
        errors.BatchTimeoutError,
    ):
        assert issubclass(cls, ReportkitError)


def test_user_error_is_one_line_exit_2(monkeypatch, capsys) -> None:
    def fail(args: object) -> int:
        raise InputError("households_2023.csv: cannot be read (empty file)\nsecond line")

    monkeypatch.setattr(commands, "cmd_validate", fail)
    code = cli.main(["validate"])
    err = capsys.readouterr().err
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

    def boom(args: object) -> int:
        raise KeyError("poor_rate")

    monkeypatch.setattr(commands, "cmd_validate", boom)
    code = cli.main(["validate"])
    err = capsys.readouterr().err
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
    def fail(args: object) -> int:
        raise exc

    monkeypatch.setattr(commands, "cmd_validate", fail)
    assert cli.main(["validate"]) == 2
    assert capsys.readouterr().err == "reportkit: error: out of memory\n"
