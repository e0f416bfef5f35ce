"""Benchmark `tracker-tool batch`: throughput with one worker and with every core, and memory.

Usage:
    python benchmarks/bench_batch.py [--workbooks 300] [--rows 200] [--small 30]
                                     [--workers N] [--keep DIR]

The claims being checked (DESIGN: batch validation and the roll-up):
- a process pool scales: with all cores at least 1.8x the workbooks per second of one worker
  on a 2-core machine, and at least 12 workbooks a second (issue 16);
- memory stays flat as the batch grows: the peak for 300 workbooks within 20% of the peak for
  30, because no workbook's rows outlive its report.

Each timed run is a fresh `validate_many(..., redo_all=True)`, so nothing comes from the cache;
each memory run is a fresh process, so peaks are not inherited. Half the workbooks are clean,
half have a fifth of their rows faulty. Targets are reported, never enforced.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path

AS_OF = date(2026, 11, 21)
SEED = 20261121
TARGETS = {"speed-up on 2 cores": 1.8, "workbooks a second": 12.0,
           "memory growth 30 -> 300": 0.20}
PEOPLE = ("Priya Shah", "Tom Okafor", "Aisha Begum", "Gareth Jones", "Maria Santos",
          "Grace Mensah", "Fiona Campbell", "Imran Hussain")
FAULTS = ("owner-missing", "owner-group", "due-asap", "due-impossible", "complete-no-evidence",
          "overdue-high")


def clean_row(rng: random.Random, n: int) -> dict:
    created = AS_OF - timedelta(days=rng.randint(5, 60))
    return {
        "action_id": f"A-{n + 1:04d}", "title": "Re-audit MAR charts", "source": "Audit",
        "source_ref": f"AUD-2026-{rng.randint(1, 999):03d}", "date_created": created,
        "description": ("Audit the last 20 MAR charts for missed signatures and brief staff "
                        "on each error found."),
        "intended_outcome": "No missed signatures in the repeat audit",
        "owner": rng.choice(PEOPLE), "due_date": AS_OF + timedelta(days=rng.randint(3, 60)),
        "priority": "Medium", "evidence_required": "Repeat MAR audit report",
        "review_date": AS_OF + timedelta(days=7), "escalation_route": "Registered Manager",
        "status": "In progress", "progress_update": "Half of the charts audited",
    }


def faulty_row(rng: random.Random, n: int) -> dict:
    row = clean_row(rng, n)
    fault = rng.choice(FAULTS)
    if fault == "owner-missing":
        row["owner"] = None
    elif fault == "owner-group":
        row["owner"] = "All staff"
    elif fault == "due-asap":
        row["due_date"] = "ASAP"
    elif fault == "due-impossible":
        row["due_date"] = "31/09/2026"
    elif fault == "complete-no-evidence":
        row.update(status="Complete", date_completed=AS_OF - timedelta(days=1),
                   what_was_done="Audit done", outcome_achieved="Yes", further_action="No",
                   effectiveness_needed="No")
    else:
        row.update(priority="High", high_priority_reason="Medicine safety",
                   due_date=AS_OF - timedelta(days=rng.randint(8, 40)))
    return row


def make_workbook(args: tuple[Path, int, int, bool]) -> Path:
    from tracker_tool import api

    path, rows, seed, faulty = args
    rng = random.Random(seed)
    entries = [faulty_row(rng, n) if faulty and rng.random() < 0.2 else clean_row(rng, n)
               for n in range(rows)]
    return api.build_template("action-plan", path, entries=entries)


def make_batch(folder: Path, count: int, rows: int) -> list[Path]:
    """``count`` different workbooks (built in parallel: templates are slow to write)."""
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [(folder / f"service-{i:03d}.xlsx", rows, SEED + i, i % 2 == 1)
            for i in range(count)]
    todo = [job for job in jobs if not job[0].exists()]
    with ProcessPoolExecutor() as pool:
        list(pool.map(make_workbook, todo, chunksize=4))
    return [job[0] for job in jobs]


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the pool's workers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def timed_batch(folder: Path, out: Path, workers: int) -> tuple[float, float, object]:
    """Wall seconds, CPU seconds and the result of one full batch (the pool is shut down, so
    its workers' CPU time is counted)."""
    from tracker_tool import api

    start, cpu = time.perf_counter(), _cpu_seconds()
    result = api.validate_many([folder], out, AS_OF, workers=workers, redo_all=True)
    return time.perf_counter() - start, _cpu_seconds() - cpu, result


def memory_run(folder: Path, out: Path, workers: int) -> dict:
    """Peak resident memory of a whole batch, in a fresh process (the driver and a worker)."""
    code = (
        "import json, resource, sys\n"
        "from datetime import date\n"
        "from tracker_tool import api\n"
        f"api.validate_many([{str(folder)!r}], {str(out)!r}, date(2026, 11, 21), "
        f"workers={workers}, redo_all=True)\n"
        "me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(json.dumps({'driver': me, 'worker': kids}))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    return {k: v / 1024 for k, v in json.loads(done.stdout.splitlines()[-1]).items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workbooks", type=int, default=300)
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--small", type=int, default=30, help="the small batch for memory")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--keep", type=Path, default=None,
                        help="generate the workbooks here and keep them for the next run")
    parser.add_argument("--result", type=Path, default=None,
                        help="also write the figures as JSON here (bench_pipeline.py reads it)")
    args = parser.parse_args()

    scratch = tempfile.TemporaryDirectory()
    base = args.keep or Path(scratch.name)
    print(f"tracker-tool batch benchmark: Python {sys.version.split()[0]}, {os.cpu_count()} "
          f"cores, {args.workbooks} workbooks x {args.rows} actions (half clean, half ~20% "
          f"faulty rows), as of {AS_OF}")
    start = time.perf_counter()
    big = base / "returns"
    paths = make_batch(big, args.workbooks, args.rows)
    small = base / "small"
    small.mkdir(exist_ok=True)
    for path in paths[: args.small]:
        target = small / path.name
        if not target.exists():
            target.write_bytes(path.read_bytes())
    size = sum(p.stat().st_size for p in paths) / len(paths) / 1024
    print(f"built {len(paths)} workbooks ({size:.0f} KB each) in "
          f"{time.perf_counter() - start:.0f} s\n")

    timed_batch(small, base / "warm", 1)  # imports, page cache
    load = os.getloadavg()[0]
    runs: dict[int, list[float]] = {1: [], args.workers: []}
    cpu: dict[int, list[float]] = {1: [], args.workers: []}
    for _ in range(args.repeat):
        for workers, times in runs.items():  # interleaved: drift on a shared machine hits both
            seconds, used, result = timed_batch(big, base / f"out-{workers}", workers)
            times.append(seconds)
            cpu[workers].append(used)
    errors = sum(s.has_errors for s in result.summaries)
    print(f"{'workers':>8} {'runs':>5} {'median s':>9} {'workbooks/s':>12} {'speed-up':>9} "
          f"{'CPU ms/workbook':>16}")
    one = statistics.median(runs[1])
    for workers, times in runs.items():
        median = statistics.median(times)
        per_book = statistics.median(cpu[workers]) / args.workbooks * 1000
        print(f"{workers:>8} {len(times):>5} {median:>9.1f} {args.workbooks / median:>12.1f} "
              f"{one / median:>8.2f}x {per_book:>16.0f}")
    print(f"load average (1 min) before the timed runs: {load:.1f}, after: "
          f"{os.getloadavg()[0]:.1f} (other work on the machine slows the pool first)")
    speed_up = one / statistics.median(runs[args.workers])
    target = TARGETS["speed-up on 2 cores"]
    per_second = args.workbooks / statistics.median(runs[args.workers])
    rate = TARGETS["workbooks a second"]
    print(f"{errors} of {len(result.summaries)} workbooks have errors; "
          f"speed-up target (2 cores) >= {target}x: "
          f"{'met' if speed_up >= target else 'NOT met'}; "
          f">= {rate:.0f} workbooks/s: {'met' if per_second >= rate else 'NOT met'}\n")

    small_peak = memory_run(small, base / "mem-small", args.workers)
    big_peak = memory_run(big, base / "mem-big", args.workers)
    print(f"{'peak memory (MiB)':<22} {args.small:>6} {args.workbooks:>6}  growth")
    worst = 0.0
    for part in ("driver", "worker"):
        growth = big_peak[part] / small_peak[part] - 1
        worst = max(worst, growth)
        print(f"{part:<22} {small_peak[part]:>6.0f} {big_peak[part]:>6.0f}  {growth:+.0%}")
    limit = TARGETS["memory growth 30 -> 300"]
    print(f"memory target: within {limit:.0%}: {'met' if worst <= limit else 'NOT met'}")
    print("(driver: the process running validate_many; worker: the largest pool process)")
    if args.result:
        args.result.write_text(json.dumps({
            "workbooks": args.workbooks, "rows": args.rows, "speed_up": speed_up,
            "per_second": per_second, "memory_growth": worst}))
    scratch.cleanup()


if __name__ == "__main__":
    main()
