"""The change rules every kind shares: what may not happen to an action between two returns.

Each rule asks for the parts of an action it needs (ChangeFields); a kind without one of them
is not judged by that rule. Clauses are the Reg 17 action-plan policy's: s10 due dates and
extensions, s12 monitoring progress, s14 completing, s16 the audit trail, s17 and s21 repeated
themes, s20 records.
"""

from __future__ import annotations

from tracker_tool.check.compare.context import ChangeContext, shown
from tracker_tool.check.compare.declare import change_rule
from tracker_tool.core.catalogue import RuleInfo as Code
from tracker_tool.core.findings import Severity

E, W = Severity.ERROR, Severity.WARNING


@change_rule(Code("change.action-deleted", "Open action deleted", E, "s16, s20",
                  "{label} was open last time ({previous}) and is not in this return: actions "
                  "are closed, never deleted.",
                  "Put the action back and close it with the reason, so the audit trail stays "
                  "whole."))
def deleted(ctx: ChangeContext):
    high = ctx.tracker.highlights
    for row in ctx.matching.gone:
        if high is not None and not ctx.is_done(row):
            yield ctx.at_previous(row, high.status_key, "change.action-deleted")


@change_rule(
    Code("change.due-moved", "Due date moved with no extension recorded", E, "s10",
         "{label}: the {title} moved from {previous} to {now} with no new extension recorded.",
         "Record the extension (with its reason and the manager's agreement), or put the "
         "agreed due date back."),
    Code("change.original-due-lost", "Due date moved with no original kept", E, "s10",
         "{label}: the due date moved from {moved_from} to {moved_to} but no original due "
         "date is kept.",
         "Type the first agreed due date into the original due date, so the extension shows."))
def due_moved(ctx: ChangeContext):
    high, fields = ctx.tracker.highlights, ctx.fields
    if high is None:
        return
    for pair in ctx.pairs:
        was, now = ctx.due(pair.previous), ctx.due(pair.current)
        if was is None or now is None or now <= was:
            continue
        if fields.extension and not _extended(ctx, pair, fields.extension):
            yield ctx.at(pair, high.due_key, "change.due-moved")
        original = fields.original_due
        if (original and ctx.get(pair.current, original) is None
                and ctx.get(pair.previous, original) is None):
            yield ctx.at(pair, original, "change.original-due-lost",
                         moved_from=shown(was), moved_to=shown(now))


def _extended(ctx: ChangeContext, pair, key: str) -> bool:
    """A count of extensions that went up, or a reason for delay that was written anew."""
    was, now = ctx.get(pair.previous, key), ctx.get(pair.current, key)
    if isinstance(now, int) or isinstance(was, int):
        return (now or 0) > (was or 0)
    return now is not None and shown(now) != shown(was)


@change_rule(Code("change.date-rewritten", "Date created or original due date changed", E,
                  "s10, s20",
                  "{label}: the {title} was {previous} last time and is {now} now; it records "
                  "when the action was agreed and must not change.",
                  "Put back the date the return had before; record a new due date as an "
                  "extension instead."))
def dates_rewritten(ctx: ChangeContext):
    keys = [k for k in (ctx.fields.created, ctx.fields.original_due) if k]
    for pair in ctx.pairs:
        for key in keys:
            was = ctx.get(pair.previous, key)
            if was is not None and ctx.get(pair.current, key) != was:
                yield ctx.at(pair, key, "change.date-rewritten")


@change_rule(Code("change.status-back", "Closed action reopened, or status gone back, without "
                  "a note", W, "s12, s20",
                  "{label}: the {title} went from {previous} back to {now} with no new "
                  "progress note saying why.",
                  "Write in the progress note why the action was reopened or went back."))
def status_back(ctx: ChangeContext):
    high = ctx.tracker.highlights
    if high is None:
        return
    order = {value: n for n, value in enumerate(ctx.tracker.by_key[high.status_key].choices)}
    note = ctx.fields.progress
    for pair in ctx.pairs:
        was = shown(pair.previous.get(high.status_key))
        now = shown(pair.current.get(high.status_key))
        if was is None or now is None or was == now:
            continue
        reopened = ctx.is_done(pair.previous) and not ctx.is_done(pair.current)
        backwards = was in order and now in order and order[now] < order[was]
        if not (reopened or backwards):
            continue
        if note and shown(ctx.get(pair.current, note)) not in (
                None, shown(ctx.get(pair.previous, note))):
            continue  # a new note says why
        yield ctx.at(pair, high.status_key, "change.status-back")


@change_rule(Code("change.closed-rewritten", "Closed action's record changed after closure", W,
                  "s14, s20",
                  "{label} was already closed last time, but its {title} changed from "
                  "{previous} to {now}.",
                  "Keep the record as it was at closure; add what changed in a progress note or "
                  "a new action."))
def closed_rewritten(ctx: ChangeContext):
    for pair in ctx.pairs:
        if not (ctx.is_done(pair.previous) and ctx.is_done(pair.current)):
            continue
        for key in ctx.fields.closure:
            was = shown(ctx.get(pair.previous, key))
            if was is not None and shown(ctx.get(pair.current, key)) != was:
                yield ctx.at(pair, key, "change.closed-rewritten")


@change_rule(Code("change.progress-copied", "Progress note copied forward", W, "s12",
                  "{label} is open and was due for review on {review}, but its {title} is "
                  "word for word last time's.",
                  "Record what was found at the review: what has happened since, and any reason "
                  "for delay."))
def progress_copied(ctx: ChangeContext):
    note, review = ctx.fields.progress, ctx.fields.review
    if not note:
        return
    for pair in ctx.pairs:
        if ctx.is_done(pair.current):
            continue
        text = shown(ctx.get(pair.current, note))
        if text is None or text != shown(ctx.get(pair.previous, note)):
            continue
        due = (ctx.get(pair.previous, review) or ctx.get(pair.current, review)) if review \
            else ctx.due(pair.current)
        if due is not None and due < ctx.as_of:
            yield ctx.at(pair, note, "change.progress-copied", review=shown(due))


@change_rule(Code("change.rating-unchanged", "Rating unchanged while overdue", W, "s12",
                  "{label} is overdue and its {title} is {now}, as it was last time.",
                  "Re-rate the action at each review and say in the progress note why it is "
                  "late and what will get it back on track."))
def rating_unchanged(ctx: ChangeContext):
    key = ctx.fields.rating
    if not key:
        return
    for pair in ctx.pairs:
        now = shown(ctx.get(pair.current, key))
        if now is not None and now == shown(ctx.get(pair.previous, key)) \
                and ctx.overdue(pair.current):
            yield ctx.at(pair, key, "change.rating-unchanged")


@change_rule(Code("change.theme-repeated", "Theme raised again after its actions closed", W,
                  "s17, s21",
                  "{label} raises {now} again: every {now} action was closed last time.",
                  "Check whether the earlier actions worked; add the theme to the risk register "
                  "if it keeps coming back."))
def theme_repeated(ctx: ChangeContext):
    key = ctx.fields.theme
    if not key:
        return
    before: dict[str, bool] = {}
    for row in ctx.previous.rows:
        theme = shown(ctx.get(row, key))
        if theme is not None:
            before[theme.casefold()] = before.get(theme.casefold(), True) and ctx.is_done(row)
    for row in ctx.matching.new:
        theme = shown(ctx.get(row, key))
        if theme is not None and before.get(theme.casefold()):
            yield ctx.at_new(row, key, "change.theme-repeated")


@change_rule(
    Code("change.id-needed", "Action without an ID", W, "s16",
         "{label} has no ID, so it could only be matched with last time's actions by its "
         "title and date created.",
         "Give every action an ID that stays with it from return to return."),
    Code("change.id-ambiguous", "ID used more than once", W, "s16",
         "{label}: the ID is used by {count}, so it cannot be compared with last time.",
         "Give each action its own ID; keep the ID an action had last time."))
def identities(ctx: ChangeContext):
    id_key = ctx.tracker.id_key
    if id_key is None:
        return
    for row in ctx.matching.without_id:
        yield ctx.at_new(row, id_key, "change.id-needed")
    for ident, (was, now) in ctx.matching.ambiguous.items():
        count = (f"{len(now)} actions now" if len(now) > 1 else "") + (
            " and " if len(now) > 1 and len(was) > 1 else "") + (
            f"{len(was)} actions last time" if len(was) > 1 else "")
        if now:
            yield ctx.at_new(now[0], id_key, "change.id-ambiguous", count=count)
        else:
            yield ctx.at_previous(was[0], id_key, "change.id-ambiguous", count=count)


@change_rule(Code("change.plan-item-changed", "Plan item changed", W, "s20",
                  "The plan's {title} was {previous} last time and is {now} now.",
                  "Check the change is right and say why in the plan's progress updates."))
def plan_items(ctx: ChangeContext):
    if ctx.previous.plan_row is None or ctx.current.plan_row is None:
        return
    for spec in ctx.tracker.plan.columns:
        found = ctx.at_plan(spec.key, "change.plan-item-changed")
        if found is not None:
            yield found


SHARED_RULES = (deleted, due_moved, dates_rewritten, status_back, closed_rewritten,
                progress_copied, rating_unchanged, theme_repeated, identities, plan_items)
