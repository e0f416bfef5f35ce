"""The checks of an Ombudsman action plan's actions, each with the codes it raises beside it.

Row rules yield findings on the action's own cell; a rule about the failings reads the Plan
sheet through ``ctx.plan_row`` and locates its findings at the plan's cells with
``ctx.plan_ctx.at``, or on no cell at all when it is about the plan as a whole (``ctx.plan``).
Clauses are the short names of the guidance's parts (see vocabulary.py).
"""

from __future__ import annotations

import re

from tracker_tool.trackers.common import (
    OwnerCodes, is_vague_evidence, overdue_check, owner_check, personal_data_check,
    personal_data_code, too_short, unfilled,
)
from tracker_tool.trackers.kit import (
    Code, E, RuleContext, W, days_text, fmt, plural, rule, unique_ids,
)
from tracker_tool.trackers.ombudsman_plan.facts import (
    by_failing, days_overdue, failings_found, is_complete, review_overdue, tick_box,
    unanswered,
)
from tracker_tool.trackers.ombudsman_plan.models import OmbudsmanAction

action_ids = unique_ids("action_id", model=OmbudsmanAction,
                        example="2.1 for the first action on failing 2",
                        so="updates and evidence cannot point to it")

#: Raised on the action rows here and on the Plan sheet by plan_rules.
IN_FUTURE = Code("dates.in-future", "Date after the audit date", E, "Content 3, Sending",
                 "{label}: {title} is {value}, after the audit date {as_of}.",
                 "Record the day it actually happened; it cannot be later than today.")


@rule(
    Code("plan.no-actions", "No actions in the plan", E, "Content 1, Checklist 1",
         "The plan has no actions, so none of the failings in the report is answered.",
         "Add at least one row for each failing the report found."),
    Code("failing.no-action", "Failing with no action", E, "Content 1, Checklist 1",
         "{label} counts {count} failings in the report, but failing {failing} has no "
         "action.",
         "Add at least one action for the failing, or correct the number of failings."),
    Code("failing-ref.unknown", "Failing number not in the report", E, "Checklist 1",
         "{label} answers failing {value}, but the plan says the report found {count}.",
         "Use the failing's number as counted on the Plan sheet, or correct the number "
         "of failings there."),
    Code("failing.not-described", "Failing not described", W, "Content 1",
         "Failing {failing} has {actions} but none of them says what the failing was.",
         "Write what the report found went wrong on at least one row of the failing."))
def failings_covered(ctx: RuleContext):
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


@rule(
    Code("action.vague", "Action too vague to act on", W, "Checklist 2",
         "{label}: the action has {words}; someone else could not tell what to do.",
         "Say what will change, for whom and how it will be checked."),
    Code("action.tick-box", "A reminder is the whole answer to a failing", W, "Checklist 2",
         "{label}: '{phrase}' is the only kind of action on failing {failing}; a reminder "
         "or a reissued policy on its own seldom stops a failing happening again.",
         "Add an action that changes practice for this failing, or say in this one how it "
         "will be checked (an audit, spot check or observation)."))
def action_quality(ctx: RuleContext):
    """Actions someone else could carry out, and more than a reminder (Checklist 2)."""
    for row in ctx.rows:
        phrase = tick_box(row, ctx)
        if phrase is not None:
            ref = row.record.failing_ref
            yield ctx.at(row, "action", "action.tick-box", phrase=phrase,
                         failing=ref if ref is not None else "(no number)")
        elif words := too_short(row.record.action, ctx):
            yield ctx.at(row, "action", "action.vague", words=words)


#: A named person or a team; the Ombudsman accepts either, but not everyone (Content 2).
responsible = owner_check("responsible", OwnerCodes(
    group=Code("responsible.group", "Responsible is nobody in particular", E,
               "Content 2, Checklist 3",
               "{label}: '{value}' is not a person or a team anyone could hold to the action.",
               "Name the person or the team (such as 'Ward 7 nursing team') that will carry "
               "the action through."),
    several=Code("responsible.several", "More than one person or team responsible", W,
                 "Content 2, Checklist 3",
                 "{label} names more than one person or team as responsible ('{value}'); "
                 "when everyone is responsible, nobody is.",
                 "Name the one person or team that will carry the action through; mention "
                 "the others in the action."),
    not_on_roster=Code("responsible.not-on-roster", "Responsible person not on the staff roster",
                       W, "Content 2, Checklist 3",
                       "{label}: '{value}' is not a team and not on the service's staff roster.",
                       "Check the spelling against the roster, or add the new member of staff "
                       "to it.")),
    team_may_own=True)


@rule(
    IN_FUTURE,
    Code("dates.due-before-start", "Due before it starts", E, "Content 3",
         "{label} is due to be complete on {value}, before it starts ({start}).",
         "Check both dates; an action cannot finish before it begins."),
    Code("dates.completed-before-start", "Completed before it started", W, "Content 3",
         "{label} was completed on {value}, before its start date ({start}).",
         "Check the start date and the date completed."))
def dates(ctx: RuleContext):
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


overdue = overdue_check("due_date", Code(
    "action.overdue", "Overdue", W, "Content 3",
    "{label} was due to be complete on {value} and is {days} overdue.",
    "Finish the action, or agree a new date and say why in the progress update."), days_overdue)


@rule(
    Code("completion.no-date", "Complete without a completion date", E, "Content 3",
         "{label} is marked Complete but has no date completed.",
         "Record the day the action was finished."),
    Code("completion.date-but-open", "Completion date on an unfinished action", W, "Content 3",
         "{label} has a date completed ({value}) but its status is {status}.",
         "Set the status to Complete, or clear the date if the work is not finished."),
    Code("completion.no-evidence", "Complete without evidence", E, "Checklist 5, Sending",
         "{label} is marked Complete but no evidence of the action is recorded.",
         "Say what shows the action was taken and where it is kept, so it can go with the "
         "plan."),
    Code("evidence.vague", "Evidence that points to nothing", W, "Checklist 5",
         "{label}: '{value}' does not say what the evidence is or where it is kept.",
         "Name the document, audit, register or minutes that show the action was taken."))
def completion(ctx: RuleContext):
    """Completed actions carry their date and the evidence sent with the plan (Checklist 5)."""
    for row in ctx.rows:
        record = row.record
        if is_complete(row):
            for key, code in unfilled(row, {"date_completed": "completion.no-date",
                                            "evidence": "completion.no-evidence"}):
                yield ctx.at(row, key, code)
        elif record.status is not None and record.date_completed is not None:
            yield ctx.at(row, "date_completed", "completion.date-but-open",
                         status=record.status.value)
        if is_vague_evidence(record.evidence, ctx):
            # On a completed action vague evidence is no evidence: as much an error as a blank.
            yield ctx.at(row, "evidence", "evidence.vague",
                         severity=E if is_complete(row) else None)


#: Words showing an assurance is made against some standard or guidance.
_STANDARDS_WORDS = re.compile(
    r"\b(standards?|guidelines?|guidance|codes?|frameworks?|nice|regulations?|"
    r"best practice)\b", re.IGNORECASE)


@rule(Code("standards.not-named", "Standards referred to but not named", W, "Checklist 6",
           "{label} says compliance is checked against standards or guidance, but not which.",
           "Name the standards in 'Standards that apply'."))
def standards(ctx: RuleContext):
    """Where standards are referred to, the plan says which (Checklist 6)."""
    for row in ctx.rows:
        assurance = row.record.standards_assurance
        if assurance and row.missing("standards") and _STANDARDS_WORDS.search(assurance):
            yield ctx.at(row, "standards", "standards.not-named")


@rule(Code("review.overdue", "Action review overdue", W, "Content 5",
           "{label}: the review due on {value} has passed ({days} ago) and no result is "
           "recorded.",
           "Carry out the review and record what it found, or set a new review date."))
def reviews(ctx: RuleContext):
    """Each action's review happens when the plan says it will (Content 5)."""
    for row in ctx.rows:
        days = review_overdue(row, ctx)
        if days is not None:
            yield ctx.at(row, "review_date", "review.overdue", days=days_text(days))


#: The plan, its actions and updates go to the Ombudsman and any regulator it names (Regulator).
personal_details = personal_data_check(personal_data_code(
    "Regulator", "the plan is shared outside the organisation"))


ROW_RULES = (failings_covered, action_quality, responsible, dates, overdue, completion,
             standards, reviews, personal_details)
