"""The command line on the demo data: figures, formats, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rawfiles import write_area

from reportkit.cli import main
from reportkit.figures.indicators import FIGURE_COLUMNS

DEMO = Path(__file__).resolve().parents[1] / "data" / "raw"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def prepared(demo_raw: Path) -> list[str]:
    """``--raw`` and ``--processed`` of the run's shared demo data, prepared once: read, not
    cleaned again (``--raw DEMO`` alone cleans data/raw in memory, as one test does)."""
    return ["--raw", str(demo_raw), "--processed", str(demo_raw.parent / "processed")]


def summary_2023(capsys, where: list[str], *options: str) -> tuple[int, str, str]:
    """``reportkit summary --year 2023 WHERE OPTIONS``."""
    return run(capsys, "summary", "--year", "2023", *where, *options)


def test_budget_summary_shows_the_published_da7_tda1_line(capsys, prepared) -> None:
    code, out, _ = summary_2023(capsys, prepared, "--table", "budget", "--format", "json")
    rows = json.loads(out)
    district = [r for r in rows if r["commune"] is None and r["project"] == "DA7.TDA1"]
    assert code == 0
    assert district == [
        {
            "year": 2023,
            "commune": None,
            "project": "DA7.TDA1",
            "allocated_vnd": 225_400_000,
            "disbursed_vnd": 107_880_000,
            "disbursement_rate": 47.86,
        }
    ]


def test_household_summary_json_keys_and_identity(capsys) -> None:
    _, out, _ = summary_2023(capsys, ["--raw", str(DEMO)])  # cleaned in memory
    rows = json.loads(out)
    assert list(rows[0]) == FIGURE_COLUMNS  # the figure table's columns, in order
    assert [r["commune"] for r in rows][:2] == ["Thuận Nam", "Hàm Cần"]
    assert rows[-1]["commune"] is None and len(rows) == 14
    for r in rows:
        assert r["poor"] == (
            r["poor_start"] - r["escaped"] - r["removed"] + r["fell_back"] + r["new_poor"]
        )


def test_first_year_has_null_transitions(capsys, prepared) -> None:
    _, out, _ = run(capsys, "summary", "--year", "2021", *prepared)
    assert {r["poor_start"] for r in json.loads(out)} == {None}


def test_training_summary_has_the_conferences_and_the_course(capsys, prepared) -> None:
    _, out, _ = summary_2023(capsys, prepared, "--table", "trainings", "--format", "csv")
    lines = out.splitlines()
    assert lines[0] == "year,commune,project,events,participants,cost_vnd"
    assert "2023,,DA7.TDA1,2,263,107880000" in lines
    assert "2023,,DA7.TDA2,1,142,104052000" in lines


def test_monitoring_summary_counts_units(capsys, prepared) -> None:
    _, out, _ = summary_2023(capsys, prepared, "--table", "monitoring")
    district = json.loads(out)[-1]
    assert (district["units_supervised"], district["units_inspected"]) == (13, 3)


def test_xlsx_output_is_written(tmp_path: Path, capsys, prepared) -> None:
    target = tmp_path / "figures.xlsx"
    code, _, _ = summary_2023(capsys, prepared, "--format", "xlsx", "--out", str(target))
    ws = load_workbook(target).active
    assert code == 0
    assert [c.value for c in ws[1]][:3] == ["year", "commune", "households"]
    assert ws.max_row == 15


def test_prepare_prints_counts_and_writes_processed(tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "prepare", "--raw", str(DEMO), "--processed", str(tmp_path))
    assert code == 0
    # 2021–2024: 15,985 rows of the 13 units + 2,675 of Sông Phan and Tiến Lợi (4 files);
    # 2025: 3,873; 2026: 3,621.
    assert out.splitlines()[1].split()[:5] == ["households", "10", "26154", "26154", "0"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "budget.parquet",
        "commentary.parquet",
        "households.parquet",
        "manifest.json",
        "monitoring.parquet",
        "population.parquet",
        "registry.json",
        "settings.parquet",
        "targets.parquet",
        "trainings.parquet",
        "units.parquet",
        "validation.csv",
    ]


def test_validate_prints_the_table(capsys) -> None:
    code, out, _ = run(capsys, "validate", "--raw", str(DEMO))
    assert code == 0  # warnings only in the demo data
    # 576 of the 13 units 2021–2024, 95 of Sông Phan and Tiến Lợi (82 status, 13 điểm B),
    # 338 of 2025–2026 (222 status, 116 điểm B), 184 rows typed with former names and,
    # for 2025 and 2026, one each: 118 of tỉnh Lâm Đồng's 124 units sent no household rows.
    assert "disbursed_vnd" in out and out.strip().endswith("0 errors, 1195 warnings")


def test_missing_raw_folder_is_one_line(tmp_path: Path, capsys) -> None:
    code, out, err = run(capsys, "prepare", "--raw", str(tmp_path / "nope"))
    assert code == 2
    assert err == f"reportkit: error: raw data folder not found: {tmp_path / 'nope'}\n"


def test_unknown_year_is_one_line(capsys, prepared) -> None:
    code, _, err = run(capsys, "summary", "--year", "2019", *prepared)
    assert code == 2
    assert err.strip() == (
        "reportkit: error: no household data for year 2019 (years in the "
        "data: 2021, 2022, 2023, 2024, 2025, 2026)"
    )


def test_reversed_year_range_is_an_error_naming_the_option(tmp_path: Path, capsys) -> None:
    code, out, err = run(
        capsys, "batch", "--years", "2024-2021", "--raw", str(DEMO), "--out", str(tmp_path)
    )
    assert (code, out) == (2, "")
    assert err == "reportkit: error: --years: 2024-2021 is a reversed range; write 2021-2024\n"


def test_year_selection_without_a_year_is_an_error(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "batch", "--years", ",", "--raw", str(DEMO), "--out", str(tmp_path))
    assert code == 2
    assert err == (
        "reportkit: error: --years: ',' selects no year; give a year or a range like 2021-2024\n"
    )


def test_commune_selection_without_a_unit_is_an_error(tmp_path: Path, capsys) -> None:
    raw, out = tmp_path / "raw", tmp_path / "out"  # the selection is checked before reading
    code, _, err = run(
        capsys, "batch", "--year", "2023", "--communes", ",", "--raw", str(raw), "--out", str(out)
    )
    assert code == 2
    assert err == (
        "reportkit: error: --communes: ',' names no unit; give 'all' or unit names "
        "separated by commas\n"
    )
    assert not out.exists()  # refused before anything was written


def test_validate_an_empty_households_file_lists_it_and_exits_1(tmp_path: Path, capsys) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "households_2023.csv").write_bytes(b"")  # the only households file
    (raw / "population.csv").write_bytes((DEMO / "population.csv").read_bytes())
    write_area(raw)
    code, out, err = run(capsys, "validate", "--raw", str(raw))
    lines = out.splitlines()
    assert (code, err) == (1, "")
    assert lines[1].split(maxsplit=6) == [
        "households",
        "households_2023.csv",
        "None",
        "None",
        "None",
        "error",
        "unreadable_file households_2023.csv: the file is empty",
    ]
    assert lines[2:] == ["1 errors, 0 warnings"]
