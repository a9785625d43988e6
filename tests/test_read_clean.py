"""Every messy-input form of the data contract, and what bad input gets."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from openpyxl import Workbook
from rawfiles import hh_row, raw_folder, write_csv, write_population

from reportkit import domain
from reportkit.data.prepare import prepare
from reportkit.data.problems import InputError

VI_HEADERS = {
    "year": "Năm",
    "household_id": "Mã hộ",
    "commune": "Xã",
    "village": "Thôn",
    "head_name": "Họ tên chủ hộ",
    "members": "Số nhân khẩu",
    "income_per_capita": "Thu nhập bình quân đầu người",
    "recorded_status": "Kết quả phân loại",
    "score_b": "Điểm B",
    "ethnic_minority": "Dân tộc thiểu số",
    "agri_sector": "Nông lâm ngư diêm nghiệp",
    "no_labour": "Không có khả năng lao động",
    **{i.column: i.vi for i in domain.indicators()},
}


def _households(raw: Path):
    return prepare(raw).households


def _problems(raw: Path, severity: str | None = None):
    """The validation rows of ``raw``, without the no_households errors of the twelve units
    these one-unit folders leave out (test_bad_input.py specifies those)."""
    v = prepare(raw).validation
    v = v.loc[v["check"] != "no_households"]
    return v if severity is None else v.loc[v["severity"] == severity]


def test_utf8_csv_with_canonical_headers(tmp_path: Path) -> None:
    hh = _households(raw_folder(tmp_path, [hh_row("H1"), hh_row("H2", status="poor")]))
    assert hh["household_id"].tolist() == ["H1", "H2"]
    assert hh["commune"].tolist() == ["Hàm Thạnh", "Hàm Thạnh"]


def test_utf8_with_bom(tmp_path: Path) -> None:
    hh = _households(raw_folder(tmp_path, [hh_row("H1")], encoding="utf-8-sig"))
    assert hh["year"].tolist() == [2023]  # the BOM does not glue itself to the first header


def test_8bit_windows_code_page_cp1258(tmp_path: Path) -> None:
    hh = _households(raw_folder(tmp_path, [hh_row("H1", commune="Tân Lập")], encoding="cp1258"))
    assert hh["commune"].tolist() == ["Tân Lập"]
    assert unicodedata.is_normalized("NFC", hh["village"].iloc[0])


def test_semicolon_delimited_csv(tmp_path: Path) -> None:
    hh = _households(raw_folder(tmp_path, [hh_row("H1")], delimiter=";"))
    assert hh["income_per_capita"].tolist() == [1_200_000.0]


def test_vietnamese_headers_with_and_without_diacritics(tmp_path: Path) -> None:
    rows = [hh_row("H1")]
    cols = list(rows[0])
    with_marks = [VI_HEADERS[c] for c in cols]
    raw = raw_folder(tmp_path, rows, header=with_marks)
    assert _households(raw)["household_id"].tolist() == ["H1"]
    ascii_upper = [
        unicodedata.normalize("NFD", VI_HEADERS[c].replace("đ", "d").replace("Đ", "D"))
        .encode("ascii", "ignore")
        .decode()
        .upper()
        for c in cols
    ]
    assert ascii_upper[6] == "THU NHAP BINH QUAN DAU NGUOI"
    write_csv(raw / "households.csv", rows, header=ascii_upper)
    assert _households(raw)["household_id"].tolist() == ["H1"]


def test_x_and_blank_ticks(tmp_path: Path) -> None:
    row = hh_row(
        "H1",
        ticks=0,
        d01_employment="x",
        d02_dependants="X",
        d03_nutrition="",
        d04_health_insurance="x",
        score_b=30,
    )
    hh = _households(raw_folder(tmp_path, [row]))
    assert hh[["d01_employment", "d02_dependants", "d03_nutrition", "d04_health_insurance"]].iloc[
        0
    ].tolist() == [1, 1, 0, 1]
    assert hh["deprivations"].tolist() == [3]


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("hộ nghèo", "poor"),
        ("Hộ cận nghèo", "near_poor"),
        ("hộ có mức sống trung bình", "average"),
        ("không", "none"),
        ("HO NGHEO", "poor"),
        ("near_poor", "near_poor"),
    ],
)
def test_vietnamese_status_words(tmp_path: Path, word: str, status: str) -> None:
    hh = _households(raw_folder(tmp_path, [hh_row("H1", status=word)]))
    assert hh["recorded_status"].tolist() == [status]


@pytest.mark.parametrize(
    "spelling",
    [
        "Hàm Thạnh",  # NFC
        unicodedata.normalize("NFD", "Hàm Thạnh"),
        "Ham Thanh",
        "HAM THANH",
        "Xã Hàm Thạnh",
        "X. Hàm Thạnh",
        "Hµm Th¹nh",  # TCVN3 (ABC font) bytes read as Latin-1
    ],
)
def test_unit_name_forms_match_the_registry(tmp_path: Path, spelling: str) -> None:
    hh = _households(raw_folder(tmp_path, [hh_row("H1", commune=spelling)]))
    assert hh["commune"].tolist() == ["Hàm Thạnh"]


@pytest.mark.parametrize("spelling", ["TT. Thuận Nam", "Thị trấn Thuận Nam", "thuan nam"])
def test_urban_township_forms(tmp_path: Path, spelling: str) -> None:
    hh = _households(raw_folder(tmp_path, [hh_row("H1", commune=spelling)]))
    assert hh["commune"].tolist() == ["Thuận Nam"]


def test_tone_placement_variant(tmp_path: Path) -> None:
    hh = _households(raw_folder(tmp_path, [hh_row("H1", commune="Thuận Quí")]))
    assert hh["commune"].tolist() == ["Thuận Quý"]


def test_tcvn3_text_is_converted_per_cell(tmp_path: Path) -> None:
    hh = _households(raw_folder(tmp_path, [hh_row("H1", village="Th«n Hµm Th¹nh")]))
    assert hh["village"].tolist() == ["Thôn Hàm Thạnh"]


def test_xlsx_with_title_rows_above_the_header(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    write_population(raw)
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH HỘ RÀ SOÁT NĂM 2023"])
    ws.append([])
    rows = [
        hh_row("H1", status="hộ nghèo"),
        hh_row("H2", commune="Ham Kiem", status="không", income=2_900_000, ticks=0),
    ]
    ws.append([VI_HEADERS[c] for c in rows[0]])
    for r in rows:
        ws.append([r[c] for c in rows[0]])
    wb.save(raw / "households_2023.xlsx")
    hh = _households(raw)
    assert hh[["household_id", "commune", "recorded_status"]].values.tolist() == [
        ["H1", "Hàm Thạnh", "poor"],
        ["H2", "Hàm Kiệm", "none"],
    ]
    assert hh["_row"].tolist() == [4, 5]  # rows as Excel shows them


def test_several_files_of_one_table_are_stacked(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, [hh_row("H1")])
    write_csv(raw / "households_tan_lap.csv", [hh_row("H9", commune="Tân Lập")])
    assert sorted(_households(raw)["household_id"]) == ["H1", "H9"]


def test_raw_files_are_never_written(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, [hh_row("H1", commune="Hµm Th¹nh")])
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in raw.iterdir()}
    prepare(raw)
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in raw.iterdir()} == before


# --- errors: the row is kept out of the figures ------------------------------------------


def test_neighbouring_districts_commune_is_an_error_with_nearest_unit(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, [hh_row("H1"), hh_row("H2", commune="Hàm Thắng")])
    errors = _problems(raw, "error")
    assert errors[["file", "row", "column", "value"]].values.tolist() == [
        ["households.csv", 3, "commune", "Hàm Thắng"]
    ]
    msg = errors["message"].iloc[0]
    assert "Hàm Thuận Bắc" in msg and "nearest unit: Hàm Thạnh" in msg
    assert _households(raw)["household_id"].tolist() == ["H1"]


def test_unknown_unit_typo_suggests_nearest(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, [hh_row("H1", commune="Ham Thnah"), hh_row("H2")])
    errors = _problems(raw, "error")
    assert "nearest unit: Hàm Thạnh" in errors["message"].iloc[0]


def test_duplicate_household_in_a_year(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, [hh_row("H1"), hh_row("H1", income=900_000)])
    errors = _problems(raw, "error")
    assert errors[["row", "column", "value"]].values.tolist() == [[3, "household_id", "H1"]]
    assert "first seen in households.csv row 2" in errors["message"].iloc[0]
    assert _households(raw)["income_per_capita"].tolist() == [1_200_000.0]


def test_negative_income(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, [hh_row("H1", income=-5), hh_row("H2")])
    errors = _problems(raw, "error")
    assert errors[["row", "column", "value"]].values.tolist() == [[2, "income_per_capita", "-5"]]
    assert _households(raw)["household_id"].tolist() == ["H2"]


def test_indicator_not_0_or_1(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, [hh_row("H1", d07_housing_quality="2"), hh_row("H2")])
    errors = _problems(raw, "error")
    assert errors[["row", "column", "value"]].values.tolist() == [[2, "d07_housing_quality", "2"]]
    assert _households(raw)["household_id"].tolist() == ["H2"]


def test_missing_required_column_leaves_that_file_out(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, [hh_row("H1")])
    cols = [c for c in hh_row("H2") if c != "income_per_capita"]
    write_csv(raw / "households_extra.csv", [hh_row("H2")], columns=cols)
    errors = _problems(raw, "error")
    assert errors[["file", "row", "column"]].values.tolist() == [
        ["households_extra.csv", None, "income_per_capita"]
    ]
    assert _households(raw)["household_id"].tolist() == ["H1"]


def test_required_table_missing_is_one_clear_error(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    write_population(raw)
    with pytest.raises(InputError, match="no households file found"):
        prepare(raw)


def test_unreadable_required_file_is_one_clear_error(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    write_population(raw)
    (raw / "households.xlsx").write_bytes(b"this is not a workbook")
    with pytest.raises(InputError, match=r"households\.xlsx: cannot be read"):
        prepare(raw)


def test_unreadable_optional_table_is_a_problem_row(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, [hh_row("H1")])
    (raw / "budget.xlsx").write_bytes(b"garbage")
    errors = _problems(raw, "error")
    assert errors[["table", "file"]].values.tolist() == [["budget", "budget.xlsx"]]


# --- warnings: the row is kept and flagged -----------------------------------------------


def test_score_b_mismatch_is_a_warning(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, [hh_row("H1", ticks=3, score_b=20)])
    w = _problems(raw, "warning")
    assert w[["column", "value"]].values.tolist() == [["score_b", "20"]]
    assert "3 deprivations are ticked (expected 30)" in w["message"].iloc[0]
    assert len(_households(raw)) == 1


def test_recorded_status_differs_from_rules_is_a_warning(tmp_path: Path) -> None:
    # 1.2 M with 2 deprivations is near-poor by the rules; the commune recorded poor.
    raw = raw_folder(tmp_path, [hh_row("H1", ticks=2, status="poor")])
    w = _problems(raw, "warning")
    assert w[["column", "value"]].values.tolist() == [["recorded_status", "poor"]]
    assert "give near_poor" in w["message"].iloc[0]
    assert prepare(raw).households["recorded_status"].tolist() == ["poor"]  # kept as approved


def test_disbursed_more_than_allocated_is_a_warning(tmp_path: Path) -> None:
    raw = raw_folder(tmp_path, [hh_row("H1")])
    write_csv(
        raw / "budget.csv",
        [
            {
                "year": 2023,
                "commune": "Hàm Thạnh",
                "project": "DA4",
                "activity": "Dạy nghề",
                "allocated_vnd": 100_000_000,
                "disbursed_vnd": 120_000_000,
            },
            {
                "year": 2023,
                "commune": "",
                "project": "DA7.TDA1",
                "activity": "Hội nghị",
                "allocated_vnd": "225.400.000",
                "disbursed_vnd": "107,880,000",
            },
        ],
    )
    data = prepare(raw)
    w = data.validation.loc[data.validation["severity"] == "warning"]
    assert w[["table", "row", "column"]].values.tolist() == [["budget", 2, "disbursed_vnd"]]
    assert data["budget"]["allocated_vnd"].tolist() == [100_000_000.0, 225_400_000.0]
    assert data["budget"]["commune"].tolist() == ["Hàm Thạnh", None]
