"""Closed vocabularies of the action-plan policy (Reg 17 action plan and improvement tracking).

Each enum feeds a dropdown in the template and the allowed values checked on read-back. Lists
a service adapts (high-priority categories, themes, roles) live in the service policy instead.
"""

from enum import Enum

# The Source column's dropdown is the policy's list of sources (see policy/sources.py).
from tracker_tool.policy.sources import Source as Source
from tracker_tool.trackers.kit import RAG as RAG  # the owner's own forecast (s12)
from tracker_tool.trackers.kit import Level
from tracker_tool.trackers.kit import YesNo as YesNo

Priority = Level


class Status(str, Enum):
    """Complete means the work is done and evidenced; Closed means the closure was reviewed."""

    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    AWAITING_EXTERNAL = "Awaiting external input"
    COMPLETE = "Complete"
    CLOSED = "Closed"


class OutcomeAchieved(str, Enum):
    YES = "Yes"
    PARTLY = "Partly"
    NO = "No"


class EffectivenessResult(str, Enum):
    """The answer to the policy's question 'did the action work?' (s15)."""

    WORKED = "Worked"
    PARTLY = "Partly worked"
    DID_NOT_WORK = "Did not work"


DONE_STATUSES = frozenset({Status.COMPLETE, Status.CLOSED})


#: Sources whose own record an action must point to (s16), worded for messages.
TRACEABLE_SOURCES = {
    Source.INCIDENT: "an incident", Source.NEAR_MISS: "a near miss",
    Source.COMPLAINT: "a complaint", Source.SAFEGUARDING: "a safeguarding concern",
    Source.DUTY_OF_CANDOUR: "a duty of candour review", Source.AUDIT: "an audit",
    Source.RISK_REGISTER: "a risk register review", Source.CQC: "a CQC inspection",
    Source.COMMISSIONER: "a commissioner or local authority",
}
