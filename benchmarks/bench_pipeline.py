"""Benchmark tracker-tool's validate and audit pipelines against plain openpyxl, plus start-up.

Usage:
    python benchmarks/bench_pipeline.py [--rows 10000] [--repeat 3] [--baseline-repeat N]
                                        [--format-runs 3] [--profile]

The claim being checked is that reading with calamine and writing with XlsxWriter keeps a
large returned tracker fast to check (validate at least 10x, audit at least 2x faster than the
code most people would write with openpyxl), that the CLI does not pay for heavy imports
before it needs them, and that `validate --format json` costs at most 1.2x `--format text` on
a file with tens of thousands of findings. Targets are reported, never enforced: timings on a
shared machine are too noisy to fail a build on.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

from tracker_tool.policy.service_policy import DEFAULT_POLICY
from tracker_tool.trackers.action_plan.vocabulary import (
    EffectivenessResult,
    OutcomeAchieved,
    Priority,
    Source,
    Status,
    YesNo,
)

AS_OF = date(2026, 11, 21)
SEED = 20261121
REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "samples" / "oakfield-house" / "oakfield-house-actions.xlsx"
TARGETS = {"validate": 10.0, "audit": 2.0}
#: Most a machine-readable format may cost over text for the same `validate` (whole process).
FORMAT_TARGET = {"json": 1.2}
FORMAT_FAULT_SHARE = 0.8
HEAVY_MODULES = ("pydantic", "xlsxwriter", "python_calamine", "openpyxl")
#: Reasons and sources whose overdue actions must be escalated (s13), as cell text.
ESCALATE = (set(DEFAULT_POLICY.high_priority.escalate_when_overdue)
            | set(DEFAULT_POLICY.overdue.escalate_sources))
CATEGORIES = tuple(DEFAULT_POLICY.high_priority.categories)

# -- realistic rows ---------------------------------------------------------------------------

PEOPLE = ("Priya Shah", "Tom Okafor", "Aisha Begum", "Gareth Jones", "Maria Santos",
          "Daniel Kowalski", "Grace Mensah", "Fiona Campbell", "Imran Hussain", "Sarah Lewis")
TOPICS = (
    ("Re-audit MAR charts", "Audit the last 20 MAR charts for missed signatures and brief staff "
     "on errors found", "No missed signatures in the repeat audit", "Repeat MAR audit report"),
    ("Update falls care plans", "Review falls risk assessments for residents with two or more "
     "falls and update their care plans", "Fewer repeat falls next quarter", "Updated care plans"),
    ("Refresh moving and handling", "Book refresher training for night staff overdue on moving "
     "and handling", "All night staff in date", "Training log"),
    ("Fix call-bell response", "Check call-bell logs weekly and agree cover at handover",
     "Call bells answered within five minutes", "Call-bell log review"),
    ("Complaint response letters", "Send written responses to open complaints and log learning",
     "Complaints answered within 20 days", "Complaint register entries"),
    ("Infection control audit", "Complete the quarterly IPC audit on both floors and act on "
     "gaps", "IPC audit score above 90%", "IPC audit report"),
)
OPEN_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.AWAITING_EXTERNAL)
FAULTS = ("owner-missing", "owner-group", "due-asap", "due-impossible", "complete-no-evidence",
          "overdue-not-escalated", "duplicate-id")


def _uk(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _needs_escalation(row: dict) -> bool:
    return (row["priority"] == Priority.HIGH.value or row["source"] in ESCALATE
            or row.get("high_priority_reason") in ESCALATE or (row.get("extensions") or 0) > 1)


def clean_row(rng: random.Random, n: int, status: Status | None = None) -> dict:
    """A row a careful manager would write, so the only findings are the faults we inject.

    Overdue open actions still get their (correct) overdue warning, as in any real plan.
    """
    status = status or rng.choices(list(Status), weights=(15, 35, 10, 25, 15))[0]
    done = status not in OPEN_STATUSES
    created = AS_OF - timedelta(days=rng.randint(40, 320) if done else rng.randint(3, 60))
    priority = rng.choices(list(Priority), weights=(2, 5, 3))[0]
    high = priority is Priority.HIGH
    due = created + timedelta(days=rng.choice((7, 14, 28, 42, 60, 90)) // (2 if high else 1))
    title, description, outcome, evidence = rng.choice(TOPICS)
    row = {
        "action_id": f"A-{n + 1:05d}", "title": title, "source": rng.choice(list(Source)).value,
        "source_ref": f"REF-2026-{rng.randint(1, 999):03d}", "date_created": created,
        "description": description, "intended_outcome": outcome, "owner": rng.choice(PEOPLE),
        "due_date": due, "priority": priority.value,
        "high_priority_reason": rng.choice(CATEGORIES) if high else None,
        "linked_risk": f"RR-{rng.randint(1, 40):02d}" if rng.random() < 0.4 else None,
        "evidence_required": evidence, "review_date": created + timedelta(days=28),
        "escalation_route": "Registered Manager then Nominated Individual",
        "status": status.value, "extensions": 0,
    }
    if rng.random() < 0.1:
        row.update(original_due_date=due - timedelta(days=14), extensions=1)
    if rng.random() < 0.03:  # typed rather than picked: still a valid UK date
        row["date_created"] = _uk(created)
    if done:
        _complete(rng, row, status, created, due)
    else:
        row["progress_update"] = f"{_uk(AS_OF - timedelta(days=rng.randint(1, 20)))}: underway"
        if status is Status.AWAITING_EXTERNAL:
            row.update(external_input="Pharmacy MAR reprint", external_from="Boots pharmacy",
                       external_due=AS_OF + timedelta(days=rng.randint(3, 30)))
        if due < AS_OF and _needs_escalation(row):
            row["escalation_record"] = f"{_uk(due + timedelta(days=2))}: raised with the NI"
    return row


def _complete(rng: random.Random, row: dict, status: Status, created: date, due: date) -> None:
    finished = max(created, min(due, AS_OF - timedelta(days=1)) - timedelta(days=rng.randint(0, 5)))
    row.update(date_completed=finished, what_was_done="Done as described; staff briefed",
               completion_evidence=f"Evidence folder {row['action_id']}",
               outcome_achieved=OutcomeAchieved.YES.value, further_action=YesNo.NO.value,
               effectiveness_needed=rng.choice(list(YesNo)).value)
    if row["effectiveness_needed"] == YesNo.YES.value:
        check = finished + timedelta(days=28)
        row["effectiveness_due"] = check
        if check < AS_OF:
            row.update(effectiveness_done=check - timedelta(days=1),
                       effectiveness_result=EffectivenessResult.WORKED.value)
    if status is Status.CLOSED:
        row["closure_reviewed_by"] = "Tom Okafor"


def inject_fault(rng: random.Random, n: int, earlier: list[dict]) -> dict:
    """One faulty row of the kinds auditors actually find in returned trackers."""
    fault = rng.choice(FAULTS)
    if fault == "complete-no-evidence":
        row = clean_row(rng, n, Status.COMPLETE)
        row["completion_evidence"] = None
    elif fault == "overdue-not-escalated":
        row = clean_row(rng, n, Status.IN_PROGRESS)
        due = AS_OF - timedelta(days=rng.randint(5, 60))
        row.update(priority=Priority.HIGH.value, due_date=due, escalation_record=None,
                   high_priority_reason="Medicine safety",
                   date_created=due - timedelta(days=28), review_date=due)
    else:
        row = clean_row(rng, n)
        if fault == "owner-missing":
            row["owner"] = None
        elif fault == "owner-group":
            row["owner"] = rng.choice(("Team", "All staff", "Night staff"))
        elif fault == "due-asap":
            row["due_date"] = "ASAP"
        elif fault == "due-impossible":
            row["due_date"] = "31/09/2026"
        elif earlier:
            row["action_id"] = rng.choice(earlier)["action_id"]
    return row


def make_rows(count: int, seed: int = SEED, fault_share: float = 0.2) -> list[dict]:
    rng = random.Random(seed)
    rows: list[dict] = []
    for n in range(count):
        rows.append(inject_fault(rng, n, rows) if rng.random() < fault_share else clean_row(rng, n))
    return rows


# -- the obvious openpyxl pipeline ------------------------------------------------------------

KEY_ROW, FIRST_DATA_ROW = 2, 4  # Excel rows: hidden field keys, then entries below the header
REQUIRED = ("title", "source", "date_created", "description", "intended_outcome", "owner",
            "due_date", "priority", "evidence_required", "status", "escalation_route")
DATE_KEYS = ("date_created", "due_date", "review_date", "external_due", "original_due_date",
             "date_completed", "effectiveness_due", "effectiveness_done", "external_body_updated")
CHOICES = {key: {m.value.casefold() for m in enum} for key, enum in (
    ("source", Source), ("priority", Priority),
    ("status", Status), ("outcome_achieved", OutcomeAchieved), ("further_action", YesNo),
    ("effectiveness_needed", YesNo), ("effectiveness_result", EffectivenessResult))}
CHOICES["high_priority_reason"] = {c.casefold() for c in CATEGORIES}
GROUP_OWNER = re.compile(r"^(the\s+)?(all\s+)?([a-z\-]+\s+)?(team|staff|managers|management|"
                         r"nurses|carers|everyone|all)$")


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip().casefold() in
                             ("", "-", "n/a", "tbc"))


def _as_date(value):
    """What the hand-written version does: accept real dates, try dd/mm/yyyy text, else fail."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.strptime(str(value).strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


def key_columns(ws) -> dict[str, int]:
    return {str(cell.value): i for i, cell in enumerate(ws[KEY_ROW]) if cell.value}


def baseline_findings(rows, col: dict[str, int], as_of: date) -> list[tuple[int, str, str]]:
    """The same policy checks, written straight over row values: (excel row, field, message)."""
    findings, seen_ids = [], {}
    for excel_row, values in rows:
        v = {key: values[c] if c < len(values) else None for key, c in col.items()}
        if all(_blank(x) for k, x in v.items() if k != "action_id"):
            continue

        def add(key: str, message: str) -> None:
            findings.append((excel_row, key, message))

        for key in REQUIRED:
            if _blank(v.get(key)):
                add(key, f"{key} is blank")
        for key, allowed in CHOICES.items():
            if not _blank(v.get(key)) and str(v[key]).strip().casefold() not in allowed:
                add(key, f"{v[key]!r} is not an allowed {key}")
        d = {}
        for key in DATE_KEYS:
            if not _blank(v.get(key)):
                d[key] = _as_date(v[key])
                if d[key] is None:
                    add(key, f"{v[key]!r} is not a date")
        owner = v.get("owner")
        if isinstance(owner, str) and GROUP_OWNER.match(owner.strip().casefold()):
            add("owner", f"owner {owner!r} is a group, not a person")
        action_id = str(v.get("action_id") or "").strip()
        if action_id and action_id in seen_ids:
            add("action_id", f"duplicate ID, first on row {seen_ids[action_id]}")
        seen_ids.setdefault(action_id, excel_row)
        if v.get("priority") == "High" and _blank(v.get("high_priority_reason")):
            add("high_priority_reason", "High priority without a reason")
        due, created = d.get("due_date"), d.get("date_created")
        if due and created and due < created:
            add("due_date", "due before created")
        status = v.get("status")
        if status in ("Complete", "Closed"):
            for key in ("date_completed", "completion_evidence", "what_was_done",
                        "effectiveness_needed"):
                if _blank(v.get(key)):
                    add(key, f"{status} without {key}")
            if status == "Closed" and _blank(v.get("closure_reviewed_by")):
                add("closure_reviewed_by", "closed without a reviewer")
        elif due and due < as_of:
            add("due_date", f"overdue by {(as_of - due).days} days")
            if (v.get("priority") == "High" or v.get("high_priority_reason") in ESCALATE
                    or v.get("source") in ESCALATE) and _blank(v.get("escalation_record")):
                add("escalation_record", "overdue and not escalated")
        if v.get("effectiveness_needed") == "Yes" and _blank(v.get("effectiveness_due")):
            add("effectiveness_due", "effectiveness check not planned")
        if status == "Awaiting external input":
            for key in ("external_input", "external_from", "external_due"):
                if _blank(v.get(key)):
                    add(key, f"external dependency without {key}")
    return findings


def baseline_validate(path: Path, as_of: date) -> list:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb["Actions"]
    rows = ((FIRST_DATA_ROW + i, values) for i, values in
            enumerate(ws.iter_rows(min_row=FIRST_DATA_ROW, values_only=True)))
    return baseline_findings(rows, key_columns(ws), as_of)


def baseline_audit(path: Path, out: Path, as_of: date) -> list:
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    wb = openpyxl.load_workbook(path)
    ws = wb["Actions"]
    col = key_columns(ws)
    rows = ((cells[0].row, [c.value for c in cells])
            for cells in ws.iter_rows(min_row=FIRST_DATA_ROW))
    findings = baseline_findings(rows, col, as_of)
    notes = defaultdict(list)
    for excel_row, key, message in findings:
        notes[(excel_row, col[key] + 1)].append(message)
    fill = PatternFill("solid", fgColor="FFC7CE")
    for (r, c), messages in notes.items():
        cell = ws.cell(row=r, column=c)
        cell.fill = fill
        cell.comment = Comment("\n".join(messages), "audit")
    wb.save(out)
    return findings


# -- measuring --------------------------------------------------------------------------------

def run_pipelines(path: Path, tmp: Path, repeat: int, baseline_repeat: int) -> dict:
    """Time ours and the baselines on the same file, interleaved round by round.

    Interleaving means a burst of background load lands on both sides rather than on
    whichever happened to run then, which keeps the ratios honest on a shared machine.
    Each entry is (list of seconds, findings count).
    """
    from tracker_tool import api

    pipelines = {
        ("validate", "ours"): lambda: api.validate_workbook(path, as_of=AS_OF).findings,
        ("validate", "openpyxl"): lambda: baseline_validate(path, AS_OF),
        ("audit", "ours"):
            lambda: api.write_audit(path, tmp / "ours.xlsx", as_of=AS_OF)[0].findings,
        ("audit", "openpyxl"): lambda: baseline_audit(path, tmp / "openpyxl.xlsx", AS_OF),
    }
    times: dict[tuple, list[float]] = {name: [] for name in pipelines}
    found: dict[tuple, int] = {}
    for round_ in range(max(repeat, baseline_repeat)):
        for name, fn in pipelines.items():
            if round_ < (repeat if name[1] == "ours" else baseline_repeat):
                start = time.perf_counter()
                found[name] = len(fn())
                times[name].append(time.perf_counter() - start)
    return {name: (times[name], found[name]) for name in pipelines}


def print_pipeline_table(results: dict) -> None:
    """Ratios on both statistics: the median is the verdict, the min shows the noise floor."""
    print(f"{'pipeline':<20}{'runs':>5}{'median s':>10}{'min s':>9}{'findings':>10}"
          f"{'ratio':>8}{'(min)':>8}  target (on median ratio)")
    for task in ("validate", "audit"):
        ours = results[(task, "ours")][0]
        for who in ("ours", "openpyxl"):
            times, found = results[(task, who)]
            median = statistics.median(times)
            line = (f"{task + ' (' + who + ')':<20}{len(times):>5}{median:>10.3f}"
                    f"{min(times):>9.3f}{found:>10}")
            if who == "openpyxl":
                ratio, target = median / statistics.median(ours), TARGETS[task]
                verdict = "met" if ratio >= target else "NOT met"
                line += (f"{ratio:>7.1f}x{min(times) / min(ours):>7.1f}x"
                         f"  >= {target:.0f}x: {verdict}")
            print(line)
    same = all(results[(t, "ours")][1] == results[(t, "openpyxl")][1] for t in TARGETS)
    print("ratio = openpyxl / ours. Findings counts "
          + ("match" if same else "differ (the checks are comparable, not identical)")
          + "; our audit writes five sheets, the baseline's one.")


def _median_seconds(cmd: list[str], runs: int) -> float:
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times = []  # after one untimed run, so the first sample does not pay for a cold disk cache
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "tracker-tool"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tracker_tool"]


def print_startup(sample: Path, runs: int) -> None:
    """Whole-process times, because a CLI's users feel start-up, not the function call."""
    commands = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("tracker-tool --help", _cli() + ["--help"]),
        (f"tracker-tool validate ({sample.name})",
         _cli() + ["validate", str(sample), "--as-of", AS_OF.isoformat(), "--format", "json"]),
    ]
    base = None
    print(f"{'command':<52}{'median s':>10}{'vs python':>11}")
    for label, cmd in commands:
        seconds = _median_seconds(cmd, runs)
        base = base or seconds
        print(f"{label:<52}{seconds:>10.3f}{seconds / base:>10.1f}x")
    print(f"({runs} runs each; validate exits 1 on purpose, the sample has errors)")


def print_output_formats(path: Path, runs: int) -> None:
    """`validate` in each --format on one heavily faulty file, as whole processes, interleaved.

    Every format pays the same read and checks, so the ratios to text show only what
    serialising the findings costs; a file where most rows are faulty makes that cost show.
    """
    from tracker_tool import api

    found = len(api.validate_workbook(path, as_of=AS_OF).findings)
    formats = ("text", "json", "csv")
    commands = {fmt: _cli() + ["validate", str(path), "--as-of", AS_OF.isoformat(),
                               "--format", fmt] for fmt in formats}
    for cmd in commands.values():  # untimed, so no format pays for a cold disk cache
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    times: dict[str, list[float]] = {fmt: [] for fmt in formats}
    for _ in range(runs):
        for fmt, cmd in commands.items():
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            times[fmt].append(time.perf_counter() - start)
    print(f"tracker-tool validate --format, {path.name} ({found:,} findings), whole process, "
          f"{runs} run(s) each, interleaved")
    print(f"{'format':<8}{'median s':>10}{'min s':>9}{'/ text':>9}{'(min)':>8}  target (on median)")
    text_median, text_min = statistics.median(times["text"]), min(times["text"])
    for fmt in formats:
        median, fastest = statistics.median(times[fmt]), min(times[fmt])
        ratio = median / text_median
        line = (f"{fmt:<8}{median:>10.3f}{fastest:>9.3f}{ratio:>8.2f}x"
                f"{fastest / text_min:>7.2f}x")
        if fmt in FORMAT_TARGET:
            target = FORMAT_TARGET[fmt]
            line += f"  <= {target:.1f}x: {'met' if ratio <= target else 'NOT met'}"
        print(line)
    print(f"json/text {statistics.median(times['json']) / text_median:.2f}x, "
          f"csv/text {statistics.median(times['csv']) / text_median:.2f}x (medians)")


def print_import_cost(runs: int) -> None:
    """Import of the CLI module alone, and proof that the heavy libraries are not in it."""
    probe = ("import sys, time; t = time.perf_counter(); import tracker_tool.cli; "
             "print(time.perf_counter() - t); "
             f"print(','.join(m for m in {HEAVY_MODULES!r} if m in sys.modules))")
    samples, heavy = [], ""
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                             check=True).stdout.splitlines()
        samples.append(float(out[0]))
        heavy = out[1] if len(out) > 1 else ""
    print(f"import tracker_tool.cli: {statistics.median(samples) * 1000:.1f} ms median; "
          f"heavy modules loaded: {heavy or 'none'} (checked {', '.join(HEAVY_MODULES)})")
    print("largest imports inside it (-X importtime, cumulative): "
          + ", ".join(f"{name} {us / 1000:.1f} ms" for name, us in _top_imports()))


def _top_imports(target: str = "tracker_tool.cli", count: int = 3) -> list[tuple[str, int]]:
    """The direct imports of ``target`` by cumulative time, to name what start-up pays for.

    importtime prints children before their parent, so the children of ``target`` are the
    one-level-deep lines between the previous top-level line and ``target``'s own.
    """
    err = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {target}"],
                         capture_output=True, text=True, check=True).stderr
    children: list[tuple[str, int]] = []
    for line in err.splitlines():
        parts = line.split("|")
        if len(parts) != 3 or not parts[1].strip().isdigit():
            continue
        name, depth = parts[2].strip(), (len(parts[2]) - len(parts[2].lstrip()) - 1) // 2
        if depth == 0:
            if name == target:
                return sorted(children, key=lambda item: -item[1])[:count]
            children = []
        elif depth == 1:
            children.append((name, int(parts[1])))
    return []


def print_profile(path: Path, tmp: Path, top: int = 12) -> None:
    """Where our own time goes, restricted to our code and the two libraries doing the I/O."""
    from tracker_tool import api

    wanted = re.compile(r"tracker_tool|xlsxwriter|calamine")
    for label, call in (("validate", lambda: api.validate_workbook(path, as_of=AS_OF)),
                        ("audit", lambda: api.write_audit(path, tmp / "prof.xlsx", as_of=AS_OF))):
        profiler = cProfile.Profile()
        profiler.runcall(call)
        stats = pstats.Stats(profiler).stats
        rows = [(ct, tt, nc, f"{Path(f).name}:{line}({fn})")
                for (f, line, fn), (_, nc, tt, ct, _) in stats.items() if wanted.search(f)]
        print(f"\ncProfile, {label}: top {top} by cumulative time, "
              "tracker_tool/xlsxwriter/calamine only")
        print(f"{'cum s':>8}{'own s':>8}{'calls':>9}  function")
        for ct, tt, nc, name in sorted(rows, reverse=True)[:top]:
            print(f"{ct:>8.3f}{tt:>8.3f}{nc:>9}  {name}")


def small_workbook(tmp: Path) -> Path:
    """40 rows built here, so the warm-up never depends on someone else's sample file."""
    from tracker_tool import api

    return api.build_template("action-plan", tmp / "small-40.xlsx", entries=make_rows(40))


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of our pipelines")
    parser.add_argument("--baseline-repeat", type=int, default=None,
                        help="runs of the openpyxl baselines (default: same as --repeat)")
    parser.add_argument("--startup-runs", type=int, default=5)
    parser.add_argument("--format-runs", type=int, default=3,
                        help="runs of validate in each --format on the 80%%-faulty file")
    parser.add_argument("--profile", action="store_true",
                        help="also print cProfile hotspots of our validate and audit")
    args = parser.parse_args(argv)
    baseline_repeat = args.repeat if args.baseline_repeat is None else args.baseline_repeat

    import openpyxl  # noqa: F401  warm-up: neither side pays its imports inside the timing

    from tracker_tool import api  # noqa: F401
    from tracker_tool.check import validation  # noqa: F401
    from tracker_tool.write import audit as audit_writer  # noqa: F401

    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmpdir:
        tmp = Path(tmpdir)
        small = small_workbook(tmp)
        api.write_audit(small, tmp / "warm-audit.xlsx", as_of=AS_OF)
        baseline_audit(small, tmp / "warm-openpyxl.xlsx", AS_OF)

        path = tmp / f"actions-{args.rows}.xlsx"
        rows = make_rows(args.rows)
        start = time.perf_counter()
        api.build_template("action-plan", path, entries=rows)
        print(f"tracker-tool benchmark: Python {sys.version.split()[0]}, {args.rows} rows "
              f"(~20% faulty, seed {SEED}), as of {AS_OF.isoformat()}")
        print(f"built {path.name} ({path.stat().st_size / 1e6:.1f} MB) with build_template in "
              f"{time.perf_counter() - start:.2f} s")
        print(f"ours: {args.repeat} run(s), openpyxl baselines: {baseline_repeat} run(s), "
              "interleaved, after a warm-up on 40 rows")
        print()
        print_pipeline_table(run_pipelines(path, tmp, args.repeat, baseline_repeat))
        print()
        sample = SAMPLE if SAMPLE.exists() else small
        print("sample: " + (str(SAMPLE.relative_to(REPO)) if sample == SAMPLE else
                            "bundled sample missing; using the generated 40-row workbook"))
        print_startup(sample, args.startup_runs)
        print_import_cost(args.startup_runs)
        print()
        faulty = tmp / f"actions-{args.rows}-faulty.xlsx"
        api.build_template("action-plan", faulty,
                           entries=make_rows(args.rows, fault_share=FORMAT_FAULT_SHARE))
        print(f"built {faulty.name}: {args.rows} rows, ~{FORMAT_FAULT_SHARE:.0%} faulty")
        print_output_formats(faulty, args.format_runs)
        if args.profile:
            print_profile(path, tmp)


if __name__ == "__main__":
    main()
