"""The Ombudsman plan's figures for the audit's Summary sheet and the JSON report.

Each figure uses the same facts as the rules, so a count here and the findings agree.
"""

from __future__ import annotations

from tracker_tool.trackers.kit import Figure, RuleContext
from tracker_tool.trackers.ombudsman_plan.facts import (
    EXPLAINED, by_failing, days_overdue, failings_found, is_complete, review_overdue, unanswered,
)
from tracker_tool.trackers.ombudsman_plan.vocabulary import YesNo


def review_figures(ctx: RuleContext) -> list[Figure]:
    rows = ctx.rows
    count = failings_found(ctx)
    complete = [r for r in rows if is_complete(r)]
    answered = (sum(1 for n in by_failing(ctx) if 1 <= n <= count) if count is not None
                else len(by_failing(ctx)))
    return [
        Figure("actions", "Actions in the plan", len(rows), "Rows with any entry."),
        Figure("failings_found", "Failings found in the report", count,
               "As given on the Plan sheet."),
        Figure("failings_answered", "Failings with at least one action", answered,
               "Failings of the report that an action row refers to."),
        Figure("failings_unanswered", "Failings with no action",
               len(unanswered(ctx)) if count is not None else None,
               "Failings of the report no action refers to."),
        Figure("complaint_handling_actions", "Complaint-handling actions",
               sum(r.record.complaint_handling == YesNo.YES for r in rows),
               "Actions answering a failing in how the complaint was handled."),
        Figure("not_fully_explained", "Actions not fully explained",
               sum(any(r.missing(k) for k in EXPLAINED) for r in rows),
               "Missing who, start or completion date, standards assurance, review, "
               "monitoring or impact measure."),
        Figure("open", "Actions not yet complete", len(rows) - len(complete),
               "Not started or in progress."),
        Figure("overdue", "Overdue actions", sum(days_overdue(r, ctx) is not None for r in rows),
               "Not complete and past the date they were to be complete by."),
        Figure("complete", "Complete actions", len(complete), "Marked Complete."),
        Figure("complete_without_evidence", "Complete without evidence",
               sum(r.missing("evidence") for r in complete),
               "Marked Complete with no evidence of the action recorded."),
        Figure("reviews_overdue", "Action reviews overdue",
               sum(review_overdue(r, ctx) is not None for r in rows),
               "Review date passed and no review result recorded."),
    ]
