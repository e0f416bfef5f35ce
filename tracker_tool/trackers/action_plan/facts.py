"""Facts about one action that several rules, the figures and the review pack all need.

Whether an action is open, high risk or late, and why it must be escalated, are each worked
out here once, under the service policy, so the findings, the Escalations sheet and the review
pack's answers cannot tell different stories.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker_tool.trackers.action_plan.vocabulary import DONE_STATUSES, Priority, Source, Status
from tracker_tool.trackers.common import days_past, has_measure, says_none, tick_box_phrase
from tracker_tool.trackers.kit import CheckedRow, RuleContext, days_text


def is_open(row: CheckedRow) -> bool:
    return row.record.status not in DONE_STATUSES


def is_done(row: CheckedRow) -> bool:
    return row.record.status in DONE_STATUSES


def is_high_risk(row: CheckedRow) -> bool:
    """High priority, or given a high-priority reason: both call for closer oversight (s9, s14)."""
    return row.record.priority == Priority.HIGH or row.record.high_priority_reason is not None


def linked_categories(row: CheckedRow, ctx: RuleContext) -> dict[str, str]:
    """High-priority category -> what links the action to it ("its theme 'Medication'"),
    read from its Source and Theme by the service's [kinds.action-plan] table (s9, s13).

    Only categories the service's policy lists count, so a service that drops one drops its
    link too. The high-priority reason column is not read here: it is the owner's own answer.
    """
    return ctx.remember("linked_categories", row, _linked_categories)


def _linked_categories(row: CheckedRow, ctx: RuleContext) -> dict[str, str]:
    links, record, found = _links(ctx), row.record, {}
    source = record.source.value if record.source is not None else None
    if source is not None:
        for name in links.by_source.get(source.casefold(), ()):
            found.setdefault(name, f"its source '{source}'")
    theme = (record.theme or "").strip()
    if theme:
        for name in links.by_theme.get(theme.casefold(), ()):
            found.setdefault(name, f"its theme '{theme}'")
    if source == Source.INCIDENT.value and links.serious is not None:
        text = " ".join(str(t) for t in (record.title, record.source_ref, record.description)
                        if t).casefold()
        if any(word in text for word in links.serious_words):
            found.setdefault(links.serious, "a serious incident as its source")
    return found


@dataclass(frozen=True)
class _Links:
    """The kind's settings and the policy's categories folded into look-ups, once per check
    rather than once per action: reading the settings serialises the policy's table, and a
    10,000-row plan asked that for every row. ``by_source`` and ``by_theme`` map a folded
    source or theme to the categories it links to, in the settings' order, keeping only those
    the policy lists (by their spelling there); ``serious`` is that spelling of 'Serious
    incident', None when the policy drops it; the words and sources are folded."""

    by_source: dict[str, tuple[str, ...]]
    by_theme: dict[str, tuple[str, ...]]
    serious: str | None
    serious_words: tuple[str, ...]
    external_sources: frozenset[str]
    external_words: tuple[tuple[str, re.Pattern], ...]
    #: The policy's categories escalated from their first overdue day, folded.
    escalating: frozenset[str]


def _links(ctx: RuleContext) -> _Links:
    links = ctx.memo.get(_Links)
    if links is None:
        links = ctx.memo[_Links] = _links_under(ctx.tracker.settings(ctx.policy), ctx.policy)
    return links


def _links_under(settings, policy) -> _Links:
    known = {c.casefold(): c for c in policy.high_priority.categories}

    def linking(table: dict[str, str]) -> dict[str, tuple[str, ...]]:
        found: dict[str, tuple[str, ...]] = {}
        for named, category in table.items():
            name = known.get(category.casefold())
            if name is not None:
                found[named.casefold()] = found.get(named.casefold(), ()) + (name,)
        return found

    return _Links(
        by_source=linking(settings.high_priority_sources),
        by_theme=linking(settings.high_priority_themes),
        serious=known.get("Serious incident".casefold()),
        serious_words=tuple(word.casefold() for word in settings.serious_incident_words),
        external_sources=_folded(settings.external_sources),
        external_words=tuple((w, re.compile(rf"\b{re.escape(w.casefold())}\b"))
                             for w in settings.external_body_words),
        escalating=_folded(policy.high_priority.escalate_when_overdue))


def external_body(row: CheckedRow, ctx: RuleContext) -> str | None:
    """What makes the action answer to a body outside the service (s18): its source, or a
    word in its title or source reference naming such a body; None for an internal action."""
    links = _links(ctx)
    source = row.record.source.value if row.record.source is not None else None
    if source is not None and source.casefold() in links.external_sources:
        return f"its source '{source}'"
    text = " ".join(str(t) for t in (row.record.title, row.record.source_ref) if t).casefold()
    word = next((w for w, pattern in links.external_words if pattern.search(text)), None)
    return f"'{word}' in its title or reference" if word else None


def days_overdue(row: CheckedRow, ctx: RuleContext) -> int | None:
    """Calendar days past the due date for an open action; None when not overdue."""
    return days_past(row.record.due_date, ctx.as_of) if is_open(row) else None


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
    escalating = _links(ctx).escalating
    reason = record.high_priority_reason
    if reason and reason.casefold() in escalating:
        reasons.append(f"linked to {_lower_first(reason)}")
    for category, why in linked_categories(row, ctx).items():
        if category.casefold() in escalating and category.casefold() != (reason or "").casefold():
            reasons.append(f"linked to {_lower_first(category)} by {why}")
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


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:]


def _folded(values) -> frozenset[str]:
    return frozenset(v.casefold() for v in values)


def escalation_recorded(row: CheckedRow) -> bool:
    """An escalation record that says one happened: 'pending' or 'not escalated' is none."""
    return not row.missing("escalation_record") and not says_none(row.record.escalation_record)


def due_soon(row: CheckedRow, ctx: RuleContext) -> bool:
    due = row.record.due_date
    return (is_open(row) and due is not None
            and 0 <= (due - ctx.as_of).days <= ctx.policy.review.due_soon_days)


def waiting_external(row: CheckedRow) -> bool:
    return is_open(row) and (row.record.status == Status.AWAITING_EXTERNAL
                             or not row.missing("external_input"))


def tick_box(row: CheckedRow, ctx: RuleContext) -> str | None:
    """The tick-box phrase in the description, unless the action or its intended outcome says
    how it will be checked."""
    phrase = tick_box_phrase(row.record.description, ctx)
    if phrase is None or any(has_measure(text or "", ctx) for text in (
            row.record.description, row.record.intended_outcome)):
        return None
    return phrase
