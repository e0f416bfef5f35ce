"""Every policy finding code: a minimal row that triggers it at the right cell, and a near miss.

Rows start at Excel row 4 (band, hidden key row and header above). Column letters follow the
template (v1.1): A id, B title, C source, D source ref, E theme, F created, I owner, J due,
K priority, L reason, N evidence, O review, P escalation route, Q status, R RAG, S progress,
T-V external, W original due, X extensions, Y completed, Z what was done, AA evidence of
completion, AD-AG effectiveness, AH follow-up, AI reviewer, AJ reviewer role, AL escalation
record. The codes added with the service policy are tested in test_policy_rules.py.
"""

from datetime import date

import pytest
from conftest import AS_OF, clean_action, codes, done_action, located


def test_clean_rows_raise_nothing(validate):
    report = validate([clean_action(), done_action(action_id="A-002")])
    assert report.findings == []
    assert report.rows == 2
    assert report.ok


@pytest.mark.parametrize("field, cell, code", [
    ("owner", "I4", "owner.missing"),
    ("due_date", "J4", "due-date.missing"),
    ("priority", "K4", "priority.missing"),
    ("evidence_required", "N4", "evidence-required.missing"),
    ("title", "B4", "title.missing"),
    ("source", "C4", "source.missing"),
    ("date_created", "F4", "date-created.missing"),
    ("description", "G4", "description.missing"),
    ("intended_outcome", "H4", "intended-outcome.missing"),
    ("status", "Q4", "status.missing"),
    ("escalation_route", "P4", "escalation-route.missing"),
])
def test_required_field_blank(validate, field, cell, code):
    report = validate([clean_action(**{field: None})])
    assert located(report) == {(code, cell)}


@pytest.mark.parametrize("placeholder", ["TBC", "n/a", "-", "?"])
def test_placeholder_counts_as_missing(validate, placeholder):
    report = validate([clean_action(owner=placeholder)])
    assert located(report) == {("owner.missing", "I4")}
    assert placeholder in report.findings[0].message


@pytest.mark.parametrize("owner", ["Team", "All staff", "Management", "Night staff", "care team",
                                   "The nurses", "everyone"])
def test_group_owner(validate, owner):
    report = validate([clean_action(owner=owner)])
    assert located(report) == {("owner.group", "I4")}
    finding = report.findings[0]
    assert (finding.severity.value, finding.value, finding.column) == ("error", owner, "Owner")


@pytest.mark.parametrize("owner", ["Team leader Jo Bell", "Priya Shah", "Staff nurse A. Khan"])
def test_person_owner_is_not_a_group(validate, owner):
    assert validate([clean_action(owner=owner)]).findings == []


def test_duplicate_and_missing_action_ids(validate):
    report = validate([clean_action(), clean_action(), clean_action(action_id=None)])
    assert located(report) == {("action-id.duplicate", "A5"), ("action-id.missing", "A6")}
    duplicate = next(f for f in report.findings if f.code == "action-id.duplicate")
    assert "row 4" in duplicate.message


def test_complete_without_date_evidence_or_account(validate):
    report = validate([done_action(date_completed=None, completion_evidence=None,
                                   what_was_done=None, effectiveness_needed=None)])
    assert located(report) == {
        ("completion.no-date", "Y4"), ("completion.no-evidence", "AA4"),
        ("completion.no-account", "Z4"), ("effectiveness.undecided", "AD4"),
    }


def test_complete_with_everything_is_clean(validate):
    assert validate([done_action()]).findings == []


def test_closed_without_reviewer(validate):
    assert located(validate([done_action(status="Closed")])) == {("closure.not-reviewed", "AI4")}
    assert validate([done_action(status="Closed", closure_reviewed_by="Tom Okafor")]).findings == []


def test_completion_date_on_open_action(validate):
    report = validate([clean_action(date_completed=date(2026, 11, 20))])
    assert located(report) == {("completion.date-but-open", "Y4")}


def test_high_priority_reason_needs_high_priority(validate):
    report = validate([clean_action(high_priority_reason="Medicine safety", priority="Low")])
    assert located(report) == {("priority.reason-not-high", "K4")}
    near_miss = validate([clean_action(high_priority_reason="Medicine safety", priority="High",
                                       date_created=date(2026, 11, 20))])
    assert near_miss.findings == []


def test_high_priority_without_reason(validate):
    assert located(validate([clean_action(priority="High", date_created=date(2026, 11, 20))])) == {
        ("priority.high-no-reason", "L4")}


def test_due_before_created(validate):
    report = validate([clean_action(due_date=date(2026, 11, 1))])
    assert ("dates.due-before-created", "J4") in located(report)
    same_day = validate([clean_action(due_date=date(2026, 11, 2))])
    assert "dates.due-before-created" not in codes(same_day)


def test_dates_in_the_future(validate):
    report = validate([done_action(date_created=date(2026, 11, 22),
                                   date_completed=date(2026, 11, 23), due_date=date(2026, 12, 1))])
    assert {("dates.created-in-future", "F4"), ("dates.completed-in-future", "Y4")} <= located(report)
    assert validate([done_action(date_created=AS_OF, date_completed=AS_OF)]).findings == []


def test_completed_before_created(validate):
    report = validate([done_action(date_completed=date(2026, 11, 1))])
    assert located(report) == {("dates.completed-before-created", "Y4")}


def test_overdue_low_risk_action_with_a_reason_is_only_a_warning(validate):
    report = validate([clean_action(due_date=date(2026, 11, 20))])
    assert located(report) == {("action.overdue", "J4")}
    assert report.findings[0].severity.value == "warning"
    assert "1 day overdue" in report.findings[0].message
    assert validate([clean_action(due_date=AS_OF)]).findings == []


def test_done_actions_are_never_overdue(validate):
    assert validate([done_action(due_date=date(2026, 11, 10),
                                 date_created=date(2026, 11, 1))]).findings == []


@pytest.mark.parametrize("changes, reason", [
    (dict(priority="High", high_priority_reason="Immediate safety risk"), "high priority"),
    (dict(priority="High", high_priority_reason="Safeguarding"), "linked to safeguarding"),
    (dict(source="CQC inspection"), "required by CQC"),
    (dict(extensions=2, original_due_date=date(2026, 11, 5)), "extended 2 times"),
    (dict(progress_update=None), "no reason recorded"),
])
def test_escalation_due(validate, changes, reason):
    """Each s13 reason escalates on its own: 4 days late is within the 7-day threshold."""
    report = validate([clean_action(due_date=date(2026, 11, 17), **changes)])
    assert {("action.overdue", "J4"), ("escalation.due", "AL4")} <= located(report)
    escalation = next(f for f in report.findings if f.code == "escalation.due")
    assert reason in escalation.message and "4 days overdue" in escalation.message
    assert reason in "; ".join(report.escalations[0].reasons)
    assert not any("more than 7 days" in r for r in report.escalations[0].reasons)


def test_escalation_after_the_policy_threshold(validate):
    """Any action more than 7 days late must be escalated (the default policy threshold)."""
    on_threshold = validate([clean_action(due_date=date(2026, 11, 14))])
    assert located(on_threshold) == {("action.overdue", "J4")}
    past = validate([clean_action(due_date=date(2026, 11, 13))])
    assert {("action.overdue", "J4"), ("escalation.due", "AL4")} == located(past)
    assert past.escalations[0].reasons == ("more than 7 days overdue",)


def test_recorded_escalation_is_not_a_finding_but_still_listed(validate):
    report = validate([clean_action(due_date=date(2026, 11, 10), extensions=2,
                                    escalation_record="12/11 raised with NI")])
    assert "escalation.due" not in codes(report)
    assert [e.recorded for e in report.escalations] == ["12/11 raised with NI"]


def test_one_extension_is_no_escalation(validate):
    report = validate([clean_action(due_date=date(2026, 11, 18), extensions=1,
                                    original_due_date=date(2026, 11, 11))])
    assert located(report) == {("action.overdue", "J4")}
    assert report.escalations == []


def test_effectiveness_not_planned(validate):
    report = validate([done_action(effectiveness_needed="Yes")])
    assert located(report) == {("effectiveness.not-planned", "AE4")}
    planned = done_action(effectiveness_needed="Yes", effectiveness_due=date(2026, 12, 20))
    assert validate([planned]).findings == []


def test_effectiveness_overdue(validate):
    report = validate([done_action(effectiveness_needed="Yes", effectiveness_due=date(2026, 11, 20))])
    assert located(report) == {("effectiveness.overdue", "AE4")}
    done = done_action(effectiveness_needed="Yes", effectiveness_due=date(2026, 11, 20),
                       effectiveness_done=date(2026, 11, 19), effectiveness_result="Worked")
    assert validate([done]).findings == []


def test_effectiveness_done_without_result(validate):
    report = validate([done_action(effectiveness_needed="Yes", effectiveness_due=date(2026, 12, 20),
                                   effectiveness_done=date(2026, 11, 19))])
    assert located(report) == {("effectiveness.no-result", "AG4")}
    assert "19/11/2026" in report.findings[0].message


def test_external_dependency_incomplete(validate):
    report = validate([clean_action(status="Awaiting external input",
                                    external_input="GP medication review")])
    assert located(report) == {("external.incomplete", "U4")}
    assert "from whom or by when" in report.findings[0].message
    complete = clean_action(status="Awaiting external input", external_input="GP review",
                            external_from="Dr Patel", external_due=date(2026, 11, 28))
    assert validate([complete]).findings == []


def test_all_findings_are_collected_not_just_the_first(validate):
    report = validate([clean_action(owner=None, due_date="ASAP", priority=None,
                                    evidence_required=None, extensions="two")])
    assert located(report) == {
        ("owner.missing", "I4"), ("date.not-a-date", "J4"), ("priority.missing", "K4"),
        ("evidence-required.missing", "N4"), ("number.invalid", "X4"),
    }


def test_review_figures(validate):
    report = validate([
        clean_action(),
        clean_action(action_id="A-2", due_date=date(2026, 11, 10), priority="High",
                     date_created=date(2026, 11, 1),
                     high_priority_reason="Staffing risk"),
        done_action(action_id="A-3", completion_evidence=None),
        done_action(action_id="A-4", effectiveness_needed="Yes",
                    effectiveness_due=date(2026, 12, 20)),
        clean_action(action_id="A-5", owner=None, status="Awaiting external input",
                     external_input="x", external_from="y", external_due=date(2026, 12, 1)),
    ])
    figures = {f.key: f.value for f in report.figures}
    assert figures == {"actions": 5, "open": 3, "overdue": 1, "high_risk_open": 1,
                       "waiting_external": 1, "done_without_evidence": 1,
                       "awaiting_effectiveness": 1, "to_escalate": 1, "owner_missing": 1,
                       "repeated_themes": 0, "on_time_closure_rate": 100.0}


def test_every_finding_has_full_location(validate):
    report = validate([clean_action(owner="Team", due_date="31/09/2026")])
    for finding in report.findings:
        assert finding.sheet == "Actions" and finding.row == 4
        assert finding.cell and finding.column and finding.clause and finding.message
    bad_date = next(f for f in report.findings if f.code == "date.impossible")
    assert (bad_date.cell, bad_date.value, bad_date.column) == ("J4", "31/09/2026", "Due date")


def test_every_catalogue_code_is_asserted_by_some_test():
    """A new finding code must arrive with a test that raises it."""
    from pathlib import Path

    from tracker_tool.trackers import all_trackers

    text = "".join(p.read_text() for p in Path(__file__).parent.glob("test_*.py"))
    for tracker in all_trackers().values():
        untested = [r.code for r in tracker.catalogue if f'"{r.code}"' not in text]
        assert untested == [], f"{tracker.kind}: no test names {untested}"
