"""The unit-year tables of the fictional province: population, monitoring visits, targets,
the officials' commentary and the report settings (the demo's columns for 2025–2026, plus
``area`` in settings)."""

# ruff: noqa: E501  (the commentary below is prose, one paragraph per line, as officials type it)

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from scripts.demo_data.commentary import report_commentary
from scripts.demo_data.registry import registry_status
from scripts.demo_data.tables import sort_visits, unit_target, visit_row

from .units import SOURCE, Commune, province_name

SUPERVISED_SHARE = 0.3  # communes the province's team supervises in a year
INSPECTED_SHARE = 0.08  # and inspects
RESOLVED_SHARE = {2025: 0.6, 2026: 0.2}  # recommendations resolved (2026: review ongoing)
SIGNER_TITLE = "TM. ỦY BAN NHÂN DÂN;KT. CHỦ TỊCH;PHÓ CHỦ TỊCH"
SIGNER_NAME = "Nguyễn Văn A (tên minh họa)"


def make_population(communes: list[Commune], years: tuple[int, ...]) -> pd.DataFrame:
    """Resident households (the rate denominator) per commune and year."""
    rows = [
        {
            "year": year,
            "commune": c.name,
            "households": c.households[j],
            "ethnic_minority_households": c.em_households[j],
            "source": SOURCE,
        }
        for j, year in enumerate(years)
        for c in communes
    ]
    return pd.DataFrame(rows)


def visits(
    communes: list[Commune], codes: list[str], seed: int, year: int
) -> list[tuple[str, str, str, list[str]]]:
    """The province's visits of ``year`` (date, commune, kind, findings): a third of the
    communes supervised in September–November, a few inspected in November–December, each
    visit finding none to two of ``codes``."""
    rng = np.random.default_rng([seed, 4, year])
    out = []
    for kind, share, months in (
        ("supervision", SUPERVISED_SHARE, (9, 11)),
        ("inspection", INSPECTED_SHARE, (11, 12)),
    ):
        n = max(1, round(share * len(communes)))
        for i in sorted(rng.choice(len(communes), size=n, replace=False)):
            month = int(rng.integers(months[0], months[1] + 1))
            date = f"{year}-{month:02d}-{int(rng.integers(1, 29)):02d}"
            k = int(rng.choice([0, 1, 2], p=[0.25, 0.5, 0.25]))
            found = sorted(rng.choice(codes, size=k, replace=False).tolist())
            out.append((date, communes[int(i)].name, kind, found))
    return out


def make_monitoring(
    communes: list[Commune], codes: list[str], seed: int, years: tuple[int, ...]
) -> pd.DataFrame:
    """The visits of every year with synthetic recommendation counts."""
    rows = []
    for year in years:
        rng = np.random.default_rng([seed, 5, year])
        share = RESOLVED_SHARE.get(year, 0.2)
        rows += [visit_row(rng, year, v, share) for v in visits(communes, codes, seed, year)]
    return sort_visits(pd.DataFrame(rows), [c.name for c in communes]).assign(source=SOURCE)


def make_targets(
    communes: list[Commune],
    hh: pd.DataFrame,
    domain: dict[str, Any],
    seed: int,
    years: tuple[int, ...],
) -> pd.DataFrame:
    """Plan targets per commune and for the province (commune empty), each year a little
    below a base rate. The first year's base is a notional previous-year rate (the year's
    rates by the rule, a quarter higher for the poor, a tenth for the near-poor); a later
    year's base is the previous year's reviewed households classed by that year's standard
    (in 2026 the new line), over the previous year's resident households."""
    rng = np.random.default_rng([seed, 6])
    ind_cols = [i["column"] for i in domain["indicators"]]
    area = {c.name: c.area for c in communes}
    rows = []
    for j, year in enumerate(years):
        base_year = years[j - 1] if j else year
        prev = hh[hh["year"] == base_year]
        status = pd.Series(
            [
                registry_status(domain, year, area[c], int(i), int(n))
                for c, i, n in zip(
                    prev["commune"],
                    prev["income_per_capita"],
                    prev[ind_cols].sum(axis=1),
                    strict=True,
                )
            ],
            index=prev.index,
        )
        poor = status.eq("poor").groupby(prev["commune"]).sum()
        near = status.eq("near_poor").groupby(prev["commune"]).sum()
        lift_p, lift_n = (1.0, 1.0) if j else (1.25, 1.1)
        households = {c.name: c.households[j - 1 if j else 0] for c in communes}
        total = sum(households.values())
        rows.append(
            {
                "year": year,
                "commune": "",
                "poverty_rate_target": round(100 * lift_p * poor.sum() / total - 1.0, 2),
                "near_poor_rate_target": round(100 * lift_n * near.sum() / total - 0.4, 2),
            }
        )
        for c in communes:
            base_p = 100 * lift_p * poor.get(c.name, 0) / households[c.name]
            base_n = 100 * lift_n * near.get(c.name, 0) / households[c.name]
            rows.append({"year": year, "commune": c.name} | unit_target(rng, base_p, base_n))
    return pd.DataFrame(rows).assign(source=SOURCE)


def make_settings(communes: list[Commune], province: str, years: tuple[int, ...]) -> pd.DataFrame:
    """The form's data of every report: the province's (commune empty: issued by the
    provincial People's Committee, place = the province's name as Decree 30/2020 writes it
    for provincial bodies) and each commune's (its People's Committee, to the province).
    ``area`` names the province on every row. Numbers and dates are left for the office."""
    upper = province.upper()
    rows = []
    for year in years:
        for c in [None, *communes]:
            if c is None:
                body, place = f"ỦY BAN NHÂN DÂN;TỈNH {upper}", province
                recipients = (
                    "- Bộ Nông nghiệp và Môi trường (b/c);- TT. Tỉnh ủy, TT. HĐND tỉnh (b/c);"
                    "- UBND các xã, phường;- Lưu: VT."
                )
            else:
                body, place = f"ỦY BAN NHÂN DÂN;{c.kind.upper()} {c.name.upper()}", c.name
                recipients = (
                    f"- UBND tỉnh {province} (b/c);- Sở Nông nghiệp và Môi trường tỉnh (b/c);"
                    f"- TT. Đảng ủy, TT. HĐND {c.kind} (b/c);- Lưu: VT."
                )
            rows.append(
                {
                    "year": year,
                    "commune": "" if c is None else c.name,
                    "area": province_name(province),
                    "issuing_body": body,
                    "number": "",
                    "place": place,
                    "date": "",
                    "signer_title": SIGNER_TITLE,
                    "signer_name": SIGNER_NAME,
                    "recipients": recipients,
                    "source": SOURCE,
                }
            )
    return pd.DataFrame(rows)


# Illustrative commentary of one commune's report in the last review year: every section,
# no figure the data gives ("(Minh họa)": not an official's words).
COMMENTARY = {
    "direction": """\
(Minh họa) Ủy ban nhân dân {unit} ban hành kế hoạch rà soát hộ nghèo, hộ cận nghèo năm {year}; thành lập Ban chỉ đạo rà soát và phân công rà soát viên cho từng thôn, khu phố.
- Tuyên truyền về chuẩn nghèo trên hệ thống loa truyền thanh và tại các cuộc họp thôn, khu phố.""",
    "monitoring_conclusions": """\
(Minh họa) Đoàn giám sát của tỉnh giám sát việc rà soát tại địa phương; việc rà soát được thực hiện đúng quy trình, một số phiếu chấm điểm cần được bổ sung trước khi niêm yết công khai.""",
    "strengths": """\
(Minh họa) Cấp ủy, chính quyền quan tâm chỉ đạo; việc rà soát được triển khai đúng quy trình, công khai, dân chủ.""",
    "shortcomings": """\
- (Minh họa) Phiếu chấm điểm ở một số thôn, khu phố chưa được điền đầy đủ.
- (Minh họa) Công tác tuyên truyền về chuẩn nghèo mới còn hạn chế.""",
    "causes_objective": """\
(Minh họa) Hướng dẫn chi tiết về bộ chỉ số thiếu hụt của chuẩn nghèo mới chưa đầy đủ.""",
    "causes_subjective": """\
(Minh họa) Một số rà soát viên mới được phân công, chưa quen mẫu phiếu.""",
    "lessons": """\
(Minh họa) Tập huấn rà soát viên trước kỳ rà soát; kiểm tra phiếu ngay tại thôn, khu phố.""",
    "next_year": """\
(Minh họa)
- Hỗ trợ hộ nghèo, hộ cận nghèo theo chuẩn mới; ưu tiên hộ dân tộc thiểu số.
- Phối hợp với Mặt trận Tổ quốc và các đoàn thể xây dựng kế hoạch giám sát chung.""",
    "proposals": """\
(Minh họa) Đề nghị Sở Nông nghiệp và Môi trường sớm hướng dẫn bộ chỉ số thiếu hụt và mức sống trung bình giai đoạn 2026–2030.""",
}


def make_commentary(communes: list[Commune], years: tuple[int, ...]) -> pd.DataFrame:
    """The commentary of the first commune's report of the last year (the others show the
    fill-in marks of a report before officials write)."""
    c, year = communes[0], years[-1]
    unit = f"{c.kind} {c.name}"
    sections = {code: text.format(unit=unit, year=year) for code, text in COMMENTARY.items()}
    return report_commentary(year, c.name, sections).assign(source=SOURCE)
