"""Charts are embedded SVG, deterministic, and speak Vietnamese."""

import re
from xml.etree import ElementTree

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from IPython.display import SVG

from reportkit.core.numfmt import fmt_pct
from reportkit.report.charts import (
    bar_chart,
    grouped_bar_chart,
    line_chart,
    number_formatter,
    waterfall_chart,
)

SVG_NS = "http://www.w3.org/2000/svg"

RATES = pd.DataFrame(
    {"year": [2021, 2022, 2023], "poor": [12.5, 10.25, 8.4], "near_poor": [9.1, 8.0, 7.75]}
)
REVIEW = [
    ("Đầu kỳ", 120),
    ("Thoát nghèo", -30),
    ("Loại khỏi danh sách", -5),
    ("Tái nghèo", 4),
    ("Phát sinh mới", 11),
    ("Cuối kỳ", 100),
]


def _charts() -> dict[str, SVG]:
    return {
        "line": line_chart(
            RATES,
            "year",
            ["poor", "near_poor"],
            ["Hộ nghèo", "Hộ cận nghèo"],
            "Tỷ lệ hộ nghèo",
            "%",
        ),
        "bar": bar_chart(
            ["Tiếp cận dịch vụ y tế", "Bảo hiểm y tế"],
            [12.3, 45.0],
            "Chỉ số thiếu hụt",
            value_fmt=lambda v: fmt_pct(v, "vi"),
        ),
        "grouped": grouped_bar_chart(
            ["2022", "2023"], {"Phân bổ": [225.4, 300.0], "Giải ngân": [200.0, 250.5]}, "Vốn"
        ),
        "waterfall": waterfall_chart(REVIEW, "Biến động hộ nghèo"),
    }


def test_charts_are_ipython_svg_objects():
    for chart in _charts().values():
        assert isinstance(chart, SVG)
        assert chart._repr_svg_().startswith("<svg")


def test_same_call_twice_gives_identical_svg():
    first = {name: chart.data for name, chart in _charts().items()}
    second = {name: chart.data for name, chart in _charts().items()}
    assert first == second


def _texts(svg: str) -> list[str]:
    """The text of every ``<text>`` element of ``svg``."""
    return ["".join(t.itertext()) for t in ElementTree.fromstring(svg).iter(f"{{{SVG_NS}}}text")]


def test_svg_keeps_vietnamese_labels_as_text_with_their_diacritics():
    # Each label is one text element, its letters as typed ("ỷ", "ệ", "ộ", "è", "ế", "ụ",
    # "ố"): the PDF carries it as text that can be searched and copied.
    charts = _charts()
    for name, label in (
        ("line", "Tỷ lệ hộ nghèo"),
        ("bar", "Tiếp cận dịch vụ y tế"),
        ("waterfall", "Thoát nghèo"),
    ):
        assert label in _texts(charts[name].data), name


def test_svg_text_is_set_in_dejavu_sans_which_has_every_vietnamese_letter():
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    styles = re.findall(r'<text style="([^"]*)"', _charts()["bar"].data)
    assert styles
    assert all("font-family: 'DejaVu Sans', 'Verdana', 'Arial', sans-serif" in s for s in styles)
    # A font without a letter would fall back to another font or drop the tone mark.
    font = FT2Font(font_manager.findfont("DejaVu Sans", fallback_to_default=False))
    letters = "ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ"
    assert [ch for ch in letters + letters.upper() if font.get_char_index(ord(ch)) == 0] == []


def test_svg_has_no_date_or_creator_stamp():
    for chart in _charts().values():
        assert "<dc:date>" not in chart.data
        assert "Matplotlib" not in chart.data
        assert not re.search(r"\b20\d\d-\d\d-\d\d", chart.data)


def test_value_labels_use_the_formatter():
    chart = _charts()["bar"]
    assert "45,00%" in chart.data


def test_waterfall_labels_changes_with_sign():
    svg = _charts()["waterfall"].data
    assert "\u221230" in svg  # −30 with a true minus sign
    assert "+11" in svg


def test_waterfall_rejects_inconsistent_totals():
    with pytest.raises(ValueError, match="end total"):
        waterfall_chart([("Đầu kỳ", 10), ("Thoát nghèo", -3), ("Cuối kỳ", 8)])


def test_no_figure_is_left_open():
    _charts()
    assert plt.get_fignums() == []


def test_number_formatter_follows_language():
    assert number_formatter("vi")(1234.5) == "1.234,5"
    assert number_formatter("en")(1234.0) == "1,234"
    assert number_formatter("vi", digits=2)(3) == "3,00"
