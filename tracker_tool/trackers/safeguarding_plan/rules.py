"""The checks of a safeguarding action plan's actions and their governance, each with the
codes it raises beside it: a named lead, real actions of every kind, dates, RAG and reviews.

Thresholds a service sets (review intervals, tick-box phrases, vague evidence words, the
roster) come from ``ctx.policy``. Clauses are short names for the source article's sections
(see vocabulary.py).
"""

from __future__ import annotations

from datetime import timedelta

from tracker_tool.trackers.common import (
    OwnerCodes, dated_after, green_overdue_code, overdue_check, overdue_code, owner_check,
    review_overdue_code, too_short,
)
from tracker_tool.trackers.kit import (
    Code, E, RuleContext, W, days_text, either, fmt, plural, rule, unique_ids,
)
from tracker_tool.trackers.safeguarding_plan.facts import (
    concerns, days_overdue, is_closed, is_high, review_limit, status_words, tick_box,
    under_oversight,
)
from tracker_tool.trackers.safeguarding_plan.models import SafeguardingAction
from tracker_tool.trackers.safeguarding_plan.vocabulary import RAG, ActionType

action_ids = unique_ids("action_id", model=SafeguardingAction, example="SG-01",
                        so="governance minutes and evidence cannot refer to it")

#: Named leads, not generic team actions (Effective plans: owned). The article is plain that
#: a team cannot lead, so the policy's team_may_own setting does not apply here.
leads = owner_check("owner", OwnerCodes(
    group=Code("lead.group", "Lead is a team, not a person", E, "Effective plans",
               "{label}: '{value}' is {what}; every safeguarding action needs one named lead.",
               "Name the one person accountable for the action; mention helpers in the action."),
    several=Code("lead.several", "More than one lead", W, "Effective plans",
                 "{label} names several leads ('{value}'); shared ownership blurs who is "
                 "accountable.",
                 "Keep one named lead and mention the others in the action."),
    not_on_roster=Code("lead.not-on-roster", "Lead not on the staff roster", W,
                       "Effective plans",
                       "{label}: the lead '{value}' is not on the service's staff roster.",
                       "Check the spelling against the roster, or add the new member of staff "
                       "to it."),
    has_left=Code("lead.has-left", "Lead has left", W, "Effective plans",
                  "{label} is still open but its lead '{value}' left on {left}.",
                  "Hand the action to someone in post and note the handover in the RAG "
                  "narrative."),
    team="a team or group"), still_open=under_oversight)


@rule(
    Code("action.tick-box", "Tick-box action on its own", W, "Risk not compliance",
         "{label}: '{phrase}' is the only kind of response to concern {concern}; on its "
         "own it rarely changes practice or reduces the risk.",
         "Add what staff will do differently, how managers will check it and what proof "
         "will be gathered, or say in the action how it will be tested."),
    Code("action.vague", "Action too vague to act on", W, "Effective plans",
         "{label}: the action has {words}; someone else could not tell what to do.",
         "Say what will change, for whom, how often and how it will be checked."))
def action_quality(ctx: RuleContext):
    """Tick-box actions standing alone, and actions too short to act on."""
    for row in ctx.rows:
        phrase = tick_box(row, ctx)
        if phrase is not None:
            concern = row.record.concern_ref
            yield ctx.at(row, "action", "action.tick-box", phrase=phrase,
                         concern=f"'{concern}'" if concern else "with no reference")
        elif words := too_short(row.record.action, ctx):
            yield ctx.at(row, "action", "action.vague", words=words)


#: How each missing kind of action reads in a message.
_TYPE_WORDS = {
    ActionType.RISK_CONTROL: "risk-control measure",
    ActionType.PRACTICE_CHANGE: "practice change",
    ActionType.OVERSIGHT: "oversight mechanism",
    ActionType.EVIDENCE: "evidence measure",
}


@rule(Code("concern.types-missing", "Concern's plan lacks a kind of action",
           W, "Risk not compliance",
           "Concern {concern} has {actions} but no {missing}; without it the work can "
           "be finished while the risk stays the same.",
           "Add the missing kind of action for this concern: how harm is prevented now, what "
           "staff will do differently, how managers will know, and what proof is reviewed."))
def concern_balance(ctx: RuleContext):
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
                         actions=plural(len(rows), "action"), missing=either(missing))


@rule(
    Code("dates.due-before-raised", "Due before raised", E, "Effective plans",
         "{label} is due on {value}, before it was raised ({raised}).",
         "Check both dates; an action cannot be due before it was agreed."),
    Code("dates.in-future", "Date after the audit date", E, "Governance",
         "{label}: {title} is {value}, after the audit date {as_of}.",
         "Record the date the thing actually happened; it cannot be later than today."))
def date_order(ctx: RuleContext):
    as_of = fmt(ctx.as_of)
    for row in ctx.rows:
        record = row.record
        if record.date_raised and record.due_date and record.due_date < record.date_raised:
            yield ctx.at(row, "due_date", "dates.due-before-raised", raised=fmt(record.date_raised))
        for key in dated_after(record, ("date_raised", "narrative_date", "last_review",
                                        "closure_date"), ctx.as_of):
            yield ctx.at(row, key, "dates.in-future", as_of=as_of)


overdue = overdue_check("due_date", overdue_code(
    "action.overdue", "Governance",
    "Put the action in place, or record the reason and the agreed new date in the "
    "RAG narrative."), days_overdue)


@rule(
    Code("rag.missing", "No RAG rating", W, "Governance",
         "{label} is {status} but has no RAG rating.",
         "Rate the action Red, Amber or Green and explain the rating in the narrative."),
    Code("rag.no-narrative", "RAG without a narrative", W, "Governance",
         "{label} is rated {value} but the RAG narrative is blank; a colour alone does not "
         "show whether the risk is being controlled.",
         "Write what has happened, what the risk indicators show and what is in the way."),
    Code("rag.narrative-undated", "RAG narrative not dated", W, "Governance",
         "{label} has a RAG narrative but no narrative date, so nobody can tell how current "
         "it is.",
         "Fill in the date the RAG and narrative were last updated."),
    Code("rag.narrative-stale", "RAG narrative out of date", W, "Governance",
         "{label}: the RAG narrative was last updated on {value}, {days} ago; {risk} "
         "actions should be updated at least every {limit}.",
         "Update the RAG and its narrative at each review."),
    green_overdue_code("Governance",
                       "Set the RAG to Red and say in the narrative why it is late and what is "
                       "being done."))
def rag(ctx: RuleContext):
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


@rule(
    Code("review.not-set", "No next review date", W, "Governance",
         "{label} is {status} but has no next review date.",
         "Set when governance will next review it: at least monthly, more often when "
         "the risk is high."),
    review_overdue_code("Governance",
                        "Review the action at the next governance meeting, record it and set the "
                        "next date."),
    Code("review.too-far", "Next review too far away", W, "Effective plans, Governance",
         "{label}: the next review on {value} is more than {limit} after the audit date, "
         "too long for {what}.",
         "Bring the review forward: monthly at most, fortnightly for high-risk actions."))
def reviews(ctx: RuleContext):
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


ROW_RULES = (leads, action_quality, concern_balance, date_order, overdue, rag, reviews)
