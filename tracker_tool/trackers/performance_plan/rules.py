"""Checks of the performance improvement plan over its typed rows and its plan sheet.

Row rules name an action with ``action_name``; plan-sheet rules raise their findings through
``ctx.plan_ctx`` so they point at the plan sheet's own cells. The facts the figures count
(a missed review, an action short of its target at the end) are the functions here, so the
Summary sheet and the findings cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterator

from tracker_tool.check.rule_context import CheckedRow, RuleContext
from tracker_tool.core.cell_values import display
from tracker_tool.core.findings import Finding, Severity
from tracker_tool.core.wording import days_text, fmt
from tracker_tool.trackers.performance_plan.vocabulary import (
    SHORT_OF_TARGET,
    Rating,
    YesNo,
)

PLAN = "The plan"


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


# -- the action table ----------------------------------------------------------------------

def plan_has_actions(ctx: RuleContext) -> Iterator[Finding]:
    if not ctx.rows:
        yield ctx.plan("actions.none", name=ctx.sheet)


def safety_measures(ctx: RuleContext) -> Iterator[Finding]:
    """A gap that puts patients at risk needs measures in place while the plan runs."""
    for row in ctx.rows:
        if is_safety_risk(row) and row.missing("safety_measures"):
            yield ctx.at(row, "safety_measures", "patient-safety.no-measures",
                         action=action_name(row))


def review_timing(ctx: RuleContext) -> Iterator[Finding]:
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


def review_records(ctx: RuleContext) -> Iterator[Finding]:
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
            yield ctx.at(row, "rating", "review.no-rating", action=action_name(row))


def next_step(ctx: RuleContext) -> Iterator[Finding]:
    """Short of the required level at the end of the period: the review must say what next."""
    for row in ctx.rows:
        if no_next_step(row, ctx):
            record = row.record
            held = record.reviewed_on
            yield ctx.at(row, "further_actions", "end-date.no-next-step",
                         severity=Severity.WARNING if record.rating == Rating.PARTLY else None,
                         action=action_name(row), rating=record.rating.value,
                         when=f"the review on {fmt(held)}" if held else "a review with no date",
                         end=fmt(record.end_date))


def action_dates(ctx: RuleContext) -> Iterator[Finding]:
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


# -- the plan sheet ------------------------------------------------------------------------

def plan_dates(ctx: RuleContext) -> Iterator[Finding]:
    plan = ctx.plan_row
    if plan is None:
        return
    as_of = fmt(ctx.as_of)
    for key, what in (("date_agreed", "date agreed"),
                      ("employee_signed", "date the employee signed"),
                      ("manager_signed", "date the manager signed")):
        day = getattr(plan.record, key)
        if day is not None and day > ctx.as_of:
            yield ctx.plan_ctx.at(plan, key, "dates.in-future", action=PLAN, what=what,
                                  as_of=as_of)


def revision_dates(ctx: RuleContext) -> Iterator[Finding]:
    """A revised plan gives the dates of the plan or plans it replaces (PIP header)."""
    plan = ctx.plan_row
    if plan is not None and plan.record.revision == YesNo.YES and plan.missing("earlier_plans"):
        yield ctx.plan_ctx.at(plan, "earlier_plans", "revision.no-earlier-dates")


ROW_RULES = (plan_has_actions, safety_measures, review_timing, review_records, next_step,
             action_dates)
PLAN_RULES = (plan_dates, revision_dates)
