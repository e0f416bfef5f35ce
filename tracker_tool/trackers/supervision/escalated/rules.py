"""Checks of the escalated-cases tracker (article, Operational Example 2), each with the codes
it raises beside it; the facts the figures count are the functions here too."""

from __future__ import annotations

from datetime import timedelta

from tracker_tool.trackers.common import (
    date_order_check, future_dates_check, owner_check, owner_codes, stale_since, unfilled,
    working_days_late,
)
from tracker_tool.trackers.kit import (
    CheckedRow, Code, E, RuleContext, W, X, days_text, fmt, person_key, rule, unique_ids,
)
from tracker_tool.trackers.supervision.escalated.models import EscalatedCase
from tracker_tool.trackers.supervision.escalated.vocabulary import (
    FINAL_DECISIONS, HIGH_RISK_CONCERNS, Outcome, Pathway, Progress, RecheckResult, Risk,
)
from tracker_tool.trackers.supervision.shared import cluster, lower_first



def settings(ctx: RuleContext):
    """The service's thresholds for escalated cases (the article's by default)."""
    return ctx.tracker.settings(ctx.policy)


def every(days: int) -> str:
    """How a review cadence reads: 'weekly', 'fortnightly', or '10-day'."""
    return {7: "weekly", 14: "fortnightly"}.get(days, f"{days}-day")

case_refs = unique_ids("case_id", model=EscalatedCase, example="EC-004",
                       so="the review forms cannot point to it", name="case ref",
                       noun="reference", codes=("case.ref-missing", "case.ref-duplicate"))

#: The manager who owns the case's action plan (Ex2 step 2).
line_manager = owner_check("line_manager", owner_codes(EscalatedCase, "line_manager"))


def is_open(row: CheckedRow) -> bool:
    return row.record.outcome in (None, Outcome.OPEN)


def missed_reviews(row: CheckedRow, ctx: RuleContext) -> int:
    """Reviews counted as missed at the last review, plus any missed since (Ex2 step 4)."""
    record = row.record
    since = record.last_review or record.date_escalated
    later = 0
    if since is not None and since <= ctx.as_of and is_open(row):
        later = max(0, ((ctx.as_of - since).days - 1) // settings(ctx).review_every_days)
    return (record.reviews_missed or 0) + later


def senior_reasons(row: CheckedRow, ctx: RuleContext) -> dict[str, str]:
    """Code -> why the case must go to senior oversight, for an open case (Ex2 escalation)."""
    return ctx.remember("case-escalation", row, _senior_reasons)


def _high_risk(record) -> str | None:
    if record.risk == Risk.HIGH:
        return "remaining risk High"
    if record.concern in HIGH_RISK_CONCERNS:
        return lower_first(record.concern.value)
    return None


def _senior_reasons(row: CheckedRow, ctx: RuleContext) -> dict[str, str]:
    if not is_open(row):
        return {}
    record, reasons, limits = row.record, {}, settings(ctx)
    missed = missed_reviews(row, ctx)
    if missed >= limits.missed_reviews_limit:
        reasons["case.missed-reviews"] = (f"{missed} {every(limits.review_every_days)} reviews "
                                          "missed")
    high = _high_risk(record)
    if record.recheck_result == RecheckResult.FAILED and high:
        reasons["case.failed-recheck"] = f"failed recheck, {high}"
    opened = record.date_escalated
    if opened and (ctx.as_of - opened).days >= limits.no_progress_days and record.progress in (
            None, Progress.NONE):
        reasons["case.no-progress"] = ("no measurable progress after "
                                       f"{days_text(limits.no_progress_days)}")
    return reasons


future_dates = future_dates_check(
    "case.date-in-future", "Ex2 steps 1-5",
    {"date_escalated": "date escalated", "plan_signed": "plan signed",
     "last_check": "last monitoring check", "last_review": "last review",
     "senior_oversight": "senior oversight date", "date_closed": "date closed"})
date_order = date_order_check("case.date-order", "Ex2 steps 1-5", (
    ("date_escalated", "date escalated", "date_confirmed", "concern was confirmed"),
    ("plan_signed", "plan signed", "date_escalated", "date escalated"),
    ("date_closed", "date closed", "date_escalated", "date escalated")))


@rule(
    Code("case.opened-late", "Case opened late", W, "Ex2 step 1",
         "{label} was opened on {value}, {days} after the concern was confirmed ({then}); "
         "the article allows one.",
         "Open escalated cases within one working day of confirming the repeated concern."),
    Code("case.plan-late", "Plan signed late", W, "Ex2 step 2",
         "{label}: the plan was signed on {value}, {days} after the case opened; it should be "
         "finalised within 24 hours.",
         "Agree and sign the plan the day after the case opens at the latest."),
    Code("case.plan-unsigned", "No signed plan", W, "Ex2 step 2",
         "{label} opened {days} ago and no signed plan is recorded.",
         "Finalise the plan with the staff member and record the day they signed it."))
def dates(ctx: RuleContext):
    for row in ctx.rows:
        r = row.record
        if r.date_confirmed and r.date_escalated and r.date_escalated >= r.date_confirmed:
            late = working_days_late(ctx, r.date_confirmed, r.date_escalated)
            if late > 1:
                yield ctx.at(row, "date_escalated", "case.opened-late",
                             days=days_text(late, "working"), then=fmt(r.date_confirmed))
        opened = r.date_escalated
        if opened and r.plan_signed and (r.plan_signed - opened).days > 1:
            yield ctx.at(row, "plan_signed", "case.plan-late",
                         days=days_text((r.plan_signed - opened).days))
        if (opened and r.plan_signed is None and row.missing("plan_signed") and is_open(row)
                and (ctx.as_of - opened).days > 1):
            yield ctx.at(row, "plan_signed", "case.plan-unsigned",
                         days=days_text((ctx.as_of - opened).days))


@rule(
    Code("case.monitoring-stale", "Monitoring not kept up", W, "Ex2 step 3, warning signs",
         "{label} is open and its last monitoring check was {days} ago{since}.",
         "Record each observation or audit as it happens; look at them at least weekly."),
    Code("case.review-overdue", "Fortnightly review overdue", W, "Ex2 step 4",
         "{label} is open and has not been reviewed for {days}{since}.",
         "Review the case at the fortnightly performance meeting and record the decision."),
    Code("case.overdue", "Past its target date", W, "Ex2 step 2, outcome",
         "{label} is open {days} after its target closure date ({value}).",
         "Decide at the next review: close, extend with a new date, or escalate."))
def rhythm(ctx: RuleContext):
    """Weekly monitoring, fortnightly reviews and the target date (Ex2 steps 2-4)."""
    for row in ctx.rows:
        r = row.record
        if not is_open(row):
            continue
        gap = stale_since(r.last_check, r.date_escalated, ctx.as_of,
                          settings(ctx).monitor_every_days)
        if gap is not None:
            yield ctx.at(row, "last_check", "case.monitoring-stale", days=days_text(gap),
                         since="" if r.last_check else " (none since the case opened)")
        gap = stale_since(r.last_review, r.date_escalated, ctx.as_of,
                          settings(ctx).review_every_days)
        if gap is not None:
            yield ctx.at(row, "last_review", "case.review-overdue", days=days_text(gap),
                         since="" if r.last_review else " (never, since the case opened)")
        if r.target_date and r.target_date < ctx.as_of:
            yield ctx.at(row, "target_date", "case.overdue",
                         days=days_text((ctx.as_of - r.target_date).days))


@rule(
    Code("case.missed-reviews", "Reviews missed", X, "Ex2 escalation",
         "{label} has missed {count} {every} reviews{detail}; it must go to senior "
         "provider oversight and none is recorded.",
         "The Registered Manager escalates to senior oversight and adds the case to the "
         "service improvement plan."),
    Code("case.failed-recheck", "High-risk recheck failed", X, "Ex2 escalation",
         "{label}: the latest recheck failed and the case is high risk ({why}); it must go "
         "to senior provider oversight and none is recorded.",
         "The Registered Manager escalates to senior oversight and adds the case to the "
         "service improvement plan."),
    Code("case.no-progress", "No measurable progress in time", X, "Ex2 escalation",
         "{label} opened {days} ago and {state}; it must go to senior provider oversight "
         "and none is recorded.",
         "The Registered Manager escalates to senior oversight and adds the case to the "
         "service improvement plan."),
    Code("case.not-on-plan", "Escalated but not on the improvement plan", W,
         "Ex2 escalation",
         "{label} went to senior oversight on {then} but no service improvement plan "
         "entry is recorded.",
         "Add the case to the service improvement plan and give the ref."))
def senior_oversight(ctx: RuleContext):
    for row in ctx.rows:
        r = row.record
        if r.senior_oversight is None and row.missing("senior_oversight"):
            reasons = senior_reasons(row, ctx)
            if "case.missed-reviews" in reasons:
                recorded = r.reviews_missed or 0
                total = missed_reviews(row, ctx)
                detail = (f" ({recorded} recorded, {total - recorded} more since the last review)"
                          if total != recorded else "")
                yield ctx.at(row, "reviews_missed", "case.missed-reviews", count=total,
                             detail=detail, every=every(settings(ctx).review_every_days))
            if "case.failed-recheck" in reasons:
                yield ctx.at(row, "recheck_result", "case.failed-recheck", why=_high_risk(r))
            if "case.no-progress" in reasons:
                state = ("no progress rating is recorded" if r.progress is None
                         else "it is still rated no measurable progress")
                yield ctx.at(row, "progress", "case.no-progress",
                             days=days_text((ctx.as_of - r.date_escalated).days), state=state)
        elif r.senior_oversight is not None and row.missing("improvement_plan_ref"):
            yield ctx.at(row, "improvement_plan_ref", "case.not-on-plan",
                         then=fmt(r.senior_oversight))


@rule(
    Code("case.closed-no-evidence", "Closed without evidence", E, "Ex2 step 5",
         "{label} is {outcome} but no evidence supporting closure is recorded.",
         "Name the audits, observations and review forms that support the outcome."),
    Code("case.closed-no-date", "Closed without a date", W, "Ex2 step 5",
         "{label} is {outcome} but has no date closed.",
         "Record the day the HR lead closed or advanced the case."),
    Code("case.hr-pathway-missing", "HR process not named", W, "Ex2 step 5",
         "{label} was closed to a formal HR process but the pathway is {state}.",
         "Record which formal process the case started."),
    Code("case.closed-unproven", "Closed as improved against the evidence", E,
         "Ex2 step 5, what can go wrong",
         "{label} is closed as improvement sustained, but {why}.",
         "Reopen the case, or record the recheck that shows the improvement."),
    Code("case.closure-delayed", "Final decision not acted on", W, "Ex2 step 5",
         "{label}: the review on {then} decided '{decision}', but the case is still open "
         "{days} later.",
         "The HR lead closes or advances the case straight after the final review decision."))
def outcome(ctx: RuleContext):
    for row in ctx.rows:
        r = row.record
        if not is_open(row):
            words = {"outcome": f"'{r.outcome.value}'"}
            for key, code in unfilled(row, {"closure_evidence": "case.closed-no-evidence",
                                            "date_closed": "case.closed-no-date"}):
                yield ctx.at(row, key, code, **words)
            if r.outcome == Outcome.HR and r.hr_pathway in (None, Pathway.NO):
                yield ctx.at(row, "hr_pathway", "case.hr-pathway-missing",
                             state=f"'{r.hr_pathway.value}'" if r.hr_pathway else "blank")
            if r.outcome == Outcome.SUSTAINED:
                why = ("the latest recheck failed" if r.recheck_result == RecheckResult.FAILED
                       else "the latest progress rating is no measurable progress"
                       if r.progress == Progress.NONE else None)
                if why:
                    yield ctx.at(row, "outcome", "case.closed-unproven", why=why)
        elif r.decision in FINAL_DECISIONS and r.last_review and r.last_review <= ctx.as_of:
            late = working_days_late(ctx, r.last_review, ctx.as_of)
            if late > 1:
                yield ctx.at(row, "decision", "case.closure-delayed", then=fmt(r.last_review),
                             decision=r.decision.value, days=days_text(late, "working"))


def repeats(ctx: RuleContext) -> dict[int, CheckedRow]:
    """Excel row -> an earlier case of the same concern for the same person that closed (or,
    still open, was escalated) within the service's repeat window (60 days by the article)
    before this case was escalated."""
    if "case-repeats" not in ctx.memo:
        found, window = {}, timedelta(days=settings(ctx).repeat_window_days)
        dated = [r for r in ctx.rows
                 if r.record.staff_name and r.record.concern and r.record.date_escalated]
        for row in dated:
            me = row.record
            earlier = [o for o in dated if o is not row
                       and person_key(o.record.staff_name) == person_key(me.staff_name)
                       and o.record.concern == me.concern
                       and o.record.date_escalated < me.date_escalated
                       and me.date_escalated - window <= _ended(o) <= me.date_escalated]
            if earlier:
                found[row.excel_row] = max(earlier, key=_ended)
        ctx.memo["case-repeats"] = found
    return ctx.memo["case-repeats"]


def _ended(row: CheckedRow):
    return row.record.date_closed or row.record.date_escalated


@rule(
    Code("case.repeat-escalation", "Same concern escalated again soon after", W,
         "Ex2 outcome, governance",
         "{label} repeats {first}, a {concern} case for {staff} {when}.",
         "Check whether the earlier case closed on real evidence; consider the HR pathway."),
    Code("case.manager-cluster", "Open cases cluster on one manager", W, "Ex2 governance",
         "{manager} is line manager for {count} of the {total} open cases.",
         "Look at that team's recruitment, induction and supervision with the manager."))
def patterns(ctx: RuleContext):
    for row in ctx.rows:
        earlier = repeats(ctx).get(row.excel_row)
        if earlier is not None:
            gap = days_text((row.record.date_escalated - _ended(earlier)).days)
            when = (f"closed {gap} before this one opened" if earlier.record.date_closed
                    else f"escalated {gap} earlier and still open")
            yield ctx.at(row, "concern", "case.repeat-escalation", staff=row.record.staff_name,
                         concern=lower_first(row.record.concern.value), first=ctx.label(earlier),
                         when=when)
    found = cluster([r for r in ctx.rows if is_open(r)], "line_manager",
                    settings(ctx).cluster_min)
    if found:
        manager, count, total = found
        yield ctx.plan("case.manager-cluster", "line_manager", manager=manager, count=count,
                       total=total)


ROW_RULES = (line_manager, future_dates, date_order, dates, rhythm, senior_oversight, outcome,
             patterns)
