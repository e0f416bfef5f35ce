"""Benchmark validate and audit against their floors and the naive openpyxl code (issue 16).

Usage:
    python benchmarks/bench_pipeline.py              # the full report, about 15 minutes
    python benchmarks/bench_pipeline.py --quick      # one run each, no 100k/batch: ~2 minutes
    options: [--rows 10000] [--repeat 3] [--naive-repeat N] [--startup-runs 7]
             [--large-rows 100000] [--keep DIR] [--skip-large] [--skip-batch] [--profile]

On two generated 10,000-row action plans (a fifth of the rows faulty, and four fifths: tens of
thousands of findings) it times, each run a fresh process after a warm-up on 40 rows:
- the floors: calamine's parse plus one pydantic pass over the rows (validate), and
  XlsxWriter writing the same cells with a note on every finding cell (audit);
- ours: validate in each --format (text, json, csv) and the audit workbook;
- the naive pipelines: openpyxl reading (and, for the audit, annotating and saving) the sheet
  with the core checks written out by hand;
and prints seconds, peak memory (ru_maxrss) and the ratios ours/floor and naive/ours. Then the
start-up of `tracker-tool validate` on 40 rows, validate and audit at the 100,000-row limit
(bench_memory.py) and the batch (bench_batch.py). It ends with every target of issue 16 and
"met" or "NOT met" beside it. Ratios use CPU seconds, which other work on a shared machine
barely moves; wall seconds are printed beside them. Targets are reported, never enforced.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
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
#: The second file's share of faulty rows: tens of thousands of findings to render and note.
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


# -- the floors: the least any tool reading and writing these files could do ----------------

def floor_validate(path: Path) -> int:
    """calamine's parse of the sheet plus one pydantic validation of each row's raw values.

    No cell reading rules, no policy rules, no findings: what validate cannot go below while
    it reads with calamine and types rows with the tracker's model. Returns the rows refused.
    """
    import python_calamine
    from pydantic import ValidationError

    from tracker_tool.trackers import get_tracker

    model = get_tracker("action-plan").row_model
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_name("Actions").to_python(skip_empty_area=False)
    keys = rows[KEY_ROW - 1]
    refused = 0
    for row in rows[FIRST_DATA_ROW - 1:]:
        data = {key: value for key, value in zip(keys, row) if key and value != ""}
        if data:
            try:
                model.model_validate(data)
            except ValidationError:
                refused += 1
    return refused


def finding_notes(path: Path) -> dict[tuple[int, int], str]:
    """The note our audit puts on each finding cell of the sheet, by (row, column): the
    audit floor writes the same notes, so it is handed them rather than finding them."""
    from tracker_tool import api
    from tracker_tool.core.a1 import parse_a1

    notes: dict[tuple[int, int], list[str]] = defaultdict(list)
    for f in api.validate_workbook(path, as_of=AS_OF).findings:
        if f.cell and f.sheet in (None, "Actions"):
            notes[parse_a1(f.cell)].append(f"[{f.severity.value}] {f.message}")
    return {cell: "\n".join(messages) for cell, messages in notes.items()}


def floor_audit(path: Path, out: Path, notes: dict[tuple[int, int], str]) -> int:
    """XlsxWriter writing every cell of the sheet (as calamine read it) into one sheet, with a
    note on every finding cell: the audit's annotated copy and nothing else. Returns notes."""
    import python_calamine
    import xlsxwriter

    rows = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(
        "Actions").to_python(skip_empty_area=False)
    wb = xlsxwriter.Workbook(str(out), {"constant_memory": True})
    ws = wb.add_worksheet("Actions")
    dated = wb.add_format({"num_format": "dd/mm/yyyy"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cls = value.__class__
            if cls is str:
                if value:
                    ws.write_string(r, c, value)
            elif cls is float or cls is int:
                ws.write_number(r, c, value)
            elif isinstance(value, date):
                ws.write_datetime(r, c, value, dated)
            note = notes.get((r, c))
            if note is not None:
                ws.write_comment(r, c, note)
    wb.close()
    return len(notes)


# -- one measured run, in a process of its own ------------------------------------------------

def _render(fmt: str):
    """Our validate in one --format, written where the CLI would (to a file, not kept)."""
    def run(path: Path, out: Path) -> int:
        from tracker_tool import api
        from tracker_tool.write import render

        report = api.validate_workbook(path, as_of=AS_OF)
        with open(out, "w", encoding="utf-8", newline="") as sink:
            if fmt == "json":
                render.write_json([report], [], sink.write)
            elif fmt == "csv":
                sink.write(render.to_csv([report]))
            else:
                sink.write(render.to_text([report]))
        return len(report.findings)
    return run


def _audit(path: Path, out: Path) -> int:
    from tracker_tool import api

    return len(api.write_audit(path, out, as_of=AS_OF, force=True)[0].findings)


#: name -> (task, who, function of (workbook, output path) returning a count).
PIPELINES = {
    "validate floor": ("validate", "floor", lambda path, out: floor_validate(path)),
    "validate text": ("validate", "ours", _render("text")),
    "validate json": ("validate", "ours", _render("json")),
    "validate csv": ("validate", "ours", _render("csv")),
    "validate naive": ("validate", "naive", lambda path, out: len(baseline_validate(path, AS_OF))),
    "audit floor": ("audit", "floor", None),  # needs the notes first: see measure_one
    "audit": ("audit", "ours", _audit),
    "audit naive": ("audit", "naive", lambda path, out: len(baseline_audit(path, out, AS_OF))),
}


def measure_one(name: str, path: Path, warm: Path, out: Path) -> dict:
    """Run pipeline ``name`` on ``warm`` (imports, first-call caches), then time it on ``path``.

    Called in a fresh process, so ru_maxrss is this pipeline's peak and no run inherits
    another's memory or caches.
    """
    import resource

    fn = PIPELINES[name][2]
    if fn is None:
        notes = finding_notes(path)
        fn = lambda p, o: floor_audit(p, o, notes if p == path else {})  # noqa: E731
    fn(warm, out.with_name("warm-" + out.name))
    wall, cpu = time.perf_counter(), time.process_time()
    count = fn(path, out)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"wall": wall, "cpu": cpu, "peak": peak, "count": count}


def spawn(name: str, path: Path, warm: Path, out: Path) -> dict:
    cmd = [sys.executable, __file__, "--one", name, str(path), str(warm), str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{name} on {path.name} failed:\n{done.stderr}")
    return json.loads(done.stdout.splitlines()[-1])


def run_file(path: Path, warm: Path, tmp: Path, repeat: int, naive_repeat: int) -> dict:
    """Every pipeline on ``path``, each run a process of its own, interleaved round by round
    so a burst of load from other work lands on all of them alike."""
    runs: dict[str, list[dict]] = {name: [] for name in PIPELINES}
    for round_ in range(max(repeat, naive_repeat)):
        for name, (_, who, _) in PIPELINES.items():
            if round_ < (naive_repeat if who == "naive" else repeat):
                out = tmp / f"{path.stem}-{name.replace(' ', '-')}.{_suffix(name)}"
                runs[name].append(spawn(name, path, warm, out))
    return runs


def _suffix(name: str) -> str:
    return {"validate json": "json", "validate csv": "csv"}.get(
        name, "xlsx" if name.startswith("audit") else "txt")


# -- reporting --------------------------------------------------------------------------------

class Verdicts:
    """Every target of issue 16 with what was measured, for the closing table."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, str, bool | None]] = []

    def add(self, target: str, measured: str, met: bool | None) -> str:
        self.rows.append((target, measured, met))
        return _word(met)

    def print(self) -> None:
        print(f"{'target':<58}{'measured':>22}  verdict")
        for target, measured, met in self.rows:
            print(f"{target:<58}{measured:>22}  {_word(met)}")


def _word(met: bool | None) -> str:
    return "not measured" if met is None else ("met" if met else "NOT met")


def _med(runs: list[dict], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def print_file_table(label: str, runs: dict, verdicts: Verdicts, naive_target: float) -> None:
    """One file's pipelines: seconds, peak memory and the ratios, on CPU time (the verdict:
    steady on a shared machine) and on wall time (what a user waits, when the machine is
    free)."""
    findings = runs["validate text"][0]["count"]
    print(f"{label}: {findings:,} findings; each run a fresh process, "
          f"{len(runs['validate text'])} run(s) of ours and the floors, "
          f"{len(runs['validate naive'])} of the naive pipelines")
    print(f"{'pipeline':<16}{'cpu s':>8}{'wall s':>8}{'min wall':>9}{'peak MiB':>9}"
          f"{'/ floor':>9}{'(wall)':>8}{'naive/ours':>11}{'(wall)':>8}")
    for name, (task, who, _) in PIPELINES.items():
        r = runs[name]
        cpu, wall = _med(r, "cpu"), _med(r, "wall")
        line = (f"{name:<16}{cpu:>8.2f}{wall:>8.2f}{min(x['wall'] for x in r):>9.2f}"
                f"{max(x['peak'] for x in r):>9.0f}")
        if who == "ours":
            floor, naive = runs[f"{task} floor"], runs[f"{task} naive"]
            line += (f"{cpu / _med(floor, 'cpu'):>8.2f}x{wall / _med(floor, 'wall'):>7.2f}x"
                     f"{_med(naive, 'cpu') / cpu:>10.1f}x{_med(naive, 'wall') / wall:>7.1f}x")
        print(line)
    for name, (task, who, _) in PIPELINES.items():
        if who != "ours":
            continue
        cpu = _med(runs[name], "cpu")
        over_floor = cpu / _med(runs[f"{task} floor"], "cpu")
        verdicts.add(f"{label}: {name} <= 1.5x its floor", f"{over_floor:.2f}x",
                     over_floor <= 1.5)
        speed = _med(runs[f"{task} naive"], "cpu") / cpu
        target = naive_target if task == "validate" else 2.0
        verdicts.add(f"{label}: {name} >= {target:.0f}x naive", f"{speed:.1f}x", speed >= target)
    text = _med(runs["validate text"], "cpu")
    for fmt in ("json", "csv"):
        ratio = _med(runs[f"validate {fmt}"], "cpu") / text
        verdicts.add(f"{label}: validate {fmt} <= 1.2x text", f"{ratio:.2f}x", ratio <= 1.2)
    print("ratios on the median CPU seconds of the timed run (wall in brackets); floors: "
          "calamine parse + one pydantic pass (validate), XlsxWriter copy + a note per "
          "finding cell (audit); naive: the obvious openpyxl code")


def _cli() -> list[str]:
    script = Path(sys.executable).parent / "tracker-tool"
    return [str(script)] if script.exists() else [sys.executable, "-m", "tracker_tool"]


def _installed_env(pycache: Path) -> dict[str, str]:
    """The environment of an installed tool: its bytecode compiled once and reused (pip
    compiles it at install). A development shell with PYTHONDONTWRITEBYTECODE set would
    compile every module from source on every start, a third of a small validate's time."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)  # kept out of the source tree
    return env


def _median_seconds(cmd: list[str], runs: int, env: dict | None = None) -> tuple[float, float]:
    """Median wall and CPU seconds (user + system, from the child's rusage) of ``cmd``."""
    import resource

    def cpu() -> float:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        return used.ru_utime + used.ru_stime

    def run() -> None:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                       env=env)

    run()
    walls, cpus = [], []  # after one untimed run: bytecode written, disk cache warm
    for _ in range(runs):
        start, used = time.perf_counter(), cpu()
        run()
        walls.append(time.perf_counter() - start)
        cpus.append(cpu() - used)
    return statistics.median(walls), statistics.median(cpus)


def print_startup(small: Path, runs: int, verdicts: Verdicts) -> None:
    """Whole-process times, because a CLI's users feel start-up, not the function call.

    The verdict is on wall time, as the target says; CPU time is printed beside it because
    on a busy machine the wall clock mostly measures the wait for a core."""
    commands = [
        ("python -c pass", [sys.executable, "-c", "pass"]),
        ("tracker-tool --help", _cli() + ["--help"]),
        ("tracker-tool validate (40 rows, text)",
         _cli() + ["validate", str(small), "--as-of", AS_OF.isoformat()]),
    ]
    print(f"{'command':<44}{'wall s':>8}{'cpu s':>8}{'vs python':>11}")
    base = wall = cpu = 0.0
    env = _installed_env(small.parent / "pycache")
    for label, cmd in commands:
        wall, cpu = _median_seconds(cmd, runs, env)
        base = base or wall
        print(f"{label:<44}{wall:>8.3f}{cpu:>8.3f}{wall / base:>10.1f}x")
    verdicts.add("start-up: 40-row validate, whole process < 0.3 s",
                 f"{wall:.3f} s (cpu {cpu:.3f})", wall < 0.3)
    print(f"({runs} runs each, medians, after one untimed run; bytecode compiled once, as "
          "when installed)")


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


def print_large(rows: int, keep: Path, verdicts: Verdicts) -> None:
    """validate and audit at the row limit, each a process of its own (bench_memory.py)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_memory import TARGETS as LARGE_TARGETS
    from bench_memory import build, commands, measure

    keep.mkdir(parents=True, exist_ok=True)
    path = build(keep / f"actions-{rows}-seed{SEED}.xlsx", rows)
    print(f"{'command':<10}{'wall s':>9}{'cpu s':>8}{'peak MiB':>10}{'exit':>6}")
    for name, cmd in commands(path, keep / "audit.xlsx").items():
        seconds, peak, status, cpu = measure(cmd)
        mib, limit = LARGE_TARGETS[name]
        print(f"{name:<10}{seconds:>9.2f}{cpu:>8.2f}{peak:>10.0f}{status:>6}")
        verdicts.add(f"{rows:,} rows: {name} < {limit:.0f} s (wall)",
                     f"{seconds:.1f} s (cpu {cpu:.1f})", seconds < limit)
        verdicts.add(f"{rows:,} rows: {name} < {mib} MiB", f"{peak:.0f} MiB", peak < mib)


def print_batch(verdicts: Verdicts, keep: Path | None, extra: list[str]) -> None:
    """bench_batch.py in a process of its own: its report as it prints it, then its verdicts."""
    result = Path(tempfile.mkdtemp(prefix="tracker-bench-batch-")) / "result.json"
    cmd = [sys.executable, str(Path(__file__).with_name("bench_batch.py")),
           "--result", str(result), *extra] + (["--keep", str(keep)] if keep else [])
    subprocess.run(cmd, check=True)
    found = json.loads(result.read_text())
    verdicts.add("batch: speed-up on 2 cores >= 1.8x", f"{found['speed_up']:.2f}x",
                 found["speed_up"] >= 1.8)
    verdicts.add(f"batch: >= 12 returns/s ({found['workbooks']} x {found['rows']} rows)",
                 f"{found['per_second']:.1f}/s", found["per_second"] >= 12)


def print_profile(path: Path, tmp: Path, top: int = 14) -> None:
    """Where our own time goes, restricted to our code and the two libraries doing the I/O."""
    from tracker_tool import api

    wanted = re.compile(r"tracker_tool|xlsxwriter|calamine")
    for label, call in (("validate", lambda: api.validate_workbook(path, as_of=AS_OF)),
                        ("audit", lambda: api.write_audit(path, tmp / "prof.xlsx", as_of=AS_OF,
                                                          force=True))):
        profiler = cProfile.Profile()
        profiler.runcall(call)
        stats = pstats.Stats(profiler).stats
        rows = [(ct, tt, nc, f"{Path(f).name}:{line}({fn})")
                for (f, line, fn), (_, nc, tt, ct, _) in stats.items() if wanted.search(f)]
        print(f"\ncProfile, {label}: top {top} by own time, tracker_tool/xlsxwriter/calamine")
        print(f"{'own s':>8}{'cum s':>8}{'calls':>9}  function")
        for ct, tt, nc, name in sorted(rows, key=lambda row: -row[1])[:top]:
            print(f"{tt:>8.3f}{ct:>8.3f}{nc:>9}  {name}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of ours and the floors")
    parser.add_argument("--naive-repeat", type=int, default=None,
                        help="runs of the naive openpyxl pipelines (default: --repeat)")
    parser.add_argument("--startup-runs", type=int, default=7)
    parser.add_argument("--large-rows", type=int, default=100_000)
    parser.add_argument("--keep", type=Path,
                        default=Path(tempfile.gettempdir()) / "tracker-bench-memory",
                        help="where the large workbook (and the batch's) are built and kept")
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--skip-batch", action="store_true")
    parser.add_argument("--quick", action="store_true",
                        help="one run each, no 100,000-row or batch runs (about 2 minutes)")
    parser.add_argument("--profile", action="store_true",
                        help="also print cProfile hotspots of our validate and audit")
    parser.add_argument("--one", nargs=4, metavar=("PIPELINE", "FILE", "WARM", "OUT"),
                        help=argparse.SUPPRESS)  # the child process of spawn()
    args = parser.parse_args(argv)
    if args.one:
        name, *paths = args.one
        print(json.dumps(measure_one(name, *map(Path, paths))))
        return
    if args.quick:
        args.repeat, args.startup_runs, args.skip_large, args.skip_batch = 1, 3, True, True
    naive_repeat = args.repeat if args.naive_repeat is None else args.naive_repeat
    verdicts = Verdicts()
    started = time.perf_counter()

    from tracker_tool import api

    print(f"tracker-tool benchmark: Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f} at the start, as of {AS_OF.isoformat()}")
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmpdir:
        tmp = Path(tmpdir)
        small = api.build_template("action-plan", tmp / "small-40.xlsx", entries=make_rows(40))
        for share, naive_target in ((0.2, 10.0), (FORMAT_FAULT_SHARE, 8.0)):
            path = tmp / f"actions-{args.rows}-{share:.0%}.xlsx".replace("%", "pc")
            api.build_template("action-plan", path,
                               entries=make_rows(args.rows, fault_share=share))
            print()
            print_file_table(f"{args.rows:,} rows, {share:.0%} faulty",
                             run_file(path, small, tmp, args.repeat, naive_repeat), verdicts,
                             naive_target)
        print()
        print_startup(small, args.startup_runs, verdicts)
        print_import_cost(args.startup_runs)
        if args.profile:
            print_profile(path, tmp)
    if not args.skip_large:
        print(f"\nAt the {args.large_rows:,}-row limit (bench_memory.py; each command a "
              f"process, peak = its ru_maxrss; load average {os.getloadavg()[0]:.1f})")
        print_large(args.large_rows, args.keep, verdicts)
    if not args.skip_batch:
        print("\nBatch (bench_batch.py):")
        print_batch(verdicts, args.keep / "batch", [])
    print(f"\nTargets of issue 16 (load average {os.getloadavg()[0]:.1f} at the end; "
          f"{time.perf_counter() - started:.0f} s in all)")
    verdicts.print()


if __name__ == "__main__":
    main()
