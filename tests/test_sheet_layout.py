"""No action lost to a sorted or edited sheet (issue 14, item 1).

A tracker is filled from the real template, then its rows are reordered as a whole-sheet sort
in a spreadsheet application reorders them: the band, key and header rows travel with the
data, merged cells are unmerged first (Excel refuses to sort across them), and row settings
such as the template's hidden key row stay where they were, so an action can land on a
hidden row. Every action must keep its findings, moved to its new row, and one
workbook-level finding must say what happened.
"""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from _builders import AS_OF, SHEET, TRACKER, clean_entry, letter, only, pairs, validate
from _libreoffice import convert, soffice_or_skip

from tracker_tool import api
from tracker_tool.core.a1 import parse_a1

ENTRIES = [
    clean_entry(action_id="A-001", title="Re-audit MAR charts"),
    clean_entry(action_id="A-002", title="Fire drill for night staff", owner=None),
    clean_entry(action_id="A-003", title="Staff training on hoists", due_date="31/09/2026"),
    clean_entry(action_id="A-004", title="Update care plans", owner="All staff"),
    clean_entry(action_id="A-005", title="Kitchen deep clean", date_created="Date TBC"),
]
LAST_TEMPLATE_ROW = 3 + len(ENTRIES)  # band, key and header, then the entries


def _excel_key(value, descending: bool):
    """Excel's sort order: numbers before text (case ignored); blanks last either way."""
    if value is None or value == "":
        return (1, 0, "")
    if isinstance(value, (int, float, date)):
        number = value.toordinal() if isinstance(value, date) else value
        return (0, 0, -number if descending else number)
    text = str(value).casefold()
    return (0, 1, text) if not descending else (0, -1, _inverted(text))


def _inverted(text: str) -> tuple:
    return tuple(-ord(ch) for ch in text) + (1,)


def sort_whole_sheet(source, out, key: str, descending: bool = False) -> list[int]:
    """Sort rows 1 to the last entry of the tracker sheet by ``key``'s column, header and
    all, as a person does after unprotecting the sheet; returns old Excel row by new row."""
    book = openpyxl.load_workbook(source)
    ws = book[SHEET]
    for merged in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(merged))
    width = ws.max_column
    rows = [[ws.cell(r, c) for c in range(1, width + 1)] for r in range(1, LAST_TEMPLATE_ROW + 1)]
    saved = [[(cell.value, cell.number_format) for cell in row] for row in rows]
    col = TRACKER.by_key[key].index
    order = sorted(range(len(saved)),
                   key=lambda i: _excel_key(saved[i][col][0], descending))
    for new, old in enumerate(order):
        for c, (value, number_format) in enumerate(saved[old]):
            cell = ws.cell(new + 1, c + 1)
            cell.value, cell.number_format = value, number_format
    book.save(out)
    return [old + 1 for old in order]


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    return api.build_template("action-plan", tmp_path_factory.mktemp("sort") / "filled.xlsx",
                              entries=ENTRIES)


def _moved(found: set, new_row_of: dict[int, int]) -> set:
    """(code, cell) pairs with each cell moved to the row its action was sorted to."""
    moved = set()
    for code, cell in found:
        r, c = parse_a1(cell)
        moved.add((code, f"{cell[:len(cell) - len(str(r + 1))]}{new_row_of[r + 1]}"))
    return moved


def test_the_unsorted_tracker_has_one_finding_an_action(filled):
    assert pairs(validate(filled)) == {
        ("owner.missing", f"{letter('owner')}5"), ("date.impossible", f"{letter('due_date')}6"),
        ("owner.group", f"{letter('owner')}7"), ("date.not-a-date", f"{letter('date_created')}8")}


@pytest.mark.parametrize("key", ["title", "owner", "date_created"])
def test_a_sheet_sorted_with_its_header_keeps_every_action(filled, tmp_path, key):
    old_rows = sort_whole_sheet(filled, tmp_path / "sorted.xlsx", key)
    new_row_of = {old: new + 1 for new, old in enumerate(old_rows)}
    before = validate(filled)
    after = validate(tmp_path / "sorted.xlsx")
    assert after.rows == before.rows == len(ENTRIES)
    layout = only(after, "sheet.sorted-with-header")
    assert (layout.cell, layout.row) == (None, None)
    header = new_row_of[3]
    assert f"header is on row {header}" in layout.message
    assert f"field keys on row {new_row_of[2]}" in layout.message
    assert pairs(after) - {("sheet.sorted-with-header", None)} == _moved(pairs(before),
                                                                        new_row_of)
    above = sorted(new for old, new in new_row_of.items() if old > 3 and new < header)
    if above:
        assert f"{len(above)} action" in layout.message
    # The template's row 2 stays hidden after a sort: an action that lands there is named.
    assert ("The actions on row 2 are hidden from view" in layout.message) == (old_rows[1] > 3)


def test_sorted_by_date_created_parts_the_key_row_from_the_header(filled, tmp_path):
    """Dates sort before text, and 'Date TBC' between the header's title and its key."""
    assert sort_whole_sheet(filled, tmp_path / "sorted.xlsx", "date_created")[:8] == [
        4, 5, 6, 7, 3, 8, 2, 1]
    layout = only(validate(tmp_path / "sorted.xlsx"), "sheet.sorted-with-header")
    assert layout.message.startswith("The sheet looks sorted with its header rows: the header "
                                     "is on row 5 and its hidden row of field keys on row 7, "
                                     "and the 4 actions above it (rows 1-4) were read")


def test_a_sort_that_leaves_the_header_rows_in_place_says_nothing(filled, tmp_path):
    """'Action ID' sorts after 'action_id' and before 'The action', descending: only the
    actions move, so there is nothing to report beyond their own findings."""
    old_rows = sort_whole_sheet(filled, tmp_path / "sorted.xlsx", "action_id", descending=True)
    assert old_rows == [1, 2, 3, 8, 7, 6, 5, 4]
    new_row_of = {old: new + 1 for new, old in enumerate(old_rows)}
    assert pairs(validate(tmp_path / "sorted.xlsx")) == _moved(pairs(validate(filled)),
                                                               new_row_of)


def test_sorted_by_owner_reads_an_action_above_the_header(filled, tmp_path):
    """'All staff' sorts before 'owner' (the key) and 'Owner *'; the band's 'Owner, dates
    and risk' after them; a blank owner last."""
    assert sort_whole_sheet(filled, tmp_path / "sorted.xlsx", "owner") == [7, 2, 3, 1, 4, 6,
                                                                          8, 5]
    report = validate(tmp_path / "sorted.xlsx")
    layout = only(report, "sheet.sorted-with-header")
    assert ("header is on row 3 and its hidden row of field keys on row 2, and the 1 action "
            "above it (row 1) was read and checked") in layout.message
    assert ("owner.group", f"{letter('owner')}1") in pairs(report)
    assert ("owner.missing", f"{letter('owner')}8") in pairs(report)


def test_sorted_by_title_parts_the_key_row_from_the_header(filled, tmp_path):
    """'Action title *' sorts first; the hidden row 2 now holds an action, which is said."""
    assert sort_whole_sheet(filled, tmp_path / "sorted.xlsx", "title")[:2] == [3, 5]
    layout = only(validate(tmp_path / "sorted.xlsx"), "sheet.sorted-with-header")
    assert layout.message == (
        "The sheet looks sorted with its header rows: the header is on row 1 and its hidden "
        "row of field keys on row 6, and every action was read. The actions on row 2 are "
        "hidden from view; they were read and checked too.")


def test_the_audit_marks_actions_above_a_sorted_header(filled, tmp_path):
    sort_whole_sheet(filled, tmp_path / "sorted.xlsx", "owner")
    _, audit = api.write_audit(tmp_path / "sorted.xlsx", tmp_path / "audit.xlsx", as_of=AS_OF)
    book = openpyxl.load_workbook(audit)
    ws = book[SHEET]
    status = ws.max_column - 1  # "Audit result", then "Audit findings"
    results = [ws.cell(r, status).value for r in range(1, 9)]
    # An action above the header, the key row, the header, the band row among the actions.
    assert results == ["1 error", None, "Audit result", None, "No problems", "1 error",
                       "1 error", "1 error"]
    assert ws.row_dimensions[2].hidden  # the key row
    owner = ws[f"{letter('owner')}1"]
    assert owner.comment is not None and "'All staff' is not a person" in owner.comment.text
    assert ws.freeze_panes is None  # frozen at row 4, the action on row 1 would be stuck
    review = book["Action review"]
    assert [review.cell(r, 1).value for r in range(2, review.max_row + 1)] == [1, 6, 7, 8]


def test_rows_inserted_above_the_header_are_titles_and_said_once(tmp_path):
    path = api.build_template("action-plan", tmp_path / "titled.xlsx", entries=ENTRIES[:2])
    book = openpyxl.load_workbook(path)
    ws = book[SHEET]
    ws.insert_rows(1, 2)
    ws["A1"] = "Oakfield House: actions, quarter 3"
    ws["C2"] = "Prepared by the Registered Manager"
    book.save(path)
    report = validate(path)
    assert report.rows == 2
    found = only(report, "sheet.rows-above-header")
    assert "rows 1-2 were taken for titles" in found.message
    assert "now on row 5" in found.message
    assert pairs(report) == {("sheet.rows-above-header", None),
                             ("owner.missing", f"{letter('owner')}7")}


def test_an_action_on_a_hidden_row_is_read_and_said(filled, tmp_path):
    book = openpyxl.load_workbook(filled)
    ws = book[SHEET]
    ws.row_dimensions[6].hidden = True
    ws.auto_filter.add_filter_column(TRACKER.by_key["status"].index, ["In progress"])
    book.save(tmp_path / "hidden.xlsx")
    report = validate(tmp_path / "hidden.xlsx")
    found = only(report, "sheet.rows-hidden")
    assert found.message.startswith("The actions on row 6 are hidden by a filter left on")
    assert pairs(report) - {("sheet.rows-hidden", None)} == pairs(validate(filled))


def test_a_template_as_made_has_no_layout_finding(filled):
    assert not {"sheet.sorted-with-header", "sheet.rows-above-header",
                "sheet.rows-hidden"} & {f.code for f in validate(filled).findings}


def test_a_sorted_sheet_resaved_by_libreoffice_keeps_every_action(filled, tmp_path):
    soffice = soffice_or_skip()
    sort_whole_sheet(filled, tmp_path / "sorted.xlsx", "title")
    before = pairs(validate(tmp_path / "sorted.xlsx"))
    (resaved,) = convert([tmp_path / "sorted.xlsx"], "xlsx", tmp_path / "lo",
                         tmp_path / "profile", soffice)
    report = validate(resaved)
    assert report.rows == len(ENTRIES)
    assert pairs(report) == before
