"""The escalated-cases tracker's monthly figures and the cases for senior oversight (Example 2).

Each figure counts with the functions the rules use, so a figure and its findings agree.
"""

from __future__ import annotations

from tracker_tool.trackers.common import escalation, to_escalate
from tracker_tool.trackers.kit import (
    CheckedRow, Escalation, Figure, RuleContext, days_text, fmt, plural,
)
from tracker_tool.trackers.supervision.escalated.rules import (
    is_open, repeats, senior_reasons, settings,
)
from tracker_tool.trackers.supervision.shared import (
    cluster_figure, on_time_rate, themes, themes_figure,
)


def _past_target(row: CheckedRow, ctx: RuleContext) -> bool:
    target = row.record.target_date
    return is_open(row) and target is not None and target < ctx.as_of


def figures(ctx: RuleContext) -> list[Figure]:
    rows = ctx.rows
    late = [r for r in rows if _past_target(r, ctx)]
    closed = [r for r in rows if not is_open(r)]
    limits = settings(ctx)
    window = days_text(limits.repeat_window_days)

    def on_time(r):
        return (not is_open(r) and r.record.date_closed and r.record.target_date
                and r.record.date_closed <= r.record.target_date)

    return [
        Figure("cases_opened", "Cases opened", len(rows), "Rows with any entry."),
        Figure("open", "Open cases", len(rows) - len(closed), "Case outcome Open or blank."),
        Figure("overdue", "Open past target date", len(late),
               "Open cases whose target closure date has passed."),
        Figure("on_time_closure_rate", "Closed within target (%)",
               on_time_rate(closed + late, on_time),
               "Of the closed cases and those open past their target, the share closed by the "
               "target date."),
        themes_figure(themes(late, lambda r: r.record.concern, limits.theme_repeat),
                      "cases past target", limits.theme_repeat),
        cluster_figure(late, "line_manager", "cases past target"),
        Figure("repeat_escalations", f"Repeat escalations within {window}",
               len(repeats(ctx)),
               f"Cases raising the same concern for the same person within {window} of an "
               "earlier case closing."),
        Figure("to_escalate", "For senior oversight",
               sum(bool(senior_reasons(r, ctx)) for r in rows),
               "Open cases past a senior-oversight threshold "
               f"({plural(limits.missed_reviews_limit, 'missed review')}, a failed high-risk "
               f"recheck, no progress after {days_text(limits.no_progress_days)}), whether or "
               "not escalated yet."),
    ]


def escalations(ctx: RuleContext) -> list[Escalation]:
    found = []
    for row, reasons in to_escalate(ctx, senior_reasons):
        r = row.record
        late = (ctx.as_of - r.target_date).days if _past_target(row, ctx) else 0
        recorded = " ".join(part for part in (
            f"Senior oversight from {fmt(r.senior_oversight)}" if r.senior_oversight else "",
            f"({r.improvement_plan_ref})" if r.improvement_plan_ref else "") if part)
        found.append(escalation(
            row, ident=r.case_id, title=f"{r.concern.value if r.concern else 'Concern'}: "
            f"{r.corrective_action or ''}".rstrip(": "), owner=r.line_manager,
            due=r.target_date, days=late, reasons=list(reasons.values()),
            route="Registered Manager to senior provider oversight; service improvement plan",
            recorded=recorded))
    return found
