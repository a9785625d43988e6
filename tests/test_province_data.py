"""The province generator (scripts/province_data/): a small province's tables, their columns
against the demo's, the review lists' share, the panel, determinism, fictional names and
codes, and the command line's refusals."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "raw"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.demo_data.checks import transitions  # noqa: E402
from scripts.province_data.__main__ import main  # noqa: E402
from scripts.province_data.units import (  # noqa: E402
    MAX_COMMUNES,
    PROVINCE,
    all_names,
    fold,
    make_communes,
)
from scripts.province_data.write import file_names  # noqa: E402

SEED, N = 7, 3  # a small province: three communes, about 2,100 reviewed households a year


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("province") / "raw"
    assert main([str(out), "--communes", str(N), "--seed", str(SEED)]) == 0
    return out


def read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name, dtype=str, keep_default_na=False)


def header(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as f:
        return next(csv.reader(f))


def test_a_small_province_has_these_rows(province) -> None:
    assert sorted(p.name for p in province.iterdir()) == sorted(file_names((2025, 2026)))
    rows = {p.stem: len(read(province, p.name)) for p in province.glob("*.csv")}
    assert rows == {
        "households_2025": 2096,
        "households_2026": 2129,
        "units": 3,
        "settings": 8,  # 3 communes + the province, two years
        "population": 6,
        "budget": 14,
        "trainings": 9,
        "monitoring": 4,
        "targets": 8,
        "commentary": 9,
    }
    units = read(province, "units.csv")
    assert units[["unit", "code", "kind", "urban"]].values.tolist() == [
        ["Chồi Dài", "90001", "phường", "1"],
        ["Gió Tím", "90002", "xã", "0"],
        ["Nắng Thơm", "90003", "xã", "0"],
    ]
    assert set(units["parent"]) == {"Tỉnh Sông Mây"} and set(units["valid_from"]) == {"2025"}
    assert set(units["basis"]) == {"Nghị quyết minh họa (giả lập)"}
    for column in ("valid_to", "predecessors", "villages"):
        assert set(units[column]) == {""}
    pop = read(province, "population.csv")
    assert pop["households"].tolist() == ["4271", "3262", "4348", "4340", "3297", "4381"]


def test_the_tables_have_the_demo_columns_and_say_they_are_synthetic(province) -> None:
    for name in ("households_2025", "households_2026", "population", "budget", "trainings"):
        assert header(province / f"{name}.csv") == header(DEMO / f"{name}.csv"), name
    for name in ("monitoring", "targets", "commentary"):
        assert header(province / f"{name}.csv") == header(DEMO / f"{name}.csv"), name
    # the demo's settings name their area too (column "area"), in another place
    assert sorted(header(province / "settings.csv")) == sorted(
        header(DEMO / "settings_2025-2026.csv")
    )
    expected = "unit,code,kind,parent,valid_from,valid_to,predecessors,urban,villages,basis"
    assert header(province / "units.csv") == [*expected.split(","), "source"]
    for path in province.glob("*.csv"):
        assert set(read(province, path.name)["source"]) == {"synthetic-province"}, path.name
    assert "Đây là dữ liệu minh họa" in (province / "README.md").read_text(encoding="utf-8")


def test_settings_name_the_area_on_every_row(province) -> None:
    settings = read(province, "settings.csv")
    assert set(settings["area"]) == {"Tỉnh Sông Mây"}
    assert settings[["year", "commune"]].values.tolist() == [
        [year, commune]
        for year in ("2025", "2026")
        for commune in ("", "Chồi Dài", "Gió Tím", "Nắng Thơm")
    ]
    assert settings["issuing_body"].tolist()[:2] == [
        "ỦY BAN NHÂN DÂN;TỈNH SÔNG MÂY",
        "ỦY BAN NHÂN DÂN;PHƯỜNG CHỒI DÀI",
    ]


def test_15_to_20_percent_of_the_residents_are_on_the_review_list(province) -> None:
    pop = read(province, "population.csv").astype({"year": int, "households": int})
    resident = pop.set_index(["year", "commune"])["households"]
    for year in (2025, 2026):
        hh = read(province, f"households_{year}.csv")
        commune = hh["Xã"] if year == 2025 else hh["commune"]
        share = commune.value_counts() / resident.loc[year]
        assert share.between(0.15, 0.20).all(), share
        assert round(len(hh) / resident.loc[year].sum(), 4) == {2025: 0.1764, 2026: 0.1772}[year]


def test_the_households_are_a_panel_with_churn(province) -> None:
    y25 = read(province, "households_2025.csv").rename(
        columns={
            "Năm": "year",
            "Mã hộ": "household_id",
            "Kết quả phân loại": "status",
            "Xã": "commune",
        }
    )
    y26 = read(province, "households_2026.csv").rename(columns={"recorded_status": "status"})
    for df in (y25, y26):
        assert df["household_id"].is_unique
        assert df["household_id"].str.fullmatch(r"99-9000[123]-\d{5}").all()
    kept = set(y25["household_id"]) & set(y26["household_id"])
    assert (len(kept), len(y25), len(y26)) == (1752, 2096, 2129)
    words = {"hộ nghèo": "poor", "hộ cận nghèo": "near_poor"}
    both = pd.concat(
        [
            y25.assign(year=2025, status=y25["status"].map(words).fillna("other")),
            y26.assign(year=2026),
        ]
    )
    tr = transitions(both, "status", (2026,)).set_index("commune")  # recorded statuses
    assert tr.loc[:, ["escaped", "new_poor"]].values.tolist() == [[20, 30], [65, 27], [57, 59]]


def test_the_same_seed_gives_the_same_bytes_and_another_seed_other_data(province, tmp_path) -> None:
    again, other = tmp_path / "again", tmp_path / "other"
    assert main([str(again), "--communes", str(N), "--seed", str(SEED)]) == 0
    assert main([str(other), "--communes", str(N), "--seed", str(SEED + 1)]) == 0
    for path in province.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name
    assert (other / "households_2026.csv").read_bytes() != (
        province / "households_2026.csv"
    ).read_bytes()


def test_one_year_and_a_fifth_of_phuong(tmp_path) -> None:
    assert main([str(tmp_path), "--communes", "2", "--years", "2025", "--seed", "1"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(file_names((2025,)))
    kinds = [c.kind for c in make_communes(124, SEED)]
    assert (kinds.count("phường"), kinds.count("xã")) == (25, 99)
    assert kinds == sorted(kinds, key=lambda k: k != "phường")  # phường first, then xã


def test_names_and_codes_exist_nowhere_in_the_national_registry() -> None:
    database = pytest.importorskip("vietnamadminunits.database")
    real: set[str] = set()
    codes: set[str] = set()
    for table, columns in (
        ("admin_units", ("provinceShort", "wardShort")),
        ("admin_units_legacy", ("provinceShort", "districtShort", "wardShort")),
    ):
        for row in database.get_data([*columns, "wardCode"], table=table):
            real |= {fold(row[c]) for c in columns if row[c]}
            codes.add(row["wardCode"])
    names = all_names()
    assert len(names) == MAX_COMMUNES == 660
    assert not {fold(n) for n in [*names, PROVINCE]} & real
    assert not {str(90001 + k) for k in range(MAX_COMMUNES)} & codes


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--years", "2024,2025"], "the generator knows the review years 2025 and 2026"),
        (["--years", "2026"], "the generator knows the review years 2025 and 2026"),
        (["--communes", "0"], "give 1 to 660 communes"),
    ],
)
def test_the_command_line_refuses_what_it_cannot_make(tmp_path, capsys, argv, message) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([str(tmp_path), *argv])
    assert exit_.value.code == 2 and message in capsys.readouterr().err


def test_a_folder_holding_other_files_is_refused(tmp_path, capsys) -> None:
    (tmp_path / "households_2024.csv").write_text("year\n", encoding="utf-8")
    assert main([str(tmp_path), "--communes", "1"]) == 2
    assert "holds files this generator would not write (households_2024.csv)" in (
        capsys.readouterr().err
    )
