"""The governance review pack: what a manager's monthly review and quarterly audit must answer.

Plain data, so the audit workbook, the JSON report and the batch roll-up show the same answers.
Trackers fill it in (see trackers/action_plan/review_pack.py); the writers only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Days past due, in the bands governance reports use.
AGEING_BANDS = ((0, 30, "0-30 days"), (31, 60, "31-60 days"), (61, 90, "61-90 days"),
                (91, None, "Over 90 days"))


def ageing_band(days: int) -> str:
    for low, high, label in AGEING_BANDS:
        if days >= low and (high is None or days <= high):
            return label
    return AGEING_BANDS[0][2]


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One line of the monthly review list (s12): what to look at, and which actions."""

    key: str
    label: str
    clause: str
    actions: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "clause": self.clause,
                "count": len(self.actions), "actions": list(self.actions)}


@dataclass(frozen=True, slots=True)
class AuditAnswer:
    """One quarterly audit question (s21), answered with a figure and met / not met.

    ``met`` is None when the plan gives nothing to judge (no high-risk action completed yet).
    """

    key: str
    question: str
    clause: str
    figure: str
    met: bool | None
    detail: str

    @property
    def verdict(self) -> str:
        return {True: "Met", False: "Not met", None: "Nothing to judge"}[self.met]

    def to_dict(self) -> dict:
        return {"key": self.key, "question": self.question, "clause": self.clause,
                "figure": self.figure, "verdict": self.verdict, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class ThemeCount:
    theme: str
    actions: int
    linked_risks: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"theme": self.theme, "actions": self.actions,
                "linked_risks": list(self.linked_risks)}


@dataclass(frozen=True, slots=True)
class ReviewCadence:
    """One review the source asks for, as the Reviews sheet shows it was kept: how many were
    held, the windows that had none (already worded, e.g. 'Aug 2026'), the last one held."""

    name: str
    clause: str
    every: str
    held: int
    missed: tuple[str, ...]
    last: str | None

    def to_dict(self) -> dict:
        return {"review": self.name, "clause": self.clause, "every": self.every,
                "held": self.held, "missed": list(self.missed), "last": self.last}


@dataclass
class ReviewPack:
    monthly_review: list[ReviewItem] = field(default_factory=list)
    audit_questions: list[AuditAnswer] = field(default_factory=list)
    #: Completed actions finished by their original (or only) due date, of those with both dates.
    closed_on_time: int = 0
    closed_with_dates: int = 0
    overdue_by_owner: list[tuple[str, int]] = field(default_factory=list)
    ageing: list[tuple[str, int]] = field(default_factory=list)
    #: Priority -> status -> count, for the status-by-priority chart.
    status_by_priority: dict[str, dict[str, int]] = field(default_factory=dict)
    repeated_themes: list[ThemeCount] = field(default_factory=list)
    #: Every theme with its number of actions, most first: what a batch compares across services.
    theme_counts: list[tuple[str, int]] = field(default_factory=list)
    #: The record of reviews held (the Reviews sheet), per cadence; None for a kind whose
    #: source asks for none, empty when the workbook has no Reviews sheet.
    reviews: list[ReviewCadence] | None = None
    #: A kind without a review pack of its own still reports its reviews: the pack is then
    #: those lines alone.
    reviews_only: bool = False

    @property
    def on_time_closure_rate(self) -> float | None:
        """Percentage, or None when no completed action has both dates to judge by."""
        if not self.closed_with_dates:
            return None
        return round(100 * self.closed_on_time / self.closed_with_dates, 1)

    def to_dict(self) -> dict:
        if self.reviews_only:
            return {"reviews": [line.to_dict() for line in self.reviews or ()]}
        return {
            "monthly_review": [item.to_dict() for item in self.monthly_review],
            "audit_questions": [answer.to_dict() for answer in self.audit_questions],
            "on_time_closure_rate": self.on_time_closure_rate,
            "closed_on_time": self.closed_on_time,
            "closed_with_dates": self.closed_with_dates,
            "overdue_by_owner": [{"owner": o, "overdue": n} for o, n in self.overdue_by_owner],
            "ageing": [{"band": b, "overdue": n} for b, n in self.ageing],
            "status_by_priority": self.status_by_priority,
            "repeated_themes": [t.to_dict() for t in self.repeated_themes],
            "themes": [{"theme": t, "actions": n} for t, n in self.theme_counts],
            **({} if self.reviews is None else
               {"reviews": [line.to_dict() for line in self.reviews]}),
        }
