"""The action-plan policy's checks over typed rows (policy s4, s8-s15).

Each rule is a function of a RuleContext that yields findings. Escalation logic lives in
``escalation_reasons`` so the rule and the audit's Escalations sheet agree by construction.
"""

from __future__ import annotations

import re
from typing import Iterator

from tracker_tool.cell_values import display
from tracker_tool.findings import Finding
from tracker_tool.rule_context import CheckedRow, RuleContext
from tracker_tool.trackers.action_plan.vocabulary import (
    DONE_STATUSES, ESCALATE_REASONS, ESCALATE_SOURCES, Priority, Status, YesNo,
)

#: Owners that name a group rather than a person: "Team", "All staff", "Night staff",
#: "Management", "Care team", "Nurses"... A role with a qualifier ("Team leader") is not matched.
_GROUP_OWNER = re.compile(
    r"^(the\s+)?(all\s+)?([a-z\-]+\s+)?"
    r"(team|teams|staff|managers|management|management team|nurses|carers|seniors|everyone|"
    r"everybody|office|various|all|whole home|home|unit|department|dept)$"
)


def _fmt(day) -> str:
    return day.strftime("%d/%m/%Y")


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _either(words: list[str]) -> str:
    """['from whom', 'by when'] -> 'from whom or by when'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def is_open(row: CheckedRow) -> bool:
    return row.record.status not in DONE_STATUSES


def days_overdue(row: CheckedRow, ctx: RuleContext) -> int | None:
    """Calendar days past the due date for an open action; None when not overdue."""
    due = row.record.due_date
    if due is None or not is_open(row) or due >= ctx.as_of:
        return None
    return (ctx.as_of - due).days


def escalation_reasons(row: CheckedRow, ctx: RuleContext) -> list[str]:
    """Why the policy (s13) says this overdue action must be escalated; empty when it need not be.

    Asked by the rule, the review figures and the Escalations sheet: worked out once per row.
    """
    return ctx.remember("escalation", row, _escalation_reasons)


def _escalation_reasons(row: CheckedRow, ctx: RuleContext) -> list[str]:
    if days_overdue(row, ctx) is None:
        return []
    reasons = []
    if row.record.priority == Priority.HIGH:
        reasons.append("high priority")
    reason = row.record.high_priority_reason
    if reason in ESCALATE_REASONS:
        reasons.append(f"linked to {reason.value.lower()}")
    source = row.record.source
    if source in ESCALATE_SOURCES:
        reasons.append(ESCALATE_SOURCES[source])
    if (row.record.extensions or 0) > 1:
        reasons.append(f"extended {row.record.extensions} times")
    if row.missing("progress_update"):
        reasons.append("past due with no reason recorded")
    return reasons


def owner_is_group(ctx: RuleContext) -> Iterator[Finding]:
    for row in ctx.rows:
        owner = row.record.owner
        if owner and _GROUP_OWNER.match(" ".join(owner.casefold().replace(".", "").split())):
            yield ctx.at(row, "owner", "owner.group")


def priority_consistency(ctx: RuleContext) -> Iterator[Finding]:
    for row in ctx.rows:
        priority, reason = row.record.priority, row.record.high_priority_reason
        if reason is not None and priority is not None and priority != Priority.HIGH:
            yield ctx.at(row, "priority", "priority.reason-not-high",
                         reason=reason.value)
        if priority == Priority.HIGH and row.missing("high_priority_reason"):
            yield ctx.at(row, "high_priority_reason", "priority.high-no-reason")


def date_order(ctx: RuleContext) -> Iterator[Finding]:
    as_of = _fmt(ctx.as_of)
    for row in ctx.rows:
        created, due, done = row.record.date_created, row.record.due_date, row.record.date_completed
        if created and due and due < created:
            yield ctx.at(row, "due_date", "dates.due-before-created",
                         created=_fmt(created))
        if created and created > ctx.as_of:
            yield ctx.at(row, "date_created", "dates.created-in-future",
                         as_of=as_of)
        if done and done > ctx.as_of:
            yield ctx.at(row, "date_completed", "dates.completed-in-future", as_of=as_of)
        if done and created and done < created:
            yield ctx.at(row, "date_completed", "dates.completed-before-created", created=_fmt(created))


def completion(ctx: RuleContext) -> Iterator[Finding]:
    for row in ctx.rows:
        status = row.record.status
        if status in DONE_STATUSES:
            words = dict(status=status.value)
            if row.missing("date_completed"):
                yield ctx.at(row, "date_completed", "completion.no-date", **words)
            if row.missing("completion_evidence"):
                yield ctx.at(row, "completion_evidence", "completion.no-evidence", **words)
            if row.missing("what_was_done"):
                yield ctx.at(row, "what_was_done", "completion.no-account", **words)
            if row.missing("effectiveness_needed"):
                yield ctx.at(row, "effectiveness_needed", "effectiveness.undecided", **words)
            if status == Status.CLOSED and row.missing("closure_reviewed_by"):
                yield ctx.at(row, "closure_reviewed_by", "closure.not-reviewed")
        elif status is not None and row.record.date_completed is not None:
            yield ctx.at(row, "date_completed", "completion.date-but-open",
                         status=status.value)


def overdue_and_escalation(ctx: RuleContext) -> Iterator[Finding]:
    for row in ctx.rows:
        days = days_overdue(row, ctx)
        if days is None:
            continue
        yield ctx.at(row, "due_date", "action.overdue", days=_days(days))
        reasons = escalation_reasons(row, ctx)
        if reasons and row.missing("escalation_record"):
            yield ctx.at(row, "escalation_record", "escalation.due",
                         days=_days(days), reasons="; ".join(reasons))


def effectiveness(ctx: RuleContext) -> Iterator[Finding]:
    for row in ctx.rows:
        needed = row.record.effectiveness_needed == YesNo.YES
        due, done = row.record.effectiveness_due, row.record.effectiveness_done
        result_blank = row.missing("effectiveness_result")
        if needed and row.missing("effectiveness_due") and done is None:
            yield ctx.at(row, "effectiveness_due", "effectiveness.not-planned")
        if (needed or due) and due and due < ctx.as_of and done is None and result_blank:
            yield ctx.at(row, "effectiveness_due", "effectiveness.overdue")
        if done is not None and result_blank:
            yield ctx.at(row, "effectiveness_result", "effectiveness.no-result",
                         done=_fmt(done))


def external_dependency(ctx: RuleContext) -> Iterator[Finding]:
    for row in ctx.rows:
        asked = not row.missing("external_input") or row.record.status == Status.AWAITING_EXTERNAL
        if not asked or not is_open(row):
            continue
        gaps = [words for key, words in (("external_input", "what was requested"),
                                         ("external_from", "from whom"),
                                         ("external_due", "by when")) if row.missing(key)]
        if gaps:
            key = next(k for k in ("external_input", "external_from", "external_due")
                       if row.missing(k))
            yield ctx.at(row, key, "external.incomplete",
                         gaps=_either(gaps))


RULES = (
    owner_is_group, priority_consistency, date_order, completion, overdue_and_escalation,
    effectiveness, external_dependency,
)

__all__ = ["RULES", "escalation_reasons", "days_overdue", "is_open", "display"]
