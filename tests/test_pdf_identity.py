"""A PDF's bytes depend on what it prints only: its /ID comes from the page without the
screen-only technical information, so a new version of the code (recorded there) changes
the HTML but not the PDF."""

from __future__ import annotations

from reportkit.run.render import html_bytes_to_pdf, printed_html

HEAD = "<head><style>@media print { .screen-only { display: none } }</style></head>"
PRINTED = f"<html>{HEAD}<body><h1>Báo cáo</h1><p>Hộ nghèo: 56</p></body></html>"


def page(commit: str) -> str:
    """The printed page with a technical section recording ``commit``."""
    screen = (
        '<section class="report-section screen-only"><h2>Thông tin kỹ thuật</h2>'
        f"<p>git {commit}</p></section>"
    )
    return PRINTED.replace("</body>", f"{screen}</body>")


def test_the_technical_information_is_not_part_of_the_printed_page() -> None:
    assert printed_html(page("abc")) == PRINTED.encode("utf-8")


def test_two_code_versions_give_the_same_pdf_bytes() -> None:
    first = html_bytes_to_pdf(page("1111111"))
    assert html_bytes_to_pdf(page("2222222")) == first
    assert html_bytes_to_pdf(page("1111111").replace("56", "57")) != first
