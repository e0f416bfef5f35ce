"""The action-plan policy's checks of how an action ends (s14, s15): completed with its date
and evidence, closed after a review by someone senior, and shown to have worked."""

from __future__ import annotations

from tracker_tool.trackers.action_plan.facts import external_body, is_done, is_high_risk
from tracker_tool.trackers.action_plan.vocabulary import (
    EffectivenessResult, OutcomeAchieved, Status, YesNo,
)
from tracker_tool.trackers.common import same_person, unfilled
from tracker_tool.trackers.kit import (
    Code, E, RuleContext, Severity, W, either, fmt, person_key, rule,
)


@rule(
    Code("completion.no-date", "Complete without a completion date", E, "s4, s14",
         "{label} is marked {status} but has no date completed.",
         "Record the day the work was finished, or set the status back to In progress."),
    Code("completion.no-evidence", "Complete without evidence", E, "s4, s14",
         "{label} is marked {status} but no evidence of completion is recorded.",
         "Say where the proof is kept (document, audit, register entry) before marking it done."),
    Code("completion.no-account", "Complete without saying what was done", W, "s14",
         "{label} is marked {status} but 'What was done' is blank.",
         "Write a short account of the work actually carried out."),
    Code("effectiveness.undecided", "Effectiveness check not decided", W, "s14",
         "{label} is marked {status} without saying whether an effectiveness check is needed.",
         "Answer Yes or No; Yes for any action meant to reduce risk or improve care."),
    Code("completion.date-but-open", "Completion date on an open action", W, "s14",
         "{label} has a completion date ({value}) but its status is {status}.",
         "Set the status to Complete, or clear the date if the work is not finished."))
def completion(ctx: RuleContext):
    for row in ctx.rows:
        status = row.record.status
        if is_done(row):
            for key, code in unfilled(row, {
                    "date_completed": "completion.no-date",
                    "completion_evidence": "completion.no-evidence",
                    "what_was_done": "completion.no-account",
                    "effectiveness_needed": "effectiveness.undecided"}):
                yield ctx.at(row, key, code, status=status.value)
        elif status is not None and row.record.date_completed is not None:
            yield ctx.at(row, "date_completed", "completion.date-but-open", status=status.value)


@rule(
    Code("closure.not-reviewed", "Closed without a closure reviewer", W, "s14",
         "{label} is Closed but nobody is recorded as reviewing the closure.",
         "Record the manager who checked the evidence before closing the action."),
    Code("closure.reviewer-is-owner", "Owner reviewed their own closure", E, "s14",
         "{label} is high risk and its closure was reviewed by its own owner ({value}).",
         "Have the Registered Manager or a delegated senior person review the evidence."),
    Code("closure.reviewer-role", "Closure reviewer not senior enough", E, "s14",
         "{label} is high risk and closed, but its reviewer {who}; the policy allows {allowed}.",
         "Have someone in an allowed role review the evidence, and record their role."),
    Code("closure.before-effectiveness", "Closed before the effectiveness check", E, "s15",
         "{label} is Closed but its effectiveness check {state}.",
         "Leave it Complete until the check is done and shows the action worked."))
def closure(ctx: RuleContext):
    """Closed means reviewed (s14) and, where a check was needed, shown to work (s15)."""
    policy = ctx.policy
    allowed = {person_key(r) for r in policy.closure.roles_allowed}
    for row in ctx.rows:
        record = row.record
        if record.status != Status.CLOSED:
            continue
        high = is_high_risk(row)
        reviewer = record.closure_reviewed_by
        if not reviewer:
            yield ctx.at(row, "closure_reviewed_by", "closure.not-reviewed",
                         severity=Severity.ERROR if high else None)
        elif high and same_person(reviewer, record.owner):
            yield ctx.at(row, "closure_reviewed_by", "closure.reviewer-is-owner")
        elif high:
            role = record.closure_reviewer_role
            person = policy.staff.get(person_key(reviewer))
            if not role and person is not None:
                role = person.role
            if not role or person_key(role) not in allowed:
                who = f"is a {role}" if role else "has no role recorded"
                yield ctx.at(row, "closure_reviewer_role", "closure.reviewer-role", who=who,
                             allowed=either(list(policy.closure.roles_allowed)))
        if record.effectiveness_needed == YesNo.YES and row.missing("effectiveness_result"):
            state = ("has not been done" if record.effectiveness_done is None
                     else "has no result")
            yield ctx.at(row, "status", "closure.before-effectiveness", state=state)


@rule(
    Code("effectiveness.not-planned", "Effectiveness check not planned", W, "s15",
         "{label} needs an effectiveness check but no date is set for it.",
         "Set the date of the repeat audit, observation or review that will test the action."),
    Code("effectiveness.overdue", "Effectiveness check not done", W, "s15",
         "{label}: the effectiveness check was due on {value} and has not been recorded as done.",
         "Carry out the check and record the date and whether the action worked."),
    Code("effectiveness.no-result", "Effectiveness check without a result", W, "s15",
         "{label}: an effectiveness check was done on {done} but its result is blank.",
         "Record whether the action worked; if not, reopen it or raise a new action."),
    Code("effectiveness.skipped-high-risk", "High-risk action with no effectiveness check", W,
         "s15", "{label} is high risk and done, but says no effectiveness check is needed.",
         "Plan a check (repeat audit, observation, spot check) unless it is truly administrative."),
    Code("effectiveness.failed-still-closed", "Did not work, but left done", E, "s15",
         "{label}: the effectiveness check found it did not work, yet it is {status} and no "
         "follow-up action is named.",
         "Reopen the action, or raise a new one and put its ID in Follow-up action ID."),
    Code("effectiveness.follow-up-unknown", "Follow-up action not in the plan", W, "s15",
         "{label} names follow-up action '{value}', which is not an Action ID in this plan.",
         "Add the follow-up action to the plan, or correct the ID."))
def effectiveness(ctx: RuleContext):
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


@rule(
    Code("outcome.not-achieved", "Done, outcome not achieved, no follow-up", W, "s14, s15",
         "{label} is {status} but says the intended outcome was not achieved, and no "
         "follow-up action is named.",
         "Raise a new action for what is still to do and put its ID in Follow-up action ID, "
         "or reopen this one."),
    Code("further-action.no-follow-up", "Further action required but none raised", W, "s14",
         "{label} says further action is required but names no follow-up action.",
         "Raise the further action in this plan and put its ID in Follow-up action ID."),
    Code("external-body.not-updated", "Closed without telling the external body", W, "s18",
         "{label} answers to an external body ({why}) and is Closed, but 'External body "
         "updated' does not say when that body was told.",
         "Record the day the body was told of completion, with the evidence it was given."))
def completion_decisions(ctx: RuleContext):
    """What the completion record decided is carried through (s14): an outcome not achieved
    or further action wanted leads to an action in this plan, and an external body hears of
    the closure (s18). A follow-up ID that is not in the plan is effectiveness.follow-up-
    unknown's finding, so it is not reported twice here."""
    for row in ctx.rows:
        record = row.record
        follow_up = not row.missing("follow_up_action")
        if is_done(row) and record.outcome_achieved == OutcomeAchieved.NO and not follow_up:
            yield ctx.at(row, "follow_up_action", "outcome.not-achieved",
                         status=record.status.value,
                         severity=Severity.ERROR if is_high_risk(row) else None)
        elif record.further_action == YesNo.YES and not follow_up:
            yield ctx.at(row, "follow_up_action", "further-action.no-follow-up")
        if record.status == Status.CLOSED and row.missing("external_body_updated"):
            why = external_body(row, ctx)
            if why:
                yield ctx.at(row, "external_body_updated", "external-body.not-updated", why=why)


CLOSURE_RULES = (completion, closure, effectiveness, completion_decisions)
