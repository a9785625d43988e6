"""The batch on a real Dask cluster: `dask scheduler` and `dask worker` processes (the
command-line entry points) started in an empty folder of their own, as on other machines
that share no filesystem with the client (issue 7, defect 9)."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_batch import batch_argv, digests, reportkit_cli

from reportkit.cli import main
from reportkit.run.batch import run_batch

distributed = pytest.importorskip("distributed")

DASK = Path(sys.executable).parent / "dask"


@contextlib.contextmanager
def dask_process(args: list[str], cwd: Path, log: Path) -> Iterator[subprocess.Popen]:
    """``dask ARGS`` running in ``cwd`` (its own process group), stopped afterwards."""
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [str(DASK), *args],
            cwd=cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@contextlib.contextmanager
def scheduler(tmp: Path) -> Iterator[tuple[str, Path]]:
    """A scheduler on localhost; (its address, its scheduler file)."""
    cluster = tmp / "cluster"  # the cluster's working folder: empty, not the client's
    cluster.mkdir(exist_ok=True)
    file = tmp / "scheduler.json"
    args = ["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard"]
    with dask_process([*args, "--scheduler-file", str(file)], cluster, tmp / "scheduler.log"):
        deadline = time.monotonic() + 60
        while not file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(0.2)  # written completely
        yield json.loads(file.read_text())["address"], file


@contextlib.contextmanager
def worker(tmp: Path, address: str, file: Path) -> Iterator[subprocess.Popen]:
    """One worker process with two threads, in the cluster's empty folder; ready."""
    args = ["worker", "--scheduler-file", str(file), "--nworkers", "1", "--nthreads", "2"]
    with dask_process([*args, "--no-dashboard"], tmp / "cluster", tmp / "worker.log") as proc:
        with distributed.Client(address, timeout="30s") as client:
            client.wait_for_workers(1, timeout=120)
        yield proc


@pytest.fixture(scope="module")
def cluster(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, Path, subprocess.Popen]]:
    """(scheduler address, the cluster's working folder, its worker's process). The test
    marked last_in_module kills that worker."""
    tmp = tmp_path_factory.mktemp("dask")
    with scheduler(tmp) as (address, file), worker(tmp, address, file) as proc:
        yield address, tmp / "cluster", proc


def test_workers_in_another_folder_render_relative_paths_and_write_nothing(
    cluster, demo_data, tmp_path, monkeypatch, capsys
) -> None:
    address, cluster_dir, _ = cluster
    monkeypatch.chdir(demo_data.parent)  # tmp_path: raw/ (and processed/) there
    code = main(
        batch_argv("raw", "out", "Hàm Thạnh,Mương Mán", "--scheduler", address, to="html,pdf")
    )
    assert code == 0, capsys.readouterr()
    assert sorted(p.name for p in (tmp_path / "out" / "2023").glob("*.*")) == [
        "ham-thanh.html",
        "ham-thanh.pdf",
        "manifest.json",
        "muong-man.html",
        "muong-man.pdf",
        "reports-2023.zip",
        "summary.xlsx",
    ]
    assert list(cluster_dir.iterdir()) == []


def test_reports_from_the_cluster_are_those_of_a_local_batch(cluster, batch_demo, tmp_path) -> None:
    units = "Thuận Nam,Mỹ Thạnh"
    # The local batch: run_batch(raw, local, [2023], communes=units, workers=2), shared.
    raw, local = batch_demo(units)
    dask = run_batch(raw, tmp_path / "dask", [2023], communes=units, scheduler=cluster[0])
    assert not dask.failures
    assert digests(tmp_path / "dask" / "2023") == digests(local / "2023")
    assert len(digests(tmp_path / "dask" / "2023")) == 4


@pytest.mark.last_in_module  # it kills the module cluster's worker
def test_losing_every_worker_ends_the_batch_with_the_reports_failed(
    cluster, demo_data, tmp_path
) -> None:
    raw, out = demo_data, tmp_path / "out"
    address, _, lost = cluster
    argv = batch_argv(raw, out, "all", "--scheduler", address, "--timeout", "60")
    batch = subprocess.Popen(
        reportkit_cli(*argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 120
    while not list(out.glob("2023/*.html")) and time.monotonic() < deadline:
        time.sleep(0.1)
    os.killpg(lost.pid, signal.SIGKILL)  # the worker and its nanny, mid-batch
    printed, err = batch.communicate(timeout=90)
    assert (batch.returncode, err) == (1, "")
    assert "not rendered: every Dask worker that held the data was lost" in printed
