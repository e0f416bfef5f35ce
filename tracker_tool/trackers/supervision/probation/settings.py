"""The probation-action thresholds a service sets in ``[kinds.probation-actions]``; the
defaults are the article's own (Operational Example 3)."""

from tracker_tool.trackers.kit import Settings, setting
from tracker_tool.trackers.supervision.shared import theme_repeat_setting


class ProbationSettings(Settings):
    escalate_after_working_days: int = setting(5, """
        A probation action more than this many working days overdue is escalated for enhanced
        oversight and formal review (the article: more than five working days).""")
    safe_practice_working_days: int = setting(1, """
        A late action that affects safe practice (medication, moving and handling,
        safeguarding) is escalated once it is more than this many working days overdue (the
        article: within one working day).""")
    theme_repeat: int = theme_repeat_setting("overdue or failed actions")
    mentor_review_every_days: int = setting(7, """
        The mentor reviews open probation actions at least this often, in calendar days
        (Ex3 step 2: weekly, before the Friday probation call). Each run of this many days
        with no such review on the Reviews sheet is a finding.""", least=1)
    verification_every_days: int = setting(14, """
        The Deputy Manager verifies probation progress at least this often, in calendar days
        (Ex3 step 3: fortnightly, before the workforce monitoring meeting).""", least=1)
