"""data/raw → data/processed: written once, reused while current, redone when raw changes."""

from __future__ import annotations

import shutil
from pathlib import Path

from reportkit.data.prepare import is_current, load, prepare, read_processed

DEMO = Path(__file__).resolve().parents[1] / "data" / "raw"


def test_demo_data_is_flagged_synthetic_and_hand_made_data_is_not(panel) -> None:
    assert prepare(DEMO).synthetic is True
    assert panel.synthetic is False  # no "source" column: real data


def test_processed_copy_is_reused_while_raw_is_unchanged(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(DEMO, raw)
    processed = tmp_path / "processed"
    first = load(raw, processed)
    assert is_current(processed, raw)
    again = read_processed(processed)
    assert again.fingerprint(2023, "Hàm Thạnh") == first.fingerprint(2023, "Hàm Thạnh")
    assert again.fingerprint(2023, None)[0] == first.fingerprint(2023, None)[0]
    assert len(again.validation) == len(first.validation) == 1195


def test_changed_raw_file_makes_the_processed_copy_stale(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(DEMO, raw)
    processed = tmp_path / "processed"
    load(raw, processed)
    with open(raw / "targets.csv", "a", encoding="utf-8") as fh:
        fh.write("\n")  # a byte more, same rows
    assert not is_current(processed, raw)


def test_one_units_change_leaves_other_units_fingerprints_alone(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(DEMO, raw)
    before = prepare(raw)
    text = (raw / "population.csv").read_text(encoding="utf-8")
    line = next(row for row in text.splitlines() if row.startswith("2023,Tân Lập,"))
    fields = line.split(",")
    fields[2] = str(int(fields[2]) + 1)  # one more resident household in Tân Lập, 2023
    (raw / "population.csv").write_text(text.replace(line, ",".join(fields)), encoding="utf-8")
    after = prepare(raw)
    assert after.fingerprint(2023, "Tân Lập")[0] != before.fingerprint(2023, "Tân Lập")[0]
    assert after.fingerprint(2023, None)[0] != before.fingerprint(2023, None)[0]
    assert after.fingerprint(2023, "Hàm Kiệm") == before.fingerprint(2023, "Hàm Kiệm")
    assert after.fingerprint(2022, "Tân Lập") == before.fingerprint(2022, "Tân Lập")
