"""The result of validating one workbook: findings plus the figures the policy asks for.

The CLI, the JSON/CSV renderers and the audit writer only read a Report; nothing in them
re-checks a row, so every output tells the same story.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from tracker_tool.core.findings import Finding, Severity


@dataclass(frozen=True, slots=True)
class Figure:
    """One governance figure, e.g. the number of overdue actions, with what it counts."""

    key: str
    label: str
    #: A count, a percentage, or None when there is nothing to measure yet.
    value: int | float | None
    note: str

    @property
    def shown(self) -> str:
        return "n/a" if self.value is None else f"{self.value:g}"


@dataclass(frozen=True, slots=True)
class Escalation:
    """An overdue action the policy says must be escalated, with its reasons."""

    row: int
    action_id: str
    title: str
    owner: str
    due: date | None
    days_overdue: int
    reasons: tuple[str, ...]
    route: str
    recorded: str

    def to_dict(self) -> dict:
        return {
            "row": self.row, "action_id": self.action_id, "title": self.title,
            "owner": self.owner, "due": self.due.isoformat() if self.due else None,
            "days_overdue": self.days_overdue, "reasons": list(self.reasons),
            "route": self.route, "recorded": self.recorded,
        }


@dataclass
class Report:
    """Findings and figures for one workbook, as of one audit date."""

    path: str
    tracker: str
    template_version: str | None
    as_of: date
    sheet: str | None = None
    rows: int = 0
    findings: list[Finding] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    escalations: list[Escalation] = field(default_factory=list)
    #: Fingerprint of the service policy applied, and the service the template was made for.
    policy: str | None = None
    service: object | None = None
    #: The governance review pack (review.ReviewPack), for trackers that have one.
    review: object | None = None
    #: The comparison with the previous return (changes.Comparison), when one was given.
    comparison: object | None = None

    @property
    def errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity is Severity.WARNING for f in self.findings)

    @property
    def escalations_due(self) -> int:
        """Findings of escalation severity: actions that must be escalated and are not yet."""
        return sum(f.severity is Severity.ESCALATION for f in self.findings)

    @property
    def ok(self) -> bool:
        return self.errors == 0

    def counts_by_code(self) -> Counter:
        return Counter(f.code for f in self.findings)

    def findings_for_row(self, excel_row: int) -> list[Finding]:
        return [f for f in self.findings if f.row == excel_row]

    def to_dict(self, *, finding_dicts: bool = True) -> dict:
        """The JSON contract: path, tracker, template_version, rows, findings (+ figures), and
        ``comparison`` only when the return was compared with the previous one.

        ``finding_dicts=False`` leaves the findings as the report's own list, for a renderer
        that writes them straight from the Finding objects (150,000 of them as dicts held
        about 100 MB)."""
        data = {
            "path": self.path,
            "tracker": self.tracker,
            "template_version": self.template_version,
            "as_of": self.as_of.isoformat(),
            "sheet": self.sheet,
            "rows": self.rows,
            "errors": self.errors,
            "warnings": self.warnings,
            "escalations_due": self.escalations_due,
            "findings": ([f.to_dict() for f in self.findings] if finding_dicts
                         else self.findings),
            "figures": {fig.key: fig.value for fig in self.figures},
            "escalations": [e.to_dict() for e in self.escalations],
            "policy": self.policy,
            "service": ({"name": self.service.name, "provider": self.service.provider,
                         "location_id": self.service.location_id} if self.service else None),
            "review": self.review.to_dict() if self.review is not None else None,
        }
        if self.comparison is not None:
            data["comparison"] = self.comparison.to_dict()
        return data
