"""The row of the supervision-actions tracker: one action agreed in a supervision meeting.

The columns follow the article's Operational Example 1 in the order the work happens: the
line manager logs the action (step 1), the deputy adds priority, closure evidence and a review
date each Friday (step 2), the line manager records the follow-up check (step 3), and the
Registered Manager fills the overdue register (step 4). Step 4's register is kept in the same
row rather than on a second sheet, so an overdue action and its explanation cannot drift
apart. Whether an action repeats an earlier one is worked out from the staff member and
category, not typed, so nobody has to remember to link them.
"""

from __future__ import annotations

from typing import Annotated

from tracker_tool.trackers.kit import CellCount, CellDate, CellText, Column, E, Row, W, choice
from tracker_tool.trackers.supervision.actions.vocabulary import Category, Priority, Stage, Status

LOGGED, WEEKLY, CHECK, OVERDUE = (
    "Action logged", "Weekly check", "Follow-up check", "Overdue register")


class SupervisionAction(Row):
    """One action agreed in supervision, from the meeting to the evidence that closed it."""

    action_id: Annotated[CellText, Column(
        "Action ref", "A short reference unique in this tracker, such as SA-014, to quote in the "
        "supervision note and the closure evidence.", "Ex1 step 1", LOGGED, "action-ref", 10,
        example="SA-001")] = None
    supervision_date: Annotated[CellDate, Column(
        "Supervision date", "The day of the supervision meeting that agreed the action.",
        "Ex1 step 1", LOGGED, "supervision-date", 12, W, example="02/11/2026")] = None
    staff_name: Annotated[CellText, Column(
        "Staff member", "The member of staff the action is for.", "Ex1 step 1", LOGGED,
        "staff-name", 18, E, example="Jo Bell", suggest="roster")] = None
    action: Annotated[CellText, Column(
        "Action agreed", "What the staff member will do, written so a check can show it was done: "
        "the task, how much, and how it will be checked.", "Ex1 step 1, step 2", LOGGED,
        "action", 40, E, long=True,
        example="Complete the medication refresher e-learning and bring the certificate")] = None
    category: Annotated[choice(Category), Column(
        "Category", "The area of practice. Choose Medication, Safeguarding or Care plan "
        "compliance whenever the action touches one: those escalate as soon as they are late.",
        "Ex1 step 1, escalation", LOGGED, "category", 18, E, example="Record keeping")] = None
    deadline: Annotated[CellDate, Column(
        "Deadline", "The date the action must be done by.", "Ex1 step 1", LOGGED, "deadline",
        12, E, example="30/11/2026")] = None
    line_manager: Annotated[CellText, Column(
        "Line manager", "The one manager responsible for checking the action is done.",
        "Ex1 step 1", LOGGED, "line-manager", 18, E, example="Ruth Adeyemi",
        suggest="roster")] = None
    date_logged: Annotated[CellDate, Column(
        "Date logged", "The day the action was entered here; the same working day as the "
        "meeting, so it shows in that week's report.", "Ex1 step 1", LOGGED, "date-logged", 12,
        example="02/11/2026")] = None
    priority: Annotated[choice(Priority), Column(
        "Priority", "Set by the deputy at the Friday check: High, Medium or Low.", "Ex1 step 2",
        WEEKLY, "priority", 10, W, example="Medium")] = None
    evidence_required: Annotated[CellText, Column(
        "Evidence required to close", "What will prove the action is done: an audit result, a "
        "training certificate, observation notes.", "Ex1 step 2", WEEKLY, "evidence-required",
        26, W, long=True, example="E-learning certificate")] = None
    review_date: Annotated[CellDate, Column(
        "Review date", "When progress will next be looked at.", "Ex1 step 2", WEEKLY,
        "review-date", 12, W, example="20/11/2026")] = None
    evidence_seen: Annotated[CellText, Column(
        "Evidence seen", "What the line manager actually looked at before closing: name the "
        "audit, certificate or observation record.", "Ex1 step 3", CHECK, "evidence-seen", 28,
        long=True, example="Certificate MED-REF-2231 seen 27/11")] = None
    date_checked: Annotated[CellDate, Column(
        "Date checked", "The day the line manager checked the evidence; by the deadline.",
        "Ex1 step 3", CHECK, "date-checked", 12, example="27/11/2026")] = None
    status: Annotated[choice(Status), Column(
        "Completion status", "Complete only once the evidence has been seen. 'Not met at check' "
        "keeps the action open.", "Ex1 step 3", CHECK, "status", 14, E,
        example="In progress")] = None
    days_overdue: Annotated[CellCount, Column(
        "Days overdue", "Calendar days past the deadline at the Registered Manager's weekly "
        "review.", "Ex1 step 4", OVERDUE, "days-overdue", 9, example="0")] = None
    reason_for_delay: Annotated[CellText, Column(
        "Reason for delay", "Why the deadline was missed, and who now owns putting it right.",
        "Ex1 step 4", OVERDUE, "reason-for-delay", 28, long=True,
        example="Off sick 10-20/11; new date agreed with RM")] = None
    escalation_stage: Annotated[choice(Stage), Column(
        "Escalation stage", "How far the late action has gone. More than 7 days late, or any "
        "late medication, safeguarding or care plan action, goes on the overdue register.",
        "Ex1 step 4, escalation", OVERDUE, "escalation-stage", 20,
        example="Not escalated")] = None
