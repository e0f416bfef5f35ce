"""Peak memory and time of `tracker-tool validate` and `audit` at the 100,000-row limit.

Usage:
    python benchmarks/bench_memory.py [--rows 100000] [--repeat 1] [--keep DIR]
                                      [--only validate|audit]

Builds a generated action plan (bench_pipeline's rows, a fifth of them faulty) once, kept in
``--keep`` (default: a folder in the system's temporary directory) so later runs reuse it,
then runs each command as its own process and reports its wall time and peak resident memory
(the child's ru_maxrss, which memory pressure from other processes does not change) with the
targets of issues 15 and 16 beside them. Targets are reported, never enforced.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import AS_OF, SEED, make_rows  # noqa: E402

#: (peak MiB, seconds) per command at 100,000 rows.
TARGETS = {"validate": (500, 6.0), "audit": (800, 20.0)}


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "tracker-tool"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tracker_tool"]


def build(path: Path, rows: int) -> Path:
    if not path.exists():
        from tracker_tool import api

        start = time.perf_counter()
        api.build_template("action-plan", path, entries=make_rows(rows))
        print(f"built {path.name} ({path.stat().st_size / 1e6:.1f} MB) in "
              f"{time.perf_counter() - start:.1f} s")
    return path


def commands(path: Path, out: Path) -> dict[str, list[str]]:
    """The two commands measured at the limit; validate writes JSON, the largest output."""
    return {
        "validate": _cli() + ["validate", str(path), "--as-of", AS_OF.isoformat(),
                              "--format", "json"],
        "audit": _cli() + ["audit", str(path), "--as-of", AS_OF.isoformat(), "--out", str(out),
                           "--force"],
    }


def measure(cmd: list[str]) -> tuple[float, float, int, float]:
    """(seconds, peak MiB, exit status, CPU seconds) of ``cmd`` run as a child of a fresh
    probe process.

    RUSAGE_CHILDREN holds the largest child so far, so each command runs under its own
    short-lived Python that reports its one child's peak (and its user + system time, which
    other work on a shared machine barely changes, unlike the wall clock).
    """
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
             "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
             "print(time.perf_counter() - t, u.ru_maxrss, rc, u.ru_utime + u.ru_stime)")
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True,
                         check=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024, int(out[2]), float(out[3])


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--keep", type=Path,
                        default=Path(tempfile.gettempdir()) / "tracker-bench-memory")
    parser.add_argument("--only", choices=tuple(TARGETS))
    args = parser.parse_args(argv)
    args.keep.mkdir(parents=True, exist_ok=True)
    path = build(args.keep / f"actions-{args.rows}-seed{SEED}.xlsx", args.rows)
    out = args.keep / "audit.xlsx"
    print(f"tracker-tool memory benchmark: Python {sys.version.split()[0]}, {args.rows:,} rows "
          f"(~20% faulty, seed {SEED}), as of {AS_OF.isoformat()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'command':<10}{'runs':>5}{'median s':>10}{'cpu s':>8}{'peak MiB':>10}{'exit':>6}"
          "   targets at 100,000 rows")
    for name, cmd in commands(path, out).items():
        if args.only and name != args.only:
            continue
        runs = [measure(cmd) for _ in range(args.repeat)]
        seconds = statistics.median(r[0] for r in runs)
        peak = max(r[1] for r in runs)
        mib, secs = TARGETS[name]
        verdict = (f"< {mib} MiB: {'met' if peak < mib else 'NOT met'}, "
                   f"< {secs:.0f} s: {'met' if seconds < secs else 'NOT met'}")
        cpu = statistics.median(r[3] for r in runs)
        print(f"{name:<10}{len(runs):>5}{seconds:>10.2f}{cpu:>8.2f}{peak:>10.0f}{runs[-1][2]:>6}   "
              f"{verdict}")
    print("peak = the process's maximum resident set (ru_maxrss); exit 1 means error findings")


if __name__ == "__main__":
    main()
