"""The plan sheet: facts a plan has once (who it is for, when agreed, its review date), laid out
down a sheet rather than across a row, for trackers whose source document has a plan header.

The plan is read with the same machinery as a table row: the tracker's ``plan`` view is a
tracker of one entry whose cells each have their own reference, so cell reading, the model,
required fields and findings located at a cell all work unchanged.
"""

from __future__ import annotations

from datetime import date, datetime

from tracker_tool.check.common_rules import required_fields
from tracker_tool.check.row_validation import check_row
from tracker_tool.check.rule_context import CheckedRow, RawRow, RuleContext
from tracker_tool.check.tracker import Tracker
from tracker_tool.core.a1 import a1, column_letter, row_number
from tracker_tool.core.catalogue import core
from tracker_tool.core.cell_values import display, is_blank
from tracker_tool.core.columns import ColumnSpec, Kind
from tracker_tool.core.findings import Finding, Severity
from tracker_tool.read.workbook import LoadedWorkbook, read_grid
from tracker_tool.write import styles
from tracker_tool.write.layout import lines_needed, row_height

#: Columns of the plan sheet (0-based): a hidden key, the item, the entry, what to write.
KEY_COL, ITEM_COL, VALUE_COL, HELP_COL = 0, 1, 2, 3
VALUE_LETTER = column_letter(VALUE_COL)
TITLE_ROW, HEAD_ROW, FIRST_ITEM_ROW = 0, 1, 2
_INLINE_LIST_LIMIT = 255  # Excel's cap on a dropdown typed into the validation itself


def _title(spec: ColumnSpec) -> str:
    return spec.title + (" *" if spec.required else "")


def _validation(spec: ColumnSpec) -> dict | None:
    prompt = {"input_title": spec.title[:32], "input_message": spec.help[:255]}
    if spec.kind is Kind.CHOICE:
        values = list(spec.choices)
        # An inline list is split at commas, so a value holding one cannot be offered in it.
        if values and len(",".join(values)) <= _INLINE_LIST_LIMIT \
                and not any("," in v or '"' in v for v in values):
            return {"validate": "list", "source": values, **prompt,
                    "error_title": "Pick from the list",
                    "error_message": ("Choose one of: " + ", ".join(values))[:255]}
    if spec.kind is Kind.DATE:
        return {"validate": "date", "criteria": "between", "minimum": date(2000, 1, 1),
                "maximum": date(2099, 12, 31), **prompt, "error_title": "Not a date",
                "error_message": "Type a date as dd/mm/yyyy between 2000 and 2099."}
    if spec.kind is Kind.WHOLE_NUMBER:
        return {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": 999,
                **prompt, "error_title": "Whole number", "error_message": "Type 0, 1, 2..."}
    return {"validate": "any", **prompt}


def write_plan_sheet(workbook, ws, tracker: Tracker, entry_formats: dict, values: dict) -> None:
    """Lay the plan's items down ``ws``: locked titles and help, unlocked validated entries."""
    plan = tracker.plan
    f = workbook.add_format
    header, wrap = f(styles.HEADER), f({**styles.WRAP, "locked": True})
    label = f({**styles.LABEL, "text_wrap": True})
    key_fmt = f(styles.KEY_ROW)
    ws.set_column(KEY_COL, KEY_COL, 14, None, {"hidden": True})
    ws.set_column(ITEM_COL, ITEM_COL, 34)
    ws.set_column(VALUE_COL, VALUE_COL, 40)
    ws.set_column(HELP_COL, HELP_COL, 70)
    ws.write_string(TITLE_ROW, ITEM_COL, f"{tracker.title}: the plan", f(styles.TITLE))
    for c, text in ((KEY_COL, "key"), (ITEM_COL, "Item"), (VALUE_COL, "Your entry"),
                    (HELP_COL, "What to write")):
        ws.write_string(HEAD_ROW, c, text, header)
    for i, spec in enumerate(plan.columns):
        r = FIRST_ITEM_ROW + i
        ws.write_string(r, KEY_COL, spec.key, key_fmt)
        ws.write_string(r, ITEM_COL, _title(spec), label)
        ws.write_string(r, HELP_COL, f"{spec.help} ({spec.clause})", wrap)
        fmt = entry_formats[spec.kind]
        _write_entry(ws, r, values.get(spec.key), fmt)
        rule = _validation(spec)
        if rule:
            ws.data_validation(r, VALUE_COL, r, VALUE_COL, rule)
        ws.set_row(r, row_height(max(lines_needed(spec.help, 70), 1)))
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.protect("", {"format_columns": True, "format_rows": True})


def _write_entry(ws, r: int, value, fmt) -> None:
    if value is None:
        ws.write_blank(r, VALUE_COL, None, fmt)
    elif isinstance(value, datetime):
        ws.write_datetime(r, VALUE_COL, value, fmt)
    elif isinstance(value, date):
        ws.write_datetime(r, VALUE_COL, datetime.combine(value, datetime.min.time()), fmt)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        ws.write_number(r, VALUE_COL, value, fmt)
    else:
        ws.write_string(r, VALUE_COL, str(value), fmt)


def _item_key(text) -> str:
    return " ".join(display(text).replace("*", " ").split()).casefold()


def read_plan(loaded: LoadedWorkbook, tracker: Tracker, epoch: date,
              as_of: date) -> tuple[RuleContext | None, list[Finding]]:
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
    checked, cell_findings = check_row(raw, plan, name, epoch)
    ctx = RuleContext(plan, name, [checked], as_of)
    findings += cell_findings + list(required_fields(ctx))
    return ctx, findings


__all__ = ["CheckedRow", "read_plan", "write_plan_sheet"]
