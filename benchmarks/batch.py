"""Benchmark: the year-end batch, the naive CLI loop versus ``reportkit batch``.

Not a test: it prints figures and always exits 0. In one invocation, on this machine, over
a copy of ``data/raw`` in a work folder, it times:

1. **naive** — how users do it today, one shell script run by ``bash``: convert the two
   jupytext notebooks to ``.ipynb`` once (``jupytext --to ipynb``, inside the timing: it
   is part of the naive set-up), then, one report after the other, for the 13 units and
   the district: ``papermill`` (parameters ``commune``, ``year``, ``data_dir``, ``lang``,
   ``processed_dir``, kernel ``python3``) → ``jupyter nbconvert --to html --no-input`` →
   ``weasyprint`` HTML → PDF. The script logs each CLI step's wall time, so the report
   shows which tool dominates. Its processed folder is its own (``processed_naive``), so
   it shares nothing with the next phases.
2. **reportkit cold** — ``reportkit batch --year Y --raw COPY --out OUT --workers N
   --timings --to html,pdf`` (the naive loop's formats) with the output folder and the
   processed folder deleted first, so the time includes preparing the data;
3. **reportkit warm** — the same command again at once, nothing changed;
4. **reportkit cold with docx** — the cold run again (both folders deleted first) with
   ``--to html,pdf,docx``, into its own output folder: what Word output adds to a cold
   batch. Skipped, with a note, when this reportkit has no docx output (``--to docx``
   refused) or with ``--skip-docx``.

``--timings`` makes ``reportkit batch`` print where its time went, and the benchmark shows
that table for the cold runs: each stage's mean per report (running the cells, the charts,
nbconvert, WeasyPrint's layout, writing the PDF, the internal workbook; wall and CPU
seconds as each worker measured them) and the batch's own stages (preparing the data,
planning, writing, publishing, the workers' start-up).

Peak memory of each phase is the largest **sum of RSS over the whole process tree** (the
CLI, its workers, their kernels, the shell loop's children), sampled every 0.1 s with
psutil. A sum of RSS counts shared library pages once per process, so it overstates
rather than understates. Goals (issues): cold ≥ 6× faster than the naive loop on 2 cores
(issue 10; it was 4× before); warm ≤ 3 % of cold; peak memory of ``reportkit batch`` ≤
1.5 GiB; docx adds ≤ 15 % to a cold batch. The machine's load average is printed before
each phase: other processes' work slows every phase, so compare runs made at a low load.

    .venv/bin/python benchmarks/batch.py                          # every phase, ~4 min
    .venv/bin/python benchmarks/batch.py --work /tmp/bench-batch  # keep the work folder
    .venv/bin/python benchmarks/batch.py --skip-naive --naive-seconds 99   # quick iteration
    .venv/bin/python benchmarks/batch.py --freeze-code   # immune to edits of the checkout

``reportkit batch`` re-renders when the package source, notebooks or template change, so an
edit to the checkout while the benchmark runs turns the warm run into a full one; the
script names such edits, and ``--freeze-code`` runs every phase on a copy taken at start.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/measuring.py
from measuring import (  # noqa: E402
    BIN,
    GIB,
    REPO,
    Phase,
    _fmt_load,
    _fmt_mem,
    _fmt_s,
    changed_files,
    code_state,
    freeze_code,
    goal_line,
    measure,
    tail,
    timings,
)

from reportkit.data import registry  # noqa: E402

GOAL_SPEEDUP = 6.0  # naive / cold ≥ 6 (issue 10)
GOAL_WARM_SHARE = 0.03  # warm / cold ≤ 3 %
GOAL_PEAK_BYTES = int(1.5 * GIB)
GOAL_DOCX_SHARE = 0.15  # (cold with docx − cold) / cold ≤ 15 %
CLIS = ("jupytext", "papermill", "jupyter", "weasyprint", "reportkit")


# --- the naive shell loop -------------------------------------------------------------------


def naive_script(work: Path, raw: Path, year: int, nbdir: Path) -> str:
    """The shell loop, as a user would write it (plus a step timer, for the breakdown)."""
    processed = work / "processed_naive"
    out = work / "naive"
    area_units(raw)
    units = "\n".join(f"{u.slug}|{u.name}" for u in registry.units_in_year(year))
    district = area_slug(year)
    q = shlex.quote
    return f"""#!/usr/bin/env bash
# The naive way: papermill → nbconvert → weasyprint, one report after the other.
set -u
cd {q(str(work))}
mkdir -p {q(str(out))}
STEPS={q(str(work / "naive-steps.tsv"))}
: > "$STEPS"
t() {{  # run a command and append "tool<TAB>start<TAB>end" to $STEPS
  local s=$EPOCHREALTIME rc
  "$@"; rc=$?
  echo "$1	$s	$EPOCHREALTIME" >> "$STEPS"
  return $rc
}}
t jupytext --to ipynb -o annual_report.ipynb {q(str(nbdir / "annual_report.py"))}

while IFS='|' read -r slug name; do
  t papermill annual_report.ipynb "naive/$slug.ipynb" -k python3 \\
    -p commune "$name" -p year {year} -p data_dir {q(str(raw))} -p lang vi \\
    -p processed_dir {q(str(processed))}
  t jupyter nbconvert --to html --no-input "naive/$slug.ipynb"
  t weasyprint "naive/$slug.html" "naive/$slug.pdf"
done <<'UNITS'
{units}
UNITS

t papermill annual_report.ipynb naive/{district}.ipynb -k python3 \\
  -p year {year} -p data_dir {q(str(raw))} -p lang vi -p processed_dir {q(str(processed))}
t jupyter nbconvert --to html --no-input naive/{district}.ipynb
t weasyprint naive/{district}.html naive/{district}.pdf
"""


def step_breakdown(steps: Path) -> dict[str, tuple[int, float]]:
    """tool → (count, total seconds) from the naive script's step log."""
    totals: dict[str, tuple[int, float]] = {}
    if not steps.is_file():
        return totals
    for line in steps.read_text().splitlines():
        tool, _, times = line.partition("\t")
        try:
            start, end = (float(x) for x in times.split("\t"))
        except ValueError:
            continue
        s = end - start
        n, total = totals.get(tool, (0, 0.0))
        totals[tool] = (n + 1, total + s)
    return totals


# --- checks -----------------------------------------------------------------------------------


def area_units(raw: Path) -> None:
    """Make the units of ``raw`` (its settings' area, its units table) the active ones."""
    from reportkit.data.prepare import units_of
    from reportkit.data.sources import discover

    registry.activate(units_of(discover(raw))[0])


def area_slug(year: int) -> str:
    area = registry.area_for(year)
    return area.slug if area is not None else "area"


def expected_slugs(year: int) -> list[str]:
    return [u.slug for u in registry.units_in_year(year)] + [area_slug(year)]


def count_outputs(
    folder: Path, year: int, exts: tuple[str, ...] = ("html", "pdf")
) -> tuple[dict[str, int], list[str]]:
    """(count by extension, missing or empty files) for the 13 units + district."""
    missing = []
    counts = dict.fromkeys(exts, 0)
    for slug in expected_slugs(year):
        for ext in exts:
            f = folder / f"{slug}.{ext}"
            if f.is_file() and f.stat().st_size > 0:
                counts[ext] += 1
            else:
                missing.append(f.name)
    return counts, missing


# --- the benchmark ----------------------------------------------------------------------------


def run(args: argparse.Namespace, work: Path) -> None:
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.pop("PYTHONPATH", None)
    repo = REPO
    if args.freeze_code:
        repo = freeze_code(work)
        env["PYTHONPATH"] = str(repo / "src")  # ahead of the editable install's path
    probe = subprocess.run(
        [str(BIN / "python"), "-c", "import reportkit; print(reportkit.__file__)"],
        env=env,
        capture_output=True,
        text=True,
    )
    print(f"reportkit imported from: {probe.stdout.strip() or probe.stderr.strip()}")
    missing_clis = [c for c in CLIS if not (BIN / c).exists()]
    if missing_clis:
        print(f"note: not in {BIN}: {', '.join(missing_clis)} (PATH is searched instead)")

    raw = work / "raw"
    if raw.exists():
        shutil.rmtree(raw)
    shutil.copytree(REPO / "data" / "raw", raw)
    processed = work / "processed"  # reportkit's default beside a folder named raw
    out_rk = work / "out_rk"
    year = args.year

    print(f"work folder: {work}")
    print(
        f"machine: {os.cpu_count()} CPUs (usable: {len(os.sched_getaffinity(0))}), "
        f"{psutil.virtual_memory().total / GIB:.1f} GiB RAM; Python {sys.version.split()[0]}"
    )
    print(f"year {year}, 13 units + district, --workers {args.workers}\n")

    naive = Phase("naive loop (papermill → nbconvert → weasyprint)")
    if args.skip_naive:
        naive.seconds = args.naive_seconds
        naive.notes.append("not run (--skip-naive); time from --naive-seconds")
    else:
        for d in ("naive", "processed_naive"):
            shutil.rmtree(work / d, ignore_errors=True)
        script = work / "naive.sh"
        script.write_text(naive_script(work, raw, year, repo / "notebooks"), encoding="utf-8")
        naive.load = os.getloadavg()
        print(f"naive loop: running … (load average {_fmt_load(naive.load)})", flush=True)
        naive.log = work / "naive.log"
        m = measure(["bash", str(script)], naive.log, env, work)
        naive.seconds, naive.peak_bytes, naive.returncode = m.seconds, m.peak_bytes, m.returncode
        naive.other_cores = m.other_cores
        print(f"naive loop: {naive.seconds:.1f} s (exit {naive.returncode})", flush=True)

    cmd = [
        str(BIN / "reportkit"), "batch", "--year", str(year), "--raw", str(raw),
        "--out", str(out_rk), "--workers", str(args.workers), "--timings", "--to", "html,pdf",
    ]  # fmt: skip
    shutil.rmtree(out_rk, ignore_errors=True)
    shutil.rmtree(processed, ignore_errors=True)
    cold = Phase("reportkit batch, cold")
    warm = Phase("reportkit batch, warm (no change)")
    states = [code_state(repo)]
    for phase, tag in ((cold, "cold"), (warm, "warm")):
        m = run_reportkit(phase, tag, cmd, env, work)
        states.append(code_state(repo))
        if m:
            rendered, unchanged, failed = map(int, m.groups())
            if tag == "warm" and rendered:
                edited = changed_files(states[0], states[1]) + changed_files(states[1], states[2])
                why = (
                    "files edited by someone else during the cold run or between the runs: "
                    + ", ".join(sorted(set(edited)))
                    if edited
                    else "no source, notebook or template file changed: change detection "
                    "did not recognise an unchanged input"
                )
                phase.notes.append(
                    f"warm run re-rendered {rendered} report(s) ({m.group(0)}); {why}"
                )
        for label, a, b in (("cold", 0, 1), ("warm", 1, 2)):
            if tag == label and (edited := changed_files(states[a], states[b])):
                phase.notes.append(
                    "reportkit source/notebooks/template edited during this run: "
                    + ", ".join(edited)
                )

    docx = Phase("reportkit batch, cold, --to html,pdf,docx")
    if args.skip_docx:
        docx.notes.append("not run (--skip-docx)")
    elif not supports_docx(env, work):
        docx.notes.append(
            "not run: this reportkit has no docx output (reportkit batch --to html,pdf,docx "
            "is refused); the phase runs once it has"
        )
    else:
        out_docx = work / "out_docx"
        shutil.rmtree(out_docx, ignore_errors=True)
        shutil.rmtree(processed, ignore_errors=True)
        docx_cmd = [*cmd[:-1], "html,pdf,docx"]  # same command, "--to" last
        docx_cmd[docx_cmd.index("--out") + 1] = str(out_docx)
        run_reportkit(docx, "cold, docx", docx_cmd, env, work)
    print()
    report(args, work, naive, cold, warm, docx)


def run_reportkit(
    phase: Phase, tag: str, cmd: list[str], env: dict[str, str], work: Path
) -> re.Match[str] | None:
    """Run ``cmd`` (a ``reportkit batch``) as ``phase``; the match of its summary line."""
    phase.load = os.getloadavg()
    print(f"reportkit {tag}: running … (load average {_fmt_load(phase.load)})", flush=True)
    phase.log = work / f"reportkit-{tag.replace(', ', '-')}.log"
    ms = measure(cmd, phase.log, env, work)
    phase.seconds, phase.peak_bytes, phase.returncode = ms.seconds, ms.peak_bytes, ms.returncode
    phase.other_cores = ms.other_cores
    m = re.search(r"rendered (\d+), unchanged (\d+), failed (\d+).*", tail(phase.log, 80))
    said = m.group(0) if m else tail(phase.log, 1)
    print(f"reportkit {tag}: {phase.seconds:.1f} s (exit {phase.returncode}): {said}", flush=True)
    if m and tag.startswith("cold"):
        rendered, _, failed = map(int, m.groups())
        if rendered != 14 or failed:
            phase.notes.append(f"expected 14 rendered: {m.group(0)}")
    if phase.returncode != 0 or not m:
        phase.notes.append("reportkit batch failed; its output, verbatim:\n" + tail(phase.log))
    return m


def supports_docx(env: dict[str, str], work: Path) -> bool:
    """Whether ``reportkit batch`` takes ``--to html,pdf,docx`` (argparse checks the value
    before it shows the help, so the help exits 0 only when docx is a known format)."""
    probe = [str(BIN / "reportkit"), "batch", "--to", "html,pdf,docx", "--help"]
    return subprocess.run(probe, env=env, cwd=work, capture_output=True).returncode == 0


def report(
    args: argparse.Namespace, work: Path, naive: Phase, cold: Phase, warm: Phase, docx: Phase
) -> None:
    phases = [p for p in (naive, cold, warm, docx) if p.seconds is not None]
    print("=" * 96)
    print(f"{'phase':<47} {'wall time':>10}  {'peak RSS (tree sum)':<21}  load before")
    print("-" * 96)
    for p in phases:
        print(
            f"{p.name:<47} {_fmt_s(p.seconds):>10}  {_fmt_mem(p.peak_bytes):<21}  "
            f"{_fmt_load(p.load)}"
        )
    print("-" * 96)
    print("other processes on the machine meanwhile (mean cores busy outside the measured tree):")
    print(
        "  "
        + ", ".join(
            f"{tag} {p.other_cores:.2f}"
            for tag, p in (("naive", naive), ("cold", cold), ("warm", warm), ("docx", docx))
            if p.other_cores is not None
        )
        + f"  (of {len(os.sched_getaffinity(0))}; > 0.2 means the timings are disturbed)"
    )
    print("-" * 96)

    speedup = (
        naive.seconds / cold.seconds
        if naive.seconds and cold.seconds and cold.returncode == 0
        else None
    )
    warm_share = (
        warm.seconds / cold.seconds
        if cold.seconds and warm.seconds is not None and warm.returncode == 0
        else None
    )
    docx_share = (
        docx.seconds / cold.seconds - 1
        if cold.seconds and docx.seconds is not None and docx.returncode == 0
        else None
    )
    rk_peaks = [p.peak_bytes for p in (cold, warm, docx) if p.peak_bytes is not None]
    rk_peak = max(rk_peaks) if rk_peaks else None
    widths = (38, 16, 12)
    print(goal_line("goal", "measured", "target", None, widths).replace("n/a", "verdict"))
    for label, value, shown, target, ok in (
        (
            "speed-up naive / cold",
            speedup,
            "{:.2f}×",
            f"≥ {GOAL_SPEEDUP:g}×",
            lambda v: v >= GOAL_SPEEDUP,
        ),
        ("warm / cold", warm_share, "{:.1%}", "≤ 3 %", lambda v: v <= GOAL_WARM_SHARE),
        (
            "peak memory, reportkit batch",
            None if rk_peak is None else rk_peak / GIB,
            "{:.2f} GiB",
            "≤ 1.5 GiB",
            lambda v: v * GIB <= GOAL_PEAK_BYTES,
        ),
        (
            "docx added to a cold batch",
            docx_share,
            "{:+.1%}",
            "≤ 15 %",
            lambda v: v <= GOAL_DOCX_SHARE,
        ),
    ):
        text = "—" if value is None else shown.format(value)
        print(goal_line(label, text, target, None if value is None else ok(value), widths))
    cores = len(os.sched_getaffinity(0))
    if cores != 2:
        print(f"note: the speed-up goal is stated for 2 cores; this machine offers {cores}.")
    print("=" * 96)

    for p in (cold, docx):
        if table := timings(p.log):
            print(f"\n{p.name}: where the time went (reportkit batch --timings)")
            print("\n".join(table))

    print("\noutputs (13 units + district, non-empty files):")
    folders = [("reportkit", work / "out_rk" / str(args.year), ("html", "pdf"))]
    if not args.skip_naive:
        folders.insert(0, ("naive", work / "naive", ("html", "pdf")))
    if docx.seconds is not None:
        folders.append(("with docx", work / "out_docx" / str(args.year), ("html", "pdf", "docx")))
    for label, folder, exts in folders:
        counts, missing = count_outputs(folder, args.year, exts)
        state = "OK" if not missing else f"MISSING {', '.join(missing)}"
        made = " + ".join(f"{n:2d} {ext.upper()}" for ext, n in counts.items())
        print(f"  {label:<10} {made} in {folder}: {state}")

    if not args.skip_naive:
        steps = step_breakdown(work / "naive-steps.tsv")
        if steps:
            total = sum(s for _, s in steps.values())
            print("\nnaive loop by CLI step (wall time, sequential):")
            for tool, (n, s) in sorted(steps.items(), key=lambda kv: -kv[1][1]):
                print(
                    f"  {tool:<11} {n:3d} runs  {s:7.1f} s  {100 * s / total:5.1f} %  "
                    f"({s / n:.2f} s each)"
                )
        if naive.returncode:
            naive.notes.append(
                f"the naive loop exited {naive.returncode}; last lines of "
                f"{naive.log}:\n{tail(naive.log, 15)}"
            )

    notes = [(p.name, n) for p in (naive, cold, warm, docx) for n in p.notes]
    if notes:
        print("\nproblems / notes:")
        for name, n in notes:
            print(f"  [{name}] {n}")
    logs = ", ".join(p.log.name for p in (naive, cold, warm, docx) if p.log is not None)
    print(f"\nlogs in {work}: {logs}" + (", naive-steps.tsv" if not args.skip_naive else ""))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--year", type=int, default=2023, help="review year (default 2023)")
    p.add_argument("--workers", type=int, default=2, help="reportkit batch --workers (default 2)")
    p.add_argument("--work", type=Path, help="work folder, kept afterwards (default: a temp dir)")
    p.add_argument("--skip-naive", action="store_true", help="do not run the naive loop")
    p.add_argument(
        "--skip-docx", action="store_true", help="do not run the cold batch with docx output"
    )
    p.add_argument(
        "--naive-seconds",
        type=float,
        help="with --skip-naive: a naive time measured before, for the ratio",
    )
    p.add_argument(
        "--freeze-code",
        action="store_true",
        help="run all phases on a copy of src/, notebooks/ and templates/ taken at the start "
        "(PYTHONPATH), so edits to the checkout during the run change nothing",
    )
    args = p.parse_args(argv)
    if args.work is not None:
        work = args.work.resolve()
        work.mkdir(parents=True, exist_ok=True)
        keep = True
    else:
        work = Path(tempfile.mkdtemp(prefix="reportkit-bench-batch-"))
        keep = False
    try:
        run(args, work)
    except Exception:  # a benchmark: report, never fail
        traceback.print_exc()
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
