"""Benchmark `compare`: two 10,000-row returns compared, against validating both.

Usage:
    python benchmarks/bench_compare.py [--rows 10000] [--repeat 3]

Issue 11's target: comparing two returns costs at most validating both plus 20%. The current
return is the previous one a quarter on, drifted the way returns drift: some actions closed,
some due dates moved (half of them with the extension recorded), some progress notes copied
forward, a few actions deleted and some new ones added. Reported, never enforced.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_pipeline import AS_OF, SEED, make_rows  # noqa: E402

from tracker_tool import api  # noqa: E402

TARGET = 1.2
PREVIOUS_AS_OF = AS_OF - timedelta(days=91)


def drifted(rows: list[dict], rng: random.Random) -> list[dict]:
    out = []
    for row in rows:
        roll = rng.random()
        if roll < 0.01 and row.get("status") not in ("Complete", "Closed"):
            continue  # deleted
        row = dict(row)
        if roll < 0.10 and hasattr(row.get("due_date"), "year"):
            row["due_date"] = row["due_date"] + timedelta(days=14)
            if roll < 0.05:
                row["extensions"] = (row.get("extensions") or 0) + 1
        elif roll < 0.20:
            row["progress_update"] = f"{row.get('progress_update') or ''} then more".strip()
        out.append(row)
    extra = make_rows(len(rows) // 20, seed=SEED + 1)
    for n, row in enumerate(extra):
        row["action_id"] = f"N-{n:05d}"
    return out + extra


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    rng = random.Random(SEED)
    before = make_rows(args.rows)
    after = drifted(before, rng)
    with tempfile.TemporaryDirectory() as scratch:
        was, now = Path(scratch) / "previous.xlsx", Path(scratch) / "current.xlsx"
        api.build_template("action-plan", was, entries=before)
        api.build_template("action-plan", now, entries=after)

        def validate_both():
            api.validate_workbook(was, PREVIOUS_AS_OF)
            api.validate_workbook(now, AS_OF)

        def compare():
            return api.compare_returns(was, now, AS_OF, previous_as_of=PREVIOUS_AS_OF)

        both = timed(validate_both, args.repeat)
        compared = timed(compare, args.repeat)
        found = compare()
    ratio = compared / both
    print(f"{len(before):,} and {len(after):,} rows; {len(found.changes):,} changes, "
          f"{len(found.listed):,} listed (median of {args.repeat})")
    print(f"  validate both  {both:7.2f} s")
    print(f"  compare        {compared:7.2f} s  = {ratio:.2f}x validating both "
          f"(target <= {TARGET}x: {'met' if ratio <= TARGET else 'NOT met'})")


if __name__ == "__main__":
    main()
