"""Facts about one action that several rules, the figures and the review pack all need.

Whether an action is open, high risk or late, and why it must be escalated, are each worked
out here once, under the service policy, so the findings, the Escalations sheet and the review
pack's answers cannot tell different stories.
"""

from __future__ import annotations

import re

from tracker_tool.check.rule_context import CheckedRow, RuleContext
from tracker_tool.core.text_checks import points_to_nothing, words_of
from tracker_tool.core.wording import days_text, either, fmt  # noqa: F401 - rules import them from here
from tracker_tool.policy.service_policy import person_key as name_key
from tracker_tool.trackers.action_plan.vocabulary import DONE_STATUSES, Priority, Status


def same_name(a: str | None, b: str | None) -> bool:
    """Names compared as people type them: case, spacing and full stops do not matter."""
    return bool(a and b) and name_key(a) == name_key(b)


def is_open(row: CheckedRow) -> bool:
    return row.record.status not in DONE_STATUSES


def is_done(row: CheckedRow) -> bool:
    return row.record.status in DONE_STATUSES


def is_high_risk(row: CheckedRow) -> bool:
    """High priority, or given a high-priority reason: both call for closer oversight (s9, s14)."""
    return row.record.priority == Priority.HIGH or row.record.high_priority_reason is not None


def days_overdue(row: CheckedRow, ctx: RuleContext) -> int | None:
    """Calendar days past the due date for an open action; None when not overdue."""
    due = row.record.due_date
    if due is None or not is_open(row) or due >= ctx.as_of:
        return None
    return (ctx.as_of - due).days


def days_late(row: CheckedRow, ctx: RuleContext) -> int:
    """Days past due counted the policy's way (calendar or working); 0 when not overdue."""
    if days_overdue(row, ctx) is None:
        return 0
    return ctx.remember("days_late", row,
                        lambda r, c: c.policy.days_late(r.record.due_date, c.as_of))


def overdue_text(row: CheckedRow, ctx: RuleContext) -> str:
    """'12 days' or, when the policy counts working days, '12 days (8 working days)'."""
    days = days_overdue(row, ctx) or 0
    if ctx.policy.overdue.count.value == "working":
        return f"{days_text(days)} ({days_text(days_late(row, ctx), 'working')})"
    return days_text(days)


def escalation_reasons(row: CheckedRow, ctx: RuleContext) -> list[str]:
    """Why the policy (s13) says this overdue action must be escalated; empty when it need not be.

    Asked by the rule, the review figures and the Escalations sheet: worked out once per row.
    """
    return ctx.remember("escalation", row, _escalation_reasons)


def _escalation_reasons(row: CheckedRow, ctx: RuleContext) -> list[str]:
    if days_overdue(row, ctx) is None:
        return []
    policy, record = ctx.policy, row.record
    reasons = []
    limit = policy.overdue.escalate_after
    if days_late(row, ctx) > limit or limit == 0:
        unit = "working days" if policy.overdue.count.value == "working" else "days"
        reasons.append(f"more than {limit} {unit} overdue")
    if record.priority == Priority.HIGH:
        reasons.append("high priority")
    reason = record.high_priority_reason
    if reason and reason.casefold() in _folded(policy.high_priority.escalate_when_overdue):
        reasons.append(f"linked to {reason[0].lower() + reason[1:]}")
    if record.source is not None and record.source.value in policy.overdue.escalate_sources:
        reasons.append(f"required by {_BODY.get(record.source.value, record.source.value)}")
    if (record.extensions or 0) > 1:
        reasons.append(f"extended {record.extensions} times")
    if row.missing("progress_update"):
        reasons.append("past due with no reason recorded")
    return reasons


#: How a source reads after "required by" in an escalation reason.
_BODY = {
    "CQC inspection": "CQC", "Commissioner or local authority": "the commissioner or local authority",
    "Safeguarding concern": "a safeguarding enquiry", "Professional advice": "professional advice",
    "Governance meeting": "provider governance",
}


def _folded(values) -> frozenset[str]:
    return frozenset(v.casefold() for v in values)


def due_soon(row: CheckedRow, ctx: RuleContext) -> bool:
    due = row.record.due_date
    return (is_open(row) and due is not None
            and 0 <= (due - ctx.as_of).days <= ctx.policy.review.due_soon_days)


def waiting_external(row: CheckedRow) -> bool:
    return is_open(row) and (row.record.status == Status.AWAITING_EXTERNAL
                             or not row.missing("external_input"))


_NUMBER = re.compile(r"\d")


def has_measure(text: str, ctx: RuleContext) -> bool:
    """A number, or a word that shows how the action will be checked (audit, spot check...)."""
    if _NUMBER.search(text):
        return True
    folded = text.casefold()
    return any(re.search(rf"\b{re.escape(w.casefold())}", folded)
               for w in ctx.policy.action_quality.measure_words)


def tick_box_phrase(row: CheckedRow, ctx: RuleContext) -> str | None:
    """The tick-box phrase in the description, unless the action says how it will be checked."""
    text = " ".join((row.record.description or "").casefold().split())
    phrase = next((p for p in ctx.policy.action_quality.tick_box_phrases
                   if p.casefold() in text), None)
    if phrase is None:
        return None
    outcome = row.record.intended_outcome or ""
    if has_measure(row.record.description or "", ctx) or has_measure(outcome, ctx):
        return None
    return phrase


def is_vague_evidence(text: str | None, ctx: RuleContext) -> bool:
    """'done', 'yes', 'verbal from RM': nothing an auditor could go and look at."""
    if not text:
        return False
    return points_to_nothing(words_of(text), _folded(ctx.policy.action_quality.vague_evidence))
