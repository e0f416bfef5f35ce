"""Checks added when every requirement of the Reg 17 policy was traced to what covers it
(docs/traceability.md, issue 13 item 10). Kept apart from the closure rules so they can be
read against the rows of that file that name them."""

from __future__ import annotations

from tracker_tool.trackers.action_plan.facts import is_done
from tracker_tool.trackers.common import unfilled
from tracker_tool.trackers.kit import Code, RuleContext, W, rule


@rule(Code("completion.decision-missing", "Complete without the completion decision", W, "s14",
           "{label} is marked {status} but '{what}' is blank; the completion record says "
           "whether the outcome was achieved and whether more is needed.",
           "Answer the column: it decides whether a follow-up action must be raised."))
def completion_decision(ctx: RuleContext):
    """s14 lists the outcome and any further action among what is recorded before an action
    is marked complete; left blank, the follow-up checks (outcome.not-achieved,
    further-action.no-follow-up) have nothing to read, so the gap would pass silently."""
    for row in ctx.rows:
        if is_done(row):
            for key, code in unfilled(row, {"outcome_achieved": "completion.decision-missing",
                                            "further_action": "completion.decision-missing"}):
                yield ctx.at(row, key, code, status=row.record.status.value,
                             what=ctx.tracker.by_key[key].title)


TRACE_RULES = (completion_decision,)
