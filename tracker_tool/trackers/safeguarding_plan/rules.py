"""The checks a safeguarding action plan must pass, as functions of a RuleContext.

Each rule yields findings located on the cell to change. Thresholds that a service sets
(review intervals, tick-box phrases, vague evidence words, the roster) come from
``ctx.policy``; the closure cycles come from the article (vocabulary.CLOSURE_CYCLES).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta

from tracker_tool.check.rule_context import RuleContext
from tracker_tool.core.findings import Finding, Severity
from tracker_tool.core.wording import plural
from tracker_tool.trackers.common import is_vague_evidence
from tracker_tool.trackers.common import same_person as same_name
from tracker_tool.trackers.kit import days_text, fmt
from tracker_tool.trackers.kit import person_key as name_key
from tracker_tool.trackers.safeguarding_plan.facts import (
    concerns,
    cycles_needed,
    days_overdue,
    figures_over_time,
    is_closed,
    is_high,
    review_limit,
    status_words,
    tick_box,
    under_oversight,
)
from tracker_tool.trackers.safeguarding_plan.vocabulary import (
    RAG,
    WORK_DONE,
    ActionType,
)

#: Leads nobody can be held to: "All staff", "Everyone", "Management", "Night staff".
_NOBODY = re.compile(
    r"^(the\s+)?(all\s+)?([a-z\-]+\s+)?"
    r"(staff|everyone|everybody|various|all|anyone|management|managers)$")
#: Leads that are a team or a group: "Care team", "Senior management team", "Nurses",
#: "Shift leads", "SLT". "Team leader" (one role) is not matched.
_TEAM = re.compile(
    r"^(the\s+)?(all\s+)?([a-z\-]+\s+){0,2}"
    r"(team|teams|nurses|carers|seniors|office|unit|department|leads|leaders|supervisors|"
    r"workers|coordinators)$|^(the\s+)?(slt|smt|mdt)$")
#: "Ruth Adeyemi and Sam Cole", "RM / DM", "Sam; Alex": several people named as lead.
_SEVERAL = re.compile(r"\s(and|&|\+)\s|/|;")


def _several(lead: str) -> bool:
    """Several leads, but not "Adeyemi, Ruth": a comma splits people only between full names."""
    if _SEVERAL.search(lead):
        return True
    parts = [part.split() for part in lead.split(",")]
    return len(parts) > 2 or (len(parts) == 2 and all(len(words) > 1 for words in parts))


def leads(ctx: RuleContext) -> Iterator[Finding]:
    """Named leads, not generic team actions (Effective plans: owned). The article is plain
    that a team cannot lead, so the policy's team_may_own setting does not apply here."""
    policy = ctx.policy
    for row in ctx.rows:
        lead = row.record.owner
        if not lead:
            continue
        key = name_key(lead)
        if _NOBODY.match(key):
            yield ctx.at(row, "owner", "lead.group", what="not a person")
        elif _TEAM.match(key):
            yield ctx.at(row, "owner", "lead.group", what="a team or group")
        elif _several(lead):
            yield ctx.at(row, "owner", "lead.several")
        elif policy.roster:
            person = policy.staff.get(key)
            if person is None:
                yield ctx.at(row, "owner", "lead.not-on-roster")
            elif person.left is not None and person.left <= ctx.as_of and under_oversight(row):
                yield ctx.at(row, "owner", "lead.has-left", left=fmt(person.left))


def action_quality(ctx: RuleContext) -> Iterator[Finding]:
    """Tick-box actions standing alone, and actions too short to act on."""
    shortest = ctx.policy.action_quality.min_description_words
    for row in ctx.rows:
        phrase = tick_box(row, ctx)
        if phrase is not None:
            concern = row.record.concern_ref
            yield ctx.at(row, "action", "action.tick-box", phrase=phrase,
                         concern=f"'{concern}'" if concern else "with no reference")
        elif row.record.action:
            words = len(row.record.action.split())
            if words < shortest:
                yield ctx.at(row, "action", "action.vague", words=plural(words, "word"))


#: How each missing kind of action reads in a message.
_TYPE_WORDS = {
    ActionType.RISK_CONTROL: "risk-control measure",
    ActionType.PRACTICE_CHANGE: "practice change",
    ActionType.OVERSIGHT: "oversight mechanism",
    ActionType.EVIDENCE: "evidence measure",
}


def concern_balance(ctx: RuleContext) -> Iterator[Finding]:
    """Each concern still under oversight should have all four kinds of action."""
    for rows in concerns(ctx).values():
        if all(is_closed(row) for row in rows):
            continue
        present = {row.record.action_type for row in rows}
        missing = [words for kind, words in _TYPE_WORDS.items() if kind not in present]
        if missing:
            first = rows[0]
            yield ctx.at(first, "concern_ref", "concern.types-missing",
                         concern=f"'{first.record.concern_ref}'",
                         actions=plural(len(rows), "action"), missing=_either(missing))


def _either(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def date_order(ctx: RuleContext) -> Iterator[Finding]:
    as_of = fmt(ctx.as_of)
    for row in ctx.rows:
        record = row.record
        if record.date_raised and record.due_date and record.due_date < record.date_raised:
            yield ctx.at(row, "due_date", "dates.due-before-raised", raised=fmt(record.date_raised))
        for key in ("date_raised", "narrative_date", "last_review", "closure_date"):
            day = getattr(record, key)
            if day is not None and day > ctx.as_of:
                yield ctx.at(row, key, "dates.in-future", as_of=as_of)


def overdue(ctx: RuleContext) -> Iterator[Finding]:
    for row in ctx.rows:
        days = days_overdue(row, ctx)
        if days is not None:
            yield ctx.at(row, "due_date", "action.overdue", days=days_text(days))


def rag(ctx: RuleContext) -> Iterator[Finding]:
    """A RAG rating with a dated narrative, kept current and no kinder than the dates."""
    for row in ctx.rows:
        record = row.record
        open_ = under_oversight(row)
        if open_ and row.missing("rag"):
            yield ctx.at(row, "rag", "rag.missing", status=status_words(row))
        if record.rag is not None and row.missing("rag_narrative"):
            yield ctx.at(row, "rag", "rag.no-narrative")
        if not row.missing("rag_narrative") and row.missing("narrative_date"):
            yield ctx.at(row, "narrative_date", "rag.narrative-undated")
        written, limit = record.narrative_date, review_limit(row, ctx)
        if open_ and written is not None and (ctx.as_of - written).days > limit:
            yield ctx.at(row, "narrative_date", "rag.narrative-stale",
                         days=days_text((ctx.as_of - written).days), limit=days_text(limit),
                         risk="high-risk" if is_high(row) else "open")
        days = days_overdue(row, ctx)
        if days is not None and record.rag == RAG.GREEN:
            yield ctx.at(row, "rag", "rag.green-overdue", due=fmt(record.due_date),
                         days=days_text(days))


def reviews(ctx: RuleContext) -> Iterator[Finding]:
    """Governance keeps reviewing an action until it closes; high-risk ones more often."""
    for row in ctx.rows:
        if not under_oversight(row):
            continue
        nxt, limit = row.record.next_review, review_limit(row, ctx)
        if nxt is None:
            if row.missing("next_review"):
                yield ctx.at(row, "next_review", "review.not-set", status=status_words(row))
        elif nxt < ctx.as_of:
            yield ctx.at(row, "next_review", "review.overdue",
                         days=days_text((ctx.as_of - nxt).days))
        elif nxt > ctx.as_of + timedelta(days=limit):
            level = row.record.risk_level
            yield ctx.at(row, "next_review", "review.too-far", limit=days_text(limit),
                         what=f"a {level.value.lower()}-risk action" if level
                         else "an open action")


#: Columns whose entries must point at something checkable.
_EVIDENCE_KEYS = ("evidence", "risk_indicators", "practice_audit", "competency_evidence",
                  "governance_minutes")


def evidence(ctx: RuleContext) -> Iterator[Finding]:
    for row in ctx.rows:
        status = row.record.status
        if status in WORK_DONE and row.missing("evidence"):
            yield ctx.at(row, "evidence", "evidence.not-recorded", status=status.value)
        for key in _EVIDENCE_KEYS:
            if is_vague_evidence(getattr(row.record, key), ctx):
                yield ctx.at(row, key, "evidence.vague")


#: The four closure tests, each its own column and code.
_CLOSURE_TESTS = (
    ("risk_indicators", "closure.no-indicators"),
    ("practice_audit", "closure.no-audit"),
    ("competency_evidence", "closure.no-competency"),
    ("governance_minutes", "closure.no-governance"),
)


def closure(ctx: RuleContext) -> Iterator[Finding]:
    """Closed only on the closure test, after enough review cycles, agreed by someone."""
    for row in ctx.rows:
        record = row.record
        if not is_closed(row):
            if record.status is not None and record.closure_date is not None:
                yield ctx.at(row, "closure_date", "closure.date-but-open",
                             status=record.status.value)
            continue
        for key, code in _CLOSURE_TESTS:
            if row.missing(key):
                yield ctx.at(row, key, code)
        indicators = record.risk_indicators
        if indicators and not is_vague_evidence(indicators, ctx) \
                and figures_over_time(indicators) < 2:
            yield ctx.at(row, "risk_indicators", "closure.indicators-no-trend")
        needed = cycles_needed(row)
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
        elif is_high(row) and same_name(record.closed_by, record.owner):
            yield ctx.at(row, "closed_by", "closure.self-closed")


def senior_assurance(ctx: RuleContext) -> Iterator[Finding]:
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


ROW_RULES = (leads, action_quality, concern_balance, date_order, overdue, rag, reviews,
             evidence, closure, senior_assurance)
