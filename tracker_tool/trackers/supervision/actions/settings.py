"""The supervision-actions thresholds a service sets in ``[kinds.supervision-actions]``; the
defaults are the article's own (Operational Example 1)."""

from tracker_tool.trackers.kit import Settings, setting


class SupervisionActionSettings(Settings):
    escalate_after_days: int = setting(7, """
        An open supervision action more than this many calendar days past its deadline goes
        onto the overdue actions register for weekly review by the Registered Manager (the
        article: more than seven calendar days).""")
