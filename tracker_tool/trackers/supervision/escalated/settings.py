"""The escalated-case thresholds a service sets in ``[kinds.supervision-escalations]``; the
defaults are the article's own (Operational Example 2)."""

from tracker_tool.trackers.kit import Settings, setting
from tracker_tool.trackers.supervision.shared import cluster_min_setting, theme_repeat_setting


class EscalatedCaseSettings(Settings):
    monitor_every_days: int = setting(7, """
        Monitoring of an open case is looked at formally at least this often, in calendar
        days (the article: every seven days).""", least=1)
    review_every_days: int = setting(14, """
        The Registered Manager reviews each open case at least this often, in calendar days
        (the article: fortnightly); each gap this long without a review counts as a missed
        review.""", least=1)
    missed_reviews_limit: int = setting(2, """
        A case with this many missed reviews goes to senior provider oversight (the article:
        two missed reviews).""", least=1)
    no_progress_days: int = setting(28, """
        A case still without measurable progress this many calendar days after it was
        escalated goes to senior provider oversight (the article: 28 days).""", least=1)
    repeat_window_days: int = setting(60, """
        The same concern escalated again for the same person within this many calendar days
        of the earlier case is a repeat escalation (the article measures repeats within 60
        days).""", least=1)
    theme_repeat: int = theme_repeat_setting("cases past their target date")
    cluster_min: int = cluster_min_setting("open cases (or cases past target)")
