"""The Ombudsman action plan: what an organisation does about the failings the Parliamentary and
Health Service Ombudsman found, laid out as the Ombudsman's guidance *Writing action plans*
asks. Its parts are cited by the short names listed in vocabulary.py.
"""

from tracker_tool.trackers.common import text_columns
from tracker_tool.trackers.kit import ChangeFields, LiveHighlights, define_tracker
from tracker_tool.trackers.ombudsman_plan.figures import review_figures
from tracker_tool.trackers.ombudsman_plan.models import OmbudsmanAction, OmbudsmanPlan
from tracker_tool.trackers.ombudsman_plan.plan_rules import PLAN_RULES
from tracker_tool.trackers.ombudsman_plan.rules import ROW_RULES, action_ids

INSTRUCTIONS = (
    ("Start on the Plan sheet: the Ombudsman's case reference, your organisation's name and "
     "address, the date of the final report and how many failings it found, the date the plan "
     "is due to the Ombudsman, the date by which the actions will be reviewed, how the person "
     "who complained is involved, and who the report says must receive the plan."),
    ("Number the report's failings 1, 2, 3... in the report's order, complaint handling "
     "included. On this sheet record one action per row, with the number of the failing it "
     "answers; a failing with three actions takes three rows. Every failing needs at least one "
     "action, and at least one row of each failing should say what the failing was."),
    ("For every action give the person or team responsible (a named team is fine; 'everyone' "
     "or 'all staff' is not), when it starts and when it will be complete, how you will make "
     "sure it meets the relevant standards and which standards they are, how and when it will "
     "be reviewed, how it will be monitored and audited, and how its impact will be measured. "
     "Columns marked * must be filled in for every action."),
    ("When an action is complete, record the date and the evidence that shows it was done: "
     "the Ombudsman asks for that evidence with the plan."),
    ("If the plan cannot be ready by the date agreed with the Ombudsman, tell the Ombudsman as "
     "soon as possible and record the new date on the Plan sheet."),
    ("Copies go to every person and organisation listed in the final report, and to any "
     "regulator the Ombudsman names, with the final report. Take out names and other personal "
     "details first; the audit warns about names with a title, NHS numbers, email addresses, "
     "telephone numbers and dates of birth it finds in the text, and `tracker-tool redact` "
     "writes a copy with them masked."),
    ("Pick values from the dropdowns where a cell offers one. Type dates as dd/mm/yyyy. Hover "
     "over a column heading to read what belongs in it."),
    ("The header row, the Plan sheet's items and this sheet are protected so the audit finds "
     "everything where it expects it; sorting, filtering and resizing columns still work. Do "
     "not add, delete or rename columns or sheets."),
)

TRACKER = define_tracker(
    kind="ombudsman-plan",
    title="Ombudsman action plan",
    summary="Plans answering an Ombudsman (PHSO) report: every failing actioned, owned, dated, "
            "reviewed, evidenced.",
    version="1.0",
    sheet_name="Actions",
    row_model=OmbudsmanAction,
    plan_model=OmbudsmanPlan,
    plan_sheet="Plan",
    ids=action_ids,
    rules=ROW_RULES + PLAN_RULES,
    instructions=INSTRUCTIONS,
    highlights=LiveHighlights("due_date", "status", ("Complete",), "responsible",
                              ("failing_ref", "action"),
                              completion_keys=("date_completed", "evidence"),
                              review_key="review_date"),
    view_columns=("action_id", "failing_ref", "action", "responsible", "due_date",
                  "review_date", "status", "date_completed", "evidence"),
    figures=review_figures,
    group_colours={
        "The failing": "#7B2C2C", "The action": "#1F4E79", "Responsibility and dates": "#2E75B6",
        "Standards": "#7F6000", "Review, monitoring and impact": "#548235",
        "Progress and evidence": "#7030A0",
    },
    changes=ChangeFields(title="action", created="start_date",
                         closure=("date_completed", "evidence"), progress="progress",
                         review="review_date"),
    # The whole plan goes to the Ombudsman: every text but the action's ID and who is
    # responsible, and on the Plan sheet what a reader outside sees (not the organisation's
    # own details, nor the list of who receives it, which are meant to name people).
    regulator_keys=text_columns(OmbudsmanAction, but=("action_id", "responsible"))
    | {"case_ref", "complainant_how", "progress_updates"},
)
