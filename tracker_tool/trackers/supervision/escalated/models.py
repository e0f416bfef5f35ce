"""The row of the escalated-cases tracker: one formal case about a repeated practice concern.

The columns follow the article's Operational Example 2: the Registered Manager opens the case
(step 1), the line manager agrees a signed, time-bound plan (step 2), the deputy monitors it
(step 3), the Registered Manager reviews it every fortnight (step 4) and the HR lead closes or
advances it (step 5).

A row cannot hold a list, and the monitoring log and the fortnightly review forms are
documents in their own right. So the row holds what a manager keeps current and what the
escalation rules need, not the history:

* Monitoring: the number of shift observations so far, the audit findings in a sentence, the
  date of the latest check and the progress rating it gave. The deputy overwrites them after
  each check, which is what a busy manager actually does with a tracker.
* Fortnightly reviews: the date of the last review and the number of reviews missed so far,
  rather than four "Review N" date columns. A fixed set of review columns runs out on the
  cases that matter most, the long ones, and leaves a manager counting blanks to see that two
  were missed; a count is what the escalation threshold ("two missed reviews") is written in.
  The audit adds any review missed since the last one, so a case that simply stopped being
  reviewed cannot hide behind a stale count.
"""

from __future__ import annotations

from typing import Annotated

from tracker_tool.trackers.kit import CellCount, CellDate, CellText, Column, E, Row, W, choice
from tracker_tool.trackers.supervision.escalated.vocabulary import (
    Compliance, Concern, Decision, Outcome, Pathway, Progress, Recheck, RecheckResult, Risk,
)

CASE, PLAN, MONITOR, REVIEW, OUTCOME = (
    "The case", "Action plan", "Monitoring", "Fortnightly review", "Outcome")


class EscalatedCase(Row):
    """One escalated supervision case, from the repeated concern to its outcome."""

    case_id: Annotated[CellText, Column(
        "Case ref", "A short reference unique in this tracker, such as EC-004.", "Ex2 step 1",
        CASE, "case-ref", 9, example="EC-001")] = None
    staff_name: Annotated[CellText, Column(
        "Staff member", "The member of staff the case is about.", "Ex2 step 1", CASE,
        "staff-name", 18, E, example="Jo Bell", suggest="roster")] = None
    concern: Annotated[choice(Concern), Column(
        "Repeated concern", "The kind of concern that keeps coming back.", "Ex2 step 1", CASE,
        "concern", 18, E, example="Documentation")] = None
    threshold: Annotated[CellText, Column(
        "Threshold met", "Which escalation threshold the concern reached, in a phrase: e.g. "
        "'third late-notes action in 8 weeks'.", "Ex2 step 1", CASE, "threshold", 24, E,
        long=True, example="Third missed handover note in 6 weeks")] = None
    date_confirmed: Annotated[CellDate, Column(
        "Concern confirmed", "The day the repeated concern was confirmed.", "Ex2 step 1", CASE,
        "date-confirmed", 12, W, example="02/10/2026")] = None
    date_escalated: Annotated[CellDate, Column(
        "Date escalated", "The day the case was opened: within one working day of the concern "
        "being confirmed.", "Ex2 step 1", CASE, "date-escalated", 12, E,
        example="02/10/2026")] = None
    line_manager: Annotated[CellText, Column(
        "Line manager", "The manager who owns the action plan.", "Ex2 step 2", CASE,
        "line-manager", 18, E, example="Ruth Adeyemi", suggest="roster")] = None
    corrective_action: Annotated[CellText, Column(
        "Corrective action required", "What must change, specifically enough to recheck.",
        "Ex2 step 2", PLAN, "corrective-action", 34, E, long=True,
        example="All care notes written before leaving shift; 10 notes audited weekly")] = None
    plan_signed: Annotated[CellDate, Column(
        "Plan signed", "The day the staff member signed the plan; within 24 hours of the case "
        "opening.", "Ex2 step 2", PLAN, "plan-signed", 12, example="03/10/2026")] = None
    review_meeting: Annotated[CellDate, Column(
        "Review meeting date", "The first review meeting agreed in the plan.", "Ex2 step 2",
        PLAN, "review-meeting", 12, E, example="16/10/2026")] = None
    recheck_method: Annotated[choice(Recheck), Column(
        "Recheck method", "How improvement will be tested.", "Ex2 step 2", PLAN,
        "recheck-method", 16, E, example="Record audit")] = None
    target_date: Annotated[CellDate, Column(
        "Target closure date", "When the plan should be complete; the plan is time-bound.",
        "Ex2 step 2, outcome", PLAN, "target-date", 12, E, example="27/11/2026")] = None
    observations: Annotated[CellCount, Column(
        "Shift observations done", "How many shift observations have been completed since the "
        "case opened.", "Ex2 step 3", MONITOR, "observations", 10, example="3")] = None
    audit_findings: Annotated[CellText, Column(
        "Audit findings since escalation", "What the audits found since the case opened.",
        "Ex2 step 3", MONITOR, "audit-findings", 28, long=True,
        example="9 of 10 notes on time (w/c 12/10)")] = None
    last_check: Annotated[CellDate, Column(
        "Last monitoring check", "The day of the latest observation or audit; monitoring is "
        "looked at formally every 7 days.", "Ex2 step 3", MONITOR, "last-check", 12,
        example="13/11/2026")] = None
    progress: Annotated[choice(Progress), Column(
        "Progress rating", "The rating the latest check gave.", "Ex2 step 3, escalation",
        MONITOR, "progress", 16, example="Some progress")] = None
    recheck_result: Annotated[choice(RecheckResult), Column(
        "Latest recheck result", "The result of the latest recheck by the method above.",
        "Ex2 step 3, escalation", MONITOR, "recheck-result", 12, example="Passed")] = None
    last_review: Annotated[CellDate, Column(
        "Last fortnightly review", "The day of the latest fortnightly case review.",
        "Ex2 step 4", REVIEW, "last-review", 12, example="13/11/2026")] = None
    reviews_missed: Annotated[CellCount, Column(
        "Reviews missed", "Fortnightly reviews that did not happen when due, counted at each "
        "review. Two missed reviews send the case to senior oversight.", "Ex2 step 4, escalation",
        REVIEW, "reviews-missed", 9, example="0")] = None
    compliance: Annotated[choice(Compliance), Column(
        "Plan compliance", "How well the plan was followed, at the last review.", "Ex2 step 4",
        REVIEW, "compliance", 14, example="Fully followed")] = None
    risk: Annotated[choice(Risk), Column(
        "Remaining risk", "The risk still left, at the last review.", "Ex2 step 4", REVIEW,
        "risk", 10, W, example="Medium")] = None
    decision: Annotated[choice(Decision), Column(
        "Next escalation decision", "What the last review decided.", "Ex2 step 4", REVIEW,
        "decision", 20, example="Continue plan")] = None
    senior_oversight: Annotated[CellDate, Column(
        "Senior oversight from", "The day the case went to senior provider oversight.",
        "Ex2 escalation", REVIEW, "senior-oversight", 12, example="20/11/2026")] = None
    improvement_plan_ref: Annotated[CellText, Column(
        "Improvement plan ref", "Its entry on the service improvement plan, once escalated.",
        "Ex2 escalation", REVIEW, "improvement-plan-ref", 12, example="SIP-12")] = None
    outcome: Annotated[choice(Outcome), Column(
        "Case outcome", "Open until the HR lead closes or advances the case.", "Ex2 step 5",
        OUTCOME, "outcome", 20, E, example="Open")] = None
    date_closed: Annotated[CellDate, Column(
        "Date closed", "The day the case was closed or passed to a formal HR process.",
        "Ex2 step 5", OUTCOME, "date-closed", 12, example="27/11/2026")] = None
    closure_evidence: Annotated[CellText, Column(
        "Evidence supporting closure", "The audits, observations and review forms that show "
        "the outcome.", "Ex2 step 5", OUTCOME, "closure-evidence", 28, long=True,
        example="Audits w/c 2/11 and 9/11: 10/10; review form 13/11")] = None
    hr_pathway: Annotated[choice(Pathway), Column(
        "Formal HR pathway", "Any formal HR process the case started.", "Ex2 step 5", OUTCOME,
        "hr-pathway", 18, example="No formal pathway")] = None
