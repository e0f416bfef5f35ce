"""The safeguarding action plan tracker: actions after a safeguarding concern, governed to closure.

Built from the consultancy article "Closing the Loop: Safeguarding Action Plans, Governance
Oversight and Sustained Improvement"; its sections are cited by short names (vocabulary.py).
"""

from tracker_tool.trackers.common import review_sheet
from tracker_tool.trackers.kit import Cadence, ChangeFields, LiveHighlights, Unit, define_tracker
from tracker_tool.trackers.safeguarding_plan.closure_rules import CLOSURE_RULES
from tracker_tool.trackers.safeguarding_plan.figures import escalations, review_figures
from tracker_tool.trackers.safeguarding_plan.models import SafeguardingAction
from tracker_tool.trackers.safeguarding_plan.rules import ROW_RULES, action_ids
from tracker_tool.trackers.safeguarding_plan.settings import SafeguardingSettings
from tracker_tool.trackers.safeguarding_plan.vocabulary import GOVERNANCE

INSTRUCTIONS = (
    ("Record one safeguarding action per row, starting from the concern it answers and what was "
     "learned, and keep the row up to date until governance agrees it can close."),
    ("Give every action its concern reference, the learning or root cause behind it, its type, "
     "one named lead, a due date and a risk level. Columns marked * must be filled in."),
    ("Mix the four types of action for each concern: a risk-control measure (how harm is "
     "prevented now), a practice change (what staff do differently every day), an oversight "
     "mechanism (how managers will know it is happening) and an evidence measure (what proof "
     "will be gathered and reviewed)."),
    ("'Staff reminded' or 'policy reissued' is only acceptable alongside real changes for the "
     "same concern, or when the action says how it will be tested (an audit, spot check, "
     "observation or competency check)."),
    ("Give every RAG rating a narrative and date it: what happened, what the risk indicators "
     "show and what is in the way. A Green action must not be overdue."),
    ("Governance reviews every action until it closes: set the next review date no further "
     "ahead than the service's policy allows (by default a month, two weeks for high-risk "
     "actions; the article sets no interval), and add one to the review cycles after each "
     "review. For high-risk actions, record the assurance given to the Board or senior "
     "leaders."),
    ("Mark an action Implemented when the work is done and being tested in practice, with the "
     "evidence recorded. Mark it Closed only when all four closure-test columns are filled in: "
     "risk indicators improving over time, an audit confirming practice change, supervision and "
     "competency evidence, and governance minutes showing review and challenge."),
    ("Improvement must hold over several review cycles before closure: by default at least 3 "
     "for a high-risk action and 1 for any other (the service's policy may set other numbers). "
     "A high-risk action is closed by someone other than its lead."),
    ("Pick values from the dropdowns where a cell offers one. Type dates as dd/mm/yyyy. Hover "
     "over a column heading to read what belongs in it."),
    ("The header row and this sheet are protected so the columns stay where the audit expects "
     "them; sorting, filtering and resizing columns still work. Do not add, delete or rename "
     "columns or sheets."),
)

TRACKER = define_tracker(
    kind="safeguarding-plan",
    title="Safeguarding action plan",
    summary="Safeguarding action plans governed to closure: named leads, dated RAG, closure test.",
    version="1.1",
    reviews=review_sheet(
        Cadence("Governance review", "Chair of the governance meeting",
                "governance_review_every_months", Unit.MONTHS, GOVERNANCE),
        since="1.1"),
    sheet_name="Safeguarding actions",
    row_model=SafeguardingAction,
    ids=action_ids,
    settings_model=SafeguardingSettings,
    rules=ROW_RULES + CLOSURE_RULES,
    instructions=INSTRUCTIONS,
    highlights=LiveHighlights("due_date", "status", ("Implemented", "Closed"), "owner",
                              ("concern_ref", "action"), completion_keys=("evidence",),
                              high=("risk_level", "High", "senior_assurance"),
                              review_key="next_review"),
    view_columns=("action_id", "concern_ref", "action", "owner", "due_date", "risk_level",
                  "status", "rag", "next_review", "evidence"),
    figures=review_figures,
    escalations=escalations,
    group_colours={
        "Concern and learning": "#7B2C2C", "The action": "#1F4E79",
        "Progress and RAG": "#548235", "Governance review": "#7F6000",
        "Closure test": "#7030A0",
    },
    changes=ChangeFields(title="action", created="date_raised",
                         closure=("closure_date", "evidence"), progress="rag_narrative",
                         review="next_review", rating="rag", theme="concern_type"),
)
