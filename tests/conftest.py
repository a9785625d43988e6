"""Shared builders for small hand-made datasets, and the demo reports every test that
only reads them shares (rendered once per run, whatever the number of xdist workers)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd
import pytest
from filelock import FileLock

from reportkit import domain
from reportkit.data import registry
from reportkit.data.classify import add_rule_status
from reportkit.data.prepare import Dataset

# As in a batch worker (reportkit.run.render.warm_up): jsonschema, under nbformat, would
# import rfc3987_syntax for a format check nbformat never asks for, a second of CPU in
# each test process.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

INDICATORS = domain.indicator_columns()
DEMO = Path(__file__).resolve().parents[1] / "data" / "raw"
FORMATS = ("html", "pdf", "docx")

# A session fixture runs once in each xdist worker; what the workers share is made under a
# file lock in the folder above each worker's base temp (pytest-N/, one per run), by the
# first worker that asks for it, and read by the others (pytest-xdist's documented way).
RenderDemo = Callable[..., dict[str, Path]]
BatchDemo = Callable[[str], tuple[Path, Path]]


@pytest.fixture(scope="session")
def demo_units() -> registry.Registry:
    """The demo's units (data/raw: its settings' areas and units.csv), built once."""
    from reportkit.data.prepare import units_of
    from reportkit.data.sources import discover

    return units_of(discover(DEMO))[0]


@pytest.fixture(autouse=True)
def _demo_units_active(demo_units: registry.Registry) -> Iterable[None]:
    """Every test starts with the demo's units active (hand-made datasets use them);
    a test that prepares another folder activates that folder's until it ends."""
    with registry.using(demo_units):
        yield


def _shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.getbasetemp()
    root = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "shared"
    root.mkdir(exist_ok=True)
    return root


def made_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]
) -> Path:
    """The run's shared folder ``name``, filled by ``make(folder)`` (an empty folder) the
    first time any worker asks for it; every test that asks reads it, none writes there."""
    folder = _shared(tmp_path_factory) / name
    done = folder.with_name(f"{folder.name}.done")
    folder.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(folder.with_name(f"{folder.name}.lock")):
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def demo_raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of data/raw named ``raw``, its processed copy made beside it: shared by every
    test of the run. Read it, render from it; never write into it or beside it."""
    from reportkit.data.prepare import load

    root = _shared(tmp_path_factory)
    demo = root / "demo"
    with FileLock(root / "demo.lock"):
        if not (demo / "ready").exists():
            shutil.rmtree(demo, ignore_errors=True)
            shutil.copytree(DEMO, demo / "raw")
            load(demo / "raw", demo / "processed")
            # What demo_data copies: never rendered from, so it holds nothing else.
            for name in ("raw", "processed"):
                shutil.copytree(demo / name, demo_template(demo / "raw") / name)
            (demo / "ready").touch()
    return demo / "raw"


@pytest.fixture
def demo_data(demo_raw: Path, tmp_path: Path) -> Path:
    """This test's own copy of the demo data, ``tmp_path/raw``, and beside it its processed
    copy (current: made from the same bytes), as `reportkit prepare` leaves them: a batch
    or a render reads it instead of preparing the data again (a second of CPU each).
    Change either as you please. Tests of preparing (when, and where the processed copy
    goes) copy data/raw alone."""
    for name in ("raw", "processed"):
        shutil.copytree(demo_template(demo_raw) / name, tmp_path / name)
    return tmp_path / "raw"


def demo_template(demo_raw: Path) -> Path:
    """The folder :func:`demo_data` copies: raw/ and processed/, never rendered from."""
    return demo_raw.parent / "template"


@pytest.fixture(scope="session")
def render_demo(tmp_path_factory: pytest.TempPathFactory, demo_raw: Path) -> RenderDemo:
    """``render_demo(unit, year, to=FORMATS)``: the paths of that demo report rendered from
    :func:`demo_raw` (in process), made once per run and shared: read them, never change
    them. ``unit`` None = the district."""
    from reportkit.run.render import render_report

    root = _shared(tmp_path_factory)

    def render(unit: str | None, year: int, to: Iterable[str] = FORMATS) -> dict[str, Path]:
        formats = tuple(to)
        key = hashlib.sha256(json.dumps([unit, year, formats]).encode("utf-8")).hexdigest()
        out = root / "renders" / key[:16]
        done = out.with_suffix(".json")
        out.parent.mkdir(exist_ok=True)
        with FileLock(out.with_suffix(".lock")):  # one report at a time, others meanwhile
            if not done.exists():
                shutil.rmtree(out, ignore_errors=True)
                paths = render_report(unit, year, to=formats, raw_dir=demo_raw, out_dir=out)
                done.write_text(json.dumps({k: str(v) for k, v in paths.items()}))
        return {k: Path(v) for k, v in json.loads(done.read_text()).items()}

    return render


@pytest.fixture(scope="session")
def batch_demo(tmp_path_factory: pytest.TempPathFactory, demo_raw: Path) -> BatchDemo:
    """``batch_demo(communes)``: (raw, out) of a clean batch of those units' 2023 reports
    in HTML and PDF with two local workers, ``run_batch(raw, out, [2023],
    communes=communes, workers=2)``, from a prepared copy of the demo data of its own
    (:func:`demo_data`); made once per run and shared. Read ``out``; to compare with
    another batch of the same reports, run that one from ``raw`` too (a report names its
    raw folder; the data's hashes are cached there already, so it writes nothing there),
    into a folder of your own. Never write into either."""
    from reportkit.run.batch import run_batch

    def batch(communes: str) -> tuple[Path, Path]:
        def make(folder: Path) -> None:
            for name in ("raw", "processed"):
                shutil.copytree(demo_template(demo_raw) / name, folder / name)
            summary = run_batch(
                folder / "raw", folder / "out", [2023], communes=communes, workers=2
            )
            assert not summary.failures

        key = hashlib.sha256(communes.encode("utf-8")).hexdigest()[:16]
        folder = made_once(tmp_path_factory, f"batches/{key}", make)
        return folder / "raw", folder / "out"

    return batch


def household(
    year: int,
    hid: str,
    status: str,
    *,
    commune: str = "Hàm Thạnh",
    village: str = "Thôn 1",
    income: float = 1_000_000,
    deprivations: int = 3,
    ethnic_minority: int = 0,
) -> dict[str, object]:
    """One household row; the first ``deprivations`` indicators are ticked."""
    row: dict[str, object] = {
        "year": year,
        "household_id": hid,
        "commune": commune,
        "village": village,
        "members": 4,
        "income_per_capita": income,
        "recorded_status": status,
        "score_b": 10 * deprivations,
        "ethnic_minority": ethnic_minority,
        "agri_sector": 0,
        "no_labour": 0,
        "_file": "households.csv",
        "_row": 2,
    }
    for i, col in enumerate(INDICATORS):
        row[col] = int(i < deprivations)
    return row


def make_dataset(rows: list[dict[str, object]], population: dict[tuple[int, str], int]) -> Dataset:
    hh = add_rule_status(pd.DataFrame(rows))
    pop = pd.DataFrame(
        [{"year": y, "commune": c, "households": n} for (y, c), n in population.items()]
    )
    empty = {
        name: pd.DataFrame(columns=domain.tables()[name].column_names)
        for name in ("budget", "trainings", "monitoring", "targets")
    }
    return Dataset(
        tables={"households": hh, "population": pop, **empty}, validation=pd.DataFrame(), sources={}
    )


@pytest.fixture
def panel() -> Dataset:
    """Eight households of Hàm Thạnh over three review years (see test_review_summary)."""
    spec = {  # household: status in 2021, 2022, 2023 (None = not reviewed that year)
        "A": ("poor", "poor", "poor"),
        "B": (None, "poor", "near_poor"),
        "C": (None, "poor", None),
        "D": ("poor", "average", "poor"),
        "E": (None, None, "poor"),
        "F": (None, "near_poor", "poor"),
        "G": ("poor", None, "poor"),
        "H": (None, "average", "average"),
    }
    rows = []
    for hid, statuses in spec.items():
        for year, status in zip((2021, 2022, 2023), statuses, strict=True):
            if status is not None:
                village = "Thôn 2" if hid in ("E", "F", "H") else "Thôn 1"
                rows.append(
                    household(
                        year, hid, status, village=village, ethnic_minority=int(hid in ("D", "E"))
                    )
                )
    pop = {(y, "Hàm Thạnh"): 200 for y in (2021, 2022, 2023)}
    return make_dataset(rows, pop)


# Under `pytest -n N --dist loadgroup` (scripts/test.sh) each test may run on any worker,
# except the modules below: their module-scoped fixtures are costly (a dask cluster, the
# renders of altered data or notebooks), so each module runs whole on one worker and
# makes them once. xdist's own grouping (the xdist_group marker) is lost on pytest 9.2
# (pytest-dev/pytest-xdist#1386: it appends the group to a node id pytest no longer lets
# it change), so the scheduler groups them by path; marked tests are still grouped where
# xdist can mark them.
ONE_WORKER = ("test_dask.py", "test_reports.py", "test_analyst_loop.py", "test_docx.py")


@pytest.hookimpl(optionalhook=True)  # an xdist hook: only called when xdist runs
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadGroupScheduling

    class ModuleGroups(LoadGroupScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            return path if Path(path).name in ONE_WORKER else super()._split_scope(nodeid)

    return ModuleGroups(config, log)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "last_in_module: runs after the other tests of its module (it breaks a "
        "module fixture: test_dask's worker-loss test kills the cluster's worker)",
    )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked ``last_in_module`` go after their module's other tests, in whatever
    order the run asked for (-k, --ff, --sw)."""
    for item in [i for i in items if i.get_closest_marker("last_in_module")]:
        items.remove(item)
        same = [k for k, other in enumerate(items) if other.path == item.path]
        items.insert(same[-1] + 1 if same else len(items), item)
