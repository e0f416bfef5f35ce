"""Day and month swapped: a UK date stored month-first by a computer set to US English.

On such a computer `01/12/2026` typed for 1 December is stored as 12 January, a real date the
reader cannot tell from a right one. Alone it looks fine; beside the entry's other dates it
may contradict them (due before created, completed before created, created after the audit
date, a review before creation), and then the kind's rules raise alarming findings (overdue
by ten months, dates in the wrong order) that all come from one mistyped setting. When
swapping day and month of one real date (or of all of an entry's swappable dates) removes
every contradiction, that is said once, at the date, with what to check; and the findings
that the swap alone explains are dropped: the rules are run again over the entries as
swapped, and a finding on such an entry stays only if it is still raised.

Which column is created, due, completed or review is read from what each kind already
names: its ChangeFields (created, closure, review) and its LiveHighlights (due).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import chain
from typing import Callable, Iterable

from tracker_tool.check.rule_context import CheckedRow, RuleContext
from tracker_tool.check.tracker import Tracker
from tracker_tool.core.columns import Kind
from tracker_tool.core.findings import Finding

CODE = "date.day-month-swapped"


def date_roles(tracker: Tracker) -> dict[str, str]:
    """role (created, due, completed, review) -> the date column that plays it."""
    roles = {}
    changes = tracker.changes
    if changes is not None:
        roles["created"] = changes.created
        roles["completed"] = next((k for k in changes.closure or ()
                                   if k in tracker.by_key
                                   and tracker.by_key[k].kind is Kind.DATE), None)
        roles["review"] = changes.review
    if tracker.highlights is not None:
        roles["due"] = tracker.highlights.due_key
    return {role: key for role, key in roles.items()
            if key in tracker.by_key and tracker.by_key[key].kind is Kind.DATE}


#: Dates in the wrong order by no more than this are a slip of the finger, not a swap: a
#: swapped day and month move a date by a month at least (01/02 and 02/01 are 30 days apart).
SLIP = timedelta(days=31)


def _contradictions(dates: dict[str, date | None], as_of: date,
                    slack: timedelta = timedelta(0)) -> list[str]:
    """What the entry's dates say that cannot be so, in words; dates in the wrong order by
    no more than ``slack`` are let pass."""
    created = dates.get("created")
    if created is None:
        return []
    found = []
    if created > as_of:
        found.append("the date created is after the audit date")
    for role, words in (("due", "it is due before it was created"),
                        ("completed", "it was completed before it was created"),
                        ("review", "its review is before it was created")):
        when = dates.get(role)
        if when is not None and when < created - slack:
            found.append(words)
    return found


def _swapped(day: date) -> date:
    return date(day.year, day.day, day.month)


def _swappable(row: CheckedRow, key: str) -> bool:
    """A real date (not text typed day-first, which the reader already reads the UK way)
    whose day could be a month and is not the month itself."""
    raw = row.raw.values.get(key)
    typed = getattr(row.record, key)
    return (raw.__class__ in (date, datetime) and typed is not None
            and typed.day <= 12 and typed.day != typed.month)


def _find(row: CheckedRow, roles: dict[str, str], as_of: date
          ) -> tuple[dict[str, date], list[str]] | None:
    """The fewest swaps (one date, else all swappable) that remove every contradiction."""
    dates = {role: getattr(row.record, key) for role, key in roles.items()}
    if not _contradictions(dates, as_of, SLIP):
        return None
    wrong = _contradictions(dates, as_of)
    candidates = [role for role in roles if _swappable(row, roles[role])]
    tries = chain(([role] for role in candidates), [candidates] if len(candidates) > 1 else [])
    for chosen in tries:
        fixed = dict(dates) | {role: _swapped(dates[role]) for role in chosen}
        if not _contradictions(fixed, as_of):
            return {roles[role]: fixed[role] for role in chosen}, wrong
    return None


def explain_swaps(ctx: RuleContext, rules: Iterable[Callable], findings: list[Finding]
                  ) -> list[Finding]:
    """``findings`` (the rules' over ``ctx``) less those a swapped day and month alone
    explain, plus one finding at each entry's first swapped date."""
    roles = date_roles(ctx.tracker)
    if "created" not in roles:
        return findings
    swaps, rows = [], list(ctx.rows)
    for i, row in enumerate(rows):
        found = _find(row, roles, ctx.as_of)
        if found is None:
            continue
        changes, wrong = found
        first = next(iter(changes))
        shown = ", ".join(f"{ctx.tracker.by_key[k].title} {d:%d/%m/%Y}" for k, d in changes.items())
        swaps.append(ctx.at(row, first, CODE, contradiction="; ".join(wrong), swapped=shown))
        values = {spec.key: getattr(row.record, spec.key) for spec in ctx.tracker.columns}
        record = row.record.__class__.model_construct(**(values | changes))
        rows[i] = CheckedRow(row.raw, record, row.present, row.invalid)
    if not swaps:
        return findings
    fixed = RuleContext(ctx.tracker, ctx.sheet, rows, ctx.as_of, plan_ctx=ctx.plan_ctx,
                        policy=ctx.policy)
    swapped_rows = {f.row for f in swaps}
    still = {(f.code, f.cell) for rule in rules for f in rule(fixed) if f.row in swapped_rows}
    return [f for f in findings
            if f.row not in swapped_rows or (f.code, f.cell) in still] + swaps
