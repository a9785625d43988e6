"""Rendered reports (real papermill runs): content, escaping, privacy, clear errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

from reportkit.cli import main
from reportkit.execute import execute_report
from reportkit.params import ReportParameterError
from reportkit.render import render_report
from reportkit.report import open_report

DEMO = Path(__file__).resolve().parents[1] / "data" / "raw"
SCRIPT_VILLAGE = "<script>x</script>"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """The demo data with one Hàm Thạnh village renamed to a script tag, rendered for a
    rural unit, the urban unit and the district (2023)."""
    tmp = tmp_path_factory.mktemp("reports")
    raw = tmp / "raw"
    shutil.copytree(DEMO, raw)
    hh = pd.read_csv(raw / "households_2023.csv", dtype=str, keep_default_na=False)
    first = hh.index[hh["commune"] == "Hàm Thạnh"][0]
    hh.loc[hh["village"] == hh.at[first, "village"], "village"] = SCRIPT_VILLAGE
    stray = hh.loc[[first]].assign(household_id="598-XXX-99999", commune="Hàm Thắng")
    hh = pd.concat([hh, stray], ignore_index=True)  # a neighbouring district's commune
    hh.to_csv(raw / "households_2023.csv", index=False, lineterminator="\n")
    out = tmp / "outputs"
    return {
        "rural": render_report("Hàm Thạnh", 2023, raw_dir=raw, out_dir=out),
        "urban": render_report("Thuận Nam", 2023, raw_dir=raw, out_dir=out, to=("pdf",)),
        "district": render_report(None, 2023, raw_dir=raw, out_dir=out),
        "raw": {"dir": raw},
    }


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_outputs_are_named_by_ascii_slug(rendered) -> None:
    assert rendered["rural"]["html"].name == "ham-thanh.html"
    assert rendered["urban"]["pdf"].name == "thuan-nam.pdf"
    assert rendered["district"]["pdf"].name == "ham-thuan-nam.pdf"
    assert (rendered["rural"]["html"].parent / "notebooks" / "ham-thanh.ipynb").is_file()


@pytest.mark.parametrize(
    ("which", "expected"),
    [
        (
            "rural",
            [
                "Xã Hàm Thạnh",
                "1. Kết quả chủ yếu",
                "3. Kết quả rà soát hộ nghèo năm 2023",
                "Điểm B khác 10 × số chỉ số thiếu hụt",  # a validation row, in Vietnamese
                "Trang 1/",
            ],
        ),
        (
            "urban",
            [
                "Thị trấn Thuận Nam",
                "2. Tình hình hộ nghèo, hộ cận nghèo",
                "4. Mức độ thiếu hụt các dịch vụ xã hội cơ bản",
            ],
        ),
        (
            "district",
            [
                "huyện Hàm Thuận Nam",
                "2. So sánh giữa các đơn vị",
                "5. Kết quả thực hiện Chương trình",
            ],
        ),
    ],
)
def test_pdf_text_has_unit_and_headings_with_exact_diacritics(rendered, which, expected) -> None:
    text = pdf_text(rendered[which]["pdf"])
    for phrase in expected:
        assert phrase in text


def test_technical_information_is_on_screen_only(rendered) -> None:
    html = rendered["rural"]["html"].read_text(encoding="utf-8")
    assert '<section class="report-section screen-only"><h2>Thông tin kỹ thuật</h2>' in html
    text = pdf_text(rendered["rural"]["pdf"])
    for needle in ("Thông tin kỹ thuật", "SHA-256", "git", "weasyprint", "data_dir"):
        assert needle not in text


def test_every_demo_report_is_marked_synthetic(rendered) -> None:
    assert "Dữ liệu minh họa" in pdf_text(rendered["urban"]["pdf"])
    assert "Synthetic demo data" in rendered["district"]["html"].read_text(encoding="utf-8")


def test_district_2023_shows_the_published_figures(rendered) -> None:
    html = rendered["district"]["html"].read_text(encoding="utf-8")
    text = pdf_text(rendered["district"]["pdf"])
    for doc in (html, text):
        assert "47,86" in doc  # DA7.TDA1 disbursement rate
        assert "263" in doc  # participants of the 2 capacity-building conferences
        assert "142" in doc  # participants of the review course
        assert "13/13" in doc  # units supervised


def test_district_annex_lists_a_unit_name_that_is_not_in_the_district(rendered) -> None:
    html = rendered["district"]["html"].read_text(encoding="utf-8")
    assert "Hàm Thắng" in html
    assert "Tên xã không thuộc huyện; đơn vị gần nhất: Hàm Thạnh" in html


def test_village_name_from_data_is_escaped(rendered) -> None:
    html = rendered["rural"]["html"].read_text(encoding="utf-8")
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert SCRIPT_VILLAGE not in html


def test_no_head_name_appears_in_any_output(rendered) -> None:
    raw = rendered["raw"]["dir"]
    names = set(pd.read_csv(raw / "households_2023.csv", dtype=str)["head_name"].dropna())
    assert len(names) > 100
    outputs = [
        rendered["rural"]["html"],
        rendered["district"]["html"],
        rendered["rural"]["html"].parent / "notebooks" / "ham-thanh.ipynb",
    ]
    texts = [p.read_text(encoding="utf-8") for p in outputs]
    texts += [pdf_text(rendered[w]["pdf"]) for w in ("rural", "urban", "district")]
    for text in texts:
        assert not [n for n in names if n in text]


def test_no_code_or_python_reprs_in_html(rendered) -> None:
    html = rendered["rural"]["html"].read_text(encoding="utf-8")
    for needle in ("open_report", "report.key_figures", "In [", "<Figure", "Section(", "NaN"):
        assert needle not in html


def test_unknown_unit_fails_with_one_clear_line(capsys) -> None:
    code = main(["render", "--commune", "Hàm Thắng", "--year", "2023", "--raw", str(DEMO)])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err == (
        "reportkit: error: commune: 'Hàm Thắng' is not a unit of Hàm Thuận Nam district "
        "(it is a commune of Hàm Thuận Bắc district); nearest unit: Hàm Thạnh"
    )


def test_unknown_year_names_the_nearest_year() -> None:
    with pytest.raises(
        ReportParameterError, match="no household data for 2030; nearest year with data: 2024"
    ):
        open_report(None, 2030, DEMO)


@pytest.mark.parametrize("kind", ["commune", "district"])
def test_notebooks_run_top_to_bottom_with_their_default_parameters(tmp_path, kind) -> None:
    # As the analyst does in JupyterLab: no parameters passed, a real kernel.
    nb = execute_report(kind, {}, tmp_path / f"{kind}.ipynb", engine="kernel")
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    html = "".join(o["data"].get("text/html", "") for o in outputs if "data" in o)
    assert "2023" in html and ("Hàm Thạnh" in html or kind == "district")
