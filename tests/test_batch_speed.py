"""What keeps the batch fast, as behaviour (timings themselves belong in benchmarks/): the
workers start before the data is prepared, a batch with nothing to render imports no data
library, and --timings names every stage (of the default formats: HTML, PDF and Word)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from reportkit.cli import main
from reportkit.run.batch import DataView

DEMO = Path(__file__).resolve().parents[1] / "data" / "raw"


def test_the_workers_are_started_only_when_the_data_must_be_prepared(tmp_path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(DEMO, raw)
    calls: list[str] = []
    DataView(raw, tmp_path / "processed", before_preparing=lambda: calls.append("start"))
    assert calls == ["start"]  # no processed copy yet: prepared now, workers started first
    DataView(raw, tmp_path / "processed", before_preparing=lambda: calls.append("again"))
    assert calls == ["start"]  # current: nothing to prepare


def test_timings_then_a_rerun_with_nothing_to_render_without_pandas(
    demo_data, tmp_path, capsys
) -> None:
    raw, out = demo_data, tmp_path / "out"
    argv = ["batch", "--year", "2023", "--communes", "Thuận Nam", "--raw", str(raw)]
    argv += ["--out", str(out), "--workers", "1"]
    assert main([*argv, "--timings"]) == 0
    printed = capsys.readouterr().out.splitlines()
    names = [line[2:24].strip() for line in printed if line.startswith("  ")]
    assert names == [
        "run cells",
        "charts",
        "nbconvert HTML",
        "WeasyPrint layout",
        "PDF write",
        "Word (docx)",
        "internal workbook",
        "other",
        "report, in all",
        "prepare/load data",
        "plan",
        "write",
        "publish",
        "worker start-up (1)",
        "batch, in all",
    ]
    # Nothing changed: the batch decides so from hashes and manifests, without pandas.
    rerun = (
        "import sys; from reportkit.cli import main; code = main(sys.argv[1:]); "
        "print(code, 'pandas' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", rerun, *argv], capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines()[-1] == "0 False"
    assert done.stdout.startswith("rendered 0, unchanged 1, failed 0 in ")
