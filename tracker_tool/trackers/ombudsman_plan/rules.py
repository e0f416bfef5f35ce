"""The checks an Ombudsman action plan must pass, as functions of a RuleContext.

Row rules yield findings on the action's own cell; plan rules read the Plan sheet through
``ctx.plan_row`` and locate their findings at its cells with ``ctx.plan_ctx.at``, or on no
cell at all when they are about the plan as a whole (``ctx.plan``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tracker_tool.check.rule_context import RuleContext
from tracker_tool.core.findings import Finding
from tracker_tool.core.wording import plural
from tracker_tool.trackers.common import is_vague_evidence
from tracker_tool.trackers.kit import days_text, fmt
from tracker_tool.trackers.ombudsman_plan.facts import (
    by_failing,
    days_overdue,
    failings_found,
    is_complete,
    is_nobody,
    personal_data,
    review_overdue,
    tick_box,
    unanswered,
)
from tracker_tool.trackers.ombudsman_plan.vocabulary import Involvement, YesNo

# -- the actions -------------------------------------------------------------------------


def failings_covered(ctx: RuleContext) -> Iterator[Finding]:
    """Every failing the report found has an action, and every action a failing (Checklist 1)."""
    if not ctx.rows:
        yield ctx.plan("plan.no-actions")
        return
    count = failings_found(ctx)
    plan = ctx.plan_row
    if count is not None:
        for row in ctx.rows:
            ref = row.record.failing_ref
            if ref is not None and not 1 <= ref <= count:
                yield ctx.at(row, "failing_ref", "failing-ref.unknown", count=count)
        for number in unanswered(ctx):
            yield ctx.plan_ctx.at(plan, "failings_found", "failing.no-action", count=count,
                                  failing=number)
    for number, rows in sorted(by_failing(ctx).items()):
        if all(row.missing("failing") for row in rows):
            yield ctx.at(rows[0], "failing", "failing.not-described", failing=number,
                         actions=plural(len(rows), "action"))


def complaint_handling(ctx: RuleContext) -> Iterator[Finding]:
    """Complaint-handling failings need actions of their own (Content 1, Checklist 1)."""
    plan = ctx.plan_row
    if plan is None or plan.record.complaint_handling_found != YesNo.YES or not ctx.rows:
        return
    if not any(row.record.complaint_handling == YesNo.YES for row in ctx.rows):
        yield ctx.plan_ctx.at(plan, "complaint_handling_found",
                              "complaint-handling.not-addressed")


def action_quality(ctx: RuleContext) -> Iterator[Finding]:
    """Actions someone else could carry out, and more than a reminder (Checklist 2)."""
    shortest = ctx.policy.action_quality.min_description_words
    for row in ctx.rows:
        phrase = tick_box(row, ctx)
        if phrase is not None:
            ref = row.record.failing_ref
            yield ctx.at(row, "action", "action.tick-box", phrase=phrase,
                         failing=ref if ref is not None else "(no number)")
        elif row.record.action:
            words = len(row.record.action.split())
            if words < shortest:
                yield ctx.at(row, "action", "action.vague", words=plural(words, "word"))


def responsible(ctx: RuleContext) -> Iterator[Finding]:
    """A named person or a team; the Ombudsman accepts either, but not everyone (Content 2)."""
    for row in ctx.rows:
        who = row.record.responsible
        if who and is_nobody(who):
            yield ctx.at(row, "responsible", "responsible.nobody")


def dates(ctx: RuleContext) -> Iterator[Finding]:
    """When each action starts and will be complete, in order (Content 3)."""
    as_of = fmt(ctx.as_of)
    for row in ctx.rows:
        record = row.record
        start = record.start_date
        if start and record.due_date and record.due_date < start:
            yield ctx.at(row, "due_date", "dates.due-before-start", start=fmt(start))
        done = record.date_completed
        if done and start and done < start:
            yield ctx.at(row, "date_completed", "dates.completed-before-start", start=fmt(start))
        if done and done > ctx.as_of:
            yield ctx.at(row, "date_completed", "dates.in-future", as_of=as_of)


def overdue(ctx: RuleContext) -> Iterator[Finding]:
    for row in ctx.rows:
        days = days_overdue(row, ctx)
        if days is not None:
            yield ctx.at(row, "due_date", "action.overdue", days=days_text(days))


def completion(ctx: RuleContext) -> Iterator[Finding]:
    """Completed actions carry their date and the evidence sent with the plan (Checklist 5)."""
    for row in ctx.rows:
        record = row.record
        if is_complete(row):
            if row.missing("date_completed"):
                yield ctx.at(row, "date_completed", "completion.no-date")
            if row.missing("evidence"):
                yield ctx.at(row, "evidence", "completion.no-evidence")
        elif record.status is not None and record.date_completed is not None:
            yield ctx.at(row, "date_completed", "completion.date-but-open",
                         status=record.status.value)
        if is_vague_evidence(record.evidence, ctx):
            yield ctx.at(row, "evidence", "evidence.vague")


#: Words showing an assurance is made against some standard or guidance.
_STANDARDS_WORDS = re.compile(
    r"\b(standards?|guidelines?|guidance|codes?|frameworks?|nice|regulations?|"
    r"best practice)\b", re.IGNORECASE)


def standards(ctx: RuleContext) -> Iterator[Finding]:
    """Where standards are referred to, the plan says which (Checklist 6)."""
    for row in ctx.rows:
        assurance = row.record.standards_assurance
        if assurance and row.missing("standards") and _STANDARDS_WORDS.search(assurance):
            yield ctx.at(row, "standards", "standards.not-named")


def reviews(ctx: RuleContext) -> Iterator[Finding]:
    """Each action's review happens when the plan says it will (Content 5)."""
    for row in ctx.rows:
        days = review_overdue(row, ctx)
        if days is not None:
            yield ctx.at(row, "review_date", "review.overdue", days=days_text(days))


#: Free-text items of the plan a reader outside the organisation sees; the organisation's own
#: details and the list of who receives the plan are meant to name people and places.
_PLAN_TEXT_CHECKED = ("case_ref", "complainant_how", "progress_updates")


def personal_details(ctx: RuleContext) -> Iterator[Finding]:
    """Obvious identifiers left in text the plan shares outside the organisation (Regulator)."""
    plan = ctx.plan_row
    if plan is not None:
        for key in _PLAN_TEXT_CHECKED:
            found = personal_data(getattr(plan.record, key))
            if found:
                yield ctx.plan_ctx.at(plan, key, "personal-data.found", what=_and(found))
    keys = [spec.key for spec in ctx.tracker.columns if spec.key in ctx.tracker.text_keys]
    for row in ctx.rows:
        for key in keys:
            found = personal_data(getattr(row.record, key))
            if found:
                yield ctx.at(row, key, "personal-data.found", what=_and(found))


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


# -- the plan ----------------------------------------------------------------------------


def plan_dates(ctx: RuleContext) -> Iterator[Finding]:
    """The plan's own dates: sent in the agreed time, in order, none in the future."""
    plan = ctx.plan_row
    if plan is None:
        return
    at, record = ctx.plan_ctx.at, plan.record
    as_of = fmt(ctx.as_of)
    for key in ("report_date", "plan_sent", "plan_accepted", "sent_date"):
        day = getattr(record, key)
        if day is not None and day > ctx.as_of:
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


def complainant(ctx: RuleContext) -> Iterator[Finding]:
    """The complainant involved as far as possible and kept informed (Intro, Checklist 4)."""
    plan = ctx.plan_row
    if plan is None:
        return
    involvement = plan.record.complainant_involvement
    if involvement is not None and plan.missing("complainant_how"):
        yield ctx.plan_ctx.at(plan, "complainant_how", "complainant.how-missing",
                              involvement=involvement.value,
                              gap=_COMPLAINANT_GAP[involvement])


def sharing(ctx: RuleContext) -> Iterator[Finding]:
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


ROW_RULES = (failings_covered, complaint_handling, action_quality, responsible, dates, overdue,
             completion, standards, reviews, personal_details)
PLAN_RULES = (plan_dates, complainant, sharing)
