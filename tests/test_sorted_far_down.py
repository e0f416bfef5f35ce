"""No action lost to a sorted sheet, for every kind (issue 14, item 1).

A whole-sheet sort can carry the template's band, key and header rows far down among the
actions: here to row 200, well below the rows where a header is first looked for. Stamped
or not, with its key row or without, every action is read, and one workbook-level finding
says the sheet was sorted. A filter left on, hiding an action, is said too.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import AS_OF

from tracker_tool import api
from tracker_tool.core.columns import Kind
from tracker_tool.trackers import all_trackers, get_tracker

KINDS = sorted(all_trackers())
ACTIONS = 230
HEADER_ROW = 200


def _entries(kind: str) -> list[dict]:
    """Rows any kind reads as entries: an ID and one text beside it, nothing more."""
    tracker = get_tracker(kind)
    text = next(spec.key for spec in tracker.columns
                if spec.kind is Kind.TEXT and spec.key != tracker.id_key)
    return [{tracker.id_key: f"X-{i:03}", text: f"Entry number {i}"} for i in range(ACTIONS)]


def _top(ws, tracker) -> int:
    """The template's header row (1-based): the row under the hidden row of field keys."""
    for r in range(1, 40):
        if ws.cell(r, tracker.by_key[tracker.id_key].index + 1).value == tracker.id_key:
            return r + 1
    raise AssertionError("no key row in the template")


def sorted_far_down(kind: str, folder: Path, stamped: bool, keep_key_row: bool = True) -> Path:
    """The filled template with its rows reordered as a sort does, header and all, so the
    header lands on HEADER_ROW; without a stamp the values go into a workbook of their own."""
    tracker = get_tracker(kind)
    template = api.build_template(kind, folder / "filled.xlsx", entries=_entries(kind))
    book = openpyxl.load_workbook(template)
    ws = book[tracker.sheet_name]
    for merged in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(merged))
    header = _top(ws, tracker)
    last = header + ACTIONS
    width = ws.max_column
    saved = [[(ws.cell(r, c).value, ws.cell(r, c).number_format) for c in range(1, width + 1)]
             for r in range(1, last + 1)]
    top, entries = saved[:header], saved[header:]
    if not keep_key_row:
        del top[header - 2]
    before = HEADER_ROW - len(top)
    order = entries[:before] + top + entries[before:]
    if stamped:
        for r, row in enumerate(order, start=1):
            for c, (value, number_format) in enumerate(row, start=1):
                cell = ws.cell(r, c)
                cell.value, cell.number_format = value, number_format
        for r in range(len(order) + 1, last + 1):  # the deleted key row's place at the end
            for c in range(1, width + 1):
                ws.cell(r, c).value = None
        out = folder / "sorted.xlsx"
        book.save(out)
        return out
    fresh = openpyxl.Workbook()
    fresh.active.title = "My actions"
    for row in order:
        fresh.active.append([value for value, _ in row])
    out = folder / "copied.xlsx"
    fresh.save(out)
    return out


@pytest.mark.parametrize("stamped, keep_key_row",
                         [(True, True), (True, False), (False, True), (False, False)],
                         ids=["stamped", "stamped-no-key-row", "unstamped",
                              "unstamped-no-key-row"])
@pytest.mark.parametrize("kind", KINDS)
def test_a_header_sorted_down_to_row_200_loses_no_action(tmp_path, kind, stamped,
                                                         keep_key_row):
    path = sorted_far_down(kind, tmp_path, stamped, keep_key_row)
    report = api.validate_workbook(path, as_of=AS_OF)
    assert report.tracker == kind
    codes = {f.code for f in report.findings}
    assert "workbook.not-a-tracker" not in codes
    assert report.rows == ACTIONS
    layout = [f for f in report.findings if f.code == "sheet.sorted-with-header"]
    assert len(layout) == 1 and layout[0].cell is None
    assert f"the header is on row {HEADER_ROW}" in layout[0].message
    above = HEADER_ROW - (3 if keep_key_row else 2)  # band and key rows travel with it
    assert f"the {above} actions above it" in layout[0].message


def test_an_unstamped_foreign_sheet_is_still_no_tracker_after_the_whole_search(tmp_path):
    """Searching every row must not make a tracker of a sheet that has no header at all."""
    book = openpyxl.Workbook()
    book.active.title = "Budget"
    for i in range(300):
        book.active.append([f"Line {i}", "Boiler", i * 10, "Sam Jones"])
    book.save(tmp_path / "budget.xlsx")
    report = api.validate_workbook(tmp_path / "budget.xlsx", as_of=AS_OF)
    assert [f.code for f in report.findings] == ["workbook.not-a-tracker"]


def _edited(kind: str, folder: Path, entries: int, edit) -> tuple[object, int]:
    """The kind's template filled with ``entries`` rows, changed by ``edit(tracker, sheet,
    header row)`` as a person would in a spreadsheet, validated; (report, header row)."""
    tracker = get_tracker(kind)
    template = api.build_template(kind, folder / "filled.xlsx", entries=_entries(kind)[:entries])
    book = openpyxl.load_workbook(template)
    ws = book[tracker.sheet_name]
    header = _top(ws, tracker)
    edit(tracker, ws, header)
    book.save(folder / "edited.xlsx")
    return api.validate_workbook(folder / "edited.xlsx", as_of=AS_OF), header


def _one(report, code: str):
    found = [f for f in report.findings if f.code == code]
    assert len(found) == 1 and found[0].cell is None, found
    return found[0]


@pytest.mark.parametrize("kind", KINDS)
def test_an_action_hidden_by_a_filter_is_read_and_said(tmp_path, kind):
    def filtered(tracker, ws, header):
        ids = [entry[tracker.id_key] for entry in _entries(kind)[:5]]
        ws.auto_filter.ref = f"A{header}:C{header + 5}"
        ws.auto_filter.add_filter_column(tracker.by_key[tracker.id_key].index,
                                         ids[:1] + ids[2:])
        ws.row_dimensions[header + 2].hidden = True

    report, header = _edited(kind, tmp_path, 5, filtered)
    assert report.rows == 5
    hidden = _one(report, "sheet.rows-hidden")
    assert f"row {header + 2}" in hidden.message and "filter" in hidden.message


@pytest.mark.parametrize("kind", KINDS)
def test_title_rows_inserted_above_the_header_are_said_and_no_action_is_lost(tmp_path, kind):
    def titled(tracker, ws, header):
        ws.insert_rows(1, 2)
        ws["A1"] = "Northgate Lodge: quarter 3"
        ws["C2"] = "Prepared for the governance meeting"

    report, header = _edited(kind, tmp_path, 4, titled)
    assert report.rows == 4
    found = _one(report, "sheet.rows-above-header")
    assert "rows 1-2" in found.message and f"now on row {header + 2}" in found.message
