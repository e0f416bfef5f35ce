"""The performance improvement plan tracker: every finding code with a triggering case and a
near miss, located by (code, sheet, cell).

Plan sheet items are in column C from row 3: C3 employee, C4 manager, C5 date agreed,
C6 stage, C7 revision, C8 dates of earlier plans, C9 employee signed, C10 manager signed.
Action rows start at Excel row 4; columns follow the template (v1.0): A action no, B area,
C required level, D gap, E patient-safety risk, F measures, G agreed actions, H support,
I timescale, J monitoring, K next formal review, L measure, M date to reach the level,
N last review held, O outcome, P rating, Q further actions.
"""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from conftest import AS_OF, ROOT

from tracker_tool import api
from tracker_tool.core.findings import Severity

KIND = "performance-plan"
PLAN, TABLE = "Plan", "Improvement actions"
D = date


def clean_plan(**changes) -> dict:
    plan = {"employee": "Sam Okoro", "manager": "Ruth Adeyemi", "date_agreed": D(2026, 10, 5),
            "stage": "Stage 1 (informal)", "revision": "No",
            "employee_signed": D(2026, 10, 5), "manager_signed": D(2026, 10, 5)}
    plan.update(changes)
    return plan


def clean_action(**changes) -> dict:
    """A well-kept action, reviewed once and not yet at its end date: nothing on AS_OF."""
    row = {
        "action_no": "1", "area": "Complete visit records on time",
        "required_level": "Every visit recorded before the end of the shift",
        "gap": "Audit of 30 records in September found 8 entered a day late",
        "safety_risk": "No", "agreed_actions": "Write up each visit before the next one",
        "support": "Protected 30 minutes at the end of each shift",
        "timescale": "Immediately", "monitoring": "Weekly supervision",
        "review_date": D(2026, 11, 30), "measure": "Monthly audit of 20 records",
        "end_date": D(2026, 12, 14), "reviewed_on": D(2026, 11, 2),
        "outcome": "October audit: 3 of 20 late", "rating": "Partially met",
        "further_actions": "Keep the protected time to 14/12",
    }
    row.update(changes)
    return row


@pytest.fixture
def check(tmp_path):
    counter = iter(range(1, 10_000))

    def run(rows=None, plan=None):
        path = tmp_path / f"pip-{next(counter)}.xlsx"
        api.build_template(KIND, path, entries=[clean_action()] if rows is None else rows,
                           plan=clean_plan() if plan is None else plan)
        return api.validate_workbook(path, as_of=AS_OF)

    return run


def located(report) -> set[tuple[str, str | None, str | None]]:
    return {(f.code, f.sheet, f.cell) for f in report.findings}


def one(report, code):
    found = [f for f in report.findings if f.code == code]
    assert len(found) == 1, report.findings
    return found[0]


def test_a_kept_plan_raises_nothing(check):
    report = check([clean_action(), clean_action(action_no="2", safety_risk="Yes",
                                                 safety_measures="Every entry checked")])
    assert located(report) == set()


# -- the plan sheet ------------------------------------------------------------------------

@pytest.mark.parametrize("key, cell, code, severity", [
    ("employee", "C3", "employee.missing", Severity.ERROR),
    ("manager", "C4", "manager.missing", Severity.ERROR),
    ("date_agreed", "C5", "date-agreed.missing", Severity.ERROR),
    ("stage", "C6", "stage.missing", Severity.ERROR),
    ("revision", "C7", "revision.missing", Severity.WARNING),
    ("employee_signed", "C9", "employee-signed.missing", Severity.WARNING),
    ("manager_signed", "C10", "manager-signed.missing", Severity.WARNING),
])
def test_missing_header_facts_are_found_on_the_plan_sheet(check, key, cell, code, severity):
    report = check(plan=clean_plan(**{key: None}))
    assert located(report) == {(code, PLAN, cell)}
    finding = one(report, code)
    assert finding.severity is severity and finding.clause == "PIP header"
    assert finding.message.startswith("The plan: ")


def test_placeholder_in_a_header_item_counts_as_missing(check):
    report = check(plan=clean_plan(manager="TBC"))
    assert "placeholder 'TBC'" in one(report, "manager.missing").message


def test_earlier_plans_item_is_optional_for_a_first_plan(check):
    assert located(check(plan=clean_plan(revision="No", earlier_plans=None))) == set()


def test_revision_without_the_earlier_plans_dates(check):
    report = check(plan=clean_plan(revision="Yes", stage="Stage 2 (formal)"))
    assert located(report) == {("revision.no-earlier-dates", PLAN, "C8")}
    assert one(report, "revision.no-earlier-dates").severity is Severity.WARNING


def test_revision_with_the_earlier_plans_dates_is_clean(check):
    plan = clean_plan(revision="Yes", stage="Stage 2 (formal)",
                      earlier_plans="Stage 1 plan agreed 04/05/2026")
    assert located(check(plan=plan)) == set()


@pytest.mark.parametrize("manager, code, severity", [
    ("HR team", "manager.group", Severity.ERROR),
    ("Management", "manager.group", Severity.ERROR),
    ("Ruth Adeyemi and Tom Becket", "manager.several", Severity.WARNING),
    ("Ruth Adeyemi / Tom Becket", "manager.several", Severity.WARNING),
])
def test_the_manager_is_one_named_person(check, manager, code, severity):
    report = check(plan=clean_plan(manager=manager))
    assert located(report) == {(code, PLAN, "C4")}
    assert one(report, code).severity is severity
    assert one(report, code).message.startswith("The plan")


@pytest.mark.parametrize("manager", ["Team leader Ruth Adeyemi", "Adeyemi, Ruth",
                                     "Dr R. Adeyemi"])
def test_a_manager_named_as_one_person_is_clean(check, manager):
    assert located(check(plan=clean_plan(manager=manager))) == set()


def test_header_dates_after_the_audit_date(check):
    report = check(plan=clean_plan(date_agreed=D(2026, 11, 25), employee_signed=D(2026, 11, 25),
                                   manager_signed=AS_OF))
    assert ("dates.in-future", PLAN, "C5") in located(report)
    assert ("dates.in-future", PLAN, "C9") in located(report)
    assert ("dates.in-future", PLAN, "C10") not in located(report)  # the audit day itself


def test_bad_header_cells_are_located_on_the_plan_sheet(check):
    report = check(plan=clean_plan(stage="Stage 3", date_agreed="31/09/2026"))
    assert {("choice.not-allowed", PLAN, "C6"), ("date.impossible", PLAN, "C5")} <= located(report)


def test_plan_findings_come_before_the_tables(check):
    report = check([clean_action(support=None)], plan=clean_plan(manager=None))
    assert [(f.code, f.sheet) for f in report.findings] == [
        ("manager.missing", PLAN), ("support.missing", TABLE)]


def test_missing_plan_sheet_is_reported_and_row_checks_still_run(tmp_path):
    path = tmp_path / "pip.xlsx"
    api.build_template(KIND, path, entries=[clean_action(safety_risk="Yes")], plan=clean_plan())
    book = openpyxl.load_workbook(path)
    del book[PLAN]
    book.save(path)
    report = api.validate_workbook(path, as_of=AS_OF)
    assert {f.code for f in report.findings} >= {"plan.missing-sheet",
                                                  "patient-safety.no-measures"}


# -- the action table ----------------------------------------------------------------------

@pytest.mark.parametrize("key, cell, code, severity", [
    ("area", "B4", "area.missing", Severity.ERROR),
    ("required_level", "C4", "required-level.missing", Severity.ERROR),
    ("gap", "D4", "gap.missing", Severity.ERROR),
    ("safety_risk", "E4", "patient-safety.missing", Severity.ERROR),
    ("agreed_actions", "G4", "agreed-actions.missing", Severity.ERROR),
    ("support", "H4", "support.missing", Severity.WARNING),
    ("timescale", "I4", "timescale.missing", Severity.WARNING),
    ("review_date", "K4", "review-date.missing", Severity.WARNING),
    ("measure", "L4", "measure.missing", Severity.ERROR),
    ("end_date", "M4", "end-date.missing", Severity.ERROR),
])
def test_required_action_columns(check, key, cell, code, severity):
    report = check([clean_action(**{key: None})])
    assert located(report) == {(code, TABLE, cell)}
    assert one(report, code).severity is severity


def test_support_written_as_na_counts_as_missing(check):
    assert located(check([clean_action(support="n/a")])) == {("support.missing", TABLE, "H4")}


def test_action_numbers_missing_and_duplicated(check):
    report = check([clean_action(action_no=None), clean_action(action_no="2"),
                    clean_action(action_no="2")])
    assert located(report) == {("action-no.missing", TABLE, "A4"),
                               ("action-no.duplicate", TABLE, "A6")}


def test_number_only_rows_are_not_actions(check):
    """The form comes pre-numbered; a number alone is an unused row."""
    report = check([clean_action(), {"action_no": "2"}, {"action_no": "3"}])
    assert located(report) == set() and report.rows == 1


def test_a_plan_with_no_actions(check):
    report = check(rows=[])
    assert located(report) == {("actions.none", TABLE, None)}
    assert one(report, "actions.none").severity is Severity.ERROR


def test_patient_safety_risk_without_measures(check):
    report = check([clean_action(safety_risk="Yes")])
    assert located(report) == {("patient-safety.no-measures", TABLE, "F4")}
    finding = one(report, "patient-safety.no-measures")
    assert finding.severity is Severity.ERROR and finding.message.startswith("Action 1 (row 4)")


@pytest.mark.parametrize("changes", [
    {"safety_risk": "No", "safety_measures": None},
    {"safety_risk": "Yes", "safety_measures": "Supernumerary for four weeks"},
])
def test_patient_safety_near_misses(check, changes):
    assert located(check([clean_action(**changes)])) == set()


def test_patient_safety_measures_as_placeholder(check):
    report = check([clean_action(safety_risk="Yes", safety_measures="tbc")])
    assert located(report) == {("patient-safety.no-measures", TABLE, "F4")}


# -- reviews -------------------------------------------------------------------------------

def test_planned_review_passed_with_no_review(check):
    report = check([clean_action(review_date=D(2026, 11, 9), reviewed_on=D(2026, 10, 12))])
    assert located(report) == {("review.missed", TABLE, "K4")}
    finding = one(report, "review.missed")
    assert finding.severity is Severity.WARNING and "12 days ago" in finding.message


def test_missed_review_of_a_patient_safety_risk_is_an_error(check):
    report = check([clean_action(review_date=D(2026, 11, 9), reviewed_on=None, outcome=None,
                                 rating=None, further_actions=None, safety_risk="Yes",
                                 safety_measures="Supervised practice")])
    finding = one(report, "review.missed")
    assert finding.severity is Severity.ERROR and "patient safety" in finding.message


@pytest.mark.parametrize("changes", [
    {"review_date": D(2026, 11, 9), "reviewed_on": D(2026, 11, 9)},  # held on the day
    {"review_date": D(2026, 11, 9), "reviewed_on": D(2026, 11, 16)},  # held late, but held
    {"review_date": AS_OF, "reviewed_on": D(2026, 10, 12)},  # due today: not passed yet
])
def test_planned_review_near_misses(check, changes):
    assert located(check([clean_action(**changes)])) == set()


def test_end_of_period_passed_with_no_review(check):
    report = check([clean_action(review_date=D(2026, 11, 30), end_date=D(2026, 11, 16),
                                 reviewed_on=D(2026, 11, 2))])
    assert located(report) == {("end-date.no-review", TABLE, "M4")}
    assert "5 days ago" in one(report, "end-date.no-review").message


def test_end_of_period_reviewed_on_the_day_is_clean(check):
    report = check([clean_action(review_date=D(2026, 11, 30), end_date=D(2026, 11, 16),
                                 reviewed_on=D(2026, 11, 16), rating="Met",
                                 further_actions=None)])
    assert located(report) == set()


def test_a_missed_final_review_is_reported_once(check):
    report = check([clean_action(review_date=D(2026, 11, 16), end_date=D(2026, 11, 16),
                                 reviewed_on=D(2026, 10, 19))])
    assert located(report) == {("review.missed", TABLE, "K4")}


def test_review_outcome_without_a_date(check):
    report = check([clean_action(reviewed_on=None)])
    assert located(report) == {("review.undated", TABLE, "N4")}
    assert "outcome, rating and further actions" in one(report, "review.undated").message


def test_no_review_yet_is_not_an_undated_review(check):
    report = check([clean_action(reviewed_on=None, outcome=None, rating=None,
                                 further_actions=None)])
    assert located(report) == set()


def test_review_without_a_rating(check):
    report = check([clean_action(rating=None)])
    assert located(report) == {("review.no-rating", TABLE, "P4")}


def test_unreadable_rating_is_not_also_a_missing_rating(check):
    report = check([clean_action(rating="Nearly")])
    assert located(report) == {("choice.not-allowed", TABLE, "P4")}


def test_not_met_at_the_end_with_no_next_step(check):
    report = check([clean_action(end_date=D(2026, 11, 16), reviewed_on=D(2026, 11, 16),
                                 rating="Not met", further_actions=None)])
    assert located(report) == {("end-date.no-next-step", TABLE, "Q4")}
    finding = one(report, "end-date.no-next-step")
    assert finding.severity is Severity.ERROR
    assert "'Not met' at the review on 16/11/2026" in finding.message


def test_partially_met_at_the_end_with_no_next_step_is_a_warning(check):
    report = check([clean_action(end_date=D(2026, 11, 16), reviewed_on=D(2026, 11, 18),
                                 rating="Partially met", further_actions=None)])
    assert one(report, "end-date.no-next-step").severity is Severity.WARNING


def test_undated_not_met_after_the_end_date_still_needs_a_next_step(check):
    report = check([clean_action(end_date=D(2026, 11, 16), review_date=D(2026, 11, 16),
                                 reviewed_on=None, rating="Not met", further_actions=None,
                                 outcome=None)])
    assert {("end-date.no-next-step", TABLE, "Q4"), ("review.undated", TABLE, "N4")} \
        <= located(report)


@pytest.mark.parametrize("changes", [
    # the next step is recorded
    {"end_date": D(2026, 11, 16), "reviewed_on": D(2026, 11, 16), "rating": "Not met",
     "further_actions": "Move to Stage 2 at a formal meeting on 30/11"},
    # not met at an interim review, with the end still ahead (a blank further action there
    # is review.short-no-further-actions, tested in test_completion_decisions.py)
    {"reviewed_on": D(2026, 11, 2), "rating": "Not met",
     "further_actions": "Weekly mentor sessions to 14/12"},
    # met at the end: nothing further is needed
    {"end_date": D(2026, 11, 16), "reviewed_on": D(2026, 11, 16), "rating": "Met",
     "further_actions": None},
])
def test_next_step_near_misses(check, changes):
    assert located(check([clean_action(**changes)])) == set()


# -- dates ---------------------------------------------------------------------------------

def test_review_held_after_the_audit_date(check):
    report = check([clean_action(reviewed_on=D(2026, 11, 24))])
    assert located(report) == {("dates.in-future", TABLE, "N4")}


@pytest.mark.parametrize("key, cell", [("end_date", "M4"), ("review_date", "K4"),
                                       ("reviewed_on", "N4")])
def test_action_dates_before_the_plan_was_agreed(check, key, cell):
    report = check([clean_action(**{key: D(2026, 9, 28)})], plan=clean_plan())
    assert ("dates.order", TABLE, cell) in located(report)
    assert "before the date the plan was agreed (05/10/2026)" in one(report, "dates.order").message


def test_dates_on_the_day_the_plan_was_agreed_are_in_order(check):
    report = check([clean_action(reviewed_on=D(2026, 10, 5))])
    assert located(report) == set()


# -- figures, audit and the sample ---------------------------------------------------------

def test_figures(check):
    report = check([
        clean_action(),
        clean_action(action_no="2", safety_risk="Yes"),
        clean_action(action_no="3", safety_risk="Yes", safety_measures="Supervised",
                     review_date=D(2026, 11, 9)),
        clean_action(action_no="4", end_date=D(2026, 11, 16), reviewed_on=D(2026, 11, 16),
                     rating="Not met", further_actions=None),
        clean_action(action_no="5", end_date=D(2026, 11, 16), review_date=D(2026, 11, 30),
                     reviewed_on=D(2026, 11, 2), rating="Met"),
    ])
    figures = {f.key: f.value for f in report.figures}
    assert figures == {
        "actions": 5, "safety_risks": 2, "safety_without_measures": 1, "reviews_missed": 1,
        "met": 1, "partially_met": 3, "not_met": 1, "past_end_date": 2,
        "end_not_reviewed": 1, "short_without_next_step": 1,
    }


def test_audit_workbook_lists_plan_findings(tmp_path):
    path = tmp_path / "pip.xlsx"
    api.build_template(KIND, path, entries=[clean_action(safety_risk="Yes")],
                       plan=clean_plan(manager_signed=None))
    _report, out = api.write_audit(path, tmp_path / "audit.xlsx", as_of=AS_OF)
    book = openpyxl.load_workbook(out)
    assert TABLE in book.sheetnames
    rows = [[c.value for c in row] for row in book["Findings"].iter_rows(min_row=2)]
    assert [(r[1], r[2]) for r in rows] == [("manager-signed.missing", "Plan!C10"),
                                            ("patient-safety.no-measures", "F4")]
    summary = [row[0] for row in book["Summary"].iter_rows(values_only=True)]
    assert "Patient-safety risks without measures" in summary


def test_sample_is_regenerated_by_its_script_and_shows_each_fault(tmp_path):
    import importlib.util

    folder = ROOT / "samples" / "hollybrook-performance-plan"
    spec = importlib.util.spec_from_file_location("make_pip_sample", folder / "make_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = tmp_path / "fresh.xlsx"
    api.build_template(KIND, fresh, entries=module.ROWS, plan=module.PLAN)
    assert fresh.read_bytes() == module.SAMPLE.read_bytes()
    report = api.validate_workbook(module.SAMPLE, as_of=AS_OF)
    assert located(report) == {
        ("manager-signed.missing", PLAN, "C10"),
        ("patient-safety.no-measures", TABLE, "F5"),
        ("end-date.no-next-step", TABLE, "Q6"),
        ("support.missing", TABLE, "H7"),
        ("review.missed", TABLE, "K7"),
    }


def test_instructions_keep_the_plan_with_hr_records():
    from tracker_tool.trackers import get_tracker

    assert any("HR records" in p and "service-quality return" in p
               for p in get_tracker(KIND).instructions)
