"""The escalated case's closure evidence judged as every other evidence column is (issue 13):
the HR lead closes a case on the evidence behind the outcome (Ex2 step 5), and 'discussed
with Jo, all fine' is a report of a conversation, not an audit or a review form anyone could
look at. Kept apart from rules.py so the closure checks there stay about dates and outcomes."""

from __future__ import annotations

from tracker_tool.trackers.kit import Code, E, RuleContext, W, rule
from tracker_tool.trackers.supervision.escalated.rules import is_open
from tracker_tool.trackers.supervision.shared import is_vague_evidence


@rule(Code("case.evidence-vague", "Closure evidence proves nothing", W,
           "Ex2 step 5, what can go wrong",
           "{label}: the evidence supporting closure '{value}' does not name an audit, "
           "observation or review form anyone could look at.",
           "Name the audits, observation records and review forms that support the outcome."))
def closure_evidence(ctx: RuleContext):
    for row in ctx.rows:
        if is_vague_evidence(row.record.closure_evidence):
            # On a closed case vague evidence is no evidence: as much an error as a blank.
            yield ctx.at(row, "closure_evidence", "case.evidence-vague",
                         severity=None if is_open(row) else E)


EVIDENCE_RULES = (closure_evidence,)
