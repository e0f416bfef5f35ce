"""Facts about safeguarding actions that several rules and the figures share.

Whether an action is still under oversight, late or high risk, how often it must be reviewed,
which actions belong to the same concern and which are tick-box actions standing alone are
each worked out here once, so the findings and the Summary figures cannot disagree.
"""

from __future__ import annotations

import re
from collections import defaultdict

from tracker_tool.trackers.common import (
    days_past, has_measure, standing_alone, tick_box_phrase,
)
from tracker_tool.trackers.kit import CheckedRow, RuleContext
from tracker_tool.trackers.safeguarding_plan.vocabulary import (
    WORK_DONE, RiskLevel, Status,
)


def is_closed(row: CheckedRow) -> bool:
    return row.record.status == Status.CLOSED


def under_oversight(row: CheckedRow) -> bool:
    """Not closed: governance keeps reviewing an action until it passes the closure test."""
    return not is_closed(row)


def is_high(row: CheckedRow) -> bool:
    return row.record.risk_level == RiskLevel.HIGH


def status_words(row: CheckedRow) -> str:
    """'marked In progress', or 'still open' when no status is given."""
    status = row.record.status
    return f"marked {status.value}" if status is not None else "still open"


def days_overdue(row: CheckedRow, ctx: RuleContext) -> int | None:
    """Days past due while the work is not yet in place; None when not overdue."""
    return None if row.record.status in WORK_DONE else days_past(row.record.due_date, ctx.as_of)


def review_limit(row: CheckedRow, ctx: RuleContext) -> int:
    """Longest gap between reviews, in days: shorter for high-risk actions (proportionality)."""
    settings = ctx.policy.review
    return settings.high_risk_every_days if is_high(row) else settings.open_every_days


def cycles_needed(row: CheckedRow, ctx: RuleContext) -> int | None:
    """Review cycles an action must have been through before it may close, by the service's
    settings: high-risk actions need longer oversight, so more cycles (Effective plans)."""
    level = row.record.risk_level
    if level is None:
        return None
    settings = ctx.tracker.settings(ctx.policy)
    return settings.high_risk_closure_cycles if level == RiskLevel.HIGH else settings.closure_cycles


def concern_key(text: str | None) -> str | None:
    """Concern references compared as typed: case and spacing do not matter."""
    return " ".join(text.casefold().split()) if text else None


def concerns(ctx: RuleContext) -> dict[str, list[CheckedRow]]:
    """Rows by concern reference, in sheet order; rows without a reference are left out."""
    if "sg_concerns" not in ctx.memo:
        grouped: dict[str, list[CheckedRow]] = defaultdict(list)
        for row in ctx.rows:
            key = concern_key(row.record.concern_ref)
            if key:
                grouped[key].append(row)
        ctx.memo["sg_concerns"] = dict(grouped)
    return ctx.memo["sg_concerns"]


def _reminder(row: CheckedRow, ctx: RuleContext) -> str | None:
    """The tick-box phrase in the action, unless the action itself says how it is tested."""
    text = row.record.action or ""
    phrase = tick_box_phrase(text, ctx)
    return None if phrase is None or has_measure(text, ctx) else phrase


def tick_box(row: CheckedRow, ctx: RuleContext) -> str | None:
    """The tick-box phrase of an action that is not part of a broader response.

    A reminder or a reissued policy is acceptable when the same concern also has at least one
    action that is not a tick-box (a real practice change, an oversight mechanism...).
    """
    return ctx.remember("sg_tick_box", row, _tick_box)


def _tick_box(row: CheckedRow, ctx: RuleContext) -> str | None:
    key = concern_key(row.record.concern_ref)
    siblings = concerns(ctx).get(key, []) if key else []
    return standing_alone(row, siblings, lambda r: _reminder(r, ctx), "action")

