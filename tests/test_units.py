"""Specifications of reportkit.data.units: commune names as typed → the labels of the
active registry's units (the demo's: huyện Hàm Thuận Nam up to 2024, tỉnh Lâm Đồng from
2025; tests/conftest.py)."""

import unicodedata

import pytest

from reportkit.data import registry
from reportkit.data.units import is_district_level, match_unit, nearest_unit, unknown_unit_message


def name_of(raw: str) -> str | None:
    return match_unit(raw)


def test_exact_nfc_name_matches():
    assert name_of("Hàm Thạnh") == "Hàm Thạnh"


def test_nfd_name_matches():
    assert name_of(unicodedata.normalize("NFD", "Mương Mán")) == "Mương Mán"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ham Thanh", "Hàm Thạnh"),
        ("HAM THANH", "Hàm Thạnh"),
        ("Muong Man", "Mương Mán"),
        ("thuan nam", "Thuận Nam"),
        ("  Tan   Lap ", "Tân Lập"),
    ],
)
def test_ascii_and_upper_case_spellings_match(raw, expected):
    assert name_of(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Xã Hàm Thạnh", "Hàm Thạnh"),
        ("X. Mương Mán", "Mương Mán"),
        ("X.Tân Lập", "Tân Lập"),
        ("xa Ham Can", "Hàm Cần"),
        ("TT. Thuận Nam", "Thuận Nam"),
        ("TT Thuận Nam", "Thuận Nam"),
        ("Thị trấn Thuận Nam", "Thuận Nam"),
        ("THI TRAN THUAN NAM", "Thuận Nam"),
    ],
)
def test_prefixed_names_match(raw, expected):
    assert name_of(raw) == expected


def test_tone_placement_variant_matches():
    assert name_of("Thuận Quí") == "Thuận Quý"
    assert name_of("Xã Thuận Quí") == "Thuận Quý"


def test_name_whose_space_was_lost_matches():
    assert name_of("HàmThạnh") == "Hàm Thạnh"
    assert name_of("Xã HAMTHANH") == "Hàm Thạnh"


def test_tcvn3_name_matches():
    assert name_of("Hµm Th¹nh") == "Hàm Thạnh"
    assert name_of("ThuËn Nam") == "Thuận Nam"


def test_matched_unit_carries_its_area():
    assert registry.unit_in_year(match_unit("TT. Thuận Nam"), 2024).area == "urban"
    assert registry.unit_in_year(match_unit("Mương Mán"), 2024).area == "rural"


def test_a_unit_of_the_province_other_than_the_six_matches_by_name_and_by_code():
    # Phường Hàm Thắng (22933) is one of Lâm Đồng's 124 units from 2025; the former
    # commune of huyện Hàm Thuận Bắc of that name is history-only (tests/test_reform.py).
    assert match_unit("Phường Hàm Thắng") == "Hàm Thắng"
    assert match_unit("22933") == "#22933"  # also Xuân An's code before the reform
    assert registry.unit_in_year("Hàm Thắng", 2025).parent == "tỉnh Lâm Đồng"
    assert registry.unit_in_year("Hàm Thắng", 2023).parent == "huyện Hàm Thuận Bắc"


def test_a_code_of_two_units_before_and_after_the_reform_is_settled_by_the_year():
    assert match_unit("23110") == "#23110"  # Thị trấn Thuận Nam; Xã Hàm Thuận Nam
    assert match_unit("23137") == "Hàm Minh"


def test_a_name_two_units_share_needs_its_code():
    # Two former communes named Bình Tân lie in today's Lâm Đồng (history-only units).
    assert match_unit("Bình Tân") is None
    assert unknown_unit_message("Bình Tân") == (
        "'Bình Tân' is a name 2 units share (23047, huyện Bắc Bình; 23237, thị xã La Gi): "
        "write its code"
    )
    assert match_unit("23237") == "Bình Tân (23237)"


def test_typo_is_not_mapped():
    assert match_unit("Ham Thnah") is None


def test_typo_message_suggests_nearest_unit():
    assert unknown_unit_message("Ham Thnah") == (
        "'Ham Thnah' is not a unit of huyện Hàm Thuận Nam or tỉnh Lâm Đồng; nearest unit: Hàm Thạnh"
    )


def test_tcvn3_message_shows_the_name_decoded():
    assert unknown_unit_message("Hµm Thnah").startswith("'Hàm Thnah' is not a unit")


def test_nearest_unit_ignores_prefix_and_diacritics():
    assert nearest_unit("Xã Tân Thànhh") == "Tân Thành"


def test_bare_prefix_and_non_text_do_not_match():
    assert match_unit("Xã") is None
    assert match_unit("") is None
    assert match_unit(None) is None


@pytest.mark.parametrize(
    "raw",
    [
        None,
        float("nan"),
        "",
        "  ",
        "Huyện",
        "huyen",
        "HUYỆN",
        "Cấp huyện",
        "Huyện Hàm Thuận Nam",
        "Tỉnh Lâm Đồng",
        "Cấp tỉnh",
    ],
)
def test_district_level_words_and_blanks_are_district_level(raw):
    assert is_district_level(raw)


def test_unit_name_is_not_district_level():
    assert not is_district_level("Hàm Thạnh")


def test_the_bare_name_of_an_area_that_a_unit_bears_is_that_unit():
    assert not is_district_level("Hàm Thuận Nam")  # the commune of 2025, not the district
    assert match_unit("Hàm Thuận Nam") == "Hàm Thuận Nam"
