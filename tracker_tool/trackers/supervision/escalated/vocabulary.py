"""Closed vocabularies of the escalated-cases tracker (article, Operational Example 2); each enum is a dropdown in the template."""

from enum import Enum

from tracker_tool.trackers.kit import Level

Risk = Level


class Concern(str, Enum):
    DOCUMENTATION = "Documentation"
    RELIABILITY = "Shift reliability"
    CARE_PLAN = "Care plan adherence"
    MEDICATION = "Medication practice"
    SAFEGUARDING = "Safeguarding practice"
    MOVING = "Moving and handling"
    CONDUCT = "Conduct"
    OTHER = "Other"


#: Concerns where a failed recheck is high risk whatever the risk rating (Ex2 escalation).
HIGH_RISK_CONCERNS = frozenset({Concern.MEDICATION, Concern.SAFEGUARDING, Concern.MOVING})


class Recheck(str, Enum):
    OBSERVATION = "Shift observation"
    RECORD_AUDIT = "Record audit"
    COMPETENCY = "Competency assessment"
    SPOT_CHECK = "Spot check"
    OTHER = "Other"


class Progress(str, Enum):
    NONE = "No measurable progress"
    SOME = "Some progress"
    GOOD = "Good progress"
    MET = "Targets met"


class RecheckResult(str, Enum):
    PASSED = "Passed"
    PARTLY = "Partly passed"
    FAILED = "Failed"


class Compliance(str, Enum):
    FULL = "Fully followed"
    PARTLY = "Partly followed"
    NOT = "Not followed"


class Decision(str, Enum):
    CONTINUE = "Continue plan"
    EXTEND = "Extend monitoring"
    SENIOR = "Escalate to senior oversight"
    CLOSE = "Close case"
    HR = "Start formal HR process"


#: Decisions after which the HR lead must act straight away (Ex2 step 5).
FINAL_DECISIONS = frozenset({Decision.CLOSE, Decision.HR})


class Outcome(str, Enum):
    OPEN = "Open"
    SUSTAINED = "Closed: improvement sustained"
    HR = "Closed: formal HR process"
    LEFT = "Closed: staff member left"


class Pathway(str, Enum):
    NO = "No formal pathway"
    CAPABILITY = "Capability procedure"
    DISCIPLINARY = "Disciplinary procedure"
    OTHER = "Other formal process"
