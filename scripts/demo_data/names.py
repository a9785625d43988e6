"""Heads' names of the synthetic households: Kinh and Raglai/K'Ho name parts and one draw."""

from __future__ import annotations

import numpy as np

from .registry import nfc

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Hoàng",
    "Võ",
    "Phan",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Ngô",
    "Dương",
    "Lý",
    "Trương",
    "Đinh",
    "Lâm",
    "Mai",
]
SURNAME_P = np.array([30, 11, 9, 7, 6, 3, 6, 4, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2], dtype=float)
EM_SURNAMES = ["Bo Bo", "Chamaléa", "Katơr", "Pinăng", "Mấu", "Ma", "K'"]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Công"]
MIDDLE_F = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Kim", "Thanh"]
GIVEN_M = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đức",
    "Hải",
    "Hiếu",
    "Hùng",
    "Khoa",
    "Long",
    "Lộc",
    "Nam",
    "Phúc",
    "Quang",
    "Sơn",
    "Tài",
    "Thắng",
    "Toàn",
    "Trung",
    "Tuấn",
    "Vinh",
    "Tư",
    "Sáu",
    "Năm",
    "Hòa",
    "Thành",
]
GIVEN_F = [
    "Anh",
    "Bích",
    "Cúc",
    "Dung",
    "Hà",
    "Hạnh",
    "Hoa",
    "Hồng",
    "Hương",
    "Lan",
    "Liên",
    "Loan",
    "Mai",
    "My",
    "Nga",
    "Nhung",
    "Phượng",
    "Thảo",
    "Thủy",
    "Trang",
    "Tuyết",
    "Vân",
    "Xuân",
    "Yến",
    "Lệ",
    "Sen",
]
K_GIVEN = ["Brếu", "Dơng", "Sương", "Ha", "Bình", "Tuyết", "Bơng", "Điệp"]


def head_name(rng: np.random.Generator, em: int) -> str:
    """A household head's name (NFC): mostly a Raglai/K'Ho name if ``em``, else a Kinh one;
    about a third of heads are women."""
    female = rng.random() < 0.32
    if em and rng.random() < 0.85:
        sur = str(rng.choice(EM_SURNAMES))
        if sur == "K'":
            return nfc(f"K'{rng.choice(K_GIVEN)}")
        mid = "Thị" if female else "Văn"
        given = rng.choice(GIVEN_F if female else GIVEN_M)
        return nfc(f"{sur} {mid} {given}")
    sur = SURNAMES[int(rng.choice(len(SURNAMES), p=SURNAME_P / SURNAME_P.sum()))]
    mid = rng.choice(MIDDLE_F if female else MIDDLE_M)
    given = rng.choice(GIVEN_F if female else GIVEN_M)
    return nfc(f"{sur} {mid} {given}")
