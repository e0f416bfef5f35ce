"""The Ombudsman action plan as two pydantic models: the plan's own facts, and one row per action.

Why these fields. When the Parliamentary and Health Service Ombudsman upholds a complaint it
usually asks the organisation for an action plan. The guidance leaves the format open but says
what the plan must explain, and gives a checklist. That splits naturally in two:

- facts the plan has once (``OmbudsmanPlan``, laid down the Plan sheet): the case and the
  organisation (name and address set out on their own, as the regulator's copy needs); the
  date of the final report and how many failings it found, so every failing can be checked for
  an action; whether any of them are about complaint handling; the timescale agreed for the
  plan, when it was sent and when the Ombudsman accepted it; the date by which the actions
  will be reviewed; how the person who complained is involved and kept informed; and who the
  report says must receive the plan, including any regulator, whether the report went with the
  regulator's copy, whether personal details were removed, and how progress updates reach
  everyone listed;
- one row per action (``OmbudsmanAction``): the failing it answers (its number in the report,
  what it was, whether it is about complaint handling), so a failing with three actions takes
  three rows; the action itself; the person or team responsible and when it starts and will be
  complete; which standards apply and how compliance is assured; how and when it is reviewed
  and what the review found; how it is monitored and audited; how its impact is measured; its
  status, completion date, evidence and progress.

Everything is optional at this layer; which blanks matter is decided by ``Column.required`` and
the rules, so one bad cell never hides the rest of a row.
"""

from __future__ import annotations

from typing import Annotated

from tracker_tool.trackers.kit import CellCount, CellDate, CellText, Column, E, Row, W, choice
from tracker_tool.trackers.ombudsman_plan.vocabulary import (
    INTRO, REGULATOR, SENDING, Involvement, Status, YesNo, checklist, content,
)

CASE, SUBMIT, REVIEW, COMPLAINANT, SHARING = (
    "The case", "Sending the plan", "Review", "The complainant", "Who receives the plan")


class OmbudsmanPlan(Row):
    """What the plan says once: the case, its timescale, review date, complainant and readers."""

    case_ref: Annotated[CellText, Column(
        "Ombudsman case reference", "The reference the Ombudsman gave the complaint, as on the "
        "final investigation report.", INTRO, CASE, "case-ref", required=E,
        example="C-2026-0001")] = None
    organisation: Annotated[CellText, Column(
        "Organisation", "The name of the organisation the plan is from.", REGULATOR, CASE,
        "organisation", required=E, example="Wrenford Community Health NHS Trust")] = None
    organisation_address: Annotated[CellText, Column(
        "Organisation address", "The organisation's postal address, kept here apart from the "
        "actions so the regulator knows who sent the plan even once personal details are "
        "taken out.", REGULATOR, CASE, "organisation-address", required=W, long=True,
        example="Trust HQ, 1 Example Road, Wrenford")] = None
    report_date: Annotated[CellDate, Column(
        "Date of the final report", "The date on the Ombudsman's final investigation report.",
        INTRO, CASE, "report-date", required=E, example="02/09/2026")] = None
    failings_found: Annotated[CellCount, Column(
        "Failings found in the report", "How many separate failings the report found, "
        "complaint handling included. Number them 1, 2, 3... in the report's order and give "
        "each action the number of the failing it answers.", checklist(1), CASE,
        "failings-found", required=E, example="4")] = None
    complaint_handling_found: Annotated[choice(YesNo), Column(
        "Complaint handling among the failings", "Yes if any failing is about how the "
        "complaint itself was handled; the plan must then have an action marked as answering "
        "a complaint-handling failing.", f"{content(1)}, {checklist(1)}", CASE,
        "complaint-handling-found", required=W, example="Yes")] = None
    plan_due: Annotated[CellDate, Column(
        "Plan due to the Ombudsman", "The date agreed with the Ombudsman for sending the "
        "plan. If it cannot be met, tell the Ombudsman early and record the new date here.",
        f"{INTRO}, {SENDING}", SUBMIT, "plan-due", required=W, example="02/10/2026")] = None
    plan_sent: Annotated[CellDate, Column(
        "Plan sent to the Ombudsman", "The date the plan went to the Ombudsman, with evidence "
        "of any actions already finished.", SENDING, SUBMIT, "plan-sent",
        example="30/09/2026")] = None
    plan_accepted: Annotated[CellDate, Column(
        "Plan accepted by the Ombudsman", "The date the Ombudsman said it was satisfied with "
        "the plan. From then on the plan goes to everyone the report lists.", SENDING, SUBMIT,
        "plan-accepted", example="14/10/2026")] = None
    review_date: Annotated[CellDate, Column(
        "Plan review date", "The date by which the actions will be reviewed to see they have "
        "been done and are working. Set a new one after each review.", checklist(7), REVIEW,
        "plan-review", required=E, example="15/12/2026")] = None
    complainant_involvement: Annotated[choice(Involvement), Column(
        "Complainant's involvement", "How far the person who complained takes part: helping "
        "to shape the plan, consulted on the draft, kept informed, offered a part but "
        "declined, or not involved.", f"{INTRO}, {checklist(4)}", COMPLAINANT,
        "complainant-involvement", required=W, example="Consulted on the draft")] = None
    complainant_how: Annotated[CellText, Column(
        "How the complainant is included and updated", "What the complainant is asked to do, "
        "and how and how often they hear about progress until the changes are in place. If "
        "they are not involved, say why.", f"{INTRO}, {checklist(4)}", COMPLAINANT,
        "complainant-how", long=True,
        example="Draft shared for comment; letter every 6 weeks until all actions are done")] = None
    send_to: Annotated[CellText, Column(
        "Who must receive the plan", "Every person and organisation the "
        "final investigation report lists, separated by semicolons.", checklist(8), SHARING,
        "send-to", required=E, long=True,
        example="The complainant; Care Quality Commission; the integrated care board")] = None
    regulator: Annotated[CellText, Column(
        "Regulator sent a copy", "The regulator the Ombudsman asked you to send the plan to, "
        "such as the Care Quality Commission; leave blank if none.", REGULATOR, SHARING,
        "regulator", example="Care Quality Commission")] = None
    report_with_regulator_copy: Annotated[choice(YesNo), Column(
        "Final report sent with the regulator's copy", "Yes once the Ombudsman's final report "
        "has gone to the regulator together with the plan.", f"{checklist(9)}, {REGULATOR}",
        SHARING, "regulator-report", example="Yes")] = None
    personal_details_removed: Annotated[choice(YesNo), Column(
        "Personal details removed", "Yes once names and other personal details have been "
        "taken out of the plan (and the report anonymised) before copies are sent.",
        REGULATOR, SHARING, "anonymised", example="Yes")] = None
    sent_date: Annotated[CellDate, Column(
        "Sent to everyone listed", "The date copies went to every person and organisation "
        "listed in the report.", f"{checklist(8)}, {SENDING}", SHARING, "sent-date",
        example="21/10/2026")] = None
    progress_updates: Annotated[CellText, Column(
        "How progress updates are sent", "How and how often everyone listed in the report "
        "hears how the actions are going.", checklist(10), SHARING, "progress-updates",
        required=W, long=True,
        example="Quarterly update letter from the patient safety team")] = None


FAILING, ACTION, OWNER, ASSURE, CHECK, PROGRESS = (
    "The failing", "The action", "Responsibility and dates", "Standards",
    "Review, monitoring and impact", "Progress and evidence")


class OmbudsmanAction(Row):
    """One action of the plan, with the failing it answers and how it will be assured."""

    action_id: Annotated[CellText, Column(
        "Action ID", "A short reference unique in this plan, such as 2.1 for the first action "
        "on failing 2, to quote in updates and evidence.", content(1), FAILING, "action-id", 8,
        example="2.1")] = None
    failing_ref: Annotated[CellCount, Column(
        "Failing number", "The number of the failing this action answers, counting the report's "
        "failings 1, 2, 3... as on the Plan sheet.", f"{content(1)}, {checklist(1)}", FAILING,
        "failing-ref", 8, E, example="2")] = None
    failing: Annotated[CellText, Column(
        "Failing found", "What the report found went wrong, in a sentence. Needed on at least "
        "one row of each failing.", f"{content(1)}, {checklist(1)}", FAILING, "failing", 32,
        long=True, example="Deterioration not escalated to the doctor on the night of 4 May")] = None
    complaint_handling: Annotated[choice(YesNo), Column(
        "Complaint handling?", "Yes if the failing is about how the complaint was handled.",
        content(1), FAILING, "complaint-handling", 10, example="No")] = None
    action: Annotated[CellText, Column(
        "Action", "What has been or will be done to stop the failing happening again, clearly "
        "enough for someone else to carry it out.", f"{content(1)}, {checklist(2)}", ACTION,
        "action", 42, E, long=True,
        example="Add an escalation prompt to the observation chart and train all ward nurses")] = None
    responsible: Annotated[CellText, Column(
        "Person or team responsible", "The named person or the team that will carry the "
        "action through. 'Everyone' or 'all staff' is nobody in particular.",
        f"{content(2)}, {checklist(3)}", OWNER, "responsible", 18, E,
        example="Ward 7 matron")] = None
    start_date: Annotated[CellDate, Column(
        "Start date", "When work on the action begins (or began).",
        f"{content(3)}, {checklist(3)}", OWNER, "start-date", 11, E,
        example="01/10/2026")] = None
    due_date: Annotated[CellDate, Column(
        "Target completion date", "When the action will be finished.",
        f"{content(3)}, {checklist(3)}", OWNER, "due-date", 11, E, example="31/12/2026")] = None
    standards: Annotated[CellText, Column(
        "Standards that apply", "The professional or other standards the action must meet, "
        "by name: a NICE guideline, a professional code, a national framework.",
        checklist(6), ASSURE, "standards", 24, long=True,
        example="NICE CG50; NEWS2 (Royal College of Physicians)")] = None
    standards_assurance: Annotated[CellText, Column(
        "How compliance is assured", "How you will make sure the action meets those "
        "standards, such as clinical review of the new procedure.",
        f"{content(4)}, {checklist(6)}", ASSURE, "standards-assurance", 30, E, long=True,
        example="Procedure checked against NEWS2 by the deteriorating patient group")] = None
    review_how: Annotated[CellText, Column(
        "How it will be reviewed", "How you will check the action has been carried out "
        "successfully, and who does the check.", content(5), CHECK, "review-how", 28, E,
        long=True, example="Matron reviews 20 charts a month with the nursing director")] = None
    review_date: Annotated[CellDate, Column(
        "Review date", "When that check will be made.", content(5), CHECK, "review-date", 11,
        E, example="15/01/2027")] = None
    review_result: Annotated[CellText, Column(
        "Review result", "What the review found, once it has happened.", content(5), CHECK,
        "review-result", 26, long=True, example="18 of 20 charts escalated correctly")] = None
    monitoring: Annotated[CellText, Column(
        "How it is monitored and audited", "How you will keep watching the change so the "
        "improvement lasts: a repeat audit, a dashboard, spot checks.", content(6), CHECK,
        "monitoring", 28, E, long=True,
        example="Quarterly escalation audit reported to the patient safety committee")] = None
    impact_measure: Annotated[CellText, Column(
        "How impact is measured", "What will show the action made a difference, ideally a "
        "figure before and after.", content(7), CHECK, "impact-measure", 28, E, long=True,
        example="Share of deteriorating patients escalated within an hour")] = None
    status: Annotated[choice(Status), Column(
        "Status", "Not started, In progress, or Complete once the work is done and its "
        "evidence recorded.", content(3), PROGRESS, "status", 12, E,
        example="In progress")] = None
    date_completed: Annotated[CellDate, Column(
        "Date completed", "The day the action was finished.", content(3), PROGRESS,
        "date-completed", 11, example="20/11/2026")] = None
    evidence: Annotated[CellText, Column(
        "Evidence of action taken", "For actions already taken: what shows it was done and "
        "where it is kept, to send with the plan.", f"{checklist(5)}, {SENDING}", PROGRESS,
        "evidence", 30, long=True,
        example="Training register, Ward 7, October 2026 (28 of 30 nurses)")] = None
    progress: Annotated[CellText, Column(
        "Progress update", "Where the action has got to, and anything holding it up.",
        checklist(10), PROGRESS, "progress", 30, long=True,
        example="Chart change approved; printing in December")] = None
