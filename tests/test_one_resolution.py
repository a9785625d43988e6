"""A report's unit is resolved once: the batch worker (render_outputs) opens the report,
and the notebook it runs in process gets that very report back from its own open_report
call — the unit is not looked up again and the figures are not computed twice."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

from reportkit.data.datasource import dataset, provided
from reportkit.report import annual, open_report
from reportkit.run.render import render_outputs

DEMO = Path(__file__).resolve().parents[1] / "data" / "raw"


def test_the_notebook_reuses_the_report_its_worker_opened(demo_raw) -> None:
    data = dataset(demo_raw, demo_raw.parent / "processed")  # the run's prepared copy
    looked_up: list[object] = []
    resolve = annual.resolve_unit

    def counting(name: object):  # type: ignore[no-untyped-def]
        looked_up.append(name)
        return resolve(name)  # type: ignore[arg-type]

    with mock.patch.object(annual, "resolve_unit", counting):
        rendered = render_outputs(data, "Hàm Cần", 2023, to=("html",), data_dir=str(DEMO))
    assert rendered.error is None
    assert looked_up == ["Hàm Cần"]


def test_other_parameters_open_a_report_of_their_own(demo_raw) -> None:
    data = dataset(demo_raw, demo_raw.parent / "processed")
    with provided(data):
        first = open_report("Hàm Cần", 2023, str(DEMO))
        with annual.reusing(first, "Hàm Cần", 2023, str(DEMO), "vi", None):
            assert open_report("Hàm Cần", 2023, str(DEMO)) is first
            again = open_report("Hàm Cần", 2022, str(DEMO))
    assert again is not first and again.year == 2022
    assert open_report("Hàm Cần", 2023, str(DEMO)) is not first  # outside the block
