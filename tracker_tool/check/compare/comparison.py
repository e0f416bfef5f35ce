"""Compare two checked returns of one tracker: match the actions, run the change rules, list
what changed without breaking a rule, and set the figures side by side."""

from __future__ import annotations

from datetime import date

from tracker_tool.check.compare.context import ChangeContext, shown
from tracker_tool.check.compare.declare import change_rule
from tracker_tool.check.compare.figures import side_by_side
from tracker_tool.check.compare.match import Matching, action_id, match_rows
from tracker_tool.check.compare.rules import SHARED_RULES
from tracker_tool.check.finding_rows import settle_changes
from tracker_tool.check.rule_context import RuleContext
from tracker_tool.check.validation import CheckedWorkbook
from tracker_tool.core.catalogue import RuleInfo as Code
from tracker_tool.core.changes import Comparison, Listed
from tracker_tool.core.findings import Severity


def made_on(ctx: RuleContext) -> date | None:
    """The latest date an action was created or completed: a return was made no earlier.

    A return carries no date of its own (a re-save changes the file's), so the previous
    return is judged as of this day; ``--as-of`` caps it.
    """
    fields = ctx.tracker.changes
    return _latest(ctx, (fields.created, *fields.closure[:1]) if fields else ())


def _latest(ctx: RuleContext, keys) -> date | None:
    keys = [k for k in keys if k]
    return max((d for row in ctx.rows for k in keys if isinstance(d := row.get(k), date)),
               default=None)


@change_rule(
    Code("change.other-service", "Returns from different services", Severity.ERROR, "template",
         "The previous return is {previous} and this one is {now}: returns of different "
         "services are not compared action by action.",
         "Compare the service's own previous return."),
    Code("change.order-swapped", "Previous return looks newer", Severity.WARNING, "template",
         "The previous return's latest date ({previous}) is after this return's ({now}): the "
         "two may have been given the wrong way round.",
         "Give the older return first: tracker-tool compare PREVIOUS CURRENT."))
def workbook_level(ctx: ChangeContext):
    was, now = ctx.previous_service, ctx.current_service
    if was is not None and now is not None and _service_key(was) != _service_key(now):
        yield ctx.workbook("change.other-service", previous=was.name or was.location_id,
                           now=now.name or now.location_id)
        return
    # Newer actions in the previous return than in the current one: the order looks swapped.
    then = _latest(ctx.previous, (ctx.fields.created,))
    latest = _latest(ctx.current, (ctx.fields.created,))
    if then is not None and latest is not None and then > latest:
        yield ctx.workbook("change.order-swapped", previous=shown(then), now=shown(latest))


def _service_key(service) -> tuple:
    return (service.location_id or "").strip().casefold() or (service.name or "").strip().casefold()


def compare_checked(previous: CheckedWorkbook, current: CheckedWorkbook,
                    same_file: bool = False) -> Comparison:
    """``previous`` and ``current`` must be of one kind (the caller refuses two kinds). The
    change findings carry their action and kind, personal details masked, as a check's do."""
    found = _compare(previous, current, same_file)
    found.changes = settle_changes(found.changes, previous, current)
    return found


def _compare(previous: CheckedWorkbook, current: CheckedWorkbook,
             same_file: bool) -> Comparison:
    found = Comparison(previous.report, current.report)
    tracker = current.tracker
    if same_file:
        found.notes.append("The previous and current returns are the same file: nothing changed.")
        found.figures = side_by_side(None, current.report, current.report, 0)
        return found
    was, now = _compared(previous), _compared(current)
    if was is None or now is None:
        found.notes.append("One of the returns has no sheet of actions to compare.")
        found.figures = side_by_side(None, previous.report, current.report, None)
        return found
    fields = tracker.changes
    matching = match_rows(was.rows, now.rows, tracker.id_key,
                          fields.title if fields else None, fields.created if fields else None)
    ctx = ChangeContext(tracker, was, now, matching, previous.report.as_of)
    ctx.previous_service, ctx.current_service = previous.report.service, current.report.service
    found.changes = list(workbook_level(ctx))
    if any(c.finding.code == "change.other-service" for c in found.changes):
        found.figures = side_by_side(ctx, previous.report, current.report, None)
        return found
    rules = SHARED_RULES + tuple(fields.rules if fields else ())
    changes = [change for rule in rules for change in rule(ctx)]
    changes.sort(key=lambda c: (c.located_in != "current", c.finding.sheet != current.report.sheet,
                                c.finding.sort_key))
    found.changes += changes
    found.listed = listed(ctx, matching)
    if previous.report.template_version != current.report.template_version:
        found.listed.append(Listed(None, "new template version",
                                   previous.report.template_version,
                                   current.report.template_version))
    closed = sum(1 for item in found.listed if item.change == "closed")
    found.figures = side_by_side(ctx, previous.report, current.report, closed)
    return found


def _compared(checked: CheckedWorkbook) -> RuleContext | None:
    """A return's rows as its figures count them: a date its check reported as day and month
    swapped is compared the right way round. A manager who fixes the computer's date setting
    between two returns has not moved a due date, and a date stored swapped in this return is
    already one finding of its own."""
    return checked.counted or checked.context


def listed(ctx: ChangeContext, matching: Matching) -> list[Listed]:
    """New actions, actions closed since last time and new owners: worth seeing, no fault."""
    high, id_key = ctx.tracker.highlights, ctx.tracker.id_key
    items = [Listed(action_id(row, id_key), "new", None,
                    shown(ctx.get(row, ctx.fields.title)) if ctx.fields.title else None,
                    row.excel_row) for row in matching.new]
    for pair in matching.pairs:
        if high is not None and ctx.is_done(pair.current) and not ctx.is_done(pair.previous):
            items.append(Listed(pair.action_id, "closed", shown(pair.previous.get(high.status_key)),
                                shown(pair.current.get(high.status_key)), pair.current.excel_row))
        if high is not None and high.owner_key:
            was, now = shown(pair.previous.get(high.owner_key)), shown(pair.current.get(high.owner_key))
            if was != now:
                items.append(Listed(pair.action_id, "owner", was, now, pair.current.excel_row))
    for row in matching.gone:
        if high is not None and ctx.is_done(row):
            items.append(Listed(action_id(row, id_key), "removed after closing",
                                shown(row.get(high.status_key)), None, None))
    return items


def change_catalogue(tracker) -> tuple[Code, ...]:
    """Every change code a comparison of ``tracker``'s returns can raise."""
    fields = tracker.changes
    rules = (workbook_level, *SHARED_RULES, *(fields.rules if fields else ()))
    return tuple(info for rule in rules for info in rule.codes)


def rule_info(tracker, code: str) -> Code:
    """A code's catalogue entry, whether a check or a comparison raised it."""
    try:
        return tracker.rule(code)
    except KeyError:
        return next(info for info in change_catalogue(tracker) if info.code == code)
