"""Input found by a hostile tryout (issue 15): each defect is one validation row (file, row,
column, value, severity, message), never a traceback, never a silent change of a figure."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook
from rawfiles import AREAS, OLD_UNITS, hh_row, raw_folder, write_area, write_csv

from reportkit.data.clean import to_household_id
from reportkit.data.prepare import prepare
from reportkit.figures.indicators import household_figures

FIELDS = ["file", "row", "column", "value", "severity", "message"]


def _validation(raw: Path) -> pd.DataFrame:
    """The validation rows, without the no_households errors of the twelve units these
    one-unit folders leave out (test_bad_input.py specifies those)."""
    v = prepare(raw, strict=False).validation
    return v.loc[v["check"] != "no_households"]


def _rows(raw: Path, check: str, fields: list[str] = FIELDS) -> list[list[object]]:
    v = _validation(raw)
    return v.loc[v["check"] == check, fields].values.tolist()


# --- 6. zero-width characters inside names and numbers -----------------------------------


def test_zero_width_characters_are_stripped_before_parsing(tmp_path: Path) -> None:
    rows = [
        hh_row("H1", "Hàm\u200bThạnh", income="1\u200b500\u200b000"),
        hh_row("\ufeffH2", "Hàm Thạnh\u2060", income="1\u200c200\u200d000", members="4\u200b"),
    ]
    raw = raw_folder(tmp_path, rows)
    hh = prepare(raw).households
    assert _validation(raw)["check"].tolist() == []
    assert hh["household_id"].tolist() == ["H1", "H2"]
    assert hh["commune"].tolist() == ["Hàm Thạnh", "Hàm Thạnh"]
    assert hh["income_per_capita"].tolist() == [1_500_000.0, 1_200_000.0]
    assert hh["members"].tolist() == [4, 4]


# --- 7. a unit name typed in TCVN3 is shown decoded ---------------------------------------


def test_tcvn3_unit_name_is_shown_decoded_in_value_and_message(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, [hh_row("H1"), hh_row("H2", "Hµm Phó")])
    assert _rows(raw, "bad_unit") == [
        [
            "households.csv",
            3,
            "commune",
            "Hàm Phú",
            "error",
            "commune: Hàm Phú was a unit of huyện Hàm Thuận Bắc in 2023, outside the area "
            "(huyện Hàm Thuận Nam), and no unit with data took it in; nearest unit: Hàm Cần; "
            "row left out of the figures",
        ]
    ]


# --- 1. household ids losing their leading zeros -------------------------------------------


def _two_years(tmp_path: Path, ids_2023: list[str], ids_2024: list[str]) -> Path:
    """households_2023.csv and households_2024.csv of Hàm Thạnh: in 2023 the first three
    households poor, the fourth near-poor; in 2024 the first near-poor, the others poor."""
    raw = tmp_path / "raw"
    raw.mkdir()
    write_area(raw)
    pop = [{"year": y, "commune": u, "households": 1000} for y in (2023, 2024) for u in OLD_UNITS]
    write_csv(raw / "population.csv", pop)
    statuses = {2023: ["poor", "poor", "poor", "near_poor"], 2024: ["near_poor", *["poor"] * 3]}
    for year, ids in ((2023, ids_2023), (2024, ids_2024)):
        rows = [
            hh_row(i, year=year, status=s, income=1_800_000 if s == "near_poor" else 1_000_000)
            for i, s in zip(ids, statuses[year], strict=True)
        ]
        write_csv(raw / f"households_{year}.csv", rows)
    return raw


def test_household_matched_across_years_when_the_second_year_lost_its_zeros(
    tmp_path: Path,
) -> None:
    # 2023: 0012, 0013, 0014 poor, 0015 near-poor. 2024: 12 near-poor (escaped), 13 poor
    # (still poor), 15 poor (never poor before: new), 16 poor (new); 0014 not reviewed
    # (removed). Poor at the start 3, escaped 1, removed 1, fell back 0, new 2: 3 at the end.
    raw = _two_years(tmp_path, ["0012", "0013", "0014", "0015"], ["12", "13", "15", "16"])
    figures = household_figures(prepare(raw), 2024).set_index("commune")
    ham_thanh = figures.loc["Hàm Thạnh", ["poor_start", "escaped", "removed", "fell_back"]]
    assert ham_thanh.tolist() == [3, 1, 1, 0]
    assert figures.loc["Hàm Thạnh", ["new_poor", "poor"]].tolist() == [2, 3]


def test_change_of_household_id_format_between_years_is_one_warning(tmp_path: Path) -> None:
    raw = _two_years(tmp_path, ["0012", "0013", "0014", "0015"], ["12", "13", "15", "16"])
    assert _rows(raw, "household_id_format", [*FIELDS, "commune", "year"]) == [
        [
            "households_2024.csv",
            None,
            "household_id",
            None,
            "warning",
            "household ids of Hàm Thạnh are zero-padded to 4 digits in 2023 but without "
            "leading zeros in 2024: ids made only of digits are compared without their "
            "leading zeros",
            "Hàm Thạnh",
            2024,
        ]
    ]


def test_excel_numbers_as_household_ids_are_one_warning_and_still_match(
    tmp_path: Path,
) -> None:
    raw = _two_years(tmp_path, ["12", "13", "14", "15"], ["12.0", "13.0", "15.0", "16.0"])
    assert _rows(raw, "household_id_format", ["file", "message"]) == [
        [
            "households_2024.csv",
            "household ids of Hàm Thạnh are without leading zeros in 2023 but numbers with a "
            "decimal part (12.0, as Excel writes them) in 2024: ids made only of digits are "
            "compared without their leading zeros",
        ]
    ]
    figures = household_figures(prepare(raw), 2024).set_index("commune")
    assert figures.loc["Hàm Thạnh", ["escaped", "removed", "new_poor"]].tolist() == [1, 1, 2]


def test_same_household_id_format_in_both_years_is_no_warning(tmp_path: Path) -> None:
    raw = _two_years(tmp_path, ["0012", "0013", "0014", "1015"], ["0012", "0013", "0015", "1016"])
    assert _rows(raw, "household_id_format") == []


@pytest.mark.parametrize(
    ("typed", "matched"),
    [
        ("0012", "12"),
        ("12", "12"),
        ("12.0", "12"),
        ("000", "0"),
        ("HT-0012", "HT-0012"),
        ("ht-0012", "ht-0012"),
        ("0012A", "0012A"),
        ("12.5", "12.5"),
    ],
)
def test_household_id_rule(typed: str, matched: str) -> None:
    assert to_household_id(typed) == matched


def test_ids_equal_once_their_zeros_are_dropped_are_duplicates(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, [hh_row("012"), hh_row("12")])
    assert _rows(raw, "duplicate_household", ["file", "row", "value", "severity", "message"]) == [
        [
            "households.csv",
            3,
            "12",
            "error",
            "household_id duplicated in 2023: first seen in households.csv row 2; row left out "
            "of the figures",
        ]
    ]


# --- 2. more households reviewed than live in the unit ------------------------------------


def test_fewer_resident_than_reviewed_households_is_an_error_and_no_rate(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, [hh_row(f"H{i}") for i in range(1, 17)])
    pop = [
        {"year": 2023, "commune": u, "households": 4 if u == "Hàm Thạnh" else 1000}
        for u in OLD_UNITS
    ]
    write_csv(raw / "population.csv", pop)  # Hàm Thạnh is its 7th row: row 8 of the file
    v = _validation(raw)
    assert v.loc[
        v["table"] == "population", [*FIELDS, "check", "commune", "year"]
    ].values.tolist() == [
        [
            "population.csv",
            8,
            "households",
            "4",
            "error",
            "resident households (4) fewer than households reviewed (16) in Hàm Thạnh in "
            "2023: population row left out, no rates for Hàm Thạnh in 2023",
            "population_below_reviewed",
            "Hàm Thạnh",
            2023,
        ]
    ]
    data = prepare(raw)
    population = data["population"]
    assert population.loc[population["commune"] == "Hàm Thạnh"].empty
    figures = household_figures(data, 2023).set_index("commune")
    columns = ["households", "reviewed", "poor", "poor_rate", "missing_tables"]
    row = figures.loc["Hàm Thạnh", columns]
    assert [None if pd.isna(v) else v for v in row] == [None, 16, 16, None, "population"]
    # The report prints no rate for Hàm Thạnh 2023 and says why.
    from reportkit.report import open_report
    from reportkit.report.document import plain_text

    text = plain_text(open_report("Hàm Thạnh", 2023, raw).targets())
    assert (
        "Tổng số hộ dân cư năm 2023 của Xã Hàm Thạnh trong dữ liệu nhỏ hơn số hộ được rà soát,"
        " nên không được dùng làm mẫu số: không tính tỷ lệ và không đánh giá"
    ) in text
    assert "Tỷ lệ hộ nghèo (%) | – | Không có số liệu | – | – | Không có số liệu" in text
    assert "400,00" not in text


# --- 3. entries of the raw folder that are not files ---------------------------------------


def test_table_named_entries_that_are_not_files_are_one_error_each(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, [hh_row("H1")])
    (raw / "households_2027.csv").mkdir()
    (raw / "households_2026.csv").symlink_to(raw / "moved_away.csv")
    (raw / "population_loop.csv").symlink_to(raw / "population_loop.csv")
    (raw / "notes.csv").symlink_to(raw / "nowhere.csv")  # no table's name: ignored, as ever
    assert _rows(raw, "unreadable_file", ["table", *FIELDS]) == [
        [
            "households",
            "households_2026.csv",
            None,
            None,
            None,
            "error",
            "households_2026.csv: a link to a file that does not exist; not read",
        ],
        [
            "households",
            "households_2027.csv",
            None,
            None,
            None,
            "error",
            "households_2027.csv: a folder, not a file; not read",
        ],
        [
            "population",
            "population_loop.csv",
            None,
            None,
            None,
            "error",
            "population_loop.csv: a link that leads back to itself; not read",
        ],
    ]
    assert prepare(raw).households["household_id"].tolist() == ["H1"]


# --- 4. dates as Vietnamese officials type them; a report dated outside its window -------


def test_day_first_dates_are_read_and_never_as_month_first(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, [hh_row("H1")])
    trainings = [
        {"year": 2023, "date": d, "commune": "", "participants": 10, "cost_vnd": 1000}
        for d in ("15/01/2023", "5/3/2023", "05.03.2023", "2023-03-05", "01/15/2023")
    ]
    write_csv(raw / "trainings.csv", trainings)
    dates = prepare(raw)["trainings"]["date"]
    assert [None if pd.isna(d) else f"{d:%Y-%m-%d}" for d in dates] == [
        "2023-01-15",
        "2023-03-05",
        "2023-03-05",
        "2023-03-05",
        None,
    ]
    assert _rows(raw, "bad_date") == [
        [
            "trainings.csv",
            6,
            "date",
            "01/15/2023",
            "warning",
            "date: not a valid date; value ignored",
        ]
    ]


def test_report_date_outside_its_review_years_window_is_a_warning_and_left_blank(
    tmp_path: Path,
) -> None:
    raw = raw_folder(tmp_path, [hh_row("H1")])
    (raw / "settings_area.csv").unlink()  # the areas are named in this settings table
    district, province = AREAS[2023], AREAS[2026]
    settings = [
        {"year": 2023, "commune": "", "date": "15/01/2024", "area": district},
        {"year": 2023, "commune": "Hàm Thạnh", "date": "2099-01-15", "area": district},
        {"year": 2023, "commune": "Hàm Cần", "date": "2020-05-01", "area": district},
        {"year": 2026, "commune": "Hàm Thạnh", "date": "15/01/2027", "area": province},
    ]
    write_csv(raw / "settings.csv", settings)
    window = "2023-09-01 – 2024-06-30"
    assert _rows(raw, "report_date_outside_window") == [
        [
            "settings.csv",
            3,
            "date",
            "2099-01-15",
            "warning",
            f"date 2099-01-15 is outside {window}, when a report on review year 2023 is "
            "dated; left blank",
        ],
        [
            "settings.csv",
            4,
            "date",
            "2020-05-01",
            "warning",
            f"date 2020-05-01 is outside {window}, when a report on review year 2023 is "
            "dated; left blank",
        ],
    ]
    dates = prepare(raw)["settings"]["date"]
    assert [None if pd.isna(d) else f"{d:%Y-%m-%d}" for d in dates] == [
        "2024-01-15",
        None,
        None,
        "2027-01-15",
    ]


# --- 5. a header row repeated inside a table -----------------------------------------------


def test_header_repeated_inside_a_csv_is_one_warning_and_no_other_row(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, [hh_row("H1"), hh_row("H2")])
    first = (raw / "households.csv").read_text(encoding="utf-8")
    second = write_csv(tmp_path / "second_sheet.csv", [hh_row("H3"), hh_row("H4")])
    (raw / "households.csv").write_text(first + second.read_text(encoding="utf-8"))
    v = _validation(raw)
    assert v.loc[v["row"] == 4, [*FIELDS, "check"]].values.tolist() == [
        [
            "households.csv",
            4,
            None,
            None,
            "warning",
            "row 4 repeats the header; left out",
            "repeated_header",
        ]
    ]
    assert prepare(raw).households["household_id"].tolist() == ["H1", "H2", "H3", "H4"]


def test_header_repeated_inside_a_workbook_is_one_warning(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, [hh_row("H1")])
    (raw / "households.csv").unlink()
    wb = Workbook()
    ws = wb.active
    ws.append(["Danh sách hộ rà soát"])  # a title row above the header
    columns = list(hh_row("H1"))
    for block in (["H1", "H2"], ["H3"]):
        ws.append([c.upper() for c in columns])  # the second time after a pasted sheet
        for hid in block:
            ws.append(list(hh_row(hid).values()))
    wb.save(raw / "households.xlsx")
    assert _rows(raw, "repeated_header", ["file", "row", "severity", "message"]) == [
        ["households.xlsx", 5, "warning", "row 5 repeats the header; left out"]
    ]
    assert prepare(raw).households["household_id"].tolist() == ["H1", "H2", "H3"]


# --- a CSV saved half-way: it stops inside a character -------------------------------------


def test_a_file_cut_inside_a_character_is_still_utf8_with_one_warning(tmp_path: Path) -> None:
    rows = [hh_row("H1"), hh_row("H2", village="Thôn Hà")]
    columns = [c for c in rows[0] if c != "village"] + ["village"]  # the cut falls in "à"
    raw = raw_folder(tmp_path, rows, columns=columns)
    path = raw / "households.csv"
    data = path.read_bytes()
    assert data.endswith("Thôn Hà\n".encode())
    path.write_bytes(data[:-2])  # no newline, and of "à" (two bytes) only the first
    assert _rows(raw, "cut_character") == [
        [
            "households.csv",
            None,
            None,
            None,
            "warning",
            "the file ends inside a character (1 byte(s) of UTF-8 left out): it may not have "
            "been saved completely; check its last row",
        ]
    ]
    hh = prepare(raw, strict=False).households
    assert hh["village"].tolist() == ["Thôn 1", "Thôn H"]  # read as UTF-8, not a code page
    assert hh["commune"].tolist() == ["Hàm Thạnh", "Hàm Thạnh"]
