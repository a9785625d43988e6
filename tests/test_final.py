"""--final: the version to sign is never rendered with officials' words missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportkit import domain
from reportkit.cli import main
from reportkit.core.errors import IncompleteReportError
from reportkit.report import open_report
from reportkit.report.commentary import missing, text_of
from reportkit.run.render import check_final

DEMO = Path(__file__).resolve().parents[1] / "data" / "raw"
ALL = (
    "direction, monitoring_conclusions, strengths, shortcomings, causes_objective, "
    "causes_subjective, lessons, next_year, proposals"
)


def test_render_final_without_commentary_fails_listing_the_parts(tmp_path, capsys) -> None:
    argv = ["render", "--commune", "Hàm Thạnh", "--year", "2023", "--final"]
    code = main([*argv, "--raw", str(DEMO), "--out", str(tmp_path)])
    assert code == 2
    assert capsys.readouterr().err == (
        f"reportkit: error: 2023 ham-thanh: no commentary for {ALL} (the commentary table of"
        " the raw folder; docs/report-settings.md)\n"
    )
    assert not (tmp_path / "2023").exists()  # nothing rendered


def test_the_demo_district_2023_has_all_its_commentary() -> None:
    report = open_report(None, 2023, DEMO)
    given = [c for c in domain.commentary_sections() if text_of(report, c) is not None]
    assert given == [*ALL.split(", "), "projects_notes"]  # every section, the optional too
    assert missing(report) == []
    assert text_of(report, "direction").startswith(  # type: ignore[union-attr]
        "Ủy ban nhân dân huyện ban hành kế hoạch thực hiện Chương trình"
    )
    check_final(report)  # raises when anything is missing
    # A commune of the same year has none: the same check names every required section.
    with pytest.raises(IncompleteReportError) as caught:
        check_final(open_report("Hàm Thạnh", 2023, DEMO))
    assert str(caught.value).startswith(f"2023 ham-thanh: no commentary for {ALL} (")


def test_batch_final_refuses_before_rendering_anything(tmp_path, capsys) -> None:
    argv = ["batch", "--year", "2023", "--communes", "all", "--final", "--raw", str(DEMO)]
    code = main([*argv, "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("reportkit: error: --final: 13 report(s) lack commentary: 2023 ")
    assert f"2023 ham-thanh ({ALL})" in err and "ham-thuan-nam" not in err
    assert not list(tmp_path.glob("2023/*.pdf"))
