"""Rendered reports (real papermill runs): content, escaping, privacy, clear errors."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from pypdf import PdfReader

from reportkit.cli import main
from reportkit.data.params import ReportParameterError
from reportkit.report import open_report
from reportkit.run.execute import execute_report
from reportkit.run.render import render_report

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
                "ỦY BAN NHÂN DÂN\nXÃ HÀM THẠNH",
                "Số: …………/BC-UBND",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
                "Hàm Thạnh, ngày …… tháng …… năm 2023",
                "BÁO CÁO",
                "Kết quả thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2023",
                "Nơi nhận:",
                "TM. ỦY BAN NHÂN DÂN",
                "I. ĐẶC ĐIỂM TÌNH HÌNH",
                "II. KẾT QUẢ THỰC HIỆN",
                "1. Công tác chỉ đạo, điều hành, tuyên truyền",
                "2. Kết quả thực hiện các mục tiêu, chỉ tiêu giảm nghèo",
                "3. Kết quả rà soát hộ nghèo, hộ cận nghèo năm 2023",
                "4. Kết quả thực hiện các dự án, tiểu dự án",
                "5. Công tác kiểm tra, giám sát",
                "III. ĐÁNH GIÁ CHUNG",
                "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024",
                "V. KIẾN NGHỊ, ĐỀ XUẤT",
                "PHỤ LỤC 1. KẾT QUẢ RÀ SOÁT HỘ NGHÈO NĂM 2023",
                "PHỤ LỤC 2. KINH PHÍ THỰC HIỆN CHƯƠNG TRÌNH NĂM 2023",
                "(Kèm theo Báo cáo số …………/BC-UBND ngày …… tháng …… năm …… của Ủy ban",
            ],
        ),
        (
            "urban",
            [
                "THỊ TRẤN THUẬN NAM",
                "Thuận Nam, ngày …… tháng …… năm 2023",
                "Mức độ thiếu hụt các dịch vụ xã hội cơ bản của hộ nghèo, hộ cận nghèo",
            ],
        ),
        (
            "district",
            [
                "ỦY BAN NHÂN DÂN\nHUYỆN HÀM THUẬN NAM",
                "Hàm Thuận Nam, ngày …… tháng …… năm 2023",
                "Tỷ lệ hộ nghèo các xã, thị trấn năm 2023",
                "Cấp xã",
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
    text = pdf_text(rendered["district"]["pdf"])
    lines = text.splitlines()
    # II.4 budget: DA7.TDA1 225.4 million allocated, 107.88 disbursed (47.86 %).
    assert "225,400 107,880 47,86" in text
    # II.4 trainings by project: 2 conferences for 263 people; 1 review course for 142.
    assert "DA7.TDA1 Cấp huyện 2 263 107,880" in lines
    assert "DA7.TDA2 Cấp huyện 1 142 104,052" in lines
    # II.5: every unit supervised, three inspected, named.
    assert "Đã giám sát 13/13 đơn vị; kiểm tra 3/13 đơn vị (Hàm Cần, Hàm Thạnh, Mỹ Thạnh)." in text


PUBLISHED_2023 = [
    # the form and the structure
    "Nơi nhận:",
    "TM. ỦY BAN NHÂN DÂN",
    "III. ĐÁNH GIÁ CHUNG",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024",
    "V. KIẾN NGHỊ, ĐỀ XUẤT",
    # drafted from the figures
    "Tỷ lệ hộ nghèo cuối năm 2023 là 2,21%, giảm 0,72 điểm phần trăm so với đầu năm (2,93%),"
    " chưa đạt chỉ tiêu giảm 1–1,5%/năm.",
    # the article's substance, from the officials' commentary
    "năm 2023 được phân bổ 225,4 triệu đồng",
    "đạt 87% kinh phí được phân bổ cho lớp tập huấn này",
    "02 hội nghị tập huấn cho 263 lượt cán bộ",
    "01 lớp tập huấn nghiệp vụ rà soát hộ nghèo, hộ cận nghèo cho 142 cán bộ cấp xã",
    "1 tổ kiểm tra, 1 đoàn giám sát",  # the seed's own words
    "việc cho vay vốn tín dụng ưu đãi",
    "tương đối tốt, đúng theo trình tự thủ tục quy định",
    "chưa có giải pháp thay đổi nhận thức của người dân",
    "không muốn thoát nghèo, còn tâm lý trông chờ, ỷ lại",
    "chưa xây dựng kế hoạch giám sát phối hợp",
    "chưa được điền đầy đủ, chính xác",
    "phối hợp trong đào tạo nghề, giải quyết việc làm cho người lao động chưa chặt chẽ",
    "khảo sát nhu cầu học nghề chưa sát với thực tế nên kết quả đào tạo nghề chưa đạt yêu cầu",
    "Ghi chú: Lớp tập huấn nghiệp vụ rà soát được ghi vào Tiểu dự án 2",  # the assumption
]


def test_district_2023_pdf_carries_the_form_and_every_published_fact(rendered) -> None:
    text = " ".join(pdf_text(rendered["district"]["pdf"]).split())
    assert [phrase for phrase in PUBLISHED_2023 if phrase not in text] == []
    assert "Cần bổ sung" not in text  # every part written
    # Said once: the inspection figures come from the data, the teams from the commentary.
    assert text.count("13/13") == 1
    assert "(*)" not in text  # no footnote mark without a starred figure (2023: no lineage)


def test_the_signed_report_says_only_that_the_data_were_checked(rendered) -> None:
    html = rendered["district"]["html"].read_text(encoding="utf-8")
    text = " ".join(pdf_text(rendered["district"]["pdf"]).split())
    for document in (html, text):
        assert "Chất lượng dữ liệu" not in document and "Cảnh báo" not in document
        assert "Hàm Thắng" not in document
    # One sentence: checked, and the row left out (the stray commune) with why.
    assert (
        "Số liệu của báo cáo đã được kiểm tra, đối chiếu trước khi tổng hợp; 1 dòng dữ liệu "
        "không đúng quy định được loại khỏi số liệu (tên đơn vị không thuộc địa bàn: 1)."
    ) in text


def test_the_analysts_notebook_keeps_the_data_quality_part(rendered) -> None:
    from reportkit.report.document import plain_text

    r = open_report(None, 2023, rendered["raw"]["dir"])
    text = plain_text(r.data_quality())
    # The name, how many rows were left out, and the nearest unit.
    assert "Hàm Thắng | 1 | Hàm Thạnh" in text


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
    for needle in ("open_report", "report.targets", "In [", "<Figure", "Section(", "NaN"):
        assert needle not in html


def test_unknown_unit_fails_with_one_clear_line(capsys) -> None:
    code = main(["render", "--commune", "Hàm Thắng", "--year", "2023", "--raw", str(DEMO)])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert err == (
        "reportkit: error: commune: Hàm Thắng (huyện Hàm Thuận Bắc) is outside the area and "
        "not reported on: its rows count in the series of Hàm Thắng from 2025"
    )
    code = main(["render", "--commune", "Hàm Thnah", "--year", "2023", "--raw", str(DEMO)])
    assert code == 2
    assert capsys.readouterr().err.strip() == (
        "reportkit: error: commune: 'Hàm Thnah' is not a unit of huyện Hàm Thuận Nam or tỉnh "
        "Lâm Đồng; nearest unit: Hàm Thạnh"
    )


def test_unknown_year_names_the_nearest_year() -> None:
    with pytest.raises(
        ReportParameterError, match="no household data for 2030; nearest year with data: 2026"
    ):
        open_report(None, 2030, DEMO)


@pytest.mark.parametrize("kind", ["commune", "district"])
def test_notebooks_run_top_to_bottom_with_their_default_parameters(tmp_path, kind) -> None:
    # As the analyst does in JupyterLab: a real kernel; the notebook's default is the
    # area's report (commune None), a unit is one parameter.
    params = {"commune": "Hàm Thạnh"} if kind == "commune" else {}
    nb = execute_report(params, tmp_path / f"{kind}.ipynb", engine="kernel")
    outputs = [o for c in nb.cells for o in c.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    html = "".join(o["data"].get("text/html", "") for o in outputs if "data" in o)
    issuer = "HUYỆN HÀM THUẬN NAM" if kind == "district" else "XÃ HÀM THẠNH"
    assert f'<p class="rk-issuer">{issuer}</p>' in html
    assert "giảm nghèo bền vững năm 2023</p>" in html  # the subject, for the default year
