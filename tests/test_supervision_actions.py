"""The supervision-actions tracker (article, Operational Example 1): every code at its cell.

Columns: A ref, B supervision date, C staff, D action, E category, F deadline, G line manager,
H date logged, I priority, J evidence required, K review date, L evidence seen, M date checked,
N status, O days overdue, P reason for delay, Q escalation stage. Entries start on row 4.
AS_OF (21/11/2026) is a Saturday.
"""

import runpy
from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import AS_OF, ROOT, codes, located, without_reviews

from tracker_tool import api
from tracker_tool.cli import cli

KIND = "supervision-actions"
D = date


def action(**changes) -> dict:
    """A well-kept open action that raises nothing on AS_OF; tests change one thing."""
    row = {
        "action_id": "SA-001", "supervision_date": D(2026, 11, 2), "staff_name": "Jo Bell",
        "action": "Complete the medication refresher e-learning and bring the certificate",
        "category": "Training refresher", "deadline": D(2026, 11, 30),
        "line_manager": "Ruth Adeyemi", "date_logged": D(2026, 11, 2), "priority": "Medium",
        "evidence_required": "E-learning certificate",
        "review_date": D(2026, 11, 27), "status": "In progress",
    }
    row.update(changes)
    return row


def done(**changes) -> dict:
    return action(**{"status": "Complete", "evidence_seen": "Certificate MED-REF-2231 seen",
                     "date_checked": D(2026, 11, 20), **changes})


def late(days: int, **changes) -> dict:
    """Open, ``days`` calendar days past its deadline on AS_OF, with a reason recorded."""
    return action(deadline=D.fromordinal(AS_OF.toordinal() - days),
                  reason_for_delay="Course date moved by the trainer", **changes)


def with_ref(row: dict, i: int) -> dict:
    """Rows left with the default ref get their own, so only a test's own refs repeat."""
    return dict(row, action_id=f"SA-{i + 1:03d}") if row.get("action_id") == "SA-001" else row


@pytest.fixture
def check(tmp_path):
    counter = iter(range(10_000))

    def run(rows, as_of=AS_OF):
        rows = [with_ref(r, i) for i, r in enumerate(rows)]
        path = tmp_path / f"sa-{next(counter)}.xlsx"
        api.build_template(KIND, path, entries=rows)
        return without_reviews(api.validate_workbook(path, as_of=as_of))

    return run


def test_clean_rows_raise_nothing(check):
    report = check([action(), done()])
    assert report.findings == [] and report.rows == 2 and report.tracker == KIND
    assert report.sheet == "Supervision actions"


@pytest.mark.parametrize("field, cell, code, severity", [
    ("supervision_date", "B4", "supervision-date.missing", "warning"),
    ("staff_name", "C4", "staff-name.missing", "error"),
    ("action", "D4", "action.missing", "error"),
    ("category", "E4", "category.missing", "error"),
    ("deadline", "F4", "deadline.missing", "error"),
    ("line_manager", "G4", "line-manager.missing", "error"),
    ("priority", "I4", "priority.missing", "warning"),
    ("evidence_required", "J4", "evidence-required.missing", "warning"),
    ("review_date", "K4", "review-date.missing", "warning"),
    ("status", "N4", "status.missing", "error"),
])
def test_required_field_blank(check, field, cell, code, severity):
    report = check([action(**{field: None})])
    assert located(report) == {(code, cell)}
    assert report.findings[0].severity.value == severity


@pytest.mark.parametrize("manager, code, severity", [
    ("Care team", "line-manager.group", "error"),
    ("All managers", "line-manager.group", "error"),
    ("Ruth Adeyemi and Tom Becket", "line-manager.several", "warning"),
    ("RM / DM", "line-manager.several", "warning"),
])
def test_line_manager_is_one_named_person(check, manager, code, severity):
    report = check([action(line_manager=manager)])
    assert located(report) == {(code, "G4")}
    assert report.findings[0].severity.value == severity


@pytest.mark.parametrize("manager", ["Team leader Ruth Adeyemi", "Adeyemi, Ruth", "R. Adeyemi"])
def test_line_manager_named_as_one_person_is_clean(check, manager):
    assert check([action(line_manager=manager)]).findings == []


def test_refs_missing_and_duplicated(check):
    report = check([action(), action(action_id="SA-009"), action(action_id="SA-009"),
                    action(action_id=None)])
    assert located(report) == {("supervision.ref-duplicate", "A6"),
                               ("supervision.ref-missing", "A7")}


@pytest.mark.parametrize("field, cell", [("supervision_date", "B4"), ("date_logged", "H4"),
                                         ("date_checked", "M4")])
def test_dates_after_the_audit_date(check, field, cell):
    report = check([done(**{field: D(2026, 11, 22)})])
    assert ("supervision.date-in-future", cell) in located(report)
    assert "supervision.date-in-future" not in codes(check([done(**{field: AS_OF})]))


def test_deadline_before_the_meeting(check):
    report = check([action(deadline=D(2025, 11, 30))])
    assert ("supervision.deadline-before-meeting", "F4") in located(report)
    assert check([action(deadline=D(2026, 11, 2), review_date=D(2026, 11, 2),
                         status="Complete", evidence_seen="Certificate 2231",
                         date_checked=D(2026, 11, 2))]).findings == []


def test_logged_after_the_meeting_day(check):
    # A Friday meeting logged the next Monday is late; a Saturday one logged Monday is not.
    report = check([action(supervision_date=D(2026, 11, 13), date_logged=D(2026, 11, 16))])
    assert located(report) == {("supervision.logged-late", "H4")}
    assert check([action(supervision_date=D(2026, 11, 14),
                         date_logged=D(2026, 11, 16))]).findings == []


@pytest.mark.parametrize("text", ["Improve record keeping",
                                  "Be more careful when giving handovers to the night staff"])
def test_action_that_cannot_be_tested(check, text):
    report = check([action(action=text)])
    assert located(report) == {("supervision.action-untestable", "D4")}


def test_specific_action_with_an_attitude_word_is_testable(check):
    text = "Be more careful with handovers: the team leader audits 5 handover sheets"
    assert check([action(action=text)]).findings == []


def test_review_date_passed(check):
    assert located(check([action(review_date=D(2026, 11, 20))])) == {
        ("supervision.review-overdue", "K4")}
    assert check([action(review_date=AS_OF)]).findings == []
    assert check([done(review_date=D(2026, 11, 10))]).findings == []


def test_complete_without_evidence_or_check_date(check):
    report = check([done(evidence_seen=None, date_checked=None)])
    assert located(report) == {("supervision.closed-no-evidence", "L4"),
                               ("supervision.closed-not-checked", "M4")}
    assert {f.severity.value for f in report.findings} == {"error"}


@pytest.mark.parametrize("evidence", ["verbal", "Done", "staff confirmed", "discussed"])
def test_evidence_that_names_no_record(check, evidence):
    assert located(check([done(evidence_seen=evidence)])) == {
        ("supervision.evidence-vague", "L4")}


def test_checked_after_the_deadline(check):
    report = check([done(deadline=D(2026, 11, 19), date_checked=D(2026, 11, 20))])
    assert located(report) == {("supervision.checked-late", "M4")}
    assert check([done(deadline=D(2026, 11, 20), date_checked=D(2026, 11, 20))]).findings == []


def test_overdue_without_a_reason(check):
    report = check([action(deadline=D(2026, 11, 20))])
    assert located(report) == {("supervision.overdue", "F4"),
                               ("supervision.overdue-no-reason", "P4")}
    assert "1 day overdue" in report.findings[0].message
    assert check([action(deadline=AS_OF)]).findings == []


def test_more_than_seven_days_late_must_go_on_the_register(check):
    report = check([late(8, escalation_stage="Line manager chasing")])
    assert located(report) == {("supervision.overdue", "F4"), ("supervision.escalation-due", "Q4")}
    finding = next(f for f in report.findings if f.code == "supervision.escalation-due")
    assert finding.severity.value == "escalation"
    assert "more than 7 days overdue" in finding.message
    assert located(check([late(7)])) == {("supervision.overdue", "F4")}


@pytest.mark.parametrize("category", ["Medication", "Safeguarding", "Care plan compliance"])
def test_late_high_risk_category_escalates_on_day_one(check, category):
    report = check([late(1, category=category)])
    assert ("supervision.escalation-due", "Q4") in located(report)
    assert "supervision.escalation-due" not in codes(check([late(1, category="Record keeping")]))


@pytest.mark.parametrize("stage", ["Overdue register (weekly RM review)", "Senior leaders"])
def test_escalation_recorded(check, stage):
    report = check([late(9, category="Medication", escalation_stage=stage)])
    assert located(report) == {("supervision.overdue", "F4")}


def test_days_overdue_cannot_exceed_the_days_past_the_deadline(check):
    report = check([late(4, days_overdue=14)])
    assert ("supervision.days-overdue-wrong", "O4") in located(report)
    assert "only 4 days had passed" in next(
        f.message for f in report.findings if f.code == "supervision.days-overdue-wrong")
    assert "supervision.days-overdue-wrong" not in codes(check([late(4, days_overdue=4)]))
    assert located(check([action(days_overdue=2)])) == {("supervision.days-overdue-wrong", "O4")}


def test_same_issue_raised_at_a_later_supervision(check):
    first = done(supervision_date=D(2026, 9, 7), date_logged=D(2026, 9, 7),
                 deadline=D(2026, 10, 5), date_checked=D(2026, 10, 2))
    again = action()
    report = check([first, again])
    assert located(report) == {("supervision.repeat-issue", "E5")}
    assert "repeats SA-001 (row 4)" in report.findings[0].message
    # The same meeting, another person, or another category is not a repeat.
    assert check([action(), action()]).findings == []
    assert check([first, action(staff_name="Sam Ortiz")]).findings == []
    assert check([first, action(category="Communication")]).findings == []


def test_overdue_actions_clustering_on_one_manager(check):
    rows = [late(2, line_manager="Gareth Price", category=c)
            for c in ("Record keeping", "Communication", "Practice standards")]
    rows.append(late(2, category="Other"))
    report = check(rows)
    assert ("supervision.manager-cluster", None) in located(report)
    cluster = next(f for f in report.findings if f.code == "supervision.manager-cluster")
    assert "Gareth Price holds 3 of the 4 overdue actions" in cluster.message
    assert cluster.row is None and cluster.column == "Line manager"
    spread = rows[:2] + [late(2, category="Other", line_manager=f"Manager {i}") for i in range(3)]
    assert "supervision.manager-cluster" not in codes(check(spread))


def test_overdue_actions_clustering_in_one_area(check):
    rows = [late(2, category="Record keeping", line_manager=m)
            for m in ("Ann Lee", "Bo Chan", "Cy Dunn")]
    report = check(rows)
    assert ("supervision.overdue-theme", None) in located(report)
    assert "3 overdue actions are in record keeping (rows 4, 5, 6)" in next(
        f.message for f in report.findings if f.code == "supervision.overdue-theme")
    assert "supervision.overdue-theme" not in codes(check(rows[:2]))


def test_figures(check):
    rows = [
        done(),                                                       # on time
        done(deadline=D(2026, 11, 10), date_checked=D(2026, 11, 12)),  # late check
        done(evidence_seen=None),                                     # no evidence
        late(9, line_manager="Gareth Price"),                          # escalate
        late(2, category="Medication", line_manager="Gareth Price"),   # escalate
        action(),                                                     # not due yet
        action(supervision_date=D(2026, 11, 9), date_logged=D(2026, 11, 9)),  # a repeat
    ]
    report = check(rows)
    figures = {f.key: f.value for f in report.figures}
    assert figures == {
        "actions_opened": 7, "open": 4, "overdue": 2, "on_time_closure_rate": 40.0,
        "repeated_overdue_themes": 0, "largest_manager_cluster": 2, "repeat_actions": 1,
        "done_without_evidence": 1, "to_escalate": 2,
    }
    note = next(f.note for f in report.figures if f.key == "largest_manager_cluster")
    assert "Gareth Price 2" in note
    assert [e.row for e in report.escalations] == [7, 8]
    assert report.escalations[0].reasons == ("more than 7 days overdue",)
    assert report.escalations[1].reasons == ("a missed medication action",)


def test_no_figures_to_judge(check):
    figures = {f.key: f.value for f in check([action()]).figures}
    assert figures["on_time_closure_rate"] is None and figures["overdue"] == 0


def test_audit_workbook(check, tmp_path):
    path = tmp_path / "returned.xlsx"
    rows = [done(), late(9), action(action="Improve notes")]
    api.build_template(KIND, path, entries=[with_ref(r, i) for i, r in enumerate(rows)])
    report, out = api.write_audit(path, tmp_path / "audit.xlsx", as_of=AS_OF)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Summary", "Review pack", "Supervision actions", "Findings",
                               "Escalations", "Action review"]
    escalated = [r[1] for r in book["Escalations"].iter_rows(min_row=2, values_only=True)]
    assert escalated == ["SA-002"]
    assert report.escalations_due == 1


def test_template_command_and_kind_summary(tmp_path):
    out = tmp_path / "blank.xlsx"
    result = CliRunner().invoke(cli, ["template", KIND, "--out", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert "Supervision actions" in book.sheetnames
    assert api.validate_workbook(out, as_of=AS_OF).findings == []
    kinds = CliRunner().invoke(cli, ["kinds"]).output
    assert "supervision-actions" in kinds and "Actions agreed in staff supervision" in kinds


def test_sample_is_what_its_script_writes(tmp_path):
    """The committed sample is exactly what make_sample.py writes, and its escalations are
    the ones its README describes."""
    script = runpy.run_path(str(ROOT / "samples" / "brookside-supervision" / "make_sample.py"))
    fresh = tmp_path / "fresh.xlsx"
    api.build_template(KIND, fresh, entries=script["ROWS"], reviews=script["REVIEWS"])
    assert fresh.read_bytes() == script["SAMPLE"].read_bytes()
    report = api.validate_workbook(script["SAMPLE"], as_of=AS_OF)
    assert sorted(f.cell for f in report.findings if f.severity.value == "escalation") == ["Q20", "Q23", "Q27", "Q31"]
