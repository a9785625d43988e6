"""Benchmark: whole provinces through reportkit — "any commune, any province" (issue 16).

Not a test: it prints figures and always exits 0. For each size (default 6, 31 and 126
communes) it writes a SYNTHETIC province with ``python -m scripts.province_data`` into a
work folder (``p<N>/raw``), then times, each as its own process tree:

1. ``reportkit prepare --raw p<N>/raw`` (the processed tables go beside it, ``p<N>/processed``);
2. ``reportkit batch --raw p<N>/raw --out p<N>/out --years 2025-2026 --to html,pdf,docx
   --workers 2 --timings``.

It prints each phase's wall time, the reports rendered, the cost per report (prepare +
batch, over the reports rendered) and the ratio of the largest province's cost per report to
the smallest's, the per-stage costs ``--timings`` printed, and the peak memory of each
phase (the largest sum of RSS over the process tree, sampled every 0.1 s with psutil: the
helpers of ``benchmarks/batch.py``). Goals: the whole province of 124/126 communes, two
years, HTML + PDF + DOCX on 2 cores in ≤ 5 minutes (prepare + batch); the cost per report
flat within 25 % from the smallest province to the largest; peak memory ≤ 2 GiB.

Then, for the smallest province, the same batch through a local Dask cluster
(``distributed.LocalCluster``: the scheduler in this process, ``--workers`` worker
processes of one thread each; ``reportkit batch --scheduler ADDRESS``) and a comparison of
the two output trees: PDF and DOCX byte-identical, HTML identical apart from the recorded
run metadata (the screen-only "technical information" section: paths, versions, hashes).
The worker processes are sampled for memory too.

A phase that fails (e.g. a reportkit that does not know the province's units yet) is
reported with reportkit's own error line, and the benchmark goes on.

    .venv/bin/python benchmarks/province.py                         # 6, 31, 126 communes
    .venv/bin/python benchmarks/province.py --sizes 6 --work /tmp/bench-province   # quick
    .venv/bin/python benchmarks/province.py --sizes 124 --skip-dask    # one province
    .venv/bin/python benchmarks/province.py --raw data/raw --years 2025-2026   # any raw folder
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/measuring.py
from measuring import (  # noqa: E402
    BIN,
    GIB,
    REPO,
    Phase,
    TreeSampler,
    _fmt_load,
    _fmt_mem,
    _verdict,
    goal_line,
    measure,
    tail,
    timings,
)

import reportkit  # noqa: E402

GOAL_WHOLE_SECONDS = 300.0  # a whole province (≥ 124 communes), two years, three formats
GOAL_WHOLE_COMMUNES = 124
GOAL_FLAT = 1.25  # largest province's cost per report / smallest's
GOAL_PEAK_BYTES = 2 * GIB
SUMMARY = re.compile(r"rendered (\d+), unchanged (\d+), failed (\d+)")
# The run metadata a report's HTML records: the screen-only technical section (parameters,
# input files and their hashes, software versions), never printed nor in the Word file.
LOCK = ".reportkit-batch.lock"  # the output folder's lock (the batch's process id)
RUN_METADATA = re.compile(r'<section class="report-section screen-only">.*?</section>', re.S)


def ok(phase: Phase | None) -> bool:
    return phase is not None and phase.returncode == 0


@dataclass
class Province:
    label: str
    communes: int | None  # None: a raw folder given with --raw
    folder: Path  # p<N>/: raw/, processed/, out/, logs
    phases: dict[str, Phase] = field(default_factory=dict)
    rendered: int | None = None
    failed: int | None = None
    outputs: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def reportkit_seconds(self) -> float | None:
        """prepare + batch, when both ran to the end."""
        p, b = self.phases.get("prepare"), self.phases.get("batch")
        if not (ok(p) and ok(b)) or p is None or b is None:
            return None
        return (p.seconds or 0.0) + (b.seconds or 0.0)

    @property
    def cost_per_report(self) -> float | None:
        total = self.reportkit_seconds
        return total / self.rendered if total and self.rendered else None


# --- running the phases --------------------------------------------------------------------


def environment() -> dict[str, str]:
    """The subprocesses' environment: this interpreter's venv first on PATH, and the reportkit
    this benchmark imported (and the repository, for scripts/) first on PYTHONPATH."""
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    src = Path(reportkit.__file__).resolve().parents[1]
    env["PYTHONPATH"] = os.pathsep.join([str(src), str(REPO)])
    env.setdefault("MPLBACKEND", "Agg")
    return env


def reportkit_cli() -> list[str]:
    exe = BIN / "reportkit"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "reportkit.cli"]


def run_phase(
    province: Province, name: str, argv: list[str], env: dict[str, str], cwd: Path
) -> Phase:
    """Run ``argv`` as the phase ``name`` of ``province``, print one line, keep its log."""
    phase = Phase(name, load=os.getloadavg(), log=province.folder / f"{name}.log")
    print(f"  {name}: running … (load average {_fmt_load(phase.load)})", flush=True)
    m = measure(argv, phase.log, env, cwd)
    phase.seconds, phase.peak_bytes = m.seconds, m.peak_bytes
    phase.returncode, phase.other_cores = m.returncode, m.other_cores
    said = SUMMARY.search(tail(phase.log, 80))
    lines = tail(phase.log, 80).splitlines() or [""]
    last = said.group(0) if said else (lines[0] if name == "generate" else lines[-1]).strip()
    print(f"  {name}: {phase.seconds:.1f} s (exit {phase.returncode}): {last}", flush=True)
    if not ok(phase):
        province.notes.append(f"{name} exited {phase.returncode}: {error_line(phase.log)}")
    province.phases[name] = phase
    return phase


def error_line(log: Path | None) -> str:
    """reportkit's own error line in ``log`` (else its last line)."""
    lines = tail(log, 80).splitlines()
    errors = [line for line in lines if "error:" in line]
    return (errors or lines or ["(no output)"])[-1].strip()


def batch_argv(args: argparse.Namespace, raw: Path, out: Path) -> list[str]:
    return [
        *reportkit_cli(), "batch", "--raw", str(raw), "--out", str(out),
        "--years", args.years, "--to", args.to, "--timings",
    ]  # fmt: skip


def count_outputs(out: Path, formats: list[str]) -> dict[str, int]:
    """Non-empty report files per format under OUT/{year}/."""
    return {ext: sum(1 for p in out.glob(f"*/*.{ext}") if p.stat().st_size > 0) for ext in formats}


def bench_province(args: argparse.Namespace, province: Province, env: dict[str, str]) -> None:
    raw, out = province.folder / "raw", province.folder / "out"
    print(f"\n{province.label}", flush=True)
    if province.communes is not None:
        generator = [
            sys.executable, "-m", "scripts.province_data", str(raw),
            "--communes", str(province.communes), "--years", args.years.replace("-", ","),
            "--seed", str(args.seed),
        ]  # fmt: skip
        if not ok(run_phase(province, "generate", generator, env, REPO)):
            return
        shown = tail(province.phases["generate"].log, 6).splitlines()
        print("\n".join(f"    {line}" for line in shown if line.strip()[:4].isdigit()))
    run_phase(
        province, "prepare", [*reportkit_cli(), "prepare", "--raw", str(raw)], env, raw.parent
    )
    argv = [*batch_argv(args, raw, out), "--workers", str(args.workers)]
    batch = run_phase(province, "batch", argv, env, raw.parent)
    said = SUMMARY.search(tail(batch.log, 80))
    if said:
        province.rendered, _, province.failed = map(int, said.groups())
    province.outputs = count_outputs(out, args.to.split(","))
    if province.communes is not None:
        n_years = len(args.years.replace("-", ",").split(","))
        province.notes.append(
            f"expected {(province.communes + 1) * n_years} reports: "
            f"({province.communes} communes + the province) × {n_years} years"
        )


# --- the Dask comparison ---------------------------------------------------------------------


@contextlib.contextmanager
def local_cluster(workers: int, env: dict[str, str]) -> Iterator[tuple[str, list[psutil.Process]]]:
    """A local Dask cluster (``distributed.LocalCluster``: the scheduler in this process,
    ``workers`` worker processes of one thread each, as ``--nthreads 1`` asks) whose workers
    import the same reportkit as the batch (``env``'s PYTHONPATH); (address, the worker
    processes: this process's children once the cluster is up)."""
    import distributed

    before = {p.pid for p in psutil.Process().children()}
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = env["PYTHONPATH"]  # inherited by the worker processes
    try:
        with distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        ) as cluster:
            roots = [p for p in psutil.Process().children() if p.pid not in before]
            yield cluster.scheduler_address, roots
    finally:
        if saved is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = saved


def bench_dask(
    args: argparse.Namespace, province: Province, env: dict[str, str]
) -> tuple[Phase, int | None, dict[str, list[str]]] | None:
    """The smallest province's batch on a local Dask cluster, and the two trees compared."""
    raw, out = province.folder / "raw", province.folder / "out-dask"
    print(f"\n{province.label}, through a local Dask cluster ({args.workers} workers)", flush=True)
    with local_cluster(args.workers, env) as (address, roots):
        sampler = TreeSampler(roots)
        sampler.start()
        argv = [*batch_argv(args, raw, out), "--scheduler", address]
        phase = run_phase(province, "batch-dask", argv, env, raw.parent)
        sampler.done.set()
        sampler.join()
    return phase, sampler.peak, compare_trees(province.folder / "out", out)


def compare_trees(a: Path, b: Path) -> dict[str, list[str]]:
    """The files of two output trees by verdict: identical, identical apart from run
    metadata (a report's HTML), different, only in one tree."""
    files_a, files_b = (
        {p.relative_to(t).as_posix() for p in t.rglob("*") if p.is_file() and p.name != LOCK}
        for t in (a, b)
    )
    verdicts: dict[str, list[str]] = {
        "identical": [],
        "identical apart from run metadata": [],
        "different": [],
        "only in one tree": sorted(files_a ^ files_b),
    }
    for name in sorted(files_a & files_b):
        x, y = (a / name).read_bytes(), (b / name).read_bytes()
        if x == y:
            verdicts["identical"].append(name)
        elif name.endswith(".html") and RUN_METADATA.sub("", x.decode()) == RUN_METADATA.sub(
            "", y.decode()
        ):
            verdicts["identical apart from run metadata"].append(name)
        else:
            verdicts["different"].append(name)
    return verdicts


def is_report(name: str) -> bool:
    """A report file (OUT/{year}/slug.html|pdf|docx), not an index, workbook or archive."""
    parts = name.split("/")
    return len(parts) == 2 and parts[0].isdigit() and parts[1].endswith((".html", ".pdf", ".docx"))


# --- the report -------------------------------------------------------------------------------


def _s(x: float | None) -> str:
    return "—" if x is None else f"{x:.1f} s"


def report(
    args: argparse.Namespace,
    provinces: list[Province],
    dask: tuple[Phase, int | None, dict[str, list[str]]] | None,
) -> None:
    print("\n" + "=" * 100)
    print(
        f"{'province':<26} {'phase':<11} {'wall time':>10}  {'peak RSS (tree sum)':<22}"
        "  load before"
    )
    print("-" * 100)
    for p in provinces:
        for ph in p.phases.values():
            print(
                f"{p.label:<26} {ph.name:<11} {_s(ph.seconds):>10}  {_fmt_mem(ph.peak_bytes):<22}"
                f"  {_fmt_load(ph.load)}" + ("" if ok(ph) else f"  (exit {ph.returncode})")
            )
    print("-" * 100)
    print(
        f"{'province':<26} {'reports':>8} {'failed':>7} {'prepare+batch':>14} {'per report':>11}"
        f"  outputs"
    )
    for p in provinces:
        made = ", ".join(f"{n} {ext.upper()}" for ext, n in p.outputs.items()) or "—"
        per = p.cost_per_report
        print(
            f"{p.label:<26} {'—' if p.rendered is None else p.rendered:>8}"
            f" {'—' if p.failed is None else p.failed:>7} {_s(p.reportkit_seconds):>14}"
            f" {'—' if per is None else f'{per:.2f} s':>11}  {made}"
        )
    others = [
        f"{p.label} {ph.name} {ph.other_cores:.2f}"
        for p in provinces
        for ph in p.phases.values()
        if ph.other_cores is not None and ph.name in ("prepare", "batch")
    ]
    if others:
        print("other processes meanwhile (mean cores busy outside the measured tree; > 0.2 means")
        print("the timings are disturbed): " + ", ".join(others))
    print("-" * 100)

    measured = [p for p in provinces if p.cost_per_report is not None]
    flat = None
    if len(measured) >= 2:
        small = min(measured, key=lambda p: p.rendered or 0)
        large = max(measured, key=lambda p: p.rendered or 0)
        flat = (large.cost_per_report or 0) / (small.cost_per_report or 1)
    whole = [p for p in provinces if p.communes is not None and p.communes >= GOAL_WHOLE_COMMUNES]
    whole_s = whole[-1].reportkit_seconds if whole else None
    peaks = [
        ph.peak_bytes
        for p in provinces
        for name, ph in p.phases.items()
        if name != "generate" and ok(ph) and ph.peak_bytes is not None
    ]
    peak = max(peaks) if peaks else None
    widths = (52, 14, 10)
    print(goal_line("goal", "measured", "target", None, widths).replace("n/a", "verdict"))
    label = f"whole province ({whole[-1].communes} communes)" if whole else "whole province"
    rows = (
        (f"{label}, prepare + batch", whole_s, _s(whole_s), "≤ 300 s", GOAL_WHOLE_SECONDS),
        (
            "cost per report, largest / smallest province",
            flat,
            f"{flat or 0:.2f}×",
            "≤ 1.25×",
            GOAL_FLAT,
        ),
        (
            "peak memory, prepare and batch (process tree)",
            peak,
            f"{(peak or 0) / GIB:.2f} GiB",
            "≤ 2 GiB",
            GOAL_PEAK_BYTES,
        ),
    )
    for what, value, shown, target, goal in rows:
        met = None if value is None else value <= goal
        print(goal_line(what, "—" if value is None else shown, target, met, widths))
    cores = len(os.sched_getaffinity(0))
    if cores != 2:
        print(f"note: the goals are stated for 2 cores; this machine offers {cores}.")
    print("=" * 100)

    for p in provinces:
        table = timings(p.phases["batch"].log) if "batch" in p.phases else []
        if table:
            print(f"\n{p.label}: where the batch's time went (reportkit batch --timings)")
            print("\n".join(table))

    if dask is not None:
        phase, cluster_peak, verdicts = dask
        print("\nlocal batch against the same batch on a Dask cluster:")
        print(
            f"  wall time {_s(phase.seconds)} (exit {phase.returncode}); peak RSS client"
            f" {_fmt_mem(phase.peak_bytes)}, cluster workers {_fmt_mem(cluster_peak)}"
        )
        reports = {k: [n for n in v if is_report(n)] for k, v in verdicts.items()}
        for ext in ("pdf", "docx", "html"):
            counts = {k: sum(n.endswith(f".{ext}") for n in v) for k, v in reports.items()}
            print(f"  {ext.upper():<5} " + ", ".join(f"{n} {k}" for k, n in counts.items()))
        bad = [n for n in reports["different"] + reports["only in one tree"]]
        bad += [n for n in reports["identical apart from run metadata"] if not n.endswith("html")]
        compared = sum(len(v) for v in reports.values())
        same = None if not compared or not ok(phase) else not bad
        print(
            "  reports: PDF and DOCX byte-identical, HTML apart from run metadata: "
            + _verdict(same)
        )
        for name in bad[:10]:
            print(f"    differs: {name}")
        rest = {k: [n for n in v if not is_report(n)] for k, v in verdicts.items()}
        print("  other files (indexes, workbooks, archives; executed notebooks and manifest.json")
        print("  record each run's times and cell ids, so they differ):")
        print("    " + ", ".join(f"{len(v)} {k}" for k, v in rest.items()))
        if rest["different"]:
            print("    different: " + ", ".join(rest["different"][:8]))

    notes = [(p.label, n) for p in provinces for n in p.notes]
    if notes:
        print("\nproblems / notes:")
        for label, n in notes:
            print(f"  [{label}] {n}")
    print(f"\nlogs in each province's folder under {args.work_dir}")


# --- main ---------------------------------------------------------------------------------------


def run(args: argparse.Namespace, work: Path) -> None:
    env = environment()
    probe = subprocess.run([*reportkit_cli(), "--version"], env=env, capture_output=True, text=True)
    print(f"reportkit: {probe.stdout.strip() or probe.stderr.strip()} from {reportkit.__file__}")
    ram = psutil.virtual_memory().total / GIB
    cores = f"{len(os.sched_getaffinity(0))} of {os.cpu_count()} CPUs usable"
    print(f"work folder {work}; {cores}, {ram:.1f} GiB RAM, Python {sys.version.split()[0]}")
    print(f"years {args.years}, --to {args.to}, --workers {args.workers}, seed {args.seed}")
    provinces: list[Province] = []
    if args.raw is not None:
        folder = work / "given"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(args.raw, folder / "raw")
        provinces.append(Province(f"raw folder {args.raw}", None, folder))
    else:
        for n in args.sizes:
            folder = work / f"p{n}"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            provinces.append(Province(f"province of {n} communes", n, folder))
    for province in provinces:
        bench_province(args, province, env)

    dask = None
    smallest = min(provinces, key=lambda p: p.communes or 0)
    if args.skip_dask:
        smallest.notes.append("Dask comparison not run (--skip-dask)")
    elif importlib.util.find_spec("distributed") is None:
        smallest.notes.append("Dask comparison not run: distributed is not installed")
    elif not smallest.rendered:
        smallest.notes.append("Dask comparison not run: the local batch rendered nothing")
    else:
        dask = bench_dask(args, smallest, env)
    report(args, provinces, dask)


def sizes(text: str) -> list[int]:
    try:
        values = sorted({int(x) for x in text.split(",") if x.strip()})
    except ValueError:
        values = []
    if not values or values[0] < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give communes per province, e.g. 6,31,126")
    return values


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=sizes, default=[6, 31, 126], help="communes (6,31,126)")
    p.add_argument("--years", default="2025-2026", help="review years (default 2025-2026)")
    p.add_argument("--to", default="html,pdf,docx", help="formats (default html,pdf,docx)")
    p.add_argument("--workers", type=int, default=2, help="batch --workers (default 2)")
    p.add_argument("--seed", type=int, default=20250701, help="the generator's seed")
    p.add_argument("--skip-dask", action="store_true", help="no batch on a Dask cluster")
    p.add_argument("--raw", type=Path, help="benchmark a copy of this raw folder instead")
    p.add_argument("--work", type=Path, help="work folder, kept afterwards (default: temp)")
    args = p.parse_args(argv)
    with contextlib.ExitStack() as stack:
        if args.work is None:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="rk-province-")))
            args.work_dir = f"{work} (deleted at the end; --work to keep)"
        else:
            work = args.work.resolve()
            work.mkdir(parents=True, exist_ok=True)
            args.work_dir = work
        try:
            run(args, work)
        except Exception:  # a benchmark: it reports the failure and exits 0
            print(f"the benchmark stopped:\n{traceback.format_exc()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
