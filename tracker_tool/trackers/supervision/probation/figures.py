"""The probation-actions tracker's monthly figures and the actions for enhanced oversight
(Example 3). Each figure counts with the functions the rules use, so they agree.
"""

from __future__ import annotations

from tracker_tool.trackers.common import escalation, to_escalate
from tracker_tool.trackers.kit import Escalation, Figure, RuleContext, days_text, fmt
from tracker_tool.trackers.supervision.probation.rules import (
    escalation_reasons, is_completed, is_failed, is_late, is_open, repeated,
)
from tracker_tool.trackers.supervision.shared import (
    cluster_figure, governance, on_time_rate, themes, themes_figure,
)


def figures(ctx: RuleContext) -> list[Figure]:
    rows = ctx.rows
    late = [r for r in rows if is_late(r, ctx)]
    unresolved = [r for r in rows if is_late(r, ctx) or is_failed(r)]
    judged = [r for r in rows if is_completed(r) or is_late(r, ctx)]
    repeat = governance(ctx).theme_repeat

    def on_time(r):
        return (is_completed(r) and r.record.verified_date and r.record.deadline
                and r.record.verified_date <= r.record.deadline)

    return [
        Figure("actions_opened", "Actions opened", len(rows), "Rows with any entry."),
        Figure("open", "Open actions", sum(is_open(r) for r in rows),
               "Not marked Completed or Failed."),
        Figure("overdue", "Overdue actions", len(late),
               "Not completed and past the deadline (failed actions included)."),
        Figure("failed", "Failed actions", sum(is_failed(r) for r in rows), "Marked Failed."),
        Figure("on_time_closure_rate", "Closed by the due date (%)",
               on_time_rate(judged, on_time),
               "Of the actions completed or past their deadline, the share verified complete "
               "by the deadline."),
        themes_figure(themes(unresolved, lambda r: r.record.induction_gap, repeat),
                      "overdue or failed actions", repeat),
        cluster_figure(late, "person_responsible", "overdue actions"),
        Figure("repeat_actions", "Repeat actions carried forward", len(repeated(ctx)),
               "Actions on an induction gap the same starter already had from an earlier review."),
        Figure("to_escalate", "For enhanced oversight",
               sum(bool(escalation_reasons(r, ctx)) for r in rows),
               f"More than {days_text(governance(ctx).escalate_after_working_days, 'working')}"
               " late, or a failed or late medication, moving and handling or safeguarding "
               "action."),
    ]


def escalations(ctx: RuleContext) -> list[Escalation]:
    found = []
    for row, reasons in to_escalate(ctx, escalation_reasons):
        r = row.record
        found.append(escalation(
            row, ident=r.action_id, title=f"{r.new_starter or ''}: {r.action or ''}",
            owner=r.person_responsible, due=r.deadline,
            days=(ctx.as_of - r.deadline).days if is_late(row, ctx) else 0, reasons=reasons,
            route="Registered Manager: enhanced oversight and formal review",
            recorded=f"Escalated on {fmt(r.escalated_on)}" if r.escalated_on else ""))
    return found
