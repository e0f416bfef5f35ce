"""The row of the probation-actions tracker: one support action agreed with a new starter.

The columns follow the article's Operational Example 3: the onboarding supervisor logs the
action at the week-2, week-6 or week-12 supervision (step 1), the mentor records support each
Friday (step 2), the deputy verifies it every fortnight (step 3), and the Registered Manager
records what happens when it is late or fails (step 4).

The mentor's support log is kept as its running totals: sessions so far, the competency
practised and which way confidence has moved, with the date of the last update. That is what
shows the article's warning sign (support given, confidence not improving) without a column
per session. The start date is asked for because the week-12 probation decision is worked out
from it.
"""

from __future__ import annotations

from typing import Annotated

from tracker_tool.trackers.kit import CellCount, CellDate, CellText, Column, E, Row, W, choice
from tracker_tool.trackers.supervision.probation.vocabulary import Confidence, Gap, Risk, Status

ACTION, MENTOR, VERIFY, ESCALATE = (
    "The action", "Mentor support", "Verification", "Overdue and escalation")


class ProbationAction(Row):
    """One probation support action, from the induction gap to its verified completion."""

    action_id: Annotated[CellText, Column(
        "Action ref", "A short reference unique in this tracker, such as PA-007.", "Ex3 step 1",
        ACTION, "action-ref", 9, example="PA-001")] = None
    new_starter: Annotated[CellText, Column(
        "New starter", "The new member of staff.", "Ex3 step 1", ACTION, "new-starter", 18, E,
        example="Sam Ortiz", suggest="roster")] = None
    start_date: Annotated[CellDate, Column(
        "Start date", "The day they started; the week-12 probation decision falls 12 weeks "
        "later.", "Ex3 step 1, warning signs", ACTION, "start-date", 12, W,
        example="07/09/2026")] = None
    date_raised: Annotated[CellDate, Column(
        "Date raised", "The day of the week-2, week-6 or week-12 supervision that agreed the "
        "action; log it that day.", "Ex3 step 1", ACTION, "date-raised", 12, W,
        example="19/10/2026")] = None
    induction_gap: Annotated[choice(Gap), Column(
        "Induction gap", "The part of induction the action makes up for. Medication, moving "
        "and handling and safeguarding gaps bear on safe practice.", "Ex3 step 1, escalation",
        ACTION, "induction-gap", 18, E, example="Record keeping")] = None
    action: Annotated[CellText, Column(
        "Action agreed", "What the new starter will do and how it will be shown.", "Ex3 step 1",
        ACTION, "action", 36, E, long=True,
        example="Shadow two medication rounds then be observed on one")] = None
    deadline: Annotated[CellDate, Column(
        "Deadline", "The date the action must be done by.", "Ex3 step 1", ACTION, "deadline",
        12, E, example="16/11/2026")] = None
    person_responsible: Annotated[CellText, Column(
        "Person responsible", "The one person who makes sure the action happens.", "Ex3 step 1",
        ACTION, "person-responsible", 18, E, example="Ruth Adeyemi", suggest="roster")] = None
    mentor: Annotated[CellText, Column(
        "Mentor", "The mentor supporting the new starter.", "Ex3 step 2", MENTOR, "mentor", 16,
        example="Dee Marsh", suggest="roster")] = None
    support_sessions: Annotated[CellCount, Column(
        "Support sessions done", "How many support sessions have taken place for this action.",
        "Ex3 step 2", MENTOR, "support-sessions", 9, example="2")] = None
    competency: Annotated[CellText, Column(
        "Competency practised", "The competency the sessions practised.", "Ex3 step 2", MENTOR,
        "competency", 20, example="Reading a MAR chart")] = None
    confidence: Annotated[choice(Confidence), Column(
        "Confidence change", "How the new starter's confidence rating has moved since the "
        "action was set.", "Ex3 step 2, warning signs", MENTOR, "confidence", 11,
        example="Improved")] = None
    mentor_update: Annotated[CellDate, Column(
        "Last mentor update", "The day the mentor last updated this row; every Friday while "
        "the action is open.", "Ex3 step 2", MENTOR, "mentor-update", 12,
        example="13/11/2026")] = None
    status: Annotated[choice(Status), Column(
        "Completion status", "Completed only when the deputy has seen evidence the exact "
        "action was done. Failed when it was tried and not achieved.", "Ex3 step 3", VERIFY,
        "status", 12, E, example="In progress")] = None
    evidence_reviewed: Annotated[CellText, Column(
        "Evidence reviewed", "The observation, competency record or audit the deputy looked "
        "at; a general impression of confidence is not evidence.", "Ex3 step 3, what can go "
        "wrong", VERIFY, "evidence-reviewed", 28, long=True,
        example="Medication competency observation 12/11 signed")] = None
    risk: Annotated[choice(Risk), Column(
        "Probation risk", "The deputy's probation risk category for the new starter.",
        "Ex3 step 3", VERIFY, "risk", 10, W, example="Low")] = None
    verified_date: Annotated[CellDate, Column(
        "Date verified", "The day the deputy last verified progress; every fortnight.",
        "Ex3 step 3", VERIFY, "verified-date", 12, example="13/11/2026")] = None
    overdue_reason: Annotated[CellText, Column(
        "Overdue reason", "Why the action is late or failed.", "Ex3 step 4", ESCALATE,
        "overdue-reason", 24, long=True, example="Mentor on leave for two weeks")] = None
    interim_restriction: Annotated[CellText, Column(
        "Interim restriction", "What the new starter may not do until the action is met, e.g. "
        "'no unsupervised medication rounds'.", "Ex3 step 4", ESCALATE, "interim-restriction",
        24, long=True, example="No unsupervised hoist transfers")] = None
    revised_review: Annotated[CellDate, Column(
        "Revised review date", "The new date the action will be reviewed.", "Ex3 step 4",
        ESCALATE, "revised-review", 12, example="27/11/2026")] = None
    escalated_on: Annotated[CellDate, Column(
        "Escalated on", "The day the Registered Manager put the action under enhanced "
        "oversight and formal review.", "Ex3 escalation", ESCALATE, "escalated-on", 12,
        example="18/11/2026")] = None
