"""Day and month swapped: a UK date stored month-first by a computer set to US English.

On such a computer `01/12/2026` typed for 1 December is stored as 12 January, a real date the
reader cannot tell from a right one. Alone it looks fine; beside the entry's other dates it
may contradict them (due before created, completed before created or after the audit date,
created after the audit date, a review before creation), and then the kind's rules raise
alarming findings (overdue by ten months, dates in the wrong order, an escalation due) that
all come from one mistyped setting. When swapping day and month of one real date (or of all
of an entry's swappable dates) removes every contradiction, that is said once, at the date,
with what to check; the findings that the swap alone explains are dropped (the rules are run
again over the entries as swapped, and a finding on such an entry stays only if it is still
raised), and the figures, escalations and review pack count the entries as swapped
(``Explained.context``), so the Summary agrees with the findings.

Text is read day first, the UK way, so text dates are no swap suspects, with two exceptions:
text that can only be a date month first (`05/13/2026`) is reported as swapped rather than
as an impossible date (``read_month_first``), and text in a column whose other dates were
shown to be written month first may be swapped back like a real date.

Which column is created, due, completed or review is read from what each kind already
names: its ChangeFields (created, closure, review), its LiveHighlights (due) and, for a
plan whose rows carry no creation date, the Plan sheet's dates (Tracker.plan_dates).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from tracker_tool.check.rule_context import CheckedRow, RuleContext
from tracker_tool.check.tracker import Tracker
from tracker_tool.core.cell_values import parse_month_first
from tracker_tool.core.columns import Kind
from tracker_tool.core.findings import Finding

CODE = "date.day-month-swapped"

#: Dates in the wrong order by no more than this are a slip of the finger, not a swap: a
#: swapped day and month move a date by a month at least (01/02 and 02/01 are 30 days apart).
SLIP = timedelta(days=31)

#: How a contradiction is worded, by the role of the date that comes too early.
_BEFORE = (("due", "it is due before"), ("completed", "it was completed before"),
           ("review", "its review is before"))


def date_roles(tracker: Tracker) -> dict[str, str]:
    """role (created, due, completed, review) -> the row's date column that plays it."""
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


@dataclass
class Explained:
    """The rules' findings once swapped dates are explained, and the rows as swapped back:
    what the figures, escalations and review pack count."""

    findings: list[Finding]
    context: RuleContext


def _swapped(day: date) -> date:
    return date(day.year, day.day, day.month)


def _retyped(row: CheckedRow, values: dict[str, date], tracker: Tracker) -> CheckedRow:
    """``row`` (of ``tracker``'s sheet) with the dates ``values`` in its record instead of
    those read."""
    record = row.record
    fields = {spec.key: getattr(record, spec.key) for spec in tracker.columns}
    return CheckedRow(row.raw, record.__class__.model_construct(**(fields | values)),
                      row.present, row.invalid)


def _contexts(ctx: RuleContext) -> tuple[RuleContext, ...]:
    return (ctx,) if ctx.plan_ctx is None else (ctx, ctx.plan_ctx)


def read_month_first(ctx: RuleContext, cell_findings: list[Finding]
                     ) -> tuple[list[Finding], frozenset[str]]:
    """Report text that is a date only month first (`05/13/2026`) as a swapped day and month
    instead of an impossible date, in ``ctx`` and its plan. Returns the cell findings so
    changed and the columns found written month first.

    The value stays unread, as an impossible date does: which date was meant is a guess, and
    a guess must not raise overdue or escalation findings of its own. Only rows holding an
    unreadable cell are looked at, so a clean sheet costs nothing.
    """
    found: dict[tuple[str, str | None], Finding] = {}
    for part in _contexts(ctx):
        for row in part.rows:
            if not row.invalid:
                continue
            for key in row.invalid:
                spec = part.tracker.by_key[key]
                typed = row.raw.values.get(key)
                day = (parse_month_first(typed) if spec.kind is Kind.DATE
                       and typed.__class__ is str else None)
                if day is None:
                    continue
                made = part.at(row, key, CODE, problem=(
                    f"cannot be a date read day first, as UK dates are (there is no month "
                    f"{day.day})"), swapped=f"{spec.title} {day:%d/%m/%Y}",
                    resolved="it is one")
                found[(made.sheet, made.cell)] = made
    if not found:
        return cell_findings, frozenset()
    columns = frozenset(f.field for f in found.values())
    kept = [f for f in cell_findings if (f.sheet, f.cell) not in found]
    return kept + list(found.values()), columns


def _contradictions(dates: dict[str, date | None], as_of: date, since: str,
                    slack: timedelta = timedelta(0)) -> list[str]:
    """What the entry's dates say that cannot be so, in words; dates in the wrong order by
    no more than ``slack`` are let pass. ``since`` names the creation date in a sentence."""
    found = []
    done = dates.get("completed")
    if done is not None and done > as_of:
        found.append("it was completed after the audit date")
    created = dates.get("created")
    if created is None:
        return found
    if dates.get("created_here", True) and created > as_of:
        found.append("the date created is after the audit date")
    for role, words in _BEFORE:
        when = dates.get(role)
        if when is not None and when < created - slack:
            found.append(f"{words} {since}")
    return found


def _suspect(row: CheckedRow, key: str, month_first: frozenset[str]) -> bool:
    """A date whose day could be a month and is not the month itself, stored as a real date,
    or typed as text in a column shown to be written month first."""
    typed = getattr(row.record, key)
    if typed is None or typed.day > 12 or typed.day == typed.month or key in row.invalid:
        return False
    raw = row.raw.values.get(key)
    return raw.__class__ in (date, datetime) or (raw.__class__ is str and key in month_first)


def _span(dates: Iterable[date | None], as_of: date) -> int:
    """Days from the earliest to the latest of an entry's dates and the audit date: of two
    swaps that both remove the contradiction, the one that keeps the entry's dates together
    is the likelier (12 May due back to 5 December, not 1 October created to 10 January)."""
    days = [d for d in dates if d is not None] + [as_of]
    return (max(days) - min(days)).days


@dataclass(frozen=True)
class _Plan:
    """How the rows' dates are judged: by a created column of their own, or by the date the
    plan started on the Plan sheet."""

    roles: dict[str, str]
    started: date | None
    since: str


def _find(row: CheckedRow, plan: _Plan, as_of: date, month_first: frozenset[str]
          ) -> tuple[dict[str, date] | None, list[str]] | None:
    """The fewest swaps (one date, else all suspects) that remove every contradiction, the
    one keeping the dates closest together first, and the contradiction in words; None for
    the swaps when none removes it, None alone when there is no contradiction."""
    roles = plan.roles
    dates = {role: getattr(row.record, key) for role, key in roles.items()}
    if plan.started is not None:
        dates |= {"created": plan.started, "created_here": False}
    if not _contradictions(dates, as_of, plan.since, SLIP):
        return None
    wrong = _contradictions(dates, as_of, plan.since)
    suspects = [role for role, key in roles.items() if _suspect(row, key, month_first)]
    tries = [[role] for role in suspects] + ([suspects] if len(suspects) > 1 else [])
    best = None
    for chosen in tries:
        if best is not None and len(chosen) > len(best[1]):
            break
        fixed = dict(dates) | {role: _swapped(dates[role]) for role in chosen}
        if not _contradictions(fixed, as_of, plan.since):
            span = _span([plan.started, *(fixed[role] for role in roles)], as_of)
            if best is None or span < best[0]:
                best = (span, chosen, fixed)
    if best is None:
        return None, wrong
    return {roles[role]: best[2][role] for role in best[1]}, wrong


def _plan_of(ctx: RuleContext) -> tuple[_Plan, dict[str, date], list[str]] | None:
    """How rows are judged, the plan sheet's dates to swap back (if a swap there explains
    what its own dates and the rows' say) and in words what it explains."""
    tracker = ctx.tracker
    roles = date_roles(tracker)
    keys = tracker.plan_dates
    plan_row = ctx.plan_row
    if "created" in roles or not keys or plan_row is None:
        return (_Plan(roles, None, "it was created"), {}, []) if "created" in roles else None
    plan = plan_row.record
    titles = tracker.plan.by_key
    first = keys[0]

    def judged(dates: dict[str, date | None], slack=timedelta(0)) -> tuple[list[str], int]:
        """The plan's own contradictions in words, and how many rows contradict its start."""
        said = [f"the {titles[k].title.lower()} is after the audit date"
                for k in keys if dates[k] is not None and dates[k] > ctx.as_of]
        if dates[first] is None:
            return said, 0
        start = {"created": dates[first], "created_here": False}
        return said, sum(bool(_contradictions(
            {role: getattr(row.record, key) for role, key in roles.items()} | start,
            ctx.as_of, "", slack)) for row in ctx.rows)

    since = f"the {titles[first].title.lower()} on the {tracker.plan_sheet} sheet"
    dates = {k: getattr(plan, k) for k in keys}
    said, rows_wrong = judged(dates, SLIP)
    chosen, words = {}, []
    if said or rows_wrong:
        said, rows_wrong = judged(dates)
        best = None
        for key in keys:
            if not _suspect(plan_row, key, frozenset()):
                continue
            fixed = dates | {key: _swapped(dates[key])}
            still, left = judged(fixed)
            if not still and left < rows_wrong + bool(said) and (best is None or left < best[0]):
                best = (left, key, fixed[key])
        if best is not None:
            chosen = {best[1]: best[2]}
            dates |= chosen
            explained = rows_wrong - best[0]
            rows_said = "1 row is" if explained == 1 else f"{explained} rows are"
            words = said + ([f"the dates of {rows_said} before it"] if explained else [])
    return _Plan(roles, dates[first], since), chosen, words


def explain_swaps(ctx: RuleContext, rules: Iterable[Callable], findings: list[Finding],
                  month_first: frozenset[str] = frozenset()) -> Explained:
    """``findings`` (the rules' over ``ctx``) less those a swapped day and month alone
    explain, plus one finding at each swapped date; and the context as swapped back.

    ``month_first`` names the columns found written month first (read_month_first); text
    in them, and in columns where a real date proved swapped, may be swapped back too.
    """
    judged = _plan_of(ctx)
    if judged is None:
        return Explained(findings, ctx)
    plan, plan_swap, plan_words = judged
    swaps, rows = [], list(ctx.rows)
    plan_ctx = ctx.plan_ctx
    if plan_swap:
        key, day = next(iter(plan_swap.items()))
        plan_ctx = replace(plan_ctx, memo={}, rows=[
            _retyped(plan_ctx.rows[0], plan_swap, plan_ctx.tracker)])
        swaps.append(ctx.plan_ctx.at(
            ctx.plan_ctx.rows[0], key, CODE,
            problem=f"contradicts the plan's other dates ({'; '.join(plan_words)})",
            swapped=f"{ctx.plan_ctx.tracker.by_key[key].title} {day:%d/%m/%Y}",
            resolved="it does not"))
    # A first pass with real dates only shows which columns are written month first; text
    # in those is then suspect too, so the entries that contradict themselves are judged
    # again with it (of two swaps that fit, the one keeping the dates together is said).
    found = {}
    for i, row in enumerate(rows):
        judged_row = _find(row, plan, ctx.as_of, month_first)
        if judged_row is not None:
            found[i] = judged_row
    proved = month_first | {key for changes, _ in found.values() if changes for key in changes}
    if proved != month_first:
        found = {i: _find(rows[i], plan, ctx.as_of, proved) for i in found}
    for i, (changes, wrong) in found.items():
        if changes is None:
            continue
        row = rows[i]
        first = next(iter(changes))
        shown = ", ".join(f"{ctx.tracker.by_key[k].title} {d:%d/%m/%Y}"
                          for k, d in changes.items())
        swaps.append(ctx.at(row, first, CODE, swapped=shown, resolved="it does not",
                            problem=f"contradicts the entry's other dates ({'; '.join(wrong)})"))
        rows[i] = _retyped(row, changes, ctx.tracker)
    if not swaps:
        return Explained(findings, ctx)
    # Everything else the context carries (policy, other sheets) is the same.
    fixed = replace(ctx, rows=rows, plan_ctx=plan_ctx, memo={})
    swapped_rows = {f.row for f in swaps if f.sheet == ctx.sheet}

    def touched(f: Finding) -> bool:
        return bool(plan_swap) or (f.sheet == ctx.sheet and f.row in swapped_rows)

    still = {(f.code, f.sheet, f.cell) for rule in rules for f in rule(fixed) if touched(f)}
    return Explained([f for f in findings
                      if not touched(f) or (f.code, f.sheet, f.cell) in still] + swaps, fixed)
