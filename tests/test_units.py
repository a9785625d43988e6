"""Specifications of reportkit.data.units: commune names as typed → registry units."""

import unicodedata

import pytest

from reportkit.data.units import is_district_level, match_unit, nearest_unit, unknown_unit_message


def name_of(raw: str) -> str | None:
    unit = match_unit(raw)
    return unit.name if unit else None


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
    assert match_unit("TT. Thuận Nam").area == "urban"
    assert match_unit("Mương Mán").area == "rural"


def test_neighbouring_district_commune_is_not_mapped():
    assert match_unit("Hàm Thắng") is None


def test_neighbouring_district_commune_message_names_its_district_and_nearest_unit():
    assert unknown_unit_message("Hàm Thắng") == (
        "'Hàm Thắng' is not a unit of Hàm Thuận Nam district or its successor communes "
        "(it is a commune of Hàm Thuận Bắc district); nearest unit: Hàm Thạnh"
    )


def test_typo_is_not_mapped():
    assert match_unit("Ham Thnah") is None


def test_typo_message_suggests_nearest_unit():
    assert unknown_unit_message("Ham Thnah") == (
        "'Ham Thnah' is not a unit of Hàm Thuận Nam district or its successor communes; "
        "nearest unit: Hàm Thạnh"
    )


def test_tcvn3_message_shows_the_name_decoded():
    assert unknown_unit_message("Hµm Th¾ng").startswith("'Hàm Thắng' is not a unit")


def test_nearest_unit_ignores_prefix_and_diacritics():
    assert nearest_unit("Xã Tân Thànhh").name == "Tân Thành"


def test_bare_prefix_and_non_text_do_not_match():
    assert match_unit("Xã") is None
    assert match_unit("") is None
    assert match_unit(None) is None


@pytest.mark.parametrize(
    "raw",
    [None, float("nan"), "", "  ", "Huyện", "huyen", "HUYỆN", "Cấp huyện", "Huyện Hàm Thuận Nam"],
)
def test_district_level_words_and_blanks_are_district_level(raw):
    assert is_district_level(raw)


def test_unit_name_is_not_district_level():
    assert not is_district_level("Hàm Thạnh")
