"""The plan sheet: facts a plan has once (who it is for, when agreed, its review date), laid out
down a sheet rather than across a row, for trackers whose source document has a plan header.

The plan is read with the same machinery as a table row: the tracker's ``plan`` view is a
tracker of one entry whose cells each have their own reference, so cell reading, the model,
required fields and findings located at a cell all work unchanged. The layout below is the
contract with write/plan_sheet.py, which lays the sheet out in a template.
"""

from __future__ import annotations

from datetime import date

from tracker_tool.check.common_rules import required_fields
from tracker_tool.check.row_validation import check_row
from tracker_tool.check.rule_context import CheckedRow, RawRow, RuleContext
from tracker_tool.check.tracker import Tracker
from tracker_tool.core.a1 import a1, column_letter, row_number
from tracker_tool.core.catalogue import core
from tracker_tool.core.cell_values import display, is_blank
from tracker_tool.core.findings import Finding, Severity
from tracker_tool.policy.service_policy import ServicePolicy
from tracker_tool.read.workbook import LoadedWorkbook, read_grid

#: Columns of the plan sheet (0-based): a hidden key, the item, the entry, what to write.
KEY_COL, ITEM_COL, VALUE_COL, HELP_COL = 0, 1, 2, 3
VALUE_LETTER = column_letter(VALUE_COL)
TITLE_ROW, HEAD_ROW, FIRST_ITEM_ROW = 0, 1, 2


def _item_key(text) -> str:
    return " ".join(display(text).replace("*", " ").split()).casefold()


def read_plan(loaded: LoadedWorkbook, tracker: Tracker, epoch: date, as_of: date,
              policy: ServicePolicy) -> tuple[RuleContext | None, list[Finding]]:
    """The plan as a checked entry (in a context of its own) plus its findings.

    Items are found by their hidden key, else by their title, so a re-ordered or re-saved
    sheet still reads; a missing sheet or item is a finding, never a stop.
    """
    plan = tracker.plan
    name = tracker.plan_sheet
    if name not in loaded.sheet_names:
        return None, [core("plan.missing-sheet").finding(plan_sheet=name)]
    grid = read_grid(loaded, name, 400)
    by_key = plan.by_key
    by_title = {_item_key(spec.title): spec.key for spec in plan.columns}
    values, refs = {}, {}
    for r, row in enumerate(grid.rows):
        cells = list(row) + [None] * (VALUE_COL + 1 - len(row))
        key = cells[KEY_COL] if isinstance(cells[KEY_COL], str) else None
        key = key.strip() if key else None
        if key not in by_key:
            key = by_title.get(_item_key(cells[ITEM_COL])) if not is_blank(cells[ITEM_COL]) else None
        if key is None or key in refs:
            continue
        refs[key] = a1(r, VALUE_COL)
        if not is_blank(cells[VALUE_COL]):
            values[key] = cells[VALUE_COL]
    findings = [core("plan.item-missing").finding(sheet=name, plan_sheet=name, title=spec.title,
                                                  severity=spec.required or Severity.WARNING)
                for spec in plan.columns if spec.key not in refs]
    first = min((row_number(ref) for ref in refs.values()), default=FIRST_ITEM_ROW + 1)
    raw = RawRow(first, values, {key: VALUE_LETTER for key in refs}, refs=refs)
    checked, cell_findings = check_row(raw, plan, name, epoch, policy)
    ctx = RuleContext(plan, name, [checked], as_of, policy=policy)
    findings += cell_findings + list(required_fields(ctx))
    return ctx, findings


__all__ = ["CheckedRow", "read_plan"]
