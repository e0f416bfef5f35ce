"""One row of a safeguarding action plan, as a pydantic model: the single source of its columns.

Why these columns. A Registered Manager writing the plan after a safeguarding enquiry needs to
say, for each action:

- which concern it answers and what was learned (Concern reference, Type of concern, Learning
  or root cause), so every action can be traced back to the enquiry or review behind it and
  the plan reads as a response to learning rather than a list of tasks;
- what kind of action it is (Action type: risk-control measure, practice change, oversight
  mechanism or evidence measure), because a strong plan mixes all four and a plan of
  reminders and reissued policies leaves the risk where it was;
- who leads it and by when (Named lead, Due date) and how serious the risk is (Risk level):
  high-risk actions are reviewed more often, need senior assurance and stay under oversight
  for several review cycles before they may close;
- how it is going in governance terms (Status, RAG, a dated RAG narrative, review dates, the
  number of review cycles it has been through, what senior leaders were told, and the
  evidence gathered so far): a RAG without a narrative, or a date without a review, tells a
  governance meeting nothing;
- whether it passed the closure test, one column per test (risk indicators over time, an
  audit confirming practice change, supervision and competency evidence, governance minutes
  showing review and challenge), then the closure date and who closed it.

Everything is optional at this layer; which blanks matter is decided by ``Column.required``
and the rules, so one bad cell never hides the rest of the row.
"""

from __future__ import annotations

from typing import Annotated

from tracker_tool.trackers.kit import CellCount, CellDate, CellText, Column, E, Row, W, choice
from tracker_tool.trackers.safeguarding_plan.vocabulary import (
    CLOSURE, DESIGN, EFFECTIVE, GOVERNANCE, RAG, ActionType, ConcernType, RiskLevel, Status,
)

CONCERN, ACTION, PROGRESS, REVIEW, TEST = (
    "Concern and learning", "The action", "Progress and RAG", "Governance review",
    "Closure test",
)


class SafeguardingAction(Row):
    """One action of a safeguarding action plan, from the concern it answers to its closure."""

    action_id: Annotated[CellText, Column(
        "Action ID", "A short reference unique in this plan, such as SG-01, to quote in "
        "governance minutes and evidence.", GOVERNANCE, CONCERN, "action-id", 9,
        example="SG-01")] = None
    concern_ref: Annotated[CellText, Column(
        "Concern reference", "The safeguarding concern, enquiry or review this action answers "
        "(the local authority or internal reference). Every action must trace back to one.",
        EFFECTIVE, CONCERN, "concern-ref", 14, E, example="SAF-2026-014")] = None
    concern_type: Annotated[choice(ConcernType), Column(
        "Type of concern", "The kind of harm involved. What has to change, and how you show it "
        "changed, differs between neglect, restrictive practice, financial abuse and so on.",
        DESIGN, CONCERN, "concern-type", 18, W, example="Restrictive practice")] = None
    learning: Annotated[CellText, Column(
        "Learning or root cause", "What the enquiry or review found that this action puts "
        "right, in a sentence.", EFFECTIVE, CONCERN, "learning", 34, E, long=True,
        example="Restraint used inconsistently and not recorded")] = None
    date_raised: Annotated[CellDate, Column(
        "Date raised", "The day the action was agreed and added to the plan.", EFFECTIVE,
        CONCERN, "date-raised", 11, E, example="04/08/2026")] = None
    action_type: Annotated[choice(ActionType), Column(
        "Action type", "Risk-control measure (how harm is prevented now), practice change (what "
        "staff do differently every day), oversight mechanism (how managers will know it is "
        "happening) or evidence measure (what proof will be gathered and reviewed).",
        DESIGN, ACTION, "action-type", 16, E, example="Oversight mechanism")] = None
    action: Annotated[CellText, Column(
        "Action", "What will be done, by whom and how often, clearly enough that someone else "
        "could carry it out. 'Staff reminded' or 'policy reissued' on its own is not enough.",
        f"{EFFECTIVE}, {DESIGN}", ACTION, "action", 42, E, long=True,
        example="Deputy manager reviews every restrictive practice log entry weekly")] = None
    owner: Annotated[CellText, Column(
        "Named lead", "One named person accountable for the action. A team, 'all staff' or "
        "'management' cannot be held to account.", EFFECTIVE, ACTION, "lead", 16, E,
        example="Ruth Adeyemi", suggest="roster")] = None
    due_date: Annotated[CellDate, Column(
        "Due date", "When the action must be in place. Sooner where people need protecting "
        "now.", EFFECTIVE, ACTION, "due-date", 11, E, example="31/08/2026")] = None
    risk_level: Annotated[choice(RiskLevel), Column(
        "Risk level", "High, Medium or Low. High-risk actions are reviewed more often, need "
        "senior assurance and several review cycles before closure.", EFFECTIVE, ACTION,
        "risk-level", 9, E, example="High")] = None
    status: Annotated[choice(Status), Column(
        "Status", "Implemented means the work is done and is now being tested in practice; "
        "Closed only once the four closure-test columns are filled in.",
        f"{GOVERNANCE}, {CLOSURE}", PROGRESS, "status", 13, E, example="In progress")] = None
    rag: Annotated[choice(RAG), Column(
        "RAG", "Is the action reducing the risk as planned? Green on track, Amber at risk, Red "
        "off track. Always explain it in the RAG narrative.", GOVERNANCE, PROGRESS, "rag", 7,
        example="Amber")] = None
    rag_narrative: Annotated[CellText, Column(
        "RAG narrative", "Why the action has this RAG: what has happened, what the risk "
        "indicators show, what is blocking it.", GOVERNANCE, PROGRESS, "rag-narrative", 38,
        long=True, example="Logs reviewed weekly since 10/08; 2 unrecorded holds found")] = None
    narrative_date: Annotated[CellDate, Column(
        "Narrative date", "The day the RAG and its narrative were last updated.", GOVERNANCE,
        PROGRESS, "narrative-date", 11, example="14/11/2026")] = None
    evidence: Annotated[CellText, Column(
        "Evidence gathered", "Where the proof that the action happened is kept: a log, audit "
        "report, care plan version, training record.", f"{EFFECTIVE}, {GOVERNANCE}", PROGRESS,
        "evidence", 30, long=True, example="Restrictive practice log, weekly sign-off")] = None
    last_review: Annotated[CellDate, Column(
        "Last reviewed", "The date of the last quality or safeguarding governance meeting "
        "that reviewed this action.", GOVERNANCE, REVIEW, "last-review", 11,
        example="10/11/2026")] = None
    next_review: Annotated[CellDate, Column(
        "Next review date", "When governance will next review the action: at least monthly, "
        "more often when the risk is high.", GOVERNANCE, REVIEW, "next-review", 11,
        example="24/11/2026")] = None
    review_cycles: Annotated[CellCount, Column(
        "Review cycles completed", "How many governance review cycles the action has been "
        "through. High-risk actions need several before closure.", EFFECTIVE, REVIEW,
        "review-cycles", 9, example="2")] = None
    senior_assurance: Annotated[CellText, Column(
        "Senior assurance", "For high-risk actions: when and how the Board or senior leaders "
        "were given summary assurance.", GOVERNANCE, REVIEW, "senior-assurance", 26,
        long=True, example="Board quality report 15/10/2026")] = None
    risk_indicators: Annotated[CellText, Column(
        "Risk indicators over time", "Closure test 1: the risk indicators this action should "
        "move, with figures at two or more points in time.", CLOSURE, TEST, "risk-indicators",
        30, long=True, example="Restrictive interventions: 14 in July, 5 in October")] = None
    practice_audit: Annotated[CellText, Column(
        "Audit of practice change", "Closure test 2: the audit that shows practice has changed, "
        "with its reference or date.", CLOSURE, TEST, "practice-audit", 28, long=True,
        example="Record quality audit AUD-112, 19 of 20 compliant")] = None
    competency_evidence: Annotated[CellText, Column(
        "Supervision and competency evidence", "Closure test 3: supervision notes or competency "
        "checks showing staff are confident and consistent.", CLOSURE, TEST,
        "competency-evidence", 28, long=True,
        example="Scenario competency checks, 12 of 12 staff passed")] = None
    governance_minutes: Annotated[CellText, Column(
        "Governance minutes", "Closure test 4: the governance meeting minutes that show the "
        "action was reviewed and challenged.", CLOSURE, TEST, "governance-minutes", 26,
        long=True, example="Safeguarding governance minutes 10/11/2026 item 4")] = None
    closure_date: Annotated[CellDate, Column(
        "Closure date", "The day governance agreed the action could close.", CLOSURE, TEST,
        "closure-date", 11, example="10/11/2026")] = None
    closed_by: Annotated[CellText, Column(
        "Closed by", "The manager who agreed the closure after review and challenge; for a "
        "high-risk action, not the action's own lead.", CLOSURE, TEST, "closed-by", 16,
        example="Ruth Adeyemi", suggest="roster")] = None
