"""The figures of a performance improvement plan, for the audit's Summary and the JSON report.

Each figure counts with the same functions the rules use, so a figure and its findings agree.
"""

from __future__ import annotations

from tracker_tool.trackers.kit import Figure, RuleContext
from tracker_tool.trackers.performance_plan.rules import (
    end_unreviewed, is_safety_risk, no_next_step, review_missed,
)
from tracker_tool.trackers.performance_plan.vocabulary import Rating


def plan_figures(ctx: RuleContext) -> list[Figure]:
    rows = ctx.rows
    rated = {rating: sum(r.record.rating == rating for r in rows) for rating in Rating}
    return [
        Figure("actions", "Actions in the plan", len(rows), "Areas for improvement recorded."),
        Figure("safety_risks", "Gaps that put patients at risk", sum(map(is_safety_risk, rows)),
               "Actions whose gap is marked as a patient-safety risk."),
        Figure("safety_without_measures", "Patient-safety risks without measures",
               sum(is_safety_risk(r) and r.missing("safety_measures") for r in rows),
               "Risks to patients with no measures in place recorded."),
        Figure("reviews_missed", "Planned reviews not held",
               sum(review_missed(r, ctx) for r in rows),
               "Formal review date passed with no review held on or after it."),
        Figure("met", "Rated met", rated[Rating.MET], "Latest review: required level met."),
        Figure("partially_met", "Rated partially met", rated[Rating.PARTLY],
               "Latest review: required level partially met."),
        Figure("not_met", "Rated not met", rated[Rating.NOT_MET],
               "Latest review: required level not met."),
        Figure("past_end_date", "Past the date to reach the required level",
               sum(r.record.end_date is not None and r.record.end_date < ctx.as_of
                   for r in rows),
               "Actions whose review period ended before the audit date."),
        Figure("end_not_reviewed", "End of period not reviewed",
               sum(end_unreviewed(r, ctx) for r in rows),
               "Review period ended with no review held on or after its end date."),
        Figure("short_without_next_step", "Short of the level at the end, no next step",
               sum(no_next_step(r, ctx) for r in rows),
               "Partially met or not met at the end of the period with no further action."),
    ]
