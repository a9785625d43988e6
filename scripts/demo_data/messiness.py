"""The deliberate messiness of the demo data: status errors and miscounted scores, the
Vietnamese headers, status words and ticks of a commune's own list, former names typed
after the merger."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .registry import SOURCE

# The 12 indicators as a commune's list heads them (the data contract's Vietnamese names,
# in the registry's order d01..d12).
INDICATORS_VI = (
    "Việc làm",
    "Người phụ thuộc",
    "Dinh dưỡng",
    "Bảo hiểm y tế",
    "Trình độ giáo dục người lớn",
    "Tình trạng đi học của trẻ em",
    "Chất lượng nhà ở",
    "Diện tích nhà ở bình quân đầu người",
    "Nguồn nước sinh hoạt",
    "Nhà tiêu hợp vệ sinh",
    "Sử dụng dịch vụ viễn thông",
    "Phương tiện tiếp cận thông tin",
)

STATUS_VI = {
    "poor": "hộ nghèo",
    "near_poor": "hộ cận nghèo",
    "average": "hộ có mức sống trung bình",
    "none": "không",
}


def add_recording_errors(
    rng: np.random.Generator,
    idx: np.ndarray,
    recorded: list[str],
    score_b: list[int],
    n_deps: list[int],
    income: list[int],
    line: list[int],
    avg_line: list[int],
    flagged: list[bool],
    banded: bool = True,
    protected: frozenset[int] = frozenset(),
) -> list[int]:
    """Turn one review year's rows ``idx`` into what a commune records: ~3 % recorded
    statuses that differ from the rule (realistic scoring errors, mostly near a boundary)
    and ~0.5 % wrongly summed scores B (3 % where monitoring found scoring_forms_incomplete,
    ``flagged``). ``recorded`` and ``score_b`` are changed in place; returns the rows whose
    status was changed on purpose.

    ``banded``: the standard has an average-living band (a swap average/none is a mismatch);
    without one (2026–2030) average and none both mean "above the line", so an error moves
    a household across the line. ``protected`` rows (the boundary incomes) are left exact.
    """
    weights = []
    for i in idx:
        s, d, inc = recorded[i], n_deps[i], income[i]
        if banded:
            near = (
                (s == "near_poor" and d == 2)
                or (s == "poor" and d == 3)
                or (s == "average" and inc <= 1.12 * line[i])
                or (s == "none" and inc <= 1.12 * avg_line[i])
            )
        else:
            near = (
                (s == "near_poor" and d == 2)
                or (s == "poor" and d == 3)
                or (s in ("average", "none") and inc <= 1.12 * line[i])
            )
        weights.append(0.0 if i in protected else 6.0 if near else 0.3)
    w = np.asarray(weights) / sum(weights)
    n_err = int(round(len(idx) * rng.uniform(0.025, 0.035)))
    changed = sorted(int(i) for i in rng.choice(idx, size=n_err, replace=False, p=w))
    for i in changed:
        s, d = recorded[i], n_deps[i]
        if s == "near_poor":
            recorded[i] = "poor" if d == 2 or rng.random() < 0.3 else "average"
        elif s == "poor" or not banded:
            recorded[i] = "near_poor"
        elif s == "average":
            recorded[i] = "near_poor" if rng.random() < 0.8 else "none"
        else:
            recorded[i] = "average"
    # score B: ~1 % of forms wrongly scored, more where the monitoring found it
    for i in idx:
        if i in protected:
            continue
        prob = 0.03 if flagged[i] else 0.004
        if rng.random() < prob:
            delta = int(rng.choice([-10, -10, 10, 20]))
            score_b[i] = score_b[i] + delta if score_b[i] + delta >= 0 else score_b[i] + 10
    return changed


# 2025 rows typed with a former unit's name (one village's list each, as the village kept
# its old form): former unit -> the name as typed. The package maps them along the
# crosswalk to the successor, with a warning. Only names no successor reuses.
OLD_NAMES_2025 = {
    "Hàm Minh": "Hàm Minh",
    "Tân Thuận": "Xã Tân Thuận",
    "Mỹ Thạnh": "Mỹ Thạnh",
    "Tiến Lợi": "Tiến Lợi",
}


def households_vi_headers() -> list[str]:
    """The Vietnamese headers of a household list as communes type them."""
    return (
        [
            "Năm",
            "Mã hộ",
            "Xã",
            "Thôn",
            "Họ tên chủ hộ",
            "Số nhân khẩu",
            "Thu nhập bình quân đầu người",
        ]
        + list(INDICATORS_VI)
        + [
            "Kết quả phân loại",
            "Điểm B",
            "Dân tộc thiểu số",
            "Nông lâm ngư diêm nghiệp",
            "Không có khả năng lao động",
            "source",
        ]
    )


def tick(v: int) -> str | None:
    """A 0/1 flag as a commune's list marks it: "x" when set, blank (None) when not."""
    return "x" if int(v) else None


def household_vi_record(d: dict[str, Any], ind_cols: list[str], commune: str) -> list[Any]:
    """One household as a commune's list writes it: ticks "x" (None = blank), Vietnamese
    status words; ``commune`` as typed."""
    return (
        [
            int(d["year"]),
            d["household_id"],
            commune,
            d["village"],
            d["head_name"],
            int(d["members"]),
            int(d["income_per_capita"]),
        ]
        + [tick(d[c]) for c in ind_cols]
        + [
            STATUS_VI[d["recorded_status"]],
            int(d["score_b"]),
            tick(d["ethnic_minority"]),
            tick(d["agri_sector"]),
            tick(d["no_labour"]),
            SOURCE,
        ]
    )


def type_former_names(df: pd.DataFrame, rng: np.random.Generator, year: int) -> None:
    """Write a former unit's name (``OLD_NAMES_2025``) into the ``commune`` of every row of
    ``year`` in one village of that unit (``_origin``), chosen with ``rng``; in place."""
    first = (df["year"] == year).to_numpy()
    for old, typed in OLD_NAMES_2025.items():
        villages = sorted(set(df.loc[first & (df["_origin"] == old).to_numpy(), "village"]))
        chosen = villages[int(rng.integers(len(villages)))]
        df.loc[first & (df["village"] == chosen).to_numpy(), "commune"] = typed
