"""Closed vocabularies of the supervision-actions tracker (article, Operational Example 1);
each enum is a dropdown in the template."""

from enum import Enum

from tracker_tool.trackers.kit import Level

Priority = Level


class Category(str, Enum):
    RECORD_KEEPING = "Record keeping"
    TRAINING = "Training refresher"
    PRACTICE = "Practice standards"
    MEDICATION = "Medication"
    SAFEGUARDING = "Safeguarding"
    CARE_PLAN = "Care plan compliance"
    COMMUNICATION = "Communication"
    RELIABILITY = "Attendance and reliability"
    OTHER = "Other"


#: Categories whose missed actions are escalated from the first day late (Ex1 escalation).
ESCALATE_AT_ONCE = frozenset({Category.MEDICATION, Category.SAFEGUARDING, Category.CARE_PLAN})


class Status(str, Enum):
    OPEN = "Open"
    IN_PROGRESS = "In progress"
    COMPLETE = "Complete"
    NOT_MET = "Not met at check"


class Stage(str, Enum):
    """How far a late action has gone; the last two are the escalation Ex1 asks for."""

    NONE = "Not escalated"
    CHASED = "Line manager chasing"
    REGISTER = "Overdue register (weekly RM review)"
    SENIOR = "Senior leaders"


ESCALATED = frozenset({Stage.REGISTER, Stage.SENIOR})
