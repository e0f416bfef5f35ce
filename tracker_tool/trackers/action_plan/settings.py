"""The action plan's own settings, a ``[kinds.action-plan]`` table of the service policy: which
sources and themes link an action to one of the policy's high-priority categories (s9, s13),
and which actions answer to an external body that must be told before they close (s18).

They live in the kind's table rather than in ``[high_priority]`` because a setting added to
the main tables changes every policy's fingerprint, so every template already stamped would
read as "made under another policy"; a kind's table keeps only what differs from these
defaults, so a service that leaves them alone keeps its fingerprint.
"""

from tracker_tool.trackers.kit import Settings, listing, setting


class ActionPlanSettings(Settings):
    high_priority_sources: dict[str, str] = listing({"Safeguarding concern": "Safeguarding"}, """
        Sources that link an action to a high-priority category (s9): the source, then the
        category from [high_priority] categories. Such an action rated below High is flagged,
        and it is escalated from its first overdue day when the category is one of
        escalate_when_overdue (s13).""")
    high_priority_themes: dict[str, str] = listing({
        "Safeguarding": "Safeguarding", "Medication": "Medicine safety",
        "Infection control": "Infection control risk", "Staffing": "Staffing risk"}, """
        The same for themes: the theme, then the category it links an action to.""")
    serious_incident_words: list[str] = listing(
        ["serious incident", "steis", "psii", "patient safety incident investigation",
         "notifiable safety incident"], """
        An action whose source is an Incident links to the category 'Serious incident' only
        when its title, source reference or description uses one of these words: most
        incidents (a fall without harm) are not serious, and the tracker has no severity
        column, so the record has to say so. An empty list turns this link off.""")
    external_sources: list[str] = listing(
        ["CQC inspection", "Commissioner or local authority", "Safeguarding concern"], """
        Sources whose actions answer to a body outside the service (s18: CQC, a commissioner
        or local authority, a safeguarding enquiry): such an action is not Closed until
        'External body updated' records when that body was told.""")
    external_body_words: list[str] = listing(
        ["ombudsman", "phso", "lgsco", "cqc", "commissioner", "icb"], """
        Words in the title or source reference that show an action answers to an external
        body whatever its source (a complaint the Ombudsman investigated).""")
    rm_review_every_months: int = setting(1, """
        The Registered Manager reviews the whole plan at least this often, in calendar
        months (s12, s17: at least monthly). Each calendar month with no such review on the
        Reviews sheet is a finding; with 2, each pair of months from January.""",
        least=1, most=12)
    ni_review_every_months: int = setting(3, """
        The Nominated Individual (or provider) reviews the plan at least this often, in
        calendar months (s17: at least quarterly). With 3, each calendar quarter
        (Jan-Mar, Apr-Jun...) needs one.""", least=1, most=12)
