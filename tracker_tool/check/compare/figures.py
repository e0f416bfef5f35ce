"""The review figures of both returns side by side: the trend a quarterly audit asks for.

Each kind already counts most of them under a shared key (``open``, ``overdue``,
``on_time_closure_rate``...), so the kind's own count is used wherever it has one; a kind
without one is counted here from its status and due date, or shown as n/a.
"""

from __future__ import annotations

from tracker_tool.check.compare.context import ChangeContext
from tracker_tool.core.changes import FigureChange
from tracker_tool.core.report import Report

#: (key, label, the kind's figure keys to use, which way is better)
FIGURES = (
    ("open", "Open actions", ("open",), "down"),
    ("overdue", "Overdue actions", ("overdue",), "down"),
    ("on_time_closure_rate", "On-time closure rate (%)", ("on_time_closure_rate",), "up"),
    ("escalations_due", "Escalations due", ("to_escalate",), "down"),
    ("effectiveness_outstanding", "Effectiveness checks outstanding",
     ("awaiting_effectiveness",), "down"),
    ("repeat_actions", "Repeat actions", ("repeat_actions", "repeat_escalations",
                                          "repeated_themes"), "down"),
)


def _value(report: Report, keys: tuple[str, ...]):
    found = {fig.key: fig.value for fig in report.figures}
    for key in keys:
        if key in found:
            return found[key]
    return _MISSING


_MISSING = object()


def _counted(ctx: ChangeContext, key: str, side: str):
    """What a kind that does not count ``key`` itself shows for it: open and overdue from its
    status and due date, escalations from its Escalations list; None for the rest."""
    rule_ctx = ctx.previous if side == "previous" else ctx.current
    as_of = ctx.previous_as_of if side == "previous" else ctx.as_of
    rows = rule_ctx.rows
    if key == "open":
        return sum(not ctx.is_done(r) for r in rows)
    if key == "overdue":
        return sum(ctx.overdue(r, as_of) for r in rows)
    return None


def side_by_side(ctx: ChangeContext | None, previous: Report, current: Report,
                 closed_since: int | None) -> list[FigureChange]:
    figures = []
    for key, label, keys, better in FIGURES:
        values = []
        for side, report in (("previous", previous), ("current", current)):
            value = _value(report, keys)
            if value is _MISSING:
                value = (len(report.escalations) if key == "escalations_due" and report.escalations
                         else _counted(ctx, key, side) if ctx is not None else None)
            values.append(value)
        figures.append(FigureChange(key, label, *values, better=better))
    figures.append(FigureChange("closed_since", "Actions closed since last time", None,
                                closed_since, better=None))
    return figures
