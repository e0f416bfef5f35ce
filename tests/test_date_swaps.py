"""Day and month swapped (issue 14, item 2): one finding explains a US-stored UK date.

`01/12/2026` typed for 1 December on a computer set to US English is stored as 12 January.
The entry is then due before it was created, ten months overdue and due for escalation; one
finding at the date says what happened instead.
"""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from _builders import AS_OF, clean_entry, letter, validate

from tracker_tool import api
from tracker_tool.check.date_swaps import date_roles, explain_swaps
from tracker_tool.check.rule_context import CheckedRow, RawRow, RuleContext
from tracker_tool.core.a1 import column_letter
from tracker_tool.trackers import all_trackers

CREATED = date(2026, 11, 2)
TYPED_1_DECEMBER = date(2026, 1, 12)  # 01/12/2026 read month-first
CODE = "date.day-month-swapped"


def on_actions(report) -> set[tuple[str, str | None]]:
    """(code, cell) of the findings on the Actions sheet: where a swapped date and what it
    explains are said (another sheet's findings are other tests' business)."""
    return {(f.code, f.cell) for f in report.findings if f.sheet == "Actions"}


def swaps(report) -> list:
    return [f for f in report.findings if f.code == CODE]


def test_a_due_date_stored_month_first_is_one_finding(tmp_path):
    path = api.build_template("action-plan", tmp_path / "us.xlsx", entries=[
        clean_entry(action_id="A-001", date_created=CREATED, due_date=TYPED_1_DECEMBER,
                    review_date=date(2026, 11, 25))])
    report = validate(path)
    assert on_actions(report) == {(CODE, f"{letter('due_date')}4")}
    found = swaps(report)[0]
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
    found = on_actions(validate(path))
    due = f"{letter('due_date')}4"
    assert {("dates.due-before-created", due), ("action.overdue", due)} <= found
    assert CODE not in {code for code, _ in found}


def test_a_created_date_after_the_audit_date_swapped_back(tmp_path):
    """11/12/2026 stored for 12 November: after the audit date and after its own review."""
    path = api.build_template("action-plan", tmp_path / "created.xlsx", entries=[
        clean_entry(action_id="A-001", date_created=date(2026, 12, 11),
                    review_date=date(2026, 12, 10))])
    report = validate(path)
    assert on_actions(report) == {(CODE, f"{letter('date_created')}4")}
    assert "the date created is after the audit date; its review is before it was created" \
        in swaps(report)[0].message


def test_a_date_a_day_out_is_a_slip_not_a_swap(tmp_path):
    """Due 1 November, created 2 November: reading 02/11 as 11 February would 'fix' it, but
    a swap moves a date by a month or more; a day out is a typing slip, reported as such."""
    path = api.build_template("action-plan", tmp_path / "slip.xlsx", entries=[
        clean_entry(action_id="A-001", date_created=CREATED, due_date=date(2026, 11, 1),
                    review_date=date(2026, 11, 25))])
    found = on_actions(validate(path))
    assert ("dates.due-before-created", f"{letter('due_date')}4") in found
    assert CODE not in {code for code, _ in found}


def test_a_text_date_is_read_day_first_and_never_swapped(tmp_path):
    """Typed as text, the date was read the UK way already: its contradiction stands."""
    path = api.build_template("action-plan", tmp_path / "text.xlsx", entries=[
        clean_entry(action_id="A-001", date_created=CREATED, due_date="12/01/2026",
                    review_date=date(2026, 11, 25))])
    found = on_actions(validate(path))
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
    explained = explain_swaps(ctx, tracker.rules, before)
    after = explained.findings
    swap = [f for f in after if f.code == CODE]
    assert [(f.cell, f.field) for f in swap] == [(f"{letters[due]}4", due)]
    # The kind's own findings that the swap alone explains are gone (it is not overdue once
    # read as 1 December); nothing else is added.
    pair = {(f.code, f.cell) for f in before}
    gone = pair - {(f.code, f.cell) for f in after}
    assert any("overdue" in code and cell == f"{letters[due]}4" for code, cell in gone), gone
    assert {(f.code, f.cell) for f in after if f.code != CODE} <= pair
    # The figures count the entry as swapped back, with the same mechanism for every kind:
    # whatever the kind calls overdue (or late, or past its date) counts it no longer.
    if tracker.figures:
        late = {f.key: f.value for f in tracker.figures(ctx) if "overdue" in f.key and f.value}
        assert late, tracker.figures(ctx)
        assert not any(f.value for f in tracker.figures(explained.context) if f.key in late)
    if tracker.escalations:
        assert not tracker.escalations(explained.context)


# -- the headline case of issue 14: one swapped date, one finding, no alarm -----------------

US_CREATED = date(2026, 10, 1)
US_DUE = date(2026, 5, 12)  # 05/12/2026 meant for 5 December, stored by a US-set computer


def _summary(tmp_path, entries):
    """The report and the audit's Summary figures (label -> value) of an action plan."""
    path = api.build_template("action-plan", tmp_path / "plan.xlsx", entries=entries)
    report, out = api.write_audit(path, tmp_path / "plan-audit.xlsx", as_of=AS_OF)
    book = openpyxl.load_workbook(out)
    values = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    return report, values, book


def _escalated(book, action_id: str) -> bool:
    """Whether the audit's Escalations sheet lists the action."""
    return any(action_id in row for row in book["Escalations"].iter_rows(values_only=True))


def test_a_uk_due_date_stored_as_12_may_is_not_193_days_overdue(tmp_path):
    report, summary, book = _summary(tmp_path, [clean_entry(
        action_id="A-001", date_created=US_CREATED, due_date=US_DUE,
        review_date=date(2026, 11, 25))])
    assert AS_OF == date(2026, 11, 21)
    due = f"{letter('due_date')}4"
    assert on_actions(report) == {(CODE, due)}
    assert "(Due date 05/12/2026)" in swaps(report)[0].message
    figures = {f.key: f.value for f in report.figures}
    assert figures["overdue"] == 0 and figures["to_escalate"] == 0
    assert report.escalations == []
    assert report.review.overdue_by_owner == [] or all(n == 0 for _, n in
                                                       report.review.overdue_by_owner)
    assert all(n == 0 for _, n in report.review.ageing)
    assert summary["Overdue actions"] == 0 and summary["To escalate"] == 0
    assert not _escalated(book, "A-001")


@pytest.mark.parametrize("created, due", [
    (date(2026, 4, 1), US_DUE),         # no contradiction: truly due 12 May, truly overdue
    (date(2026, 10, 13), date(2026, 5, 13)),  # day 13 cannot be a month: no swap fits
], ids=["created-before", "day-13"])
def test_a_date_no_swap_explains_stays_overdue(tmp_path, created, due):
    report, summary, book = _summary(tmp_path, [clean_entry(
        action_id="A-001", date_created=created, due_date=due,
        review_date=date(2026, 11, 25))])
    assert _escalated(book, "A-001")
    found = on_actions(report)
    assert ("action.overdue", f"{letter('due_date')}4") in found
    assert ("escalation.due", f"{letter('escalation_record')}4") in found
    assert CODE not in {code for code, _ in found}
    assert summary["Overdue actions"] == 1 and summary["To escalate"] == 1
    assert [e.action_id for e in report.escalations] == ["A-001"]


def test_of_two_swaps_that_fit_the_one_keeping_the_dates_together_is_said(tmp_path):
    """Created 01/10 read as 10 January would also come before 12 May; the due date read as
    5 December keeps the entry's dates within weeks of each other, so that is the one."""
    path = api.build_template("action-plan", tmp_path / "both.xlsx", entries=[clean_entry(
        action_id="A-001", date_created=US_CREATED, due_date=US_DUE,
        review_date=date(2026, 11, 25))])
    assert [(f.code, f.field) for f in validate(path).findings
            if f.sheet == "Actions"] == [(CODE, "due_date")]


# -- text dates --------------------------------------------------------------------------------

def test_text_only_a_date_month_first_is_reported_as_swapped(tmp_path):
    """'05/13/2026' cannot be day first; month first it is 13 May: one swapped-date finding
    with what to check, not 'not a real calendar date'. Which date was meant stays a guess,
    so the guess raises nothing of its own (not overdue, no escalation)."""
    path = api.build_template("action-plan", tmp_path / "text.xlsx", entries=[clean_entry(
        action_id="A-001", date_created=US_CREATED, due_date="05/13/2026",
        review_date=date(2026, 11, 25))])
    report = validate(path)
    due = f"{letter('due_date')}4"
    assert on_actions(report) == {(CODE, due)}
    message = swaps(report)[0].message
    assert message == (
        "A-001 (row 4): Due date 05/13/2026 cannot be a date read day first, as UK dates are "
        "(there is no month 13); read with day and month swapped (Due date 13/05/2026) it is "
        "one. Day and month look swapped; is this computer's date setting English (United "
        "Kingdom)?")
    assert {f.key: f.value for f in report.figures}["overdue"] == 0


def test_text_impossible_either_way_stays_impossible(tmp_path):
    path = api.build_template("action-plan", tmp_path / "text.xlsx", entries=[clean_entry(
        action_id="A-001", date_created=US_CREATED, due_date="31/13/2026",
        review_date=date(2026, 11, 25))])
    assert on_actions(validate(path)) == {("date.impossible", f"{letter('due_date')}4")}


def test_text_in_a_column_whose_real_dates_are_month_first_is_swapped_too(tmp_path):
    """A-001's real due date proves the column month first; A-002's text '12/05/2026',
    read the UK way as 12 May, is due before it was created, and as 5 December is not."""
    entries = [clean_entry(action_id="A-001", date_created=US_CREATED, due_date=US_DUE,
                           review_date=date(2026, 11, 25)),
               clean_entry(action_id="A-002", date_created=US_CREATED, due_date="12/05/2026",
                           review_date=date(2026, 11, 25))]
    path = api.build_template("action-plan", tmp_path / "mixed.xlsx", entries=entries)
    report = validate(path)
    due = letter("due_date")
    assert on_actions(report) == {(CODE, f"{due}4"), (CODE, f"{due}5")}
    assert "(Due date 05/12/2026)" in swaps(report)[1].message


# -- the performance plan: the Plan sheet's dates and the table's ---------------------------

PIP = "performance-plan"


def _pip(tmp_path, plan=None, **action):
    from test_performance_plan import clean_action, clean_plan

    path = api.build_template(PIP, tmp_path / "pip.xlsx", entries=[clean_action(**action)],
                              plan=clean_plan(**(plan or {})))
    return api.validate_workbook(path, as_of=AS_OF)


def _located(report):
    return {(f.code, f.sheet, f.cell) for f in report.findings}


def test_a_plan_agreed_date_stored_month_first_is_one_finding_on_the_plan_sheet(tmp_path):
    """12/10/2026 (12 October) stored as 10 December: after the audit date, and after the
    review the action already had; read swapped it is neither."""
    report = _pip(tmp_path, plan={"date_agreed": date(2026, 12, 10)})
    assert _located(report) == {(CODE, "Plan", "C5")}
    assert "the date agreed is after the audit date" in swaps(report)[0].message


def test_a_plan_agreed_date_after_the_audit_date_that_no_swap_explains(tmp_path):
    report = _pip(tmp_path, plan={"date_agreed": date(2026, 11, 25)})
    assert ("dates.in-future", "Plan", "C5") in _located(report)
    assert CODE not in {f.code for f in report.findings}


def test_a_performance_action_end_date_stored_month_first(tmp_path):
    report = _pip(tmp_path, end_date=date(2026, 1, 12))  # 01/12/2026 meant for 1 December
    assert _located(report) == {(CODE, "Improvement actions", "M4")}
    assert {f.key: f.value for f in report.figures}["past_end_date"] == 0


def test_a_performance_action_end_date_no_swap_explains(tmp_path):
    report = _pip(tmp_path, end_date=date(2026, 1, 13))
    assert _located(report) == {("dates.order", "Improvement actions", "M4")}
    assert {f.key: f.value for f in report.figures}["past_end_date"] == 1


@pytest.mark.parametrize("completed, swapped", [(date(2026, 12, 11), True),
                                                (date(2026, 12, 13), False)],
                         ids=["11-12", "13-12"])
def test_a_completion_date_after_the_audit_date_swapped_back(tmp_path, completed, swapped):
    """12/11/2026 (12 November) stored as 11 December is after the audit date; read swapped
    it is not. 13 December cannot be swapped: it stays a completion in the future."""
    path = api.build_template("action-plan", tmp_path / "done.xlsx", entries=[clean_entry(
        action_id="A-001", status="Complete", date_completed=completed,
        completion_evidence="Repeat MAR audit report, 20 of 20 signed")])
    found = on_actions(validate(path))
    cell = f"{letter('date_completed')}4"
    assert ((CODE, cell) in found) is swapped
    assert (("dates.completed-in-future", cell) in found) is not swapped
