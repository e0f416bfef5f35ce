"""Finding codes of the performance improvement plan, each with its clause, message and fix.

Messages name what they are about with ``{action}``: "Action 2 (row 5)", or "The plan" on the
plan sheet. The machinery's own ``{label}`` ("2 (row 5)") is left to the required-field and
action-number codes it writes itself.
"""

from tracker_tool.core.catalogue import RuleInfo
from tracker_tool.core.findings import Severity
from tracker_tool.trackers.performance_plan.vocabulary import HEADER, REVIEW, TABLE

E, W = Severity.ERROR, Severity.WARNING

PIP_RULES: tuple[RuleInfo, ...] = (
    RuleInfo("action-no.missing", "Action number missing", W, TABLE,
             "{label} has no action number, so a review cannot say which action it rates.",
             "Number the actions 1, 2, 3... as on the plan."),
    RuleInfo("action-no.duplicate", "Action number used twice", E, TABLE,
             "Action number '{value}' is already used on row {first}.",
             "Give each action its own number; if the rows are one action, merge them."),
    RuleInfo("actions.none", "No actions in the plan", E, TABLE,
             "The '{name}' sheet holds no action, so the plan sets nothing to improve.",
             "Write one row per area for improvement: the required level, the gap, what was "
             "agreed and how it will be measured."),
    RuleInfo("patient-safety.no-measures", "Patient-safety risk without measures", E, TABLE,
             "{action}: the gap is marked as a risk to patient safety, but no measures in place "
             "are recorded.",
             "Record what protects patients while the plan runs, such as supervised practice, "
             "a period as supernumerary or a check of every entry, and for how long."),
    RuleInfo("review.missed", "Planned review not held", W, f"{TABLE}, {REVIEW}",
             "{action}: the formal review planned for {value} has passed ({days} ago) and no "
             "review on or after that date is recorded{risk}.",
             "Hold the review, record its date, outcome and rating, and set the next review "
             "date; if it was held, enter the date."),
    RuleInfo("review.undated", "Review recorded without a date", W, REVIEW,
             "{action} has a review {what} but no date for the review.",
             "Enter the date the review was held."),
    RuleInfo("review.no-rating", "Review without a rating", W, REVIEW,
             "{action} was reviewed on {value} but the review does not say whether the "
             "required level was met, partially met or not met.",
             "Pick the rating the review reached from the list."),
    RuleInfo("end-date.no-review", "End of the review period passed with no final review", W,
             f"{TABLE}, {REVIEW}",
             "{action}: the date to reach the required level ({value}) passed {days} ago and no "
             "review since then says whether it was reached{risk}.",
             "Hold the end-of-period review and record its date, outcome and rating."),
    RuleInfo("end-date.no-next-step", "Required level not reached and no next step", E,
             REVIEW,
             "{action} was rated '{rating}' at {when}, at or after its date to reach the "
             "required level ({end}), but no further action or next step is recorded.",
             "Record what was decided: more support and a new date, a revised plan, moving to "
             "the next stage of the process, or closing the action with a reason."),
    RuleInfo("dates.in-future", "Date after the audit date", E, f"{HEADER}, {REVIEW}",
             "{action}: the {what} ({value}) is after the audit date {as_of}.",
             "Record the day it actually happened; future events belong in the planned "
             "review date."),
    RuleInfo("dates.order", "Dates in the wrong order", E, f"{HEADER}, {TABLE}",
             "{action}: the {what} ({value}) is before the {other} ({then}).",
             "Check both dates."),
    RuleInfo("revision.no-earlier-dates", "Revision without the earlier plan's dates", W,
             HEADER,
             "{label} is marked as a revision of an earlier plan, but the dates of the earlier "
             "plan or plans are not given.",
             "Give the date the original plan was agreed and the date of each revision since."),
)
