"""The fictional province and its communes: names built from syllables that name no unit
of Vietnam (old or new, folded to ASCII: checked against the national registry by
``tests/test_province_data.py``), codes from 90001 that no real commune has, the kind
(about a fifth phường), villages, size and the synthetic parameters of each, and the units
table that declares them (DATA_CONTRACT.md, "units — optional: declares or overrides
units")."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from reportkit import domain
from reportkit.core.vntext import fold_ascii, slugify
from scripts.demo_data.registry import Successor, UnitParams, nfc

PROVINCE = "Sông Mây"  # fictional: no province, district or commune of Vietnam is so named
PROVINCE_CODE = "99"  # in household ids only ("99-90001-00042"); no province has this code
FIRST_CODE = 90001  # commune codes 90001, 90002, ...: the national registry has none of them
BASIS = "Nghị quyết minh họa (giả lập)"
SOURCE = "synthetic-province"  # the `source` column: reportkit marks such reports synthetic
URBAN_SHARE = 0.2  # phường among the communes
YEARS: tuple[int, ...] = (2025, 2026)  # the review years the generator knows (see simulate)

# Two syllables make a name, first x second. Syllables of real names that any of these
# pairs would spell (Suối Bạc, Trảng Dài, Đá Bạc, Cát Ngàn, Sóng Vàng, Bàu Lâm...) are left
# out, so no pair folds to the name of a province, district or commune, before or after 2025.
FIRST_SYLLABLES = (
    "Mây",
    "Sương",
    "Gió",
    "Đồi",
    "Nắng",
    "Khe",
    "Mưa",
    "Rêu",
    "Lau",
    "Sậy",
    "Cói",
    "Nứa",
    "Mầm",
    "Chồi",
    "Lúa",
    "Nương",
    "Rẫy",
    "Gềnh",
    "Vực",
    "Đèo",
    "Thác",
    "Sỏi",
)
SECOND_SYLLABLES = (
    "Bạc",
    "Biếc",
    "Xanh",
    "Hồng",
    "Lam",
    "Ngàn",
    "Mới",
    "Thắm",
    "Vàng",
    "Ngọc",
    "Dài",
    "Trong",
    "Xa",
    "Sớm",
    "Mướt",
    "Mịn",
    "Thưa",
    "Đầy",
    "Mềm",
    "Rộng",
    "Cao",
    "Non",
    "Nhạt",
    "Ấm",
    "Mát",
    "Reo",
    "Lặng",
    "Thơm",
    "Tím",
    "Trắng",
)
MAX_COMMUNES = len(FIRST_SYLLABLES) * len(SECOND_SYLLABLES)

UNITS_COLUMNS = tuple(domain.tables()["units"].column_names)  # the package's schema


def fold(text: str) -> str:
    """``text`` in lower-case ASCII letters and digits only: "Mây Bạc" → "maybac"."""
    return fold_ascii(text).replace(" ", "")


slug = slugify  # "Mây Bạc" → "may-bac"


def all_names() -> list[str]:
    """Every name the syllables make, in a fixed order (NFC)."""
    names = [nfc(f"{a} {b}") for a in FIRST_SYLLABLES for b in SECOND_SYLLABLES]
    assert len({fold(n) for n in names}) == len(names), "two names fold alike"
    return names


@dataclass(frozen=True)
class Commune:
    """A commune of the fictional province with its synthetic parameters."""

    name: str
    code: str
    kind: str  # "xã" or "phường"
    villages: tuple[str, ...]
    params: UnitParams  # households_2021: its resident households in the first review year
    households: tuple[int, ...]  # resident households per review year (YEARS)
    em_households: tuple[int, ...]  # of them, ethnic-minority households
    list_share: float  # share of the resident households on the review list each year

    @property
    def area(self) -> str:
        """The income line's area: urban for a phường, rural for a xã."""
        return "urban" if self.kind == "phường" else "rural"

    @property
    def successor(self) -> Successor:
        """The commune as the demo's simulator knows a commune of 2025 on (no predecessor)."""
        return Successor(self.name, self.kind, self.area, slug(self.name), self.code, (), ())


def make_communes(n: int, seed: int, years: tuple[int, ...] = YEARS) -> list[Commune]:
    """``n`` communes (phường first, then xã, codes in that order), drawn with ``seed``.

    Sizes: 3,000–5,000 resident households, growing about 1 % a year. A third of the xã
    are upland communes where most households belong to an ethnic minority and more are
    poor; a phường has fewer poor households and the urban line."""
    if not 1 <= n <= MAX_COMMUNES:
        raise ValueError(f"--communes must be between 1 and {MAX_COMMUNES}, not {n}")
    rng = np.random.default_rng([seed, 1])
    names = [all_names()[int(i)] for i in rng.permutation(MAX_COMMUNES)[:n]]
    n_urban = round(URBAN_SHARE * n)
    out = []
    for k, name in enumerate(names):
        kind = "phường" if k < n_urban else "xã"
        upland = kind == "xã" and rng.random() < 0.33
        em_share = rng.uniform(0.3, 0.85) if upland else rng.uniform(0.0, 0.06)
        if kind == "phường":
            poor, near = rng.uniform(0.01, 0.025), rng.uniform(0.025, 0.04)
        elif upland:
            poor, near = rng.uniform(0.045, 0.065), rng.uniform(0.035, 0.045)
        else:
            poor, near = rng.uniform(0.025, 0.045), rng.uniform(0.03, 0.045)
        growth = rng.uniform(0.007, 0.015)
        first = int(rng.integers(3000, 5001))
        households = [first]
        for _ in years[1:]:
            households.append(round(households[-1] * (1 + growth + rng.normal(0, 0.002))))
        em = tuple(round(h * em_share * rng.uniform(0.98, 1.02)) for h in households)
        word = "Khu phố" if kind == "phường" else "Thôn"
        villages = tuple(f"{word} {i}" for i in range(1, round(first / 350) + 1))
        out.append(
            Commune(
                name=name,
                code=str(FIRST_CODE + k),
                kind=kind,
                villages=villages,
                params=UnitParams(first, poor, near, em_share, growth),
                households=tuple(households),
                em_households=em,
                list_share=float(rng.uniform(0.16, 0.185)),
            )
        )
    return out


def province_name(province: str = PROVINCE) -> str:
    """The province written with its prefix, as the units table's parent and the settings'
    area give it ("Tỉnh Sông Mây")."""
    return f"Tỉnh {province}"


def units_table(communes: list[Commune], province: str = PROVINCE) -> pd.DataFrame:
    """The units table declaring every commune: valid from the first review year of the
    reform (2025), open-ended, no predecessors, no villages moved in."""
    rows = [
        {
            "unit": c.name,
            "code": c.code,
            "kind": c.kind,
            "parent": province_name(province),
            "valid_from": YEARS[0],
            "valid_to": "",
            "predecessors": "",
            "urban": int(c.kind == "phường"),
            "villages": "",
            "basis": BASIS,
        }
        for c in communes
    ]
    return pd.DataFrame(rows, columns=list(UNITS_COLUMNS)).assign(source=SOURCE)
