"""The batch: isolation, incremental, reproducible, atomic, distributed (real papermill
runs on the demo data; HTML only where PDF adds nothing to the behaviour under test)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from reportkit.cli import main
from reportkit.core import atomic
from reportkit.core.errors import InputError
from reportkit.run.batch import BatchSummary, output_lock, run_batch
from reportkit.run.render import render_report

DEMO = Path(__file__).resolve().parents[1] / "data" / "raw"
NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def demo_copy(tmp: Path) -> Path:
    """``tmp/raw``: a copy of data/raw alone, not prepared (else: the demo_data fixture)."""
    raw = tmp / "raw"
    shutil.copytree(DEMO, raw)
    return raw


def batch_argv(
    raw: Path | str, out: Path | str, communes: str, *more: str, to: str = "html"
) -> list[str]:
    """`reportkit batch` arguments for the 2023 reports of ``communes``, then ``more``."""
    where = ["--raw", str(raw), "--out", str(out)]
    return ["batch", "--year", "2023", "--communes", communes, "--to", to, *where, *more]


def reportkit_cli(*argv: str) -> list[str]:
    """The command line that runs ``reportkit ARGV`` in a new process."""
    return [sys.executable, "-m", "reportkit.cli", *argv]


def digests(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.glob("*"))
        if p.suffix in (".html", ".pdf")
    }


def notebooks_failing_for(tmp: Path, unit: str | None, statement: str) -> Path:
    """A copy of the report notebook that runs ``statement`` (lines) for ``unit``'s report
    (None: for every report)."""
    nbdir = tmp / "notebooks"
    shutil.copytree(NOTEBOOKS, nbdir)
    nb = nbdir / "annual_report.py"
    nb.write_text(
        nb.read_text(encoding="utf-8").replace(
            "report = open_report(",
            (f"if commune == {unit!r}:\n    " if unit else "")
            + statement.replace("\n", "\n    " if unit else "\n")
            + "\nreport = open_report(",
            1,
        ),
        encoding="utf-8",
    )
    return nbdir


def test_a_failing_report_does_not_stop_the_others(
    demo_data, tmp_path, monkeypatch, capsys
) -> None:
    # The commune notebook raises for one unit, as bad data would.
    nbdir = notebooks_failing_for(
        tmp_path, "Tân Lập", 'raise ValueError("forced failure for Tân Lập")'
    )
    monkeypatch.setenv("REPORTKIT_NOTEBOOKS", str(nbdir))
    raw, out = demo_data, tmp_path / "out"
    code = main(batch_argv(raw, out, "Hàm Kiệm,Tân Lập,Hàm Minh", "--workers", "0"))
    printed = capsys.readouterr().out
    assert code == 1
    assert sorted(p.name for p in (out / "2023").glob("*.html")) == [
        "ham-kiem.html",
        "ham-minh.html",
    ]
    assert "FAILED 2023 tan-lap: ValueError: forced failure for Tân Lập" in printed
    kept = json.loads((out / "2023" / "notebooks" / "tan-lap.ipynb").read_text(encoding="utf-8"))
    errors = [o for c in kept["cells"] for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert errors and errors[0]["evalue"] == "forced failure for Tân Lập"


def test_a_worker_that_dies_is_replaced_and_its_report_retried_once(
    demo_data, tmp_path, monkeypatch, capsys
) -> None:
    # The code running a report kills its process, as a dying kernel would: Hàm Minh's
    # every time (its retry dies too: it fails, alone), Hàm Cần's the first time only, as a
    # crash by chance would (its retry is rendered, with a note).
    marker = tmp_path / "died-once"
    mark = f"m = __import__('pathlib').Path({str(marker)!r})"
    die_once = f"{mark}; m.exists() or (m.touch(), os._exit(3))"
    nbdir = notebooks_failing_for(
        tmp_path,
        None,
        f"import os\nif commune == 'Hàm Minh': os._exit(3)\nif commune == 'Hàm Cần': {die_once}",
    )
    monkeypatch.setenv("REPORTKIT_NOTEBOOKS", str(nbdir))
    raw, out = demo_data, tmp_path / "out"
    code = main(batch_argv(raw, out, "Hàm Kiệm,Hàm Minh,Hàm Cần", "--workers", "2"))
    printed = capsys.readouterr().out.splitlines()
    assert code == 1
    assert "FAILED 2023 ham-minh: the worker process died while rendering this report" in printed
    assert "worker died while rendering 2023 ham-can; retried" in printed
    reports = json.loads((out / "2023" / "manifest.json").read_text(encoding="utf-8"))["reports"]
    assert reports["ham-can"]["notes"] == ["worker died while rendering 2023 ham-can; retried"]
    assert "notes" not in reports["ham-kiem"]
    assert sorted(p.name for p in (out / "2023").glob("*.html")) == [
        "ham-can.html",
        "ham-kiem.html",
    ]
    assert [p.name for p in out.rglob("*") if ".tmp" in p.name] == []


def test_a_kernel_renders_what_the_inprocess_engine_renders(
    demo_raw, render_demo, tmp_path
) -> None:
    # In a separate kernel, as in JupyterLab, the document's nodes travel as JSON.
    kernel = render_report(
        "Hàm Cần", 2023, to=("html", "docx"), raw_dir=demo_raw, out_dir=tmp_path, engine="kernel"
    )
    inprocess = render_demo("Hàm Cần", 2023)  # the run's shared render, in this process
    for fmt in ("html", "docx"):
        assert kernel[fmt].read_bytes() == inprocess[fmt].read_bytes(), fmt


def test_incremental_rerenders_only_what_changed(demo_data, tmp_path) -> None:
    # Two 2025 communes and their province, named by its kind and name (in this process).
    raw, out = demo_data, tmp_path / "out"
    units = "Hàm Kiệm,Tân Lập,Tỉnh Lâm Đồng"

    def batch() -> BatchSummary:
        return run_batch(raw, out, [2025], communes=units, to=("html",), workers=0)

    first = batch()
    assert [r.job.name for r in first.rendered] == ["lam-dong", "ham-kiem", "tan-lap"]
    assert (len(first.failures), len(first.skipped)) == (0, 0)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "lam-dong.html" in index and "Dữ liệu minh họa" in index

    again = batch()
    assert (len(again.rendered), len(again.skipped)) == (0, 3)

    # Touch one unit's raw rows: one Hàm Kiệm household's income in 2025.
    hh = pd.read_csv(raw / "households_2025.csv", dtype=str, keep_default_na=False)
    income = "Thu nhập bình quân đầu người"
    row = hh.index[hh["Xã"] == "Hàm Kiệm"][0]
    hh.at[row, income] = str(int(hh.at[row, income]) + 1000)
    hh.to_csv(raw / "households_2025.csv", index=False, lineterminator="\n")
    touched = batch()
    assert sorted(r.job.name for r in touched.rendered) == ["ham-kiem", "lam-dong"]
    assert [j.name for j in touched.skipped] == ["tan-lap"]


def test_two_clean_runs_give_byte_identical_reports(batch_demo, tmp_path) -> None:
    # The first run is the one the run shares (test_dask compares a Dask cluster's with it).
    raw, a = batch_demo("Thuận Nam,Mỹ Thạnh")  # run_batch(raw, a, same arguments as b's)
    b = tmp_path / "b"  # rendered in this process (workers=0): the same bytes as the pool's
    summary = run_batch(raw, b, [2023], communes="Thuận Nam,Mỹ Thạnh", workers=0)
    assert not summary.failures
    assert digests(a / "2023") == digests(b / "2023")
    assert len(digests(a / "2023")) == 4
    assert (a / "2023" / "summary.xlsx").read_bytes() == (b / "2023" / "summary.xlsx").read_bytes()
    assert (a / "2023" / "reports-2023.zip").read_bytes() == (
        b / "2023" / "reports-2023.zip"
    ).read_bytes()
    with zipfile.ZipFile(a / "2023" / "reports-2023.zip") as zf:
        assert sorted(zf.namelist()) == [
            "reports-2023/my-thanh.html",
            "reports-2023/my-thanh.pdf",
            "reports-2023/thuan-nam.html",
            "reports-2023/thuan-nam.pdf",
        ]
    # The detailed lists for the technical staff: beside the reports, never in the zip.
    internal = sorted(p.name for p in (a / "2023" / "internal").iterdir())
    assert internal == ["my-thanh-kiem-tra.xlsx", "thuan-nam-kiem-tra.xlsx"]
    manifest = json.loads((a / "2023" / "manifest.json").read_text(encoding="utf-8"))
    entry = manifest["reports"]["thuan-nam"]
    assert entry["parameters"] == {"commune": "Thuận Nam", "year": 2023, "lang": "vi"}
    pdf = a / "2023" / "thuan-nam.pdf"
    assert entry["outputs"]["pdf"]["sha256"] == hashlib.sha256(pdf.read_bytes()).hexdigest()


def test_a_killed_batch_takes_its_workers_leaves_no_truncated_file_and_reruns(
    demo_data, tmp_path
) -> None:
    psutil = pytest.importorskip("psutil")
    raw, out = demo_data, tmp_path / "out"
    units = "Hàm Cần,Hàm Cường,Hàm Mỹ"
    cmd = reportkit_cli(*batch_argv(raw, out, units, "--workers", "2", to="html,pdf"))
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    batch = psutil.Process(proc.pid)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list((out / "2023").glob("*.pdf")):
        time.sleep(0.2)
    workers = _started_by(batch)  # the two workers (and, on Linux, their zygote)
    assert len(workers) >= 2
    os.kill(proc.pid, signal.SIGKILL)  # the batch alone, mid-way: no chance to stop them
    proc.wait()
    left = list(workers)
    deadline = time.monotonic() + 5
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = [p for p in left if _running(p, psutil)]
    assert left == []  # they ended with it
    before = {p.name for p in (out / "2023").glob("*.pdf")}
    assert 0 < len(before) < 3
    rerun = run_batch(raw, out, [2023], communes=units, workers=0)
    assert not rerun.failures
    assert {p.name for p in (out / "2023").glob("*.pdf")} == {
        "ham-can.pdf",
        "ham-cuong.pdf",
        "ham-my.pdf",
    }
    assert not [p for p in (out / "2023").rglob("*") if ".tmp" in p.name]
    for pdf in (out / "2023").glob("*.pdf"):
        assert pdf.read_bytes().rstrip().endswith(b"%%EOF")


def test_the_temporary_files_a_killed_batch_left_are_removed(tmp_path) -> None:
    # What a batch does first, under its lock: a batch killed while writing leaves them.
    stale = [
        tmp_path / "2023" / ".ham-can.pdf.k2j4f0.tmp.pdf",
        tmp_path / "2023" / "internal" / ".ham-can-kiem-tra.xlsx.x1q9w3.tmp.xlsx",
    ]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half a file")
    (tmp_path / "2023" / "ham-can.pdf").write_bytes(b"%PDF-1.7")
    assert atomic.remove_stale_temps(tmp_path) == 2
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == ["ham-can.pdf"]


def _started_by(batch) -> list:  # type: ignore[no-untyped-def]
    """The processes the batch started (spawned, or forked by its zygote), all levels; not
    those that ended while being looked at."""
    import psutil

    found = []
    for p in batch.children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess):
            if "spawn_main" in " ".join(p.cmdline()):
                found.append(p)
    return found


def _running(process, psutil) -> bool:  # type: ignore[no-untyped-def]
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_second_batch_on_the_same_folder_is_refused(tmp_path) -> None:
    with (
        output_lock(tmp_path),
        pytest.raises(InputError, match="another batch"),
        output_lock(tmp_path),
    ):
        pass


HOLD_THE_LOCK = """
import os, subprocess, sys, time
from pathlib import Path
from reportkit.run.batch import output_lock
out, child_seconds = Path(sys.argv[1]), sys.argv[2]
with output_lock(out):
    if child_seconds:  # a child sharing the lock's descriptor outlives this process a while
        lock = str(out / ".reportkit-batch.lock")
        fds = [int(f) for f in os.listdir("/proc/self/fd")]
        fd = next(f for f in fds if os.path.realpath(f"/proc/self/fd/{f}") == lock)
        subprocess.Popen(["sleep", child_seconds], pass_fds=[fd])
    print("locked", flush=True)
    time.sleep(120)
"""


def _killed_holder(out: Path, child_seconds: str = "") -> int:
    """The pid of a process that took ``out``'s lock and was then killed (kill -9)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(out), child_seconds],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "locked\n"
        refused = f"another batch \\(pid {holder.pid}\\) is writing to {out}; wait"
        with pytest.raises(InputError, match=refused), output_lock(out):
            pass
    finally:
        holder.kill()  # no chance to release the lock
        holder.wait()
    return holder.pid


def test_the_lock_of_a_killed_batch_blocks_nobody(tmp_path) -> None:
    dead = _killed_holder(tmp_path)
    lock_file = tmp_path / ".reportkit-batch.lock"
    assert lock_file.read_text() == f"pid {dead}"  # left behind, naming a dead process
    start = time.monotonic()
    with output_lock(tmp_path):
        assert lock_file.read_text() == f"pid {os.getpid()}"
    assert time.monotonic() - start < 1  # the OS released it: taken at once


def test_a_dead_batchs_lock_is_waited_for_while_its_last_processes_exit(tmp_path) -> None:
    _killed_holder(tmp_path, child_seconds="2")  # its child holds the lock 2 s longer
    start = time.monotonic()
    with output_lock(tmp_path):  # not refused: the holder named is dead
        assert 1 < time.monotonic() - start < 10
