"""The thresholds that belong to the service (issue 13, item 7): each supervision tracker's and
the safeguarding plan's numbers are a [kinds.<kind>] table of the service policy, the article's
values by default. Each setting is tested where it moves a finding: the default's triggering
row and near miss, then the same rows under a service's own number."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import AS_OF, located, without_reviews
from test_probation_actions import late as probation_late
from test_safeguarding_plan import closed_action, plan
from test_supervision_actions import late as supervision_late
from test_supervision_escalations import case, closed

from tracker_tool import api
from tracker_tool.cli import cli
from tracker_tool.policy.service_policy import DEFAULT_POLICY, ServicePolicy

D = date


def policy(kind: str, **values) -> ServicePolicy:
    return ServicePolicy.model_validate({"kinds": {kind: values}})


@pytest.fixture
def check(tmp_path):
    counter = iter(range(10_000))

    def run(kind, rows, policy=None):
        path = tmp_path / f"k-{next(counter)}.xlsx"
        api.build_template(kind, path, entries=rows)
        return located(without_reviews(api.validate_workbook(path, as_of=AS_OF, policy=policy)))

    return run


def test_every_kind_with_settings_has_its_table_and_the_articles_defaults():
    assert {kind: model().model_dump() for kind, model in api.kind_settings_models().items()} == {
        "supervision-actions": {"escalate_after_days": 7, "min_action_words": 6,
                                "theme_repeat": 3, "cluster_min": 3,
                                "register_review_every_days": 7},
        "supervision-escalations": {"monitor_every_days": 7, "review_every_days": 14,
                                    "missed_reviews_limit": 2, "no_progress_days": 28,
                                    "repeat_window_days": 60, "theme_repeat": 3,
                                    "cluster_min": 3},
        "probation-actions": {"escalate_after_working_days": 5,
                              "safe_practice_working_days": 1, "theme_repeat": 3,
                              "mentor_review_every_days": 7, "verification_every_days": 14},
        "safeguarding-plan": {"high_risk_closure_cycles": 3, "closure_cycles": 1,
                              "governance_review_every_months": 1},
        "action-plan": {
            "high_priority_sources": {"Safeguarding concern": "Safeguarding"},
            "high_priority_themes": {"Safeguarding": "Safeguarding",
                                     "Medication": "Medicine safety",
                                     "Infection control": "Infection control risk",
                                     "Staffing": "Staffing risk"},
            "serious_incident_words": ["serious incident", "steis", "psii",
                                       "patient safety incident investigation",
                                       "notifiable safety incident"],
            "external_sources": ["CQC inspection", "Commissioner or local authority",
                                 "Safeguarding concern"],
            "external_body_words": ["ombudsman", "phso", "lgsco", "cqc", "commissioner", "icb"],
            "rm_review_every_months": 1, "ni_review_every_months": 3},
    }


def test_supervision_action_escalation_days(check):
    kind = "supervision-actions"
    escalated = {("supervision.overdue", "F4"), ("supervision.escalation-due", "Q4")}
    assert check(kind, [supervision_late(8)]) == escalated
    assert check(kind, [supervision_late(7)]) == {("supervision.overdue", "F4")}
    three = policy(kind, escalate_after_days=3)
    assert check(kind, [supervision_late(4)], three) == escalated
    assert check(kind, [supervision_late(3)], three) == {("supervision.overdue", "F4")}


def test_probation_escalation_working_days(check):
    kind = "probation-actions"
    # Due Monday 16/11: Tuesday to Friday is four working days late on Saturday 21/11.
    four_late = [probation_late(D(2026, 11, 16))]
    assert check(kind, four_late) == {("probation.overdue", "G4")}
    assert check(kind, four_late, policy(kind, escalate_after_working_days=3)) == {
        ("probation.overdue", "G4"), ("probation.escalation-due", "U4")}
    safe = {"induction_gap": "Safeguarding", "interim_restriction": "No lone working"}
    two_late = [probation_late(D(2026, 11, 18), **safe)]
    assert ("probation.escalation-due", "U4") in check(kind, two_late)
    assert ("probation.escalation-due", "U4") not in check(
        kind, two_late, policy(kind, safe_practice_working_days=2))


def test_escalated_case_cadences_and_limits(check):
    kind = "supervision-escalations"
    # Monitoring 8 days ago is stale weekly, not on a ten-day cadence.
    stale = [case(last_check=D(2026, 11, 13))]
    assert check(kind, stale) == {("case.monitoring-stale", "O4")}
    assert check(kind, stale, policy(kind, monitor_every_days=10)) == set()
    # A review 15 days ago is overdue fortnightly, not every three weeks.
    review = [case(last_review=D(2026, 11, 6))]
    assert check(kind, review) == {("case.review-overdue", "R4")}
    assert check(kind, review, policy(kind, review_every_days=21)) == set()
    # One missed review is not two, but it is the service's own limit of one.
    assert check(kind, [case(reviews_missed=1)]) == set()
    assert check(kind, [case(reviews_missed=1)], policy(kind, missed_reviews_limit=1)) == {
        ("case.missed-reviews", "S4")}
    # Opened 20 days ago without progress: not yet 28 days, but past a service's 14.
    opened = {"date_confirmed": D(2026, 11, 1), "date_escalated": D(2026, 11, 1),
              "plan_signed": D(2026, 11, 2), "last_check": D(2026, 11, 20),
              "last_review": D(2026, 11, 20), "progress": "No measurable progress"}
    assert check(kind, [case(**opened)]) == set()
    assert check(kind, [case(**opened)], policy(kind, no_progress_days=14)) == {
        ("case.no-progress", "P4")}


def test_escalated_case_repeat_window(check):
    kind = "supervision-escalations"
    earlier = closed(case_id="EC-000", date_confirmed=D(2026, 7, 1), date_escalated=D(2026, 7, 1),
                     plan_signed=D(2026, 7, 2), date_closed=D(2026, 8, 31),
                     last_check=D(2026, 8, 30), last_review=D(2026, 8, 30))
    # Closed 70 days before the case opened on 09/11: not within 60, within a service's 90.
    assert check(kind, [earlier, case()]) == set()
    assert check(kind, [earlier, case()], policy(kind, repeat_window_days=90)) == {
        ("case.repeat-escalation", "C5")}


def test_safeguarding_closure_cycles(check):
    kind = "safeguarding-plan"
    two = plan(closed_action(review_cycles=2))
    assert check(kind, two) == {("closure.too-few-cycles", "R4")}
    assert check(kind, two, policy(kind, high_risk_closure_cycles=2)) == set()
    medium = plan(closed_action(risk_level="Medium", review_cycles=1, senior_assurance=None))
    assert check(kind, medium) == set()
    assert check(kind, medium, policy(kind, closure_cycles=2)) == {
        ("closure.too-few-cycles", "R4")}


def test_policy_check_lists_the_kind_settings_that_differ(tmp_path):
    from click.testing import CliRunner

    path = tmp_path / "policy.toml"
    assert CliRunner().invoke(cli, ["policy", "init", "--out", str(path)]).exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert "[kinds.supervision-escalations]\n# Monitoring of an open case" in text
    assert api.load_policy(path).fingerprint == DEFAULT_POLICY.fingerprint
    path.write_text(text.replace("no_progress_days = 28", "no_progress_days = 21"),
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["policy", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == [
        "  kinds.supervision-escalations.no_progress_days = 21"]
