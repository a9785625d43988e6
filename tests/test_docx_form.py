"""The Word file's signature block leaves the room to sign and seal that the PDF leaves
(report.css: ``p.rk-sign-space``, 24 mm) between the signer's title lines ("TM. ỦY BAN
NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH") and the signer's name: in the file itself, and as
LibreOffice lays it out."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_LINE_SPACING

from tests.conftest import RenderDemo

ROOT = Path(__file__).resolve().parents[1]
CSS = (ROOT / "templates" / "reportkit" / "report.css").read_text(encoding="utf-8")
SIGN_SPACE = re.search(r"p\.rk-sign-space\s*\{\s*height:\s*([\d.]+)mm;\s*\}", CSS)
MM_PER_PT = 25.4 / 72


@pytest.fixture(scope="module")
def report(render_demo: RenderDemo) -> dict[str, Path]:
    """Hàm Cần's 2023 report as PDF and as Word (the run's shared render)."""
    return render_demo("Hàm Cần", 2023)


def test_the_room_to_sign_is_an_empty_line_as_high_as_the_pdfs(report) -> None:
    assert SIGN_SPACE is not None and float(SIGN_SPACE.group(1)) == 24.0
    doc = docx.Document(str(report["docx"]))
    signature = next(t for t in doc.tables if "Nơi nhận:" in t.rows[0].cells[0].text)
    right = signature.rows[0].cells[1].paragraphs
    assert [p.text for p in right] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "",
        "Nguyễn Văn A (tên minh họa)",
    ]
    room = right[3].paragraph_format
    assert room.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert round(room.line_spacing.mm, 1) == 24.0  # 1361 twips


def word_tops(pdf: Path) -> list[tuple[str, float]]:
    """Each word of ``pdf`` (poppler's ``pdftotext -bbox``) with its top, in points from the
    top of its page."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)"[^>]*>([^<]*)</word>', xhtml)
    return [(text, float(top)) for top, text in words]


def title_to_name_mm(pdf: Path) -> float:
    """From the top of the signer's last title line ("PHÓ CHỦ TỊCH") to the top of the
    signer's name, in mm."""
    words = word_tops(pdf)
    last = max(i for i, (text, _) in enumerate(words) if text == "PHÓ")
    name = next(top for text, top in words[last:] if text == "Nguyễn")
    return (name - words[last][1]) * MM_PER_PT


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="needs LibreOffice (soffice) and poppler's pdftotext",
)
def test_libreoffice_lays_out_the_room_to_sign_as_the_pdf_does(report, tmp_path) -> None:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(report["docx"]),
        ],
        capture_output=True,
        check=True,
        timeout=300,
    )
    word = title_to_name_mm(tmp_path / "ham-can.pdf")
    pdf = title_to_name_mm(report["pdf"])
    # One line of the title (about 5.5 mm) and the 24 mm room.
    assert 28.5 <= word <= 31 and 28.5 <= pdf <= 31
    assert abs(word - pdf) <= 1
