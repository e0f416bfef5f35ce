"""The supervision-actions tracker's monthly figures and its overdue register (Example 1).

Each figure counts with the functions the rules use, so a figure and its findings agree.
"""

from __future__ import annotations

from tracker_tool.trackers.common import escalation, to_escalate
from tracker_tool.trackers.kit import Escalation, Figure, RuleContext, days_text
from tracker_tool.trackers.supervision.actions.rules import (
    days_late, escalation_reasons, is_done, overdue_rows, overdue_theme_list, repeated,
)
from tracker_tool.trackers.supervision.actions.vocabulary import ESCALATED
from tracker_tool.trackers.supervision.shared import (
    cluster_figure, governance, is_vague_evidence, on_time_rate, themes_figure,
)


def figures(ctx: RuleContext) -> list[Figure]:
    rows = ctx.rows
    late = overdue_rows(ctx)
    done = [r for r in rows if is_done(r)]
    judged = [r for r in rows
              if r.record.deadline and (is_done(r) or r.record.deadline < ctx.as_of)]

    def on_time(r):
        return is_done(r) and r.record.date_checked and r.record.date_checked <= r.record.deadline

    return [
        Figure("actions_opened", "Actions opened", len(rows), "Rows with any entry."),
        Figure("open", "Open actions", len(rows) - len(done), "Not marked Complete."),
        Figure("overdue", "Overdue actions", len(late), "Open and past the deadline."),
        Figure("on_time_closure_rate", "Closed on time (%)", on_time_rate(judged, on_time),
               "Of the actions due by the audit date or already complete, the share checked "
               "complete by their deadline."),
        themes_figure(overdue_theme_list(ctx), "overdue actions",
                      governance(ctx).theme_repeat),
        cluster_figure(late, "line_manager", "overdue actions"),
        Figure("repeat_actions", "Repeat actions carried forward", len(repeated(ctx)),
               "Actions in a category the same person already had from an earlier supervision."),
        Figure("done_without_evidence", "Complete without evidence seen",
               sum(r.missing("evidence_seen") or is_vague_evidence(r.record.evidence_seen)
                   for r in done),
               "Marked Complete with the evidence blank or naming no record ('done', "
               "'verbal')."),
        Figure("to_escalate", "For the overdue register",
               sum(bool(escalation_reasons(r, ctx)) for r in rows),
               f"More than {days_text(governance(ctx).escalate_after_days)} late, or a late "
               "medication, safeguarding or care plan action."),
    ]


def escalations(ctx: RuleContext) -> list[Escalation]:
    found = []
    for row, reasons in to_escalate(ctx, escalation_reasons):
        record = row.record
        stage = record.escalation_stage
        found.append(escalation(
            row, ident=record.action_id, title=record.action, owner=record.line_manager,
            due=record.deadline, days=days_late(row, ctx) or 0, reasons=reasons,
            route="Registered Manager: overdue actions register, weekly until closed",
            recorded=stage.value if stage in ESCALATED else ""))
    return found
