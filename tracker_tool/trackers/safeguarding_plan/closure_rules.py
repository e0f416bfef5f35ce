"""The checks of how a safeguarding action closes the loop: evidence that points to something,
the four closure tests, enough review cycles, someone other than the lead agreeing it, and
senior assurance where the risk is high (Governance, Closure test)."""

from __future__ import annotations

from tracker_tool.trackers.common import figures_in, is_vague_evidence, same_person, unfilled
from tracker_tool.trackers.kit import Code, E, RuleContext, Severity, W, days_text, plural, rule
from tracker_tool.trackers.safeguarding_plan.facts import (
    cycles_needed, days_overdue, is_closed, is_high,
)
from tracker_tool.trackers.safeguarding_plan.vocabulary import WORK_DONE

#: Columns whose entries must point at something checkable.
_EVIDENCE_KEYS = ("evidence", "risk_indicators", "practice_audit", "competency_evidence",
                  "governance_minutes")


@rule(
    Code("evidence.not-recorded", "Implemented or closed without evidence", E,
         "Effective plans, Governance",
         "{label} is marked {status} but no evidence is recorded.",
         "Say where the proof is kept (log, audit, care plan, training record) before "
         "marking it done."),
    Code("evidence.vague", "Evidence that points to nothing", W, "Effective plans",
         "{label}: '{value}' in {title} does not say where the proof is.",
         "Name the document, audit, log, minutes or record that holds the proof."))
def evidence(ctx: RuleContext):
    for row in ctx.rows:
        status = row.record.status
        if status in WORK_DONE and row.missing("evidence"):
            yield ctx.at(row, "evidence", "evidence.not-recorded", status=status.value)
        for key in _EVIDENCE_KEYS:
            if is_vague_evidence(getattr(row.record, key), ctx):
                # Vague evidence of work said to be done is no evidence: an error, as a blank.
                done = status in WORK_DONE and key == "evidence"
                yield ctx.at(row, key, "evidence.vague", severity=E if done else None)


@rule(
    Code("closure.no-indicators", "Closed without risk indicators", E, "Closure test",
         "{label} is Closed but does not show the risk indicators improving over time.",
         "Record the indicators the action should move, with figures over time, or reopen "
         "the action."),
    Code("closure.no-audit", "Closed without an audit of practice", E, "Closure test",
         "{label} is Closed but no audit confirming the change in practice is recorded.",
         "Record the audit that shows practice changed, or reopen the action."),
    Code("closure.no-competency", "Closed without supervision or competency evidence", E,
         "Closure test",
         "{label} is Closed but no supervision or competency evidence is recorded.",
         "Record the supervision notes or competency checks showing staff confidence and "
         "consistency, or reopen the action."),
    Code("closure.no-governance", "Closed without governance minutes", E, "Closure test",
         "{label} is Closed but no governance minutes show it was reviewed and challenged.",
         "Take the closure to the governance meeting and record the minutes reference."),
    Code("closure.indicators-no-trend", "Risk indicators without a trend", W, "Closure test",
         "{label}: '{value}' does not give figures at two or more points in time, so it "
         "cannot show improvement over time.",
         "Give the indicator before and after, for example '9 alerts in June, 2 in October'."),
    Code("closure.too-few-cycles", "Closed before enough review cycles", E,
         "Effective plans, Closure test",
         "{label} is {risk} risk and was closed after {cycles}; it needs at least {needed} "
         "to show the improvement is sustained.",
         "Reopen the action and keep it under review until it has been through enough "
         "cycles."),
    Code("closure.no-date", "Closed without a closure date", E, "Closure test",
         "{label} is Closed but has no closure date.",
         "Record the day governance agreed to close the action."),
    Code("closure.no-closer", "Closed without saying who closed it", E, "Closure test",
         "{label} is Closed but 'Closed by' is blank.",
         "Record the manager who agreed the closure after review and challenge."),
    Code("closure.self-closed", "High-risk action closed by its own lead", W, "Closure test",
         "{label} is high risk and was closed by its own lead ('{value}'); closure needs "
         "review and challenge from someone else.",
         "Have the Registered Manager or governance chair review the evidence and close it."),
    Code("closure.date-but-open", "Closure date on an action that is not Closed", W,
         "Closure test",
         "{label} has a closure date ({value}) but its status is {status}.",
         "Set the status to Closed once the closure test is met, or clear the date."))
def closure(ctx: RuleContext):
    """Closed only on the closure test, after enough review cycles, agreed by someone."""
    for row in ctx.rows:
        record = row.record
        if not is_closed(row):
            if record.status is not None and record.closure_date is not None:
                yield ctx.at(row, "closure_date", "closure.date-but-open",
                             status=record.status.value)
            continue
        for key, code in unfilled(row, {"risk_indicators": "closure.no-indicators",
                                        "practice_audit": "closure.no-audit",
                                        "competency_evidence": "closure.no-competency",
                                        "governance_minutes": "closure.no-governance"}):
            yield ctx.at(row, key, code)
        indicators = record.risk_indicators
        if indicators and not is_vague_evidence(indicators, ctx) \
                and figures_in(indicators) < 2:
            yield ctx.at(row, "risk_indicators", "closure.indicators-no-trend")
        needed = cycles_needed(row, ctx)
        if needed is not None and "review_cycles" not in row.invalid:
            cycles = record.review_cycles or 0
            if cycles < needed:
                done = (plural(cycles, "review cycle") if record.review_cycles is not None
                        else "no review cycles recorded")
                yield ctx.at(row, "review_cycles", "closure.too-few-cycles",
                             risk=record.risk_level.value.lower(), cycles=done,
                             needed=plural(needed, "review cycle"))
        if row.missing("closure_date"):
            yield ctx.at(row, "closure_date", "closure.no-date")
        if row.missing("closed_by"):
            yield ctx.at(row, "closed_by", "closure.no-closer")
        elif is_high(row) and same_person(record.closed_by, record.owner):
            yield ctx.at(row, "closed_by", "closure.self-closed")


@rule(Code("assurance.missing", "No senior assurance on a high-risk action", W, "Governance",
           "{label} is high risk and {when}, but no assurance to the Board or senior leaders "
           "is recorded.",
           "Report the action to the Board or senior leaders and record when and how."))
def senior_assurance(ctx: RuleContext):
    """Where risks are high, the Board or senior leaders get summary assurance (Governance).

    Asked once a high-risk action has been through a review cycle, is late or has closed; an
    overdue one is an escalation, since senior leaders must hear of it now.
    """
    for row in ctx.rows:
        if not is_high(row) or not row.missing("senior_assurance"):
            continue
        late = days_overdue(row, ctx)
        cycles = row.record.review_cycles or 0
        if late is not None:
            yield ctx.at(row, "senior_assurance", "assurance.missing",
                         severity=Severity.ESCALATION,
                         when=f"is {days_text(late)} overdue")
        elif is_closed(row):
            yield ctx.at(row, "senior_assurance", "assurance.missing", when="has been closed")
        elif cycles:
            yield ctx.at(row, "senior_assurance", "assurance.missing",
                         when=f"has been through {plural(cycles, 'review cycle')}")


CLOSURE_RULES = (evidence, closure, senior_assurance)
