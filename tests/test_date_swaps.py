"""Day and month swapped (issue 14, item 2): one finding explains a US-stored UK date.

`01/12/2026` typed for 1 December on a computer set to US English is stored as 12 January.
The entry is then due before it was created, ten months overdue and due for escalation; one
finding at the date says what happened instead.
"""

from __future__ import annotations

from datetime import date

import pytest
from _builders import AS_OF, clean_entry, letter, pairs, validate

from tracker_tool import api
from tracker_tool.check.date_swaps import date_roles, explain_swaps
from tracker_tool.check.rule_context import CheckedRow, RawRow, RuleContext
from tracker_tool.core.a1 import column_letter
from tracker_tool.trackers import all_trackers

CREATED = date(2026, 11, 2)
TYPED_1_DECEMBER = date(2026, 1, 12)  # 01/12/2026 read month-first
CODE = "date.day-month-swapped"


def test_a_due_date_stored_month_first_is_one_finding(tmp_path):
    path = api.build_template("action-plan", tmp_path / "us.xlsx", entries=[
        clean_entry(action_id="A-001", date_created=CREATED, due_date=TYPED_1_DECEMBER,
                    review_date=date(2026, 11, 25))])
    report = validate(path)
    assert pairs(report) == {(CODE, f"{letter('due_date')}4")}
    found = report.findings[0]
    assert found.message == (
        "A-001 (row 4): Due date 12/01/2026 contradicts the entry's other dates (it is due "
        "before it was created); read with day and month swapped (Due date 01/12/2026) it "
        "does not. Day and month look swapped; is this computer's date setting English "
        "(United Kingdom)?")
    assert found.clause == "s20"


def test_a_day_above_12_cannot_be_a_month_so_the_findings_stay(tmp_path):
    """The near miss: 13/01/2026 is no swapped date, so every finding it causes stands."""
    path = api.build_template("action-plan", tmp_path / "late.xlsx", entries=[
        clean_entry(action_id="A-001", date_created=CREATED, due_date=date(2026, 1, 13),
                    review_date=date(2026, 11, 25))])
    found = pairs(validate(path))
    due = f"{letter('due_date')}4"
    assert {("dates.due-before-created", due), ("action.overdue", due)} <= found
    assert CODE not in {code for code, _ in found}


def test_a_created_date_after_the_audit_date_swapped_back(tmp_path):
    """11/12/2026 stored for 12 November: after the audit date and after its own review."""
    path = api.build_template("action-plan", tmp_path / "created.xlsx", entries=[
        clean_entry(action_id="A-001", date_created=date(2026, 12, 11),
                    review_date=date(2026, 12, 10))])
    report = validate(path)
    assert pairs(report) == {(CODE, f"{letter('date_created')}4")}
    assert "the date created is after the audit date; its review is before it was created" \
        in report.findings[0].message


def test_a_date_a_day_out_is_a_slip_not_a_swap(tmp_path):
    """Due 1 November, created 2 November: reading 02/11 as 11 February would 'fix' it, but
    a swap moves a date by a month or more; a day out is a typing slip, reported as such."""
    path = api.build_template("action-plan", tmp_path / "slip.xlsx", entries=[
        clean_entry(action_id="A-001", date_created=CREATED, due_date=date(2026, 11, 1),
                    review_date=date(2026, 11, 25))])
    found = pairs(validate(path))
    assert ("dates.due-before-created", f"{letter('due_date')}4") in found
    assert CODE not in {code for code, _ in found}


def test_a_text_date_is_read_day_first_and_never_swapped(tmp_path):
    """Typed as text, the date was read the UK way already: its contradiction stands."""
    path = api.build_template("action-plan", tmp_path / "text.xlsx", entries=[
        clean_entry(action_id="A-001", date_created=CREATED, due_date="12/01/2026",
                    review_date=date(2026, 11, 25))])
    found = pairs(validate(path))
    assert ("dates.due-before-created", f"{letter('due_date')}4") in found
    assert CODE not in {code for code, _ in found}


KINDS = [t for t in all_trackers().values() if {"created", "due"} <= set(date_roles(t))]


def test_every_kind_with_a_creation_and_a_due_date_names_them():
    assert {t.kind for t in all_trackers().values()} - {t.kind for t in KINDS} == {
        "performance-plan"}  # its periods start on the plan sheet, not on each row


@pytest.mark.parametrize("tracker", KINDS, ids=lambda t: t.kind)
def test_every_kind_reports_the_swap_at_its_due_date(tracker):
    roles = date_roles(tracker)
    created, due = roles["created"], roles["due"]
    values = {created: CREATED, due: TYPED_1_DECEMBER}
    letters = {key: column_letter(spec.index) for key, spec in tracker.by_key.items()}
    record = tracker.row_model.model_construct(**values)
    row = CheckedRow(RawRow(4, values, letters), record, frozenset(values), frozenset())
    ctx = RuleContext(tracker, tracker.sheet_name, [row], AS_OF)
    before = [f for rule in tracker.rules for f in rule(ctx)]
    after = explain_swaps(ctx, tracker.rules, before)
    swap = [f for f in after if f.code == CODE]
    assert [(f.cell, f.field) for f in swap] == [(f"{letters[due]}4", due)]
    # The kind's own findings that the swap alone explains are gone (it is not overdue once
    # read as 1 December); nothing else is added.
    pair = {(f.code, f.cell) for f in before}
    gone = pair - {(f.code, f.cell) for f in after}
    assert any("overdue" in code and cell == f"{letters[due]}4" for code, cell in gone), gone
    assert {(f.code, f.cell) for f in after if f.code != CODE} <= pair
