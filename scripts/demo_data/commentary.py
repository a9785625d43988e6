"""The officials' commentary of the demo reports: the district's 2023 report (the published
article's substance) and Hàm Thạnh's illustrative 2026 report."""

# ruff: noqa: E501  (the commentary below is prose, one paragraph per line, as officials type it)

from __future__ import annotations

import pandas as pd

from .registry import SOURCE

# The district's 2023 commentary carries the substance of the published article (the seed
# of this demo: Bình Thuận newspaper on the district's 2023 monitoring) — published fact —
# in the words an official would write. Sections the article does not cover are marked
# "(Minh họa)": illustrative text, not the district's.
DISTRICT_2023 = {
    "direction": """\
Ủy ban nhân dân huyện ban hành kế hoạch thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm 2023; kinh phí Tiểu dự án 1 (Nâng cao năng lực thực hiện Chương trình) thuộc Dự án 7 năm 2023 được phân bổ 225,4 triệu đồng.
Về nâng cao năng lực, huyện tổ chức:
- 02 hội nghị tập huấn cho 263 lượt cán bộ làm công tác giảm nghèo của huyện, các xã, thị trấn và thôn, khu phố về tổ chức thực hiện Chương trình, với kinh phí 107,88 triệu đồng, đạt 47,86% kinh phí được phân bổ;
- 01 lớp tập huấn nghiệp vụ rà soát hộ nghèo, hộ cận nghèo cho 142 cán bộ cấp xã và rà soát viên, kinh phí trên 104 triệu đồng, đạt 87% kinh phí được phân bổ cho lớp tập huấn này.""",
    "monitoring_conclusions": """\
Huyện thành lập 1 tổ kiểm tra, 1 đoàn giám sát.
Nội dung kiểm tra, giám sát: công tác chuẩn bị, triển khai thực hiện Chương trình; công tác chỉ đạo, tổ chức thực hiện; việc rà soát hộ nghèo, hộ cận nghèo; việc cho vay vốn tín dụng ưu đãi đối với hộ nghèo, hộ cận nghèo và các chính sách giảm nghèo khác.
Qua kiểm tra, giám sát, các địa phương triển khai thực hiện tương đối tốt, đúng theo trình tự thủ tục quy định.""",
    "shortcomings": """\
- Công tác tuyên truyền về chính sách giảm nghèo còn hạn chế, chưa có giải pháp thay đổi nhận thức của người dân.
- Một số hộ nghèo không muốn thoát nghèo, còn tâm lý trông chờ, ỷ lại vào sự hỗ trợ của Nhà nước.
- Mặt trận Tổ quốc và các đoàn thể chưa xây dựng kế hoạch giám sát phối hợp.
- Phiếu chấm điểm rà soát hộ nghèo, hộ cận nghèo ở một số thôn chưa được điền đầy đủ, chính xác.
- Công tác phối hợp trong đào tạo nghề, giải quyết việc làm cho người lao động chưa chặt chẽ.
- Việc khảo sát nhu cầu học nghề chưa sát với thực tế nên kết quả đào tạo nghề chưa đạt yêu cầu.""",
    "strengths": """\
(Minh họa) Các cấp ủy, chính quyền quan tâm chỉ đạo; việc rà soát hộ nghèo, hộ cận nghèo được thực hiện đúng quy trình; các địa phương phối hợp với đoàn kiểm tra, giám sát.""",
    "causes_objective": """\
(Minh họa) Kinh phí của Chương trình được giao muộn; một số chính sách hỗ trợ chưa có hướng dẫn thực hiện.""",
    "causes_subjective": """\
(Minh họa) Một bộ phận cán bộ làm công tác giảm nghèo ở cơ sở kiêm nhiệm, thay đổi thường xuyên, nghiệp vụ rà soát còn hạn chế.""",
    "lessons": """\
(Minh họa) Cần tập huấn nghiệp vụ rà soát trước kỳ rà soát và kiểm tra việc chấm điểm ngay tại thôn, khu phố.""",
    "next_year": """\
(Minh họa)
- Đẩy mạnh tuyên truyền, thay đổi nhận thức của hộ nghèo về ý chí tự vươn lên thoát nghèo.
- Phối hợp với Mặt trận Tổ quốc và các đoàn thể xây dựng kế hoạch giám sát chung.
- Khảo sát nhu cầu học nghề sát với thực tế trước khi mở lớp.""",
    "proposals": """\
(Minh họa) Đề nghị cấp tỉnh sớm giao kinh phí và hướng dẫn thực hiện các dự án của Chương trình.""",
    "projects_notes": """\
Lớp tập huấn nghiệp vụ rà soát được ghi vào Tiểu dự án 2 (Giám sát, đánh giá) của Dự án 7: bài báo không nêu nguồn kinh phí của lớp này (giả định của dữ liệu minh họa).""",
}


def make_commentary() -> pd.DataFrame:
    """The officials' commentary of the demo: the district's 2023 report only (the
    other reports show fill-in marks, as a report does before officials write)."""
    return report_commentary(2023, "", DISTRICT_2023)


# Hàm Thạnh's 2026 report, written as an official might: ILLUSTRATIVE text only ("(Minh
# họa)"), consistent with the demo's monitoring rows; it states no figure the data gives.
HAM_THANH_2026 = {
    "direction": """\
(Minh họa) Ủy ban nhân dân xã Hàm Thạnh (xã mới thành lập từ ngày 01/7/2025 trên cơ sở xã Mỹ Thạnh, xã Hàm Cần và xã Hàm Thạnh) ban hành kế hoạch rà soát hộ nghèo, hộ cận nghèo năm 2026 theo chuẩn nghèo đa chiều giai đoạn 2026–2030 (Nghị định 351/2025/NĐ-CP), chuẩn thu nhập khu vực nông thôn 2.200.000 đồng/người/tháng.
- Thành lập Ban chỉ đạo rà soát của xã; phân công rà soát viên cho từng thôn của ba xã cũ.
- Tuyên truyền về chuẩn nghèo mới trên hệ thống loa truyền thanh và tại các cuộc họp thôn.""",
    "monitoring_conclusions": """\
(Minh họa) Đoàn giám sát của tỉnh giám sát việc rà soát tại xã; một số phiếu chấm điểm theo mẫu mới ở thôn chưa được điền đầy đủ, công tác tuyên truyền về chuẩn nghèo mới chưa đến được mọi hộ. Xã đã chỉ đạo các thôn rà soát lại phiếu trước khi niêm yết công khai.""",
    "strengths": """\
(Minh họa) Bộ máy xã mới ổn định, việc rà soát theo chuẩn mới được triển khai đúng quy trình; danh sách hộ của ba xã cũ được chuyển giao đầy đủ, giữ nguyên mã hộ.""",
    "shortcomings": """\
- (Minh họa) Phiếu chấm điểm theo mẫu mới ở một số thôn chưa được điền đầy đủ, chính xác.
- (Minh họa) Tuyên truyền về chuẩn nghèo mới còn hạn chế; một số hộ chưa hiểu vì sao được đưa vào danh sách rà soát.""",
    "causes_objective": """\
(Minh họa) Chuẩn nghèo mới áp dụng từ kỳ rà soát năm 2026 trong khi hướng dẫn chi tiết về bộ chỉ số thiếu hụt và mức sống trung bình chưa đầy đủ; địa bàn xã mới rộng.""",
    "causes_subjective": """\
(Minh họa) Một số rà soát viên mới được phân công, chưa quen mẫu phiếu mới.""",
    "lessons": """\
(Minh họa) Tập huấn rà soát viên theo mẫu phiếu mới trước kỳ rà soát; kiểm tra phiếu ngay tại thôn trước khi họp bình xét.""",
    "next_year": """\
(Minh họa)
- Triển khai Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2026–2030 trên địa bàn xã.
- Hỗ trợ hộ nghèo, hộ cận nghèo theo chuẩn mới; ưu tiên hộ dân tộc thiểu số ở các thôn của xã Mỹ Thạnh và xã Hàm Cần cũ.""",
    "proposals": """\
(Minh họa) Đề nghị Sở Nông nghiệp và Môi trường sớm hướng dẫn bộ chỉ số thiếu hụt và mức sống trung bình giai đoạn 2026–2030.""",
    "projects_notes": """\
(Minh họa) Dữ liệu minh họa không có kinh phí của Chương trình giai đoạn 2026–2030.""",
}


def make_reform_commentary() -> pd.DataFrame:
    """Illustrative commentary of Hàm Thạnh's 2026 report: every required section."""
    return report_commentary(2026, "Hàm Thạnh", HAM_THANH_2026)


def report_commentary(year: int, commune: str, sections: dict[str, str]) -> pd.DataFrame:
    """The commentary rows of one report (``commune`` "" = the district): one per section,
    in the order of ``sections``."""
    return pd.DataFrame(
        [
            {"year": year, "commune": commune, "section": code, "text": text, "source": SOURCE}
            for code, text in sections.items()
        ]
    )
