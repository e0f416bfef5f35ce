"""Checks of the performance improvement plan's action rows, each with its codes beside it.

Messages name what they are about with ``{action}``: "Action 2 (row 5)", or "The plan" on the
plan sheet; the machinery's own ``{label}`` ("2 (row 5)") is left to the required-field and
action-number codes. The facts the figures count (a missed review, an action short of its
target at the end) are the functions here, so the Summary sheet and the findings agree.
"""

from __future__ import annotations

from tracker_tool.trackers.kit import (
    CheckedRow, Code, E, RuleContext, Severity, W, days_text, display, fmt, rule, unique_ids,
)
from tracker_tool.trackers.performance_plan.vocabulary import (
    HEADER, REVIEW, SHORT_OF_TARGET, TABLE, Rating, YesNo,
)

action_numbers = unique_ids(
    "action_no",
    Code("action-no.missing", "Action number missing", W, TABLE,
         "{label} has no action number, so a review cannot say which action it rates.",
         "Number the actions 1, 2, 3... as on the plan."),
    Code("action-no.duplicate", "Action number used twice", E, TABLE,
         "Action number '{value}' is already used on row {first}.",
         "Give each action its own number; if the rows are one action, merge them."))

#: Raised on the action rows here and on the plan sheet by plan_rules.
IN_FUTURE = Code("dates.in-future", "Date after the audit date", E, f"{HEADER}, {REVIEW}",
                 "{action}: the {what} ({value}) is after the audit date {as_of}.",
                 "Record the day it actually happened; future events belong in the planned "
                 "review date.")


def action_name(row: CheckedRow) -> str:
    """'Action 2 (row 5)', or 'The action on row 5' when it has no number."""
    number = display(row.raw.values.get("action_no")).strip()
    return f"Action {number} (row {row.excel_row})" if number else \
        f"The action on row {row.excel_row}"


def is_safety_risk(row: CheckedRow) -> bool:
    return row.record.safety_risk == YesNo.YES


def review_missed(row: CheckedRow, ctx: RuleContext) -> bool:
    """The planned formal review date has passed with no review held on or after it."""
    planned, held = row.record.review_date, row.record.reviewed_on
    return planned is not None and planned < ctx.as_of and not (held and held >= planned)


def end_unreviewed(row: CheckedRow, ctx: RuleContext) -> bool:
    """The date to reach the required level has passed with no review held on or after it."""
    end, held = row.record.end_date, row.record.reviewed_on
    return end is not None and end < ctx.as_of and not (held and held >= end)


def short_at_end(row: CheckedRow, ctx: RuleContext) -> bool:
    """Rated partially met or not met at (or after) the date to reach the required level.

    An undated rating counts once the end date is reached: nothing shows it was an interim one.
    """
    record = row.record
    end, held = record.end_date, record.reviewed_on
    if record.rating not in SHORT_OF_TARGET or end is None:
        return False
    return held >= end if held else end <= ctx.as_of


def no_next_step(row: CheckedRow, ctx: RuleContext) -> bool:
    return short_at_end(row, ctx) and row.missing("further_actions")


@rule(Code("actions.none", "No actions in the plan", E, TABLE,
           "The '{name}' sheet holds no action, so the plan sets nothing to improve.",
           "Write one row per area for improvement: the required level, the gap, what was "
           "agreed and how it will be measured."))
def plan_has_actions(ctx: RuleContext):
    if not ctx.rows:
        yield ctx.plan("actions.none", name=ctx.sheet)


@rule(Code("patient-safety.no-measures", "Patient-safety risk without measures", E, TABLE,
           "{action}: the gap is marked as a risk to patient safety, but no measures in place "
           "are recorded.",
           "Record what protects patients while the plan runs, such as supervised practice, "
           "a period as supernumerary or a check of every entry, and for how long."))
def safety_measures(ctx: RuleContext):
    """A gap that puts patients at risk needs measures in place while the plan runs."""
    for row in ctx.rows:
        if is_safety_risk(row) and row.missing("safety_measures"):
            yield ctx.at(row, "safety_measures", "patient-safety.no-measures",
                         action=action_name(row))


@rule(
    Code("review.missed", "Planned review not held", W, f"{TABLE}, {REVIEW}",
         "{action}: the formal review planned for {value} has passed ({days} ago) and no "
         "review on or after that date is recorded{risk}.",
         "Hold the review, record its date, outcome and rating, and set the next review "
         "date; if it was held, enter the date."),
    Code("end-date.no-review", "End of the review period passed with no final review", W,
         f"{TABLE}, {REVIEW}",
         "{action}: the date to reach the required level ({value}) passed {days} ago and no "
         "review since then says whether it was reached{risk}.",
         "Hold the end-of-period review and record its date, outcome and rating."))
def review_timing(ctx: RuleContext):
    """Planned reviews held, and a review at the end of the review period.

    A missed planned review is reported alone: the end-of-period finding would repeat it when
    the review planned was the final one.
    """
    for row in ctx.rows:
        risk = is_safety_risk(row)
        words = {"action": action_name(row),
                 "risk": "; the gap is a risk to patient safety" if risk else "",
                 "severity": Severity.ERROR if risk else None}
        if review_missed(row, ctx):
            yield ctx.at(row, "review_date", "review.missed",
                         days=days_text((ctx.as_of - row.record.review_date).days), **words)
        elif end_unreviewed(row, ctx):
            yield ctx.at(row, "end_date", "end-date.no-review",
                         days=days_text((ctx.as_of - row.record.end_date).days), **words)


@rule(
    Code("review.undated", "Review recorded without a date", W, REVIEW,
         "{action} has a review {what} but no date for the review.",
         "Enter the date the review was held."),
    Code("review.no-rating", "Review without a rating", W, REVIEW,
         "{action} was reviewed on {held} but the review does not say whether the "
         "required level was met, partially met or not met.",
         "Pick the rating the review reached from the list."))
def review_records(ctx: RuleContext):
    """A review is dated and rated, as the form's review table asks."""
    for row in ctx.rows:
        if row.missing("reviewed_on"):
            recorded = [words for key, words in (("outcome", "outcome"), ("rating", "rating"),
                                                 ("further_actions", "further actions"))
                        if not row.missing(key)]
            if recorded:
                what = " and ".join(recorded) if len(recorded) < 3 else \
                    "outcome, rating and further actions"
                yield ctx.at(row, "reviewed_on", "review.undated", action=action_name(row),
                             what=what)
        elif row.record.reviewed_on is not None and row.missing("rating"):
            yield ctx.at(row, "rating", "review.no-rating", action=action_name(row),
                         held=fmt(row.record.reviewed_on))


@rule(
    Code("review.short-no-outcome", "Short of the level with no outcome recorded", W, REVIEW,
         "{action} was rated '{rating}' at {when}, but the review's outcome is blank, so "
         "nothing says what fell short.",
         "Record what the review found against the measure, with the figures."),
    Code("review.short-no-further-actions", "Short of the level with no further actions", W,
         REVIEW,
         "{action} was rated '{rating}' at {when}, but no further actions are agreed.",
         "Record what was agreed: more support, a new date, or the next step in the process."))
def short_of_level(ctx: RuleContext):
    """A review rating an action Partially met or Not met says what it found and what was
    agreed next, at every review (the form's review table); at the end of the period the
    missing next step is end-date.no-next-step's finding instead."""
    for row in ctx.rows:
        record = row.record
        if record.rating not in SHORT_OF_TARGET:
            continue
        words = {"action": action_name(row), "rating": record.rating.value,
                 "when": review_when(record.reviewed_on)}
        if row.missing("outcome"):
            yield ctx.at(row, "outcome", "review.short-no-outcome", **words)
        if row.missing("further_actions") and not no_next_step(row, ctx):
            yield ctx.at(row, "further_actions", "review.short-no-further-actions", **words)


def review_when(held) -> str:
    """'the review on 19/10/2026', or 'a review with no date'."""
    return f"the review on {fmt(held)}" if held else "a review with no date"


@rule(Code("end-date.no-next-step", "Required level not reached and no next step", E, REVIEW,
           "{action} was rated '{rating}' at {when}, at or after its date to reach the "
           "required level ({end}), but no further action or next step is recorded.",
           "Record what was decided: more support and a new date, a revised plan, moving to "
           "the next stage of the process, or closing the action with a reason."))
def next_step(ctx: RuleContext):
    """Short of the required level at the end of the period: the review must say what next."""
    for row in ctx.rows:
        if no_next_step(row, ctx):
            record = row.record
            held = record.reviewed_on
            yield ctx.at(row, "further_actions", "end-date.no-next-step",
                         severity=Severity.WARNING if record.rating == Rating.PARTLY else None,
                         action=action_name(row), rating=record.rating.value,
                         when=review_when(held),
                         end=fmt(record.end_date))


@rule(IN_FUTURE, Code("dates.order", "Dates in the wrong order", E, f"{HEADER}, {TABLE}",
                      "{action}: the {what} ({value}) is before the {other} ({then}).",
                      "Check both dates."))
def action_dates(ctx: RuleContext):
    """Reviews cannot be held in the future, and nothing on a row comes before the plan."""
    plan = ctx.plan_row
    agreed = plan.record.date_agreed if plan is not None else None
    as_of = fmt(ctx.as_of)
    for row in ctx.rows:
        record = row.record
        name = action_name(row)
        if record.reviewed_on and record.reviewed_on > ctx.as_of:
            yield ctx.at(row, "reviewed_on", "dates.in-future", action=name,
                         what="last review held", as_of=as_of)
        if agreed is None:
            continue
        for key, what in (("end_date", "date to reach the required level"),
                          ("review_date", "next formal review"),
                          ("reviewed_on", "last review held")):
            day = getattr(record, key)
            if day is not None and day < agreed:
                yield ctx.at(row, key, "dates.order", action=name, what=what,
                             other="date the plan was agreed", then=fmt(agreed))


ROW_RULES = (plan_has_actions, safety_measures, review_timing, review_records, short_of_level,
             next_step, action_dates)
