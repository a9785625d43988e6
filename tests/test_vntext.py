"""Specifications of reportkit.core.vntext: normalisation, folding keys and TCVN3 repair."""

import unicodedata

import pandas as pd

from reportkit.core.vntext import (
    fix_series,
    fix_text,
    fold_ascii,
    fold_tones,
    looks_tcvn3,
    nfc,
    slugify,
    tcvn3_to_unicode,
)

HAM_THANH_NFD = unicodedata.normalize("NFD", "Hàm Thạnh")


def test_nfc_composes_nfd_input():
    assert HAM_THANH_NFD != "Hàm Thạnh"
    assert nfc(HAM_THANH_NFD) == "Hàm Thạnh"


def test_fold_tones_lowercases_and_collapses_spaces_but_keeps_diacritics():
    assert fold_tones("  HÀM   Thạnh ") == "hàm thạnh"


def test_fold_tones_gives_nfd_and_nfc_the_same_key():
    assert fold_tones(HAM_THANH_NFD) == fold_tones("Hàm Thạnh") == "hàm thạnh"


def test_fold_tones_unifies_old_and_new_tone_placement():
    assert fold_tones("hoà") == fold_tones("hòa") == "hòa"
    assert fold_tones("thuỷ") == fold_tones("thủy") == "thủy"
    assert fold_tones("khoẻ") == fold_tones("khỏe") == "khỏe"
    assert fold_tones("Thuận Hoà") == "thuận hòa"


def test_fold_tones_writes_i_after_qu_as_y():
    assert fold_tones("Thuận Quí") == fold_tones("Thuận Quý") == "thuận quý"


def test_fold_tones_leaves_words_with_fixed_placement_alone():
    assert fold_tones("ngoài giữa quà rượu thuở") == "ngoài giữa quà rượu thuở"


def test_fold_ascii_removes_diacritics_and_d_bar():
    assert fold_ascii("Mương Mán") == "muong man"
    assert fold_ascii("Đông Giang") == "dong giang"


def test_fold_ascii_turns_punctuation_into_word_breaks():
    assert fold_ascii("TT. Thuận-Nam!") == "tt thuan nam"


def test_fold_ascii_of_a_tone_variant_equals_the_plain_name():
    assert fold_ascii("THUẬN QUÍ") == "thuan quy"


def test_slugify_makes_an_ascii_file_name_slug():
    assert slugify("Hàm Thạnh") == "ham-thanh"
    assert slugify("Thị trấn Thuận Nam") == "thi-tran-thuan-nam"


def test_tcvn3_bytes_of_a_unit_name_convert_to_unicode():
    # H µ(0xB5 = à) m, T h ¹(0xB9 = ạ) n h
    raw = b"H\xb5m Th\xb9nh".decode("cp1252")
    assert raw == "Hµm Th¹nh"
    assert tcvn3_to_unicode(raw) == "Hàm Thạnh"


def test_tcvn3_bytes_of_a_status_phrase_convert_to_unicode():
    # H é(0xE9 = ộ), n g h Ì(0xCC = è) o
    raw = b"H\xe9 ngh\xcco".decode("latin-1")
    assert raw == "Hé nghÌo"
    assert tcvn3_to_unicode(raw) == "Hộ nghèo"


def test_tcvn3_capital_letters_convert():
    # § = Đ, ¡ = Ă, ¢ = Â, £ = Ê, ¤ = Ô, ¥ = Ơ, ¦ = Ư; ® = đ, ­ (soft hyphen) = ư
    assert tcvn3_to_unicode("§¡¢£¤¥¦") == "ĐĂÂÊÔƠƯ"
    assert tcvn3_to_unicode("§\u00adêng ®i") == "Đường đi"


def test_tcvn3_tone_marked_vowels_convert():
    assert tcvn3_to_unicode("µ¶·¸¹ »¼½¾Æ ÇÈÉÊË") == "àảãáạ ằẳẵắặ ầẩẫấậ"
    assert tcvn3_to_unicode("ÌÎÏÐÑ ÒÓÔÕÖ ×ØÜÝÞ") == "èẻẽéẹ ềểễếệ ìỉĩíị"
    assert tcvn3_to_unicode("ßáâãä åæçèé êëìíî") == "òỏõóọ ồổỗốộ ờởỡớợ"
    assert tcvn3_to_unicode("ïñòóô õö÷øù úûüýþ") == "ùủũúụ ừửữứự ỳỷỹýỵ"


def test_tcvn3_word_typed_in_capitals_converts_to_capitals():
    assert tcvn3_to_unicode("HµM TH¹NH") == "HÀM THẠNH"


def test_looks_tcvn3_flags_legacy_text():
    assert looks_tcvn3("Hµm Th¹nh")
    assert looks_tcvn3("ThuËn Nam")
    assert looks_tcvn3("Hé nghÌo")


def test_looks_tcvn3_does_not_flag_unicode_vietnamese():
    assert not looks_tcvn3("Hàm Thạnh")
    assert not looks_tcvn3(HAM_THANH_NFD)
    assert not looks_tcvn3("Ông Ba")


def test_looks_tcvn3_does_not_flag_ascii():
    assert not looks_tcvn3("Ham Thanh")


def test_looks_tcvn3_does_not_flag_western_text():
    assert not looks_tcvn3("Café")
    assert not looks_tcvn3("Müller « Grüße »")


def test_fix_text_converts_tcvn3_and_normalises_unicode():
    assert fix_text("Hµm Th¹nh") == "Hàm Thạnh"
    assert fix_text(HAM_THANH_NFD) == "Hàm Thạnh"
    assert fix_text("Café") == "Café"


def test_fix_text_returns_non_text_unchanged():
    assert fix_text(None) is None
    assert fix_text(12.5) == 12.5


def test_fix_series_fixes_each_cell_and_keeps_missing_values():
    series = pd.Series(["Hµm Th¹nh", None, "Hàm Thạnh", HAM_THANH_NFD, "Hµm Th¹nh"], name="xa")
    fixed = fix_series(series)
    assert fixed.tolist()[:1] + fixed.tolist()[2:] == ["Hàm Thạnh"] * 4
    assert fixed.isna().tolist() == [False, True, False, False, False]
    assert fixed.name == "xa"
    assert series[0] == "Hµm Th¹nh"  # the input is not modified


def test_tcvn3_sentence_converts_word_for_word():
    raw = "Danh s¸ch hé nghÌo n¨m 2023 x· Hµm Th¹nh, huyÖn Hµm ThuËn Nam"
    assert fix_text(raw) == "Danh sách hộ nghèo năm 2023 xã Hàm Thạnh, huyện Hàm Thuận Nam"


def test_looks_tcvn3_does_not_flag_windows_1258_text_read_as_latin1():
    # "Danh sách hộ nghèo năm 2023 xã Hàm Thạnh ..." encoded cp1258, decoded latin-1.
    raw = "Danh sách hôò nghèo nãm 2023 xaÞ Hàm Thaònh, huyêòn Hàm Thuâòn Nam"
    assert not looks_tcvn3(raw)
