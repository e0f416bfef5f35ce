"""What changed between two returns of one tracker: plain data every output reads.

A change finding is an ordinary Finding (so validate, the audit and the batch show it like any
other) plus the action it is about, the value it had last time and which return it points
into: a deleted action can only be shown where it used to be, in the previous return.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker_tool.core.findings import Finding, Severity
from tracker_tool.core.report import Report

CURRENT, PREVIOUS = "current", "previous"


@dataclass(frozen=True, slots=True)
class Change:
    finding: Finding
    action_id: str | None
    previous_value: str | None
    #: CURRENT when the finding's cell is in the current return, PREVIOUS when the value is gone.
    located_in: str = CURRENT

    def to_dict(self) -> dict:
        data = self.finding.to_dict()
        data.update(action_id=self.action_id, previous_value=self.previous_value,
                    located_in=self.located_in)
        return data


@dataclass(frozen=True, slots=True)
class Listed:
    """A change worth seeing that breaks no rule: a new action, a closure, a new owner."""

    action_id: str | None
    change: str
    previous_value: str | None
    value: str | None
    row: int | None = None

    def to_dict(self) -> dict:
        return {"action_id": self.action_id, "change": self.change,
                "previous_value": self.previous_value, "value": self.value, "row": self.row}


@dataclass(frozen=True, slots=True)
class FigureChange:
    """One review figure last time and now. ``better`` says which way is good: "up" for a
    closure rate, "down" for overdue actions, None where neither is (actions closed)."""

    key: str
    label: str
    previous: float | None
    current: float | None
    better: str | None = "down"

    @property
    def change(self) -> float | None:
        if self.previous is None or self.current is None:
            return None
        return round(self.current - self.previous, 1)

    @property
    def direction(self) -> str:
        """'better', 'worse', 'same', or 'changed' / 'n/a' where that cannot be said."""
        change = self.change
        if change is None:
            return "n/a"
        if change == 0:
            return "same"
        if self.better is None:
            return "changed"
        return "better" if (change > 0) == (self.better == "up") else "worse"

    def to_dict(self) -> dict:
        return {"key": self.key, "label": self.label, "previous": self.previous,
                "current": self.current, "change": self.change, "direction": self.direction}


@dataclass
class Comparison:
    """A return compared with the previous return of the same tracker."""

    previous: Report
    current: Report
    changes: list[Change] = field(default_factory=list)
    listed: list[Listed] = field(default_factory=list)
    figures: list[FigureChange] = field(default_factory=list)
    #: Plain remarks that are not findings, such as the same file given twice.
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(c.finding.severity is Severity.ERROR for c in self.changes)

    @property
    def ok(self) -> bool:
        return self.errors == 0

    @property
    def findings(self) -> list[Finding]:
        return [c.finding for c in self.changes]

    def to_dict(self) -> dict:
        return {"previous": _side(self.previous), "current": _side(self.current),
                "changes": [c.to_dict() for c in self.changes],
                "listed": [item.to_dict() for item in self.listed],
                "figures": [fig.to_dict() for fig in self.figures],
                "notes": list(self.notes)}


def _side(report: Report) -> dict:
    return {"path": report.path, "as_of": report.as_of.isoformat(), "tracker": report.tracker,
            "template_version": report.template_version, "sheet": report.sheet,
            "rows": report.rows, "errors": report.errors, "warnings": report.warnings,
            "service": report.service.name if report.service is not None else None}
