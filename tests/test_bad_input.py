"""What bad input gets (issue 7): a validation row naming the file, row and cause — never a
traceback, never a figure made from rows that contradict the data contract."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
import xlwt
from openpyxl import Workbook
from rawfiles import OLD_UNITS, hh_row, raw_folder, write_area, write_csv, write_population

from reportkit.data.prepare import prepare
from reportkit.data.problems import InputError, Problem, ProblemLog, public_view

FIELDS = ["table", "file", "row", "column", "severity", "check", "message"]


def _rows(raw: Path, check: str, fields: list[str] = FIELDS) -> list[list[object]]:
    """The validation rows of one check, as the validate command sees them."""
    v = prepare(raw, strict=False).validation
    return v.loc[v["check"] == check, fields].values.tolist()


def _folder(tmp_path: Path, *rows: dict) -> Path:
    """A raw folder with households.csv (``rows``) and 2023 population of every unit."""
    return raw_folder(tmp_path, list(rows))


def _all_units(year: int, *, but: str | None = None) -> list[dict]:
    return [
        hh_row(f"H{i}", u, year=year)
        for i, u in enumerate(OLD_UNITS)
        if u != but  # one household per unit
    ]


# --- 1. unreadable files: one validation row each, the other files still read --------------


def test_problem_table_rows_stay_whole_numbers_beside_whole_file_problems() -> None:
    log = ProblemLog()
    log.add(Problem("households", "a.csv", 7, "members", "x", "error", "bad_int", "m"))
    log.add(Problem("households", "b.csv", None, None, None, "error", "unreadable_file", "m"))
    frame = log.to_frame()
    assert frame["row"].tolist() == [7, None]
    assert frame["row"].dtype == object and frame["year"].dtype == object


def test_empty_file_is_one_row_and_the_other_files_are_read(tmp_path: Path) -> None:
    raw = _folder(tmp_path, hh_row("H1"), hh_row("H2", income=-5))
    (raw / "households_2023.csv").write_bytes(b"")
    assert _rows(raw, "unreadable_file", ["file", "row", "year", "message"]) == [
        ["households_2023.csv", None, 2023, "households_2023.csv: the file is empty"]
    ]
    assert _rows(raw, "below_min", ["file", "row"]) == [["households.csv", 3]]
    assert prepare(raw).households["household_id"].tolist() == ["H1"]


def test_random_bytes_named_csv_is_one_row(tmp_path: Path) -> None:
    raw = _folder(tmp_path, hh_row("H1"))
    (raw / "households_2022.csv").write_bytes(bytes(range(256)) * 4)
    assert _rows(raw, "unreadable_file", ["file", "message"]) == [
        ["households_2022.csv", "households_2022.csv: not a CSV text file (it holds binary data)"]
    ]
    assert prepare(raw).households["household_id"].tolist() == ["H1"]


def test_utf16_text_export_is_one_row_saying_how_to_save_it(tmp_path: Path) -> None:
    raw = _folder(tmp_path, hh_row("H1"))
    (raw / "households_2022.csv").write_bytes("year\thousehold_id\n".encode("utf-16"))
    assert _rows(raw, "unreadable_file", ["file", "message"]) == [
        [
            "households_2022.csv",
            "households_2022.csv: UTF-16 text (Excel's Unicode Text format); "
            "save it as CSV UTF-8 instead",
        ]
    ]


def test_truncated_xlsx_is_one_row(tmp_path: Path) -> None:
    raw = _folder(tmp_path, hh_row("H1"))
    wb = Workbook()
    wb.active.append(["year", "household_id"])
    buf = io.BytesIO()
    wb.save(buf)
    (raw / "households_2022.xlsx").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    assert _rows(raw, "unreadable_file", ["file", "message"]) == [
        [
            "households_2022.xlsx",
            "households_2022.xlsx: cannot be read "
            "(damaged or incomplete workbook: not a valid zip container)",
        ]
    ]


def test_password_protected_xlsx_is_one_row_saying_so(tmp_path: Path) -> None:
    raw = _folder(tmp_path, hh_row("H1"))
    # What Excel writes for a workbook with a password: an OLE compound file (not a zip)
    # whose directory names an EncryptedPackage stream.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le")
    (raw / "households_2022.xlsx").write_bytes(ole)
    assert _rows(raw, "unreadable_file", ["file", "message"]) == [
        [
            "households_2022.xlsx",
            "households_2022.xlsx: the workbook is password-protected (encrypted); "
            "save a copy without a password and put that in the raw folder",
        ]
    ]


def test_validate_mode_returns_the_rows_when_no_households_row_is_usable(
    tmp_path: Path,
) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    write_population(raw)
    (raw / "households_2023.csv").write_bytes(b"")
    data = prepare(raw, strict=False)
    assert data.households.empty
    assert data.validation[["table", "file", "check"]].values.tolist() == [
        ["households", "households_2023.csv", "unreadable_file"]
    ]


def test_report_mode_raises_one_line_when_no_households_row_is_usable(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    write_population(raw)
    (raw / "households_2023.csv").write_bytes(b"")
    with pytest.raises(InputError) as exc:
        prepare(raw)
    assert str(exc.value) == (
        f"no usable households rows in {raw}: households_2023.csv: the file is empty"
    )


def test_validate_mode_reports_a_missing_required_table_as_a_row(tmp_path: Path) -> None:
    raw = _folder(tmp_path, hh_row("H1"))
    (raw / "population.csv").unlink()
    rows = _rows(raw, "missing_table", ["table", "file", "row", "message"])
    assert rows == [
        [
            "population",
            "",
            None,
            f"{raw}: no population file found (expected population*.csv, .xlsx, .xls or .ods)",
        ]
    ]


# --- 2, 3. units and years without rows -------------------------------------------------------


def test_unit_without_household_rows_in_a_review_year_is_an_error(tmp_path: Path) -> None:
    raw = _folder(tmp_path, *_all_units(2023, but="Tân Lập"))
    assert _rows(raw, "no_households", ["table", "row", "severity", "commune", "year"]) == [
        ["households", None, "error", "Tân Lập", 2023]
    ]
    assert _rows(raw, "no_households", ["file", "message"]) == [
        [
            "households.csv",
            "no household rows for Tân Lập in 2023: its figures for 2023 cannot be computed",
        ]
    ]


def test_years_absent_from_the_data_need_no_household_rows(tmp_path: Path) -> None:
    raw = _folder(tmp_path, *_all_units(2023))
    assert _rows(raw, "no_households") == []


def test_unit_and_year_without_population_row_is_an_error(tmp_path: Path) -> None:
    raw = _folder(tmp_path, *_all_units(2023))
    rows = [{"year": 2023, "commune": u, "households": 1000} for u in OLD_UNITS[1:]]
    write_csv(raw / "population.csv", rows)
    assert _rows(raw, "no_population", ["table", "file", "row", "commune", "year"]) == [
        ["population", "population.csv", None, "Thuận Nam", 2023]
    ]
    assert _rows(raw, "no_population", ["severity", "message"]) == [
        [
            "error",
            "no population row (resident households) for Thuận Nam in 2023: its rates for 2023 "
            "cannot be computed",
        ]
    ]


# --- 6. overflow and implausible values -------------------------------------------------------


@pytest.mark.parametrize("members", ["99999999999999999999", "9223372036854775807", "31"])
def test_too_many_members_is_an_error_not_an_overflow(tmp_path: Path, members: str) -> None:
    raw = _folder(tmp_path, hh_row("H1", members=members), hh_row("H2"))
    assert _rows(raw, "above_max", ["row", "column", "value", "severity", "message"]) == [
        [2, "members", members, "error", "members: must be ≤ 30; row left out of the figures"]
    ]
    assert prepare(raw).households["household_id"].tolist() == ["H2"]


def test_no_members_is_below_the_minimum(tmp_path: Path) -> None:
    raw = _folder(tmp_path, hh_row("H1", members=0))
    assert _rows(raw, "below_min", ["column", "message"]) == [
        ["members", "members: must be ≥ 1; row left out of the figures"]
    ]


def test_income_above_a_billion_a_month_is_an_error(tmp_path: Path) -> None:
    raw = _folder(tmp_path, hh_row("H1", income="1.000.000.001"), hh_row("H2"))
    assert _rows(raw, "above_max", ["row", "column", "message"]) == [
        [
            2,
            "income_per_capita",
            "income_per_capita: must be ≤ 1,000,000,000; row left out of the figures",
        ]
    ]
    assert prepare(raw).households["household_id"].tolist() == ["H2"]


def test_a_400_digit_income_is_an_error_not_infinity(tmp_path: Path) -> None:
    raw = _folder(tmp_path, hh_row("H1", income="9" * 400))
    assert _rows(raw, "above_max", ["column", "severity"]) == [["income_per_capita", "error"]]


def test_huge_optional_number_is_dropped_with_a_warning(tmp_path: Path) -> None:
    raw = _folder(tmp_path, hh_row("H1", score_b="99999999999999999999"))
    assert _rows(raw, "above_max", ["column", "severity", "message"]) == [
        [
            "score_b",
            "warning",
            "score_b: must be ≤ 9,007,199,254,740,992; value ignored",
        ]
    ]
    assert prepare(raw).households["score_b"].isna().tolist() == [True]


def test_budget_line_of_1e24_vnd_is_an_error(tmp_path: Path) -> None:
    raw = _folder(tmp_path, hh_row("H1"))
    line = {"year": 2023, "commune": "", "project": "DA1", "activity": "Đường"}
    write_csv(
        raw / "budget.csv",
        [
            {**line, "allocated_vnd": "1" + "0" * 24, "disbursed_vnd": 0},
            {**line, "allocated_vnd": 5_000_000, "disbursed_vnd": 0},
        ],
    )
    assert _rows(raw, "above_max", ["table", "row", "column", "message"]) == [
        [
            "budget",
            2,
            "allocated_vnd",
            "allocated_vnd: must be ≤ 1,000,000,000,000; row left out of the figures",
        ]
    ]
    assert prepare(raw)["budget"]["allocated_vnd"].tolist() == [5_000_000.0]


def test_implausibly_many_resident_households_is_an_error(tmp_path: Path) -> None:
    raw = _folder(tmp_path, hh_row("H1"))
    rows = [{"year": 2023, "commune": "Hàm Thạnh", "households": 1_000_000_000_000}]
    write_csv(raw / "population.csv", rows)
    assert _rows(raw, "above_max", ["table", "column", "message"]) == [
        [
            "population",
            "households",
            "households: must be ≤ 100,000; row left out of the figures",
        ]
    ]


def test_resident_households_changing_by_more_than_30_percent_is_a_warning(
    tmp_path: Path,
) -> None:
    raw = _folder(tmp_path, hh_row("H1", year=2022), hh_row("H1"))
    rows = [
        {"year": 2022, "commune": "Hàm Thạnh", "households": 1000},
        {"year": 2023, "commune": "Hàm Thạnh", "households": 1301},
        {"year": 2022, "commune": "Hàm Kiệm", "households": 1000},
        {"year": 2023, "commune": "Hàm Kiệm", "households": 1300},  # 30 %: plausible
    ]
    write_csv(raw / "population.csv", rows)
    assert _rows(raw, "population_change", ["row", "severity", "commune", "year", "message"]) == [
        [
            3,
            "warning",
            "Hàm Thạnh",
            2023,
            "resident households changed from 1,000 in 2022 to 1,301 in 2023, more than 30% "
            "of the previous year's figure",
        ]
    ]


# --- 10. formats ---------------------------------------------------------------------------


def test_xls_workbook_is_read(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    write_population(raw)
    rows = [hh_row("H1"), hh_row("H2", commune="Ham Kiem", status="không", income=2_900_000)]
    book = xlwt.Workbook()
    sheet = book.add_sheet("DS")
    sheet.write(0, 0, "DANH SÁCH HỘ RÀ SOÁT NĂM 2023")
    for j, col in enumerate(rows[0]):
        sheet.write(2, j, col)
        for i, r in enumerate(rows):
            sheet.write(3 + i, j, r[col])
    book.save(str(raw / "households_2023.xls"))
    hh = prepare(raw).households
    assert hh[["household_id", "commune", "recorded_status", "_row"]].values.tolist() == [
        ["H1", "Hàm Thạnh", "poor", 4],
        ["H2", "Hàm Kiệm", "none", 5],
    ]


def test_xlsx_workbook_renamed_xls_is_read(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    write_population(raw)
    wb = Workbook()
    row = hh_row("H1")
    wb.active.append(list(row))
    wb.active.append(list(row.values()))
    wb.save(raw / "households_2023.xls")
    assert prepare(raw).households["household_id"].tolist() == ["H1"]


def test_ods_spreadsheet_is_read(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    write_population(raw)
    rows = [hh_row("H1"), hh_row("H2", village="Th«n 2")]
    width = len(rows[0])
    title = ["DANH SÁCH HỘ", *[None] * (width - 1)]
    cells = [title, [None] * width, list(rows[0]), *[list(r.values()) for r in rows]]
    pd.DataFrame(cells).to_excel(
        raw / "households_2023.ods", header=False, index=False, engine="odf"
    )
    hh = prepare(raw).households
    assert hh[["household_id", "village", "members", "_row"]].values.tolist() == [
        ["H1", "Thôn 1", 4, 4],
        ["H2", "Thôn 2", 4, 5],
    ]


@pytest.mark.parametrize("name", ["households_2023.pdf", "households_2023.docx", "households.txt"])
def test_table_file_in_another_format_is_an_error_naming_it(tmp_path: Path, name: str) -> None:
    raw = _folder(tmp_path, hh_row("H1"))
    (raw / name).write_bytes(b"%PDF-1.4")
    assert _rows(raw, "unsupported_format", ["table", "file", "row", "severity", "message"]) == [
        ["households", name, None, "error", f"{name}: not a CSV, XLSX, XLS or ODS file; not read"]
    ]


def test_header_without_rows_is_a_warning(tmp_path: Path) -> None:
    raw = _folder(tmp_path, hh_row("H1"))
    (raw / "households_2022.csv").write_text(",".join(hh_row("H2")) + "\n", encoding="utf-8")
    assert _rows(raw, "no_rows", ["file", "severity", "message"]) == [
        [
            "households_2022.csv",
            "warning",
            "households_2022.csv: header found but no rows below it",
        ]
    ]


# --- 11. a row with an unquoted delimiter ------------------------------------------------


def test_unquoted_comma_rejects_only_its_row(tmp_path: Path) -> None:
    raw = _folder(tmp_path, hh_row("H1"), hh_row("H2", village="Thôn 1 - Xóm 2"), hh_row("H3"))
    path = raw / "households.csv"
    path.write_text(path.read_text("utf-8").replace("Thôn 1 - Xóm 2", "Thôn 1, Xóm 2"), "utf-8")
    assert _rows(raw, "bad_field_count", ["file", "row", "column", "severity", "message"]) == [
        [
            "households.csv",
            3,
            None,
            "error",
            "25 fields, header has 24; row left out of the figures",
        ]
    ]
    hh = prepare(raw).households
    assert hh[["household_id", "_row"]].values.tolist() == [["H1", 2], ["H3", 4]]


# --- 12. a row of another year in a file named for a year -----------------------------------


def test_row_whose_year_contradicts_its_file_name_is_an_error(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    write_area(raw)
    write_csv(
        raw / "population.csv",
        [{"year": y, "commune": "Hàm Thạnh", "households": 1000} for y in (2023, 2024)],
    )
    write_csv(raw / "households_2023.csv", [hh_row("H1"), hh_row("H2", year=2024)])
    write_csv(raw / "households_2024.csv", [hh_row("H2", year=2024, income=900_000)])
    data = prepare(raw)
    v = data.validation
    v = v.loc[v["check"] != "no_households"]  # the twelve units without rows
    assert v.loc[v["severity"] == "error", FIELDS].values.tolist() == [
        [
            "households",
            "households_2023.csv",
            3,
            "year",
            "error",
            "year_not_file_year",
            "year 2024 in a file for 2023; row left out of the figures",
        ]
    ]
    hh = data.households
    assert hh[["year", "household_id", "income_per_capita"]].values.tolist() == [
        [2023, "H1", 1_200_000.0],
        [2024, "H2", 900_000.0],
    ]


# --- 14. columns named like the pipeline's own ------------------------------------------


def test_users_column_named_like_an_internal_one_is_kept_under_another_name(
    tmp_path: Path,
) -> None:
    raw = _folder(tmp_path, hh_row("H1", _file="ghi chú", rule_status="x"))
    hh = prepare(raw).households
    assert hh["_file"].tolist() == ["households.csv"]
    assert hh[["_file_25", "rule_status_26"]].values.tolist() == [["ghi chú", "x"]]
    assert hh["rule_status"].astype(str).tolist() == ["poor"]


# --- 5. household text stays out of messages and shared outputs ----------------------------


def test_a_name_typed_into_a_number_column_is_not_quoted_in_the_message(
    tmp_path: Path,
) -> None:
    raw = _folder(tmp_path, hh_row("H1", members="Nguyễn Văn A"))
    assert _rows(raw, "bad_int", ["column", "value", "message"]) == [
        ["members", "Nguyễn Văn A", "members: not a number; row left out of the figures"]
    ]


def test_public_view_shows_unit_village_and_numbers_and_hides_other_household_text() -> None:
    log = ProblemLog()
    for table, column, value in [
        ("households", "members", "Nguyễn Văn A"),
        ("households", "commune", "Hàm Thắng"),
        ("households", "village", "Thôn 1, Xóm 2"),
        ("households", "income_per_capita", "-1.500.000"),
        ("households", "head_name", "Nguyễn Văn Thử"),
        ("households", "d07_housing_quality", "x2"),
        ("households", None, None),
        ("budget", "activity", "Hội nghị"),
    ]:
        log.add(Problem(table, "f.csv", 2, column, value, "error", "c", "m"))
    view = public_view(log.to_frame())
    assert view[["column", "value"]].values.tolist() == [
        ["activity", "Hội nghị"],
        [None, None],
        ["commune", "Hàm Thắng"],
        ["d07_housing_quality", "văn bản (2 ký tự)"],
        ["head_name", None],
        ["income_per_capita", "-1.500.000"],
        ["members", "văn bản (12 ký tự)"],
        ["village", "Thôn 1, Xóm 2"],
    ]
