"""The command line where its surroundings fail it: a reader that closes stdout early
(``reportkit validate | head``) and a Dask scheduler that no worker joins."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest

from reportkit import cli
from reportkit.cli import commands

DEMO = Path(__file__).resolve().parents[1] / "data" / "raw"


def reportkit_env(tmp: Path) -> dict[str, str]:
    """The environment of a ``reportkit`` process whose crash logs would land under ``tmp``
    (the state folder, or the temporary folder as the fall-back)."""
    (tmp / "tmp").mkdir()
    env = {**os.environ, "XDG_STATE_HOME": str(tmp / "state"), "TMPDIR": str(tmp / "tmp")}
    env.pop("PYTHONUNBUFFERED", None)  # stdout block-buffered, as in a shell's pipe
    return env


def summary_into(stdout: int | IO[bytes], tmp: Path) -> subprocess.CompletedProcess[bytes]:
    """``reportkit summary --year=2023`` on the demo data (some 6 kB), its stdout sent to
    ``stdout``, its stderr kept."""
    return subprocess.run(
        [sys.executable, "-m", "reportkit.cli", "summary", "--year=2023", f"--raw={DEMO}"],
        stdout=stdout,
        stderr=subprocess.PIPE,
        env=reportkit_env(tmp),
        timeout=120,
    )


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
        done = summary_into(write, tmp_path)
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (141, b"")
    assert crash_logs(tmp_path) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stdout_on_a_full_disk_is_one_line_not_a_traceback(tmp_path) -> None:
    with open("/dev/full", "wb") as full:
        done = summary_into(full, tmp_path)
    assert done.returncode == 2
    assert done.stderr == b"reportkit: error: cannot write stdout: No space left on device\n"
    assert crash_logs(tmp_path) == []


def test_a_broken_pipe_that_is_not_stdout_is_still_an_internal_error(
    monkeypatch, capsys, tmp_path
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))

    def worker_gone(args: object) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(commands, "cmd_validate", worker_gone)
    assert cli.main(["validate"]) == 3
    logs = crash_logs(tmp_path)
    assert len(logs) == 1
    assert capsys.readouterr().err == (
        "reportkit: internal error: BrokenPipeError: [Errno 32] Broken pipe; "
        f"details in {logs[0]}\n"
    )


# --- a Dask scheduler without workers -----------------------------------------------------


def batch_argv(raw: Path, out: Path, *more: str) -> list[str]:
    """`reportkit batch` arguments for the 2023 reports of Hàm Thạnh and Mương Mán."""
    units = ["--communes", "Hàm Thạnh,Mương Mán", "--to", "html"]
    return ["batch", "--year", "2023", *units, "--raw", str(raw), "--out", str(out), *more]


def test_a_scheduler_without_workers_is_waited_for_timeout_seconds_then_the_batch_stops(
    demo_data, tmp_path
) -> None:
    distributed = pytest.importorskip("distributed")
    raw, out = demo_data, tmp_path / "out"
    with distributed.LocalCluster(
        n_workers=0,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        scheduler_port=0,
        dashboard_address=None,
    ) as cluster:
        address = cluster.scheduler_address
        argv = batch_argv(raw, out, "--scheduler", address, "--timeout", "1")
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-m", "reportkit.cli", *argv],
            capture_output=True,
            text=True,
            env=reportkit_env(tmp_path),
            timeout=120,
        )
        waited = time.monotonic() - started
    assert done.returncode == 2
    assert done.stderr == (
        "reportkit: note: waiting up to 1 s for workers to join the Dask scheduler at "
        f"{address}\n"
        f"reportkit: error: no worker joined the Dask scheduler at {address} within 1 s "
        f"(start them with: dask worker {address} --nthreads 1); "
        "not rendered: 2023 ham-thanh, 2023 muong-man\n"
    )
    assert done.stdout.startswith("stopped: rendered 0, unchanged 0, failed 0 in ")
    assert 1 <= waited < 60
    assert not list(out.glob("2023/*.html"))


class SchedulerWithoutWorkers:
    """Stands for ``distributed.Client`` connected to a scheduler that no worker joins:
    records how long it was asked to wait for one, and times out at once."""

    waited_for: list[float | None] = []

    def __init__(self, address: str, timeout: str) -> None:
        self.address = address

    def __enter__(self) -> SchedulerWithoutWorkers:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def scheduler_info(self) -> dict[str, dict]:
        return {"workers": {}}

    def wait_for_workers(self, n_workers: int, timeout: float | None = None) -> None:
        self.waited_for.append(timeout)
        raise TimeoutError


def test_without_timeout_the_batch_waits_120_seconds_for_a_worker(
    demo_data, tmp_path, monkeypatch, capsys
) -> None:
    distributed = pytest.importorskip("distributed")
    monkeypatch.setattr(distributed, "Client", SchedulerWithoutWorkers)
    monkeypatch.setattr(SchedulerWithoutWorkers, "waited_for", [])
    address = "tcp://10.0.0.5:8786"
    assert cli.main(batch_argv(demo_data, tmp_path / "out", "--scheduler", address)) == 2
    assert SchedulerWithoutWorkers.waited_for == [120.0]
    assert capsys.readouterr().err == (
        "reportkit: note: waiting up to 120 s for workers to join the Dask scheduler at "
        "tcp://10.0.0.5:8786\n"
        "reportkit: error: no worker joined the Dask scheduler at tcp://10.0.0.5:8786 within "
        "120 s (start them with: dask worker tcp://10.0.0.5:8786 --nthreads 1); "
        "not rendered: 2023 ham-thanh, 2023 muong-man\n"
    )
