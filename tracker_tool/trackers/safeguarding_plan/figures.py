"""The safeguarding plan's governance figures and the high-risk actions senior leaders must hear of.

The audit workbook's Summary and Escalations sheets and the JSON report come from here; the
facts behind each figure are the ones the rules use.
"""

from __future__ import annotations

from tracker_tool.trackers.common import escalation
from tracker_tool.trackers.kit import Escalation, Figure, RuleContext, display, shorten
from tracker_tool.trackers.safeguarding_plan.facts import (
    concerns, days_overdue, is_closed, is_high, tick_box, under_oversight,
)
from tracker_tool.trackers.safeguarding_plan.vocabulary import ActionType, Status

_CLOSURE_KEYS = ("risk_indicators", "practice_audit", "competency_evidence", "governance_minutes")

#: Figure key, label and note for the open actions of each kind.
_BY_TYPE = (
    (ActionType.RISK_CONTROL, "risk_control_open", "Open risk-control measures"),
    (ActionType.PRACTICE_CHANGE, "practice_change_open", "Open practice changes"),
    (ActionType.OVERSIGHT, "oversight_open", "Open oversight mechanisms"),
    (ActionType.EVIDENCE, "evidence_measure_open", "Open evidence measures"),
)


def review_figures(ctx: RuleContext) -> list[Figure]:
    rows = ctx.rows
    open_rows = [r for r in rows if under_oversight(r)]
    closed = [r for r in rows if is_closed(r)]
    figures = [
        Figure("actions", "Actions in the plan", len(rows), "Rows with any entry."),
        Figure("concerns", "Concerns covered", len(concerns(ctx)),
               "Distinct concern references the actions answer."),
        Figure("open", "Actions under oversight", len(open_rows), "Every action not yet Closed."),
        Figure("overdue", "Overdue actions", sum(days_overdue(r, ctx) is not None for r in rows),
               "Not yet implemented and past the due date on the audit date."),
        Figure("high_risk_open", "High-risk actions open", sum(is_high(r) for r in open_rows),
               "High-risk actions not yet Closed."),
        Figure("awaiting_effectiveness", "Implemented, awaiting the closure test",
               sum(r.record.status == Status.IMPLEMENTED for r in rows),
               "Work done and now being tested in practice before closure."),
        Figure("closed", "Closed actions", len(closed), "Marked Closed."),
        Figure("closed_without_closure_test", "Closed without the full closure test",
               sum(any(r.missing(k) for k in _CLOSURE_KEYS) for r in closed),
               "Closed with any of the four closure-test columns blank."),
        Figure("rag_without_narrative", "RAG without a narrative",
               sum(r.record.rag is not None and r.missing("rag_narrative") for r in rows),
               "A colour with no explanation."),
        Figure("reviews_overdue", "Reviews overdue",
               sum(r.record.next_review is not None and r.record.next_review < ctx.as_of
                   for r in open_rows),
               "Open actions whose next review date has passed."),
        Figure("tick_box", "Tick-box actions standing alone",
               sum(tick_box(r, ctx) is not None for r in rows),
               "Reminders or reissued policies with nothing else on the same concern."),
        Figure("lead_missing", "Without a named lead", sum(r.missing("owner") for r in rows),
               "No lead recorded."),
    ]
    for kind, key, label in _BY_TYPE:
        figures.append(Figure(key, label, sum(r.record.action_type == kind for r in open_rows),
                              f"Open actions of type {kind.value}."))
    return figures


def escalations(ctx: RuleContext) -> list[Escalation]:
    """Overdue high-risk actions: senior leaders must get assurance where risks are high."""
    found = []
    for row in ctx.rows:
        days = days_overdue(row, ctx)
        if days is None or not is_high(row):
            continue
        record = row.record
        found.append(escalation(
            row, ident=record.action_id, title=shorten(display(record.action), 80),
            owner=record.owner, due=record.due_date, days=days,
            reasons=["high-risk safeguarding action overdue: senior leaders need assurance"],
            route="Board or senior leaders (summary assurance)",
            recorded=record.senior_assurance))
    return found
