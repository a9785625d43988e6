"""Any commune, any province (issue 16): units come from the national registry
(vietnamadminunits, read by reportkit.data.registry) and the raw folder's units table and
area, never from the package.

Hand-worked cases:
- the demo's 2025–2026 data under six names no registry knows, declared by a units table
  alone, gives the very figures of the six successor communes;
- any of Lâm Đồng's 124 communes, by name or by code, with no units table;
- Hòa Thắng (23053, huyện Bắc Bình) was split in 2025 between Hồng Thái (23041) and the
  new Hòa Thắng (23053): its households follow the villages the units table assigns.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from rawfiles import hh_row, write_csv

from reportkit.core.errors import InputError
from reportkit.data import registry
from reportkit.data.crosswalk import in_units_of
from reportkit.data.prepare import load, prepare
from reportkit.data.registry.national import national
from reportkit.figures.indicators import coverage, household_figures
from reportkit.report import open_report

DEMO = Path(__file__).resolve().parents[1] / "data" / "raw"
SIX = ["Hàm Thuận Nam", "Hàm Thạnh", "Hàm Kiệm", "Tân Thành", "Tân Lập", "Tuyên Quang"]
FICTIONAL = ["Mây Ngàn", "Suối Bạc", "Đồi Thông", "Bến Gỗ", "Cát Vàng", "Núi Sương"]


def _cleaned_2025_2026(demo_raw: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The demo's households and population of 2025–2026, as prepared (canonical names):
    the run's shared prepared copy (``demo_raw``)."""
    data = load(demo_raw, demo_raw.parent / "processed")
    hh = data.households.loc[data.households["year"] >= 2025]
    hh = hh.drop(columns=["_file", "_row", "deprivations", "standard", "rule_status", "source"])
    pop = data["population"]
    pop = pop.loc[pop["year"] >= 2025, ["year", "commune", "households"]]
    return hh.reset_index(drop=True), pop.reset_index(drop=True)


def _write(raw: Path, hh: pd.DataFrame, pop: pd.DataFrame) -> None:
    raw.mkdir(parents=True)
    hh.astype(object).where(hh.notna(), "").to_csv(raw / "households.csv", index=False)
    pop.to_csv(raw / "population.csv", index=False)


def test_an_area_declared_only_by_a_units_table_gives_the_demos_figures(
    demo_raw: Path, tmp_path: Path
) -> None:
    hh, pop = _cleaned_2025_2026(demo_raw)
    demo = tmp_path / "demo" / "raw"
    _write(demo, hh, pop)
    write_csv(demo / "settings.csv", [{"year": 2025, "commune": "", "area": "tỉnh Lâm Đồng"}])
    rename = dict(zip(SIX, FICTIONAL, strict=True))
    own = tmp_path / "own" / "raw"
    hh_own = hh.assign(commune=hh["commune"].map(rename))
    _write(own, hh_own, pop.assign(commune=pop["commune"].map(rename)))
    units = [
        {"unit": n, "kind": "xã", "parent": "Tỉnh Sông Mây", "valid_from": 2025, "urban": 0}
        for n in FICTIONAL
    ]
    write_csv(own / "units.csv", units)  # no settings: the units table names the area
    a, b = prepare(demo), prepare(own)
    assert b.registry.areas[0].label == "tỉnh Sông Mây"
    figures = {}
    for name, data in (("a", a), ("b", b)):
        with registry.using(data.registry):  # figures ask the units of their data's folder
            figures[name] = {y: household_figures(data, y) for y in (2025, 2026)}
            figures[name]["coverage"] = coverage(data, 2026)
    assert figures["a"]["coverage"] == (6, 124) and figures["b"]["coverage"] == (6, 6)
    cols = ["households", "reviewed", "poor", "near_poor", "average", "poor_rate", "near_poor_rate"]
    transitions = ["poor_start", "escaped", "removed", "fell_back", "new_poor"]
    for year in (2025, 2026):
        fa = figures["a"][year].assign(commune=lambda f: f["commune"].map(rename))
        fb = figures["b"][year]
        assert fb["commune"].tolist() == [*FICTIONAL, None]  # the units table's order
        order = [*FICTIONAL, "(area)"]
        fa = fa.fillna({"commune": "(area)"}).set_index("commune").loc[order]
        fb = fb.fillna({"commune": "(area)"}).set_index("commune").loc[order]
        assert fa[cols].equals(fb[cols]), year
    assert fa[transitions].equals(fb[transitions])  # 2026: from 2025's lists alike
    # the area total is the sum of its units
    f = figures["b"][2026]
    assert int(f.iloc[-1]["poor"]) == int(f.iloc[:-1]["poor"].sum())
    assert int(f.iloc[-1]["households"]) == int(f.iloc[:-1]["households"].sum())


def _lam_dong(tmp_path: Path, rows: list[dict], pop: list[dict]) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    write_csv(raw / "settings.csv", [{"year": 2025, "commune": "", "area": "Lâm Đồng"}])
    write_csv(raw / "households.csv", rows)
    write_csv(raw / "population.csv", pop)
    return raw


def test_any_lam_dong_commune_is_accepted_by_name_and_by_code(tmp_path: Path) -> None:
    rows = [
        hh_row("B1", commune="Xã Bắc Gia Nghĩa", year=2025),
        hh_row("L1", commune="23095", year=2025),  # Hàm Liêm's official code
    ]
    pop = [
        {"year": 2025, "commune": "Bắc Gia Nghĩa", "households": 900},
        {"year": 2025, "commune": "Hàm Liêm", "households": 700},
    ]
    data = prepare(_lam_dong(tmp_path, rows, pop))
    assert data.households["commune"].tolist() == ["Bắc Gia Nghĩa", "Hàm Liêm"]
    assert data.validation.loc[data.validation["severity"] == "error"].empty
    assert coverage(data, 2025) == (2, 124)
    r = open_report("23095", 2025, tmp_path / "raw")
    assert (r.unit.name, r.unit.codes, r.area.label) == ("Hàm Liêm", ("23095",), "tỉnh Lâm Đồng")


def test_a_name_twice_in_the_area_needs_its_code(tmp_path: Path) -> None:
    # Before the reform, huyện Bắc Bình and thị xã La Gi each had a xã Bình Tân.
    raw = tmp_path / "raw"
    raw.mkdir()
    write_csv(raw / "settings.csv", [{"year": 2024, "commune": "", "area": "tỉnh Bình Thuận"}])
    rows = [hh_row("A", commune="Bình Tân", year=2024), hh_row("B", commune="23237", year=2024)]
    write_csv(raw / "households.csv", rows)
    pop = [{"year": 2024, "commune": "Bình Tân (23237)", "households": 9}]
    write_csv(raw / "population.csv", pop)
    data = prepare(raw, strict=False)
    assert data.households["commune"].tolist() == ["Bình Tân (23237)"]
    bad = data.validation.loc[data.validation["check"] == "bad_unit"]
    assert bad[["row", "value", "message"]].values.tolist() == [
        [
            2,
            "Bình Tân",
            "commune: a name 2 units share (23047, huyện Bắc Bình; 23237, thị xã La Gi): "
            "write its code; row left out of the figures",
        ]
    ]


def _split_folder(tmp_path: Path, villages: bool) -> Path:
    raw = tmp_path / ("with" if villages else "without") / "raw"
    raw.mkdir(parents=True)
    write_csv(
        raw / "settings.csv",
        [
            {"year": 2024, "commune": "", "area": "huyện Bắc Bình, tỉnh Bình Thuận"},
            {"year": 2025, "commune": "", "area": "tỉnh Lâm Đồng"},
        ],
    )
    rows = [
        hh_row("H1", commune="Hòa Thắng", year=2024, village="Thôn 1"),
        hh_row("H2", commune="Hòa Thắng", year=2024, village="Thôn 2"),
        hh_row("H1", commune="Hồng Thái", year=2025, village="Thôn 1"),
        hh_row("H2", commune="Hòa Thắng", year=2025, village="Thôn 2"),
    ]
    write_csv(raw / "households.csv", rows)
    pop = [
        {"year": 2024, "commune": "Hòa Thắng", "households": 500},
        {"year": 2025, "commune": "Hồng Thái", "households": 800},
        {"year": 2025, "commune": "Hòa Thắng", "households": 600},
    ]
    write_csv(raw / "population.csv", pop)
    if villages:
        write_csv(
            raw / "units.csv",
            [
                {"unit": "Hồng Thái", "code": "23041", "valid_from": 2025, "villages": "Thôn 1"},
                {"unit": "Hòa Thắng", "code": "23053", "valid_from": 2025, "villages": "Thôn 2"},
            ],
        )
    return raw


def test_a_split_unit_follows_the_villages_of_the_units_table(tmp_path: Path) -> None:
    assert national().successors["23053"] == ("23041", "23053")  # the registry's split
    data = prepare(_split_folder(tmp_path, villages=True))
    assert data.validation.loc[data.validation["check"] == "split_unit"].empty
    moved = in_units_of(data.households, 2025)
    assert moved.loc[moved["year"] == 2024, ["household_id", "commune"]].values.tolist() == [
        ["H1", "Hồng Thái"],
        ["H2", "Hòa Thắng"],
    ]


def test_a_split_unit_without_villages_is_an_error_naming_it_and_its_successors(
    tmp_path: Path,
) -> None:
    data = prepare(_split_folder(tmp_path, villages=False))
    bad = data.validation.loc[data.validation["check"] == "split_unit"]
    assert bad[["table", "severity", "commune", "year", "message"]].values.tolist() == [
        [
            "households",
            "error",
            "Hòa Thắng",
            2024,
            "Hòa Thắng (huyện Bắc Bình) was split between Hòa Thắng, Hồng Thái from 2025; the "
            "units table (column villages) assigns none of its villages Thôn 1, Thôn 2 to one "
            "of them: their households are left out of the series of Hòa Thắng, Hồng Thái",
        ]
    ]
    moved = in_units_of(data.households, 2025)
    assert moved.loc[moved["year"] == 2024, "commune"].tolist() == ["Hòa Thắng", "Hòa Thắng"]


def test_a_units_table_row_that_contradicts_the_registry_is_a_warning(tmp_path: Path) -> None:
    raw = _lam_dong(
        tmp_path,
        [hh_row("B1", commune="Bắc Gia Nghĩa", year=2025)],
        [{"year": 2025, "commune": "Bắc Gia Nghĩa", "households": 900}],
    )
    write_csv(raw / "units.csv", [{"unit": "Bắc Gia Nghĩa", "code": "", "kind": "xã", "urban": 0}])
    data = prepare(raw)
    warned = data.validation.loc[data.validation["table"] == "units"]
    assert warned[["row", "column", "value", "severity", "check", "message"]].values.tolist() == [
        [
            2,
            "kind",
            "xã",
            "warning",
            "registry_kind",
            "kind: the national registry has phường Bắc Gia Nghĩa (24611); the table's kind xã "
            "is used",
        ]
    ]
    assert open_report("Bắc Gia Nghĩa", 2025, raw).unit.kind == "xã"  # the table wins


def test_a_folder_naming_no_area_is_one_clear_error(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    write_csv(raw / "households.csv", [hh_row("H1")])
    with pytest.raises(InputError, match=r"no area named: add a column 'area' \(Địa bàn\)"):
        prepare(raw)


def test_the_area_may_be_named_by_option_and_is_kept_with_the_processed_copy(
    tmp_path: Path, capsys
) -> None:
    from reportkit.cli import main
    from reportkit.data.prepare import load

    raw = _lam_dong(
        tmp_path,
        [hh_row("B1", commune="Bắc Gia Nghĩa", year=2025)],
        [{"year": 2025, "commune": "Bắc Gia Nghĩa", "households": 900}],
    )
    (raw / "settings.csv").unlink()  # no area in the data
    assert main(["prepare", "--raw", str(raw)]) == 2
    assert "no area named" in capsys.readouterr().err
    assert main(["prepare", "--raw", str(raw), "--area", "68"]) == 0
    assert f"wrote {tmp_path / 'processed'}/" in capsys.readouterr().out
    data = load(raw, tmp_path / "processed")  # the copy remembers --area 68
    assert (data.registry.areas[-1].label, data.households["commune"].tolist()) == (
        "tỉnh Lâm Đồng",
        ["Bắc Gia Nghĩa"],
    )


def test_the_national_registry_holds_the_facts_it_was_chosen_for() -> None:
    # docs/registry-choice.md: an upgrade of vietnamadminunits that changes these fails here.
    n = national()
    assert (len(n.legacy), len(n.new)) == (10_035, 3_321)
    assert sum(p.province.code == "68" for p in n.new.values()) == 124
    old = sorted((p.code, p.kind, p.name) for p in n.legacy.values() if p.district.code == "598")
    assert old[:2] == [("23110", "thị trấn", "Thuận Nam"), ("23113", "xã", "Mỹ Thạnh")]
    assert len(old) == 13 and all(k == "xã" for _, k, _ in old[1:])
    # Resolution 1671/NQ-UBTVQH15, Article 1, clauses 58–63: whole moves, no split.
    assert {
        c: n.predecessors[c] for c in ("22963", "23110", "23122", "23128", "23134", "23143")
    } == {
        "22963": ("22963", "23131"),
        "23110": ("23110", "23137"),
        "23122": ("23113", "23116", "23122"),
        "23128": ("23119", "23125", "23128"),
        "23134": ("23134", "23239"),
        "23143": ("23140", "23143", "23146"),
    }
    assert sum(len(v) > 1 for v in n.successors.values()) == 471  # split old communes


def test_the_index_names_the_areas_total_by_its_kind() -> None:
    from reportkit.run.index import _area_total

    # the demo's units (tests/conftest.py): the district up to 2024, the province since
    assert (_area_total(2024), _area_total(2025)) == (
        "Toàn huyện (district)",
        "Toàn tỉnh (province)",
    )


def test_the_area_report_names_the_kinds_of_the_units_it_compares() -> None:
    # Up to 2024 a district of xã and a thị trấn; in 2025 the province's six communes, all xã.
    district, province = open_report(None, 2023, DEMO), open_report(None, 2025, DEMO)
    assert district.t("units_heading", year=2023) == "Tỷ lệ hộ nghèo các xã, thị trấn năm 2023"
    assert province.t("units_heading", year=2025) == "Tỷ lệ hộ nghèo các xã năm 2025"
    assert province.t("units_n", n="6") == "Các xã (6 đơn vị)"


def test_the_province_reports_earlier_years_as_the_sum_of_its_communes_former_units() -> None:
    # 2021–2024 in the 2025 province report: its six communes' 15 former units, starred.
    from reportkit.report.situation import _lineage_note, _year_label

    province = open_report(None, 2025, DEMO)
    assert [_year_label(province, y) for y in (2023, 2024, 2025)] == ["2023*", "2024*", "2025"]
    assert [n.runs[0].text for n in _lineage_note(province, [2021, 2024])] == [
        "(*) Năm 2021–2024: tổng số liệu của 15 đơn vị cấp xã trước sắp xếp, nay thuộc 6 đơn vị "
        "có số liệu của tỉnh Lâm Đồng từ năm 2025; không phải số liệu toàn tỉnh."
    ]
    district = open_report(None, 2024, DEMO)  # its own area every year: nothing starred
    assert [_year_label(district, y) for y in (2021, 2024)] == ["2021", "2024"]
