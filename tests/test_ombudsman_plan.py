"""The Ombudsman action plan tracker: every finding code with a triggering case and a near miss.

Findings are asserted by (code, sheet, cell). The Plan sheet holds its items in column C from
row 3: C3 case reference, C4 organisation, C5 address, C6 report date, C7 failings found,
C8 complaint handling found, C9 plan due, C10 plan sent, C11 plan accepted, C12 plan review
date, C13 complainant's involvement, C14 how they are included, C15 who must receive the plan,
C16 regulator, C17 report with the regulator's copy, C18 personal details removed, C19 sent to
everyone listed, C20 progress updates.

Actions start at Excel row 4: A id, B failing number, C failing, D complaint handling?,
E action, F responsible, G start, H target completion, I standards, J how compliance is
assured, K how reviewed, L review date, M review result, N monitoring, O impact measure,
P status, Q date completed, R evidence, S progress.
"""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from conftest import AS_OF

from tracker_tool import api
from tracker_tool.core.findings import Severity
from tracker_tool.policy.service_policy import ServicePolicy
from tracker_tool.check.personal_data import find_personal

KIND = "ombudsman-plan"


def plan_facts(**changes) -> dict:
    """A complete plan for a report with two failings, the second about complaint handling."""
    facts = {
        "case_ref": "C-2026-0417", "organisation": "Wrenford Community Health NHS Trust",
        "organisation_address": "Trust HQ, 1 Example Road, Wrenford",
        "report_date": date(2026, 9, 2), "failings_found": 2, "complaint_handling_found": "Yes",
        "plan_due": date(2026, 10, 2), "plan_sent": date(2026, 9, 30),
        "plan_accepted": date(2026, 10, 14), "review_date": date(2026, 12, 15),
        "complainant_involvement": "Consulted on the draft",
        "complainant_how": "Draft shared for comment; letter every 6 weeks until done",
        "send_to": "The complainant; Care Quality Commission; Wrenford ICB",
        "regulator": "Care Quality Commission", "report_with_regulator_copy": "Yes",
        "personal_details_removed": "Yes", "sent_date": date(2026, 10, 21),
        "progress_updates": "Quarterly update letter from the patient safety team",
    }
    facts.update(changes)
    return facts


def omb_action(**changes) -> dict:
    """A fully explained open action on failing 1 that raises nothing on AS_OF."""
    row = {
        "action_id": "1.1", "failing_ref": 1,
        "failing": "Deterioration was not escalated to the doctor overnight",
        "complaint_handling": "No",
        "action": "Add an escalation prompt to the observation chart and train ward nurses",
        "responsible": "Ward 7 nursing team", "start_date": date(2026, 10, 1),
        "due_date": date(2026, 12, 31), "standards": "NEWS2 (Royal College of Physicians)",
        "standards_assurance": "New chart checked against NEWS2 by the deteriorating patient "
                               "group",
        "review_how": "Matron reviews 20 charts a month with the nursing director",
        "review_date": date(2027, 1, 15),
        "monitoring": "Quarterly escalation audit reported to the patient safety committee",
        "impact_measure": "Share of deteriorating patients escalated within an hour",
        "status": "In progress", "progress": "Chart approved; printing in December",
    }
    row.update(changes)
    return row


def complaint_action(**changes) -> dict:
    row = omb_action(
        action_id="2.1", failing_ref=2, complaint_handling="Yes",
        failing="The complaint response took five months and missed the main question",
        action="Complaints team drafts every response against a checklist of the questions "
               "raised, signed off by the head of patient experience",
        responsible="Complaints team", standards="NHS Complaints Standards (Ombudsman)",
        standards_assurance="Checklist mapped to the NHS Complaints Standards",
        review_how="Head of patient experience samples 10 responses",
        monitoring="Monthly complaints audit", impact_measure="Responses within 40 working days")
    row.update(changes)
    return row


def done_action(**changes) -> dict:
    row = omb_action(status="Complete", date_completed=date(2026, 11, 12),
                     evidence="Training register, Ward 7, November 2026 (28 of 30 nurses)")
    row.update(changes)
    return row


def actions(first: dict | None = None, **changes) -> list[dict]:
    """Two actions, one per failing; ``changes`` apply to the first."""
    rows = [first or omb_action(), complaint_action()]
    rows[0] = {**rows[0], **changes}
    return rows


@pytest.fixture
def check(tmp_path):
    counter = iter(range(1, 10_000))

    def run(rows, plan=None, policy=None):
        path = tmp_path / f"omb-{next(counter)}.xlsx"
        api.build_template(KIND, path, entries=rows,
                           plan=plan_facts() if plan is None else plan)
        return api.validate_workbook(path, as_of=AS_OF, policy=policy)

    return run


def located(report) -> set[tuple[str, str | None, str | None]]:
    return {(f.code, f.sheet, f.cell) for f in report.findings}


def the(report, code):
    return next(f for f in report.findings if f.code == code)


def test_a_kept_plan_raises_nothing(check):
    report = check(actions())
    assert report.findings == [] and report.rows == 2 and report.ok
    assert check([done_action(), complaint_action()]).findings == []


def test_template_has_a_plan_sheet_and_the_action_columns(tmp_path):
    out = tmp_path / "t.xlsx"
    api.build_template(KIND, out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Instructions", "Plan", "Actions", "Printable view", "Lists",
                               "_stamp"]
    plan, sheet = book["Plan"], book["Actions"]
    assert (plan["A7"].value, plan["B7"].value) == ("failings_found",
                                                    "Failings found in the report *")
    assert plan["A20"].value == "progress_updates"
    assert sheet["B3"].value == "Failing number *" and sheet["F3"].value == \
        "Person or team responsible *"
    assert sheet["S2"].value == "progress"


def test_kinds_lists_the_tracker():
    tracker = next(t for t in api.list_trackers() if t.kind == KIND)
    assert "Ombudsman" in tracker.summary and len(tracker.summary) <= 110


# -- the plan sheet's own items ------------------------------------------------------------

@pytest.mark.parametrize("key, cell, code, severity", [
    ("case_ref", "C3", "case-ref.missing", Severity.ERROR),
    ("organisation", "C4", "organisation.missing", Severity.ERROR),
    ("organisation_address", "C5", "organisation-address.missing", Severity.WARNING),
    ("report_date", "C6", "report-date.missing", Severity.ERROR),
    ("failings_found", "C7", "failings-found.missing", Severity.ERROR),
    ("complaint_handling_found", "C8", "complaint-handling-found.missing", Severity.WARNING),
    ("plan_due", "C9", "plan-due.missing", Severity.WARNING),
    ("review_date", "C12", "plan-review.missing", Severity.ERROR),
    ("complainant_involvement", "C13", "complainant-involvement.missing", Severity.WARNING),
    ("send_to", "C15", "send-to.missing", Severity.ERROR),
    ("progress_updates", "C20", "progress-updates.missing", Severity.WARNING),
])
def test_plan_item_blank(check, key, cell, code, severity):
    report = check(actions(), plan_facts(**{key: None}))
    assert located(report) == {(code, "Plan", cell)}
    assert report.findings[0].severity is severity
    assert report.findings[0].message.startswith("The plan: ")


def test_a_placeholder_counts_as_blank_on_the_plan_sheet(check):
    report = check(actions(), plan_facts(send_to="TBC"))
    assert located(report) == {("send-to.missing", "Plan", "C15")}
    assert "placeholder 'TBC'" in report.findings[0].message


def test_plan_review_date_passed(check):
    report = check(actions(), plan_facts(review_date=date(2026, 11, 1)))
    assert located(report) == {("plan-review.passed", "Plan", "C12")}
    assert "20 days ago" in report.findings[0].message
    assert check(actions(), plan_facts(review_date=AS_OF)).findings == []


def test_plan_not_sent_to_the_ombudsman_in_time_is_an_escalation(check):
    late = plan_facts(plan_due=date(2026, 11, 10), plan_sent=None, plan_accepted=None,
                      sent_date=None)
    report = check(actions(), late)
    assert located(report) == {("plan.overdue-to-ombudsman", "Plan", "C9")}
    assert report.findings[0].severity is Severity.ESCALATION
    assert "11 days late" in report.findings[0].message
    assert check(actions(), {**late, "plan_due": date(2026, 11, 30)}).findings == []


def test_plan_sent_after_the_agreed_date(check):
    report = check(actions(), plan_facts(plan_sent=date(2026, 10, 5)))
    assert located(report) == {("plan.sent-late", "Plan", "C10")}
    assert "3 days after the agreed date 02/10/2026" in report.findings[0].message
    assert check(actions(), plan_facts(plan_sent=date(2026, 10, 2))).findings == []


def test_plan_dates_out_of_order(check):
    report = check(actions(), plan_facts(plan_accepted=date(2026, 9, 29)))
    assert located(report) == {("plan.dates-out-of-order", "Plan", "C11")}
    assert "before Plan sent to the Ombudsman (30/09/2026)" in report.findings[0].message
    report = check(actions(), plan_facts(plan_due=date(2026, 9, 1)))
    assert located(report) == {("plan.dates-out-of-order", "Plan", "C9"),
                               ("plan.sent-late", "Plan", "C10")}


def test_plan_dates_in_the_future(check):
    report = check(actions(), plan_facts(sent_date=date(2026, 11, 25)))
    assert located(report) == {("dates.in-future", "Plan", "C19")}
    assert check(actions(), plan_facts(sent_date=AS_OF)).findings == []


@pytest.mark.parametrize("involvement, words", [
    ("Consulted on the draft", "how they are consulted"),
    ("Kept informed of progress", "how and how often they hear about progress"),
    ("Not involved", "why, or how they will still be kept informed"),
])
def test_complainant_involvement_without_how(check, involvement, words):
    report = check(actions(), plan_facts(complainant_involvement=involvement,
                                         complainant_how=None))
    assert located(report) == {("complainant.how-missing", "Plan", "C14")}
    assert words in report.findings[0].message


def test_complainant_how_without_involvement_chosen_is_only_the_blank_choice(check):
    report = check(actions(), plan_facts(complainant_involvement=None))
    assert located(report) == {("complainant-involvement.missing", "Plan", "C13")}


def test_accepted_plan_not_sent_out(check):
    report = check(actions(), plan_facts(sent_date=None))
    assert located(report) == {("distribution.not-sent", "Plan", "C19")}
    assert "accepted by the Ombudsman on 14/10/2026" in report.findings[0].message
    assert check(actions(), plan_facts(sent_date=None, plan_accepted=None)).findings == []


def test_report_not_sent_with_the_regulators_copy(check):
    report = check(actions(), plan_facts(report_with_regulator_copy="No"))
    assert located(report) == {("regulator.report-not-included", "Plan", "C17")}
    assert "Care Quality Commission" in report.findings[0].message
    assert check(actions(), plan_facts(report_with_regulator_copy=None,
                                       regulator=None)).findings == []


def test_personal_details_not_confirmed_removed(check):
    report = check(actions(), plan_facts(personal_details_removed=None))
    assert located(report) == {("personal-data.not-removed", "Plan", "C18")}
    assert "21/10/2026" in report.findings[0].message
    not_sent = plan_facts(personal_details_removed=None, sent_date=None, plan_accepted=None)
    assert check(actions(), not_sent).findings == []


def test_missing_plan_sheet_is_one_finding_and_the_rows_are_still_checked(check, tmp_path):
    path = tmp_path / "no-plan.xlsx"
    api.build_template(KIND, path, entries=actions(responsible="Everyone"), plan=plan_facts())
    book = openpyxl.load_workbook(path)
    del book["Plan"]
    book.save(path)
    report = api.validate_workbook(path, as_of=AS_OF)
    assert located(report) == {("plan.missing-sheet", None, None),
                               ("responsible.group", "Actions", "F4")}


# -- every failing answered ---------------------------------------------------------------

def test_a_failing_with_no_action(check):
    report = check(actions(), plan_facts(failings_found=4))
    assert located(report) == {("failing.no-action", "Plan", "C7")}
    missing = [f for f in report.findings if f.code == "failing.no-action"]
    assert [f.message for f in missing] == [
        "The plan counts 4 failings in the report, but failing 3 has no action.",
        "The plan counts 4 failings in the report, but failing 4 has no action."]
    assert missing[0].severity is Severity.ERROR


def test_plan_with_no_actions_is_one_plan_wide_finding(check):
    report = check([], plan_facts())
    assert located(report) == {("plan.no-actions", "Actions", None)}


def test_action_for_a_failing_the_report_does_not_have(check):
    rows = actions() + [omb_action(action_id="3.1", failing_ref=3)]
    report = check(rows)
    assert located(report) == {("failing-ref.unknown", "Actions", "B6")}
    assert "answers failing 3, but the plan says the report found 2" in report.findings[0].message
    assert check(rows, plan_facts(failings_found=3)).findings == []


def test_action_with_no_failing_number(check):
    report = check(actions(failing_ref=None))
    assert located(report) == {("failing-ref.missing", "Actions", "B4"),
                               ("failing.no-action", "Plan", "C7")}


def test_failing_not_described_on_any_of_its_rows(check):
    rows = [omb_action(failing=None), omb_action(action_id="1.2", failing=None),
            complaint_action()]
    report = check(rows)
    assert located(report) == {("failing.not-described", "Actions", "C4")}
    assert "Failing 1 has 2 actions" in report.findings[0].message
    rows[1]["failing"] = "Deterioration was not escalated"
    assert check(rows).findings == []


def test_complaint_handling_failing_not_addressed(check):
    rows = actions()
    rows[1]["complaint_handling"] = "No"
    report = check(rows)
    assert located(report) == {("complaint-handling.not-addressed", "Plan", "C8")}
    assert check(rows, plan_facts(complaint_handling_found="No")).findings == []


# -- the actions -------------------------------------------------------------------------

@pytest.mark.parametrize("key, cell, code", [
    ("action", "E4", "action.missing"),
    ("responsible", "F4", "responsible.missing"),
    ("start_date", "G4", "start-date.missing"),
    ("due_date", "H4", "due-date.missing"),
    ("standards_assurance", "J4", "standards-assurance.missing"),
    ("review_how", "K4", "review-how.missing"),
    ("review_date", "L4", "review-date.missing"),
    ("monitoring", "N4", "monitoring.missing"),
    ("impact_measure", "O4", "impact-measure.missing"),
    ("status", "P4", "status.missing"),
])
def test_action_item_blank(check, key, cell, code):
    report = check(actions(**{key: None}))
    assert located(report) == {(code, "Actions", cell)}
    assert report.findings[0].severity is Severity.ERROR


def test_standards_and_review_result_may_be_blank(check):
    assert check(actions(standards=None, standards_assurance="Matron observes two handovers",
                         review_result=None, progress=None)).findings == []


def test_duplicate_and_missing_action_ids(check):
    rows = actions() + [omb_action(action_id="1.1"), omb_action(action_id=None)]
    assert located(check(rows)) == {("action-id.duplicate", "Actions", "A6"),
                                    ("action-id.missing", "Actions", "A7")}


@pytest.mark.parametrize("who", ["Everyone", "All staff", "all ward staff", "The Trust",
                                 "Staff", "everybody", "All nursing and medical staff"])
def test_nobody_in_particular_as_responsible(check, who):
    report = check(actions(responsible=who))
    assert located(report) == {("responsible.group", "Actions", "F4")}
    assert report.findings[0].severity is Severity.ERROR


@pytest.mark.parametrize("who", ["Ward 7 nursing team", "Complaints team", "Dr Asha Rao",
                                 "Head of patient experience", "Staff development team"])
def test_a_person_or_a_team_is_accepted(check, who):
    assert check(actions(responsible=who)).findings == []


@pytest.mark.parametrize("who", ["Ward 7 matron and the complaints team", "Dr Rao / Dr Li",
                                 "Matron; Head of nursing"])
def test_several_people_or_teams_responsible(check, who):
    report = check(actions(responsible=who))
    assert located(report) == {("responsible.several", "Actions", "F4")}
    assert report.findings[0].severity is Severity.WARNING


def test_a_team_is_accepted_whatever_the_service_policy_says(check):
    policy = ServicePolicy(ownership={"team_may_own": False})
    assert check(actions(responsible="Patient safety team"), policy=policy).findings == []


def test_action_too_vague(check):
    report = check(actions(action="Improve escalation"))
    assert located(report) == {("action.vague", "Actions", "E4")}
    assert "2 words" in report.findings[0].message


def test_a_reminder_as_the_whole_answer_to_a_failing(check):
    report = check(actions(action="Staff reminded of the escalation policy at the ward meeting"))
    assert located(report) == {("action.tick-box", "Actions", "E4")}
    assert "failing 1" in report.findings[0].message


def test_a_reminder_alongside_a_real_change_is_not_flagged(check):
    rows = actions(action="Staff reminded of the escalation policy at the ward meeting")
    rows.append(omb_action(action_id="1.2"))
    assert check(rows).findings == []
    checked = actions(action="Staff reminded of the escalation policy; spot check 10 charts "
                             "a week")
    assert check(checked).findings == []


def test_due_before_start(check):
    report = check(actions(due_date=date(2026, 9, 30)))
    assert ("dates.due-before-start", "Actions", "H4") in located(report)
    assert check(actions(due_date=date(2026, 12, 31))).findings == []


def test_completed_before_start(check):
    report = check(actions(done_action(date_completed=date(2026, 9, 20))))
    assert located(report) == {("dates.completed-before-start", "Actions", "Q4")}
    assert report.findings[0].severity is Severity.WARNING


def test_completed_in_the_future(check):
    report = check(actions(done_action(date_completed=date(2026, 11, 30))))
    assert located(report) == {("dates.in-future", "Actions", "Q4")}
    assert "after the audit date 21/11/2026" in report.findings[0].message


def test_overdue_action(check):
    report = check(actions(due_date=date(2026, 11, 1)))
    assert located(report) == {("action.overdue", "Actions", "H4")}
    assert "20 days overdue" in report.findings[0].message
    assert check(actions(due_date=AS_OF)).findings == []
    assert check(actions(done_action(due_date=date(2026, 11, 1)))).findings == []


def test_complete_without_date_or_evidence(check):
    report = check(actions(done_action(date_completed=None, evidence=None)))
    assert located(report) == {("completion.no-date", "Actions", "Q4"),
                               ("completion.no-evidence", "Actions", "R4")}
    assert {f.severity for f in report.findings} == {Severity.ERROR}


def test_evidence_on_an_open_action_is_fine_but_a_completion_date_is_not(check):
    assert check(actions(evidence="Draft chart v2 in the policy library")).findings == []
    report = check(actions(date_completed=date(2026, 11, 12)))
    assert located(report) == {("completion.date-but-open", "Actions", "Q4")}
    assert "In progress" in report.findings[0].message


def test_evidence_that_points_to_nothing(check):
    report = check(actions(done_action(evidence="done")))
    assert located(report) == {("evidence.vague", "Actions", "R4")}


def test_standards_referred_to_but_not_named(check):
    report = check(actions(standards=None,
                           standards_assurance="Checked against national guidance by the group"))
    assert located(report) == {("standards.not-named", "Actions", "I4")}
    assert check(actions(standards="N/A", standards_assurance="Clinical lead observes two "
                                                              "shifts")).findings == []


def test_action_review_overdue(check):
    report = check(actions(review_date=date(2026, 11, 10)))
    assert located(report) == {("review.overdue", "Actions", "L4")}
    assert "11 days ago" in report.findings[0].message
    assert check(actions(review_date=date(2026, 11, 10),
                         review_result="16 of 20 charts escalated correctly")).findings == []


# -- personal data ------------------------------------------------------------------------

def test_personal_data_in_the_actions_and_the_plan(check):
    rows = actions(failing="Mr B (NHS number 943 476 5919) was not escalated",
                   progress="Update sent to j.bloggs@example.com")
    plan = plan_facts(complainant_how="Calls to the complainant on 07700 900123 monthly")
    report = check(rows, plan)
    assert located(report) == {("personal-data.found", "Actions", "C4"),
                               ("personal-data.found", "Actions", "S4"),
                               ("personal-data.found", "Plan", "C14")}
    words = {f.cell: f.message for f in report.findings}
    assert "NHS number 943 *** ****" in words["C4"] and "email j***@***" in words["S4"]
    assert "telephone number 07*** ******" in words["C14"]
    # the details themselves are in no finding, value or message
    assert not any("476 5919" in (f.value + f.message) or "bloggs" in (f.value + f.message)
                   or "900123" in (f.value + f.message) for f in report.findings)


def test_organisation_details_and_distribution_may_hold_contact_details(check):
    plan = plan_facts(organisation_address="1 Example Road, Wrenford; 0161 496 0000",
                      send_to="CQC (enquiries@cqc.example.org); the complainant")
    assert check(actions(), plan).findings == []


@pytest.mark.parametrize("text, found", [
    ("NHS no. 9434765919", ["NHS number"]),
    ("NHS no. 943-476-5919", ["NHS number"]),
    ("Ref 943 476 5918", []),  # fails the check digit: not an NHS number
    ("DOB: 12/03/1950", ["date of birth"]),
    ("Tel +44 7700 900123", ["telephone number"]),
    ("18 of 20 charts audited on 01/10/2026", []),
    ("Date of birth is checked on the wristband", []),
    ("", []),
])
def test_what_counts_as_personal_data(text, found):
    assert [span.what for span in find_personal(text)] == found


# -- figures and the audit ----------------------------------------------------------------

def test_figures(check):
    rows = [omb_action(due_date=date(2026, 11, 1), review_date=date(2026, 11, 10)),
            done_action(action_id="1.2", evidence=None),
            omb_action(action_id="1.3", monitoring=None),
            complaint_action()]
    report = check(rows, plan_facts(failings_found=3))
    figures = {f.key: f.value for f in report.figures}
    assert figures == {"actions": 4, "failings_found": 3, "failings_answered": 2,
                       "failings_unanswered": 1, "complaint_handling_actions": 1,
                       "not_fully_explained": 1, "open": 3, "overdue": 1, "complete": 1,
                       "complete_without_evidence": 1, "reviews_overdue": 1}


def test_figures_without_a_failing_count(check):
    report = check(actions(), plan_facts(failings_found=None))
    figures = {f.key: f.value for f in report.figures}
    assert figures["failings_found"] is None and figures["failings_unanswered"] is None
    assert figures["failings_answered"] == 2


def test_write_audit(tmp_path):
    path = tmp_path / "plan.xlsx"
    rows = actions(responsible="All staff")
    api.build_template(KIND, path, entries=rows, plan=plan_facts(failings_found=3))
    report, out = api.write_audit(path, tmp_path / "audit.xlsx", as_of=AS_OF)
    assert located(report) == {("failing.no-action", "Plan", "C7"),
                               ("responsible.group", "Actions", "F4")}
    book = openpyxl.load_workbook(out)
    assert "Actions" in book.sheetnames and "Findings" in book.sheetnames
    listed = [(row[1], row[2]) for row in book["Findings"].iter_rows(min_row=2, values_only=True)]
    assert listed == [("failing.no-action", "Plan!C7"), ("responsible.group", "F4")]
