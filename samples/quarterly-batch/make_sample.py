"""Regenerate the quarterly-batch sample: a commissioner's services list and three returns.

Run from the repository root:  python samples/quarterly-batch/make_sample.py
Every service, provider, CQC location ID and person here is invented. The council sent each
of four services its own stamped template (`tracker-tool template --services`); three
workbooks came back:
- Rose Court returned its own copy, well kept, with one action just overdue.
- Willow Lodge returned its own copy with the faults auditors meet most often.
- Elm Bank's return, filed in its folder, is a copy of Willow Lodge's template: the batch
  flags it as returned under another service's identity.
Beech House sent nothing.
"""

from datetime import date
from pathlib import Path

from tracker_tool import api
from tracker_tool.batch.services import read_services

D = date
HERE = Path(__file__).resolve().parent
SERVICES = HERE / "services.csv"
RETURNS = HERE / "returns"

SERVICES_CSV = """service,provider,cqc location id
Rose Court,Larchfield Care Ltd,1-555000101
Willow Lodge,Larchfield Care Ltd,1-555000102
Elm Bank,Brookvale Homes,1-555000203
Beech House,Brookvale Homes,1-555000204
"""


def action(n: int, prefix: str, **changes) -> dict:
    """A well-kept open action; each return changes a few to show what auditors meet."""
    row = {
        "action_id": f"{prefix}-{n:03d}", "title": f"Monthly medicines audit {n}",
        "source": "Audit", "source_ref": f"AUD-2026-{100 + n}",
        "date_created": D(2026, 10, 1 + n),
        "description": ("Audit twenty MAR charts for missed signatures and brief each carer "
                        "on the errors found."),
        "intended_outcome": "No missed signatures in the repeat audit", "owner": "Nadia Osei",
        "due_date": D(2026, 12, 10 + n), "priority": "Medium",
        "evidence_required": "Audit report", "review_date": D(2026, 11, 28),
        "escalation_route": "Registered Manager", "status": "In progress",
        "progress_update": "Half of the charts audited",
    }
    row.update(changes)
    return row


def done(n: int, prefix: str, **changes) -> dict:
    row = action(n, prefix, status="Complete", date_completed=D(2026, 11, 12),
                 what_was_done="Charts audited and carers briefed",
                 completion_evidence="Audit report on the shared drive", outcome_achieved="Yes",
                 further_action="No", effectiveness_needed="No")
    row.update(changes)
    return row


ROSE_COURT = [action(n, "RC", owner=owner) for n, owner in
              enumerate(["Nadia Osei", "Tom Barker", "Lena Ward", "Nadia Osei"], start=1)]
ROSE_COURT += [done(n, "RC") for n in range(5, 9)]
ROSE_COURT.append(action(9, "RC", title="Replace hoist sling", due_date=D(2026, 11, 18),
                         owner="Tom Barker"))

WILLOW_LODGE = [action(n, "WL", owner="Sam Patel") for n in range(1, 6)]
WILLOW_LODGE += [
    action(6, "WL", owner=None),
    action(7, "WL", owner="Night staff"),
    action(8, "WL", due_date="ASAP", owner="Sam Patel"),
    done(9, "WL", completion_evidence=None, owner="Sam Patel"),
    action(10, "WL", priority="High", high_priority_reason="Medicine safety",
           due_date=D(2026, 10, 20), owner="Sam Patel", source="CQC inspection"),
    action(11, "WL", due_date=D(2026, 11, 2), owner="Sam Patel"),
]

ELM_BANK = [action(n, "EB", owner="Ruth Adeyemi") for n in range(1, 5)]
ELM_BANK += [done(5, "EB", owner="Ruth Adeyemi"),
             action(6, "EB", owner="All staff"),
             action(7, "EB", due_date=D(2026, 11, 1), owner="Ruth Adeyemi")]

#: (file in returns/, whose template it was filled in, rows)
WORKBOOKS = [
    ("rose-court-action-plan.xlsx", "Rose Court", ROSE_COURT),
    ("willow-lodge-action-plan.xlsx", "Willow Lodge", WILLOW_LODGE),
    ("elm-bank/q3-return.xlsx", "Willow Lodge", ELM_BANK),
]


def main() -> None:
    SERVICES.write_text(SERVICES_CSV, encoding="utf-8")
    services = {s.name: s for s in read_services(SERVICES)}
    for name, template_of, rows in WORKBOOKS:
        path = RETURNS / name
        path.parent.mkdir(parents=True, exist_ok=True)
        api.build_template("action-plan", path, entries=rows, service=services[template_of],
                           force=True)
        print(f"Wrote {path} ({len(rows)} actions, stamped as {template_of})")


if __name__ == "__main__":
    main()
