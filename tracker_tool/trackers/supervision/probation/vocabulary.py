"""Closed vocabularies of the probation-actions tracker (article, Operational Example 3); each enum is a dropdown in the template."""

from enum import Enum

from tracker_tool.trackers.kit import Level

Risk = Level


class Gap(str, Enum):
    MEDICATION = "Medication"
    MOVING = "Moving and handling"
    SAFEGUARDING = "Safeguarding"
    RECORDS = "Record keeping"
    INFECTION = "Infection prevention and control"
    PERSON_CENTRED = "Person-centred care"
    COMMUNICATION = "Communication"
    FIRE = "Fire safety"
    OTHER = "Other"


#: Induction gaps that bear on safe practice (Ex3 escalation, step 4).
SAFE_PRACTICE = frozenset({Gap.MEDICATION, Gap.MOVING, Gap.SAFEGUARDING})


class Confidence(str, Enum):
    UP = "Improved"
    SAME = "No change"
    DOWN = "Lower"


class Status(str, Enum):
    OPEN = "Open"
    IN_PROGRESS = "In progress"
    COMPLETED = "Completed"
    FAILED = "Failed"
