"""Rows of cells -> typed records through the tracker's pydantic model, with findings per cell.

Every row is validated whole (all its problems are collected); a field that cannot be read is
reported at its cell and then treated as unknown, so the policy rules still run on the rest of
the row without a second report of the same cell.
"""

from __future__ import annotations

from typing import Iterator

from pydantic import ValidationError

from tracker_tool.catalogue import core
from tracker_tool.cell_values import PLACEHOLDERS, ExcelError, display, is_blank
from tracker_tool.columns import a1
from tracker_tool.findings import Finding
from tracker_tool.header_map import HeaderMap
from tracker_tool.reader import SheetGrid
from tracker_tool.rule_context import Cell, CheckedRow, RawRow
from tracker_tool.tracker import Tracker


def _empty(value) -> bool:
    return is_blank(value) or (isinstance(value, str) and value.strip().casefold() in PLACEHOLDERS)


def entry_rows(grid: SheetGrid, hmap: HeaderMap, id_key: str | None = "action_id") -> Iterator[RawRow]:
    """Rows below the header that hold an entry; blank rows and ID-only rows are skipped.

    Pre-numbered templates leave an ID in rows nobody has used yet, so a row whose only
    value is its ID is not an action.
    """
    mapped = list(hmap.columns.items())
    extra_cols = list(hmap.unknown)
    for r in range(hmap.header_row + 1, len(grid.rows)):
        row = grid.rows[r]
        cells = {}
        content = False
        for key, c in mapped:
            value = row[c] if c < len(row) else None
            cells[key] = Cell(value, a1(r, c))
            if key != id_key and not is_blank(value):
                content = True
        extra = {}
        for c in extra_cols:
            value = row[c] if c < len(row) else None
            if not is_blank(value):
                extra[c] = Cell(value, a1(r, c))
                content = True
        if content:
            yield RawRow(r + 1, cells, extra)


def check_row(raw: RawRow, tracker: Tracker, sheet: str, context: dict) -> tuple[CheckedRow, list[Finding]]:
    """Validate one row; returns the typed row and the findings for unreadable cells."""
    model = tracker.row_model
    data, blank, invalid, findings = {}, set(), set(), []
    for key, cell in raw.cells.items():
        if isinstance(cell.value, ExcelError):
            findings.append(_cell_finding(tracker, sheet, raw, key, "cell.formula-error", {}))
            invalid.add(key)
            data[key] = None
        elif _empty(cell.value):
            blank.add(key)
            data[key] = None
        else:
            data[key] = cell.value
    blank.update(k for k in tracker.by_key if k not in raw.cells)
    try:
        record = model.model_validate(data, context=context)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            key = error["loc"][0] if error["loc"] else None
            if key not in tracker.by_key:
                continue
            code = error["type"] if error["type"] in _CELL_CODES else "choice.not-allowed"
            findings.append(_cell_finding(tracker, sheet, raw, key, code, error.get("ctx") or {}))
            invalid.add(key)
            data[key] = None
        record = model.model_validate(data, context=context)
    return CheckedRow(raw, record, frozenset(blank), frozenset(invalid)), findings


_CELL_CODES = {"date.not-a-date", "date.impossible", "choice.not-allowed", "number.invalid",
               "cell.formula-error"}


def _cell_finding(tracker: Tracker, sheet: str, raw: RawRow, key: str, code: str,
                  details: dict) -> Finding:
    spec = tracker.by_key[key]
    cell = raw.cells[key]
    details = {"hint": "", "allowed": ", ".join(spec.choices), **details}
    return core(code).finding(
        sheet=sheet, cell=cell.ref, row=raw.excel_row, column=spec.title,
        value=display(cell.value), field=key, title=spec.title, clause=spec.clause, **details,
    )
