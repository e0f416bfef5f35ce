"""Checks of the probation-actions tracker (article, Operational Example 3), each with the
codes it raises beside it; the facts the figures count are the functions here too.

Lateness is counted in working days on the service's own calendar (its UK nation's bank
holidays and local days off, from the service policy), because the article's threshold is
"more than five working days".
"""

from __future__ import annotations

from datetime import timedelta

from tracker_tool.trackers.common import (
    date_order_check, future_dates_check, overdue_code, owner_check, owner_codes, stale_since,
    unfilled, working_days_late,
)
from tracker_tool.trackers.kit import (
    CheckedRow, Code, E, RuleContext, W, X, days_text, fmt, rule, unique_ids,
)
from tracker_tool.trackers.supervision.probation.models import ProbationAction
from tracker_tool.trackers.supervision.probation.vocabulary import (
    SAFE_PRACTICE, Confidence, Status,
)
from tracker_tool.trackers.supervision.shared import (
    earlier_repeats, is_vague_evidence, lower_first,
)

MENTOR_EVERY, VERIFY_EVERY = 7, 14   # Ex3 steps 2 (weekly) and 3 (fortnightly)
DECISION_WEEK, DECISION_WARNING = 12, 14

action_refs = unique_ids("action_id", model=ProbationAction, example="PA-007",
                         so="the support log cannot point to it", name="action ref",
                         noun="reference",
                         codes=("probation.ref-missing", "probation.ref-duplicate"))

#: The one person who makes sure the action happens (Ex3 step 1), and the assigned mentor
#: who supports it and keeps the support log (Ex3 step 2).
person_responsible = owner_check("person_responsible",
                                 owner_codes(ProbationAction, "person_responsible"))
mentor = owner_check("mentor", owner_codes(ProbationAction, "mentor"))


def is_completed(row: CheckedRow) -> bool:
    return row.record.status == Status.COMPLETED


def is_failed(row: CheckedRow) -> bool:
    return row.record.status == Status.FAILED


def is_open(row: CheckedRow) -> bool:
    """Not yet completed or failed: still being worked on."""
    return row.record.status not in (Status.COMPLETED, Status.FAILED)


def handled(row: CheckedRow) -> bool:
    """A failed action dealt with as the article asks (Ex3 step 4): escalated, and a new plan
    recorded as its revised review date. Its old deadline no longer measures anything."""
    return is_failed(row) and not row.missing("escalated_on") and not row.missing("revised_review")


def is_late(row: CheckedRow, ctx: RuleContext) -> bool:
    due = row.record.deadline
    return (not is_completed(row) and not handled(row) and due is not None
            and due < ctx.as_of)


def working_late(row: CheckedRow, ctx: RuleContext) -> int:
    """Working days past the deadline on the service's calendar; 0 when not late."""
    if not is_late(row, ctx):
        return 0
    return ctx.remember("probation-late", row,
                        lambda r, c: working_days_late(c, r.record.deadline, c.as_of))


def late_text(row: CheckedRow, ctx: RuleContext) -> str:
    """'15 days (10 working days)': the working days are what the thresholds count."""
    days = (ctx.as_of - row.record.deadline).days
    return f"{days_text(days)} ({days_text(working_late(row, ctx), 'working')})"


def state(row: CheckedRow, ctx: RuleContext) -> str | None:
    if is_failed(row):
        return "failed"
    if is_late(row, ctx):
        return f"{late_text(row, ctx)} overdue"
    return None


def escalation_reasons(row: CheckedRow, ctx: RuleContext) -> list[str]:
    return ctx.remember("probation-escalation", row, _reasons)


def _reasons(row: CheckedRow, ctx: RuleContext) -> list[str]:
    gap = row.record.induction_gap
    safe = gap in SAFE_PRACTICE
    late = working_late(row, ctx)
    reasons = []
    settings = ctx.tracker.settings(ctx.policy)
    if late > settings.escalate_after_working_days:
        reasons.append(f"more than {days_text(settings.escalate_after_working_days, 'working')}"
                       " overdue")
    elif safe and late > settings.safe_practice_working_days:
        reasons.append(f"a late {lower_first(gap.value)} action, more than "
                       f"{days_text(settings.safe_practice_working_days, 'working')} overdue")
    if safe and is_failed(row):
        reasons.append(f"a failed {lower_first(gap.value)} action")
    return reasons


future_dates = future_dates_check(
    "probation.date-in-future", "Ex3 steps 1-4",
    {"date_raised": "date raised", "mentor_update": "last mentor update",
     "verified_date": "date verified", "escalated_on": "escalation date"})
date_order = date_order_check("probation.date-order", "Ex3 step 1", (
    ("date_raised", "date raised", "start_date", "start date"),
    ("deadline", "deadline", "date_raised", "date raised")))


@rule(
    Code("probation.mentor-update-stale", "No recent mentor update", W,
         "Ex3 step 2, what can go wrong",
         "{label} is open and the mentor last updated it {days} ago{since}.",
         "The mentor records sessions, competency and confidence every Friday."),
    Code("probation.verification-overdue", "Fortnightly verification overdue", W,
         "Ex3 step 3", "{label} is open and was last verified {days} ago{since}.",
         "The deputy verifies progress before each fortnightly workforce meeting."),
    Code("probation.confidence-flat", "Confidence not improving with support", W,
         "Ex3 warning signs",
         "{label}: after {sessions} support sessions confidence is '{value}'.",
         "Review whether the support fits the gap; try another approach or escalate."),
    Code("probation.completed-no-evidence", "Completed without evidence", E,
         "Ex3 step 3, what can go wrong",
         "{label} is marked Completed but no evidence reviewed is recorded.",
         "Name the observation, competency record or audit that shows the action was done."),
    Code("probation.completed-not-verified", "Completed without a verification date", W,
         "Ex3 step 3", "{label} is marked Completed but has no date verified.",
         "Record the day the deputy verified the evidence."),
    Code("probation.evidence-vague", "Evidence is an impression, not a record", W,
         "Ex3 step 3, what can go wrong",
         "{label}: '{value}' does not show the exact action was done{safe}.",
         "Name the observation, competency sign-off or audit for this action."))
def support_and_verification(ctx: RuleContext):
    for row in ctx.rows:
        r = row.record
        if is_open(row):
            gap = stale_since(r.mentor_update, r.date_raised, ctx.as_of, MENTOR_EVERY)
            if gap is not None:
                yield ctx.at(row, "mentor_update", "probation.mentor-update-stale",
                             days=days_text(gap),
                             since="" if r.mentor_update else " (no update since it was raised)")
            gap = stale_since(r.verified_date, r.date_raised, ctx.as_of, VERIFY_EVERY)
            if gap is not None:
                yield ctx.at(row, "verified_date", "probation.verification-overdue",
                             days=days_text(gap),
                             since="" if r.verified_date else " (never, since it was raised)")
        if (not is_completed(row) and (r.support_sessions or 0) >= 2
                and r.confidence in (Confidence.SAME, Confidence.DOWN)):
            yield ctx.at(row, "confidence", "probation.confidence-flat",
                         sessions=r.support_sessions)
        if is_completed(row):
            for key, code in unfilled(row, {
                    "evidence_reviewed": "probation.completed-no-evidence",
                    "verified_date": "probation.completed-not-verified"}):
                yield ctx.at(row, key, code)
        if is_vague_evidence(r.evidence_reviewed):
            safe = r.induction_gap in SAFE_PRACTICE
            yield ctx.at(row, "evidence_reviewed", "probation.evidence-vague",
                         severity=E if is_completed(row) else None,
                         safe=f"; for a {lower_first(r.induction_gap.value)} gap that is not "
                              "enough to sign off" if safe else "")


@rule(
    overdue_code("probation.overdue", "Ex3 step 4",
                 "Complete and verify the action, or record why it is late and a revised date."),
    Code("probation.overdue-no-reason", "Late or failed with no reason", W, "Ex3 step 4",
         "{label} is {state} and no reason is recorded.",
         "The Registered Manager records why the action is late or failed."),
    Code("probation.no-revised-date", "Late or failed with no revised review date", W,
         "Ex3 step 4", "{label} is {state} and has no revised review date.",
         "Set the date the action will next be reviewed."),
    Code("probation.no-restriction", "Unsafe gap with no interim restriction", E,
         "Ex3 step 4",
         "{label} is a {gap} action that is {state}, and no interim restriction is recorded.",
         "Record what the new starter may not do unsupervised until the action is met."),
    Code("probation.escalation-due", "Must be escalated for enhanced oversight", X,
         "Ex3 escalation, step 4",
         "{label} must be escalated for enhanced oversight and formal review ({reasons}); "
         "no escalation date is recorded.",
         "The Registered Manager escalates it and records the date."))
def late_and_failed(ctx: RuleContext):
    for row in ctx.rows:
        r = row.record
        if is_late(row, ctx):
            yield ctx.at(row, "deadline", "probation.overdue", days=late_text(row, ctx))
        words = state(row, ctx)
        if words is None:
            continue
        if row.missing("overdue_reason"):
            yield ctx.at(row, "overdue_reason", "probation.overdue-no-reason", state=words)
        if row.missing("revised_review"):
            yield ctx.at(row, "revised_review", "probation.no-revised-date", state=words)
        if r.induction_gap in SAFE_PRACTICE and row.missing("interim_restriction"):
            yield ctx.at(row, "interim_restriction", "probation.no-restriction",
                         gap=lower_first(r.induction_gap.value), state=words)
        reasons = escalation_reasons(row, ctx)
        if reasons and row.missing("escalated_on"):
            yield ctx.at(row, "escalated_on", "probation.escalation-due",
                         reasons="; ".join(reasons))


@rule(
    Code("probation.near-decision", "Open near the week-12 decision", W, "Ex3 warning signs",
         "{label} is still open and the week-12 probation decision {when}, with no "
         "escalation recorded.",
         "Resolve the action before the decision, or escalate it and document why."))
def decision_point(ctx: RuleContext):
    for row in ctx.rows:
        r = row.record
        if is_completed(row) or r.start_date is None or not row.missing("escalated_on"):
            continue
        decision = r.start_date + timedelta(weeks=DECISION_WEEK)
        left = (decision - ctx.as_of).days
        if left > DECISION_WARNING:
            continue
        when = (f"is due on {fmt(decision)}, in {days_text(left)}" if left > 0
                else "is due today" if left == 0
                else f"was due on {fmt(decision)}, {days_text(-left)} ago")
        yield ctx.at(row, "start_date", "probation.near-decision", when=when)


def repeated(ctx: RuleContext) -> dict[int, CheckedRow]:
    if "probation-repeats" not in ctx.memo:
        ctx.memo["probation-repeats"] = earlier_repeats(
            ctx.rows, "new_starter", "induction_gap", "date_raised")
    return ctx.memo["probation-repeats"]


@rule(
    Code("probation.repeated-gap", "Same induction gap again", W, "Ex3 warning signs",
         "{label} repeats {first}, a {gap} action raised for {starter} on {earlier}.",
         "Ask why the first action did not close the gap; check the induction itself."))
def repeats(ctx: RuleContext):
    for row in ctx.rows:
        earlier = repeated(ctx).get(row.excel_row)
        if earlier is not None:
            yield ctx.at(row, "induction_gap", "probation.repeated-gap",
                         starter=row.record.new_starter,
                         gap=lower_first(row.record.induction_gap.value),
                         earlier=fmt(earlier.record.date_raised), first=ctx.label(earlier))


ROW_RULES = (person_responsible, mentor, future_dates, date_order, support_and_verification,
             late_and_failed, decision_point, repeats)
