"""The performance improvement plan tracker: one employee's improvement plan, its actions and
its reviews, from the NHS improvement action plan form (clauses: PIP header, PIP table,
PIP review; see vocabulary.py)."""

from tracker_tool.trackers.kit import ChangeFields, LiveHighlights, define_tracker
from tracker_tool.trackers.performance_plan.figures import plan_figures
from tracker_tool.trackers.performance_plan.models import ImprovementAction, PlanHeader
from tracker_tool.trackers.performance_plan.plan_rules import PLAN_RULES
from tracker_tool.trackers.performance_plan.rules import ROW_RULES, action_numbers

INSTRUCTIONS = (
    ("This workbook is one employee's improvement plan and holds personal data about them: "
     "keep it with their HR records, share it only with the people running the plan, and "
     "never include it in a service-quality return or a batch sent to commissioners."),
    ("Fill in the Plan sheet first: the employee and the manager, the date this version was "
     "agreed, whether it is Stage 1 (informal) or Stage 2 (formal), and, when it replaces an "
     "earlier plan, the dates of the original plan and of each revision (PIP header)."),
    ("Then write one row per area for improvement on the Improvement actions sheet: the level "
     "the post requires, the gap found (with the facts behind it), what the employee and the "
     "manager agreed to do, the support given, the timescale, how progress is monitored, the "
     "next formal review date, how improvement will be measured and the date by which the "
     "required level should be reached (PIP table)."),
    ("Say for every gap whether it puts patients at risk. When it does, record the measures "
     "that protect patients while the plan runs, such as supervised practice or a period as "
     "supernumerary."),
    ("After each review, update the action's row: the date the review was held, what it "
     "found, whether the required level is met, partially met or not met, and anything "
     "further agreed; then move the next formal review date on (PIP review). Keep the signed "
     "review forms on the HR file; the tracker keeps the latest review of each action."),
    ("Review every action at the end of its review period, even one already rated met at an "
     "earlier review. When the level is partially met or not met at that point, record the "
     "next step that was decided."),
    ("Pick values from the dropdowns and type dates as dd/mm/yyyy. Items and columns marked * "
     "must be filled in. Hover over a column heading to read what belongs in it."),
    ("The headings and the Plan sheet's labels are protected so the audit can find them; do "
     "not add, delete or rename columns, plan items or sheets."),
)



TRACKER = define_tracker(
    kind="performance-plan",
    title="Performance improvement plan",
    summary="One employee's performance improvement plan: gaps, patient-safety measures, "
            "support and reviews.",
    version="1.0",
    sheet_name="Improvement actions",
    row_model=ImprovementAction,
    plan_model=PlanHeader,
    plan_sheet="Plan",
    plan_dates=("date_agreed", "employee_signed", "manager_signed"),
    ids=action_numbers,
    rules=ROW_RULES + PLAN_RULES,
    instructions=INSTRUCTIONS,
    highlights=LiveHighlights("end_date", "rating", ("Met",), "support", ("agreed_actions",),
                              high=("safety_risk", "Yes", "safety_measures"),
                              review_key="review_date"),
    view_columns=("action_no", "area", "agreed_actions", "support", "review_date", "end_date",
                  "reviewed_on", "rating"),
    figures=plan_figures,
    group_colours={
        "Area and gap": "#1F4E79", "Agreed actions": "#2E75B6", "Latest review": "#548235",
    },
    changes=ChangeFields(title="area", closure=("reviewed_on", "outcome"), progress="outcome",
                         review="review_date", rating="rating"),
)
