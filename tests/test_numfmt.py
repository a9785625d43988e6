"""Number formats for Vietnamese and English report text."""

import math

import pytest

from reportkit.core.numfmt import MISSING, fmt_dec, fmt_int, fmt_million_vnd, fmt_pct

NBSP = "\u00a0"


def test_int_uses_dot_thousands_in_vietnamese():
    assert fmt_int(1234, "vi") == "1.234"
    assert fmt_int(1234567, "vi") == "1.234.567"


def test_int_uses_comma_thousands_in_english():
    assert fmt_int(1234, "en") == "1,234"


def test_int_rounds_half_away_from_zero():
    assert fmt_int(2.5, "en") == "3"
    assert fmt_int(-2.5, "en") == "-3"


def test_dec_uses_decimal_comma_in_vietnamese():
    assert fmt_dec(47.856, 2, "vi") == "47,86"
    assert fmt_dec(1234.5, 1, "vi") == "1.234,5"


def test_dec_uses_decimal_point_in_english():
    assert fmt_dec(47.856, 2, "en") == "47.86"
    assert fmt_dec(1234.5, 1, "en") == "1,234.5"


def test_dec_rounds_the_decimal_value_not_the_binary_float():
    # 47.855 is stored as 47.85499999…; a reader expects 47,86.
    assert fmt_dec(47.855, 2, "vi") == "47,86"


def test_dec_never_prints_negative_zero():
    assert fmt_dec(-0.001, 2, "vi") == "0,00"


def test_pct_vietnamese_has_non_breaking_space_before_percent():
    assert fmt_pct(47.86, "vi") == "47,86%"


def test_pct_english_has_no_space():
    assert fmt_pct(47.86, "en") == "47.86%"


def test_pct_digits():
    assert fmt_pct(3.1, "vi", digits=1) == "3,1%"


def test_million_vnd_vietnamese():
    assert fmt_million_vnd(225_400_000, "vi") == f"225,4{NBSP}triệu đồng"


def test_million_vnd_english():
    assert fmt_million_vnd(225_400_000, "en") == f"225.4{NBSP}million VND"


def test_million_vnd_keeps_trailing_zero_decimal():
    assert fmt_million_vnd(225_000_000, "vi") == f"225,0{NBSP}triệu đồng"


def test_million_vnd_thousands_of_millions():
    assert fmt_million_vnd(1_234_560_000, "vi") == f"1.234,6{NBSP}triệu đồng"


@pytest.mark.parametrize("missing", [None, math.nan, math.inf])
def test_missing_values_print_as_en_dash(missing):
    assert fmt_int(missing, "vi") == MISSING == "–"
    assert fmt_dec(missing, 2, "en") == "–"
    assert fmt_pct(missing, "vi") == "–"
    assert fmt_million_vnd(missing, "en") == "–"


def test_pandas_na_prints_as_en_dash():
    pd = pytest.importorskip("pandas")
    assert fmt_int(pd.NA, "vi") == "–"


def test_numpy_scalars_are_accepted():
    np = pytest.importorskip("numpy")
    assert fmt_int(np.int64(5000), "vi") == "5.000"
    assert fmt_dec(np.float64(0.5), 1, "vi") == "0,5"


def test_unknown_language_is_an_error():
    with pytest.raises(ValueError, match="unknown language"):
        fmt_int(1, "fr")  # type: ignore[arg-type]
