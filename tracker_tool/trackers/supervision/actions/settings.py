"""The supervision-actions thresholds a service sets in ``[kinds.supervision-actions]``; the
defaults are the article's own (Operational Example 1)."""

from tracker_tool.trackers.kit import Settings, setting
from tracker_tool.trackers.supervision.shared import cluster_min_setting, theme_repeat_setting


class SupervisionActionSettings(Settings):
    escalate_after_days: int = setting(7, """
        An open supervision action more than this many calendar days past its deadline goes
        onto the overdue actions register for weekly review by the Registered Manager (the
        article: more than seven calendar days).""")
    min_action_words: int = setting(6, """
        An agreed action shorter than this many words is too short to test (Ex1 step 2: a
        clear, measurable outcome); longer ones are still flagged when they only ask for more
        care with nothing to check it against.""", least=1)
    theme_repeat: int = theme_repeat_setting("overdue actions")
    cluster_min: int = cluster_min_setting("overdue actions")
    register_review_every_days: int = setting(7, """
        The Registered Manager reviews the overdue actions register at least this often, in
        calendar days (Ex1 step 4: weekly). Each run of this many days, from the first
        supervision on the tracker, with no such review on the Reviews sheet is a finding.""",
        least=1)
