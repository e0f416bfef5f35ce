"""The safeguarding plan's review cycles a service sets in ``[kinds.safeguarding-plan]``. The
article asks for improvement sustained "over multiple review cycles" before a concern is
closed; how many is the service's decision, with these defaults."""

from tracker_tool.trackers.kit import Settings, setting


class SafeguardingSettings(Settings):
    high_risk_closure_cycles: int = setting(3, """
        A high-risk safeguarding action may close only after this many governance review
        cycles, so improvement is shown to last.""", least=1, most=24)
    closure_cycles: int = setting(1, """
        The same for medium- and low-risk actions.""", least=1, most=24)
    governance_review_every_months: int = setting(1, """
        The plan is reviewed at a quality or safeguarding governance meeting at least this
        often, in calendar months (Governance). The article names no interval; monthly
        matches the review date this tracker asks for. Each calendar month with no such review
        on the Reviews sheet is a finding, and each review held is one review cycle.""",
        least=1, most=12)
