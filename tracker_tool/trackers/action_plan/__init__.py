"""The action-plan tracker of the Reg 17 Action Plan and Improvement Tracking Policy."""

from tracker_tool.trackers.action_plan.closure_rules import CLOSURE_RULES
from tracker_tool.trackers.action_plan.figures import escalations, review_figures
from tracker_tool.trackers.action_plan.models import ActionRecord
from tracker_tool.trackers.action_plan.plan_rules import PLAN_RULES
from tracker_tool.trackers.action_plan.review_pack import review_pack
from tracker_tool.trackers.action_plan.rules import ROW_RULES, action_ids
from tracker_tool.trackers.action_plan.settings import ActionPlanSettings
from tracker_tool.trackers.action_plan.trace_rules import TRACE_RULES
from tracker_tool.trackers.common import review_sheet
from tracker_tool.trackers.kit import Cadence, ChangeFields, LiveHighlights, Unit, define_tracker

INSTRUCTIONS = (
    "Record one improvement action per row, from the problem that raised it to the check that it "
    "worked. The Registered Manager reviews open actions at least monthly (policy s12, s17).",
    "Every action needs a named owner, a due date, a priority and the evidence that will prove it "
    "is done (s4, s8). Columns marked * must be filled in for every action.",
    "Pick values from the dropdowns where a cell offers one. Type dates as dd/mm/yyyy.",
    "Mark an action Complete only when the date completed and the evidence of completion are "
    "recorded (s14). Mark it Closed once the closure has been reviewed and any effectiveness "
    "check is done (s15).",
    "Keep the RAG as your honest forecast: Green on track, Amber at risk, Red off track or "
    "overdue. Say why in the progress update whenever it is Amber or Red (s12).",
    "When a due date moves, keep the original due date and add one to the number of "
    "extensions. Overdue actions that are high priority, linked to the service's escalating "
    "risks, required by an external body, extended more than once or late with no reason "
    "recorded must be escalated and the escalation recorded (s13).",
    "High-risk actions are closed only after a senior person who is not the owner has reviewed "
    "the evidence. If the effectiveness check shows the action did not work, reopen it or "
    "raise a new action and give its ID (s14, s15).",
    "The header row and this sheet are protected so the columns stay where the audit expects "
    "them; sorting, filtering and resizing columns still work. Do not add, delete or rename "
    "columns or sheets.",
    "Hover over a column heading to read what belongs in it.",
)

TRACKER = define_tracker(
    kind="action-plan",
    title="Action plan and improvement tracker",
    summary="Improvement actions from incidents, complaints, audits and inspections (CQC Reg 17).",
    version="1.2",
    reviews=review_sheet(
        Cadence("Registered Manager review", "Registered Manager", "rm_review_every_months",
                Unit.MONTHS, "s12, s17"),
        Cadence("Nominated Individual review", "Nominated Individual", "ni_review_every_months",
                Unit.MONTHS, "s17"),
        since="1.2"),
    sheet_name="Actions",
    row_model=ActionRecord,
    ids=action_ids,
    rules=ROW_RULES + CLOSURE_RULES + TRACE_RULES + PLAN_RULES,
    instructions=INSTRUCTIONS,
    highlights=LiveHighlights("due_date", "status", ("Complete", "Closed"), "owner",
                              ("title", "description"),
                              completion_keys=("date_completed", "completion_evidence"),
                              high=("priority", "High", "high_priority_reason"),
                              review_key="review_date"),
    figures=review_figures,
    escalations=escalations,
    review=review_pack,
    settings_model=ActionPlanSettings,
    figures_heading="Action-plan review figures (s17)",
    review_columns=("action_id", "title", "owner", "priority", "due_date", "status"),
    view_columns=("action_id", "title", "owner", "priority", "due_date", "review_date",
                  "status", "rag", "completion_evidence"),
    group_colours={
        "The action": "#1F4E79", "Owner, dates and risk": "#2E75B6", "Progress": "#548235",
        "Completion": "#7F6000", "Effectiveness and closure": "#7030A0",
    },
    regulator_keys=frozenset({"description", "progress_update"}),
    changes=ChangeFields(title="title", created="date_created", original_due="original_due_date",
                         extension="extensions",
                         closure=("date_completed", "completion_evidence", "outcome_achieved"),
                         progress="progress_update", review="review_date", rating="rag",
                         theme="theme"),
)
