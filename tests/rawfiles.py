"""Writers of small raw folders for tests: the same households in the forms users send."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

from reportkit import domain

OLD_UNITS = [  # the district's 13 units, in registry order (township first)
    "Thuận Nam",
    "Hàm Cần",
    "Hàm Cường",
    "Hàm Kiệm",
    "Hàm Minh",
    "Hàm Mỹ",
    "Hàm Thạnh",
    "Mương Mán",
    "Mỹ Thạnh",
    "Tân Lập",
    "Tân Thành",
    "Tân Thuận",
    "Thuận Quý",
]

CANONICAL = domain.tables()["households"].column_names


def hh_row(
    hid: str,
    commune: str = "Hàm Thạnh",
    *,
    income: object = 1_200_000,
    ticks: int = 3,
    status: str = "poor",
    year: object = 2023,
    **extra: object,
) -> dict:
    row: dict[str, object] = {
        "year": year,
        "household_id": hid,
        "commune": commune,
        "village": "Thôn 1",
        "head_name": "Nguyễn Văn Thử",
        "members": 4,
        "income_per_capita": income,
        "recorded_status": status,
        "score_b": 10 * ticks,
        "ethnic_minority": 0,
        "agri_sector": 1,
        "no_labour": 0,
    }
    for i, col in enumerate(domain.indicator_columns()):
        row[col] = int(i < ticks)
    row.update(extra)
    return row


def write_csv(
    path: Path,
    rows: list[dict],
    *,
    header: list[str] | None = None,
    encoding: str = "utf-8",
    delimiter: str = ",",
    columns: list[str] | None = None,
) -> Path:
    columns = columns or list(rows[0])
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(header or columns)
    for r in rows:
        w.writerow(["" if r.get(c) is None else r.get(c) for c in columns])
    text = buf.getvalue()
    path.write_bytes(to_cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: ă â ê ô ơ ư precomposed, tones as
    combining marks (the code page has no precomposed toned vowels)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        rest = []
        for m in marks:
            composed = unicodedata.normalize("NFC", base + m)
            if len(composed) == 1 and _encodable(composed):
                base = composed
            else:
                rest.append(m)
        out += (base + "".join(rest)).encode("cp1258")
    return bytes(out)


def _encodable(ch: str) -> bool:
    try:
        ch.encode("cp1258")
        return True
    except UnicodeEncodeError:
        return False


AREAS = {  # the demo's areas: the district up to 2024, the province from 2025
    **{y: "huyện Hàm Thuận Nam, tỉnh Bình Thuận" for y in range(2021, 2025)},
    **{y: "tỉnh Lâm Đồng" for y in range(2025, 2027)},
}


def write_area(raw: Path) -> Path:
    """settings_area.csv: the area each review year reports on, as a user names it."""
    rows = [{"year": y, "commune": "", "area": a} for y, a in AREAS.items()]
    return write_csv(raw / "settings_area.csv", rows)


def write_population(raw: Path, year: int = 2023, households: int = 1000) -> Path:
    """population.csv for the district's 13 units, and the folder's areas (write_area)."""
    write_area(raw)
    rows = [{"year": year, "commune": u, "households": households} for u in OLD_UNITS]
    return write_csv(raw / "population.csv", rows)


def raw_folder(tmp: Path, rows: list[dict], **csv_kw: object) -> Path:
    raw = tmp / "raw"
    raw.mkdir(exist_ok=True)
    write_population(raw)
    write_csv(raw / "households.csv", rows, **csv_kw)  # type: ignore[arg-type]
    return raw
