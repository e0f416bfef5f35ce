"""Open, done, late: date arithmetic every kind does, and the escalation line it leads to.

Which statuses count as open is each kind's own vocabulary; how late something is, how long a
record has gone without an update, and which dates lie after the audit date are the same
sums everywhere, so they are done once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from tracker_tool.trackers.kit import (
    E, W, CheckedRow, Code, Escalation, Rule, RuleContext, days_text, display, fmt, rule,
)


def days_past(due: date | None, as_of: date) -> int | None:
    """Calendar days ``due`` lies before ``as_of``; None when there is no date or it has not
    passed. Callers say first whether the entry is still open."""
    if due is None or due >= as_of:
        return None
    return (as_of - due).days


def stale_since(last: date | None, fallback: date | None, as_of: date, every: int) -> int | None:
    """Days since ``last`` (or ``fallback``) when more than ``every`` days; else None."""
    since = last or fallback
    if since is None or since > as_of:
        return None
    gap = (as_of - since).days
    return gap if gap > every else None


def working_days_late(ctx: RuleContext, due: date, when: date) -> int:
    """Working days after ``due`` up to ``when``, by the service's calendar (its nation)."""
    return ctx.policy.calendar.working_days_after(due, when)


def dated_after(record, keys: Iterable[str], day: date) -> list[str]:
    """Which of the date fields ``keys`` of ``record`` hold a date later than ``day``."""
    return [key for key in keys if (value := getattr(record, key)) is not None and value > day]


def unfilled(row: CheckedRow, wanted: dict[str, str]) -> list[tuple[str, str]]:
    """(column, code) for each column of ``wanted`` that ``row`` leaves blank: what a done
    entry must record, each blank column with its own code."""
    return [(key, code) for key, code in wanted.items() if row.missing(key)]


#: Entries in a record of what was done that say it was not done (yet): an escalation record
#: reading "pending" records no escalation. Compared whole, ignoring case, spacing and a full
#: stop, so "Escalated; decision pending" still counts as a record.
NOT_RECORDED = frozenset({
    "no", "none", "nil", "not escalated", "not yet escalated", "no escalation", "not yet",
    "not done", "pending", "to do", "todo", "n/a", "na", "tbc", "tba", "-", "?",
})


def says_none(text: str | None) -> bool:
    """A blank, or an entry such as 'not escalated', 'pending', 'TBC' that records nothing."""
    if text is None:
        return True
    return " ".join(str(text).casefold().split()).rstrip(".!") in NOT_RECORDED


def to_escalate(ctx: RuleContext, reasons_of: Callable[[CheckedRow, RuleContext], list[str]]
                ) -> list[tuple[CheckedRow, list[str]]]:
    """Each entry that must be escalated, with the reasons, for the Escalations sheet."""
    return [(row, reasons) for row in ctx.rows if (reasons := reasons_of(row, ctx))]


def overdue_check(key: str, code: Code,
                  days_late: Callable[[CheckedRow, RuleContext], int | None]) -> Rule:
    """The rule raising ``code`` on the ``key`` cell of every entry ``days_late`` finds late,
    with ``{days}`` in the message: '12 days'."""
    raised = code.code

    def overdue(ctx: RuleContext):
        for row in ctx.rows:
            days = days_late(row, ctx)
            if days is not None:
                yield ctx.at(row, key, raised, days=days_text(days))

    return rule(code)(overdue)


def overdue_code(code: str, clause: str, fix: str) -> Code:
    """The code of an entry past its due date, worded as every kind words it but for the fix:
    '{label} was due on {value} and is {days} overdue.'"""
    return Code(code, "Overdue", W, clause, "{label} was due on {value} and is {days} overdue.",
                fix)


def review_overdue_code(clause: str, fix: str) -> Code:
    """``review.overdue``: the review date of an open entry has passed ``{days}`` ago."""
    return Code("review.overdue", "Review overdue", W, clause,
                "{label}: the review due on {value} has passed ({days} ago).", fix)


def green_overdue_code(clause: str, fix: str) -> Code:
    """``rag.green-overdue``: an entry rated Green though it is ``{days}`` past its ``{due}``."""
    return Code("rag.green-overdue", "Green but overdue", E, clause,
                "{label} is rated Green but was due on {due} and is {days} overdue.", fix)


def future_dates_check(code: str, clause: str, words: dict[str, str]) -> Rule:
    """The rule raising ``code`` on every date of ``words`` (column -> how a sentence names
    it: "date logged") that lies after the audit date: a record of what has happened cannot
    be dated in the future."""
    declared = Code(code, "Date after the audit date", E, clause,
                    "{label}: the {what} ({value}) is after the audit date {as_of}.",
                    "Record the day it actually happened.")

    def future_dates(ctx: RuleContext):
        as_of = fmt(ctx.as_of)
        for row in ctx.rows:
            for key in dated_after(row.record, words, ctx.as_of):
                yield ctx.at(row, key, code, what=words[key], as_of=as_of)

    return rule(declared)(future_dates)


def date_order_check(code: str, clause: str,
                     orders: Iterable[tuple[str, str, str, str]]) -> Rule:
    """The rule raising ``code`` where a date comes before one it must follow. ``orders`` are
    (column, how a sentence names it, the earlier column, how a sentence names that)."""
    declared = Code(code, "Dates in the wrong order", E, clause,
                    "{label}: the {what} ({value}) is before the {other} ({then}).",
                    "Check both dates.")
    orders = tuple(orders)

    def date_order(ctx: RuleContext):
        for row in ctx.rows:
            for key, what, before, other in orders:
                day, earlier = getattr(row.record, key), getattr(row.record, before)
                if day and earlier and day < earlier:
                    yield ctx.at(row, key, code, what=what, other=other, then=fmt(earlier))

    return rule(declared)(date_order)


def escalation(row: CheckedRow, *, ident, title, owner, due, days: int, reasons: list[str],
               route, recorded) -> Escalation:
    """An entry for the audit's Escalations sheet, with every text as the cell showed it."""
    return Escalation(row=row.excel_row, action_id=display(ident), title=display(title),
                      owner=display(owner), due=due, days_overdue=days, reasons=tuple(reasons),
                      route=display(route), recorded=display(recorded))
