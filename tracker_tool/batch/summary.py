"""What a batch keeps about one workbook once its audit is written: counts, never rows.

A batch of hundreds of returns must not grow with their size, so each worker boils its report
down to one of these (plus the findings, which go straight to the cache on disk). The same
record is the cache entry, the roll-up row and the report.json entry, so they always agree.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from tracker_tool.core.findings import Finding, Severity
from tracker_tool.core.stamp import ServiceIdentity

CHECKED, NOT_READ = "checked", "not read"


@dataclass(frozen=True, slots=True)
class WorkbookSummary:
    """One workbook of a batch. ``audit`` is relative to the batch's output folder."""

    workbook: str
    status: str = CHECKED
    reason: str | None = None
    audit: str | None = None
    kind: str | None = None
    template_version: str | None = None
    sheet: str | None = None
    service: ServiceIdentity | None = None
    #: Fingerprint of the service policy the workbook was audited by.
    policy: str | None = None
    actions: int = 0
    errors: int = 0
    escalations: int = 0
    warnings: int = 0
    #: (key, label, value) for every figure the workbook's tracker computes, in its order.
    figures: tuple[tuple[str, str, object], ...] = ()
    #: code -> (severity, title, count): enough to find the themes across services.
    codes: dict = field(default_factory=dict)
    #: theme -> number of actions filed under it, for trackers that have themes.
    action_themes: dict = field(default_factory=dict)
    sha256: str = ""
    #: Set by the batch, not by the worker: results of matching the returns to the list.
    checks: tuple[Finding, ...] = ()
    #: With batch --previous: last time's return and its counts (batch/previous.py
    #: previous_figures), for the roll-up's trends; None when there was none to compare.
    previous: dict | None = None

    @property
    def readable(self) -> bool:
        return self.status == CHECKED

    @property
    def name(self) -> str:
        """The label people know a return by: its service if stamped, else its file."""
        return self.service.name if self.service else Path(self.workbook).name

    def figure(self, key: str, default=None):
        """A figure by key; trackers differ in their figures, and new ones get added."""
        for found, _label, value in self.figures:
            if found == key:
                return value
        return default

    @property
    def check_errors(self) -> int:
        return sum(f.severity is Severity.ERROR for f in self.checks)

    @property
    def has_errors(self) -> bool:
        """What makes the batch exit 1: errors in the record, no record, or a wrong return."""
        return not self.readable or self.errors > 0 or self.check_errors > 0

    def with_checks(self, checks) -> WorkbookSummary:
        """Add return-level findings: the worker's (an audit not written), then the batch's."""
        return replace(self, checks=self.checks + tuple(checks))

    def to_dict(self) -> dict:
        data = asdict(self)
        data["service"] = asdict(self.service) if self.service else None
        data["figures"] = [list(item) for item in self.figures]
        data["codes"] = {code: list(item) for code, item in self.codes.items()}
        data["checks"] = [finding_dict(f) for f in self.checks]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> WorkbookSummary:
        data = dict(data)
        data["service"] = ServiceIdentity(**data["service"]) if data.get("service") else None
        data["figures"] = tuple(tuple(item) for item in data.get("figures", ()))
        data["codes"] = {code: tuple(item) for code, item in data.get("codes", {}).items()}
        data["checks"] = tuple(finding_from_dict(f) for f in data.get("checks", ()))
        return cls(**data)


def finding_dict(f: Finding) -> dict:
    """A finding as the cache keeps it: what the outputs show, plus the field it is about,
    so that a finding read back from the cache is the one that was written."""
    data = f.to_dict()
    data["field"] = f.field
    return data


def finding_from_dict(data: dict) -> Finding:
    return Finding(**{**data, "severity": Severity(data["severity"])})


def summarise(workbook: str, audit: str | None, report, tracker, stamp,
              sha256: str) -> WorkbookSummary:
    """Boil a Report down to a summary; the stamp's kind wins so a stranger shows as itself."""
    codes: dict[str, tuple[str, str, int]] = {}
    for f in report.findings:
        severity, title, count = codes.get(f.code, (f.severity.value, _title(tracker, f.code), 0))
        if f.severity.rank < Severity(severity).rank:
            severity = f.severity.value  # a column can raise a code above its default
        codes[f.code] = (severity, title, count + 1)
    return WorkbookSummary(
        workbook=workbook, audit=audit, kind=stamp.kind or report.tracker,
        template_version=report.template_version, sheet=report.sheet, service=stamp.service,
        policy=getattr(report, "policy", None),
        actions=report.rows, errors=report.errors, escalations=report.escalations_due,
        warnings=report.warnings,
        figures=tuple((fig.key, fig.label, fig.value) for fig in report.figures),
        codes=codes, sha256=sha256,
        action_themes=dict(getattr(getattr(report, "review", None), "theme_counts", None) or ()))


def _title(tracker, code: str) -> str:
    """A code's title, whether a check or a comparison with the previous return raised it."""
    from tracker_tool.check.compare import rule_info

    try:
        return rule_info(tracker, code).title
    except (KeyError, StopIteration):
        return code


def unreadable(workbook: str, reason: str, sha256: str = "") -> WorkbookSummary:
    return WorkbookSummary(workbook=workbook, status=NOT_READ, reason=reason, sha256=sha256)
