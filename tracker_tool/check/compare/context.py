"""What a change rule sees: both returns' typed rows, paired, and helpers that locate a change.

A change is located at the current cell, where the person who fixes it will look; when the
value is gone (a deleted action) it is located at the row it had in the previous return.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import Enum

from tracker_tool.check.compare.declare import ChangeDeclarationError
from tracker_tool.check.compare.fields import ChangeFields
from tracker_tool.check.compare.match import Matching, Pair, action_id
from tracker_tool.check.rule_context import CheckedRow, RuleContext
from tracker_tool.check.tracker import Tracker
from tracker_tool.core.cell_values import display
from tracker_tool.core.changes import CURRENT, PREVIOUS, Change


def shown(value) -> str | None:
    """A typed value as the cell showed it, None when blank: a date as 21/11/2026, a
    dropdown's value as typed."""
    if value is None:
        return None
    if isinstance(value, Enum):
        value = value.value
    return display(value) or None


@dataclass
class ChangeContext:
    tracker: Tracker
    previous: RuleContext
    current: RuleContext
    matching: Matching
    #: The date the previous return was made, as far as its own dates show.
    previous_as_of: date
    running_rule: object | None = None
    #: The services the two returns' stamps name (stamp.ServiceIdentity), if they do.
    previous_service: object | None = None
    current_service: object | None = None

    @property
    def fields(self) -> ChangeFields:
        return self.tracker.changes or ChangeFields()

    @property
    def as_of(self) -> date:
        return self.current.as_of

    @property
    def pairs(self) -> list[Pair]:
        return self.matching.pairs

    def running(self, rule) -> ChangeContext:
        return replace(self, running_rule=rule)

    # -- facts every rule asks ------------------------------------------------------------------
    def is_done(self, row: CheckedRow) -> bool:
        high = self.tracker.highlights
        return high is not None and shown(row.get(high.status_key)) in high.done_values

    def due(self, row: CheckedRow) -> date | None:
        high = self.tracker.highlights
        return row.get(high.due_key) if high is not None else None

    def overdue(self, row: CheckedRow, as_of: date | None = None) -> bool:
        due = self.due(row)
        return not self.is_done(row) and due is not None and due < (as_of or self.as_of)

    def get(self, row: CheckedRow, key: str | None):
        return row.get(key) if key and key in self.tracker.by_key else None

    # -- locating a change ----------------------------------------------------------------------
    def at(self, pair: Pair, key: str, code: str, **details) -> Change:
        """A change at ``key``'s cell in the current return, naming both values."""
        row, before = pair.current, shown(pair.previous.get(key))
        now = shown(row.get(key))
        cell = row.raw.cell(key)
        return self._change(code, pair.action_id, before, CURRENT, {
            "sheet": self.current.sheet, "cell": cell.ref if cell else None,
            "row": row.raw.row_of(key), "column": self.tracker.by_key[key].title, "value": now,
            "field": key, "title": self.tracker.by_key[key].title,
            "label": self.current.label(row), "previous": before or "blank",
            "now": now or "blank", **details})

    def at_new(self, row: CheckedRow, key: str, code: str, **details) -> Change:
        """A change at a cell of an action that was not in the previous return."""
        cell = row.raw.cell(key)
        now = shown(row.get(key))
        return self._change(code, action_id(row, self.tracker.id_key), None, CURRENT, {
            "sheet": self.current.sheet, "cell": cell.ref if cell else None,
            "row": row.raw.row_of(key), "column": self.tracker.by_key[key].title, "value": now,
            "field": key, "title": self.tracker.by_key[key].title,
            "label": self.current.label(row), "now": now or "blank", **details})

    def at_previous(self, row: CheckedRow, key: str, code: str, **details) -> Change:
        """A change whose value is gone: located at the row it had in the previous return."""
        cell = row.raw.cell(key)
        ident = action_id(row, self.tracker.id_key)
        before = shown(row.get(key))
        label = f"{ident or 'The action'} (row {row.excel_row} last time)"
        return self._change(code, ident, before, PREVIOUS, {
            "sheet": f"{self.previous.sheet} (previous)", "cell": cell.ref if cell else None,
            "row": row.raw.row_of(key), "column": self.tracker.by_key[key].title,
            "value": None, "field": key, "title": self.tracker.by_key[key].title,
            "label": label, "previous": before or "blank", **details})

    def at_plan(self, key: str, code: str) -> Change | None:
        """A change to an item of the plan sheet, at its cell in the current return."""
        was = shown(self.previous.plan_row.get(key))
        now_row = self.current.plan_row
        now = shown(now_row.get(key))
        if was is None or now == was:
            return None
        spec = self.tracker.plan.by_key[key]
        cell = now_row.raw.cell(key)
        return self._change(code, None, was, CURRENT, {
            "sheet": self.current.plan_ctx.sheet, "cell": cell.ref if cell else None,
            "row": now_row.raw.row_of(key), "column": spec.title, "value": now,
            "field": key, "title": spec.title, "previous": was, "now": now or "blank"})

    def workbook(self, code: str, **details) -> Change:
        return self._change(code, None, None, CURRENT, details)

    def _change(self, code: str, ident, before, where: str, details: dict) -> Change:
        rule = self.running_rule
        if rule is None or not rule.allows(code):
            raise ChangeDeclarationError(f"{getattr(rule, '__name__', rule)} raised '{code}', "
                                         "which it does not declare")
        info = next(info for info in rule.codes if info.code == code)
        finding = info.finding(**details)
        return Change(finding, ident, before, where)
