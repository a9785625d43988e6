"""Programme money and what it paid for: budget lines per project and the training events
(2021–2024 district and units, 2025 the successor communes)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import registry
from .registry import Successor, UnitInfo

# Published 2023 figures (Bình Thuận newspaper article on the district's 2023 monitoring).
TDA1_ALLOCATED_2023 = 225_400_000
TDA1_DISBURSED_2023 = 107_880_000  # 2 conferences, 263 officials, 47.86 % of allocation
TDA1_PARTICIPANTS_2023 = 263
TDA2_ALLOCATED_2023 = 119_600_000
# Assumption: "a little over 104 M VND, 87 % of its allocation" placed on the 119.6 M line.
TDA2_DISBURSED_2023 = 104_052_000
REVIEW_COURSE_PARTICIPANTS_2023 = 142


def _round_k(x: float) -> int:
    return int(round(x / 1000) * 1000)


def make_budget_and_trainings(units: list[UnitInfo]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Programme money per line and the training events it paid for."""
    rng = registry.random_stream(4)
    budget: list[dict[str, Any]] = []
    trainings: list[dict[str, Any]] = []

    def line(year: int, commune: str, project: str, activity: str, alloc: int, disb: int) -> None:
        budget.append(
            {
                "year": year,
                "commune": commune,
                "project": project,
                "activity": activity,
                "allocated_vnd": alloc,
                "disbursed_vnd": disb,
            }
        )

    def event(
        year: int, date: str, commune: str, project: str, title: str, people: int, cost: int
    ) -> None:
        trainings.append(training_event(year, date, commune, project, title, people, cost))

    # district level: Project 7 (TDA1 conferences, TDA2 M&E and the review course)
    conf_title = (
        "Hội nghị tập huấn nâng cao năng lực thực hiện Chương trình MTQG giảm nghèo bền vững"
    )
    review_title = "Lớp tập huấn nghiệp vụ rà soát hộ nghèo, hộ cận nghèo năm {y}"
    district_plan = {  # year: (TDA1 alloc, conferences [(date, people, cost)], TDA2 alloc,
        #                 review course (date, people, cost), other M&E spending)
        2021: (
            150_000_000,
            [("2021-11-09", 118, 52_460_000)],
            80_000_000,
            ("2021-08-31", 128, 61_380_000),
            9_600_000,
        ),
        2022: (
            198_000_000,
            [("2022-06-14", 126, 54_720_000), ("2022-08-23", 131, 57_150_000)],
            105_000_000,
            ("2022-08-30", 136, 84_210_000),
            12_400_000,
        ),
        2023: (
            TDA1_ALLOCATED_2023,
            [("2023-05-16", 135, 55_140_000), ("2023-07-11", 128, 52_740_000)],
            TDA2_ALLOCATED_2023,
            ("2023-08-29", REVIEW_COURSE_PARTICIPANTS_2023, TDA2_DISBURSED_2023),
            0,
        ),
        2024: (
            240_000_000,
            [("2024-05-21", 138, 63_860_000), ("2024-07-16", 129, 60_020_000)],
            128_000_000,
            ("2024-08-27", 139, 98_460_000),
            14_300_000,
        ),
    }
    for year, (a1, confs, a2, course, other_me) in district_plan.items():
        d1 = sum(c for _, _, c in confs)
        d2 = course[2] + other_me
        line(
            year,
            "",
            "DA7.TDA1",
            "Hội nghị tập huấn nâng cao năng lực thực hiện Chương trình",
            a1,
            d1,
        )
        line(year, "", "DA7.TDA2", "Giám sát, đánh giá; lớp tập huấn rà soát hộ nghèo", a2, d2)
        for n, (date, people, cost) in enumerate(confs, start=1):
            suffix = f" (đợt {n})" if len(confs) > 1 else ""
            event(year, date, "", "DA7.TDA1", f"{conf_title} năm {year}{suffix}", people, cost)
        event(year, course[0], "", "DA7.TDA2", review_title.format(y=year), course[1], course[2])

    # commune level
    em_units = {"Mương Mán", "Hàm Cần", "Mỹ Thạnh", "Tân Thuận"}
    coastal = {"Tân Thành", "Tân Thuận"}
    over_row_placed = False
    for year in registry.YEARS:
        scale = 0.5 if year == 2021 else 1.0 + 0.08 * (year - 2022)
        for u in units:
            lines: list[tuple[str, str, float]] = [
                (
                    "DA6",
                    "Truyền thông về giảm nghèo, giảm nghèo về thông tin",
                    rng.uniform(8e6, 22e6),
                )
            ]
            if year >= 2022:
                if u.name in coastal:
                    lines.append(
                        (
                            "DA1",
                            "Hỗ trợ đầu tư hạ tầng xã bãi ngang ven biển",
                            rng.uniform(1.1e9, 2.4e9),
                        )
                    )
                if u.name in em_units:
                    lines.append(
                        (
                            "DA3",
                            "Hỗ trợ phát triển sản xuất (giống cây trồng, vật nuôi)",
                            rng.uniform(2.5e8, 6.0e8),
                        )
                    )
                    lines.append(
                        (
                            "DA5",
                            "Hỗ trợ xây mới, sửa chữa nhà ở hộ nghèo",
                            rng.uniform(2.0e8, 4.8e8),
                        )
                    )
                if rng.random() < 0.45 or u.name == "Thuận Nam":
                    lines.append(
                        (
                            "DA4",
                            "Đào tạo nghề, hỗ trợ việc làm cho lao động nghèo",
                            rng.uniform(6.0e7, 1.8e8),
                        )
                    )
                if rng.random() < 0.2:
                    lines.append(
                        (
                            "DA2",
                            "Nhân rộng mô hình giảm nghèo, đa dạng hóa sinh kế",
                            rng.uniform(1.5e8, 3.5e8),
                        )
                    )
            for project, activity, alloc_f in lines:
                alloc = _round_k(alloc_f * scale)
                ratio = rng.uniform(0.55, 1.0) if year < 2024 else rng.uniform(0.45, 0.95)
                if year == 2022 and u.name == "Hàm Mỹ" and project == "DA6":
                    ratio, over_row_placed = 1.042, True  # the one over-disbursed line
                disb = (
                    min(_round_k(alloc * ratio), alloc) if ratio <= 1 else _round_k(alloc * ratio)
                )
                line(year, u.name, project, activity, alloc, disb)
                if project in ("DA4", "DA6") and rng.random() < 0.35:
                    month = int(rng.integers(4, 12))
                    day = int(rng.integers(1, 29))
                    title, people = commune_event(rng, project)
                    event(
                        year,
                        f"{year}-{month:02d}-{day:02d}",
                        u.name,
                        project,
                        title,
                        people,
                        _round_k(disb * rng.uniform(0.4, 0.9)),
                    )
    assert over_row_placed
    names = [u.name for u in units]
    b = pd.DataFrame(budget).assign(source=registry.SOURCE)
    return registry.in_unit_order(b, names, ["year", "_o", "project"]), trainings_table(
        trainings, names
    )


ACTIVITY_2025 = {  # project -> activity of a successor commune's line in 2025
    "DA1": "Hỗ trợ đầu tư hạ tầng xã bãi ngang ven biển",
    "DA2": "Nhân rộng mô hình giảm nghèo, đa dạng hóa sinh kế",
    "DA3": "Hỗ trợ phát triển sản xuất (giống cây trồng, vật nuôi)",
    "DA4": "Đào tạo nghề, hỗ trợ việc làm cho lao động nghèo",
    "DA5": "Hỗ trợ xây mới, sửa chữa nhà ở hộ nghèo",
    "DA6": "Truyền thông về giảm nghèo, giảm nghèo về thông tin",
    "DA7.TDA1": "Tập huấn nâng cao năng lực thực hiện Chương trình cho cán bộ xã, thôn",
    "DA7.TDA2": "Giám sát, đánh giá; lớp tập huấn rà soát hộ nghèo cấp xã",
}


def make_reform_budget_and_trainings(
    succs: list[Successor], budget: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """2025, the programme's last year, at commune level only (no district from 1 July
    2025): each successor's lines continue its predecessors' 2024 lines (about their sum),
    and Project 7 moves to the communes — a capacity-building conference (DA7.TDA1, its
    whole disbursement) and the review course (DA7.TDA2) in each. Events after 1 July (the
    successors' first day). Nothing for 2026: the 2026–2030 programme's lines are not in
    the demo data."""
    rng = registry.random_stream(14)
    year = registry.REFORM_YEARS[0]
    b24 = budget[budget["year"] == registry.YEARS[-1]]
    brows: list[dict[str, Any]] = []
    trows: list[dict[str, Any]] = []

    def date(first_month: int, last_month: int) -> str:
        month = int(rng.integers(first_month, last_month + 1))
        return f"{year}-{month:02d}-{int(rng.integers(1, 29)):02d}"

    for succ in succs:
        prev = b24[b24["commune"].isin(succ.predecessors)]
        alloc: dict[str, float] = prev.groupby("project")["allocated_vnd"].sum().to_dict()
        outside = sum(p in registry.OUTSIDE_PARAMS for p in succ.predecessors)
        alloc["DA6"] = alloc.get("DA6", 0) + outside * rng.uniform(10e6, 20e6)
        alloc["DA7.TDA1"] = rng.uniform(45e6, 80e6)
        alloc["DA7.TDA2"] = rng.uniform(30e6, 55e6)
        for project in sorted(alloc):
            a = _round_k(alloc[project] * (rng.uniform(0.9, 1.15) if project[:3] != "DA7" else 1))
            if project == "DA7.TDA1":
                people = int(rng.integers(45, 95))
                cost = _round_k(a * rng.uniform(0.7, 0.95))
                title = (
                    "Hội nghị tập huấn nâng cao năng lực thực hiện Chương trình MTQG giảm nghèo"
                    " bền vững năm 2025"
                )
                trows.append(
                    training_event(year, date(7, 9), succ.name, project, title, people, cost)
                )
                d = cost
            elif project == "DA7.TDA2":
                people = int(rng.integers(35, 70))
                cost = _round_k(a * rng.uniform(0.55, 0.8))
                title = "Lớp tập huấn nghiệp vụ rà soát hộ nghèo, hộ cận nghèo năm 2025"
                trows.append(
                    training_event(year, date(8, 9), succ.name, project, title, people, cost)
                )
                d = min(a, cost + _round_k(a * rng.uniform(0.05, 0.15)))
            else:
                d = min(a, _round_k(a * rng.uniform(0.5, 0.97)))
                if project in ("DA4", "DA6") and rng.random() < 0.5:
                    title, people = commune_event(rng, project)
                    cost = _round_k(d * rng.uniform(0.4, 0.9))
                    trows.append(
                        training_event(year, date(7, 12), succ.name, project, title, people, cost)
                    )
            brows.append(
                {
                    "year": year,
                    "commune": succ.name,
                    "project": project,
                    "activity": ACTIVITY_2025[project],
                    "allocated_vnd": a,
                    "disbursed_vnd": d,
                    "source": registry.SOURCE,
                }
            )
    return pd.DataFrame(brows), trainings_table(trows, [s.name for s in succs])


def trainings_table(events: list[dict[str, Any]], names: list[str]) -> pd.DataFrame:
    """The trainings table of ``events``: by year, district first then the units in the order
    of ``names``, date and title; with the source column."""
    t = pd.DataFrame(events).assign(source=registry.SOURCE)
    return registry.in_unit_order(t, names, ["year", "_o", "date", "title"])


def commune_event(rng: np.random.Generator, project: str) -> tuple[str, int]:
    """The title and participants of a commune's event paid from a DA6 line (a conference
    on the poverty policies, 35–89 people) or a DA4 line (a vocational course, 18–34)."""
    if project == "DA6":
        return "Hội nghị tuyên truyền chính sách giảm nghèo tại xã", int(rng.integers(35, 90))
    return "Lớp đào tạo nghề ngắn hạn cho lao động nghèo", int(rng.integers(18, 35))


def training_event(
    year: int, date: str, commune: str, project: str, title: str, people: int, cost: int
) -> dict[str, Any]:
    """One row of the trainings table (without its source column)."""
    return {
        "year": year,
        "date": date,
        "commune": commune,
        "project": project,
        "title": title,
        "participants": people,
        "cost_vnd": cost,
    }
