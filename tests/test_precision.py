"""No warnings where an auditor would raise none (issue 13, item 6), and verdicts that agree
with their figures (item 11). Each with a triggering row and a near miss at its cell."""

from datetime import date

import pytest
from conftest import clean_action, codes, done_action, located
from test_probation_actions import action as probation_action
from test_probation_actions import check as probation_check  # noqa: F401 (a fixture)
from test_supervision_actions import action as supervision_action
from test_supervision_actions import check as check  # noqa: F401 (a fixture)

D = date


def themed(linked_risks):
    return [clean_action(action_id=f"A-{n}", theme="Pressure care", linked_risk=risk)
            for n, risk in enumerate(linked_risks, start=1)]


def test_a_repeated_theme_all_on_the_risk_register_does_not_warn(validate):
    report = validate(themed(["RR-07", "RR-07", "RR-09"]))
    assert report.findings == []
    answer = next(a for a in report.review.audit_questions if a.key == "themes")
    assert (answer.figure, answer.verdict) == (
        "1 of 1 repeated themes have every action linked to the risk register", "Met")


def test_a_repeated_theme_partly_on_the_register_still_warns(validate):
    report = validate(themed(["RR-07", None, "RR-09"]))
    assert located(report) == {("theme.repeated", "E6")}
    assert "only 2 of its 3 actions are linked to the risk register (RR-07, RR-09)" in \
        report.findings[0].message


HANDLED = dict(status="Failed", date_raised=D(2026, 10, 19), deadline=D(2026, 11, 6), overdue_reason="Assessment not passed",
               revised_review=D(2026, 12, 4), escalated_on=D(2026, 11, 9))


def test_a_failed_probation_action_handled_as_the_article_asks_is_not_overdue(
        probation_check):
    assert located(probation_check([probation_action(**HANDLED)])) == set()
    unescalated = dict(HANDLED, escalated_on=None)
    assert ("probation.overdue", "G4") in located(probation_check(
        [probation_action(**unescalated)]))
    no_plan = dict(HANDLED, revised_review=None)
    assert ("probation.overdue", "G4") in located(probation_check([probation_action(**no_plan)]))


@pytest.mark.parametrize("text", [
    "Reflect on the missed handover and write a reflective account, discussed in next "
    "supervision with Ruth Adeyemi",
    "Try to write a reflective account of the fall, reviewed by the deputy manager",
])
def test_a_written_output_a_named_person_reviews_is_testable(check, text):
    assert check([supervision_action(action=text)]).findings == []


def test_a_reflection_nobody_reviews_is_still_untestable(check):
    report = check([supervision_action(
        action="Reflect on the missed handover and write a reflective account")])
    assert located(report) == {("supervision.action-untestable", "D4")}


def test_an_effectiveness_check_due_later_does_not_fail_the_quarter(validate):
    """'1 of 1 checks that fell due were done' is Met, though a closed action's check falls
    due after the audit date (that closure is closure.before-effectiveness's finding)."""
    done = done_action(effectiveness_needed="Yes", effectiveness_due=D(2026, 11, 10),
                       effectiveness_done=D(2026, 11, 10), effectiveness_result="Worked")
    early = done_action(action_id="A-002", status="Closed", closure_reviewed_by="Tom Okafor",
                        effectiveness_needed="Yes", effectiveness_due=D(2026, 12, 10))
    report = validate([done, early])
    assert ("closure.before-effectiveness", "Q5") in located(report)
    answer = next(a for a in report.review.audit_questions if a.key == "effectiveness")
    assert (answer.figure, answer.verdict) == ("1 of 1 checks that fell due were done", "Met")
    late = validate([dict(done, effectiveness_done=None, effectiveness_result=None)])
    answer = next(a for a in late.review.audit_questions if a.key == "effectiveness")
    assert (answer.figure, answer.verdict) == ("0 of 1 checks that fell due were done",
                                               "Not met")


def test_vague_evidence_on_an_open_action_does_not_fail_the_evidence_question(validate):
    report = validate([done_action(), clean_action(action_id="A-002",
                                                   completion_evidence="done")])
    assert "evidence.vague" in codes(report)
    answer = next(a for a in report.review.audit_questions if a.key == "evidenced")
    assert (answer.figure, answer.verdict) == (
        "1 of 1 completed actions point to their evidence", "Met")
