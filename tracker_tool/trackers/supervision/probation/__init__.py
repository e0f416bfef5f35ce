"""The probation-actions tracker: new starters' support actions through probation (Example 3)."""

from tracker_tool.trackers.common import review_sheet
from tracker_tool.trackers.kit import Cadence, ChangeFields, LiveHighlights, Unit, define_tracker
from tracker_tool.trackers.supervision.probation.figures import escalations, figures
from tracker_tool.trackers.supervision.probation.models import ProbationAction
from tracker_tool.trackers.supervision.probation.rules import ROW_RULES, action_refs
from tracker_tool.trackers.supervision.probation.settings import ProbationSettings

INSTRUCTIONS = (
    ("One row per support action agreed with a new starter at a probation supervision (week "
     "2, week 6 or week 12). The onboarding supervisor logs it the same day, with the induction "
     "gap it closes, a deadline and the person responsible (Ex3 step 1)."),
    ("The mentor updates the support columns every Friday: sessions so far, the competency "
     "practised and how the new starter's confidence has moved (Ex3 step 2)."),
    ("Every fortnight the deputy verifies progress: the completion status, the evidence looked "
     "at and the probation risk. Mark an action Completed only on evidence that the exact "
     "action was done, not on a general sense of confidence (Ex3 step 3)."),
    ("When an action is late or fails, the Registered Manager records the reason, any interim "
     "restriction and a revised review date (Ex3 step 4)."),
    ("Escalate for enhanced oversight any action more than 5 working days late (the article's "
     "limit; the service's policy may set another), and any "
     "medication, moving and handling or safeguarding action that fails or is more than one "
     "working day late; record the date (Ex3 escalation, step 4). Working days follow the "
     "service's own bank-holiday calendar."),
    ("Pick values from the dropdowns and type dates as dd/mm/yyyy. Columns marked * must be "
     "filled in for every action. Hover over a heading to read what belongs in it."),
    ("The header row is protected so the columns stay where the audit expects them; sorting, "
     "filtering and resizing still work. Do not add, delete or rename columns or sheets."),
)

TRACKER = define_tracker(
    kind="probation-actions",
    title="Probation action tracker",
    summary="New starters' probation support actions: mentoring, verification, working-day "
            "escalation.",
    version="1.1",
    reviews=review_sheet(
        Cadence("Mentor review", "Mentor", "mentor_review_every_days", Unit.DAYS,
                "Ex3 step 2"),
        Cadence("Progress verification", "Deputy Manager", "verification_every_days",
                Unit.DAYS, "Ex3 step 3"),
        since="1.1"),
    sheet_name="Probation actions",
    row_model=ProbationAction,
    ids=action_refs,
    settings_model=ProbationSettings,
    rules=ROW_RULES,
    instructions=INSTRUCTIONS,
    highlights=LiveHighlights("deadline", "status", ("Completed",), "person_responsible",
                              ("new_starter", "action"),
                              completion_keys=("verified_date", "evidence_reviewed")),
    view_columns=("action_id", "new_starter", "action", "person_responsible", "deadline",
                  "status", "risk", "evidence_reviewed"),
    figures=figures,
    escalations=escalations,
    group_colours={
        "The action": "#1F4E79", "Mentor support": "#2E75B6", "Verification": "#548235",
        "Overdue and escalation": "#7F6000",
    },
    changes=ChangeFields(title="action", created="date_raised", extension="overdue_reason",
                         closure=("verified_date", "evidence_reviewed"), progress="mentor_update",
                         review="revised_review", theme="induction_gap"),
)
