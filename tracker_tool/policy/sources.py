"""Where improvement actions come from (Reg 17 policy s5).

The list lives with the policy because the policy names sources in its own settings (which
sources escalate from their first overdue day); the action plan's Source column offers the
same list as its dropdown, so a setting can never name a source the tracker cannot hold.
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
