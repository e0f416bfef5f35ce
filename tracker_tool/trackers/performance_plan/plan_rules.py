"""Checks of the performance improvement plan's Plan sheet (PIP header): its findings point at
the plan sheet's own cells through ``ctx.plan_ctx``."""

from __future__ import annotations

from tracker_tool.trackers.common import dated_after, owner_check, owner_codes
from tracker_tool.trackers.kit import Code, RuleContext, W, fmt, rule
from tracker_tool.trackers.performance_plan.models import PlanHeader
from tracker_tool.trackers.performance_plan.rules import IN_FUTURE
from tracker_tool.trackers.performance_plan.vocabulary import HEADER, YesNo

PLAN = "The plan"

#: One manager agrees the plan and reviews it with the employee (PIP header: Manager Name).
manager = owner_check("manager", owner_codes(PlanHeader, "manager"), plan_sheet=True)


@rule(IN_FUTURE)
def plan_dates(ctx: RuleContext):
    plan = ctx.plan_row
    if plan is None:
        return
    as_of = fmt(ctx.as_of)
    words = {"date_agreed": "date agreed", "employee_signed": "date the employee signed",
             "manager_signed": "date the manager signed"}
    for key in dated_after(plan.record, words, ctx.as_of):
        yield ctx.plan_ctx.at(plan, key, "dates.in-future", action=PLAN, what=words[key],
                              as_of=as_of)


@rule(Code("revision.no-earlier-dates", "Revision without the earlier plan's dates", W, HEADER,
           "{label} is marked as a revision of an earlier plan, but the dates of the earlier "
           "plan or plans are not given.",
           "Give the date the original plan was agreed and the date of each revision since."))
def revision_dates(ctx: RuleContext):
    """A revised plan gives the dates of the plan or plans it replaces (PIP header)."""
    plan = ctx.plan_row
    if plan is not None and plan.record.revision == YesNo.YES and plan.missing("earlier_plans"):
        yield ctx.plan_ctx.at(plan, "earlier_plans", "revision.no-earlier-dates")


PLAN_RULES = (manager, plan_dates, revision_dates)
