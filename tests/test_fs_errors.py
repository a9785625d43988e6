"""File-system conditions end in one line naming the path and the cause, never a traceback
(issue 7, defect 7): a full disk, an output folder that cannot be written, raw data on
read-only media. Read-only folders are made with chmod where that stops writes (not as
root), else with a regular file where a folder should be."""

from __future__ import annotations

import errno
import hashlib
import json
import os
from pathlib import Path

import pytest
from test_batch import DEMO, batch_argv, demo_copy, notebooks_failing_for

from reportkit.cli import main
from reportkit.core import atomic
from reportkit.core.errors import OutputError
from reportkit.data.prepare import read_processed

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


def with_a_failing_report(raw: Path, monkeypatch) -> tuple[Path, Path]:
    """Beside ``raw`` (a copy of the demo data: the demo_data fixture), a copy of the
    notebooks in which Tân Lập's report fails; (raw, out)."""
    nbdir = notebooks_failing_for(
        raw.parent, "Tân Lập", 'raise ValueError("forced failure for Tân Lập")'
    )
    monkeypatch.setenv("REPORTKIT_NOTEBOOKS", str(nbdir))
    return raw, raw.parent / "out"


def batch(capsys, raw: Path, out: Path) -> tuple[int, str, str]:
    return run(capsys, *batch_argv(raw, out, "Hàm Kiệm,Tân Lập", "--workers", "2"))


def test_full_disk_while_publishing_is_one_line_and_the_failures_are_still_listed(
    demo_data, monkeypatch, capsys
) -> None:
    raw, out = with_a_failing_report(demo_data, monkeypatch)
    disk_full_for("summary.xlsx", monkeypatch)
    code, printed, err = batch(capsys, raw, out)
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


def test_the_run_after_a_full_disk_publishes(demo_data, monkeypatch, capsys) -> None:
    raw, out = with_a_failing_report(demo_data, monkeypatch)
    with monkeypatch.context() as full:
        disk_full_for("summary.xlsx", full)
        assert batch(capsys, raw, out)[0] == 2
    code, printed, _ = batch(capsys, raw, out)
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
    code, _, _ = run(capsys, *batch_argv(raw, out, "Mỹ Thạnh", "--processed", str(processed)))
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
    ]
    digest, hashed = read_processed(processed).fingerprint(2023, "Mỹ Thạnh")  # the data's
    expected = {"digest": digest, "inputs": [list(i) for i in hashed]}
    assert digests["reports"]["2023|Mỹ Thạnh"] == expected
    assert not (tmp_path / "processed").exists()
