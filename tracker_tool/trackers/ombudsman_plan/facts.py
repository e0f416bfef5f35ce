"""Facts about the Ombudsman plan that several rules and the figures share.

Which actions are complete or late, how the actions group by failing, which failings the report
found and which reminders stand alone are each worked out here once, so the findings and the
Summary figures cannot disagree. Personal details are found by check/personal_data.py.
"""

from __future__ import annotations

from collections import defaultdict

from tracker_tool.trackers.common import days_past, has_measure, standing_alone, tick_box_phrase
from tracker_tool.trackers.kit import CheckedRow, RuleContext
from tracker_tool.trackers.ombudsman_plan.vocabulary import Status

#: What a plan must explain for every action besides the action itself (Content 2 to 7).
EXPLAINED = ("responsible", "start_date", "due_date", "standards_assurance", "review_how",
             "review_date", "monitoring", "impact_measure")


def is_complete(row: CheckedRow) -> bool:
    return row.record.status == Status.COMPLETE


def days_overdue(row: CheckedRow, ctx: RuleContext) -> int | None:
    """Days past the completion date of an unfinished action; None when not overdue."""
    return None if is_complete(row) else days_past(row.record.due_date, ctx.as_of)


def review_overdue(row: CheckedRow, ctx: RuleContext) -> int | None:
    """Days since an action's review date passed with no result recorded; None otherwise."""
    return days_past(row.record.review_date, ctx.as_of) if row.missing("review_result") else None


def failings_found(ctx: RuleContext) -> int | None:
    """How many failings the plan says the report found (None when not given)."""
    plan = ctx.plan_row
    return plan.record.failings_found if plan is not None else None


def by_failing(ctx: RuleContext) -> dict[int, list[CheckedRow]]:
    """Actions by the number of the failing they answer, in sheet order."""
    if "omb_failings" not in ctx.memo:
        grouped: dict[int, list[CheckedRow]] = defaultdict(list)
        for row in ctx.rows:
            if row.record.failing_ref is not None:
                grouped[row.record.failing_ref].append(row)
        ctx.memo["omb_failings"] = dict(grouped)
    return ctx.memo["omb_failings"]


def unanswered(ctx: RuleContext) -> list[int]:
    """The report's failings (1 to N) with no action; empty when N is not known."""
    count = failings_found(ctx)
    if not count:
        return []
    answered = by_failing(ctx)
    return [n for n in range(1, count + 1) if n not in answered]


def _reminder(row: CheckedRow, ctx: RuleContext) -> str | None:
    """The tick-box phrase of an action that does not say how it will be checked."""
    text = row.record.action
    phrase = tick_box_phrase(text, ctx)
    return None if phrase is None or has_measure(text or "", ctx) else phrase


def tick_box(row: CheckedRow, ctx: RuleContext) -> str | None:
    """The reminder phrase of an action when its failing has no other kind of action."""
    return ctx.remember("omb_tick_box", row, _tick_box)


def _tick_box(row: CheckedRow, ctx: RuleContext) -> str | None:
    ref = row.record.failing_ref
    siblings = by_failing(ctx).get(ref, []) if ref is not None else []
    return standing_alone(row, siblings, lambda r: _reminder(r, ctx), "action")
