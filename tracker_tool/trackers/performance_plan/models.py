"""The performance improvement plan as two pydantic models: the plan sheet and the action rows.

``PlanHeader`` holds what the form asks once, at the top (PIP header): when the plan was
agreed, whether it replaces an earlier plan and when that was, the stage of the process, who
the employee and the manager are, and when each of them signed. It is laid down the plan
sheet, one item per line.

``ImprovementAction`` is one line of the action table (PIP table) with, on the same row, the
latest review of that action (PIP review).

Why the review lives on the action row and not in review slots on the plan sheet: the form's
review table has one line per action number, and it rates each action on its own (met,
partially met, not met) with its own further actions. A review meeting therefore produces one
rating per action, not one per plan, and plan-level slots would need a rating for every
action in every slot. What a manager actually does after a review is open the tracker and,
on each action's row, write the date of the review, what it found, the rating and anything
further agreed, then move the next review date on. Only the latest review of each action is
kept in the tracker; the signed review forms, which hold the history, stay on the HR file.
The planned review date per action follows the form's "review dates" column, which sets
informal monitoring (weekly, say) and a dated formal review for each action.

Everything is optional at this layer; which blanks matter is said by ``Column.required`` and
the rules, so one bad cell never hides the rest of the plan.
"""

from __future__ import annotations

from typing import Annotated

from tracker_tool.trackers.kit import CellDate, CellText, Column, E, Row, W, choice
from tracker_tool.trackers.performance_plan.vocabulary import (
    HEADER, REVIEW, TABLE, Rating, Stage, YesNo,
)

PLAN, SIGNED = "The plan", "Signatures"
AREA, ACTIONS, REVIEWS = "Area and gap", "Agreed actions", "Latest review"


class PlanHeader(Row):
    """The plan's own facts, written once on the plan sheet (PIP header)."""

    employee: Annotated[CellText, Column(
        "Employee", "The full name of the member of staff the plan is for.", HEADER, PLAN,
        "employee", 24, E, example="Dana Whitlock")] = None
    manager: Annotated[CellText, Column(
        "Manager", "The full name of the line manager who agreed the plan and reviews it.",
        HEADER, PLAN, "manager", 24, E, example="Imogen Farrow")] = None
    date_agreed: Annotated[CellDate, Column(
        "Date agreed", "The day the manager and the employee agreed this version of the plan.",
        HEADER, PLAN, "date-agreed", 12, E, example="24/08/2026")] = None
    stage: Annotated[choice(Stage), Column(
        "Stage of the process", "Stage 1 is the informal stage of performance management; "
        "Stage 2 is the formal stage.", HEADER, PLAN, "stage", 18, E,
        example="Stage 1 (informal)")] = None
    revision: Annotated[choice(YesNo), Column(
        "Revision of an earlier plan", "Yes when this plan replaces or updates an earlier "
        "improvement plan for the same employee; No when it is the first.", HEADER, PLAN,
        "revision", 10, W, example="No")] = None
    earlier_plans: Annotated[CellText, Column(
        "Dates of earlier plans", "When this plan is a revision: the date the original plan "
        "was agreed and the date of each revision since.", HEADER, PLAN, "earlier-plans", 30,
        example="Original plan 12/05/2026")] = None
    employee_signed: Annotated[CellDate, Column(
        "Date signed by the employee", "The day the employee signed the plan. The signed copy "
        "stays on the HR file.", HEADER, SIGNED, "employee-signed", 12, W,
        example="24/08/2026")] = None
    manager_signed: Annotated[CellDate, Column(
        "Date signed by the manager", "The day the manager signed the plan. The signed copy "
        "stays on the HR file.", HEADER, SIGNED, "manager-signed", 12, W,
        example="24/08/2026")] = None


class ImprovementAction(Row):
    """One area for improvement: the gap, what was agreed, how it is judged, its latest review."""

    action_no: Annotated[CellText, Column(
        "Action No.", "The action's number on the plan (1, 2, 3...). Reviews refer to it, so "
        "keep each number once.", TABLE, AREA, "action-no", 8, example="1")] = None
    area: Annotated[CellText, Column(
        "Area for improvement", "The part of the job that needs to improve, in a few words.",
        TABLE, AREA, "area", 26, E, long=True,
        example="Complete patient records accurately and on time")] = None
    required_level: Annotated[CellText, Column(
        "Required level of performance", "What the post requires, concretely enough to judge "
        "against: the standard, the policy and its timescales.", TABLE, AREA,
        "required-level", 34, E, long=True,
        example="All visit records complete and free of errors by the end of each shift")] = None
    gap: Annotated[CellText, Column(
        "Identified gap", "What was found short of that level, with the facts: how many, "
        "over what period, from which records.", TABLE, AREA, "gap", 34, E, long=True,
        example="Audit of 40 records in June found 11 errors and 6 entries made late")] = None
    safety_risk: Annotated[choice(YesNo), Column(
        "Patient-safety risk", "Does the gap put patients at risk? Yes or No.", TABLE, AREA,
        "patient-safety", 10, E, example="Yes")] = None
    safety_measures: Annotated[CellText, Column(
        "Measures in place for the risk", "When the gap is a patient-safety risk: what protects "
        "patients while the plan runs, such as supervised practice or a check of every entry.",
        TABLE, AREA, "safety-measures", 30, long=True,
        example="Every record checked by a senior nurse for 4 weeks")] = None
    agreed_actions: Annotated[CellText, Column(
        "Agreed actions", "What the employee and the manager each agreed to do.", TABLE,
        ACTIONS, "agreed-actions", 36, E, long=True,
        example="Write up each visit before the next one; ask for advice when unsure")] = None
    support: Annotated[CellText, Column(
        "Support required", "What the manager or the service provides to help: supervision, "
        "training, protected time, a mentor.", TABLE, ACTIONS, "support", 30, W, long=True,
        example="Weekly supervision; protected 30 minutes at the end of each shift")] = None
    timescale: Annotated[CellText, Column(
        "Timescale", "When each agreed action starts or how often it happens, e.g. "
        "'immediately', 'weekly'.", TABLE, ACTIONS, "timescale", 14, W,
        example="Immediately, then weekly")] = None
    monitoring: Annotated[CellText, Column(
        "Progress monitoring", "How progress is followed between formal reviews, e.g. "
        "'informal review in weekly supervision'.", TABLE, ACTIONS, "monitoring", 22,
        long=True, example="Informal review in weekly supervision")] = None
    review_date: Annotated[CellDate, Column(
        "Next formal review", "The date of the next formal review of this action. Move it on "
        "after each review.", TABLE, ACTIONS, "review-date", 12, W,
        example="21/09/2026")] = None
    measure: Annotated[CellText, Column(
        "How improvement is measured", "The evidence the reviews will use to judge whether "
        "the required level is reached: audits, observations, records.", TABLE, ACTIONS,
        "measure", 30, E, long=True,
        example="Monthly audit of 20 records; notes of each supervision")] = None
    end_date: Annotated[CellDate, Column(
        "Date to reach the required level", "The end of the review period: the date by which "
        "the required level of performance should be reached.", TABLE, ACTIONS, "end-date",
        12, E, example="16/11/2026")] = None
    reviewed_on: Annotated[CellDate, Column(
        "Last review held", "The date of the latest review of this action.", REVIEW, REVIEWS,
        "reviewed-on", 12, example="19/10/2026")] = None
    outcome: Annotated[CellText, Column(
        "Outcome / evaluation", "What the latest review found, against the measure.", REVIEW,
        REVIEWS, "outcome", 32, long=True,
        example="October audit: 2 errors in 20 records, all entries on time")] = None
    rating: Annotated[choice(Rating), Column(
        "Required level reached?", "The latest review's rating: Met, Partially met or Not met.",
        REVIEW, REVIEWS, "rating", 12, example="Partially met")] = None
    further_actions: Annotated[CellText, Column(
        "Further actions agreed", "What was agreed at the latest review, when needed: more "
        "support, a new date, or the next step in the process.", REVIEW, REVIEWS,
        "further-actions", 32, long=True,
        example="Extend to 14/12 with a mentor for two shifts a week")] = None
