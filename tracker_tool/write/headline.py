"""The words at the top of an audit, shared by the workbook's Summary and the PDF pack.

A board member reads the first page and nothing else, so it must say whose audit it is, what
period it covers and what was found, in words: no policy fingerprint or finding code (those go
to an appendix), percentages with their sign, and counts that agree with each other or say why
they do not. Both outputs take their wording from here, so they cannot drift apart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tracker_tool.core.findings import Severity
from tracker_tool.core.wording import fmt, plural, severity_counts

_NATIONS = {"ENG": "England", "WLS": "Wales", "SCT": "Scotland", "NIR": "Northern Ireland"}


def is_percent(label: str) -> bool:
    """Figures that are percentages say so in their label, e.g. 'On-time closure rate (%)'."""
    return label.rstrip().endswith("(%)")


def plain_label(label: str) -> str:
    """A figure's label without the '(%)' its value now carries."""
    return label.rstrip().removesuffix("(%)").rstrip() if is_percent(label) else label


def shown_value(value, label: str) -> str:
    """A figure's value as printed: '92.9%' for a percentage, 'n/a' for nothing to measure."""
    if value is None:
        return "n/a"
    text = f"{value:g}"
    return text + "%" if is_percent(label) else text


def shown_change(change, label: str) -> str:
    """A change between two figures, signed; a percentage moves by percentage points."""
    if change is None:
        return "n/a"
    text = f"{change:+g}"
    return text + (" points" if is_percent(label) else "")


def who(report, policy=None) -> str:
    """The service the workbook was stamped for; else the service its policy is for (an
    unstamped copy checked under that service's own policy); else the workbook's file name."""
    if report.service is not None and report.service.name:
        return report.service.name
    if policy is not None and policy.service_name:
        return policy.service_name
    return Path(report.path).name


def service_line(report) -> str:
    service = report.service
    if service is None:
        return "Not recorded in the workbook (its template was not made for one service)"
    return " | ".join(part for part in (service.name, service.provider,
                                        f"CQC location {service.location_id}"
                                        if service.location_id else "") if part)


def title(report, tracker, policy=None) -> str:
    """'Oakfield House: Action plan and improvement tracker audit'."""
    return f"{who(report, policy)}: {tracker.title} audit"


def period(report) -> str:
    """What the audit covers: since the previous return when there was one, else the day."""
    if report.comparison is not None:
        return (f"{fmt(report.comparison.previous.as_of)} (previous return) to "
                f"{fmt(report.as_of)}")
    return f"The plan as it stood on {fmt(report.as_of)}"


def policy_line(policy, default: bool) -> str:
    """Which policy judged the return, in words; its fingerprint is in the appendix."""
    name = "The default policy" if default else (policy.service_name or "The service's policy")
    nation = _NATIONS.get(policy.nation, policy.nation)
    return (f"{name}: bank holidays of {nation}; days past due counted in "
            f"{policy.overdue.count.value} days")


def result_line(report) -> str:
    return severity_counts(report.findings) or "No problems found"


@dataclass(frozen=True)
class EscalationCount:
    """Escalation findings set against the Escalations list, so the two numbers reconcile.

    A tracker's escalation findings are not all about the actions on its Escalations list (an
    overdue effectiveness check is one too), and an action on the list whose escalation was
    recorded raises none, so the two counts differ for reasons a reader is told.
    """

    findings: int
    #: Escalation findings on a row the Escalations list holds.
    on_list: int
    #: Actions on the Escalations list, and how many of them have an escalation recorded.
    listed: int
    recorded: int
    #: Escalation findings about something else: (title, count).
    others: tuple[tuple[str, int], ...]

    @property
    def note(self) -> str:
        """Why the escalation findings and the Escalations list differ, or '' if they agree."""
        if self.findings == self.on_list == self.listed and not self.recorded:
            return ""
        if not self.findings:
            text = "No escalation findings."
        else:
            parts = [f"{self.on_list} for actions on the Escalations list"] if self.on_list \
                else []
            parts += [f"{n} {name[0].lower() + name[1:]}" for name, n in self.others]
            text = f"{plural(self.findings, 'escalation finding')}: " + "; ".join(parts) + "."
        if self.listed != self.on_list or self.recorded:
            text += (f" The Escalations list has {plural(self.listed, 'action')}, "
                     f"{self.recorded} with an escalation recorded.")
        return text


def escalation_count(report, title_of) -> EscalationCount:
    """``title_of(code)`` gives a code's title."""
    rows = {e.row for e in report.escalations}
    found = [f for f in report.findings if f.severity is Severity.ESCALATION]
    others = Counter(title_of(f.code) for f in found if f.row not in rows)
    return EscalationCount(len(found), sum(f.row in rows for f in found),
                           len(report.escalations),
                           sum(1 for e in report.escalations if e.recorded),
                           tuple(sorted(others.items(), key=lambda kv: (-kv[1], kv[0]))))
