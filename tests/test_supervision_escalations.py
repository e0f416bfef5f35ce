"""The supervision-escalations tracker (article, Operational Example 2): every code at its cell.

Columns: A ref, B staff, C concern, D threshold, E confirmed, F escalated, G line manager,
H corrective action, I plan signed, J review meeting, K recheck method, L target date,
M observations, N audit findings, O last check, P progress, Q recheck result, R last review,
S reviews missed, T compliance, U risk, V decision, W senior oversight, X improvement plan ref,
Y outcome, Z date closed, AA closure evidence, AB HR pathway. AS_OF (21/11/2026) is a Saturday.
"""

import runpy
from datetime import date

import openpyxl
import pytest
from conftest import AS_OF, ROOT, codes, located, without_reviews

from tracker_tool import api

KIND = "supervision-escalations"
D = date


def case(**changes) -> dict:
    """A well-kept open case that raises nothing on AS_OF; tests change one thing."""
    row = {
        "case_id": "EC-001", "staff_name": "Jo Bell", "concern": "Documentation",
        "threshold": "Third late-notes action in 8 weeks", "date_confirmed": D(2026, 11, 9),
        "date_escalated": D(2026, 11, 9), "line_manager": "Ruth Adeyemi",
        "corrective_action": "Write notes before leaving shift; 10 notes audited weekly",
        "plan_signed": D(2026, 11, 10), "review_meeting": D(2026, 11, 23),
        "recheck_method": "Record audit", "target_date": D(2026, 12, 21), "observations": 2,
        "audit_findings": "9 of 10 notes on time",
        "last_check": D(2026, 11, 20), "progress": "Some progress", "recheck_result": "Passed",
        "last_review": D(2026, 11, 20), "reviews_missed": 0, "compliance": "Fully followed",
        "risk": "Medium", "decision": "Continue plan", "outcome": "Open",
    }
    row.update(changes)
    return row


def closed(**changes) -> dict:
    return case(**{"outcome": "Closed: improvement sustained", "date_closed": D(2026, 11, 20),
                   "decision": "Close case", "progress": "Targets met",
                   "closure_evidence": "Notes audits AUD-N-31 to 34; review form 20/11",
                   "hr_pathway": "No formal pathway", **changes})


@pytest.fixture
def check(tmp_path):
    counter = iter(range(10_000))

    def run(rows):
        rows = [dict(r, case_id=f"EC-{i + 1:03d}") if r.get("case_id") == "EC-001" else r
                for i, r in enumerate(rows)]
        path = tmp_path / f"ec-{next(counter)}.xlsx"
        api.build_template(KIND, path, entries=rows)
        return without_reviews(api.validate_workbook(path, as_of=AS_OF))

    return run


def test_clean_cases_raise_nothing(check):
    report = check([case(), closed()])
    assert report.findings == [] and report.rows == 2 and report.sheet == "Escalated cases"


@pytest.mark.parametrize("manager, code, severity", [
    ("Night team", "line-manager.group", "error"),
    ("Management", "line-manager.group", "error"),
    ("Ruth Adeyemi & Tom Becket", "line-manager.several", "warning"),
])
def test_line_manager_is_one_named_person(check, manager, code, severity):
    report = check([case(line_manager=manager)])
    assert located(report) == {(code, "G4")}
    assert report.findings[0].severity.value == severity


@pytest.mark.parametrize("manager", ["Deputy manager Tom Becket", "Becket, Tom"])
def test_line_manager_named_as_one_person_is_clean(check, manager):
    assert check([case(line_manager=manager)]).findings == []


@pytest.mark.parametrize("field, cell, code", [
    ("staff_name", "B4", "staff-name.missing"),
    ("concern", "C4", "concern.missing"),
    ("threshold", "D4", "threshold.missing"),
    ("date_confirmed", "E4", "date-confirmed.missing"),
    ("date_escalated", "F4", "date-escalated.missing"),
    ("line_manager", "G4", "line-manager.missing"),
    ("corrective_action", "H4", "corrective-action.missing"),
    ("review_meeting", "J4", "review-meeting.missing"),
    ("recheck_method", "K4", "recheck-method.missing"),
    ("target_date", "L4", "target-date.missing"),
    ("risk", "U4", "risk.missing"),
    ("outcome", "Y4", "outcome.missing"),
])
def test_required_field_blank(check, field, cell, code):
    assert located(check([case(**{field: None})])) == {(code, cell)}


def test_refs_missing_and_duplicated(check):
    report = check([case(), case(case_id="EC-7"), case(case_id="ec-7", line_manager="Ann Lee"),
                    case(case_id=None, line_manager="Bo Chan")])
    assert located(report) == {("case.ref-duplicate", "A6"), ("case.ref-missing", "A7")}


@pytest.mark.parametrize("field, cell", [
    ("date_escalated", "F4"), ("plan_signed", "I4"), ("last_check", "O4"), ("last_review", "R4"),
    ("senior_oversight", "W4"), ("date_closed", "Z4")])
def test_dates_after_the_audit_date(check, field, cell):
    row = closed(**{field: D(2026, 11, 22)})
    assert ("case.date-in-future", cell) in located(check([row]))


@pytest.mark.parametrize("changes, cell", [
    ({"date_confirmed": D(2026, 11, 10)}, "F4"),
    ({"plan_signed": D(2026, 11, 8)}, "I4"),
    ({"date_closed": D(2026, 11, 8)}, "Z4"),
])
def test_dates_in_the_wrong_order(check, changes, cell):
    assert ("case.date-order", cell) in located(check([closed(**changes)]))


def test_case_opened_more_than_one_working_day_after_the_concern(check):
    # Confirmed Friday 13/11: Monday is within a working day, Tuesday is not.
    report = check([case(date_confirmed=D(2026, 11, 13), date_escalated=D(2026, 11, 17),
                         plan_signed=D(2026, 11, 17))])
    assert located(report) == {("case.opened-late", "F4")}
    assert "2 working days" in report.findings[0].message
    assert check([case(date_confirmed=D(2026, 11, 13), date_escalated=D(2026, 11, 16),
                       plan_signed=D(2026, 11, 16))]).findings == []


def test_plan_signed_more_than_a_day_after_the_case_opened(check):
    assert located(check([case(plan_signed=D(2026, 11, 11))])) == {("case.plan-late", "I4")}


def test_plan_not_signed(check):
    opened = {"date_confirmed": D(2026, 11, 19), "date_escalated": D(2026, 11, 19),
              "plan_signed": None}
    assert located(check([case(**opened)])) == {("case.plan-unsigned", "I4")}
    just_opened = dict(opened, date_confirmed=D(2026, 11, 20), date_escalated=D(2026, 11, 20))
    assert check([case(**just_opened)]).findings == []


def test_monitoring_not_kept_up(check):
    assert located(check([case(last_check=D(2026, 11, 13))])) == {("case.monitoring-stale", "O4")}
    assert check([case(last_check=D(2026, 11, 14))]).findings == []
    assert check([closed(last_check=D(2026, 10, 1))]).findings == []


def test_fortnightly_review_overdue(check):
    assert located(check([case(last_review=D(2026, 11, 6))])) == {("case.review-overdue", "R4")}
    assert check([case(last_review=D(2026, 11, 7))]).findings == []


def test_open_past_the_target_date(check):
    assert located(check([case(target_date=D(2026, 11, 20))])) == {("case.overdue", "L4")}
    assert check([case(target_date=AS_OF)]).findings == []


def test_two_missed_reviews_need_senior_oversight(check):
    report = check([case(reviews_missed=2)])
    assert located(report) == {("case.missed-reviews", "S4")}
    assert report.findings[0].severity.value == "escalation"
    # One recorded, one more since the last review (15 days ago) makes two.
    report = check([case(reviews_missed=1, last_review=D(2026, 11, 6))])
    assert located(report) == {("case.missed-reviews", "S4"), ("case.review-overdue", "R4")}
    assert "1 recorded, 1 more since the last review" in next(
        f.message for f in report.findings if f.code == "case.missed-reviews")
    assert check([case(reviews_missed=1)]).findings == []


@pytest.mark.parametrize("changes", [{"risk": "High"},
                                     {"concern": "Medication practice", "risk": "Low"}])
def test_failed_high_risk_recheck_needs_senior_oversight(check, changes):
    report = check([case(recheck_result="Failed", **changes)])
    assert located(report) == {("case.failed-recheck", "Q4")}


def test_failed_recheck_on_a_lower_risk_case_is_not_escalated(check):
    assert check([case(recheck_result="Failed")]).findings == []


@pytest.mark.parametrize("progress", ["No measurable progress", None])
def test_no_measurable_progress_after_28_days(check, progress):
    opened = {"date_confirmed": D(2026, 10, 24), "date_escalated": D(2026, 10, 24),
                  "plan_signed": D(2026, 10, 25)}
    report = check([case(progress=progress, **opened)])
    assert located(report) == {("case.no-progress", "P4")}
    day_27 = {"date_confirmed": D(2026, 10, 25), "date_escalated": D(2026, 10, 25),
                  "plan_signed": D(2026, 10, 25)}
    assert check([case(progress=progress, **day_27)]).findings == []


def test_senior_oversight_recorded_but_not_on_the_improvement_plan(check):
    report = check([case(reviews_missed=2, senior_oversight=D(2026, 11, 13))])
    assert located(report) == {("case.not-on-plan", "X4")}
    assert "13/11/2026" in report.findings[0].message
    assert check([case(reviews_missed=2, senior_oversight=D(2026, 11, 13),
                       improvement_plan_ref="SIP-12")]).findings == []


def test_closed_without_evidence_or_date(check):
    report = check([closed(closure_evidence=None, date_closed=None)])
    assert located(report) == {("case.closed-no-evidence", "AA4"), ("case.closed-no-date", "Z4")}


@pytest.mark.parametrize("pathway", ["No formal pathway", None])
def test_formal_hr_process_without_its_pathway(check, pathway):
    report = check([closed(outcome="Closed: formal HR process", hr_pathway=pathway)])
    assert located(report) == {("case.hr-pathway-missing", "AB4")}
    assert check([closed(outcome="Closed: formal HR process",
                         hr_pathway="Capability procedure")]).findings == []


@pytest.mark.parametrize("changes", [{"recheck_result": "Failed"},
                                     {"progress": "No measurable progress"}])
def test_closed_as_improved_against_the_evidence(check, changes):
    report = check([closed(**changes)])
    assert located(report) == {("case.closed-unproven", "Y4")}
    assert report.findings[0].severity.value == "error"


def test_final_review_decision_not_acted_on(check):
    # Reviewed Wednesday 18/11 with a decision to close; Thursday and Friday have passed.
    report = check([case(decision="Close case", last_review=D(2026, 11, 18))])
    assert located(report) == {("case.closure-delayed", "V4")}
    assert check([case(decision="Start formal HR process",
                       last_review=D(2026, 11, 19))]).findings == []


def test_same_concern_escalated_again_within_60_days(check):
    earlier = closed(date_confirmed=D(2026, 8, 17), date_escalated=D(2026, 8, 17),
                     plan_signed=D(2026, 8, 18), date_closed=D(2026, 10, 1),
                     last_check=D(2026, 9, 30), last_review=D(2026, 9, 30))
    report = check([earlier, case()])
    assert located(report) == {("case.repeat-escalation", "C5")}
    assert "closed 39 days before this one opened" in report.findings[0].message
    long_ago = dict(earlier, date_closed=D(2026, 9, 1), last_check=D(2026, 8, 31),
                    last_review=D(2026, 8, 31))
    assert check([long_ago, case()]).findings == []
    assert check([earlier, case(concern="Shift reliability")]).findings == []


def test_open_cases_clustering_on_one_manager(check):
    rows = [case(line_manager="Gareth Price", staff_name=s) for s in ("A Kaur", "B Lowe", "C Mudd")]
    report = check(rows + [case()])
    assert located(report) == {("case.manager-cluster", None)}
    assert "Gareth Price is line manager for 3 of the 4 open cases" in report.findings[0].message
    assert check(rows[:2] + [case(), case()]).findings == []


def test_figures_and_escalations(check):
    rows = [
        closed(),                                                         # within target
        closed(target_date=D(2026, 11, 13), date_closed=D(2026, 11, 20)),  # late
        case(target_date=D(2026, 11, 16)),                                # open past target
        case(reviews_missed=2),                                           # senior oversight
        case(recheck_result="Failed", risk="High", line_manager="Gareth Price"),
    ]
    report = check(rows)
    figures = {f.key: f.value for f in report.figures}
    assert figures == {
        "cases_opened": 5, "open": 3, "overdue": 1, "on_time_closure_rate": 33.3,
        "repeated_overdue_themes": 0, "largest_manager_cluster": 1, "repeat_escalations": 0,
        "to_escalate": 2,
    }
    assert [(e.row, e.reasons) for e in report.escalations] == [
        (7, ("2 fortnightly reviews missed",)),
        (8, ("failed recheck, remaining risk High",)),
    ]
    assert report.escalations[1].owner == "Gareth Price"


def test_audit_workbook(tmp_path):
    path = tmp_path / "returned.xlsx"
    api.build_template(KIND, path, entries=[case(reviews_missed=3)])
    report, out = api.write_audit(path, tmp_path / "audit.xlsx", as_of=AS_OF)
    book = openpyxl.load_workbook(out)
    assert "Escalated cases" in book.sheetnames and "Escalations" in book.sheetnames
    assert [r[1] for r in book["Escalations"].iter_rows(min_row=2, values_only=True)] == ["EC-001"]
    assert codes(without_reviews(report)) == {"case.missed-reviews"}


def test_sample_is_what_its_script_writes(tmp_path):
    """The committed sample is exactly what make_sample.py writes, and its escalations are
    the ones its README describes."""
    script = runpy.run_path(str(ROOT / "samples" / "brookside-escalations" / "make_sample.py"))
    fresh = tmp_path / "fresh.xlsx"
    api.build_template(KIND, fresh, entries=script["ROWS"], reviews=script["REVIEWS"])
    assert fresh.read_bytes() == script["SAMPLE"].read_bytes()
    report = api.validate_workbook(script["SAMPLE"], as_of=AS_OF)
    assert sorted(f.cell for f in report.findings if f.severity.value == "escalation") == ["P12", "Q10", "S11"]
