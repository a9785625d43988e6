"""The command line where its surroundings fail it: a reader that closes stdout early
(``reportkit validate | head``) and a Dask scheduler that no worker joins."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reportkit import cli

DEMO = Path(__file__).resolve().parents[1] / "data" / "raw"


def reportkit_env(tmp: Path) -> dict[str, str]:
    """The environment of a ``reportkit`` process whose crash logs would land under ``tmp``
    (the state folder, or the temporary folder as the fall-back)."""
    (tmp / "tmp").mkdir()
    env = {**os.environ, "XDG_STATE_HOME": str(tmp / "state"), "TMPDIR": str(tmp / "tmp")}
    env.pop("PYTHONUNBUFFERED", None)  # stdout block-buffered, as in a shell's pipe
    return env


def crash_logs(tmp: Path) -> list[Path]:
    return sorted(tmp.rglob("reportkit-crash-*.log"))


# --- stdout closed early ------------------------------------------------------------------


def test_a_reader_closing_stdout_after_one_line_ends_reportkit_quietly(tmp_path) -> None:
    # validate prints some 300 kB: far more than a pipe holds, so reportkit is still
    # writing when the reader goes away.
    argv = [sys.executable, "-m", "reportkit.cli", "validate", "--raw", str(DEMO)]
    proc = subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=reportkit_env(tmp_path)
    )
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=120) == 141
    assert first.split() == [
        b"table",
        b"file",
        b"row",
        b"column",
        b"value",
        b"severity",
        b"check",
        b"message",
    ]
    assert err == b""
    assert crash_logs(tmp_path) == []


def test_a_reader_gone_before_the_output_is_flushed_ends_reportkit_quietly(tmp_path) -> None:
    # summary's 6 kB wait in stdout's buffer until the end: the closed pipe shows only when
    # they are flushed.
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "reportkit.cli", "summary", "--year=2023", f"--raw={DEMO}"],
            stdout=write,
            stderr=subprocess.PIPE,
            env=reportkit_env(tmp_path),
            timeout=120,
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (141, b"")
    assert crash_logs(tmp_path) == []


def test_a_broken_pipe_that_is_not_stdout_is_still_an_internal_error(
    monkeypatch, capsys, tmp_path
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))

    def worker_gone(args: object) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(cli, "cmd_validate", worker_gone)
    assert cli.main(["validate"]) == 3
    logs = crash_logs(tmp_path)
    assert len(logs) == 1
    assert capsys.readouterr().err == (
        "reportkit: internal error: BrokenPipeError: [Errno 32] Broken pipe; "
        f"details in {logs[0]}\n"
    )
