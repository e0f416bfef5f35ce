"""Finding codes of the safeguarding action plan, each with its section, message and fix.

Clauses are short names for sections of the source article (see vocabulary.py).
"""

from tracker_tool.core.catalogue import RuleInfo
from tracker_tool.core.findings import Severity

E, W, X = Severity.ERROR, Severity.WARNING, Severity.ESCALATION

SAFEGUARDING_RULES: tuple[RuleInfo, ...] = (
    RuleInfo("action-id.missing", "Action ID missing", W, "Governance",
             "{label} has no Action ID, so governance minutes and evidence cannot refer to it.",
             "Give every action a short unique reference such as SG-01."),
    RuleInfo("action-id.duplicate", "Duplicate Action ID", E, "Governance",
             "Action ID '{value}' is already used on row {first}.",
             "Give each action its own ID; merge the rows if they are the same action."),
    RuleInfo("lead.group", "Lead is a team, not a person", E, "Effective plans",
             "{label}: '{value}' is {what}; every safeguarding action needs one named lead.",
             "Name the one person accountable for the action; mention helpers in the action."),
    RuleInfo("lead.several", "More than one lead", W, "Effective plans",
             "{label} names several leads ('{value}'); shared ownership blurs who is "
             "accountable.",
             "Keep one named lead and mention the others in the action."),
    RuleInfo("lead.not-on-roster", "Lead not on the staff roster", W, "Effective plans",
             "{label}: the lead '{value}' is not on the service's staff roster.",
             "Check the spelling against the roster, or add the new member of staff to it."),
    RuleInfo("lead.has-left", "Lead has left", W, "Effective plans",
             "{label} is still open but its lead '{value}' left on {left}.",
             "Hand the action to someone in post and note the handover in the RAG narrative."),
    RuleInfo("action.tick-box", "Tick-box action on its own", W, "Risk not compliance",
             "{label}: '{phrase}' is the only kind of response to concern {concern}; on its "
             "own it rarely changes practice or reduces the risk.",
             "Add what staff will do differently, how managers will check it and what proof "
             "will be gathered, or say in the action how it will be tested."),
    RuleInfo("action.vague", "Action too vague to act on", W, "Effective plans",
             "{label}: the action has {words}; someone else could not tell what to do.",
             "Say what will change, for whom, how often and how it will be checked."),
    RuleInfo("concern.types-missing", "Concern's plan lacks a kind of action",
             W, "Risk not compliance",
             "Concern {concern} has {actions} but no {missing}; without it the work can "
             "be finished while the risk stays the same.",
             "Add the missing kind of action for this concern: how harm is prevented now, what "
             "staff will do differently, how managers will know, and what proof is reviewed."),
    RuleInfo("dates.due-before-raised", "Due before raised", E, "Effective plans",
             "{label} is due on {value}, before it was raised ({raised}).",
             "Check both dates; an action cannot be due before it was agreed."),
    RuleInfo("dates.in-future", "Date after the audit date", E, "Governance",
             "{label}: {title} is {value}, after the audit date {as_of}.",
             "Record the date the thing actually happened; it cannot be later than today."),
    RuleInfo("action.overdue", "Overdue", W, "Governance",
             "{label} was due on {value} and is {days} overdue.",
             "Put the action in place, or record the reason and the agreed new date in the "
             "RAG narrative."),
    RuleInfo("rag.missing", "No RAG rating", W, "Governance",
             "{label} is {status} but has no RAG rating.",
             "Rate the action Red, Amber or Green and explain the rating in the narrative."),
    RuleInfo("rag.no-narrative", "RAG without a narrative", W, "Governance",
             "{label} is rated {value} but the RAG narrative is blank; a colour alone does not "
             "show whether the risk is being controlled.",
             "Write what has happened, what the risk indicators show and what is in the way."),
    RuleInfo("rag.narrative-undated", "RAG narrative not dated", W, "Governance",
             "{label} has a RAG narrative but no narrative date, so nobody can tell how current "
             "it is.",
             "Fill in the date the RAG and narrative were last updated."),
    RuleInfo("rag.narrative-stale", "RAG narrative out of date", W, "Governance",
             "{label}: the RAG narrative was last updated on {value}, {days} ago; {risk} "
             "actions should be updated at least every {limit}.",
             "Update the RAG and its narrative at each review."),
    RuleInfo("rag.green-overdue", "Green but overdue", E, "Governance",
             "{label} is rated Green but was due on {due} and is {days} overdue.",
             "Set the RAG to Red and say in the narrative why it is late and what is being "
             "done."),
    RuleInfo("review.not-set", "No next review date", W, "Governance",
             "{label} is {status} but has no next review date.",
             "Set when governance will next review it: at least monthly, more often when "
             "the risk is high."),
    RuleInfo("review.overdue", "Review overdue", W, "Governance",
             "{label}: the review due on {value} has passed ({days} ago).",
             "Review the action at the next governance meeting, record it and set the next "
             "date."),
    RuleInfo("review.too-far", "Next review too far away", W, "Effective plans, Governance",
             "{label}: the next review on {value} is more than {limit} after the audit date, "
             "too long for {what}.",
             "Bring the review forward: monthly at most, fortnightly for high-risk actions."),
    RuleInfo("evidence.not-recorded", "Implemented or closed without evidence", E,
             "Effective plans, Governance",
             "{label} is marked {status} but no evidence is recorded.",
             "Say where the proof is kept (log, audit, care plan, training record) before "
             "marking it done."),
    RuleInfo("evidence.vague", "Evidence that points to nothing", W, "Effective plans",
             "{label}: '{value}' in {title} does not say where the proof is.",
             "Name the document, audit, log, minutes or record that holds the proof."),
    RuleInfo("closure.no-indicators", "Closed without risk indicators", E, "Closure test",
             "{label} is Closed but does not show the risk indicators improving over time.",
             "Record the indicators the action should move, with figures over time, or reopen "
             "the action."),
    RuleInfo("closure.no-audit", "Closed without an audit of practice", E, "Closure test",
             "{label} is Closed but no audit confirming the change in practice is recorded.",
             "Record the audit that shows practice changed, or reopen the action."),
    RuleInfo("closure.no-competency", "Closed without supervision or competency evidence", E,
             "Closure test",
             "{label} is Closed but no supervision or competency evidence is recorded.",
             "Record the supervision notes or competency checks showing staff confidence and "
             "consistency, or reopen the action."),
    RuleInfo("closure.no-governance", "Closed without governance minutes", E, "Closure test",
             "{label} is Closed but no governance minutes show it was reviewed and challenged.",
             "Take the closure to the governance meeting and record the minutes reference."),
    RuleInfo("closure.indicators-no-trend", "Risk indicators without a trend", W,
             "Closure test",
             "{label}: '{value}' does not give figures at two or more points in time, so it "
             "cannot show improvement over time.",
             "Give the indicator before and after, for example '9 alerts in June, 2 in October'."),
    RuleInfo("closure.too-few-cycles", "Closed before enough review cycles", E,
             "Effective plans, Closure test",
             "{label} is {risk} risk and was closed after {cycles}; it needs at least {needed} "
             "to show the improvement is sustained.",
             "Reopen the action and keep it under review until it has been through enough "
             "cycles."),
    RuleInfo("closure.no-date", "Closed without a closure date", E, "Closure test",
             "{label} is Closed but has no closure date.",
             "Record the day governance agreed to close the action."),
    RuleInfo("closure.no-closer", "Closed without saying who closed it", E, "Closure test",
             "{label} is Closed but 'Closed by' is blank.",
             "Record the manager who agreed the closure after review and challenge."),
    RuleInfo("closure.self-closed", "High-risk action closed by its own lead", W,
             "Closure test",
             "{label} is high risk and was closed by its own lead ('{value}'); closure needs "
             "review and challenge from someone else.",
             "Have the Registered Manager or governance chair review the evidence and close it."),
    RuleInfo("closure.date-but-open", "Closure date on an action that is not Closed", W,
             "Closure test",
             "{label} has a closure date ({value}) but its status is {status}.",
             "Set the status to Closed once the closure test is met, or clear the date."),
    RuleInfo("assurance.missing", "No senior assurance on a high-risk action", W, "Governance",
             "{label} is high risk and {when}, but no assurance to the Board or senior leaders "
             "is recorded.",
             "Report the action to the Board or senior leaders and record when and how."),
)
