"""The supervision-escalations tracker: formal cases for repeated practice concerns (Example 2)."""

from tracker_tool.trackers.common import review_sheet
from tracker_tool.trackers.kit import Cadence, ChangeFields, LiveHighlights, Unit, define_tracker
from tracker_tool.trackers.supervision.escalated.change_rules import repeat_within_60_days
from tracker_tool.trackers.supervision.escalated.evidence_rules import EVIDENCE_RULES
from tracker_tool.trackers.supervision.escalated.figures import escalations, figures
from tracker_tool.trackers.supervision.escalated.models import EscalatedCase
from tracker_tool.trackers.supervision.escalated.rules import ROW_RULES, case_refs
from tracker_tool.trackers.supervision.escalated.vocabulary import Outcome
from tracker_tool.trackers.supervision.escalated.settings import EscalatedCaseSettings

INSTRUCTIONS = (
    ("One row per escalated case: a practice concern that has come back after ordinary "
     "supervision actions. The Registered Manager opens it within one working day of the "
     "repeated concern being confirmed (Ex2 step 1)."),
    ("The line manager agrees a corrective action plan with a review meeting, a recheck method "
     "and a target date, and the staff member signs it within 24 hours (Ex2 step 2)."),
    ("After each observation or audit the deputy updates the monitoring columns: observations "
     "so far, what the audits found, the date of the check, the progress rating and the latest "
     "recheck result. Monitoring is looked at formally every 7 days (Ex2 step 3)."),
    ("The Registered Manager reviews each open case every fortnight. Record the date of the "
     "last review, how many reviews have been missed, compliance with the plan, the risk left "
     "and the decision (Ex2 step 4)."),
    ("Two missed reviews, one failed recheck on a high-risk case, or no measurable progress "
     "28 days after escalation sends the case to senior provider oversight and onto the service "
     "improvement plan: record the date and the plan ref (Ex2 escalation). These are the "
     "article's limits; the service's policy may set others."),
    ("The HR lead records the outcome, the evidence behind it and any formal HR pathway as soon "
     "as the final review decides (Ex2 step 5)."),
    ("Pick values from the dropdowns and type dates as dd/mm/yyyy. Columns marked * must be "
     "filled in for every case. Hover over a heading to read what belongs in it."),
    ("The header row is protected so the columns stay where the audit expects them; sorting, "
     "filtering and resizing still work. Do not add, delete or rename columns or sheets."),
)

TRACKER = define_tracker(
    kind="supervision-escalations",
    title="Escalated supervision cases",
    summary="Formal cases for repeated practice concerns: plan, monitoring, fortnightly "
            "review, outcome.",
    version="1.1",
    reviews=review_sheet(
        Cadence("Case review", "Registered Manager", "review_every_days", Unit.DAYS,
                "Ex2 step 4"),
        Cadence("Monitoring review", "Deputy Manager", "monitor_every_days", Unit.DAYS,
                "Ex2 step 3"),
        since="1.1"),
    sheet_name="Escalated cases",
    row_model=EscalatedCase,
    ids=case_refs,
    settings_model=EscalatedCaseSettings,
    rules=ROW_RULES + EVIDENCE_RULES,
    instructions=INSTRUCTIONS,
    highlights=LiveHighlights("target_date", "outcome",
                              tuple(o.value for o in Outcome if o is not Outcome.OPEN),
                              "line_manager", ("staff_name", "corrective_action"),
                              completion_keys=("date_closed", "closure_evidence")),
    view_columns=("case_id", "staff_name", "concern", "line_manager", "target_date",
                  "last_review", "progress", "risk", "outcome"),
    figures=figures,
    escalations=escalations,
    group_colours={
        "The case": "#1F4E79", "Action plan": "#2E75B6", "Monitoring": "#548235",
        "Fortnightly review": "#7F6000", "Outcome": "#7030A0",
    },
    changes=ChangeFields(title="corrective_action", created="date_escalated",
                         closure=("date_closed", "closure_evidence", "outcome"),
                         progress="observations", rating="progress", rules=(repeat_within_60_days,)),
)
