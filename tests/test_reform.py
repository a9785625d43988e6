"""The July 2025 reform: units as dated facts, the crosswalk, series through a successor's
lineage, the Decree 351/2025 standard and the former district's area (issue 9).

Hand-worked cases (Resolution 1671/NQ-UBTVQH15, Article 1):
- Hàm Thuận Nam (from 2025) ← Thuận Nam township + Hàm Minh (clause 62);
- Tuyên Quang (from 2025) ← Hàm Mỹ + Tiến Lợi, formerly of Phan Thiết city (clause 58);
- Tân Lập (from 2025) ← Tân Lập + Sông Phan, formerly of Hàm Tân district (clause 63).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import household, make_dataset
from rawfiles import hh_row, write_area, write_csv

from reportkit import domain
from reportkit.cli import main
from reportkit.core.errors import InputError, ReportParameterError
from reportkit.data import registry
from reportkit.data.classify import classify_one, status_differs
from reportkit.data.params import unit_reported_in
from reportkit.data.prepare import prepare
from reportkit.figures import lineage
from reportkit.figures.indicators import coverage, household_figures
from reportkit.run.batch import plan_jobs
from reportkit.run.batch.plan import DataView

DEMO = Path(__file__).resolve().parents[1] / "data" / "raw"
TRANSITIONS = ("poor_start", "escaped", "removed", "fell_back", "new_poor", "poor")


def _row(frame: pd.DataFrame, commune: str | None) -> pd.Series:
    sel = frame["commune"].isna() if commune is None else frame["commune"] == commune
    return frame.loc[sel].iloc[0]


def _counts(row: pd.Series) -> dict[str, object]:
    return {k: (None if pd.isna(row[k]) else int(row[k])) for k in TRANSITIONS}


# --- the registry -----------------------------------------------------------------------


def test_units_reported_by_year() -> None:
    slugs = [u.slug for u in registry.units_in_year(2024)]
    assert slugs[:3] == ["thuan-nam", "ham-can", "ham-cuong"]
    assert len(registry.units_in_year(2024)) == 13
    # from 2025 the area is tỉnh Lâm Đồng: its 124 units, the six of units.csv first
    assert len(registry.units_in_year(2025)) == 124
    assert [u.name for u in registry.units_in_year(2025)][:6] == [
        "Hàm Thuận Nam",
        "Hàm Thạnh",
        "Hàm Kiệm",
        "Tân Thành",
        "Tân Lập",
        "Tuyên Quang",
    ]
    assert registry.units_in_year(2026) == registry.units_in_year(2025)
    # history-only units: the former units outside the district whose land is in Lâm Đồng,
    # accepted in data up to 2024, never reported on
    outside = [u for u in registry.accepted_units(2024) if u.history_only]
    assert len(outside) == 316
    assert {"Sông Phan", "Tiến Lợi"} <= {u.name for u in outside}
    assert registry.accepted_units(2025) == registry.units_in_year(2025)


def test_a_name_valid_in_both_periods_means_the_unit_of_the_year() -> None:
    old, new = registry.unit_in_year("Hàm Thạnh", 2024), registry.unit_in_year("Hàm Thạnh", 2025)
    assert (old.valid_to, old.codes, old.predecessors) == (2024, ("23122",), ())
    assert (new.valid_from, new.codes) == (2025, ("23122",))
    assert new.basis == "Nghị quyết 1671/NQ-UBTVQH15, Điều 1, khoản 59"  # data/raw/units.csv
    assert new.predecessors == ("Mỹ Thạnh", "Hàm Cần", "Hàm Thạnh")
    assert old.key != new.key
    # the old unit's area lies in the new unit of its name
    assert registry.successor_in(old, 2026) == new


def test_lineage_and_successors() -> None:
    tan_lap = registry.unit_in_year("Tân Lập", 2025)
    assert [u.name for u in registry.lineage_in(tan_lap, 2023)] == ["Tân Lập", "Sông Phan"]
    assert registry.lineage_in(tan_lap, 2025) == (tan_lap,)
    minh = registry.unit_in_year("Hàm Minh", 2024)
    assert registry.successor_in(minh, 2026).name == "Hàm Thuận Nam"  # type: ignore[union-attr]
    assert registry.successor_in(minh, 2023) == minh


# --- reading data: the crosswalk ------------------------------------------------------


def _raw(tmp_path: Path, rows: list[dict], population: dict[tuple[int, str], int]) -> Path:
    """A raw folder with the demo's areas and units table, and ``rows``."""
    raw = tmp_path / "raw"
    raw.mkdir()
    write_area(raw)
    shutil.copy(DEMO / "units.csv", raw / "units.csv")
    write_csv(raw / "households.csv", rows)
    write_csv(
        raw / "population.csv",
        [{"year": y, "commune": c, "households": n} for (y, c), n in population.items()],
    )
    return raw


def test_a_former_unit_in_2025_is_mapped_to_its_successor_with_a_warning(tmp_path: Path) -> None:
    rows = [
        hh_row("H1", year=2024, commune="Hàm Minh"),
        hh_row("H1", year=2025, commune="Xã Hàm Minh"),  # typed with the old name
        hh_row("H2", year=2025, commune="Hàm Thuận Nam"),
    ]
    raw = _raw(tmp_path, rows, {(2024, "Hàm Minh"): 100, (2025, "Hàm Thuận Nam"): 100})
    data = prepare(raw, strict=False)
    hh = data.households
    assert hh[["year", "household_id", "commune"]].values.tolist() == [
        [2024, "H1", "Hàm Minh"],
        [2025, "H1", "Hàm Thuận Nam"],
        [2025, "H2", "Hàm Thuận Nam"],
    ]
    moved = data.validation.loc[data.validation["check"] == "unit_moved"]
    assert moved[["file", "row", "severity", "commune", "year", "value"]].values.tolist() == [
        ["households.csv", 3, "warning", "Hàm Thuận Nam", 2025, "Hàm Minh"]
    ]
    assert moved["message"].iloc[0] == (
        "Hàm Minh was a unit until 2024; from 2025 it is part of Hàm Thuận Nam "
        "(Nghị quyết 1671/NQ-UBTVQH15, Điều 1, khoản 62): row counted under Hàm Thuận Nam"
    )


def test_same_name_in_both_periods_is_never_warned_and_unknown_names_stay_errors(
    tmp_path: Path,
) -> None:
    rows = [
        hh_row("H1", year=2024, commune="Hàm Thạnh"),
        hh_row("H1", year=2025, commune="Ham Thanh"),
        hh_row("H2", year=2024, commune="Tuyên Quang"),  # a commune from 2025 only
        hh_row("H3", year=2023, commune="Hàm Thắng"),  # of huyện Hàm Thuận Bắc then
    ]
    pop = {(2024, "Hàm Thạnh"): 100, (2025, "Hàm Thạnh"): 100}
    data = prepare(_raw(tmp_path, rows, pop), strict=False)
    assert data.households[["year", "commune"]].values.tolist() == [
        [2024, "Hàm Thạnh"],
        [2025, "Hàm Thạnh"],
    ]
    v = data.validation.set_index("check")
    assert "unit_moved" not in v.index
    assert v.loc["unit_not_in_year", ["severity", "row", "message"]].tolist() == [
        "error",
        4,
        "Tuyên Quang is not a unit in 2024 (a unit from 2025); row left out of the figures",
    ]
    assert v.loc["bad_unit", ["row", "message"]].tolist() == [
        5,
        "commune: Hàm Thắng was a unit of huyện Hàm Thuận Bắc in 2023, outside the area "
        "(huyện Hàm Thuận Nam), and no unit with data took it in; nearest unit: Hàm Thạnh; "
        "row left out of the figures",
    ]


def test_area_level_rows_are_the_provinces_from_2025_and_errors_without_an_area(
    tmp_path: Path,
) -> None:
    raw = _raw(
        tmp_path,
        [hh_row("H1", year=2025, commune="Hàm Kiệm")],
        {(2025, "Hàm Kiệm"): 100},
    )
    write_csv(
        raw / "targets.csv",
        [
            {"year": 2025, "commune": "", "poverty_rate_target": 1.0},
            {"year": 2025, "commune": "Hàm Kiệm", "poverty_rate_target": 1.2},
        ],
    )
    data = prepare(raw, strict=False)
    targets = data["targets"][["commune", "poverty_rate_target"]].astype(object)
    assert targets.where(targets.notna(), None).values.tolist() == [
        [None, 1.0],  # tỉnh Lâm Đồng's target
        ["Hàm Kiệm", 1.2],
    ]
    # Without an area named for 2025 (the 2021–2024 district only), it is an error.
    write_csv(raw / "settings_area.csv", [{"year": 2024, "commune": "", "area": "598"}])
    data = prepare(raw, strict=False)
    assert data["targets"].empty  # no units either: the 2025 units are those of an area
    v = data.validation.loc[data.validation["table"] == "targets"]
    assert v[["row", "severity", "check"]].values.tolist() == [
        [2, "error", "no_district"],
        [3, "error", "bad_unit"],  # units.csv declares it, outside any area
    ]


# --- transitions through the lineage ----------------------------------------------------


def _merger_panel() -> list[dict[str, object]]:
    """Hàm Thuận Nam's predecessors in 2023–2024 and the commune in 2025:
    A poor in Hàm Minh 2024, near-poor in Hàm Thuận Nam 2025 — escaped;
    B poor in Thuận Nam 2024, poor 2025 — stays poor;
    C poor in Hàm Minh 2023, average 2024, poor 2025 — fell back (through the lineage);
    D poor in Thuận Nam 2024, absent 2025 — removed;
    E never seen before, poor 2025 — new poor;
    F near-poor in Hàm Minh 2024 and 2025 — never poor.
    2025: start 3 (A, B, D); escaped 1; removed 1; fell back 1 (C); new 1 (E); end 3 (B, C, E).
    """
    minh, tt, htn = "Hàm Minh", "Thuận Nam", "Hàm Thuận Nam"
    return [
        household(2023, "C", "poor", commune=minh),
        household(2024, "A", "poor", commune=minh),
        household(2024, "B", "poor", commune=tt),
        household(2024, "C", "average", commune=minh, income=1_800_000),
        household(2024, "D", "poor", commune=tt),
        household(2024, "F", "near_poor", commune=minh, deprivations=1),
        household(2025, "A", "near_poor", commune=htn, deprivations=1),
        household(2025, "B", "poor", commune=htn),
        household(2025, "C", "poor", commune=htn),
        household(2025, "E", "poor", commune=htn),
        household(2025, "F", "near_poor", commune=htn, deprivations=1),
    ]


def test_first_year_transitions_follow_households_through_the_predecessors() -> None:
    pop = {(2024, "Hàm Minh"): 300, (2024, "Thuận Nam"): 200, (2025, "Hàm Thuận Nam"): 500}
    data = make_dataset(_merger_panel(), pop)
    r = _row(household_figures(data, 2025), "Hàm Thuận Nam")
    assert _counts(r) == {
        "poor_start": 3,
        "escaped": 1,
        "removed": 1,
        "fell_back": 1,
        "new_poor": 1,
        "poor": 3,
    }
    assert (r["predecessors"], r["incomplete"], r["poor_rate"]) == ("Thuận Nam;Hàm Minh", None, 0.6)


def test_a_missing_predecessor_list_flags_the_transitions_incomplete() -> None:
    # Tuyên Quang ← Hàm Mỹ + Tiến Lợi: Tiến Lợi's 2024 list was not supplied.
    rows = [
        household(2024, "M1", "poor", commune="Hàm Mỹ"),
        household(2025, "M1", "poor", commune="Tuyên Quang"),
        household(2025, "T1", "poor", commune="Tuyên Quang"),  # from Tiến Lợi: not new
    ]
    data = make_dataset(rows, {(2024, "Hàm Mỹ"): 100, (2025, "Tuyên Quang"): 200})
    r = _row(household_figures(data, 2025), "Tuyên Quang")
    assert r["incomplete"] == "Tiến Lợi 2024"
    assert _counts(r) == {
        "poor_start": None,
        "escaped": None,
        "removed": None,
        "fell_back": None,
        "new_poor": None,  # never counted as new poor
        "poor": 2,
    }


def test_summary_json_carries_the_unit_of_the_year_predecessors_and_flags(
    tmp_path: Path, capsys
) -> None:
    rows = [
        hh_row("M1", year=2024, commune="Hàm Mỹ", status="poor"),
        hh_row("M1", year=2025, commune="Tuyên Quang", status="poor"),
    ]
    raw = _raw(tmp_path, rows, {(2024, "Hàm Mỹ"): 100, (2025, "Tuyên Quang"): 200})
    assert main(["summary", "--year", "2025", "--raw", str(raw)]) == 0
    out = json.loads(capsys.readouterr().out)
    # the units of the area with data (1 of Lâm Đồng's 124), then the area's total
    assert [r["commune"] for r in out] == ["Tuyên Quang", None]
    tq = out[0]
    assert (tq["predecessors"], tq["incomplete"], tq["new_poor"]) == (
        "Hàm Mỹ;Tiến Lợi",
        "Tiến Lợi 2024",
        None,
    )
    assert (out[1]["poor"], out[1]["households"]) == (tq["poor"], tq["households"]) == (1, 200)


# --- the standard of 2026 -------------------------------------------------------------


@pytest.mark.parametrize(
    ("income", "deprivations", "area", "expected"),
    [
        (2_200_000, 3, "rural", "poor"),  # at the line: still under it
        (2_200_000, 2, "rural", "near_poor"),
        (2_200_001, 5, "rural", "above_line"),
        (2_800_000, 3, "urban", "poor"),
        (2_800_000, 0, "urban", "near_poor"),
        (2_800_000, 3, "rural", "above_line"),
        (2_800_001, 4, "urban", "above_line"),
    ],
)
def test_decree_351_lines_for_the_2026_review(income, deprivations, area, expected) -> None:
    assert classify_one(income, deprivations, area, 2026) == expected


def test_the_2025_review_still_uses_the_2022_2025_lines() -> None:
    assert domain.standard_for_year(2025).legal_basis == "Nghị định 07/2021/NĐ-CP"
    assert classify_one(1_600_000, 4, "rural", 2025) == "average"
    assert classify_one(2_200_000, 4, "rural", 2025) == "average"  # band up to 2,250,000
    assert classify_one(2_250_001, 4, "rural", 2025) == "none"
    assert domain.standard_for_year(2026).legal_basis == "Nghị định 351/2025/NĐ-CP"
    assert domain.standard_for_year(2026).unverified == ("indicators", "average_band")


def test_mismatches_without_an_average_band_compare_poor_near_poor_above() -> None:
    recorded = pd.Series(["average", "none", "near_poor", "average", "poor"])
    rule = pd.Series(["above_line", "above_line", "above_line", "near_poor", "poor"])
    assert status_differs(recorded, rule).tolist() == [False, False, True, True, False]


def test_recorded_average_households_are_reported_as_recorded() -> None:
    rows = [
        household(2026, "A", "average", commune="Hàm Kiệm", income=2_800_000, deprivations=0),
        household(2026, "B", "none", commune="Hàm Kiệm", income=5_000_000, deprivations=0),
        household(2026, "C", "near_poor", commune="Hàm Kiệm", income=2_200_000, deprivations=1),
    ]
    data = make_dataset(rows, {(2026, "Hàm Kiệm"): 50})
    r = _row(household_figures(data, 2026), "Hàm Kiệm")
    assert (r["average"], r["near_poor"], r["status_mismatches"]) == (1, 1, 0)


# --- the former district and the outside units --------------------------------------


def test_outside_units_are_never_in_the_former_districts_totals() -> None:
    rows = [
        household(2023, "T1", "poor", commune="Tân Lập"),
        household(2023, "S1", "poor", commune="Sông Phan"),
        household(2023, "S2", "poor", commune="Sông Phan"),
    ]
    pop = {(2023, "Tân Lập"): 100, (2023, "Sông Phan"): 80}
    data = make_dataset(rows, pop)
    f = household_figures(data, 2023)
    assert "Sông Phan" not in set(f["commune"])
    total = _row(f, None)
    # the other 12 units sent no data: the total covers Tân Lập alone (coverage 1 of 13),
    # never Sông Phan
    assert (total["poor"], total["households"], total["missing_units"]) == (1, 100, None)
    assert coverage(data, 2023) == (1, 13)
    # Tân Lập's series from 2025 includes Sông Phan: 2023 = 1 + 2 poor of 100 + 80 households
    tan_lap = registry.unit_in_year("Tân Lập", 2025)
    r = lineage.unit_row(data, tan_lap, 2023)
    assert (r["poor"], r["households"], r["poor_rate"], r["predecessors"]) == (
        3,
        180,
        1.67,
        "Tân Lập;Sông Phan",
    )


def test_former_district_area_by_year_marks_the_outside_areas() -> None:
    rows = [
        household(2024, f"H{i}", "poor", commune=u.name)
        for i, u in enumerate(registry.units_in_year(2024))
    ]
    rows += [household(2024, "S1", "poor", commune="Sông Phan")]
    six = registry.units_in_year(2025)[:6]  # the district's successors (data/raw/units.csv)
    rows += [household(2025, f"N{i}", "poor", commune=u.name) for i, u in enumerate(six)]
    pop = {(2024, u.name): 100 for u in registry.units_in_year(2024)}
    pop |= {(2024, "Sông Phan"): 100}
    pop |= {(2025, u.name): 300 for u in six}
    f = lineage.former_district(make_dataset(rows, pop))
    assert f[["year", "households", "poor", "poor_rate"]].values.tolist() == [
        [2024, 1300, 13, 1.0],  # the 13 units; Sông Phan's 100 households left out
        [2025, 1800, 6, 0.33],
    ]
    assert f["outside"].tolist() == [
        None,
        "Sông Phan (huyện Hàm Tân);Tiến Lợi (thành phố Phan Thiết)",
    ]


# --- reports and batch ------------------------------------------------------------------


def test_batch_plans_14_reports_to_2024_and_7_from_2025(demo_raw: Path) -> None:
    years = list(range(2021, 2027))
    jobs = plan_jobs(years, years, view=DataView(demo_raw, demo_raw.parent / "processed"))
    per_year = {y: [j.slug for j in jobs if j.year == y] for y in years}
    assert [len(per_year[y]) for y in years] == [14, 14, 14, 14, 7, 7]
    assert per_year[2024][-1] == "ham-thuan-nam"  # the district
    assert per_year[2025] == [
        "ham-thuan-nam",  # the commune, not the former district
        "ham-thanh",
        "ham-kiem",
        "tan-thanh",
        "tan-lap",
        "tuyen-quang",
        "lam-dong",  # the province: its units with data (6 of 124)
    ]
    assert all(len(set(s)) == len(s) for s in per_year.values())
    assert [j.commune for j in jobs if j.year == 2025][0] == "Hàm Thuận Nam"


def test_communes_chosen_by_name_are_dated_per_year() -> None:
    jobs = plan_jobs([2024, 2025], [2024, 2025], ["Hàm Thạnh", "Hàm Cần"])
    assert [(j.year, j.commune) for j in jobs] == [
        (2024, "Hàm Cần"),
        (2024, "Hàm Thạnh"),
        (2025, "Hàm Thạnh"),
    ]


def test_the_area_is_chosen_by_its_label_for_the_years_it_is_the_area() -> None:
    jobs = plan_jobs([2024, 2025], [2024, 2025], ["Hàm Thạnh"], areas=("huyện Hàm Thuận Nam",))
    assert [(j.year, j.commune, j.name) for j in jobs] == [
        (2024, "Hàm Thạnh", "ham-thanh"),
        (2024, None, "ham-thuan-nam"),
        (2025, "Hàm Thạnh", "ham-thanh"),
    ]
    with pytest.raises(InputError) as caught:
        plan_jobs([2024, 2025], [2025], [], areas=("huyện Hàm Thuận Nam",))
    assert str(caught.value) == (
        "--communes: huyện Hàm Thuận Nam is not reported on in 2025 "
        "(units change with the July 2025 reform: render the units of each year)"
    )


@pytest.mark.parametrize(
    ("name", "year", "message"),
    [
        (
            "Hàm Minh",
            2026,
            "commune: Hàm Minh was a unit until 2024; from 2025 it is part of Hàm Thuận Nam: "
            "render Hàm Thuận Nam for 2026",
        ),
        (
            "Tuyên Quang",
            2023,
            "commune: Tuyên Quang is a unit from 2025; for 2023 render one of the units of "
            "that year: Thuận Nam, Hàm Cần, Hàm Cường, Hàm Kiệm, Hàm Minh, Hàm Mỹ, Hàm Thạnh, "
            "Mương Mán, Mỹ Thạnh, Tân Lập, Tân Thành, Tân Thuận, Thuận Quý",
        ),
        (
            "Sông Phan",
            2023,
            "commune: Sông Phan (huyện Hàm Tân) is outside the area and not reported on: its "
            "rows count in the series of Tân Lập from 2025",
        ),
    ],
)
def test_report_parameters_name_what_to_render_instead(name, year, message) -> None:
    with pytest.raises(ReportParameterError) as exc:
        unit_reported_in(name, year)
    assert str(exc.value) == message


def test_a_2026_commune_report_names_its_standard_and_runs_on_its_lineage() -> None:
    from reportkit.report import open_report
    from reportkit.report.document import plain_text

    r = open_report("Hàm Thạnh", 2026, DEMO)
    text = plain_text(r.situation())
    assert (
        "Kết quả rà soát năm 2026 áp dụng chuẩn nghèo đa chiều giai đoạn 2026-2030 theo Nghị "
        "định 351/2025/NĐ-CP và hướng dẫn hiện hành. Chuẩn nghèo về thu nhập áp dụng: khu vực"
        " nông thôn 2.200.000 đồng/người/tháng."
    ) in text
    # What of Decree 351 is unverified is an internal note, never page 1 of the signed text.
    assert "chưa được kiểm chứng" not in text and "cấu hình" not in text
    assert any("Danh mục chỉ số" in n for n in r.internal_notes)
    # 2024 = Mỹ Thạnh 55 + Hàm Cần 46 + Hàm Thạnh 30 poor of 1,535 + 1,694 + 2,015 households
    assert "2024* | 5.244 | 907 | 131 | 2,50 |" in text
    assert "2025 | 5.293 | 750 | 110 | 2,08 |" in text
    assert (
        "(*) Năm 2021–2024: tổng số liệu của các đơn vị hợp thành xã từ năm 2025 (Mỹ Thạnh, "
        "Hàm Cần, Hàm Thạnh; Nghị quyết 1671/NQ-UBTVQH15, Điều 1, khoản 59)."
    ) in text
    svg = str(next(f for f in r.situation().blocks[0].children if type(f).__name__ == "Figure"))
    assert "Sắp xếp đơn vị hành chính (01/7/2025)" in svg
    assert "Chuẩn nghèo mới (Nghị định 351/2025/NĐ-CP)" in svg


def test_the_merged_townships_line_is_said_to_be_unverified() -> None:
    from reportkit.report import open_report
    from reportkit.report.document import plain_text

    r = open_report("Hàm Thuận Nam", 2025, DEMO)
    text = plain_text(r.situation())
    assert "Nghị định 07/2021/NĐ-CP và hướng dẫn hiện hành." in text
    assert "chưa được kiểm chứng" not in text
    assert r.internal_notes == [
        "Khu vực (thành thị hay nông thôn) áp dụng cho các hộ của đơn vị sau khi sắp xếp đơn "
        "vị hành chính (đơn vị được hợp thành từ Thuận Nam, Hàm Minh) chưa được kiểm chứng; "
        "báo cáo áp dụng chuẩn khu vực nông thôn cho toàn đơn vị (danh mục đơn vị, cột Thành "
        "thị)."
    ]
    assert r.internal_notes[0] in plain_text(r.technical())
