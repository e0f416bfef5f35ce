"""Comparing a return with the previous one: every change code at its cell, beside a near miss.

Action-plan columns: A ID, B title, E theme, F date created, I owner, J due date, O review
date, Q status, R RAG, S progress update, W original due date, X extensions, Y date completed,
AA evidence of completion. Entries start on row 4. The previous return is pinned to
PREVIOUS_AS_OF so a test never depends on the dates its rows happen to hold.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from click.testing import CliRunner
from conftest import AS_OF, clean_action, done_action

from tracker_tool import api
from tracker_tool.check.compare import change_catalogue
from tracker_tool.cli import cli
from tracker_tool.core.stamp import ServiceIdentity
from tracker_tool.errors import UsageError
from tracker_tool.trackers import all_trackers, get_tracker

PREVIOUS_AS_OF = date(2026, 11, 10)  # after every created date of the rows below
D = date


@pytest.fixture
def compare(tmp_path):
    counter = iter(range(10_000))

    def run(before, after, kind="action-plan", service=None, previous_service=None, **kw):
        n = next(counter)
        was, now = tmp_path / f"before-{n}.xlsx", tmp_path / f"after-{n}.xlsx"
        api.build_template(kind, was, entries=before, service=previous_service or service)
        api.build_template(kind, now, entries=after, service=service)
        kw.setdefault("previous_as_of", PREVIOUS_AS_OF)
        return api.compare_returns(was, now, AS_OF, **kw)

    return run


def changes(comparison) -> set[tuple[str, str | None]]:
    return {(c.finding.code, c.finding.cell) for c in comparison.changes}


def test_open_action_deleted_is_an_error_at_its_previous_row(compare):
    found = compare([clean_action(), clean_action(action_id="A-002")], [clean_action()])
    assert changes(found) == {("change.action-deleted", "Q5")}
    change = found.changes[0]
    assert change.located_in == "previous" and change.action_id == "A-002"
    assert change.finding.sheet == "Actions (previous)" and change.previous_value == "In progress"
    assert not found.ok


def test_closed_action_removed_is_listed_not_a_finding(compare):
    found = compare([clean_action(), done_action(action_id="A-002")], [clean_action()])
    assert changes(found) == set()
    assert [(i.action_id, i.change) for i in found.listed] == [("A-002", "removed after closing")]


def test_due_date_moved_without_extension_or_original(compare):
    found = compare([clean_action()], [clean_action(due_date=D(2026, 12, 15))])
    assert changes(found) == {("change.due-moved", "J4"), ("change.original-due-lost", "W4")}
    moved = next(c for c in found.changes if c.finding.code == "change.due-moved")
    assert moved.previous_value == "01/12/2026" and moved.finding.value == "15/12/2026"
    assert "01/12/2026" in moved.finding.message and "15/12/2026" in moved.finding.message


def test_a_date_stored_swapped_last_time_and_put_right_is_not_a_move(compare):
    """Last quarter a US-set computer stored 01/12/2026 as 12 January (that return's check
    said so); this quarter it is right. Compared the right way round, nothing moved."""
    last_time = D(2026, 11, 10)
    found = compare([clean_action(due_date=D(2026, 1, 12))], [clean_action()],
                    previous_as_of=last_time)
    assert {(f.code, f.cell) for f in found.previous.findings} == {
        ("date.day-month-swapped", "J4")}
    assert changes(found) == set()
    moved = compare([clean_action(due_date=D(2026, 1, 12))],
                    [clean_action(due_date=D(2026, 12, 15))], previous_as_of=last_time)
    assert changes(moved) == {("change.due-moved", "J4"), ("change.original-due-lost", "W4")}
    change = next(c for c in moved.changes if c.finding.code == "change.due-moved")
    assert change.previous_value == "01/12/2026" and change.finding.value == "15/12/2026"


def test_a_date_stored_swapped_this_time_is_its_own_finding_not_a_move(compare):
    found = compare([clean_action()], [clean_action(due_date=D(2026, 1, 12))])
    assert {(f.code, f.cell) for f in found.current.findings} == {
        ("date.day-month-swapped", "J4")}
    assert changes(found) == set()


def test_extension_recorded_properly_gives_no_redating_finding(compare):
    found = compare([clean_action()], [clean_action(due_date=D(2026, 12, 15), extensions=1,
                                                    original_due_date=D(2026, 12, 1))])
    assert changes(found) == set()


def test_extension_counted_but_no_original_kept(compare):
    found = compare([clean_action()], [clean_action(due_date=D(2026, 12, 15), extensions=1)])
    assert changes(found) == {("change.original-due-lost", "W4")}


def test_due_date_brought_forward_is_no_finding(compare):
    assert changes(compare([clean_action()], [clean_action(due_date=D(2026, 11, 28))])) == set()


def test_date_created_and_original_due_rewritten(compare):
    before = clean_action(original_due_date=D(2026, 12, 1))
    found = compare([before], [clean_action(date_created=D(2026, 11, 5),
                                            original_due_date=D(2026, 12, 8))])
    assert changes(found) == {("change.date-rewritten", "F4"), ("change.date-rewritten", "W4")}
    # Near miss: the original due date typed in for the first time is no rewrite.
    assert changes(compare([clean_action()], [clean_action(
        original_due_date=D(2026, 12, 1))])) == set()


def test_closed_action_reopened_without_a_note(compare):
    found = compare([done_action()], [clean_action()])
    assert changes(found) == {("change.status-back", "Q4")}
    # Near miss: a new progress note says why.
    assert changes(compare([done_action()], [clean_action(
        progress_update="21/11: reopened, repeat audit found gaps")])) == set()


def test_status_gone_backwards_without_a_note(compare):
    found = compare([clean_action()], [clean_action(status="Not started")])
    assert changes(found) == {("change.status-back", "Q4")}
    assert changes(compare([clean_action(status="Not started")], [clean_action()])) == set()


def test_closed_action_record_changed_after_closure(compare):
    found = compare([done_action()], [done_action(completion_evidence="Audit report AUD-3",
                                                  date_completed=D(2026, 11, 19))])
    assert changes(found) == {("change.closed-rewritten", "Y4"),
                              ("change.closed-rewritten", "AA4")}
    # Near miss: the record completed for the first time after being marked complete.
    assert changes(compare([done_action(outcome_achieved=None)], [done_action()])) == set()


def test_progress_copied_forward_after_its_review_date(compare):
    before = clean_action(review_date=D(2026, 11, 10))
    found = compare([before], [clean_action(review_date=D(2026, 11, 30))])
    assert changes(found) == {("change.progress-copied", "S4")}
    # Near miss: the review is not due yet.
    assert changes(compare([clean_action()], [clean_action()])) == set()


def test_rating_unchanged_while_overdue(compare):
    late = dict(due_date=D(2026, 11, 14), original_due_date=D(2026, 11, 14), rag="Red",
                review_date=D(2026, 11, 30))
    found = compare([clean_action(**late, progress_update="a")],
                    [clean_action(**late, progress_update="b")])
    assert changes(found) == {("change.rating-unchanged", "R4")}
    # Near misses: re-rated, or not overdue.
    assert changes(compare([clean_action(**late, progress_update="a")],
                           [clean_action(**dict(late, rag="Amber"), progress_update="b")])) == set()
    assert changes(compare([clean_action(rag="Green")], [clean_action(rag="Green")])) == set()


def test_theme_raised_again_after_its_actions_closed(compare):
    before = [done_action(theme="Falls")]
    found = compare(before, [done_action(theme="Falls"),
                             clean_action(action_id="A-002", theme="Falls")])
    assert changes(found) == {("change.theme-repeated", "E5")}
    # Near miss: a Falls action was still open last time.
    assert changes(compare([clean_action(theme="Falls")], [
        clean_action(theme="Falls"), clean_action(action_id="A-002", theme="Falls")])) == set()


def test_action_without_id_is_matched_by_title_and_date_and_told_it_needs_one(compare):
    found = compare([clean_action(action_id=None, status="Complete", date_completed=D(2026, 11, 20),
                                  completion_evidence="x")],
                    [clean_action(action_id=None)])
    assert ("change.id-needed", "A4") in changes(found)
    assert ("change.status-back", "Q4") in changes(found)  # it was matched
    assert not any(i.change == "new" for i in found.listed)


def test_duplicate_id_is_reported_not_guessed(compare):
    found = compare([clean_action()], [clean_action(), clean_action(title="Another")])
    assert changes(found) == {("change.id-ambiguous", "A4")}
    assert found.listed == [] and found.ok


def test_new_actions_closures_and_owners_are_listed(compare):
    found = compare([clean_action()], [done_action(owner="Tom Okafor"),
                                       clean_action(action_id="A-002")])
    assert changes(found) == set()
    assert {(i.action_id, i.change, i.previous_value, i.value) for i in found.listed} == {
        ("A-002", "new", None, "Re-audit MAR charts"),
        ("A-001", "closed", "In progress", "Complete"),
        ("A-001", "owner", "Priya Shah", "Tom Okafor")}
    closed = next(f for f in found.figures if f.key == "closed_since")
    assert closed.current == 1


def test_figures_side_by_side_with_direction(compare):
    late = clean_action(due_date=D(2026, 11, 14), original_due_date=D(2026, 11, 14),
                        review_date=D(2026, 11, 30))
    found = compare([clean_action()], [late])
    overdue = next(f for f in found.figures if f.key == "overdue")
    assert (overdue.previous, overdue.current, overdue.change, overdue.direction) == (
        0, 1, 1, "worse")
    assert [f.key for f in found.figures] == [
        "open", "overdue", "on_time_closure_rate", "escalations_due",
        "effectiveness_outstanding", "repeat_actions", "closed_since"]


def test_different_services_are_a_workbook_level_finding(compare):
    found = compare([clean_action()], [clean_action(due_date=D(2026, 12, 20))],
                    service=ServiceIdentity("Rose Court", "Acme Care", "1-111"),
                    previous_service=ServiceIdentity("Elm Bank", "Acme Care", "1-222"))
    assert changes(found) == {("change.other-service", None)}
    assert found.changes[0].finding.row is None


def test_previous_that_looks_newer_is_a_warning(compare):
    found = compare([clean_action(date_created=D(2026, 11, 20))],
                    [clean_action(date_created=D(2026, 10, 2))])
    assert ("change.order-swapped", None) in changes(found)
    # Near miss: the previous return's newest action is no newer than the current's.
    found = compare([clean_action(date_created=D(2026, 10, 2))],
                    [clean_action(date_created=D(2026, 10, 2))])
    assert changes(found) == set()


def test_same_file_twice_is_a_note(make_workbook):
    path = make_workbook([clean_action()])
    found = api.compare_returns(path, path, AS_OF)
    assert found.changes == [] and found.notes


def test_two_kinds_and_unreadable_previous_are_usage_errors(tmp_path, make_workbook):
    plan = tmp_path / "ombudsman.xlsx"
    api.build_template("ombudsman-plan", plan)
    with pytest.raises(UsageError, match="same tracker kind"):
        api.compare_returns(plan, make_workbook([clean_action()]), AS_OF)
    with pytest.raises(UsageError, match="previous return .*missing.xlsx"):
        api.compare_returns(tmp_path / "missing.xlsx", make_workbook([clean_action()]), AS_OF)
    result = CliRunner().invoke(cli, ["compare", str(plan), str(make_workbook([clean_action()]))])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_plan_item_changed_is_located_on_the_plan_sheet(tmp_path):
    was, now = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    api.build_template("ombudsman-plan", was, plan={"failings_found": 5})
    api.build_template("ombudsman-plan", now, plan={"failings_found": 4})
    found = api.compare_returns(was, now, AS_OF, previous_as_of=PREVIOUS_AS_OF)
    change = next(c for c in found.changes if c.finding.code == "change.plan-item-changed")
    assert (change.finding.sheet, change.previous_value, change.finding.value) == (
        "Plan", "5", "4")
    assert change.finding.cell.startswith("C")
    # Near miss: an item filled in for the first time.
    api.build_template("ombudsman-plan", was, plan={}, force=True)
    found = api.compare_returns(was, now, AS_OF, previous_as_of=PREVIOUS_AS_OF)
    assert not any(c.finding.code == "change.plan-item-changed" for c in found.changes)


def _case(**changes):
    row = {"case_id": "EC-001", "staff_name": "Jo Bell", "concern": "Documentation",
           "date_confirmed": D(2026, 9, 1), "date_escalated": D(2026, 9, 1),
           "corrective_action": "Notes audited weekly", "target_date": D(2026, 12, 21),
           "outcome": "Open"}
    row.update(changes)
    return row


def _closed(**changes):
    return _case(**{"outcome": "Closed: improvement sustained", "date_closed": D(2026, 10, 1),
                    "closure_evidence": "Audits", **changes})


def test_escalated_case_reopened_within_60_days(compare):
    found = compare([_closed()], [_case(observations=3)], kind="supervision-escalations")
    assert ("change.repeat-escalation", "Y4") in changes(found)
    # Near miss: closed more than 60 days before.
    found = compare([_closed(date_closed=D(2026, 9, 2))], [_case()],
                    kind="supervision-escalations")
    assert not any(c.finding.code == "change.repeat-escalation" for c in found.changes)


def test_removed_case_escalated_again_within_60_days(compare):
    again = _case(case_id="EC-002", date_confirmed=D(2026, 11, 2), date_escalated=D(2026, 11, 2))
    found = compare([_closed()], [again], kind="supervision-escalations")
    assert ("change.repeat-escalation", "F4") in changes(found)
    other = dict(again, staff_name="Sam Reid")
    found = compare([_closed()], [other], kind="supervision-escalations")
    assert not any(c.finding.code == "change.repeat-escalation" for c in found.changes)


def test_every_kind_has_change_codes_and_every_change_code_is_tested():
    text = open(__file__).read()
    for tracker in all_trackers().values():
        assert tracker.changes is not None, tracker.kind
        for info in change_catalogue(tracker):
            assert f'"{info.code}"' in text, info.code
    assert "change.repeat-escalation" in {
        i.code for i in change_catalogue(get_tracker("supervision-escalations"))}


def test_compare_command_json_shape_and_exit_status(compare, tmp_path):
    was, now = tmp_path / "w.xlsx", tmp_path / "n.xlsx"
    api.build_template("action-plan", was, entries=[clean_action(), clean_action(action_id="B")])
    api.build_template("action-plan", now, entries=[clean_action()])
    result = CliRunner().invoke(cli, ["compare", str(was), str(now), "--as-of", "2026-11-21",
                                      "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert set(data) == {"previous", "current", "changes", "listed", "figures", "notes"}
    assert data["changes"][0]["action_id"] == "B"
    assert {"code", "cell", "previous_value", "action_id"} <= set(data["changes"][0])
    assert {"key", "label", "previous", "current", "change"} <= set(data["figures"][0])
    result = CliRunner().invoke(cli, ["compare", str(now), str(now), "--format", "csv"])
    assert result.exit_code == 0 and result.output.startswith("path,code,")


def test_validate_and_audit_with_previous_join_the_changes(tmp_path):
    import openpyxl

    was, now = tmp_path / "w.xlsx", tmp_path / "n.xlsx"
    api.build_template("action-plan", was, entries=[clean_action()])
    api.build_template("action-plan", now, entries=[clean_action(due_date=D(2026, 12, 15))])
    report = api.validate_workbook(now, AS_OF, previous=was)
    assert {("change.due-moved", "J4"), ("change.original-due-lost", "W4")} <= {
        (f.code, f.cell) for f in report.findings}
    assert report.to_dict()["comparison"]["changes"][0]["previous_value"] == "01/12/2026"
    assert "comparison" not in api.validate_workbook(now, AS_OF).to_dict()
    result = CliRunner().invoke(cli, ["audit", str(now), "--previous", str(was), "--out",
                                      str(tmp_path / "a.xlsx"), "--as-of", "2026-11-21"])
    assert result.exit_code == 1, result.output
    book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    rows = list(book["Changes"].iter_rows(min_row=2, values_only=True))
    assert rows[0][:7] == ("error", "change.due-moved", "A-001", "J4", "Due date",
                           "01/12/2026", "15/12/2026")
    assert book["Changes"]["D2"].hyperlink.location == "'Actions'!J4"
    result = CliRunner().invoke(cli, ["validate", str(now), str(was), "--previous", str(was)])
    assert result.exit_code == 2
