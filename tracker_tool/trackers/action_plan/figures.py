"""The action-plan review figures of policy s17, and the list of actions to escalate (s13).

The audit workbook's Summary and Escalations sheets and the JSON report all come from here.
"""

from __future__ import annotations

from tracker_tool.trackers.action_plan.facts import (
    days_overdue, escalation_reasons, escalation_recorded, is_high_risk, is_open, waiting_external,
)
from tracker_tool.trackers.action_plan.plan_rules import repeated_themes
from tracker_tool.trackers.action_plan.review_pack import on_time_rate
from tracker_tool.trackers.action_plan.vocabulary import DONE_STATUSES, YesNo
from tracker_tool.trackers.common import escalation, is_vague_evidence, to_escalate
from tracker_tool.trackers.kit import Escalation, Figure, RuleContext


def review_figures(ctx: RuleContext) -> list[Figure]:
    """The figures; those about overdue actions count the open ones only, as only an open
    action can be overdue (facts.days_overdue), which spares a pass over every row."""
    rows = ctx.rows
    open_rows = [r for r in rows if is_open(r)]
    done = [r for r in rows if r.record.status in DONE_STATUSES]
    awaiting_check = [
        r for r in done
        if r.record.effectiveness_needed == YesNo.YES and r.record.effectiveness_done is None
        and r.missing("effectiveness_result")
    ]
    waiting = [r for r in open_rows if waiting_external(r)]
    return [
        Figure("actions", "Actions in the plan", len(rows), "Rows with any entry."),
        Figure("open", "Open actions", len(open_rows), "Not marked Complete or Closed."),
        Figure("overdue", "Overdue actions",
               sum(days_overdue(r, ctx) is not None for r in open_rows),
               "Open and past the due date on the audit date."),
        Figure("high_risk_open", "High-risk actions open", sum(is_high_risk(r) for r in open_rows),
               "Open actions with High priority or a high-priority reason."),
        Figure("repeated_themes", "Repeated themes", len(repeated_themes(ctx)),
               "Themes raised repeatedly within the policy's window."),
        Figure("waiting_external", "Waiting for external input", len(waiting),
               "Open actions that depend on someone outside the service."),
        Figure("done_without_evidence", "Completed without evidence",
               sum(r.missing("completion_evidence")
                   or is_vague_evidence(r.record.completion_evidence, ctx) for r in done),
               "Marked Complete or Closed with no evidence of completion, or with evidence "
               "that points to nothing ('done', 'verbal')."),
        Figure("awaiting_effectiveness", "Awaiting an effectiveness check", len(awaiting_check),
               "Completed actions whose effectiveness check is not yet done."),
        Figure("to_escalate", "To escalate",
               sum(bool(escalation_reasons(r, ctx)) for r in open_rows),
               "Overdue actions the policy says must be escalated (s13)."),
        Figure("owner_missing", "Without an owner", sum(r.missing("owner") for r in rows),
               "No owner recorded."),
        Figure("on_time_closure_rate", "On-time closure rate (%)", on_time_rate(rows),
               "Completed actions finished by their original due date, as a percentage."),
    ]


def escalations(ctx: RuleContext) -> list[Escalation]:
    return [escalation(row, ident=row.record.action_id, title=row.record.title,
                       owner=row.record.owner, due=row.record.due_date,
                       days=days_overdue(row, ctx) or 0, reasons=reasons,
                       route=row.record.escalation_route,
                       recorded=row.record.escalation_record if escalation_recorded(row) else None)
            for row, reasons in to_escalate(ctx, escalation_reasons)]
