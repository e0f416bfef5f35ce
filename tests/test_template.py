"""The generated template: protection, entry grid, dropdowns, date checks, notes, stamp, bytes.

Inspected with openpyxl (a different library from the writer), so a test fails if the file
does not say what we think we wrote.
"""

from __future__ import annotations

import zipfile

import openpyxl
import pytest
from conftest import ROOT

from tracker_tool import api
from tracker_tool.check.tracker import FIRST_DATA_ROW, HEADER_ROW, KEY_ROW
from tracker_tool.core.stamp import STAMP_SHEET
from tracker_tool.trackers import get_tracker

TRACKER = get_tracker("action-plan")
COMMITTED = ROOT / "workbook_templates" / f"action-plan-v{TRACKER.version}.xlsx"


@pytest.fixture(scope="module")
def template_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "template.xlsx"
    api.build_template("action-plan", path)
    return path


@pytest.fixture(scope="module")
def book(template_path):
    return openpyxl.load_workbook(template_path)


def test_same_version_gives_identical_bytes(tmp_path, template_path):
    again = tmp_path / "again.xlsx"
    api.build_template("action-plan", again)
    assert again.read_bytes() == template_path.read_bytes()


def test_sheets_and_their_visibility(book):
    reviews = [TRACKER.reviews.sheet] if getattr(TRACKER, "reviews", None) else []
    assert book.sheetnames == ["Instructions", "Actions", *reviews, "Printable view", "Lists",
                               STAMP_SHEET]
    states = {ws.title: ws.sheet_state for ws in book.worksheets}
    assert states == {"Instructions": "visible", "Actions": "visible", "Lists": "hidden",
                      "Printable view": "visible", STAMP_SHEET: "veryHidden",
                      **{name: "visible" for name in reviews}}
    # A new template opens on its Instructions.
    assert book.active.title == "Instructions"


def test_every_policy_field_has_a_column(book):
    ws = book["Actions"]
    keys = [ws.cell(KEY_ROW + 1, c + 1).value for c in range(len(TRACKER.columns))]
    assert keys == [spec.key for spec in TRACKER.columns]
    for needed in ("source", "source_ref", "date_created", "title", "description",
                   "intended_outcome", "owner", "due_date", "priority", "high_priority_reason",
                   "linked_risk", "evidence_required", "review_date", "escalation_route",
                   "status", "progress_update", "external_input", "external_from",
                   "external_due", "original_due_date", "extensions", "date_completed",
                   "what_was_done", "completion_evidence", "outcome_achieved",
                   "effectiveness_needed", "effectiveness_due", "effectiveness_done",
                   "effectiveness_result", "closure_reviewed_by", "escalation_record"):
        assert needed in keys
    assert ws.row_dimensions[KEY_ROW + 1].hidden


def test_protection_locks_header_and_unlocks_entry_grid(book):
    ws = book["Actions"]
    assert ws.protection.sheet is True
    # OOXML flags are inverted: False means the action is allowed on the protected sheet.
    assert ws.protection.sort is False and ws.protection.autoFilter is False
    assert ws.protection.formatColumns is False
    last_col = len(TRACKER.columns)
    for c in (1, 9, last_col):
        assert ws.cell(HEADER_ROW + 1, c).protection.locked is True
        assert ws.cell(FIRST_DATA_ROW + 1, c).protection.locked is False
        assert ws.cell(FIRST_DATA_ROW + 1000, c).protection.locked is False
    assert ws.freeze_panes == f"C{FIRST_DATA_ROW + 1}"
    assert ws.auto_filter.ref.startswith(f"A{HEADER_ROW + 1}:")


def test_dropdowns_come_from_defined_names_on_the_lists_sheet(book):
    ws = book["Actions"]
    lists = {dv.formula1: dv for dv in ws.data_validations.dataValidation if dv.type == "list"}
    for spec in TRACKER.columns:
        if spec.choices:
            assert spec.list_name in lists, spec.key
            target = book.defined_names[spec.list_name].attr_text
            assert target.startswith("Lists!")
            cells = [c.value for row in book["Lists"][target.split("!")[1]] for c in row]
            assert tuple(cells) == spec.choices
    (status_range,) = lists["list_status"].sqref.ranges
    assert status_range.min_row == FIRST_DATA_ROW + 1
    assert status_range.max_row >= FIRST_DATA_ROW + 1000


def test_date_columns_validate_dates_with_a_ddmmyyyy_prompt(book):
    ws = book["Actions"]
    date_rules = [dv for dv in ws.data_validations.dataValidation if dv.type == "date"]
    date_columns = [s for s in TRACKER.columns if s.kind.value == "date"]
    assert len(date_rules) == len(date_columns)
    for dv in date_rules:
        assert "dd/mm/yyyy" in dv.prompt and dv.showInputMessage


def test_header_notes_explain_each_field_with_its_clause(book):
    ws = book["Actions"]
    for spec in TRACKER.columns:
        cell = ws.cell(HEADER_ROW + 1, spec.index + 1)
        assert cell.value.startswith(spec.title)
        assert cell.comment is not None and f"Policy: {spec.clause}." in cell.comment.text


def test_conditional_formats_show_overdue_rows_and_missing_owners(book):
    ws = book["Actions"]
    formulas = [rule.formula[0] for cf in ws.conditional_formatting for rule in cf.rules]
    assert any("TODAY()" in f and "$J4" in f and '$Q4="Complete"' in f for f in formulas)
    assert any("TRIM($I4)" in f for f in formulas)


def test_stamp_in_hidden_sheet_and_custom_properties(book):
    props = {p.name: p.value for p in book.custom_doc_props.props}
    expected = {"tracker_kind": "action-plan", "template_version": TRACKER.version,
                "schema_fingerprint": TRACKER.fingerprint, "tracker_sheet": "Actions"}
    assert props == expected
    sheet = {row[0]: row[1] for row in book[STAMP_SHEET].iter_rows(values_only=True)}
    assert sheet == expected


def test_instructions_list_every_column_from_the_same_specs(book):
    text = [c for row in book["Instructions"].iter_rows(values_only=True) for c in row if c]
    for spec in TRACKER.columns:
        assert spec.title in text and spec.help in text
    assert book["Instructions"].protection.sheet is True


def test_template_has_no_macros_or_external_links(template_path):
    names = zipfile.ZipFile(template_path).namelist()
    assert "xl/vbaProject.bin" not in names
    assert not any(n.startswith("xl/externalLinks") for n in names)


def test_blank_template_validates_clean(template_path):
    report = api.validate_workbook(template_path)
    assert (report.rows, report.findings, report.template_version) == (0, [], TRACKER.version)


def test_fingerprint_ignores_help_text_but_not_choices():
    from dataclasses import replace

    from tracker_tool.core.columns import fingerprint

    specs = TRACKER.columns
    reworded = tuple(replace(s, help="different words") for s in specs)
    assert fingerprint(reworded) == fingerprint(specs)
    fewer = tuple(replace(s, choices=s.choices[:-1]) if s.key == "status" else s for s in specs)
    assert fingerprint(fewer) != fingerprint(specs)
