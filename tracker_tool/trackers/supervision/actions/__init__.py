"""The supervision-actions tracker: actions agreed in routine supervision (article, Example 1)."""

from tracker_tool.trackers.common import review_sheet
from tracker_tool.trackers.kit import Cadence, ChangeFields, LiveHighlights, Unit, define_tracker
from tracker_tool.trackers.supervision.actions.figures import escalations, figures
from tracker_tool.trackers.supervision.actions.models import SupervisionAction
from tracker_tool.trackers.supervision.actions.rules import ROW_RULES, action_refs
from tracker_tool.trackers.supervision.actions.settings import SupervisionActionSettings

INSTRUCTIONS = (
    ("One row per action agreed in a supervision meeting. The line manager adds it on the day of "
     "the meeting, with the staff member, what they will do, its category, a deadline and the "
     "manager who will check it (Ex1 step 1)."),
    ("Write actions that can be tested: what will be done, how much, and how it will be checked. "
     "'Improve record keeping' cannot be shown to be done; 'audit 10 daily notes on 28/11' can "
     "(Ex1 step 2)."),
    ("Each Friday the deputy manager sets the priority, the evidence needed to close the action "
     "and a review date (Ex1 step 2)."),
    ("Mark an action Complete only after looking at the evidence: name the audit, certificate or "
     "observation record and the day it was checked. Check by the deadline (Ex1 step 3)."),
    ("When a deadline is missed, the Registered Manager records the days overdue, the reason and "
     "the escalation stage at the weekly review (Ex1 step 4)."),
    ("Escalate to the overdue actions register any action more than 7 calendar days late (the "
     "article's limit; the service's policy may set another), and any late action about "
     "medication, safeguarding or care plan compliance from its first day late (Ex1 "
     "escalation)."),
    ("Pick values from the dropdowns and type dates as dd/mm/yyyy. Columns marked * must be "
     "filled in for every action. Hover over a heading to read what belongs in it."),
    ("The header row is protected so the columns stay where the audit expects them; sorting, "
     "filtering and resizing still work. Do not add, delete or rename columns or sheets."),
)

TRACKER = define_tracker(
    kind="supervision-actions",
    title="Supervision action tracker",
    summary="Actions agreed in staff supervision: logged, checked against evidence, escalated "
            "when late.",
    version="1.1",
    reviews=review_sheet(
        Cadence("Overdue register review", "Registered Manager", "register_review_every_days",
                Unit.DAYS, "Ex1 step 4"),
        since="1.1"),
    sheet_name="Supervision actions",
    row_model=SupervisionAction,
    ids=action_refs,
    settings_model=SupervisionActionSettings,
    rules=ROW_RULES,
    instructions=INSTRUCTIONS,
    highlights=LiveHighlights("deadline", "status", ("Complete",), "line_manager",
                              ("staff_name", "action"),
                              completion_keys=("date_checked", "evidence_seen"),
                              review_key="review_date"),
    view_columns=("action_id", "staff_name", "action", "line_manager", "deadline",
                  "review_date", "status", "evidence_seen"),
    figures=figures,
    escalations=escalations,
    group_colours={
        "Action logged": "#1F4E79", "Weekly check": "#2E75B6", "Follow-up check": "#548235",
        "Overdue register": "#7F6000",
    },
    changes=ChangeFields(title="action", created="supervision_date", extension="reason_for_delay",
                         closure=("date_checked", "evidence_seen"), review="review_date",
                         theme="category"),
)
