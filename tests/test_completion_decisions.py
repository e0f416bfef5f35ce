"""Completion decisions carried through (issue 13, item 4; policy s14, s18, and the
performance plan's review table), each with a triggering row and a near miss at its cell.

Action plan columns as in test_rules.py: AB outcome achieved, AC further action, AH follow-up
action ID, AK external body updated. Performance plan: O outcome, P rating, Q further actions.
"""

from datetime import date

import pytest
from conftest import clean_action, codes, done_action, located
from test_performance_plan import KIND as PIP
from test_performance_plan import check as check  # noqa: F401 (the fixture)
from test_performance_plan import clean_action as pip_action
from test_performance_plan import located as pip_located

FOLLOW_UP = clean_action(action_id="A-002", title="Repeat the MAR audit")


def test_done_with_the_outcome_not_achieved_needs_a_follow_up(validate):
    report = validate([done_action(outcome_achieved="No")])
    assert located(report) == {("outcome.not-achieved", "AH4")}
    assert report.findings[0].severity.value == "warning"
    high = validate([done_action(outcome_achieved="No", priority="High",
                                 high_priority_reason="Medicine safety",
                                 due_date=date(2026, 11, 20))])
    assert ("outcome.not-achieved", "AH4") in located(high)
    assert next(f for f in high.findings if f.code == "outcome.not-achieved").severity.value \
        == "error"


@pytest.mark.parametrize("changes", [
    dict(outcome_achieved="No", follow_up_action="A-002"),
    dict(outcome_achieved="Partly"),
    dict(outcome_achieved="No", status="In progress", date_completed=None),
])
def test_outcome_near_misses(validate, changes):
    assert "outcome.not-achieved" not in codes(validate([done_action(**changes), FOLLOW_UP]))


def test_further_action_required_needs_a_follow_up_in_the_plan(validate):
    report = validate([done_action(further_action="Yes")])
    assert located(report) == {("further-action.no-follow-up", "AH4")}
    known = validate([done_action(further_action="Yes", follow_up_action="a-002"), FOLLOW_UP])
    assert known.findings == []
    unknown = validate([done_action(further_action="Yes", follow_up_action="A-099")])
    assert located(unknown) == {("effectiveness.follow-up-unknown", "AH4")}


CLOSED = dict(status="Closed", closure_reviewed_by="Tom Okafor",
              closure_reviewer_role="Registered Manager")


@pytest.mark.parametrize("changes", [
    dict(source="CQC inspection", source_ref="CQC-2026-3"),
    dict(source="Commissioner or local authority", source_ref="LA-77"),
    dict(source="Complaint", source_ref="Ombudsman case 202301234"),
])
def test_closed_external_actions_need_the_body_told(validate, changes):
    report = validate([done_action(**CLOSED, **changes)])
    assert located(report) == {("external-body.not-updated", "AK4")}
    told = validate([done_action(**CLOSED, **changes, external_body_updated=date(2026, 11, 20))])
    assert told.findings == []
    complete = validate([done_action(**changes)])
    assert "external-body.not-updated" not in codes(complete)


def test_an_internal_closed_action_needs_no_external_update(validate):
    assert validate([done_action(**CLOSED, source="Complaint",
                                 source_ref="CMP-12")]).findings == []


@pytest.mark.parametrize("rating", ["Partially met", "Not met"])
def test_a_review_short_of_the_level_needs_an_outcome_and_further_actions(check, rating):
    report = check([pip_action(rating=rating, outcome=None, further_actions=None)])
    assert pip_located(report) == {
        ("review.short-no-outcome", "Improvement actions", "O4"),
        ("review.short-no-further-actions", "Improvement actions", "Q4")}
    assert "the review on 02/11/2026" in report.findings[0].message


def test_a_met_review_or_an_end_of_period_review_is_not_doubled(check):
    assert pip_located(check([pip_action(rating="Met", outcome=None, further_actions=None)])) \
        == set()
    at_end = check([pip_action(end_date=date(2026, 11, 1), review_date=date(2026, 11, 1),
                               further_actions=None)])
    assert pip_located(at_end) == {("end-date.no-next-step", "Improvement actions", "Q4")}
    assert PIP == "performance-plan"
