"""Finding codes of the Ombudsman action plan, each with its clause, message and fix.

Clauses are short names for the parts of the Ombudsman's guidance (see vocabulary.py). Codes
for blank required items and columns come from the models (common_rules.required_catalogue).
"""

from tracker_tool.core.catalogue import RuleInfo
from tracker_tool.core.findings import Severity

E, W, X = Severity.ERROR, Severity.WARNING, Severity.ESCALATION

OMBUDSMAN_RULES: tuple[RuleInfo, ...] = (
    RuleInfo("action-id.missing", "Action ID missing", W, "Content 1",
             "{label} has no Action ID, so updates and evidence cannot point to it.",
             "Give every action a short unique reference, such as 2.1 for the first action "
             "on failing 2."),
    RuleInfo("action-id.duplicate", "Duplicate Action ID", E, "Content 1",
             "Action ID '{value}' is already used on row {first}.",
             "Give each action its own ID; merge the rows if they are the same action."),
    RuleInfo("plan.no-actions", "No actions in the plan", E, "Content 1, Checklist 1",
             "The plan has no actions, so none of the failings in the report is answered.",
             "Add at least one row for each failing the report found."),
    RuleInfo("failing.no-action", "Failing with no action", E, "Content 1, Checklist 1",
             "{label} counts {count} failings in the report, but failing {failing} has no "
             "action.",
             "Add at least one action for the failing, or correct the number of failings."),
    RuleInfo("failing-ref.unknown", "Failing number not in the report", E, "Checklist 1",
             "{label} answers failing {value}, but the plan says the report found {count}.",
             "Use the failing's number as counted on the Plan sheet, or correct the number "
             "of failings there."),
    RuleInfo("failing.not-described", "Failing not described", W, "Content 1",
             "Failing {failing} has {actions} but none of them says what the failing was.",
             "Write what the report found went wrong on at least one row of the failing."),
    RuleInfo("complaint-handling.not-addressed", "Complaint handling not addressed", E,
             "Content 1, Checklist 1",
             "{label} says the report found complaint-handling failings, but no action is "
             "marked as answering one.",
             "Add actions on how complaints are handled and mark them 'Complaint handling?' "
             "Yes."),
    RuleInfo("action.vague", "Action too vague to act on", W, "Checklist 2",
             "{label}: the action has {words}; someone else could not tell what to do.",
             "Say what will change, for whom and how it will be checked."),
    RuleInfo("action.tick-box", "A reminder is the whole answer to a failing", W,
             "Checklist 2",
             "{label}: '{phrase}' is the only kind of action on failing {failing}; a reminder "
             "or a reissued policy on its own seldom stops a failing happening again.",
             "Add an action that changes practice for this failing, or say in this one how it "
             "will be checked (an audit, spot check or observation)."),
    RuleInfo("responsible.nobody", "Responsible is nobody in particular", E,
             "Content 2, Checklist 3",
             "{label}: '{value}' is not a person or a team anyone could hold to the action.",
             "Name the person or the team (such as 'Ward 7 nursing team') that will carry the "
             "action through."),
    RuleInfo("dates.due-before-start", "Due before it starts", E, "Content 3",
             "{label} is due to be complete on {value}, before it starts ({start}).",
             "Check both dates; an action cannot finish before it begins."),
    RuleInfo("dates.completed-before-start", "Completed before it started", W, "Content 3",
             "{label} was completed on {value}, before its start date ({start}).",
             "Check the start date and the date completed."),
    RuleInfo("dates.in-future", "Date after the audit date", E, "Content 3, Sending",
             "{label}: {title} is {value}, after the audit date {as_of}.",
             "Record the day it actually happened; it cannot be later than today."),
    RuleInfo("action.overdue", "Overdue", W, "Content 3",
             "{label} was due to be complete on {value} and is {days} overdue.",
             "Finish the action, or agree a new date and say why in the progress update."),
    RuleInfo("completion.no-date", "Complete without a completion date", E, "Content 3",
             "{label} is marked Complete but has no date completed.",
             "Record the day the action was finished."),
    RuleInfo("completion.date-but-open", "Completion date on an unfinished action", W,
             "Content 3",
             "{label} has a date completed ({value}) but its status is {status}.",
             "Set the status to Complete, or clear the date if the work is not finished."),
    RuleInfo("completion.no-evidence", "Complete without evidence", E, "Checklist 5, Sending",
             "{label} is marked Complete but no evidence of the action is recorded.",
             "Say what shows the action was taken and where it is kept, so it can go with the "
             "plan."),
    RuleInfo("evidence.vague", "Evidence that points to nothing", W, "Checklist 5",
             "{label}: '{value}' does not say what the evidence is or where it is kept.",
             "Name the document, audit, register or minutes that show the action was taken."),
    RuleInfo("standards.not-named", "Standards referred to but not named", W, "Checklist 6",
             "{label} says compliance is checked against standards or guidance, but not which.",
             "Name the standards in 'Standards that apply'."),
    RuleInfo("review.overdue", "Action review overdue", W, "Content 5",
             "{label}: the review due on {value} has passed ({days} ago) and no result is "
             "recorded.",
             "Carry out the review and record what it found, or set a new review date."),
    RuleInfo("plan-review.passed", "Plan review date passed", W, "Checklist 7",
             "{label}: the review date {value} has passed ({days} ago).",
             "Review the actions, record the results and set the next review date."),
    RuleInfo("plan.overdue-to-ombudsman", "Plan not sent to the Ombudsman on time", X,
             "Intro, Sending",
             "{label} was due to the Ombudsman on {value} and has not been sent ({days} late).",
             "Send the plan now, or contact the Ombudsman at once to agree a new date and "
             "record it."),
    RuleInfo("plan.sent-late", "Plan sent to the Ombudsman late", W, "Intro, Sending",
             "{label} was sent to the Ombudsman on {value}, {days} after the agreed date {due}.",
             "If a new date was agreed with the Ombudsman, record it as the due date."),
    RuleInfo("plan.dates-out-of-order", "Plan dates out of order", E, "Sending",
             "{label}: {title} ({value}) is before {other} ({other_date}).",
             "Check the dates on the Plan sheet."),
    RuleInfo("complainant.how-missing", "How the complainant is included not recorded", W,
             "Intro, Checklist 4",
             "{label} records the complainant as '{involvement}' but does not say {gap} "
             "until the changes are made.",
             "Say what the complainant is asked to do and how often they will hear about "
             "progress."),
    RuleInfo("distribution.not-sent", "Accepted plan not yet sent out", W,
             "Checklist 8, Sending",
             "{label} was accepted by the Ombudsman on {accepted} but is not recorded as sent "
             "to everyone the report lists.",
             "Send copies to every person and organisation listed and record the date."),
    RuleInfo("regulator.report-not-included", "Report not sent with the regulator's copy", W,
             "Checklist 9, Regulator",
             "{label} was sent to {regulator}, but the final report is not recorded as going "
             "with it.",
             "Send the (anonymised) final report with the plan, explaining the Ombudsman asked "
             "for both, and record Yes."),
    RuleInfo("personal-data.not-removed", "Personal details not confirmed removed", W,
             "Regulator",
             "{label} {when} but personal details are not recorded as removed.",
             "Take names and other personal details out of the plan, anonymise the report, "
             "then record Yes."),
    RuleInfo("personal-data.found", "Personal data in the plan", W, "Regulator",
             "{label}: {title} seems to hold {what}; the plan is shared outside the "
             "organisation.",
             "Remove the personal detail, or replace it with an anonymous reference such as "
             "'the patient' or 'Mrs A'."),
)
