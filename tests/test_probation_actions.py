"""The probation-actions tracker (article, Operational Example 3): every code at its cell, and
lateness in working days on the service's own nation's calendar.

Columns: A ref, B new starter, C start date, D date raised, E induction gap, F action,
G deadline, H person responsible, I mentor, J sessions, K competency, L confidence change,
M last mentor update, N status, O evidence reviewed, P risk, Q date verified, R overdue reason,
S interim restriction, T revised review date, U escalated on. AS_OF (21/11/2026) is a Saturday.
"""

import runpy
from datetime import date

import openpyxl
import pytest
from conftest import AS_OF, ROOT, codes, located, without_reviews

from tracker_tool import api
from tracker_tool.policy.service_policy import ServicePolicy

KIND = "probation-actions"
D = date
SCOTLAND = ServicePolicy.model_validate({"nation": "SCT"})


def action(**changes) -> dict:
    """A well-kept open probation action that raises nothing on AS_OF."""
    row = {
        "action_id": "PA-001", "new_starter": "Sam Ortiz", "start_date": D(2026, 10, 5),
        "date_raised": D(2026, 11, 16), "induction_gap": "Record keeping",
        "action": "Write five daily notes and have the mentor check each one",
        "deadline": D(2026, 12, 4), "person_responsible": "Ruth Adeyemi", "mentor": "Dee Marsh",
        "support_sessions": 1, "competency": "Daily notes", "confidence": "Improved",
        "mentor_update": D(2026, 11, 20), "status": "In progress", "risk": "Low",
        "verified_date": D(2026, 11, 16),
    }
    row.update(changes)
    return row


def completed(**changes) -> dict:
    return action(**{"status": "Completed", "deadline": D(2026, 11, 20),
                     "evidence_reviewed": "Mentor check of 5 daily notes 19/11",
                     "verified_date": D(2026, 11, 20), **changes})


def late(deadline, **changes) -> dict:
    """Open past ``deadline`` with the reason and revised date the article asks for."""
    return action(deadline=deadline, date_raised=D(2026, 10, 19), overdue_reason="Mentor on leave",
                  revised_review=D(2026, 11, 27), **changes)


@pytest.fixture
def check(tmp_path):
    counter = iter(range(10_000))

    def run(rows, as_of=AS_OF, policy=None):
        rows = [dict(r, action_id=f"PA-{i + 1:03d}") if r.get("action_id") == "PA-001" else r
                for i, r in enumerate(rows)]
        path = tmp_path / f"pa-{next(counter)}.xlsx"
        api.build_template(KIND, path, entries=rows, policy=policy)
        return without_reviews(api.validate_workbook(path, as_of=as_of, policy=policy))

    return run


def test_clean_rows_raise_nothing(check):
    report = check([action(), completed()])
    assert report.findings == [] and report.rows == 2 and report.sheet == "Probation actions"


@pytest.mark.parametrize("field, cell, value, code, severity", [
    ("person_responsible", "H4", "Seniors", "person-responsible.group", "error"),
    ("person_responsible", "H4", "Ruth Adeyemi; Dee Marsh", "person-responsible.several",
     "warning"),
    ("mentor", "I4", "Day shift carers", "mentor.group", "warning"),
    ("mentor", "I4", "Everyone", "mentor.group", "warning"),
    ("mentor", "I4", "Dee Marsh and Jo Bell", "mentor.several", "warning"),
])
def test_people_answering_for_an_action_are_each_one_person(check, field, cell, value, code,
                                                            severity):
    report = check([action(**{field: value})])
    assert located(report) == {(code, cell)}
    assert report.findings[0].severity.value == severity


@pytest.mark.parametrize("field, value", [("person_responsible", "Onboarding lead Ruth Adeyemi"),
                                          ("mentor", "Marsh, Dee"), ("mentor", None)])
def test_one_person_or_no_mentor_is_clean(check, field, value):
    assert check([action(**{field: value})]).findings == []


@pytest.mark.parametrize("field, cell, code", [
    ("new_starter", "B4", "new-starter.missing"),
    ("start_date", "C4", "start-date.missing"),
    ("date_raised", "D4", "date-raised.missing"),
    ("induction_gap", "E4", "induction-gap.missing"),
    ("action", "F4", "action.missing"),
    ("deadline", "G4", "deadline.missing"),
    ("person_responsible", "H4", "person-responsible.missing"),
    ("status", "N4", "status.missing"),
    ("risk", "P4", "risk.missing"),
])
def test_required_field_blank(check, field, cell, code):
    assert located(check([action(**{field: None})])) == {(code, cell)}


def test_refs_missing_and_duplicated(check):
    report = check([action(), action(action_id="PA-5"), action(action_id="PA-5"),
                    action(action_id=None)])
    assert located(report) == {("probation.ref-duplicate", "A6"), ("probation.ref-missing", "A7")}


@pytest.mark.parametrize("field, cell", [("date_raised", "D4"), ("mentor_update", "M4"),
                                         ("verified_date", "Q4"), ("escalated_on", "U4")])
def test_dates_after_the_audit_date(check, field, cell):
    report = check([action(**{field: D(2026, 11, 23)})])
    assert ("probation.date-in-future", cell) in located(report)


def test_dates_in_the_wrong_order(check):
    report = check([action(date_raised=D(2026, 10, 1)), action(deadline=D(2026, 11, 13),
                                                               overdue_reason="Leave",
                                                               revised_review=D(2026, 11, 27))])
    assert {("probation.date-order", "D4"), ("probation.date-order", "G5")} <= located(report)


def test_mentor_update_older_than_a_week(check):
    assert located(check([action(mentor_update=D(2026, 11, 13))])) == {
        ("probation.mentor-update-stale", "M4")}
    assert check([action(mentor_update=D(2026, 11, 14))]).findings == []
    report = check([action(mentor_update=None, date_raised=D(2026, 11, 13),
                           verified_date=D(2026, 11, 13))])
    assert located(report) == {("probation.mentor-update-stale", "M4")}
    assert "no update since it was raised" in report.findings[0].message


def test_verification_older_than_a_fortnight(check):
    assert located(check([action(verified_date=D(2026, 11, 6), date_raised=D(2026, 11, 2))])) == {
        ("probation.verification-overdue", "Q4")}
    assert check([action(verified_date=D(2026, 11, 7), date_raised=D(2026, 11, 2))]).findings == []


def test_confidence_not_improving_after_support(check):
    for confidence in ("No change", "Lower"):
        report = check([action(support_sessions=2, confidence=confidence)])
        assert located(report) == {("probation.confidence-flat", "L4")}
    assert check([action(support_sessions=1, confidence="No change")]).findings == []
    assert check([completed(support_sessions=3, confidence="No change")]).findings == []


def test_completed_without_evidence_or_verification(check):
    report = check([completed(evidence_reviewed=None, verified_date=None)])
    assert located(report) == {("probation.completed-no-evidence", "O4"),
                               ("probation.completed-not-verified", "Q4")}


@pytest.mark.parametrize("evidence", ["seems confident now", "Done", "doing well, no concerns"])
def test_signed_off_on_an_impression(check, evidence):
    report = check([completed(evidence_reviewed=evidence)])
    assert located(report) == {("probation.evidence-vague", "O4")}
    # Signed off on it, an impression is no evidence: an error, as a blank would be.
    assert report.findings[0].severity.value == "error"


def test_impression_on_a_safe_practice_gap_is_an_error(check):
    report = check([completed(evidence_reviewed="seems confident", induction_gap="Medication")])
    assert located(report) == {("probation.evidence-vague", "O4")}
    assert report.findings[0].severity.value == "error"
    assert "medication gap" in report.findings[0].message
    named = completed(evidence_reviewed="Competency observation 19/11 signed",
                      induction_gap="Medication")
    assert check([named]).findings == []


def test_late_without_reason_or_revised_date(check):
    report = check([action(deadline=D(2026, 11, 20))])
    assert located(report) == {("probation.overdue", "G4"), ("probation.overdue-no-reason", "R4"),
                               ("probation.no-revised-date", "T4")}
    assert "is 1 day (0 working days) overdue" in report.findings[0].message
    assert check([action(deadline=AS_OF)]).findings == []


def test_failed_action_needs_reason_and_revised_date(check):
    report = check([action(status="Failed")])
    assert located(report) == {("probation.overdue-no-reason", "R4"),
                               ("probation.no-revised-date", "T4")}
    assert "is failed" in report.findings[0].message


@pytest.mark.parametrize("gap", ["Medication", "Moving and handling", "Safeguarding"])
def test_late_safe_practice_gap_needs_an_interim_restriction(check, gap):
    report = check([late(D(2026, 11, 20), induction_gap=gap)])
    assert located(report) == {("probation.overdue", "G4"), ("probation.no-restriction", "S4")}
    restricted = late(D(2026, 11, 20), induction_gap=gap, interim_restriction="Supervised only")
    assert located(check([restricted])) == {("probation.overdue", "G4")}


def test_more_than_five_working_days_late_is_escalated(check):
    # Due Thursday 12/11: Friday 13 to Friday 20 is six working days; Friday 13/11 is five.
    report = check([late(D(2026, 11, 12))])
    assert located(report) == {("probation.overdue", "G4"), ("probation.escalation-due", "U4")}
    escalation = next(f for f in report.findings if f.code == "probation.escalation-due")
    assert escalation.severity.value == "escalation"
    assert "more than 5 working days overdue" in escalation.message
    assert located(check([late(D(2026, 11, 13))])) == {("probation.overdue", "G4")}
    assert located(check([late(D(2026, 11, 12), escalated_on=D(2026, 11, 20))])) == {
        ("probation.overdue", "G4")}


def test_late_safe_practice_action_is_escalated_after_one_working_day(check):
    restricted = {"induction_gap": "Safeguarding", "interim_restriction": "No lone working"}
    # Due Wednesday 18/11: Thursday and Friday make two working days late; due Thursday, one.
    report = check([late(D(2026, 11, 18), **restricted)])
    assert ("probation.escalation-due", "U4") in located(report)
    assert "a late safeguarding action" in next(
        f.message for f in report.findings if f.code == "probation.escalation-due")
    assert "probation.escalation-due" not in codes(check([late(D(2026, 11, 19), **restricted)]))


def test_failed_safe_practice_action_is_escalated(check):
    failed = {"status": "Failed", "overdue_reason": "Assessment not passed",
                  "interim_restriction": "No medication rounds", "revised_review": D(2026, 11, 27)}
    report = check([action(induction_gap="Medication", **failed)])
    assert located(report) == {("probation.escalation-due", "U4")}
    assert "a failed medication action" in report.findings[0].message
    assert check([action(**failed)]).findings == []


def test_open_near_the_week_12_decision(check):
    # Started 07/09: the week-12 decision is on 30/11, nine days after AS_OF.
    report = check([action(start_date=D(2026, 9, 7))])
    assert located(report) == {("probation.near-decision", "C4")}
    assert "30/11/2026, in 9 days" in report.findings[0].message
    passed = check([action(start_date=D(2026, 8, 24))])
    assert "was due on 16/11/2026, 5 days ago" in passed.findings[0].message
    assert check([action(start_date=D(2026, 9, 14))]).findings == []
    assert check([action(start_date=D(2026, 9, 7), escalated_on=D(2026, 11, 20))]).findings == []
    assert check([completed(start_date=D(2026, 9, 7))]).findings == []


def test_same_induction_gap_raised_again(check):
    first = completed(date_raised=D(2026, 10, 19), deadline=D(2026, 11, 2),
                      verified_date=D(2026, 11, 2))
    report = check([first, action()])
    assert located(report) == {("probation.repeated-gap", "E5")}
    assert "repeats PA-001 (row 4)" in report.findings[0].message
    assert check([first, action(induction_gap="Communication")]).findings == []
    assert check([first, action(new_starter="Leah Quinn")]).findings == []


# -- working days by nation ------------------------------------------------------------------

EASTER = {"start_date": D(2026, 3, 2), "date_raised": D(2026, 3, 16), "deadline": D(2026, 4, 2),
              "mentor_update": D(2026, 4, 10), "verified_date": D(2026, 4, 10),
              "overdue_reason": "Mentor on leave", "revised_review": D(2026, 4, 20)}


def test_easter_monday_counts_in_scotland_but_not_in_england(check):
    """Due Thursday 2 April 2026. By Monday 13 April England has had five working days since
    (Good Friday and Easter Monday off); Scotland, which works Easter Monday, has had six."""
    assert SCOTLAND.calendar.working_days_after(D(2026, 4, 2), D(2026, 4, 13)) == 6
    england = check([action(**EASTER)], as_of=D(2026, 4, 13))
    assert located(england) == {("probation.overdue", "G4")}
    assert "11 days (5 working days) overdue" in england.findings[0].message
    scotland = check([action(**EASTER)], as_of=D(2026, 4, 13), policy=SCOTLAND)
    assert located(scotland) == {("probation.overdue", "G4"), ("probation.escalation-due", "U4")}
    assert "11 days (6 working days) overdue" in scotland.findings[0].message


def test_the_day_before_both_nations_agree(check):
    for policy in (None, SCOTLAND):
        report = check([action(**EASTER)], as_of=D(2026, 4, 10), policy=policy)
        assert located(report) == {("probation.overdue", "G4")}


# -- figures, escalations, audit ---------------------------------------------------------------

def test_figures_and_escalations(check):
    rows = [
        completed(new_starter="Leah Quinn"),                             # on time
        completed(new_starter="Owen Byrne", deadline=D(2026, 11, 18)),   # verified late
        late(D(2026, 11, 12)),                                           # > 5 working days
        action(induction_gap="Medication", status="Failed", overdue_reason="Not passed",
               interim_restriction="Supervised rounds", revised_review=D(2026, 11, 27)),
        action(date_raised=D(2026, 11, 18), mentor_update=D(2026, 11, 20)),  # a repeat gap
    ]
    report = check(rows)
    figures = {f.key: f.value for f in report.figures}
    assert figures == {
        "actions_opened": 5, "open": 2, "overdue": 1, "failed": 1,
        "on_time_closure_rate": 33.3, "repeated_overdue_themes": 0,
        "largest_manager_cluster": 1, "repeat_actions": 1, "to_escalate": 2,
    }
    assert [(e.row, e.reasons) for e in report.escalations] == [
        (6, ("more than 5 working days overdue",)), (7, ("a failed medication action",))]


def test_repeated_overdue_theme_figure(check):
    rows = [late(D(2026, 11, 18), new_starter=name) for name in ("A Kaur", "B Lowe", "C Mudd")]
    figure = next(f for f in check(rows).figures if f.key == "repeated_overdue_themes")
    assert (figure.value, figure.note) == (1, ("Areas with 3 or more overdue or failed actions: "
                                              "Record keeping (3)."))


def test_audit_workbook(tmp_path):
    path = tmp_path / "returned.xlsx"
    api.build_template(KIND, path, entries=[late(D(2026, 11, 12)), completed(action_id="PA-2")])
    report, out = api.write_audit(path, tmp_path / "audit.xlsx", as_of=AS_OF)
    book = openpyxl.load_workbook(out)
    assert "Probation actions" in book.sheetnames
    assert [r[1] for r in book["Escalations"].iter_rows(min_row=2, values_only=True)] == ["PA-001"]
    assert report.escalations_due == 1


def test_sample_is_what_its_script_writes(tmp_path):
    """The committed sample is exactly what make_sample.py writes, and its escalations are
    the ones its README describes."""
    script = runpy.run_path(str(ROOT / "samples" / "brookside-probation" / "make_sample.py"))
    fresh = tmp_path / "fresh.xlsx"
    api.build_template(KIND, fresh, entries=script["ROWS"], reviews=script["REVIEWS"])
    assert fresh.read_bytes() == script["SAMPLE"].read_bytes()
    report = api.validate_workbook(script["SAMPLE"], as_of=AS_OF)
    assert sorted(f.cell for f in report.findings if f.severity.value == "escalation") == ["U10", "U15", "U18"]
