"""The analyst's loop (issue 10): papermill runs the report notebooks from anywhere in the
checkout without a data_dir, finds reportkit's in-process engine by name, a wrong folder
is one line naming it, and a cell an analyst adds (the README's walkthrough) reaches every
output format of `reportkit render` and `reportkit batch`."""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import nbformat
import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from reportkit.cli import main
from reportkit.core.errors import InputError
from reportkit.core.locations import DATA_ENV, default_data_dir
from reportkit.report import charts
from reportkit.report.raster import svg_to_png
from tests.conftest import demo_template

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ISSUER = '<p class="rk-issuer">XÃ HÀM CẦN</p>'


def papermill(
    cwd: Path, ipynb: Path, out: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`papermill IPYNB OUT -p commune "Hàm Cần" ARGS` run from ``cwd``, as a shell would."""
    environ = {k: v for k, v in os.environ.items() if k != DATA_ENV} | (env or {})
    argv = [str(BIN / "papermill"), str(ipynb), str(out), "-p", "commune", "Hàm Cần", *args]
    return subprocess.run(
        [*argv, "--no-progress-bar"],
        cwd=cwd,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def ipynb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The commune notebook as papermill reads it: made by jupytext from the script."""
    path = tmp_path_factory.mktemp("ipynb") / "annual_report.ipynb"
    subprocess.run(
        [str(BIN / "jupytext"), "--to", "ipynb", "-o", str(path), "notebooks/annual_report.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return path


def outputs(nb: nbformat.NotebookNode, kind: str) -> list[nbformat.NotebookNode]:
    return [o for c in nb.cells for o in c.get("outputs", []) if o["output_type"] == kind]


def html_of(nb: nbformat.NotebookNode) -> str:
    return "".join(o["data"].get("text/html", "") for o in outputs(nb, "execute_result"))


# --- papermill from anywhere, without data_dir ------------------------------------------


@pytest.mark.parametrize(
    ("cwd", "data_dir"), [(ROOT, "data/raw"), (ROOT / "notebooks", "../data/raw")]
)
def test_papermill_reads_the_projects_data_from_the_root_and_from_notebooks(
    ipynb, tmp_path, cwd, data_dir
) -> None:
    # The ordinary papermill command, a Jupyter kernel, no data_dir parameter.
    out = tmp_path / "out.ipynb"
    run = papermill(cwd, ipynb, out, "-p", "year", "2023")
    assert run.returncode == 0, run.stderr
    nb = nbformat.read(out, as_version=4)
    assert outputs(nb, "error") == []
    html = html_of(nb)
    assert ISSUER in html
    assert "giảm nghèo bền vững năm 2023</p>" in html
    # The technical information names the folder relative to where the notebook ran.
    assert f'<td class="nowrap">data_dir</td><td class="nowrap">{data_dir}</td>' in html
    assert str(ROOT) not in out.read_text(encoding="utf-8")


def test_papermill_cli_runs_the_in_process_engine_by_name(ipynb, tmp_path) -> None:
    nb = nbformat.read(ipynb, as_version=4)
    # Which process runs the cells: papermill's own (the in-process engine) or a kernel's.
    nb.cells.append(
        nbformat.v4.new_code_cell("import os, sys\nprint(os.path.basename(sys.argv[0]))")
    )
    source = tmp_path / "annual_report.ipynb"
    nbformat.write(nb, source)
    out = tmp_path / "out.ipynb"
    run = papermill(ROOT, source, out, "--engine", "reportkit-inprocess")
    assert run.returncode == 0, run.stderr
    executed = nbformat.read(out, as_version=4)
    assert outputs(executed, "error") == []
    assert ISSUER in html_of(executed)
    assert outputs(executed, "stream")[-1]["text"] == "papermill\n"
    assert executed.metadata["papermill"]["parameters"] == {"commune": "Hàm Cần"}


def test_the_engine_module_imports_before_or_after_papermill() -> None:
    # papermill loads its entry points while it is imported: neither order may be circular.
    code = (
        "import {first}, {second}, papermill.engines as e; "
        "print(e.papermill_engines.get_engine('reportkit-inprocess').__name__)"
    )
    for first, second in (
        ("reportkit.run.engine", "papermill"),
        ("papermill", "reportkit.run.engine"),
    ):
        run = subprocess.run(
            [sys.executable, "-c", code.format(first=first, second=second)],
            capture_output=True,
            text=True,
        )
        assert (run.returncode, run.stdout, run.stderr) == (0, "InProcessEngine\n", "")


# --- a wrong folder: one line naming it ---------------------------------------------------


def test_a_wrong_data_dir_environment_variable_is_one_line_in_the_notebook(ipynb, tmp_path) -> None:
    missing = tmp_path / "nope"
    out = tmp_path / "out.ipynb"
    run = papermill(ROOT, ipynb, out, env={DATA_ENV: str(missing)})  # a Jupyter kernel
    line = f"InputError: raw data folder not found: {missing} (set by {DATA_ENV})"
    assert run.returncode == 1
    # papermill prints its own frames, then the failing cell (the one after the parameters
    # papermill injects) and its error: that one line.
    assert run.stderr.rstrip().splitlines()[-2:] == ['Exception encountered at "In [3]":', line]
    [error] = outputs(nbformat.read(out, as_version=4), "error")
    assert error["traceback"] == [line]


def test_a_wrong_data_dir_parameter_is_one_line_in_the_notebook(ipynb, tmp_path) -> None:
    out = tmp_path / "out.ipynb"
    run = papermill(
        ROOT, ipynb, out, "-p", "data_dir", "data/rwa", "--engine", "reportkit-inprocess"
    )
    assert run.returncode == 1
    line = "InputError: raw data folder not found: data/rwa"
    assert run.stderr.rstrip().splitlines()[-2:] == ['Exception encountered at "In [3]":', line]
    [error] = outputs(nbformat.read(out, as_version=4), "error")
    assert error["traceback"] == [line]


# --- where data_dir = None points ---------------------------------------------------------


def project(folder: Path, name: str = "reportkit") -> Path:
    """A checkout: pyproject.toml naming the project ``name``, and data/raw."""
    (folder / "data" / "raw").mkdir(parents=True)
    (folder / "pyproject.toml").write_text(f'[project]\nname = "{name}"\n', encoding="utf-8")
    return folder


def test_the_nearest_reportkit_project_above_the_working_directory_gives_the_data(
    tmp_path, monkeypatch
) -> None:
    project(tmp_path / "proj")
    project(tmp_path / "proj" / "notebooks" / "other", name="something-else")
    (tmp_path / "proj" / "notebooks" / "other" / "deep").mkdir()
    monkeypatch.delenv(DATA_ENV, raising=False)
    monkeypatch.chdir(tmp_path / "proj" / "notebooks" / "other" / "deep")
    assert default_data_dir() == "../../../data/raw"
    monkeypatch.chdir(tmp_path / "proj")
    assert default_data_dir() == "data/raw"


def test_the_environment_variable_comes_first_relative_to_the_working_directory(
    tmp_path, monkeypatch
) -> None:
    project(tmp_path / "proj")
    (tmp_path / "elsewhere" / "raw").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "proj")
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "elsewhere" / "raw"))
    assert default_data_dir() == "../elsewhere/raw"
    monkeypatch.setenv(DATA_ENV, "../elsewhere/raw")
    assert default_data_dir() == "../elsewhere/raw"


def test_outside_any_project_the_package_checkout_gives_the_data(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(DATA_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    assert default_data_dir() == os.path.relpath(ROOT / "data" / "raw", tmp_path.resolve())


def test_no_project_and_no_variable_is_one_line(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv(DATA_ENV, raising=False)
    monkeypatch.setattr("reportkit.core.locations.REPO", tmp_path / "site-packages")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError) as caught:
        default_data_dir()
    assert str(caught.value) == (
        f"no raw data folder: {tmp_path} is not inside the reportkit project and "
        f"{DATA_ENV} is not set; pass data_dir"
    )


def test_a_project_without_its_raw_folder_is_one_line_naming_it(tmp_path, monkeypatch) -> None:
    root = project(tmp_path / "proj")
    (root / "data" / "raw").rmdir()
    monkeypatch.delenv(DATA_ENV, raising=False)
    monkeypatch.chdir(root)
    with pytest.raises(InputError) as caught:
        default_data_dir()
    assert str(caught.value) == (
        f"raw data folder not found: {root / 'data' / 'raw'} (the project's data/raw)"
    )


# --- the README's "Add your own section" ---------------------------------------------------

SECTION = "Hộ nghèo theo thôn"
SENTENCE = "Năm 2023, Thôn 3 có nhiều hộ nghèo nhất: 12 hộ."
CAPTION = "Số hộ nghèo theo thôn"
# Poor households of Hàm Cần's villages in 2023 (households_2023.csv, counted by hand).
VILLAGES = ["Thôn 1", "Thôn 2", "Thôn 3", "Thôn 4", "Thôn 5", "Thôn 6"]
POOR = [11, 5, 12, 8, 11, 9]
BAR_RGB = tuple(round(int(charts.PALETTE[0][i : i + 2], 16) / 255, 6) for i in (1, 3, 5))


def readme_cell() -> str:
    """The cell the README's "Add your own section" tells the analyst to paste."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    walkthrough = readme.split("### Add your own section", 1)[1]
    match = re.search(r"```python\n(.*?)```", walkthrough, re.S)
    assert match is not None
    return match.group(1)


def html_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def html_chart(path: Path) -> bool:
    """The chart of the walkthrough, embedded as the very SVG reportkit.report.charts draws."""
    svg = charts.bar_chart(VILLAGES, POOR, lang="vi").data
    b64 = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img alt="{CAPTION}" src="data:image/svg+xml;base64,{b64}"/>' in html_text(path)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def pdf_chart(path: Path) -> bool:
    """Six bars in the chart colour whose lengths are in the proportions of POOR, drawn
    in order on one page (WeasyPrint draws an SVG chart as vector paths)."""
    want = [v / POOR[0] for v in POOR]
    for page in PdfReader(path).pages:
        lengths = _filled_widths(page, BAR_RGB)
        for i in range(len(lengths) - len(POOR) + 1):
            got = [w / lengths[i] for w in lengths[i : i + len(POOR)]]
            if all(abs(g - w) < 1e-4 for g, w in zip(got, want, strict=True)):
                return True
    return False


def _filled_widths(page, rgb: tuple[float, ...]) -> list[float]:
    """Horizontal extent of every path filled in colour ``rgb`` on ``page``, in order."""
    stack, fill, points, widths = [], None, [], []
    for operands, op in ContentStream(page.get_contents(), page.pdf).operations:
        if op == b"q":
            stack.append(fill)
        elif op == b"Q":
            fill = stack.pop() if stack else None
        elif op == b"rg":
            fill = tuple(round(float(v), 6) for v in operands)
        elif op == b"m":
            points = [(float(operands[0]), float(operands[1]))]
        elif op == b"l":
            points.append((float(operands[0]), float(operands[1])))
        elif op in (b"f", b"f*"):
            if fill == rgb and len(points) > 1:
                widths.append(max(x for x, _ in points) - min(x for x, _ in points))
            points = []
        elif op in (b"n", b"S", b"B", b"B*", b"re"):
            points = []
    return widths


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def docx_chart(path: Path) -> bool:
    """The chart of the walkthrough as a picture of the Word file: the PNG drawn from the
    very SVG reportkit.report.charts draws."""
    png = svg_to_png(charts.bar_chart(VILLAGES, POOR, lang="vi").data.encode("utf-8"))
    with zipfile.ZipFile(path) as zf:
        return any(zf.read(n) == png for n in zf.namelist() if n.startswith("word/media/"))


# Each output format: how to read its text, and whether it carries the walkthrough's chart.
FORMATS: dict[str, tuple[Callable[[Path], str], Callable[[Path], bool]]] = {
    "html": (html_text, html_chart),
    "pdf": (pdf_text, pdf_chart),
    "docx": (docx_text, docx_chart),
}


@pytest.fixture(scope="module")
def walkthrough(tmp_path_factory: pytest.TempPathFactory, demo_raw: Path) -> dict[str, Path]:
    """A copy of the notebooks with the README's cell pasted after `report.situation()`,
    rendered by `reportkit render` and by `reportkit batch` (Hàm Cần, 2023, every format)."""
    tmp = tmp_path_factory.mktemp("walkthrough")
    # data/raw's processed copy, made once for the run (the same bytes: current).
    shutil.copytree(demo_template(demo_raw) / "processed", tmp / "processed")
    shutil.copytree(ROOT / "notebooks", tmp / "notebooks")
    notebook = tmp / "notebooks" / "annual_report.py"
    source = notebook.read_text(encoding="utf-8")
    anchor = "report.situation()\n"
    assert source.count(anchor) == 1
    notebook.write_text(source.replace(anchor, f"{anchor}\n{readme_cell()}"), encoding="utf-8")
    raw = ["--raw", str(ROOT / "data" / "raw"), "--processed", str(tmp / "processed")]
    to = ["--to", ",".join(FORMATS)]
    unit = ["--year", "2023"]
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("REPORTKIT_NOTEBOOKS", str(tmp / "notebooks"))
        assert (
            main(["render", "--commune", "Hàm Cần", *unit, *to, *raw, "--out", str(tmp / "r")]) == 0
        )
        batch = ["batch", "--communes", "Hàm Cần", "--workers", "0", *unit, *to, *raw]
        assert main([*batch, "--out", str(tmp / "b")]) == 0
    return {"render": tmp / "r" / "2023", "batch": tmp / "b" / "2023"}


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("command", ["render", "batch"])
def test_the_walkthrough_cell_reaches_every_format(walkthrough, command, fmt) -> None:
    read_text, has_chart = FORMATS[fmt]
    path = walkthrough[command] / f"ham-can.{fmt}"
    text = read_text(path)
    # After part I (the cell it follows), before part II, with its sentence and chart.
    assert text.index("I. ĐẶC ĐIỂM TÌNH HÌNH") < text.index(SECTION)
    assert text.index(SECTION) < text.index(SENTENCE) < text.index("II. KẾT QUẢ THỰC HIỆN")
    assert CAPTION in text
    assert has_chart(path)


def test_the_walkthrough_cell_is_an_html_section_of_the_report(walkthrough) -> None:
    html = (walkthrough["render"] / "ham-can.html").read_text(encoding="utf-8")
    assert f"<h3>{SECTION}</h3><p>{SENTENCE}</p><figure" in html
