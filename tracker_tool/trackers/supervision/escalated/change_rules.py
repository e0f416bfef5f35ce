"""What a comparison of two returns shows that one return cannot: a case closed and removed
from the sheet, then escalated again for the same person and concern, or a closed case
re-opened, within the service's repeat window (the article measures repeat escalations within
60 days, Ex2 outcome; [kinds.supervision-escalations] repeat_window_days)."""

from __future__ import annotations

from tracker_tool.trackers.kit import ChangeContext, Code, W, change_rule, days_text, fmt, person_key


def _who(row) -> tuple | None:
    r = row.record
    return (person_key(r.staff_name), r.concern) if r.staff_name and r.concern else None


@change_rule(Code("change.repeat-escalation", "Case escalated again soon after closing",
                  W, "Ex2 outcome, governance",
                  "{label}: {what} {days} after the earlier case closed on {closed}.",
                  "Check whether the earlier case closed on real evidence; consider the HR "
                  "pathway."))
def repeat_within_60_days(ctx: ChangeContext):
    window = ctx.tracker.settings(ctx.current.policy).repeat_window_days
    for pair in ctx.pairs:
        closed = pair.previous.record.date_closed
        if closed and ctx.is_done(pair.previous) and not ctx.is_done(pair.current) \
                and 0 <= (ctx.as_of - closed).days <= window:
            yield ctx.at(pair, "outcome", "change.repeat-escalation", what="re-opened",
                         days=days_text((ctx.as_of - closed).days), closed=fmt(closed))
    # A case still on the sheet is already judged by the return's own repeat rule.
    removed = {}
    for row in ctx.matching.gone:
        if row.record.date_closed and ctx.is_done(row) and _who(row):
            removed.setdefault(_who(row), []).append(row.record.date_closed)
    for row in ctx.matching.new:
        opened = row.record.date_escalated
        for closed in removed.get(_who(row), []) if opened else ():
            if 0 <= (opened - closed).days <= window:
                yield ctx.at_new(row, "date_escalated", "change.repeat-escalation",
                                 what="escalated again for the same concern",
                                 days=days_text((opened - closed).days), closed=fmt(closed))
                break
