"""Words of the reports in Vietnamese (default) and English, in one table.

``label(key, lang)`` looks a key up; ``{placeholders}`` are filled by str.format.
"""

from __future__ import annotations

from reportkit.core.numfmt import Lang

LABELS: dict[str, tuple[str, str]] = {
    # titles
    "commune_title": (
        "Báo cáo đánh giá kết quả thực hiện Chương trình MTQG giảm nghèo bền vững năm {year}"
        " — {unit}",
        "Evaluation report on the National Target Program for Sustainable Poverty Reduction,"
        " {year} — {unit}",
    ),
    "district_title": (
        "Báo cáo đánh giá kết quả thực hiện Chương trình MTQG giảm nghèo bền vững năm {year}"
        " — huyện {district}",
        "Evaluation report on the National Target Program for Sustainable Poverty Reduction,"
        " {year} — {district} district",
    ),
    "standard_sentence": (
        "Kết quả rà soát năm {year} áp dụng chuẩn nghèo đa chiều giai đoạn {standard} theo"
        " {basis}.",
        "The {year} review applied the multidimensional poverty standard {standard} ({basis}).",
    ),
    "standard_sentence_guidance": (
        "Kết quả rà soát năm {year} áp dụng chuẩn nghèo đa chiều giai đoạn {standard} theo"
        " {basis} và hướng dẫn hiện hành.",
        "The {year} review applied the multidimensional poverty standard {standard} ({basis})"
        " and the guidance in force.",
    ),
    "unverified_programme_decision": (
        "Quyết định phê duyệt Chương trình giai đoạn {period} chưa được kiểm chứng: báo cáo"
        " không trích dẫn quyết định nào.",
        "The decision approving the programme for {period} is unverified: the report cites none.",
    ),
    "unverified_programme_national_targets": (
        "Mục tiêu quốc gia giai đoạn {period} chưa được kiểm chứng: báo cáo không đối chiếu với"
        " mục tiêu quốc gia.",
        "The national targets for {period} are unverified: the report compares with none.",
    ),
    "lines_applied": ("Chuẩn nghèo về thu nhập áp dụng: {lines}.", "Income line applied: {lines}."),
    "line_rural": (
        "khu vực nông thôn {line} đồng/người/tháng",
        "rural areas {line} đồng per person per month",
    ),
    "line_urban": (
        "khu vực thành thị {line} đồng/người/tháng",
        "urban areas {line} đồng per person per month",
    ),
    "area_unverified": (
        "Chuẩn áp dụng cho các hộ của thị trấn cũ sau khi sắp xếp đơn vị hành chính (xã được"
        " hợp thành từ {predecessors}) chưa được kiểm chứng; báo cáo áp dụng chuẩn khu vực nông"
        " thôn cho toàn xã (có thể thay đổi trong cấu hình).",
        "Which line the former township's households get after the reform (the commune was"
        " formed from {predecessors}) is unverified; this report applies the rural line to the"
        " whole commune (configurable).",
    ),
    "area_unverified_kept": (
        "Chuẩn áp dụng cho các hộ của thị trấn cũ sau khi sắp xếp đơn vị hành chính chưa được"
        " kiểm chứng; theo cấu hình, báo cáo áp dụng chuẩn khu vực thành thị cho các hộ trước"
        " đây thuộc {units}.",
        "Which line the former township's households get after the reform is unverified; as"
        " configured, this report applies the urban line to the households formerly of {units}.",
    ),
    "unverified_indicators": (
        "Danh mục chỉ số đo lường mức độ thiếu hụt theo {basis} chưa được kiểm chứng; số chỉ"
        " số thiếu hụt dùng để đối chiếu được đếm trên các chỉ số có trong dữ liệu (cấu hình).",
        "The deprivation indicators of {basis} are unverified; the deprivations used for the"
        " cross-check are counted on the indicators the data holds (configurable).",
    ),
    "unverified_average_band": (
        "Ngưỡng hộ có mức sống trung bình theo {basis} chưa được kiểm chứng: số hộ có mức sống"
        " trung bình là số do xã phê duyệt; khi đối chiếu, hộ có thu nhập trên chuẩn nghèo được"
        " xếp chung là \u201ctrên chuẩn nghèo\u201d.",
        "The average-living band of {basis} is unverified: average-living households are"
        " counted as approved; the cross-check classes households above the line together as"
        " \u201cabove the poverty line\u201d.",
    ),
    "unit_kind_xã": ("Xã", "Commune"),
    "unit_kind_thị trấn": ("Thị trấn", "Township"),
    # the administrative form (Decree 30/2020/NĐ-CP)
    "peoples_committee": ("ỦY BAN NHÂN DÂN", "PEOPLE'S COMMITTEE"),
    "issuer_district": ("Huyện {name}", "of {name} district"),
    "issuer_unit": ("{kind} {name}", "of {name} {kind}"),
    "document_number": ("Số: {number}/BC-UBND", "No. {number}/BC-UBND"),
    "nation": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "date_blank": ("ngày …… tháng …… năm {year}", "…… {year}"),
    "report_kind": ("BÁO CÁO", "REPORT"),
    "report_subject": (
        "Kết quả thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững năm {year}",
        "Results of the National Target Program for Sustainable Poverty Reduction in {year}",
    ),
    "recipients": ("Nơi nhận:", "Recipients:"),
    "archive": ("- Lưu: VT.", "- Archived: office."),
    "on_behalf": ("TM. ỦY BAN NHÂN DÂN", "ON BEHALF OF THE PEOPLE'S COMMITTEE"),
    # section headings
    "s_situation": ("I. ĐẶC ĐIỂM TÌNH HÌNH", "I. SITUATION"),
    "trend_heading": (
        "1. Hộ nghèo, hộ cận nghèo qua các năm",
        "1. Poor and near-poor households over the years",
    ),
    "s_deprivation": (
        "Mức độ thiếu hụt các dịch vụ xã hội cơ bản của hộ nghèo, hộ cận nghèo",
        "Deprivations of poor and near-poor households",
    ),
    "s_results": ("II. KẾT QUẢ THỰC HIỆN", "II. RESULTS"),
    "s_direction": (
        "1. Công tác chỉ đạo, điều hành, tuyên truyền",
        "1. Direction, administration and communication",
    ),
    "s_targets": (
        "2. Kết quả thực hiện các mục tiêu, chỉ tiêu giảm nghèo",
        "2. Results against the targets",
    ),
    "s_review": (
        "3. Kết quả rà soát hộ nghèo, hộ cận nghèo năm {year}",
        "3. The {year} review of poor and near-poor households",
    ),
    "s_projects": (
        "4. Kết quả thực hiện các dự án, tiểu dự án",
        "4. Projects and sub-projects",
    ),
    "s_monitoring": ("5. Công tác kiểm tra, giám sát", "5. Inspection and supervision"),
    "s_assessment": ("III. ĐÁNH GIÁ CHUNG", "III. OVERALL ASSESSMENT"),
    "s_strengths": ("1. Ưu điểm", "1. Strengths"),
    "s_shortcomings": ("2. Tồn tại, hạn chế", "2. Shortcomings"),
    "s_causes": ("3. Nguyên nhân", "3. Causes"),
    "s_causes_objective": ("a) Nguyên nhân khách quan", "a) Objective causes"),
    "s_causes_subjective": ("b) Nguyên nhân chủ quan", "b) Subjective causes"),
    "s_lessons": ("4. Bài học kinh nghiệm", "4. Lessons"),
    "s_next_year": (
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {year}",
        "IV. DIRECTION AND TASKS FOR {year}",
    ),
    "s_proposals": ("V. KIẾN NGHỊ, ĐỀ XUẤT", "V. PROPOSALS"),
    # Decree 30/2020, Appendix I: an appendix's number and title in capitals, then the
    # report it belongs to in italics (annex_of).
    "a_review": (
        "PHỤ LỤC 1. KẾT QUẢ RÀ SOÁT HỘ NGHÈO NĂM {year}",
        "APPENDIX 1. RESULTS OF THE {year} REVIEW OF POOR HOUSEHOLDS",
    ),
    "a_budget": (
        "PHỤ LỤC 2. KINH PHÍ THỰC HIỆN CHƯƠNG TRÌNH NĂM {year}",
        "APPENDIX 2. PROGRAMME FUNDS IN {year}",
    ),
    "annex_of": (
        "(Kèm theo Báo cáo số {number}/BC-UBND {date} của Ủy ban nhân dân {body})",
        "(Annexed to report No. {number}/BC-UBND of {date} of the People's Committee, {body})",
    ),
    "annex_date_blank": ("ngày …… tháng …… năm ……", "……"),
    "s_quality": ("Chất lượng dữ liệu (nội bộ)", "Data quality (internal)"),
    "s_provenance": ("Thông tin kỹ thuật", "Technical information"),
    # commentary: fill-in marks (what officials still have to write)
    "fill_in": ("Cần bổ sung: {what}", "To be written: {what}"),
    "c_direction": (
        "công tác chỉ đạo, điều hành, tuyên truyền trong năm",
        "direction, administration and communication during the year",
    ),
    "c_monitoring_conclusions": (
        "kết luận, kiến nghị của các đoàn kiểm tra, giám sát",
        "conclusions and recommendations of the inspection and supervision teams",
    ),
    "c_strengths": ("các ưu điểm", "the strengths"),
    "c_shortcomings": ("các tồn tại, hạn chế", "the shortcomings"),
    "c_causes_objective": ("nguyên nhân khách quan", "the objective causes"),
    "c_causes_subjective": ("nguyên nhân chủ quan", "the subjective causes"),
    "c_lessons": ("bài học kinh nghiệm", "the lessons learnt"),
    "c_next_year": ("phương hướng, nhiệm vụ năm tới", "next year's direction and tasks"),
    "c_proposals": ("kiến nghị, đề xuất với cấp trên", "proposals to higher levels"),
    # key figures
    "indicator": ("Chỉ tiêu", "Indicator"),
    "prev_year": ("Năm {year}", "{year}"),
    "change": ("Thay đổi", "Change"),
    "assessment": ("Đánh giá", "Assessment"),
    "met": ("Đạt", "Met"),
    "not_met": ("Không đạt", "Not met"),
    "no_target": ("–", "–"),
    "plan_target": ("Kế hoạch (%)", "Plan target (%)"),
    "unchanged": ("không đổi", "unchanged"),
    "down": ("giảm {size}", "down {size}"),
    "up": ("tăng {size}", "up {size}"),
    "poor_rate_name": ("Tỷ lệ hộ nghèo", "Poor-household rate"),
    "poor_count_name": ("Số hộ nghèo", "Poor households"),
    "near_poor_rate_name": ("Tỷ lệ hộ cận nghèo", "Near-poor rate"),
    "em_sentence": (
        "Tỷ lệ hộ nghèo dân tộc thiểu số cuối năm {year} là {rate} ({poor} hộ nghèo trên"
        " {households} hộ dân tộc thiểu số)",
        "The poverty rate of ethnic-minority households at the end of {year} was {rate}"
        " ({poor} poor of {households} ethnic-minority households)",
    ),
    "em_households": ("Số hộ dân tộc thiểu số (hộ)", "Ethnic-minority households"),
    "em_poor_households": ("Số hộ nghèo DTTS (hộ)", "Poor ethnic-minority households"),
    "em_poor_rate": ("Tỷ lệ hộ nghèo DTTS (%)", "Ethnic-minority poor rate (%)"),
    "em_start_of_year": (
        " so với đầu năm ({rate}: {poor} hộ nghèo trên {households} hộ dân tộc thiểu số)",
        " on the start of the year ({rate}: {poor} poor of {households} ethnic-minority"
        " households)",
    ),
    "baseline_review": (
        "Năm {year} là kỳ rà soát đầu tiên theo chuẩn nghèo đa chiều giai đoạn {standard}"
        " ({basis}): cuối năm có {poor} hộ nghèo và {near_poor} hộ cận nghèo, là số liệu đầu"
        " kỳ của giai đoạn. Số hộ thoát nghèo, tái nghèo, phát sinh không được tính so với năm"
        " {prev} vì hai năm rà soát theo hai chuẩn khác nhau.",
        "{year} is the first review under the multidimensional poverty standard {standard}"
        " ({basis}): at the end of the year {poor} households were poor and {near_poor}"
        " near-poor, the period's baseline. Households escaping, falling back or newly poor are"
        " not computed against {prev}, reviewed under another standard.",
    ),
    "poor_start_recomputed": (
        "Hộ nghèo đầu năm (tính lại theo chuẩn mới)",
        "Poor at the start (recomputed, new standard)",
    ),
    "near_poor_start_recomputed": (
        "Hộ cận nghèo đầu năm (tính lại theo chuẩn mới)",
        "Near-poor at the start (recomputed, new standard)",
    ),
    "near_poor_end": ("Hộ cận nghèo cuối năm", "Near-poor at the end"),
    "recomputed_note": (
        "Đầu năm tính lại theo chuẩn mới: {reviewed} hộ trong danh sách rà soát năm {prev}"
        " được xếp loại lại theo chuẩn của {basis} (thu nhập và chỉ số thiếu hụt ghi nhận năm"
        " {prev}); số liệu để tham khảo, không phải danh sách hộ nghèo, hộ cận nghèo đã được"
        " phê duyệt.",
        "Start recomputed under the new standard: the {reviewed} households of the {prev}"
        " review list classed again under {basis} (income and deprivations as recorded in"
        " {prev}); for reference, not the approved lists.",
    ),
    "not_comparable": ("Không so sánh (khác chuẩn)", "Not compared (other standard)"),
    "not_comparable_note": (
        "Năm {year} là kỳ rà soát đầu tiên theo chuẩn nghèo mới: số liệu năm {prev} (chuẩn"
        " cũ) chỉ để tham khảo, không tính thay đổi và không đánh giá so với kế hoạch.",
        "{year} is the first review under the new poverty standard: the {prev} figures (the"
        " former standard) are for reference only; no change is computed and no plan is"
        " judged.",
    ),
    "national_targets_of": ("Mục tiêu quốc gia theo {decision}.", "National targets: {decision}."),
    "baseline_sentence": (
        "Năm {year} là kỳ rà soát đầu tiên theo chuẩn nghèo đa chiều giai đoạn {standard}"
        " ({basis}); kết quả rà soát là số liệu đầu kỳ của giai đoạn, không so sánh với năm"
        " {prev} (rà soát theo {prev_basis}).",
        "{year} is the first review under the multidimensional poverty standard {standard}"
        " ({basis}); its results are the period's baseline, not compared with {prev} (reviewed"
        " under {prev_basis}).",
    ),
    "units_heading": (
        "Tỷ lệ hộ nghèo các xã, thị trấn năm {year}",
        "Poverty rates of the units in {year}",
    ),
    "situation_sentence": (
        "Năm {year}, {place} có {households} hộ dân cư; qua rà soát {reviewed} hộ, có {poor}"
        " hộ nghèo, {near_poor} hộ cận nghèo và {average} hộ có mức sống trung bình.",
        "In {year}, {place} had {households} resident households; the review of {reviewed}"
        " households found {poor} poor, {near_poor} near-poor and {average} average-living"
        " households.",
    ),
    "review_sentence": (
        "Đầu năm {year} có {start} hộ nghèo; trong năm có {escaped} hộ thoát nghèo, {removed}"
        " hộ đưa ra khỏi danh sách, {fell_back} hộ tái nghèo và {new} hộ nghèo phát sinh;"
        " cuối năm còn {end} hộ nghèo.",
        "At the start of {year} there were {start} poor households; during the year {escaped}"
        " escaped poverty, {removed} were removed from the list, {fell_back} fell back into"
        " poverty and {new} became newly poor; {end} poor households remained at the end.",
    ),
    "area_urban": ("Thành thị", "Urban"),
    "area_rural": ("Nông thôn", "Rural"),
    "em_poor_end": ("Trong đó hộ nghèo DTTS", "Of which ethnic-minority poor"),
    "village_rate_note": (
        "Tỷ lệ theo thôn không được tính vì không có số hộ dân cư của từng thôn.",
        "No rate per village: the data has no resident-household count per village.",
    ),
    "programme_not_started": (
        "Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021–2025 được phê"
        " duyệt tại Quyết định số 90/QĐ-TTg ngày 18/01/2022; năm {year} chưa có dự án, kinh"
        " phí của Chương trình.",
        "The National Target Program for Sustainable Poverty Reduction 2021–2025 was"
        " approved by Decision 90/QĐ-TTg of 18 January 2022; in {year} it had no projects or"
        " funds yet.",
    ),
    "units_n": ("Các xã, thị trấn ({n} đơn vị)", "Units ({n})"),
    "units_level": ("Cấp xã", "Unit level"),
    "events_n": ("{n} lớp, hội nghị", "{n} events"),
    "trainings_sentence": (
        "Trong năm tổ chức {n} lớp tập huấn, hội nghị với {people} lượt người tham dự, kinh"
        " phí {cost} triệu đồng.",
        "{n} trainings and conferences were held during the year, with {people}"
        " participants, at a cost of {cost} million VND.",
    ),
    "check": ("Nội dung kiểm tra", "Check"),
    "units_total": ("Cộng các đơn vị", "All units"),
    "unknown_unit": ("Tên đơn vị không thuộc huyện", "Name that is not a unit"),
    "rows_left_out": ("Số dòng không tính", "Rows left out"),
    "quality_detail_note": (
        "Danh sách chi tiết các dòng dữ liệu có lỗi, cảnh báo đã được gửi bộ phận kỹ thuật"
        " để rà soát, chỉnh sửa (tệp {file}).",
        "The detailed list of rows with errors and warnings went to the technical staff"
        " for correction ({file}).",
    ),
    "no_data": ("Không có số liệu", "No data"),
    "district_place": ("huyện {district}", "{district} district"),
    "missing_households_note": (
        "Không có số liệu hộ rà soát năm {year} của {place}: các chỉ tiêu liên quan không"
        " được tính và không đánh giá.",
        "No household review data for {place} in {year}: the figures that depend on it are"
        " not computed and not assessed.",
    ),
    "population_below_reviewed_note": (
        "Tổng số hộ dân cư năm {year} của {place} trong dữ liệu nhỏ hơn số hộ được rà soát,"
        " nên không được dùng làm mẫu số: không tính tỷ lệ và không đánh giá; đề nghị kiểm"
        " tra lại tổng số hộ dân cư.",
        "The resident-household count of {place} for {year} is smaller than the number of"
        " households reviewed, so it is not used as the denominator: rates are not computed"
        " and not assessed; the count should be checked.",
    ),
    "missing_population_note": (
        "Không có tổng số hộ dân cư năm {year} của {place} (mẫu số của tỷ lệ): không tính"
        " tỷ lệ và không đánh giá.",
        "No resident-household count for {place} in {year} (the rates' denominator): rates"
        " are not computed and not assessed.",
    ),
    "missing_units_note": (
        "Số liệu toàn huyện năm {year} chưa đầy đủ, thiếu số liệu của: {units}. Các số tổng"
        " và tỷ lệ liên quan không được tính và không đánh giá.",
        "District figures for {year} are incomplete; data missing for: {units}. The totals"
        " and rates concerned are not computed and not assessed.",
    ),
    "poor_households": ("Số hộ nghèo (hộ)", "Poor households"),
    "poor_rate": ("Tỷ lệ hộ nghèo (%)", "Poor-household rate (%)"),
    "near_poor_households": ("Số hộ cận nghèo (hộ)", "Near-poor households"),
    "near_poor_rate": ("Tỷ lệ hộ cận nghèo (%)", "Near-poor rate (%)"),
    "disbursement_rate": ("Tỷ lệ giải ngân (%)", "Disbursement rate (%)"),
    "key_note": (
        "Tỷ lệ tính trên 100 hộ dân cư của đơn vị (tổng số hộ: {households} hộ). Số hộ theo"
        " kết quả phân loại đã được phê duyệt.",
        "Rates per 100 resident households of the unit ({households} households). Counts"
        " follow the approved classification.",
    ),
    # situation
    "year": ("Năm", "Year"),
    "households": ("Tổng số hộ", "Households"),
    "reviewed": ("Số hộ rà soát", "Reviewed"),
    "poor": ("Hộ nghèo", "Poor"),
    "near_poor": ("Hộ cận nghèo", "Near-poor"),
    "average": ("Hộ có mức sống trung bình", "Average living standard"),
    "rate_pct": ("Tỷ lệ (%)", "Rate (%)"),
    "incomplete_note": (
        "Chưa tính được biến động hộ nghèo năm {year} (hộ thoát nghèo, tái nghèo, phát sinh):"
        " dữ liệu thiếu danh sách rà soát của đơn vị hợp thành ({lists}), nên không phân biệt"
        " được hộ phát sinh mới với hộ đã có trong danh sách của đơn vị đó. Số liệu chưa đầy đủ.",
        "The {year} transitions (escaped, fell back, newly poor) are not given: the data lacks a"
        " predecessor unit's review list ({lists}), so newly poor households cannot be told from"
        " households already on that unit's list. Figures incomplete.",
    ),
    "through_lineage": (
        "Biến động tính theo danh sách rà soát năm {prev_year} của các đơn vị hợp thành xã"
        " ({units}); mã hộ được giữ nguyên khi sắp xếp.",
        "Transitions follow the {prev_year} review lists of the units that formed the commune"
        " ({units}); household ids were kept through the merger.",
    ),
    "standard_mark": ("Chuẩn nghèo mới ({basis})", "New poverty standard ({basis})"),
    "prev_lineage_note": (
        "Số liệu năm {year} là tổng của các đơn vị hợp thành xã ({units}).",
        "The {year} figures are the sum of the units that formed the commune ({units}).",
    ),
    "merger_mark": ("Sắp xếp đơn vị hành chính (01/7/2025)", "Administrative reform (1 July 2025)"),
    "lineage_note": (
        "(*) Năm {first}–{last}: tổng số liệu của các đơn vị hợp thành xã từ năm {since} ({units};"
        " Nghị quyết 1671/NQ-UBTVQH15, Điều 1, khoản {clause}).",
        "(*) {first}–{last}: the sum of the units that formed the commune in {since} ({units};"
        " Resolution 1671/NQ-UBTVQH15, Article 1, clause {clause}).",
    ),
    "rates_chart": ("Tỷ lệ hộ nghèo, hộ cận nghèo qua các năm (%)", "Poor and near-poor rates (%)"),
    "village": ("Thôn, khu phố", "Village"),
    "by_village": ("Theo thôn, khu phố", "By village"),
    "em_heading": ("Hộ dân tộc thiểu số", "Ethnic-minority households"),
    "agri_heading": (
        "Hộ có mức sống trung bình làm nông, lâm, ngư, diêm nghiệp",
        "Average-living households in farming, forestry, fishery or salt",
    ),
    "agri_sentence": (
        "Năm {year} có {n} hộ có mức sống trung bình làm nông, lâm, ngư, diêm nghiệp"
        " (trong tổng số {total} hộ có mức sống trung bình).",
        "In {year}, {n} average-living households work in farming, forestry, fishery or salt"
        " (of {total} average-living households).",
    ),
    "em_reviewed": ("Hộ DTTS rà soát", "EM reviewed"),
    # review summary
    "poor_start": ("Hộ nghèo đầu năm", "Poor at the start"),
    "escaped": ("Thoát nghèo", "Escaped poverty"),
    "removed": ("Đưa ra khỏi danh sách", "Removed from the list"),
    "fell_back": ("Tái nghèo", "Fell back into poverty"),
    "new_poor": ("Nghèo phát sinh", "Newly poor"),
    "poor_end": ("Hộ nghèo cuối năm", "Poor at the end"),
    "no_baseline": (
        "Không có dữ liệu rà soát năm {prev} nên không lập được bảng biến động.",
        "No review data for {prev}, so there is no summary against the previous year.",
    ),
    "review_chart": ("Biến động hộ nghèo năm {year}", "Poor households in {year}: start to end"),
    "group": ("Nhóm", "Group"),
    "all_households": ("Tất cả các hộ", "All households"),
    "em_households_short": ("Hộ DTTS", "Ethnic-minority households"),
    # deprivation
    "share_pct": ("Tỷ lệ (%)", "Share (%)"),
    "deprivation_chart": (
        "Tỷ lệ hộ nghèo và cận nghèo thiếu hụt từng chỉ số (%)",
        "Poor and near-poor households deprived in each indicator (%)",
    ),
    "mean_deprivations": (
        "Số chỉ số thiếu hụt bình quân: hộ nghèo {poor}; hộ cận nghèo {near_poor};"
        " chung {both} ({of}).",
        "Mean number of deprivations: poor {poor}; near-poor {near_poor}; both {both} ({of}).",
    ),
    "of_indicators": ("trên {n} chỉ số", "of {n} indicators"),
    "of_form_indicators": (
        "trên {n} chỉ số của phiếu rà soát",
        "of the review form's {n} indicators",
    ),
    "poor_and_near_poor": ("Hộ nghèo và cận nghèo", "Poor and near-poor"),
    # programme
    "project": ("Dự án", "Project"),
    "project_name": ("Nội dung", "Line"),
    "allocated": ("Phân khai (triệu đồng)", "Allocated (million VND)"),
    "disbursed": ("Giải ngân (triệu đồng)", "Disbursed (million VND)"),
    "rate": ("Tỷ lệ (%)", "Rate (%)"),
    "total": ("Tổng cộng", "Total"),
    "budget_heading": ("Kinh phí", "Budget"),
    "budget_chart": (
        "Phân khai và giải ngân (triệu đồng)",
        "Allocated and disbursed (million VND)",
    ),
    "allocated_short": ("Phân khai", "Allocated"),
    "disbursed_short": ("Giải ngân", "Disbursed"),
    "trainings_heading": ("Tập huấn, nâng cao năng lực", "Trainings"),
    "date": ("Ngày", "Date"),
    "title": ("Nội dung", "Title"),
    "participants": ("Số người", "Participants"),
    "cost": ("Kinh phí (triệu đồng)", "Cost (million VND)"),
    "events": ("Số lớp, hội nghị", "Events"),
    "kind": ("Hình thức", "Kind"),
    "inspection": ("Kiểm tra", "Inspection"),
    "supervision": ("Giám sát", "Supervision"),
    "findings": ("Tồn tại, hạn chế", "Findings"),
    "recommendations": ("Kiến nghị", "Recommendations"),
    "resolved": ("Đã khắc phục", "Resolved"),
    "supervised_sentence": (
        "Đã giám sát {supervised}/{units} đơn vị; kiểm tra {inspected}/{units} đơn vị{names}.",
        "{supervised} of {units} units supervised; {inspected} of {units} inspected{names}.",
    ),
    "findings_heading": ("Tồn tại, hạn chế được chỉ ra", "Findings reported"),
    "visits": ("Số lượt", "Visits"),
    "recommendations_sentence": (
        "Kiến nghị: {made}; đã khắc phục: {resolved} ({rate}).",
        "Recommendations: {made}; resolved: {resolved} ({rate}).",
    ),
    "no_rows": ("Không có số liệu.", "No data."),
    "table_missing": (
        "Không có bảng {table} trong dữ liệu đầu vào; mục này để trống.",
        "The input has no {table} table; this section is empty.",
    ),
    "district_level": ("Cấp huyện", "District level"),
    "unit": ("Đơn vị", "Unit"),
    "rank": ("Thứ hạng", "Rank"),
    "district_total": ("Toàn huyện", "District"),
    "units_chart": ("Tỷ lệ hộ nghèo theo đơn vị năm {year} (%)", "Poor rate by unit, {year} (%)"),
    "units_note": (
        "Xếp theo tỷ lệ hộ nghèo từ cao đến thấp. Đánh giá: tỷ lệ hộ nghèo so với kế hoạch.",
        "Ranked by poor rate, highest first. Assessment: poor rate against the target.",
    ),
    # data quality
    "file": ("Tệp", "File"),
    "row": ("Dòng", "Row"),
    "column": ("Cột", "Column"),
    "value": ("Giá trị", "Value"),
    "severity": ("Mức độ", "Severity"),
    "message": ("Nội dung", "Message"),
    "error": ("Lỗi", "Error"),
    "warning": ("Cảnh báo", "Warning"),
    "withheld_note": (
        "Một số số liệu không được in (–) vì không khớp khi đối chiếu: {identities}; đề nghị"
        " bộ phận kỹ thuật kiểm tra lại dữ liệu.",
        "Some figures are not printed (–) because they failed a cross-check: {identities};"
        " the technical staff should check the data.",
    ),
    "identity_flow": (
        "số hộ nghèo đầu năm, thoát nghèo, đưa ra khỏi danh sách, tái nghèo, phát sinh không"
        " khớp với số hộ nghèo cuối năm",
        "the start, escaped, removed, fell-back and new poor do not add up to the end",
    ),
    "identity_flow_em": (
        "biến động hộ nghèo dân tộc thiểu số không khớp với số cuối năm",
        "the ethnic-minority transitions do not add up to the end",
    ),
    "identity_rate": (
        "tỷ lệ không khớp với số hộ và tổng số hộ dân cư",
        "a rate does not match its count and base",
    ),
    "identity_rate_em": (
        "tỷ lệ hộ nghèo dân tộc thiểu số không khớp với số hộ và tổng số hộ dân tộc thiểu số",
        "the ethnic-minority rate does not match its count and base",
    ),
    "identity_reviewed_households": (
        "số hộ rà soát lớn hơn tổng số hộ dân cư",
        "more households reviewed than resident",
    ),
    "identity_villages": (
        "số liệu các thôn, khu phố không cộng đúng bằng số liệu của xã",
        "the villages do not add up to the commune",
    ),
    "identity_units": (
        "số liệu các đơn vị không cộng đúng bằng số liệu toàn địa bàn",
        "the units do not add up to the area",
    ),
    "identity_standard": (
        "biến động được tính giữa hai chuẩn nghèo khác nhau",
        "a change computed across two poverty standards",
    ),
    "note_prefix": ("Ghi chú: ", "Note: "),
    "data_checked": (
        "Số liệu của báo cáo đã được kiểm tra, đối chiếu trước khi tổng hợp.",
        "The report's data were checked before they were compiled.",
    ),
    "data_checked_left_out": (
        "Số liệu của báo cáo đã được kiểm tra, đối chiếu trước khi tổng hợp; {n} dòng dữ"
        " liệu không đúng quy định được loại khỏi số liệu ({why}).",
        "The report's data were checked before they were compiled; {n} rows that broke the"
        " rules were left out of the figures ({why}).",
    ),
    "quality_summary": (
        "Dữ liệu của đơn vị có {errors} lỗi (dòng bị loại khỏi số liệu) và {warnings} cảnh báo"
        " (dòng được giữ lại và đánh dấu).",
        "This unit's data has {errors} errors (rows left out of the figures) and {warnings}"
        " warnings (rows kept and flagged).",
    ),
    "household_id": ("Mã hộ", "Household id"),
    "deprivations": ("Số chỉ số thiếu hụt", "Deprivations"),
    "quality_by_unit": ("Theo đơn vị", "By unit"),
    "quality_unplaced": (
        "Lỗi không gắn với đơn vị nào (tên xã không hợp lệ, tệp không đọc được, thiếu cột)",
        "Problems not tied to a unit (unknown unit names, unreadable files, missing columns)",
    ),
    "nearest_unit": ("Đơn vị gần nhất", "Nearest unit"),
    "errors": ("Lỗi", "Errors"),
    "warnings": ("Cảnh báo", "Warnings"),
    "mismatches": ("Phân loại khác chuẩn", "Status disagreements"),
    "status_poor": ("hộ nghèo", "poor"),
    "status_near_poor": ("hộ cận nghèo", "near-poor"),
    "status_average": ("hộ có mức sống trung bình", "average"),
    "status_none": ("không", "none"),
    # validation checks (problems.Problem.check)
    "check_empty": ("Ô bắt buộc bị bỏ trống", "Required cell is empty"),
    "check_below_min": (
        "Giá trị nhỏ hơn mức tối thiểu (ví dụ thu nhập âm)",
        "Value below the minimum (e.g. negative income)",
    ),
    "check_bad_int": ("Không phải số nguyên", "Not a whole number"),
    "check_bad_number": ("Không phải là số", "Not a number"),
    "check_bad_tick": (
        "Chỉ số thiếu hụt không phải 0/1 (hoặc x / để trống)",
        "Indicator is not 0/1 (or x / blank)",
    ),
    "check_bad_status": ("Kết quả phân loại không hợp lệ", "Unknown classification result"),
    "check_bad_unit": ("Tên xã không thuộc huyện", "Not a unit of the district"),
    "check_bad_unit_or_district": ("Tên xã không thuộc huyện", "Not a unit of the district"),
    "check_bad_project": ("Mã dự án không hợp lệ", "Unknown project code"),
    "check_bad_findings": ("Mã tồn tại, hạn chế không hợp lệ", "Unknown finding code"),
    "check_bad_visit_kind": (
        "Hình thức không phải kiểm tra / giám sát",
        "Kind is not inspection / supervision",
    ),
    "check_bad_commentary_section": (
        "Mã mục nhận xét không hợp lệ",
        "Unknown commentary section code",
    ),
    "check_bad_date": (
        "Ngày không hợp lệ (dd/mm/yyyy hoặc YYYY-MM-DD)",
        "Not a valid date (dd/mm/yyyy or YYYY-MM-DD)",
    ),
    "check_status_mismatch": (
        "Kết quả phân loại khác với kết quả tính theo chuẩn",
        "Approved status differs from the rules",
    ),
    "check_duplicate_household": (
        "Mã hộ bị trùng trong cùng năm",
        "Household id repeated in a year",
    ),
    "check_score_b_mismatch": (
        "Điểm B khác 10 × số chỉ số thiếu hụt (phiếu chấm chưa đầy đủ, chính xác)",
        "Điểm B is not 10 × the deprivations ticked (form scored incompletely or wrongly)",
    ),
    "check_population_below_reviewed": (
        "Tổng số hộ ít hơn số hộ rà soát",
        "Resident households fewer than households reviewed",
    ),
    "check_disbursed_over_allocated": ("Giải ngân vượt phân khai", "Disbursed exceeds allocated"),
    "check_resolved_over_made": (
        "Số kiến nghị đã khắc phục vượt số kiến nghị",
        "More recommendations resolved than made",
    ),
    "check_duplicate_row": ("Dòng bị trùng", "Duplicate row"),
    "check_date_outside_year": ("Ngày nằm ngoài năm báo cáo", "Date outside its year"),
    "check_report_date_outside_window": (
        "Ngày ban hành báo cáo nằm ngoài khoảng hợp lý của năm rà soát (để trống)",
        "Report date outside the plausible window of its review year (left blank)",
    ),
    "check_no_standard": (
        "Năm rà soát chưa có chuẩn nghèo được kiểm chứng",
        "No verified poverty standard for the review year",
    ),
    "check_unreadable_file": ("Không đọc được tệp", "File cannot be read"),
    "check_missing_column": ("Thiếu cột bắt buộc", "Required column missing"),
    "check_unsupported_format": (
        "Tệp không phải định dạng CSV, XLSX, XLS hoặc ODS",
        "Not a CSV, XLSX, XLS or ODS file",
    ),
    "check_no_rows": ("Tệp không có dòng dữ liệu nào", "File has no data rows"),
    "check_bad_field_count": (
        "Số ô của dòng khác số cột của tiêu đề (thường do dấu phẩy trong nội dung)",
        "Row has a different number of cells than the header (often a comma in a text)",
    ),
    "check_repeated_header": (
        "Dòng tiêu đề lặp lại giữa bảng (thường do dán hai trang tính nối nhau): đã bỏ qua",
        "Header row repeated inside the table (often two sheets pasted together): left out",
    ),
    "check_above_max": ("Giá trị vượt mức hợp lý", "Value above the plausible maximum"),
    "check_year_not_file_year": (
        "Năm của dòng khác năm ghi trong tên tệp",
        "Row year differs from the year in the file name",
    ),
    "check_no_households": (
        "Đơn vị không có danh sách hộ rà soát trong năm",
        "Unit has no household review rows in the year",
    ),
    "check_household_id_format": (
        "Mã hộ ghi khác cách giữa hai năm (mã chỉ gồm chữ số được so khớp bỏ các số 0 đứng đầu)",
        "Household ids written differently from the previous year (digit-only ids are matched"
        " without their leading zeros)",
    ),
    "check_no_population": (
        "Đơn vị không có tổng số hộ dân cư trong năm (mẫu số của tỷ lệ)",
        "Unit has no resident-household count in the year (the rate denominator)",
    ),
    "check_population_change": (
        "Tổng số hộ dân cư thay đổi bất thường so với năm trước",
        "Resident households changed implausibly from the previous year",
    ),
    "check_unit_moved": (
        "Tên đơn vị cũ (trước sắp xếp năm 2025): tính vào xã mới theo Nghị quyết 1671/NQ-UBTVQH15",
        "Former unit's name (before the 2025 reform): counted under its successor commune",
    ),
    "check_unit_not_in_year": (
        "Đơn vị không tồn tại trong năm của dòng",
        "Unit that does not exist in the row's year",
    ),
    "check_no_district": (
        "Dòng cấp huyện trong năm không còn cấp huyện (từ 01/7/2025)",
        "District-level row in a year without the district (from 1 July 2025)",
    ),
    # provenance
    "parameters": ("Tham số", "Parameters"),
    "inputs": ("Tệp dữ liệu đầu vào", "Input files"),
    "rows_read": ("Số dòng sử dụng", "Rows read"),
    "sha256_rows": ("SHA-256 của các dòng sử dụng", "SHA-256 of the rows read"),
    "sha256_note": (
        "Mã SHA-256 tính trên các dòng dữ liệu của báo cáo này sau khi làm sạch (dạng CSV chuẩn"
        " của reportkit); mã của cả tệp gốc ghi trong manifest.json của thư mục kết quả.",
        "SHA-256 of the cleaned rows this report read (reportkit's canonical CSV form); the"
        " whole raw files' SHA-256 are in the output folder's manifest.json.",
    ),
    "software": ("Phần mềm", "Software"),
    "font": ("Phông chữ khi in", "Print typeface"),
    "font_fallback": (
        "DejaVu Serif — chưa cài Liberation Serif (fonts-liberation2), phông có cùng kích thước"
        " chữ với Times New Roman theo Nghị định 30/2020/NĐ-CP",
        "DejaVu Serif — Liberation Serif (fonts-liberation2), metrically equal to Times New"
        " Roman as Decree 30/2020/NĐ-CP asks, is not installed",
    ),
    "standard": ("Chuẩn áp dụng", "Standard applied"),
    "git_commit": ("Phiên bản mã nguồn (git)", "Source version (git)"),
    "synthetic_note": (
        "Dữ liệu minh họa (tổng hợp ngẫu nhiên), không phải số liệu thống kê thật.",
        "Synthetic demo data, not real statistics.",
    ),
    "unverified_note": (
        "Việc tách Dự án 7 thành Tiểu dự án 1 và 2 chưa được kiểm chứng với văn bản gốc.",
        "The split of Project 7 into sub-projects 1 and 2 is not verified against the source.",
    ),
}


def label(key: str, lang: Lang, **values: object) -> str:
    vi, en = LABELS[key]
    text = vi if lang == "vi" else en
    return text.format(**values) if values else text
