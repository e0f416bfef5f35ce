"""The action-plan policy's checks of what an action says and how it is kept moving (s6-s13,
s16), each with the codes it raises declared beside it.

Thresholds and lists come from ``ctx.policy``. Facts several rules share (late, high risk,
escalation reasons) live in ``facts`` so rules, figures and the review pack agree.
"""

from __future__ import annotations

from datetime import timedelta

from tracker_tool.trackers.action_plan.facts import (
    days_overdue, escalation_reasons, escalation_recorded, is_done, is_high_risk, is_open,
    linked_categories, overdue_text, tick_box,
)
from tracker_tool.trackers.action_plan.models import ActionRecord
from tracker_tool.trackers.action_plan.vocabulary import RAG, TRACEABLE_SOURCES, Priority, Status
from tracker_tool.trackers.common import (
    OwnerCodes, green_overdue_code, is_vague_evidence, overdue_code, owner_check,
    personal_data_check, personal_data_code, review_overdue_code, too_short,
)
from tracker_tool.trackers.kit import (
    Code, E, RuleContext, Severity, W, X, days_text, either, fmt, rule, unique_ids,
)

action_ids = unique_ids("action_id", model=ActionRecord, example="A-014",
                        so="minutes and evidence cannot point to it")

owners = owner_check("owner", OwnerCodes(
    group=Code("owner.group", "Owner is a group, not a person", E, "s6, s8",
               "{label}: '{value}' is {what}; the policy wants {who} as owner.",
               "Name the one person who will complete or coordinate the action."),
    several=Code("owner.several", "More than one owner", W, "s6, s8",
                 "{label} names several owners ('{value}'); when everyone owns it, nobody does.",
                 "Keep one owner and mention the others in the description."),
    not_on_roster=Code("owner.not-on-roster", "Owner not on the staff roster", W, "s6",
                       "{label}: the owner '{value}' is not on the service's staff roster.",
                       "Check the spelling against the roster, or add the new member of staff "
                       "to it."),
    has_left=Code("owner.has-left", "Owner has left", W, "s7, s13",
                  "{label} is still open but its owner '{value}' left on {left}.",
                  "Reassign the action to someone in post and record the handover.")),
    team_may_own=lambda policy: policy.ownership.team_may_own, still_open=is_open)


@rule(
    Code("priority.reason-not-high", "High-priority reason on a non-High action", E, "s9",
         "{label} gives the high-priority reason '{reason}' but its priority is {value}.",
         "Set the priority to High, or clear the reason if it does not apply."),
    Code("priority.high-no-reason", "High priority without a reason", W, "s9",
         "{label} is High priority but no high-priority reason is chosen.",
         "Pick the reason from the list so the action is escalated correctly when late."),
    Code("priority.high-due-too-far", "Open High-priority action with a long timescale", W,
         "s9, s10", "{label} is High priority but is due {days} after it was created; the policy "
         "allows at most {limit}.",
         "Bring the due date forward, or record why a longer timescale is justified."),
    Code("priority.linked-not-high", "Linked to a high-priority risk but not High", W, "s9",
         "{label} is linked to {category} by {why} but its priority is {value}.",
         "Set the priority to High and give the reason, or correct the source or theme."))
def priority_consistency(ctx: RuleContext):
    limit = ctx.policy.high_priority.due_within_days
    for row in ctx.rows:
        record = row.record
        priority, reason = record.priority, record.high_priority_reason
        if reason is not None and priority is not None and priority != Priority.HIGH:
            yield ctx.at(row, "priority", "priority.reason-not-high", reason=reason)
        linked = linked_categories(row, ctx)
        if linked and priority is not None and priority != Priority.HIGH and reason is None:
            category, why = next(iter(linked.items()))
            yield ctx.at(row, "priority", "priority.linked-not-high",
                         category=category[0].lower() + category[1:], why=why)
        if priority == Priority.HIGH and row.missing("high_priority_reason"):
            yield ctx.at(row, "high_priority_reason", "priority.high-no-reason")
        created, due = record.date_created, record.due_date
        if (priority == Priority.HIGH and created and due and (due - created).days > limit
                and is_open(row)):
            yield ctx.at(row, "due_date", "priority.high-due-too-far",
                         days=days_text((due - created).days), limit=days_text(limit))


@rule(Code("source-ref.missing", "Source not referenced", W, "s16",
           "{label} comes from {source} but does not say which record (Source reference).",
           "Add the number of the incident, complaint, audit or finding this action answers."))
def source_traced(ctx: RuleContext):
    for row in ctx.rows:
        source = row.record.source
        if source in TRACEABLE_SOURCES and row.missing("source_ref"):
            yield ctx.at(row, "source_ref", "source-ref.missing",
                         source=TRACEABLE_SOURCES[source])


@rule(
    Code("dates.due-before-created", "Due before created", E, "s8, s10",
         "{label} is due on {value}, before it was created ({created}).",
         "Check both dates; the due date cannot come before the action existed."),
    Code("dates.created-in-future", "Created in the future", E, "s8",
         "{label} was created on {value}, after the audit date {as_of}.",
         "Check the date created; it cannot be later than today."),
    Code("dates.completed-in-future", "Completed in the future", E, "s14",
         "{label} says it was completed on {value}, after the audit date {as_of}.",
         "Record the day the work actually finished."),
    Code("dates.completed-before-created", "Completed before created", W, "s14",
         "{label} was completed on {value}, before it was created ({created}).",
         "Check the date created and the date completed."))
def date_order(ctx: RuleContext):
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


@rule(
    Code("evidence.vague", "Evidence that points to nothing", W, "s11, s14",
         "{label}: the evidence of completion '{value}' does not say where the proof is"
         "{high_risk}.",
         "Name the document, audit, register entry or file that proves the work was done."),
    Code("evidence-required.vague", "Evidence required is not specific", W, "s8, s11",
         "{label}: '{value}' does not say which record will prove the action is done.",
         "Name the record: an audit report, training log, updated care plan, minutes..."),
    Code("action.tick-box", "Tick-box action", W, "s8, s15",
         "{label}: '{phrase}' on its own rarely changes practice, and nothing says how it "
         "will be checked.",
         "Add how the change will be checked (a spot check, re-audit or competency check) "
         "and when."),
    Code("action.vague", "Action too vague to act on", W, "s8",
         "{label}: the description has {words}; another person could not tell what to do.",
         "Say what will be done, to which records or people, and how much, as in "
         "'Audit the last 20 MAR charts...'."))
def action_quality(ctx: RuleContext):
    """Tick-box and vague actions (s8's "Improve medicines"), and evidence that proves nothing."""
    for row in ctx.rows:
        high = is_high_risk(row)
        phrase = tick_box(row, ctx)
        if phrase is not None:
            yield ctx.at(row, "description", "action.tick-box", phrase=phrase,
                         severity=Severity.ERROR if high else None)
        elif words := too_short(row.record.description, ctx):
            yield ctx.at(row, "description", "action.vague", words=words)
        if is_vague_evidence(row.record.evidence_required, ctx):
            yield ctx.at(row, "evidence_required", "evidence-required.vague")
        if is_vague_evidence(row.record.completion_evidence, ctx):
            # On a done action vague evidence is no evidence: as much an error as a blank.
            yield ctx.at(row, "completion_evidence", "evidence.vague",
                         severity=Severity.ERROR if high or is_done(row) else None,
                         high_risk="; for a high-risk action a verbal or bare 'done' is not "
                                   "enough" if high else "")


@rule(
    overdue_code("action.overdue", "s12, s13",
                 "Finish the action, or record the reason and a manager-agreed new date (counted "
                 "as an extension)."),
    Code("escalation.due", "Overdue action not escalated", X, "s13",
         "{label} is {days} overdue and must be escalated ({reasons}); no escalation is "
         "recorded{entry}.",
         "Escalate by the action's escalation route and record to whom, when and the decision."),
    Code("extension.repeated", "Extended more than once", X, "s10, s13",
         "{label} has been extended {value} times; repeated extensions need manager review "
         "and escalation, and none is recorded.",
         "Escalate the action and record the review in the escalation record."))
def overdue_and_escalation(ctx: RuleContext):
    for row in ctx.rows:
        days = days_overdue(row, ctx)
        if days is None:
            if (row.record.extensions or 0) > 1 and not escalation_recorded(row) \
                    and is_open(row):
                yield ctx.at(row, "extensions", "extension.repeated")
            continue
        text = overdue_text(row, ctx)
        yield ctx.at(row, "due_date", "action.overdue", days=text)
        reasons = escalation_reasons(row, ctx)
        if reasons and not escalation_recorded(row):
            yield ctx.at(row, "escalation_record", "escalation.due", days=text,
                         reasons="; ".join(reasons),
                         entry=" ('{}' records none)".format(row.record.escalation_record)
                         if row.record.escalation_record else "")


@rule(
    Code("extension.no-original-date", "Extension without the original due date", W, "s10",
         "{label} records {value} extension(s) but not the original due date.",
         "Fill in the original due date so the extension can be seen."),
    Code("due-date.moved-silently", "Due date moved with no extension recorded", W, "s10",
         "{label} is due on {value} but was first due on {original}, and no extension is "
         "counted.",
         "Add one to the number of extensions and note who agreed the new date and why."),
    Code("due-date.slipped", "Due date slipped far", W, "s10",
         "{label} is now due {slip} after its original due date ({original}).",
         "Review whether the action is still realistic; escalate if the delay adds risk."))
def due_date_drift(ctx: RuleContext):
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


@rule(
    green_overdue_code("s12", "Set the RAG to Red and record the reason for the delay."),
    Code("rag.understated", "RAG milder than the dates", W, "s12",
         "{label} is rated {value} but {why}, which makes it {expected}.",
         "Set the RAG the dates call for, or record why the action is still on track."),
    Code("rag.no-narrative", "Amber or Red without a reason", W, "s12",
         "{label} is rated {value} but the progress update says nothing about why.",
         "Write a dated note of what is wrong and what is being done about it."))
def rag(ctx: RuleContext):
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


@rule(
    Code("review.not-set", "No review date", W, "s8, s12",
         "{label} is open but has no review date.",
         "Set when progress will next be looked at: at least monthly, more often when high "
         "risk."),
    review_overdue_code("s12", "Review the action, record the progress and set the next "
                        "review date."),
    Code("review.too-far", "Next review too far away", W, "s9, s12",
         "{label}: the next review on {value} is more than {limit} after the audit date.",
         "Bring the review date forward: open actions at least monthly, high-risk ones more "
         "often."))
def reviews(ctx: RuleContext):
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


@rule(Code("external.incomplete", "External dependency not fully recorded", W, "s10",
           "{label} waits on external input but does not say {gaps}.",
           "Record what was requested, from whom, and by when."))
def external_dependency(ctx: RuleContext):
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


#: An action's description and progress go to CQC, a commissioner or the Ombudsman when the
#: action answers to them (s18), so they hold no one's personal details.
personal_details = personal_data_check(personal_data_code(
    "s18", "the description and progress go to external bodies"))

ROW_RULES = (owners, priority_consistency, source_traced, date_order, action_quality,
             overdue_and_escalation, due_date_drift, rag, reviews, external_dependency,
             personal_details)
