"""Numbers that are not dates (issue 13, item 5): in free text "2/5", "6/10" and "3/4 staff"
are scores, "14/10" and "12/10/2026" are dates, and a trend of scores counts as a trend."""

import pytest
from conftest import clean_action, codes, located
from test_safeguarding_plan import check as check  # noqa: F401 (the fixture)
from test_safeguarding_plan import closed_action, plan

from tracker_tool.trackers.common import figures_in, without_dates


@pytest.mark.parametrize("text, figures", [
    ("July 2/5, October 5/5", 2),
    ("Competency 6/10 in August, 9/10 in November", 2),
    ("3/4 staff competent", 1),
    ("Alerts: 9 in June, 2 in October", 2),
    ("9 alerts by 14/10/2026", 1),
    ("Interventions reduced, audit 14/10/2026", 0),
    ("Reviewed 14/10 and 18/11", 0),
    ("12/10: audit repeated", 0),
    ("Reminder sent on 1/12", 0),
])
def test_figures_leave_dates_out_and_count_a_score_once(text, figures):
    assert figures_in(text) == figures


def test_a_trend_of_scores_is_a_trend(check):
    """The near miss of closure.indicators-no-trend's test in test_safeguarding_plan.py."""
    trend = check(plan(closed_action(risk_indicators="Audit scores: July 2/5, October 5/5")))
    assert "closure.indicators-no-trend" not in codes(trend)
    one = check(plan(closed_action(risk_indicators="Audit score 5/5 on 14/10/2026")))
    assert located(one) == {("closure.indicators-no-trend", "T4")}


def test_a_date_is_no_measure_but_a_score_is(validate):
    """A tick-box action is not saved by a date, but is by a score to check it against."""
    outcome = "Fewer missed signatures"
    dated = validate([clean_action(description="Staff reminded about MAR signatures 12/10",
                                   intended_outcome=outcome)])
    assert located(dated) == {("action.tick-box", "G4")}
    scored = validate([clean_action(
        description="Staff reminded about MAR signatures; 3/4 staff now sign every chart",
        intended_outcome=outcome)])
    assert "action.tick-box" not in codes(scored)
    assert "12/10" not in without_dates("reminded 12/10")
