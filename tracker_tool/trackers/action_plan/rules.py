"""The action-plan policy's checks over typed rows (policy s4, s6-s16), under the service policy.

Each rule is a function of a RuleContext that yields findings; thresholds and lists come from
``ctx.policy``. Facts several rules share (late, high risk, escalation reasons) live in
``facts`` so rules, figures and the review pack agree by construction.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Iterator

from tracker_tool.check.rule_context import RuleContext
from tracker_tool.core.findings import Finding, Severity
from tracker_tool.trackers.action_plan.facts import (
    days_overdue,
    days_text,
    either,
    escalation_reasons,
    fmt,
    is_done,
    is_high_risk,
    is_open,
    is_vague_evidence,
    name_key,
    overdue_text,
    same_name,
    tick_box_phrase,
)
from tracker_tool.trackers.action_plan.vocabulary import (
    RAG,
    TRACEABLE_SOURCES,
    EffectivenessResult,
    Priority,
    Status,
    YesNo,
)

#: Owners nobody can be held to: "Everyone", "All staff", "TBC", "Various".
_NOBODY = re.compile(
    r"^(the\s+)?(all\s+)?([a-z\-]+\s+)?"
    r"(staff|everyone|everybody|various|all|whole home|anyone|management|managers)$")
#: Owners that are a team: "Care team", "Night staff team", "Nurses"; a team may own an
#: action when the service's policy allows it. "Team leader" is a role, not matched.
_TEAM = re.compile(
    r"^(the\s+)?(all\s+)?([a-z\-]+\s+)?"
    r"(team|teams|management team|nurses|carers|seniors|office|home|unit|department|dept)$")
#: "Priya Shah and Tom Okafor", "RM / DM", "Sam; Alex": several people named as owner.
_SEVERAL = re.compile(r"\s(and|&|\+)\s|/|;")


def _several(owner: str) -> bool:
    """Several owners, but not "Shah, Priya": a comma splits people only between full names."""
    if _SEVERAL.search(owner):
        return True
    parts = [part.split() for part in owner.split(",")]
    return len(parts) > 2 or (len(parts) == 2 and all(len(words) > 1 for words in parts))


def owners(ctx: RuleContext) -> Iterator[Finding]:
    policy = ctx.policy
    for row in ctx.rows:
        owner = row.record.owner
        if not owner:
            continue
        key = name_key(owner)
        if _NOBODY.match(key):
            yield ctx.at(row, "owner", "owner.group", what="not a person",
                         who="one named person or team" if policy.ownership.team_may_own
                         else "one named person")
            continue
        if _TEAM.match(key):
            if not policy.ownership.team_may_own:
                yield ctx.at(row, "owner", "owner.group", what="a group",
                             who="one named person")
            continue
        if _several(owner):
            yield ctx.at(row, "owner", "owner.several")
            continue
        if policy.roster:
            person = policy.staff.get(key)
            if person is None:
                yield ctx.at(row, "owner", "owner.not-on-roster")
            elif person.left is not None and person.left <= ctx.as_of and is_open(row):
                yield ctx.at(row, "owner", "owner.has-left", left=fmt(person.left))


def priority_consistency(ctx: RuleContext) -> Iterator[Finding]:
    limit = ctx.policy.high_priority.due_within_days
    for row in ctx.rows:
        record = row.record
        priority, reason = record.priority, record.high_priority_reason
        if reason is not None and priority is not None and priority != Priority.HIGH:
            yield ctx.at(row, "priority", "priority.reason-not-high", reason=reason)
        if priority == Priority.HIGH and row.missing("high_priority_reason"):
            yield ctx.at(row, "high_priority_reason", "priority.high-no-reason")
        created, due = record.date_created, record.due_date
        if (priority == Priority.HIGH and created and due and (due - created).days > limit
                and is_open(row)):
            yield ctx.at(row, "due_date", "priority.high-due-too-far",
                         days=days_text((due - created).days), limit=days_text(limit))


def source_traced(ctx: RuleContext) -> Iterator[Finding]:
    for row in ctx.rows:
        source = row.record.source
        if source in TRACEABLE_SOURCES and row.missing("source_ref"):
            yield ctx.at(row, "source_ref", "source-ref.missing",
                         source=TRACEABLE_SOURCES[source])


def date_order(ctx: RuleContext) -> Iterator[Finding]:
    as_of = fmt(ctx.as_of)
    for row in ctx.rows:
        created, due, done = row.record.date_created, row.record.due_date, row.record.date_completed
        if created and due and due < created:
            yield ctx.at(row, "due_date", "dates.due-before-created", created=fmt(created))
        if created and created > ctx.as_of:
            yield ctx.at(row, "date_created", "dates.created-in-future", as_of=as_of)
        if done and done > ctx.as_of:
            yield ctx.at(row, "date_completed", "dates.completed-in-future", as_of=as_of)
        if done and created and done < created:
            yield ctx.at(row, "date_completed", "dates.completed-before-created",
                         created=fmt(created))


def action_quality(ctx: RuleContext) -> Iterator[Finding]:
    """Tick-box and vague actions (s8's "Improve medicines"), and evidence that proves nothing."""
    shortest = ctx.policy.action_quality.min_description_words
    for row in ctx.rows:
        high = is_high_risk(row)
        phrase = tick_box_phrase(row, ctx)
        if phrase is not None:
            yield ctx.at(row, "description", "action.tick-box", phrase=phrase,
                         severity=Severity.ERROR if high else None)
        elif row.record.description:
            words = len(row.record.description.split())
            if words < shortest:
                yield ctx.at(row, "description", "action.vague",
                             words=f"{words} word{'s' if words != 1 else ''}")
        if is_vague_evidence(row.record.evidence_required, ctx):
            yield ctx.at(row, "evidence_required", "evidence-required.vague")
        if is_vague_evidence(row.record.completion_evidence, ctx):
            yield ctx.at(row, "completion_evidence", "evidence.vague",
                         severity=Severity.ERROR if high else None,
                         high_risk="; for a high-risk action a verbal or bare 'done' is not "
                                   "enough" if high else "")


def completion(ctx: RuleContext) -> Iterator[Finding]:
    for row in ctx.rows:
        status = row.record.status
        if is_done(row):
            words = dict(status=status.value)
            if row.missing("date_completed"):
                yield ctx.at(row, "date_completed", "completion.no-date", **words)
            if row.missing("completion_evidence"):
                yield ctx.at(row, "completion_evidence", "completion.no-evidence", **words)
            if row.missing("what_was_done"):
                yield ctx.at(row, "what_was_done", "completion.no-account", **words)
            if row.missing("effectiveness_needed"):
                yield ctx.at(row, "effectiveness_needed", "effectiveness.undecided", **words)
        elif status is not None and row.record.date_completed is not None:
            yield ctx.at(row, "date_completed", "completion.date-but-open", status=status.value)


def closure(ctx: RuleContext) -> Iterator[Finding]:
    """Closed means reviewed (s14) and, where a check was needed, shown to work (s15)."""
    policy = ctx.policy
    allowed = {name_key(r) for r in policy.closure.roles_allowed}
    for row in ctx.rows:
        record = row.record
        if record.status != Status.CLOSED:
            continue
        high = is_high_risk(row)
        reviewer = record.closure_reviewed_by
        if not reviewer:
            yield ctx.at(row, "closure_reviewed_by", "closure.not-reviewed",
                         severity=Severity.ERROR if high else None)
        elif high and same_name(reviewer, record.owner):
            yield ctx.at(row, "closure_reviewed_by", "closure.reviewer-is-owner")
        elif high:
            role = record.closure_reviewer_role
            person = policy.staff.get(name_key(reviewer))
            if not role and person is not None:
                role = person.role
            if not role or name_key(role) not in allowed:
                who = f"is a {role}" if role else "has no role recorded"
                yield ctx.at(row, "closure_reviewer_role", "closure.reviewer-role", who=who,
                             allowed=either(list(policy.closure.roles_allowed)))
        if record.effectiveness_needed == YesNo.YES:
            if record.effectiveness_done is None and row.missing("effectiveness_result"):
                yield ctx.at(row, "status", "closure.before-effectiveness",
                             state="has not been done")
            elif row.missing("effectiveness_result"):
                yield ctx.at(row, "status", "closure.before-effectiveness",
                             state="has no result")


def overdue_and_escalation(ctx: RuleContext) -> Iterator[Finding]:
    for row in ctx.rows:
        days = days_overdue(row, ctx)
        if days is None:
            if (row.record.extensions or 0) > 1 and row.missing("escalation_record") \
                    and is_open(row):
                yield ctx.at(row, "extensions", "extension.repeated")
            continue
        text = overdue_text(row, ctx)
        yield ctx.at(row, "due_date", "action.overdue", days=text)
        reasons = escalation_reasons(row, ctx)
        if reasons and row.missing("escalation_record"):
            yield ctx.at(row, "escalation_record", "escalation.due", days=text,
                         reasons="; ".join(reasons))


def due_date_drift(ctx: RuleContext) -> Iterator[Finding]:
    """A due date that moved without an extension being counted hides the delay (s10)."""
    slip_limit = ctx.policy.extensions.max_slip_days
    for row in ctx.rows:
        record = row.record
        extensions, original, due = record.extensions or 0, record.original_due_date, record.due_date
        if extensions and original is None and row.missing("original_due_date"):
            yield ctx.at(row, "extensions", "extension.no-original-date")
        if original is None or due is None or due == original:
            continue
        if extensions == 0 and "extensions" not in row.invalid:
            yield ctx.at(row, "due_date", "due-date.moved-silently", original=fmt(original))
        slip = (due - original).days
        if slip > slip_limit:
            yield ctx.at(row, "due_date", "due-date.slipped", slip=days_text(slip),
                         original=fmt(original))


def rag(ctx: RuleContext) -> Iterator[Finding]:
    """The RAG is the owner's forecast; it must not read better than the dates (s12)."""
    soon = ctx.policy.review.due_soon_days
    for row in ctx.rows:
        declared = row.record.rag
        if declared is None or not is_open(row):
            continue
        days = days_overdue(row, ctx)
        due = row.record.due_date
        if days is not None and declared == RAG.GREEN:
            yield ctx.at(row, "rag", "rag.green-overdue", due=fmt(due), days=days_text(days))
        elif days is not None and declared == RAG.AMBER:
            yield ctx.at(row, "rag", "rag.understated", why=f"it is {days_text(days)} overdue",
                         expected="Red")
        elif (declared == RAG.GREEN and due is not None and row.record.status == Status.NOT_STARTED
              and (due - ctx.as_of).days <= soon):
            yield ctx.at(row, "rag", "rag.understated",
                         why=f"it is due on {fmt(due)} and not started", expected="Amber")
        if declared in (RAG.AMBER, RAG.RED) and row.missing("progress_update"):
            yield ctx.at(row, "rag", "rag.no-narrative")


def reviews(ctx: RuleContext) -> Iterator[Finding]:
    """Open actions are reviewed at least monthly, high-risk ones more often (s9, s12)."""
    settings = ctx.policy.review
    for row in ctx.rows:
        if not is_open(row):
            continue
        high = is_high_risk(row)
        limit = settings.high_risk_every_days if high else settings.open_every_days
        review = row.record.review_date
        if review is None:
            if row.missing("review_date"):
                yield ctx.at(row, "review_date", "review.not-set")
        elif review < ctx.as_of:
            yield ctx.at(row, "review_date", "review.overdue",
                         days=days_text((ctx.as_of - review).days))
        elif review > ctx.as_of + timedelta(days=limit):
            yield ctx.at(row, "review_date", "review.too-far", limit=days_text(limit))


def effectiveness(ctx: RuleContext) -> Iterator[Finding]:
    ids = {" ".join(str(r.record.action_id).casefold().split())
           for r in ctx.rows if r.record.action_id}
    for row in ctx.rows:
        record = row.record
        needed = record.effectiveness_needed == YesNo.YES
        due, done = record.effectiveness_due, record.effectiveness_done
        result_blank = row.missing("effectiveness_result")
        if needed and row.missing("effectiveness_due") and done is None:
            yield ctx.at(row, "effectiveness_due", "effectiveness.not-planned")
        if (needed or due) and due and due < ctx.as_of and done is None and result_blank:
            yield ctx.at(row, "effectiveness_due", "effectiveness.overdue",
                         severity=Severity.ESCALATION if is_high_risk(row) else None)
        if done is not None and result_blank:
            yield ctx.at(row, "effectiveness_result", "effectiveness.no-result", done=fmt(done))
        if is_done(row) and is_high_risk(row) and record.effectiveness_needed == YesNo.NO:
            yield ctx.at(row, "effectiveness_needed", "effectiveness.skipped-high-risk")
        follow_up = record.follow_up_action
        if (record.effectiveness_result == EffectivenessResult.DID_NOT_WORK and is_done(row)
                and not follow_up):
            yield ctx.at(row, "effectiveness_result", "effectiveness.failed-still-closed",
                         status=record.status.value)
        if follow_up and " ".join(follow_up.casefold().split()) not in ids:
            yield ctx.at(row, "follow_up_action", "effectiveness.follow-up-unknown")


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
            yield ctx.at(row, key, "external.incomplete", gaps=either(gaps))


ROW_RULES = (
    owners, priority_consistency, source_traced, date_order, action_quality, completion,
    closure, overdue_and_escalation, due_date_drift, rag, reviews, effectiveness,
    external_dependency,
)
