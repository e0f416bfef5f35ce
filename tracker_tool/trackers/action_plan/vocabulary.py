"""Closed vocabularies of the action-plan policy (Reg 17 action plan and improvement tracking).

Each enum feeds a dropdown in the template and the allowed values checked on read-back.
"""

from enum import Enum


class Source(str, Enum):
    """Where an action came from (policy s5)."""

    INCIDENT = "Incident"
    NEAR_MISS = "Near miss"
    COMPLAINT = "Complaint"
    SAFEGUARDING = "Safeguarding concern"
    DUTY_OF_CANDOUR = "Duty of candour review"
    AUDIT = "Audit"
    RISK_ASSESSMENT = "Risk assessment"
    RISK_REGISTER = "Risk register review"
    SUPERVISION = "Staff supervision"
    TRAINING_GAP = "Training gap"
    SERVICE_USER_FEEDBACK = "Service-user feedback"
    FAMILY_FEEDBACK = "Family or advocate feedback"
    CQC = "CQC inspection"
    COMMISSIONER = "Commissioner or local authority"
    PROFESSIONAL_ADVICE = "Professional advice"
    GOVERNANCE = "Governance meeting"
    BUSINESS_CONTINUITY = "Business continuity event"
    POLICY_REVIEW = "Policy review"


class Priority(str, Enum):
    HIGH = "High"
    MEDIUM = "Medium"
    LOW = "Low"


class HighPriorityReason(str, Enum):
    """The risks that make an action high priority (policy s9)."""

    IMMEDIATE_SAFETY = "Immediate safety risk"
    SAFEGUARDING = "Safeguarding"
    SERIOUS_INCIDENT = "Serious incident"
    DUTY_OF_CANDOUR = "Duty of candour"
    MEDICINE_SAFETY = "Medicine safety"
    REPEATED_COMPLAINT = "Repeated complaint theme"
    CQC_BREACH = "CQC breach or warning notice"
    REGULATORY_NOTIFICATION = "Regulatory notification"
    STAFFING = "Staffing risk"
    INFECTION_CONTROL = "Infection control risk"
    RECORD_KEEPING = "Serious record-keeping failure"


class Status(str, Enum):
    """Complete means the work is done and evidenced; Closed means the closure was reviewed."""

    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    AWAITING_EXTERNAL = "Awaiting external input"
    COMPLETE = "Complete"
    CLOSED = "Closed"


class YesNo(str, Enum):
    YES = "Yes"
    NO = "No"


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

#: Overdue actions with these high-priority reasons must be escalated (s13).
ESCALATE_REASONS = frozenset({
    HighPriorityReason.SAFEGUARDING, HighPriorityReason.SERIOUS_INCIDENT,
    HighPriorityReason.MEDICINE_SAFETY, HighPriorityReason.STAFFING,
    HighPriorityReason.INFECTION_CONTROL,
})

#: Overdue actions required by these bodies must be escalated (s13), worded for messages.
ESCALATE_SOURCES = {
    Source.CQC: "required by CQC",
    Source.COMMISSIONER: "required by the commissioner or local authority",
    Source.SAFEGUARDING: "required by a safeguarding enquiry",
    Source.PROFESSIONAL_ADVICE: "required by professional advice",
    Source.GOVERNANCE: "required by provider governance",
}
