"""The action record the policy requires (s8, s10, s14, s15, s18, s20), as a pydantic model.

This model is the one source of truth for the tracker's columns: their order, titles, types,
allowed values, help notes and policy clauses. Everything is optional here; which blanks matter
is decided by ``Column.required`` and the rules, so one bad cell never hides the rest of a row.
"""

from __future__ import annotations

from typing import Annotated

from tracker_tool.trackers.action_plan.vocabulary import (
    RAG, EffectivenessResult, OutcomeAchieved, Priority, Source, Status, YesNo,
)
from tracker_tool.trackers.kit import CellCount, CellDate, CellText, Column, E, Row, W, choice

ACTION, OWNER, PROGRESS, DONE, CHECK = (
    "The action", "Owner, dates and risk", "Progress", "Completion", "Effectiveness and closure",
)


class ActionRecord(Row):
    """One improvement action, from the problem that raised it to the check that it worked."""

    action_id: Annotated[CellText, Column(
        "Action ID", "A short reference that is unique in this plan, such as A-001. Quote it in "
        "minutes and evidence so the trail can be followed.", "s16", ACTION, "action-id", 10,
        example="A-001")] = None
    title: Annotated[CellText, Column(
        "Action title", "A few words naming the action, for lists and meeting agendas.",
        "s8", ACTION, "title", 28, E, example="Re-audit MAR charts")] = None
    source: Annotated[choice(Source), Column(
        "Source", "What raised the action: an incident, complaint, audit, inspection and so on.",
        "s5, s8", ACTION, "source", 20, E, example="Audit")] = None
    source_ref: Annotated[CellText, Column(
        "Source reference", "The number of the incident, complaint, audit report, inspection "
        "finding or risk-register entry this action answers.", "s16, s18", ACTION, "source-ref",
        16, example="AUD-2026-014")] = None
    theme: Annotated[CellText, Column(
        "Theme", "The subject the action is about, from the list, so repeated themes show up "
        "in the monthly review and reach the risk register.", "s17, s21", ACTION, "theme", 16,
        example="Medication", options="themes", since="1.1")] = None
    date_created: Annotated[CellDate, Column(
        "Date created", "The day the action was agreed and written down.", "s8", ACTION,
        "date-created", 12, E, example="02/09/2026")] = None
    description: Annotated[CellText, Column(
        "Description", "What has to happen, clear enough that someone else could do it without "
        "asking. Name the task, the records and the numbers involved.", "s8", ACTION,
        "description", 45, E, long=True,
        example="Audit the last 20 MAR charts for missed signatures and brief staff on errors found")] = None
    intended_outcome: Annotated[CellText, Column(
        "Intended outcome", "What will be different for people using the service once the action "
        "has worked, ideally something you can count.", "s8", ACTION, "intended-outcome", 32, E,
        long=True, example="No missed signatures in the repeat audit")] = None
    owner: Annotated[CellText, Column(
        "Owner", "One named person who will complete or coordinate the action. A team or "
        "'all staff' cannot be held to account.", "s6, s8", OWNER, "owner", 18, E,
        example="Priya Shah", suggest="roster")] = None
    due_date: Annotated[CellDate, Column(
        "Due date", "When the action must be done. Shorter for higher risk; immediate where people "
        "need protecting now.", "s8, s10", OWNER, "due-date", 12, E, example="30/09/2026")] = None
    priority: Annotated[choice(Priority), Column(
        "Priority", "High, Medium or Low, by risk and impact. Choose High for any of the reasons "
        "in the next column.", "s9", OWNER, "priority", 10, E, example="High")] = None
    high_priority_reason: Annotated[CellText, Column(
        "High-priority reason", "Why the action is high priority, from the policy's list. Leave "
        "blank when none applies.", "s9", OWNER, "high-priority-reason", 22,
        example="Medicine safety", options="high_priority_categories")] = None
    linked_risk: Annotated[CellText, Column(
        "Linked risk or issue", "The risk-register entry or issue this action reduces, where there "
        "is one.", "s8, s16", OWNER, "linked-risk", 16, example="RR-07")] = None
    evidence_required: Annotated[CellText, Column(
        "Evidence required", "The record that will prove the action is done: an audit report, "
        "training log, updated care plan, minutes and so on.", "s8, s11", OWNER,
        "evidence-required", 28, E, long=True, example="Repeat MAR audit report")] = None
    review_date: Annotated[CellDate, Column(
        "Review date", "When progress will next be looked at. Open actions are reviewed at least "
        "monthly; high-risk ones more often.", "s8, s12", OWNER, "review-date", 12,
        example="16/09/2026")] = None
    escalation_route: Annotated[CellText, Column(
        "Escalation route", "Who the action goes to if it runs late, for example the Registered "
        "Manager then the Nominated Individual.", "s8, s13", OWNER, "escalation-route", 22, W,
        example="Registered Manager")] = None
    status: Annotated[choice(Status), Column(
        "Status", "Complete means done with evidence; Closed means the closure has been reviewed "
        "and any effectiveness check finished.", "s14, s20", PROGRESS, "status", 14, E,
        example="In progress")] = None
    rag: Annotated[choice(RAG), Column(
        "RAG", "Your forecast: Green on track, Amber at risk, Red off track or overdue. Say "
        "why in the progress update when it is Amber or Red.", "s12", PROGRESS, "rag", 8,
        example="Green", since="1.1")] = None
    progress_update: Annotated[CellText, Column(
        "Progress update", "The latest dated note of what has happened and any reason for delay.",
        "s12, s20", PROGRESS, "progress-update", 36, long=True,
        example="12/09: 12 of 20 charts audited")] = None
    external_input: Annotated[CellText, Column(
        "External input requested", "If the action waits on someone outside the service, what "
        "was asked for.", "s10", PROGRESS, "external-input", 24, long=True,
        example="Pharmacy MAR reprint")] = None
    external_from: Annotated[CellText, Column(
        "Requested from", "Who the external input was asked of.", "s10", PROGRESS,
        "external-from", 16, example="Boots pharmacy")] = None
    external_due: Annotated[CellDate, Column(
        "External input due", "When the external input was promised.", "s10", PROGRESS,
        "external-due", 12, example="20/09/2026")] = None
    original_due_date: Annotated[CellDate, Column(
        "Original due date", "The first due date agreed. Keep it when the due date moves, so "
        "extensions stay visible.", "s10", PROGRESS, "original-due-date", 12,
        example="30/09/2026")] = None
    extensions: Annotated[CellCount, Column(
        "Number of extensions", "How many times the due date has been moved. More than one "
        "extension needs manager review and escalation.", "s10, s13", PROGRESS, "extensions", 11,
        example="0")] = None
    date_completed: Annotated[CellDate, Column(
        "Date completed", "The day the work was finished.", "s14", DONE, "date-completed", 12,
        example="28/09/2026")] = None
    what_was_done: Annotated[CellText, Column(
        "What was done", "A short account of the work actually carried out.", "s14", DONE,
        "what-was-done", 32, long=True, example="20 charts audited; 3 errors briefed")] = None
    completion_evidence: Annotated[CellText, Column(
        "Evidence of completion", "Where the proof is kept: a file name, document number or "
        "register entry. For high-risk actions a verbal assurance is not enough.", "s11, s14",
        DONE, "completion-evidence", 28, long=True,
        example="Audit report AUD-2026-019")] = None
    outcome_achieved: Annotated[choice(OutcomeAchieved), Column(
        "Outcome achieved", "Did the work achieve the intended outcome: Yes, Partly or No.", "s14",
        DONE, "outcome-achieved", 11, example="Yes")] = None
    further_action: Annotated[choice(YesNo), Column(
        "Further action required", "Yes if more work is needed; raise it as a new action.", "s14",
        DONE, "further-action", 11, example="No")] = None
    effectiveness_needed: Annotated[choice(YesNo), Column(
        "Effectiveness check needed", "Yes when the action was meant to reduce risk, prevent a "
        "repeat or improve care: then someone must check it worked.", "s14, s15", CHECK,
        "effectiveness-needed", 13, example="Yes")] = None
    effectiveness_due: Annotated[CellDate, Column(
        "Effectiveness check due", "When the check will be made, for example the repeat audit "
        "date.", "s15", CHECK, "effectiveness-due", 12, example="28/10/2026")] = None
    effectiveness_done: Annotated[CellDate, Column(
        "Effectiveness check done", "The day the check was actually made.", "s15", CHECK,
        "effectiveness-done", 12, example="27/10/2026")] = None
    effectiveness_result: Annotated[choice(EffectivenessResult), Column(
        "Effectiveness result", "Did the action work? If it did not, reopen it or raise a new "
        "action.", "s15", CHECK, "effectiveness-result", 13, example="Worked")] = None
    follow_up_action: Annotated[CellText, Column(
        "Follow-up action ID", "If the action did not work and a new action was raised "
        "instead of reopening this one, the new action's ID.", "s15", CHECK,
        "follow-up-action", 11, example="A-031", since="1.1")] = None
    closure_reviewed_by: Annotated[CellText, Column(
        "Closure reviewed by", "The manager who checked the evidence before closure. For "
        "high-risk actions, the Registered Manager or a delegated senior.", "s14", CHECK,
        "closure-reviewed-by", 18, example="Tom Okafor", suggest="roster")] = None
    closure_reviewer_role: Annotated[CellText, Column(
        "Reviewer's role", "The closure reviewer's job role. High-risk closures need a role "
        "the policy allows, such as the Registered Manager.", "s14", CHECK,
        "closure-reviewer-role", 16, example="Registered Manager", options="roles",
        since="1.1")] = None
    external_body_updated: Annotated[CellDate, Column(
        "External body updated", "For actions from CQC, a commissioner or another external body: "
        "the day they were told of progress or completion.", "s18", CHECK,
        "external-body-updated", 12, example="29/09/2026")] = None
    escalation_record: Annotated[CellText, Column(
        "Escalation record", "If the action was escalated: to whom, when and what was decided.",
        "s13, s20", CHECK, "escalation-record", 30, long=True,
        example="15/10: raised with NI at governance meeting")] = None
