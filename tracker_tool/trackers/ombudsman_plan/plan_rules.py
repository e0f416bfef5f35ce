"""The checks of what an Ombudsman action plan says once, on its Plan sheet: complaint handling
answered, the plan's own dates, the complainant kept informed and the plan shared as asked.
Findings point at the plan sheet's cells through ``ctx.plan_ctx``."""

from __future__ import annotations

from tracker_tool.trackers.common import dated_after
from tracker_tool.trackers.kit import Code, E, RuleContext, W, X, days_text, fmt, rule
from tracker_tool.trackers.ombudsman_plan.rules import IN_FUTURE
from tracker_tool.trackers.ombudsman_plan.vocabulary import Involvement, YesNo


@rule(Code("complaint-handling.not-addressed", "Complaint handling not addressed", E,
           "Content 1, Checklist 1",
           "{label} says the report found complaint-handling failings, but no action is "
           "marked as answering one.",
           "Add actions on how complaints are handled and mark them 'Complaint handling?' "
           "Yes."))
def complaint_handling(ctx: RuleContext):
    """Complaint-handling failings need actions of their own (Content 1, Checklist 1)."""
    plan = ctx.plan_row
    if plan is None or plan.record.complaint_handling_found != YesNo.YES or not ctx.rows:
        return
    if not any(row.record.complaint_handling == YesNo.YES for row in ctx.rows):
        yield ctx.plan_ctx.at(plan, "complaint_handling_found",
                              "complaint-handling.not-addressed")


@rule(
    IN_FUTURE,
    Code("plan.dates-out-of-order", "Plan dates out of order", E, "Sending",
         "{label}: {title} ({value}) is before {other} ({other_date}).",
         "Check the dates on the Plan sheet."),
    Code("plan.overdue-to-ombudsman", "Plan not sent to the Ombudsman on time", X,
         "Intro, Sending",
         "{label} was due to the Ombudsman on {value} and has not been sent ({days} late).",
         "Send the plan now, or contact the Ombudsman at once to agree a new date and "
         "record it."),
    Code("plan.sent-late", "Plan sent to the Ombudsman late", W, "Intro, Sending",
         "{label} was sent to the Ombudsman on {value}, {days} after the agreed date {due}.",
         "If a new date was agreed with the Ombudsman, record it as the due date."),
    Code("plan-review.passed", "Plan review date passed", W, "Checklist 7",
         "{label}: the review date {value} has passed ({days} ago).",
         "Review the actions, record the results and set the next review date."))
def plan_dates(ctx: RuleContext):
    """The plan's own dates: sent in the agreed time, in order, none in the future."""
    plan = ctx.plan_row
    if plan is None:
        return
    at, record = ctx.plan_ctx.at, plan.record
    as_of = fmt(ctx.as_of)
    for key in dated_after(record, ("report_date", "plan_sent", "plan_accepted", "sent_date"),
                           ctx.as_of):
        yield at(plan, key, "dates.in-future", as_of=as_of)
    titles = ctx.plan_ctx.tracker.by_key
    for later, earlier in (("plan_due", "report_date"), ("plan_sent", "report_date"),
                           ("plan_accepted", "plan_sent")):
        a, b = getattr(record, later), getattr(record, earlier)
        if a is not None and b is not None and a < b:
            yield at(plan, later, "plan.dates-out-of-order", other=titles[earlier].title,
                     other_date=fmt(b))
    due, sent = record.plan_due, record.plan_sent
    if due is not None and sent is None and due < ctx.as_of and plan.missing("plan_sent"):
        yield at(plan, "plan_due", "plan.overdue-to-ombudsman",
                 days=days_text((ctx.as_of - due).days))
    elif due is not None and sent is not None and sent > due:
        yield at(plan, "plan_sent", "plan.sent-late", due=fmt(due),
                 days=days_text((sent - due).days))
    review = record.review_date
    if review is not None and review < ctx.as_of:
        yield at(plan, "review_date", "plan-review.passed",
                 days=days_text((ctx.as_of - review).days))


#: What a plan must still say about the complainant, by how far they are involved.
_COMPLAINANT_GAP = {
    Involvement.SHAPING: "how they take part or how they are kept informed",
    Involvement.CONSULTED: "how they are consulted or how they are kept informed",
    Involvement.INFORMED: "how and how often they hear about progress",
    Involvement.DECLINED: "how they will still be kept informed",
    Involvement.NOT_INVOLVED: "why, or how they will still be kept informed",
}


@rule(Code("complainant.how-missing", "How the complainant is included not recorded", W,
           "Intro, Checklist 4",
           "{label} records the complainant as '{involvement}' but does not say {gap} "
           "until the changes are made.",
           "Say what the complainant is asked to do and how often they will hear about "
           "progress."))
def complainant(ctx: RuleContext):
    """The complainant involved as far as possible and kept informed (Intro, Checklist 4)."""
    plan = ctx.plan_row
    if plan is None:
        return
    involvement = plan.record.complainant_involvement
    if involvement is not None and plan.missing("complainant_how"):
        yield ctx.plan_ctx.at(plan, "complainant_how", "complainant.how-missing",
                              involvement=involvement.value,
                              gap=_COMPLAINANT_GAP[involvement])


@rule(
    Code("distribution.not-sent", "Accepted plan not yet sent out", W, "Checklist 8, Sending",
         "{label} was accepted by the Ombudsman on {accepted} but is not recorded as sent "
         "to everyone the report lists.",
         "Send copies to every person and organisation listed and record the date."),
    Code("regulator.report-not-included", "Report not sent with the regulator's copy", W,
         "Checklist 9, Regulator",
         "{label} was sent to {regulator}, but the final report is not recorded as going "
         "with it.",
         "Send the (anonymised) final report with the plan, explaining the Ombudsman asked "
         "for both, and record Yes."),
    Code("personal-data.not-removed", "Personal details not confirmed removed", W, "Regulator",
         "{label} {when} but personal details are not recorded as removed.",
         "Take names and other personal details out of the plan, anonymise the report, "
         "then record Yes."))
def sharing(ctx: RuleContext):
    """Copies to everyone the report lists, the report with the regulator's, details removed."""
    plan = ctx.plan_row
    if plan is None:
        return
    at, record = ctx.plan_ctx.at, plan.record
    if record.plan_accepted is not None and plan.missing("sent_date") \
            and "sent_date" not in plan.invalid:
        yield at(plan, "sent_date", "distribution.not-sent", accepted=fmt(record.plan_accepted))
    if record.sent_date is None:
        return
    if not plan.missing("regulator") and record.report_with_regulator_copy != YesNo.YES:
        yield at(plan, "report_with_regulator_copy", "regulator.report-not-included",
                 regulator=record.regulator)
    if record.personal_details_removed != YesNo.YES:
        yield at(plan, "personal_details_removed", "personal-data.not-removed",
                 when=f"was sent to everyone the report lists on {fmt(record.sent_date)}")


PLAN_RULES = (complaint_handling, plan_dates, complainant, sharing)
