"""Older template versions judged by what they had, and `upgrade` (issue 14, item 4).

A v1.0 action-plan return is made as v1.0 had it: the current template filled in, the four
columns v1.1 added deleted (theme, RAG, reviewer's role, follow-up action) and the stamp set
to 1.0. It must get the one upgrade note and nothing for those columns; `upgrade` must carry
every ID and value onto the current template, list what it could not place, and never write
to its input.
"""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from _builders import SHEET, TRACKER, clean_entry, only, pairs, restamp, validate
from click.testing import CliRunner

from tracker_tool import api
from tracker_tool.cli import cli
from tracker_tool.core.stamp import ServiceIdentity
from tracker_tool.errors import UsageError
from tracker_tool.read.workbook import load_workbook
from tracker_tool.write.upgrade import upgrade_text

V11 = {"theme", "rag", "closure_reviewer_role", "follow_up_action"}
SERVICE = ServiceIdentity("Oakfield House", "Fictional Care Ltd", "1-000000001")
ENTRIES = [
    clean_entry(action_id="A-001"),
    clean_entry(action_id="A-002", title="Fire drill for night staff", due_date="ASAP",
                extensions=2, owner=None),
    clean_entry(action_id="A-003", title="Update care plans", date_created=date(2026, 10, 5),
                progress_update="=not a formula, typed text"),
]


def v10_return(tmp_path, name="v10.xlsx", *, extra_column=False, title_row=False):
    """A v1.0 return: the current template without the v1.1 columns, stamped 1.0."""
    made = api.build_template("action-plan", tmp_path / "made.xlsx", entries=ENTRIES,
                              service=SERVICE, force=True)
    path = restamp(made, tmp_path / name, template_version="1.0")
    book = openpyxl.load_workbook(path)
    ws = book[SHEET]
    for merged in list(ws.merged_cells.ranges):  # the band's merges would not shift
        ws.unmerge_cells(str(merged))
    ws.delete_rows(1)  # v1.0 had no title band naming the service above the group band
    for index in sorted((TRACKER.by_key[k].index for k in V11), reverse=True):
        ws.delete_cols(index + 1)
    if extra_column:
        notes = ws.max_column + 1
        ws.cell(3, notes, "Notes")
        ws.cell(5, notes, "Discussed at the October team meeting")
    if title_row:
        ws.insert_rows(1)
        ws["A1"] = "Oakfield House actions, quarter 3"
    book.save(path)
    return path


def test_the_v11_columns_are_marked_on_the_model():
    assert {spec.key for spec in TRACKER.columns if spec.since == "1.1"} == V11


def test_a_v10_return_gets_only_the_upgrade_note(tmp_path):
    report = validate(v10_return(tmp_path))
    # Without the service: its title band would put every row one lower than v1.0's.
    current = validate(api.build_template("action-plan", tmp_path / "now.xlsx",
                                          entries=ENTRIES))
    assert report.template_version == "1.0"
    # Columns after Theme sit one letter further left in v1.0: compare by field and row.
    assert _by_field(report) == _by_field(current) | {("stamp.old-version", None, None)}
    assert ("owner.missing", "H5") in pairs(report)  # Owner is column H in v1.0
    assert not [f for f in report.findings if f.field in V11]
    note = only(report, "stamp.old-version")
    assert note.message == (
        "Made from template version 1.0; the current version is 1.2. That version had no "
        "'Theme', 'RAG', 'Follow-up action ID' or 'Reviewer's role' columns, so none is "
        "expected.")
    assert "tracker-tool upgrade OLD.xlsx --out NEW.xlsx" in note_fix()


def note_fix() -> str:
    return next(r.fix for r in api.list_rules() if r.code == "stamp.old-version")


def _by_field(report) -> set:
    return {(f.code, f.field, f.row) for f in report.findings}


def test_a_v11_return_missing_a_v11_column_is_still_an_error(tmp_path):
    """The near miss: the current version had the column, so deleting it is a finding."""
    path = api.build_template("action-plan", tmp_path / "now.xlsx", entries=ENTRIES)
    book = openpyxl.load_workbook(path)
    ws = book[SHEET]
    for merged in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(merged))
    ws.delete_cols(TRACKER.by_key["theme"].index + 1)
    book.save(path)
    missing = only(validate(path), "column.missing")
    assert (missing.field, missing.row) == ("theme", 3)


def _by_key(path) -> dict[str, dict[str, object]]:
    """Each entry's non-empty values by field key, read back through the key row."""
    ws = openpyxl.load_workbook(path)[SHEET]
    key_row = next(r for r in range(1, 6) if ws.cell(r, 1).value == "action_id")
    keys = {c: ws.cell(key_row, c).value for c in range(1, ws.max_column + 1)
            if ws.cell(key_row, c).value}
    found = {}
    for r in range(key_row + 2, ws.max_row + 1):
        values = {keys[c]: ws.cell(r, c).value for c in keys
                  if ws.cell(r, c).value not in (None, "")}
        if values:
            found[values["action_id"]] = values
    return found


def test_upgrade_carries_every_value_and_lists_what_it_could_not_place(tmp_path):
    old = v10_return(tmp_path, extra_column=True, title_row=True)
    before = old.read_bytes()
    done = api.upgrade_workbook(old, tmp_path / "new.xlsx")
    assert old.read_bytes() == before
    assert (done.entries, done.from_version, done.to_version) == (3, "1.0", TRACKER.version)
    assert [(u.cell, u.where) for u in done.unplaced] == [
        ("A1", "Actions, a title above the header"),
        (f"{_letter_after_v10()}6", "Actions, column 'Notes', which the current template "
                                    "does not have")]
    old_values, new_values = _by_key(old), _by_key(done.out)
    assert set(new_values) == {"A-001", "A-002", "A-003"}
    assert new_values == old_values  # same IDs, same values, same types
    assert new_values["A-002"]["due_date"] == "ASAP"
    assert new_values["A-003"]["progress_update"] == "=not a formula, typed text"
    stamp = load_workbook(done.out).stamp
    assert (stamp.version, stamp.service) == (TRACKER.version, SERVICE)
    report = validate(done.out)
    assert "stamp.old-version" not in {f.code for f in report.findings}
    assert report.rows == 3


def _letter_after_v10() -> str:
    from tracker_tool.core.a1 import column_letter

    return column_letter(len(TRACKER.columns) - len(V11))


def test_upgrade_never_writes_to_its_input(tmp_path):
    old = v10_return(tmp_path)
    before = old.read_bytes()
    with pytest.raises(UsageError, match="one of the input files"):
        api.upgrade_workbook(old, old)
    (tmp_path / "taken.xlsx").write_bytes(b"someone's tracker")
    with pytest.raises(UsageError, match="refusing to replace"):
        api.upgrade_workbook(old, tmp_path / "taken.xlsx")
    assert old.read_bytes() == before
    assert (tmp_path / "taken.xlsx").read_bytes() == b"someone's tracker"


def test_upgrade_command(tmp_path):
    old = v10_return(tmp_path, extra_column=True)
    result = CliRunner().invoke(cli, ["upgrade", str(old), "--out", str(tmp_path / "new.xlsx")])
    assert result.exit_code == 1, result.output
    assert "3 entries copied" in result.output and "for Oakfield House" in result.output
    assert "1 value not placed" in result.output
    assert "Discussed at the October" not in result.output  # its cell names it, not its text
    same = CliRunner().invoke(cli, ["upgrade", str(old), "--out", str(old)])
    assert same.exit_code == 2 and "one of the input files" in same.output
    assert same.exception is None or isinstance(same.exception, SystemExit)


def _review_rows(path) -> list[tuple]:
    """The Reviews sheet's filled rows below its header, as values."""
    ws = openpyxl.load_workbook(path)["Reviews"]
    return [tuple(row) for row in ws.iter_rows(min_row=4, values_only=True)
            if any(v not in (None, "") for v in row)]


def test_upgrade_carries_the_reviews_sheet(tmp_path):
    """The record that the plan was reviewed is governance evidence: upgrading must not
    leave it behind in the old file."""
    reviews = [
        {"review_held": date(2026, 10, 6), "reviewer": "Maya Collins",
         "reviewer_role": "Registered Manager", "review_type": "Registered Manager review",
         "review_decision": "Plan stands", "minutes_ref": "GOV-10"},
        {"review_held": date(2026, 11, 3), "reviewer": "Tom Okafor",
         "reviewer_role": "Nominated Individual", "review_type": "Nominated Individual review",
         "review_decision": "Two actions escalated", "minutes_ref": "=GOV-11 typed as text"},
    ]
    old = api.build_template("action-plan", tmp_path / "old.xlsx", entries=[clean_entry()],
                             service=SERVICE, reviews=reviews)
    done = api.upgrade_workbook(old, tmp_path / "new.xlsx")
    assert (done.entries, done.reviews, done.unplaced) == (1, 2, [])
    copied = _review_rows(done.out)
    assert copied == _review_rows(old) and len(copied) == 2
    assert "=GOV-11 typed as text" in copied[1]
    assert "and 2 reviews copied" in upgrade_text(done, old)
