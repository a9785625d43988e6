"""Benchmark: prepare + household summary on a large SYNTHETIC raw folder.

Not a test: it always exits 0. It writes a raw folder of clearly synthetic households
(``households_{year}.csv`` with canonical headers, plus ``population.csv``; every row's
``source`` is ``synthetic-benchmark``), then measures in this one process:

1. ``prepare(raw)`` wall time, and the same pipeline step by step (the library's own
   read_table / clean_table / validate_* / add_rule_status ... called in prepare's order);
2. classification + summary after loading: ``add_rule_status`` on the cleaned households
   frame plus ``household_figures(data, year)`` for every year (goal ≤ 2 s);
3. peak memory: the process's peak RSS (``ru_maxrss``) after prepare + summary (goal ≤ 2 GiB).

The data is generated in a child process so that the generator's own memory does not
count in the measured peak RSS.

    .venv/bin/python benchmarks/prepare_summary.py                 # 1,000,000 rows, 2021–2024
    .venv/bin/python benchmarks/prepare_summary.py --rows 200000 --keep /tmp/bench-raw
    .venv/bin/python benchmarks/prepare_summary.py --profile       # + cProfile top functions
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/measuring.py
from measuring import _verdict, current_rss_bytes, mib, peak_rss_bytes  # noqa: E402

from reportkit import domain  # noqa: E402
from reportkit.data import prepare as prepare_mod
from reportkit.data import registry
from reportkit.data.classify import add_rule_status, classify_arrays, status_mismatch_problems
from reportkit.data.clean import clean_table
from reportkit.data.prepare import units_of
from reportkit.data.problems import ProblemLog
from reportkit.data.read import TABLES, discover, read_table
from reportkit.data.validate import (
    validate_budget,
    validate_households,
    validate_monitoring,
    validate_population,
    validate_targets,
    validate_trainings,
)
from reportkit.figures.indicators import household_figures

SEED = 20240601
SOURCE = "synthetic-benchmark"
LAST_YEAR = 2024  # last review year of the 13-unit layout
GOAL_SUMMARY_S = 2.0
GOAL_PEAK_BYTES = 2 * 1024**3
MISMATCH_SHARE = 0.03  # recorded status differs from the rule's status
WRONG_SCORE_SHARE = 0.005  # score_b ≠ 10 × deprivations
LEAVE_SHARE = 0.07  # households leaving the list each year (never to return)

# Made-up name parts (the benchmark never prints them).
FAMILY = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ",
    "Ngô", "Dương", "Lý",
]  # fmt: skip
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quốc", "Thanh", "Ngọc", "Hữu"]
GIVEN = [
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hòa", "Hùng", "Hương", "Khánh",
    "Lan", "Long", "Mai", "Nam", "Nga", "Phúc", "Quang", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn",
    "Vân",
]  # fmt: skip


# --- synthetic raw folder ------------------------------------------------------------------


AREA = "huyện Hàm Thuận Nam, tỉnh Bình Thuận"  # the demo's district: 13 units


def review_years(n_years: int) -> list[int]:
    return list(range(LAST_YEAR - n_years + 1, LAST_YEAR + 1))


def generate(
    raw: Path, rows: int, years: list[int], seed: int = SEED, one_file: bool = False
) -> dict[str, int]:
    """Write households_{year}.csv (``rows`` rows in total; with ``one_file`` a single
    households.csv holding every year), population.csv and settings.csv (the area) to
    ``raw``.

    A panel: households keep their id, unit, village, name and income level across years;
    each year about LEAVE_SHARE of them leave the list for good and new ones join, and
    incomes and deprivations move, so households escape, fall back into and newly enter
    poverty. The recorded status follows the rule of the year's standard (computed with
    reportkit.data.classify.classify_arrays) except for about MISMATCH_SHARE of rows. Resident
    households are 1.3–2.5 × those reviewed, capped at the plausible maximum per unit of
    domain.toml (a unit reviewing more than that gets population_below_reviewed warnings).
    """
    rng = np.random.default_rng(seed)
    raw.mkdir(parents=True, exist_ok=True)
    # The area the rows are of (settings.csv), and its units: the 13 of the district.
    area = pd.DataFrame({"year": list(years), "commune": "", "area": AREA})
    area.to_csv(raw / "settings.csv", index=False, lineterminator="\n")
    registry.activate(units_of(discover(raw))[0])
    units = registry.units_in_year(2021)
    n_units = len(units)
    names = np.array([u.name for u in units], dtype=object)
    urban_unit = np.array([u.area == "urban" for u in units])
    weight = rng.uniform(0.7, 1.3, n_units)
    weight[urban_unit] *= 1.4
    weight /= weight.sum()
    minority_share = rng.uniform(0.02, 0.5, n_units)
    per_year = np.full(len(years), rows // len(years), dtype=np.int64)
    per_year[: rows % len(years)] += 1

    # Households (attributes that stay with a household across years) are created lazily.
    unit: list[np.ndarray] = []
    alive = np.zeros(0, dtype=np.int64)
    n_house = 0
    year_members: list[np.ndarray] = []
    for k in range(len(years)):
        keep = alive[rng.random(len(alive)) >= LEAVE_SHARE] if k else alive
        target = int(per_year[k])
        if len(keep) > target:
            keep = np.sort(rng.choice(keep, target, replace=False))
        new = target - len(keep)
        unit.append(rng.choice(n_units, new, p=weight))
        alive = np.concatenate([keep, np.arange(n_house, n_house + new)])
        n_house += new
        year_members.append(alive)
    u = np.concatenate(unit).astype(np.int64)
    # Household number within its unit, in order of appearance.
    order = np.argsort(u, kind="stable")
    first = np.searchsorted(u[order], np.arange(n_units))
    seq = np.empty(n_house, dtype=np.int64)
    seq[order] = np.arange(n_house) - first[u[order]] + 1
    codes = [f"B{i:02d}" for i in range(n_units)]
    hid = np.array([f"SYN-{codes[a]}-{b:07d}" for a, b in zip(u, seq, strict=True)], dtype=object)
    village_no = rng.integers(1, 7, n_house)
    village = np.where(
        urban_unit[u],
        np.char.add("Khu phố ", village_no.astype(str)),
        np.char.add("Thôn ", village_no.astype(str)),
    ).astype(object)
    name_table = np.array([f"{a} {b} {c}" for a in FAMILY for b in MIDDLE for c in GIVEN])
    head = name_table[rng.integers(0, len(name_table), n_house)].astype(object)
    members = rng.integers(1, 9, n_house)
    minority = (rng.random(n_house) < minority_share[u]).astype(np.int8)
    agri = (rng.random(n_house) < 0.6).astype(np.int8)
    level = rng.normal(0.12, 0.35, n_house)  # log income relative to the poverty line
    dep_p = np.clip(0.2 - 0.25 * level + rng.normal(0, 0.06, n_house), 0.02, 0.6)

    indicator_cols = domain.indicator_columns()
    columns = domain.tables()["households"].column_names
    counts: dict[str, int] = {"households": n_house}
    most_households = int(domain.tables()["population"].column("households").max or 0)
    population = []
    for k, year in enumerate(years):
        idx = year_members[k]
        idx = idx[np.lexsort((seq[idx], u[idx]))]  # registry unit order, then number
        n = len(idx)
        uu = u[idx]
        urban = urban_unit[uu]
        std = domain.standard_for_year(year)
        line = np.where(urban, std.urban.poverty_line, std.rural.poverty_line)
        log_inc = level[idx] + 0.07 * k + rng.normal(0, 0.15, n)
        income = np.round(line * np.exp(log_inc), -3).astype(np.int64)
        ticks = (rng.random((n, len(indicator_cols))) < dep_p[idx, None]).astype(np.int8)
        deprivations = ticks.sum(axis=1)
        code = classify_arrays(income.astype(float), deprivations, urban, std).astype(np.int64)
        flip = rng.random(n) < MISMATCH_SHARE
        step = np.where(rng.random(n) < 0.5, -1, 1)
        step = np.where(code == 0, 1, np.where(code == 3, -1, step))
        code = np.where(flip, code + step, code)
        score = 10 * deprivations.astype(np.int64)
        score = np.where(rng.random(n) < WRONG_SCORE_SHARE, score + 10, score)
        frame = pd.DataFrame(
            {
                "year": year,
                "household_id": hid[idx],
                "commune": names[uu],
                "village": village[idx],
                "head_name": head[idx],
                "members": members[idx],
                "income_per_capita": income,
                **{c: ticks[:, j] for j, c in enumerate(indicator_cols)},
                "recorded_status": np.array(domain.STATUSES, dtype=object)[code],
                "score_b": score,
                "ethnic_minority": minority[idx],
                "agri_sector": agri[idx],
                "no_labour": (rng.random(n) < 0.05).astype(np.int8),
            }
        )[columns]
        frame["source"] = SOURCE
        if one_file:
            frame.to_csv(
                raw / "households.csv", index=False, lineterminator="\n", mode="a", header=k == 0
            )
        else:
            frame.to_csv(raw / f"households_{year}.csv", index=False, lineterminator="\n")
        counts[f"rows_{year}"] = n
        counts[f"poor_{year}"] = int((code == 0).sum())
        reviewed = np.bincount(uu, minlength=n_units)
        resident = np.ceil(reviewed * rng.uniform(1.3, 2.5, n_units)).astype(np.int64)
        resident = np.minimum(resident, most_households)
        for i in range(n_units):
            population.append(
                {
                    "year": year,
                    "commune": names[i],
                    "households": int(resident[i]),
                    "ethnic_minority_households": int(resident[i] * minority_share[i]),
                    "source": SOURCE,
                }
            )
    pd.DataFrame(population).to_csv(raw / "population.csv", index=False, lineterminator="\n")
    (raw / "README.txt").write_text(
        "SYNTHETIC benchmark data written by benchmarks/prepare_summary.py; not real "
        "households or statistics.\n",
        encoding="utf-8",
    )
    return counts


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def step_by_step(raw: Path) -> list[tuple[str, float]]:
    """prepare's pipeline as separate timed calls of the library's functions, in prepare's
    order; the time of each step (steps of the five small tables summed)."""
    steps: list[tuple[str, float]] = []

    def step(label: str, fn: Callable[[], Any]) -> Any:
        out, s = timed(fn)
        steps.append((label, s))
        return out

    files = step("discover", lambda: discover(raw))
    cleaned = {}
    for name in TABLES:
        which = "households" if name == "households" else "other tables"
        table = step(f"read_table {which}", lambda n=name: read_table(n, files[n]))
        cleaned[name] = step(f"clean_table {which}", lambda t=table: clean_table(t))
        del table  # free the raw text cells, as prepare does once a table is cleaned
        pa.default_memory_pool().release_unused()
    hh = step("validate_households", lambda: validate_households(cleaned["households"]))
    hh, no_standard = step(
        "_drop_years_without_standard", lambda: prepare_mod._drop_years_without_standard(hh)
    )
    cleaned["households"] = hh
    cleaned["population"] = step(
        "validate_population", lambda: validate_population(cleaned["population"], hh.frame)
    )
    for name, fn in [
        ("budget", validate_budget),
        ("trainings", validate_trainings),
        ("monitoring", validate_monitoring),
        ("targets", validate_targets),
    ]:
        cleaned[name] = step("validate other tables", lambda n=name, f=fn: f(cleaned[n]))
    households = step("add_rule_status", lambda: add_rule_status(hh.frame))
    mismatches = step("status_mismatch_problems", lambda: status_mismatch_problems(households))

    def validation_table() -> pd.DataFrame:
        log = ProblemLog()
        for name in TABLES:
            log.extend(cleaned[name].problems)
        log.extend(mismatches + no_standard)
        return log.to_frame()

    step("ProblemLog.to_frame (validation table)", validation_table)
    step(
        "file_sha256 (all raw files)",
        lambda: [prepare_mod.file_sha256(p) for n in TABLES for p in files[n]],
    )
    merged: dict[str, float] = {}
    for label, s in steps:
        merged[label] = merged.get(label, 0.0) + s
    return list(merged.items())


def classify_and_summarise(
    data: prepare_mod.Dataset, cleaned: pd.DataFrame, years: list[int]
) -> tuple[dict[str, float], list[pd.DataFrame]]:
    """add_rule_status on the cleaned households, then household_figures for every year."""
    times: dict[str, float] = {}
    households, times["add_rule_status"] = timed(lambda: add_rule_status(cleaned))
    data.tables["households"] = households
    figures = []
    for y in years:
        fig, times[f"household_figures {y}"] = timed(lambda y=y: household_figures(data, y))
        figures.append(fig)
    return times, figures


def profile(label: str, fn: Callable[[], Any], top: int) -> None:
    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).sort_stats("cumulative").print_stats(top)
    print(f"\n=== cProfile: {label} (top {top} by cumulative time) ===")
    lines = buf.getvalue().splitlines()
    start = next((i for i, ln in enumerate(lines) if "ncalls" in ln), 0)
    print("\n".join(ln for ln in lines[start:] if ln.strip()))


def run(raw: Path, args: argparse.Namespace, years: list[int], gen_s: float) -> None:
    rss_start = peak_rss_bytes()
    data, prepare_s = timed(lambda: prepare_mod.prepare(raw))
    rss_prepare = peak_rss_bytes()
    hh_rows = len(data.households)
    cleaned = data.households.drop(columns=["deprivations", "standard", "rule_status"])
    runs = []
    figures: list[pd.DataFrame] = []
    for _ in range(args.repeat):
        times, figures = classify_and_summarise(data, cleaned, years)
        runs.append(times)
    rss_summary = peak_rss_bytes()
    totals = [sum(t.values()) for t in runs]
    summary_s = statistics.median(totals)
    n_validation = len(data.validation)
    n_mismatch = int(
        (data.households["recorded_status"] != data.households["rule_status"].astype(str)).sum()
    )
    del data, cleaned
    gc.collect()

    steps = step_by_step(raw)
    rss_end = peak_rss_bytes()

    width = 44
    print(
        f"\nrows: {args.rows:,} synthetic household-rows over {len(years)} years "
        f"({years[0]}–{years[-1]}), {len(registry.units_in_year(years[0]))} units; "
        f"{hh_rows:,} kept after prepare; {n_validation:,} validation rows "
        f"({n_mismatch:,} status mismatches)"
    )
    print(
        f"raw folder: {raw} ({sum(p.stat().st_size for p in raw.iterdir()) / 1024**2:,.0f} MiB;"
        f" generated in {gen_s:.1f} s in a child process)"
    )
    peak = rss_summary
    table = [
        ("prepare(raw) total (read+clean+validate+classify)", f"{prepare_s:.2f} s", "—", "info"),
        (
            f"classification + summary (median of {args.repeat})",
            f"{summary_s:.2f} s",
            f"≤ {GOAL_SUMMARY_S:g} s",
            _verdict(summary_s <= GOAL_SUMMARY_S),
        ),
        ("  min / max of those runs", f"{min(totals):.2f} / {max(totals):.2f} s", "", ""),
        (
            "peak RSS after prepare + summary",
            f"{peak / 1024**2:,.0f} MiB = {peak / 1024**3:.2f} GiB",
            "≤ 2 GiB",
            _verdict(peak <= GOAL_PEAK_BYTES),
        ),
    ]
    print(f"\n{'measure':<{width}} {'value':>24}  {'goal':>8}  result")
    print("-" * (width + 44))
    for label, value, goal, result in table:
        print(f"{label:<{width}} {value:>24}  {goal:>8}  {result}")

    print("\nclassification + summary, per part (median over runs):")
    for key in runs[0]:
        print(f"  {key:<{width - 2}} {statistics.median(r[key] for r in runs):>8.3f} s")

    print("\nprepare step by step (the library's functions called in prepare's order):")
    for label, s in steps:
        print(f"  {label:<{width - 2}} {s:>8.3f} s")
    print(f"  {'sum of steps':<{width - 2}} {sum(s for _, s in steps):>8.3f} s")

    print("\npeak RSS (ru_maxrss) at checkpoints:")
    print(f"  {'after imports':<{width - 2}} {mib(rss_start)}")
    print(f"  {'after prepare':<{width - 2}} {mib(rss_prepare)}")
    print(f"  {'after classification + summary':<{width - 2}} {mib(rss_summary)}")
    print(f"  {'after step-by-step run (info)':<{width - 2}} {mib(rss_end)}")
    print(f"  {'current RSS at end':<{width - 2}} {mib(current_rss_bytes())}")

    last = figures[-1].iloc[-1]
    keys = ["reviewed", "poor", "poor_start", "escaped", "removed", "fell_back", "new_poor"]
    print(
        f"\nsanity, district {years[-1]}: "
        + ", ".join(f"{k} {last[k] if pd.notna(last[k]) else '—'}" for k in keys)
    )

    if args.profile:
        del figures
        gc.collect()
        profile("prepare(raw)", lambda: prepare_mod.prepare(raw), args.top)
        data = prepare_mod.prepare(raw)
        cleaned = data.households.drop(columns=["deprivations", "standard", "rule_status"])
        profile(
            "classification + summary",
            lambda: classify_and_summarise(data, cleaned, years),
            args.top,
        )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, default=1_000_000, help="household-rows in total")
    p.add_argument("--years", type=int, default=4, help=f"review years ending {LAST_YEAR}")
    p.add_argument(
        "--one-file",
        action="store_true",
        help="write every year into one households.csv (the largest single file to read)",
    )
    p.add_argument("--keep", type=Path, help="write the raw folder here (default: a temp dir)")
    p.add_argument("--repeat", type=int, default=3, help="runs of classification + summary")
    p.add_argument("--profile", action="store_true", help="also print cProfile top functions")
    p.add_argument("--top", type=int, default=15, help="functions shown per profile")
    p.add_argument("--seed", type=int, default=SEED, help=argparse.SUPPRESS)
    p.add_argument("--generate-only", type=Path, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    years = review_years(args.years)
    covered = {
        y for s in domain.standards() for y in range(s.first_review_year, s.last_review_year + 1)
    }
    if args.rows < 1 or not set(years) <= covered:
        p.error(f"need --rows ≥ 1 and review years with a standard ({min(covered)}–{LAST_YEAR})")

    if args.generate_only is not None:  # the child process
        counts = generate(args.generate_only, args.rows, years, args.seed, args.one_file)
        print(f"generated {args.rows:,} rows, {counts['households']:,} distinct households")
        return 0

    def make(raw: Path) -> float:
        cmd = [
            sys.executable,
            __file__,
            "--rows",
            str(args.rows),
            "--years",
            str(args.years),
            *(["--one-file"] if args.one_file else []),
            "--seed",
            str(args.seed),
            "--generate-only",
            str(raw),
        ]
        _, s = timed(lambda: subprocess.run(cmd, check=True))
        return s

    if args.keep is not None:
        raw = args.keep
        if raw.exists() and any(raw.iterdir()):
            print(f"note: {raw} is not empty; files there are overwritten or also read")
        gen_s = make(raw)
        run(raw, args, years, gen_s)
    else:
        with tempfile.TemporaryDirectory(prefix="reportkit-bench-") as tmp:
            raw = Path(tmp) / "raw"
            gen_s = make(raw)
            run(raw, args, years, gen_s)
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as exc:  # a benchmark reports, it does not fail the build
        traceback.print_exc()
        print(f"benchmark failed: {type(exc).__name__}: {exc}", file=sys.stderr)
    sys.exit(0)
