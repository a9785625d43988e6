"""The demo data generator (scripts/demo_data/): its parts on tiny hand-worked inputs, and the
whole of it reproducing the committed data/raw/ byte for byte."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
if str(ROOT / "scripts") not in sys.path:
    sys.path.insert(0, str(ROOT / "scripts"))

from demo_data.__main__ import main  # noqa: E402
from demo_data.commentary import make_reform_commentary, report_commentary  # noqa: E402
from demo_data.messiness import (  # noqa: E402
    INDICATORS_VI,
    OLD_NAMES_2025,
    STATUS_VI,
    add_recording_errors,
    household_vi_record,
    households_vi_headers,
    tick,
    type_former_names,
)
from demo_data.names import EM_SURNAMES, SURNAMES, head_name  # noqa: E402
from demo_data.panel import UnitSimulator  # noqa: E402
from demo_data.programme import commune_event  # noqa: E402
from demo_data.registry import (  # noqa: E402
    DOMAIN_TOML,
    UnitInfo,
    UnitParams,
    agrees,
    in_unit_order,
    load_domain,
    registry,
    registry_status,
    rule_status,
    successor_unit,
    successors,
)
from demo_data.write import write_csv  # noqa: E402

IND = [i["column"] for i in load_domain()["indicators"]]
SOURCE = "synthetic-demo"
RURAL = UnitInfo("Hàm Thạnh", "xã", "rural", "ham-thanh", 1_500_000, 2_250_000)


@pytest.fixture(scope="module")
def domain() -> dict:
    return load_domain()


def test_the_generator_reads_the_registry_of_this_checkout(domain) -> None:
    assert DOMAIN_TOML == ROOT / "src" / "reportkit" / "domain.toml"
    assert len(IND) == 12 and IND[0] == "d01_employment" and IND[4].startswith("d05_")


# --- the deliberate messiness ---------------------------------------------------------------


def test_status_words_are_the_ones_a_commune_writes() -> None:
    assert STATUS_VI == {
        "poor": "hộ nghèo",
        "near_poor": "hộ cận nghèo",
        "average": "hộ có mức sống trung bình",
        "none": "không",
    }


def test_a_flag_is_ticked_x_or_left_blank() -> None:
    assert tick(1) == "x"
    assert tick(np.int64(1)) == "x"
    assert tick(0) is None


def test_vietnamese_headers_of_a_commune_list() -> None:
    headers = households_vi_headers()
    assert len(headers) == 7 + 12 + 6
    first = "Năm|Mã hộ|Xã|Thôn|Họ tên chủ hộ|Số nhân khẩu|Thu nhập bình quân đầu người"
    assert headers[:7] == first.split("|")
    assert headers[7] == "Việc làm" and headers[18] == "Phương tiện tiếp cận thông tin"
    assert headers[7:19] == list(INDICATORS_VI)
    last = "Kết quả phân loại|Điểm B|Dân tộc thiểu số|Nông lâm ngư diêm nghiệp|"
    assert headers[19:] == [*(last + "Không có khả năng lao động").split("|"), "source"]
    first_line = (RAW / "households_2025.csv").read_text(encoding="utf-8").split("\n", 1)[0]
    assert first_line == ",".join(headers)


def test_a_household_as_a_commune_writes_it() -> None:
    d = {
        "year": 2025,
        "household_id": "598-HMI-00001",
        "village": "Thôn 3 (Hàm Minh)",
        "head_name": "Nguyễn Văn An",
        "members": np.int64(4),
        "income_per_capita": 1_200_000,
        "recorded_status": "near_poor",
        "score_b": 20,
        "ethnic_minority": 1,
        "agri_sector": 0,
        "no_labour": 0,
    } | {c: int(c in (IND[0], IND[4])) for c in IND}
    record = household_vi_record(d, IND, "Hàm Minh")
    x, blank = "x", None
    assert record == [
        2025,
        "598-HMI-00001",
        "Hàm Minh",
        "Thôn 3 (Hàm Minh)",
        "Nguyễn Văn An",
        4,
        1_200_000,
        x,
        blank,
        blank,
        blank,
        x,
        *[blank] * 7,
        "hộ cận nghèo",
        20,
        x,
        blank,
        blank,
        SOURCE,
    ]
    assert type(record[5]) is int


def test_prefixed_names_of_an_older_office() -> None:
    township = UnitInfo("Thuận Nam", "thị trấn", "urban", "thuan-nam", 2_000_000, 3_000_000)
    assert township.prefixed == "Thị trấn Thuận Nam"
    assert RURAL.prefixed == "Xã Hàm Thạnh"


def test_former_names_typed_in_one_village_of_each_former_unit() -> None:
    rows = []
    for year in (2025, 2026):
        for old in OLD_NAMES_2025:
            rows.append({"year": year, "_origin": old, "village": f"Thôn 1 ({old})"})
            rows.append({"year": year, "_origin": old, "village": f"Thôn 1 ({old})"})
        rows.append({"year": year, "_origin": "", "village": "Thôn 1"})
    df = pd.DataFrame(rows).assign(commune="successor")
    type_former_names(df, np.random.default_rng(0), 2025)
    assert (
        df["commune"].tolist()
        == [
            "Hàm Minh",
            "Hàm Minh",
            "Xã Tân Thuận",
            "Xã Tân Thuận",
            "Mỹ Thạnh",
            "Mỹ Thạnh",
            "Tiến Lợi",
            "Tiến Lợi",
            "successor",
        ]
        + ["successor"] * 9
    )


def test_recording_errors_change_a_few_statuses_and_never_a_protected_row() -> None:
    n = 100
    recorded = ["near_poor"] * 50 + ["poor"] * 50
    n_deps = [2] * 50 + [3] * 50
    before = list(recorded)
    score_b = [10 * d for d in n_deps]
    protected = frozenset(range(0, 100, 2))
    changed = add_recording_errors(
        np.random.default_rng(1),
        np.arange(n),
        recorded,
        score_b,
        n_deps,
        [1_000_000] * n,
        [1_500_000] * n,
        [2_250_000] * n,
        [True] * n,
        protected=protected,
    )
    # 2.5–3.5 % of 100 rows, rounded; only unprotected rows, all of them near a boundary
    assert len(changed) == 3 and not set(changed) & protected
    assert [i for i in range(n) if recorded[i] != before[i]] == changed
    # near-poor with 2 deprivations is recorded poor; poor with 3 is recorded near-poor
    assert all(
        recorded[i] == ("poor" if before[i] == "near_poor" else "near_poor") for i in changed
    )
    assert all(score_b[i] == 10 * n_deps[i] for i in protected)


# --- the registry and the status rule -------------------------------------------------------


def test_rule_status_at_the_boundaries() -> None:
    assert rule_status(1_500_000, 3, RURAL) == "poor"
    assert rule_status(1_500_000, 2, RURAL) == "near_poor"
    assert rule_status(1_500_001, 9, RURAL) == "average"
    assert rule_status(2_250_000, 0, RURAL) == "average"
    assert rule_status(2_250_001, 0, RURAL) == "none"


def test_registry_status_of_each_standard(domain) -> None:
    assert registry_status(domain, 2025, "rural", 1_500_000, 3) == "poor"
    assert registry_status(domain, 2025, "urban", 2_000_000, 2) == "near_poor"
    assert registry_status(domain, 2025, "rural", 2_250_001, 0) == "none"
    assert registry_status(domain, 2026, "rural", 2_200_000, 3) == "poor"
    assert registry_status(domain, 2026, "rural", 2_200_001, 3) == "above_line"
    assert registry_status(domain, 2026, "urban", 2_800_000, 0) == "near_poor"
    assert agrees("none", "above_line") and agrees("average", "above_line")
    assert not agrees("poor", "near_poor") and agrees("poor", "poor")


def test_units_and_successors_from_the_registry(domain) -> None:
    units = registry(domain)
    assert len(units) == 13 and units[0].name == "Thuận Nam" and units[0].line == 2_000_000
    assert [u.name for u in registry(domain, history_only=True)] == ["Sông Phan", "Tiến Lợi"]
    succs = successors(domain)
    ham_thanh = next(s for s in succs if s.name == "Hàm Thạnh")
    assert ham_thanh.predecessors == ("Mỹ Thạnh", "Hàm Cần", "Hàm Thạnh")
    assert ham_thanh.code == "23122"
    first, second = (successor_unit(domain, ham_thanh, y) for y in (2025, 2026))
    assert (first.line, first.avg_line) == (1_500_000, 2_250_000)
    assert (second.line, second.avg_line) == (2_200_000, 3_300_000)  # notional 1.5 x line


def test_tables_in_unit_order_district_first() -> None:
    df = pd.DataFrame({"year": [2022, 2021, 2021, 2021], "commune": ["A", "B", "", "A"]})
    df["n"] = range(4)
    out = in_unit_order(df, ["A", "B"], ["year", "_o"])
    assert out["n"].tolist() == [2, 3, 1, 0]
    assert list(out.columns) == ["year", "commune", "n"] and out.index.tolist() == [0, 1, 2, 3]


# --- the households' panel ------------------------------------------------------------------


def test_head_names_kinh_or_ethnic_minority() -> None:
    rng = np.random.default_rng(7)
    kinh = [head_name(rng, 0) for _ in range(200)]
    assert all(name.split()[0] in SURNAMES for name in kinh)
    em = [head_name(rng, 1) for _ in range(200)]
    em_first = [n for n in em if any(n.startswith(s) for s in EM_SURNAMES)]
    assert 150 <= len(em_first) < 200  # about 85 %, the rest Kinh names


def test_a_seeded_small_panel() -> None:
    params = UnitParams(200, 0.05, 0.05, 0.1, 0.01)
    sim = UnitSimulator(RURAL, params, np.random.default_rng(0))
    sim.first_year()
    sim.snapshot(2021)
    first = pd.DataFrame(sim.rows)
    counts = first["rule_status"].value_counts()
    assert (counts["poor"], counts["near_poor"]) == (10, 10)  # round(200 x 5 %)
    assert 7 <= counts["average"] <= 10 and 25 <= counts["none"] <= 49
    assert first["household_id"].tolist() == [f"598-HTH-{i:05d}" for i in range(1, len(first) + 1)]
    assert set(first["village"]) <= {f"Thôn {i}" for i in range(1, 7)}

    sim = UnitSimulator(RURAL, params, np.random.default_rng(0))
    rows = pd.DataFrame(sim.run())
    assert sorted(set(rows["year"])) == [2021, 2022, 2023, 2024]
    assert list(rows.columns[:7]) == [
        "year",
        "household_id",
        "commune",
        "village",
        "head_name",
        "members",
        "income_per_capita",
    ]
    assert not rows.duplicated(["year", "household_id"]).any()
    deps = rows[[f"_d{i}" for i in range(12)]].sum(axis=1)
    status = [
        rule_status(i, d, RURAL) for i, d in zip(rows["income_per_capita"], deps, strict=True)
    ]
    assert status == rows["rule_status"].tolist()
    # a household that left the list never comes back
    years = rows.groupby("household_id")["year"].agg(["min", "max", "count"])
    assert (years["max"] - years["min"] + 1 == years["count"]).all()


# --- the other tables -----------------------------------------------------------------------


def test_commune_events_of_da4_and_da6() -> None:
    rng = np.random.default_rng(3)
    title, people = commune_event(rng, "DA6")
    assert title == "Hội nghị tuyên truyền chính sách giảm nghèo tại xã" and 35 <= people < 90
    title, people = commune_event(rng, "DA4")
    assert title == "Lớp đào tạo nghề ngắn hạn cho lao động nghèo" and 18 <= people < 35


def test_commentary_rows_and_every_required_section(domain) -> None:
    df = report_commentary(2023, "", {"strengths": "Tốt.", "lessons": "Ít."})
    assert df.to_dict("records") == [
        {"year": 2023, "commune": "", "section": "strengths", "text": "Tốt.", "source": SOURCE},
        {"year": 2023, "commune": "", "section": "lessons", "text": "Ít.", "source": SOURCE},
    ]
    required = {c["code"] for c in domain["commentary"]["sections"] if c["required"]}
    assert required <= set(make_reform_commentary()["section"])


# --- writing --------------------------------------------------------------------------------


def test_csv_is_utf8_with_lf_and_no_index(tmp_path) -> None:
    write_csv(pd.DataFrame({"a": [1, 2], "b": ["Hàm Thạnh", "x,y"]}), tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_bytes() == 'a,b\n1,Hàm Thạnh\n2,"x,y"\n'.encode()


def test_committed_workbook_has_fixed_times() -> None:
    with zipfile.ZipFile(RAW / "households_2021.xlsx") as z:
        assert {i.date_time for i in z.infolist()} == {(2021, 12, 31, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    times = re.findall(r"<dcterms:(created|modified)[^>]*>([^<]*)<", core)
    assert times == [("created", "2021-12-31T00:00:00Z"), ("modified", "2021-12-31T00:00:00Z")]


def test_the_generator_reproduces_data_raw_byte_for_byte(tmp_path, capsys) -> None:
    main(["--out", str(tmp_path)])
    assert "synthetic demo data (seed 20231215) written" in capsys.readouterr().out
    committed = sorted(p.name for p in RAW.iterdir() if p.name != "README.md")
    assert sorted(p.name for p in tmp_path.iterdir()) == committed
    assert len(committed) == 19
    differ = [n for n in committed if (tmp_path / n).read_bytes() != (RAW / n).read_bytes()]
    assert differ == []
