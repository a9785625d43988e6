"""What the benchmarks measure with (batch.py, province.py, prepare_summary.py): a command
run as its own process tree, timed, its peak memory the largest sum of RSS over the tree
sampled every 0.1 s (psutil; :class:`TreeSampler` for processes started otherwise), the
cores other processes kept busy meanwhile; this process's own peak and current RSS; the
checkout's code state (edits mid-run) and a frozen copy of it; the lines the reports print
(goals, loads, sizes, ``reportkit batch --timings``).
"""

from __future__ import annotations

import contextlib
import hashlib
import resource
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]


BIN = Path(sys.executable).parent  # the venv's bin/ (not resolved: keep the venv's symlink)


GIB = 1024**3


SAMPLE_S = 0.1


@dataclass
class Phase:
    name: str
    seconds: float | None = None
    peak_bytes: int | None = None
    returncode: int | None = None
    other_cores: float | None = None
    log: Path | None = None
    notes: list[str] = field(default_factory=list)
    load: tuple[float, float, float] | None = None  # load averages when the phase started


def _tree_sample(root: psutil.Process, cpu: dict[int, float]) -> int:
    """Summed RSS of ``root`` and its descendants now; records each one's CPU seconds."""
    try:
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            total += p.memory_info().rss
            t = p.cpu_times()
            cpu[p.pid] = t.user + t.system
    return total


def _busy_seconds() -> float:
    """CPU seconds spent busy by the whole machine (all cores) since boot."""
    t = psutil.cpu_times()
    return sum(t) - t.idle - getattr(t, "iowait", 0.0)


@dataclass
class Measurement:
    seconds: float
    peak_bytes: int
    returncode: int
    other_cores: float  # mean number of cores kept busy by processes outside the tree


def measure(argv: list[str], log: Path, env: dict[str, str], cwd: Path) -> Measurement:
    """Run ``argv`` (stdout+stderr → ``log``): wall time, peak tree RSS, return code, and
    how busy the machine was with other processes meanwhile (their share of CPU time)."""
    cpu: dict[int, float] = {}
    with open(log, "wb") as out:
        busy0 = _busy_seconds()
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        root = psutil.Process(proc.pid)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _tree_sample(root, cpu))
            time.sleep(SAMPLE_S)
        seconds = time.perf_counter() - start
        busy = _busy_seconds() - busy0
    # Short-lived children between samples are missed, so "other" is an upper bound.
    other = max(0.0, busy - sum(cpu.values())) / seconds if seconds else 0.0
    return Measurement(seconds, peak, proc.returncode, other)


CODE_PARTS = ("src", "notebooks", "templates", "pyproject.toml")
"""What ``reportkit batch`` fingerprints as its code: an edit to one re-renders."""


def code_state(repo: Path = REPO) -> dict[str, str]:
    """SHA-256 of every file that reportkit batch's change detection hashes besides data
    (package source, notebooks, template): to tell whether someone edited them mid-run."""
    roots = [repo / "src" / "reportkit", repo / "notebooks", repo / "templates"]
    state = {}
    for root in roots:
        for p in sorted(root.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts:
                with contextlib.suppress(OSError):
                    state[p.relative_to(repo).as_posix()] = hashlib.sha256(
                        p.read_bytes()
                    ).hexdigest()
    return state


def changed_files(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def freeze_code(work: Path) -> Path:
    """Copy the package source, notebooks and template to ``work/code`` (same layout, so
    reportkit finds its notebooks and template beside its source) and return the copy."""
    code = work / "code"
    shutil.rmtree(code, ignore_errors=True)
    code.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    for part in CODE_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, code / part, ignore=ignore)
        elif src.is_file():
            shutil.copy2(src, code / part)
    return code


def tail(path: Path | None, lines: int = 30) -> str:
    if path is None or not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    return "\n".join(text[-lines:])


def timings(log: Path | None) -> list[str]:
    """The table ``reportkit batch --timings`` printed at the end of ``log``."""
    lines = tail(log, 80).splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("time per report")]
    if not starts:
        starts = [i for i, line in enumerate(lines) if line.startswith("time of the batch")]
    return lines[starts[-1] :] if starts else []


def _fmt_s(s: float | None) -> str:
    return "—" if s is None else f"{s:8.1f} s"


def _fmt_mem(b: int | None) -> str:
    return "—" if b is None else f"{b / GIB:6.2f} GiB ({b / 1024**2:,.0f} MiB)"


def _verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("PASS" if ok else "MISS")


def goal_line(
    label: str, measured: str, target: str, ok: bool | None, widths: tuple[int, int, int]
) -> str:
    """One row of a benchmark's goal table: what, measured, target, PASS / MISS / n/a."""
    a, b, c = widths
    return f"{label:<{a}} {measured:>{b}}  {target:>{c}}  {_verdict(ok)}"


def _fmt_load(load: tuple[float, float, float] | None) -> str:
    return "—" if load is None else " ".join(f"{x:.2f}" for x in load)


class TreeSampler(threading.Thread):
    """Samples the summed RSS of the process trees of ``roots`` until stopped."""

    def __init__(self, roots: list[psutil.Process]) -> None:
        super().__init__(daemon=True)
        self.roots, self.peak, self.done = roots, 0, threading.Event()

    def run(self) -> None:
        cpu: dict[int, float] = {}
        while not self.done.is_set():
            self.peak = max(self.peak, sum(_tree_sample(r, cpu) for r in self.roots))
            time.sleep(SAMPLE_S)


# --- this process's memory (prepare_summary.py) -------------------------------------------


def peak_rss_bytes() -> int:
    """Peak resident set size of this process so far (ru_maxrss is KiB on Linux)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def current_rss_bytes() -> int | None:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize()
    except OSError:
        return None


def mib(n: int | None) -> str:
    return "?" if n is None else f"{n / 1024**2:,.0f} MiB ({n / 1024**3:.2f} GiB)"
