"""File-system conditions end in one line naming the path and the cause, never a traceback
(issue 7, defect 7): a full disk, an output folder that cannot be written, raw data on
read-only media. Read-only folders are made with chmod where that stops writes (not as
root), else with a regular file where a folder should be."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from test_batch import DEMO, batch_argv, demo_copy, notebooks_failing_for

from reportkit.cli import main
from reportkit.core import atomic
from reportkit.core.errors import OutputError
from reportkit.data.prepare import read_processed
from tests.conftest import demo_template, made_once

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_non_root = pytest.mark.skipif(AS_ROOT, reason="chmod does not stop root from writing")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def disk_full_for(name: str, monkeypatch) -> None:
    """Writing any file called ``name`` fails as on a full disk."""
    real = atomic._write_synced

    def write(path: Path, data: bytes) -> None:
        if path.name.startswith(f".{name}."):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path, data)

    monkeypatch.setattr(atomic, "_write_synced", write)


def test_full_disk_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch) -> None:
    target = tmp_path / "summary.xlsx"
    target.write_bytes(b"old")
    disk_full_for("summary.xlsx", monkeypatch)
    with pytest.raises(OutputError) as caught:
        atomic.write_bytes(target, b"new")
    assert str(caught.value) == f"cannot write {target}: No space left on device"
    assert [p.name for p in tmp_path.iterdir()] == ["summary.xlsx"]
    assert target.read_bytes() == b"old"


def batch(raw: Path, out: Path) -> list[str]:
    """`reportkit batch` of Hàm Kiệm and Tân Lập (whose report fails in the notebooks made
    with :func:`failing_notebooks`)."""
    return batch_argv(raw, out, "Hàm Kiệm,Tân Lập", "--workers", "0")


def failing_notebooks(folder: Path) -> Path:
    return notebooks_failing_for(
        folder, "Tân Lập", 'raise ValueError("forced failure for Tân Lập")'
    )


@pytest.fixture(scope="session")
def after_a_full_disk(tmp_path_factory, demo_raw) -> tuple[Path, dict[str, object]]:
    """A batch that found the disk full as it published summary.xlsx (:func:`batch`, from a
    prepared copy of the demo data): its folder (raw/, processed/, notebooks/, out/) and
    what it returned and printed ({"code", "out", "err"}). Made once per run and shared:
    read it, copy what you change."""

    def make(folder: Path) -> None:
        for name in ("raw", "processed"):
            shutil.copytree(demo_template(demo_raw) / name, folder / name)
        stdout, stderr = io.StringIO(), io.StringIO()
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("REPORTKIT_NOTEBOOKS", str(failing_notebooks(folder)))
            disk_full_for("summary.xlsx", mp)
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                code = main(batch(folder / "raw", folder / "out"))
        ran = {"code": code, "out": stdout.getvalue(), "err": stderr.getvalue()}
        (folder / "ran.json").write_text(json.dumps(ran), encoding="utf-8")

    folder = made_once(tmp_path_factory, "after-a-full-disk", make)
    return folder, json.loads((folder / "ran.json").read_text(encoding="utf-8"))


def test_full_disk_while_publishing_is_one_line_and_the_failures_are_still_listed(
    after_a_full_disk,
) -> None:
    folder, ran = after_a_full_disk
    out = folder / "out"
    code, printed, err = ran["code"], ran["out"], ran["err"]
    lines = printed.splitlines()
    assert code == 2
    assert (
        err == f"reportkit: error: cannot write {out}/2023/summary.xlsx: No space left on device\n"
    )
    assert lines[0].startswith("stopped: rendered 1, unchanged 0, failed 1 in ")
    assert lines[0].endswith(" s; nothing published")
    assert lines[1:] == [
        "FAILED 2023 tan-lap: ValueError: forced failure for Tân Lập "
        f"(notebook: {out}/2023/notebooks/tan-lap.ipynb)"
    ]
    assert sorted(p.name for p in (out / "2023").iterdir()) == [
        "ham-kiem.html",
        "internal",
        "manifest.json",
        "notebooks",
    ]
    assert [p.name for p in out.rglob("*") if ".tmp" in p.name] == []


def test_the_run_after_a_full_disk_publishes(
    after_a_full_disk, tmp_path, monkeypatch, capsys
) -> None:
    first, ran = after_a_full_disk
    assert ran["code"] == 2
    # The batch again, on a copy of what the first left; the same notebooks, read only (a
    # report's code fingerprint names their files).
    for name in ("raw", "processed", "out"):
        shutil.copytree(first / name, tmp_path / name)
    monkeypatch.setenv("REPORTKIT_NOTEBOOKS", str(first / "notebooks"))
    raw, out = tmp_path / "raw", tmp_path / "out"
    code, printed, _ = run(capsys, *batch(raw, out))
    folder = out / "2023"
    assert code == 1
    assert printed.startswith("rendered 0, unchanged 1, failed 1 in ")
    assert (folder / "summary.xlsx").is_file() and (folder / "reports-2023.zip").is_file()
    assert json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["published"] is True


def test_output_folder_under_a_regular_file_is_one_line(tmp_path, capsys) -> None:
    (tmp_path / "file").write_text("not a folder")
    out = tmp_path / "file" / "out"
    code, printed, err = run(
        capsys, "batch", "--year", "2023", "--raw", str(demo_copy(tmp_path)), "--out", str(out)
    )
    assert (code, printed) == (2, "")
    assert err == f"reportkit: error: cannot write {out}: Not a directory\n"


@needs_non_root
def test_read_only_output_folder_names_the_lock_file(tmp_path, capsys) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    code, _, err = run(
        capsys, "batch", "--year", "2023", "--raw", str(demo_copy(tmp_path)), "--out", str(out)
    )
    assert code == 2
    assert err == f"reportkit: error: cannot write {out}/.reportkit-batch.lock: Permission denied\n"


UNITS_2023 = [
    "Thuận Nam", "Hàm Cần", "Hàm Cường", "Hàm Kiệm", "Hàm Minh", "Hàm Mỹ", "Hàm Thạnh",
    "Mương Mán", "Mỹ Thạnh", "Tân Lập", "Tân Thành", "Tân Thuận", "Thuận Quý",
]  # fmt: skip


def raw_sources(raw: Path) -> dict[str, str]:
    """SHA-256 of each data file of a raw folder (its README is not data)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(raw.iterdir())
        if p.name != "README.md"
    }


def manifest_sources(processed: Path) -> dict[str, str]:
    """The raw files (and their SHA-256) a processed copy says it was made from."""
    manifest = json.loads((processed / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["raw_dir"] == "raw"
    return manifest["sources"]


def cache_for(raw: Path, cache_home: Path) -> Path:
    key = hashlib.sha256(str(raw.resolve()).encode("utf-8")).hexdigest()[:16]
    return cache_home / "reportkit" / key


def test_processed_data_of_raw_data_on_read_only_media_goes_to_the_user_cache(
    tmp_path, monkeypatch, capsys
) -> None:
    (tmp_path / "data").mkdir()
    raw = demo_copy(tmp_path / "data")
    (tmp_path / "data" / "processed").write_text("in the way")  # writes there must fail
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    code, printed, err = run(capsys, "summary", "--year", "2023")
    cache = cache_for(raw, tmp_path / "cache")
    assert code == 0
    assert err == (
        "reportkit: note: cannot write data/processed (Not a directory); "
        f"processed data goes to {cache}\n"
    )
    assert manifest_sources(cache) == raw_sources(raw)  # the processed copy of this raw copy
    rows = json.loads(printed)
    assert [r["commune"] for r in rows] == [*UNITS_2023, None]
    assert {k: rows[-1][k] for k in ("households", "reviewed", "poor", "near_poor")} == {
        "households": 28136,
        "reviewed": 4105,
        "poor": 623,
        "near_poor": 973,
    }


@needs_non_root
def test_read_only_folder_beside_the_raw_folder_falls_back_to_the_cache(
    tmp_path, monkeypatch, capsys
) -> None:
    media = tmp_path / "data"
    media.mkdir()
    raw = demo_copy(media)
    media.chmod(0o555)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "summary", "--year", "2023")
    assert code == 0
    assert err == (
        "reportkit: note: cannot write data/processed (Permission denied); "
        f"processed data goes to {cache_for(raw, tmp_path / 'cache')}\n"
    )


def test_processed_folder_that_cannot_be_written_is_one_line(tmp_path, capsys) -> None:
    (tmp_path / "file").write_text("not a folder")
    processed = tmp_path / "file" / "processed"
    code, _, err = run(
        capsys, "summary", "--year", "2023", "--raw", str(DEMO), "--processed", str(processed)
    )
    assert code == 2
    assert err == f"reportkit: error: cannot write {processed}: Not a directory\n"


def test_render_writes_the_processed_copy_where_asked(tmp_path, capsys) -> None:
    raw, out, processed = demo_copy(tmp_path), tmp_path / "out", tmp_path / "elsewhere"
    code, printed, _ = run(
        capsys,
        "render",
        "--commune",
        "Hàm Thạnh",
        "--year",
        "2023",
        "--to",
        "html",
        "--raw",
        str(raw),
        "--out",
        str(out),
        "--processed",
        str(processed),
    )
    assert code == 0
    assert printed == f"wrote {out}/2023/ham-thanh.html\n"
    assert manifest_sources(processed) == raw_sources(raw)
    assert not (tmp_path / "processed").exists()  # the default, beside the raw folder


def test_batch_writes_the_processed_copy_where_asked(tmp_path, capsys) -> None:
    raw, out, processed = demo_copy(tmp_path), tmp_path / "out", tmp_path / "elsewhere"
    argv = batch_argv(raw, out, "Mỹ Thạnh", "--processed", str(processed), "--workers", "0")
    code, _, _ = run(capsys, *argv)
    assert code == 0
    assert manifest_sources(processed) == raw_sources(raw)
    digests = json.loads((processed / "report-digests.json").read_text(encoding="utf-8"))
    manifest = (processed / "manifest.json").read_bytes()
    assert digests["basis"] == hashlib.sha256(manifest).hexdigest()
    assert digests["years"] == [2021, 2022, 2023, 2024, 2025, 2026]
    assert list(digests["reports"]) == ["2023|Mỹ Thạnh"]  # only the report it rendered
    inputs = digests["reports"]["2023|Mỹ Thạnh"]["inputs"]
    assert [(name, rows) for name, rows, _ in inputs] == [
        ("budget.csv", 8),
        ("households_2021.xlsx", 267),
        ("households_2022.csv", 286),
        ("households_2023.csv", 311),
        ("monitoring.csv", 4),
        ("population.csv", 3),
        ("settings.csv", 3),
        ("targets.csv", 3),
        ("units.csv", 7),  # every report reads the units table (its units' facts)
    ]
    digest, hashed = read_processed(processed).fingerprint(2023, "Mỹ Thạnh")  # the data's
    expected = {"digest": digest, "inputs": [list(i) for i in hashed]}
    assert digests["reports"]["2023|Mỹ Thạnh"] == expected
    assert not (tmp_path / "processed").exists()
