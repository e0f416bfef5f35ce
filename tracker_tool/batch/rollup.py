"""Where the risk is across a batch: totals, a league table ordered by risk, recurring themes.

Everything here is computed from workbook summaries only, so the roll-up workbook, report.json
and the library's callers all rank and count the same way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from tracker_tool.batch.summary import WorkbookSummary
from tracker_tool.core.findings import Severity

#: Points per item in the risk score, highest first in the league table. Escalations not
#: made come first because the policy says a manager must hear about those actions now (s13);
#: overdue actions are unfinished work past its date; errors mean the record cannot be
#: relied on; an effectiveness check not done means nobody knows whether a fix worked (s15).
#: Warnings break ties only. A return that could not be read has no assurance at all, so it
#: is listed above every scored one.
RISK_WEIGHTS = {"escalations": 5, "overdue": 3, "errors": 2, "effectiveness": 1}
RISK_EXPLAINED = ("Risk score = 5 x escalations not made + 3 x overdue actions + 2 x errors "
                  "+ 1 x effectiveness checks outstanding. Returns that could not be read "
                  "come first.")

#: The figures keys the roll-up reads; a tracker without one simply shows a blank.
OVERDUE, CLOSURE_RATE, EFFECTIVENESS = "overdue", "on_time_closure_rate", "awaiting_effectiveness"


def _count(value) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def labels(summaries: list[WorkbookSummary]) -> dict[str, str]:
    """workbook -> the name to show: the service, with the file added where two share it."""
    counts: dict[str, int] = defaultdict(int)
    for s in summaries:
        counts[s.name] += 1
    return {s.workbook: s.name if counts[s.name] == 1 or not s.service
            else f"{s.name} ({s.workbook.rsplit('/', 1)[-1]})" for s in summaries}


def risk_parts(summary: WorkbookSummary) -> dict[str, int]:
    return {
        "escalations": summary.escalations,
        "overdue": _count(summary.figure(OVERDUE)),
        "errors": summary.errors + summary.check_errors,
        "effectiveness": _count(summary.figure(EFFECTIVENESS)),
    }


def trend_now(summary: WorkbookSummary) -> dict:
    """This return's side of the trends beside last time's (batch --previous): the counts the
    league table shows, under the keys batch/previous.py gives last time's."""
    parts = risk_parts(summary)
    return {"errors": parts["errors"], OVERDUE: summary.figure(OVERDUE),
            CLOSURE_RATE: summary.figure(CLOSURE_RATE), "escalations": parts["escalations"]}


def risk_score(summary: WorkbookSummary) -> int:
    return score_of(risk_parts(summary))


def score_of(parts: dict) -> int:
    """The risk score of counts keyed as RISK_WEIGHTS is; one formula for the roll-up and the
    portal's league table, so both rank services alike."""
    return sum(RISK_WEIGHTS[name] * _count(parts.get(name)) for name in RISK_WEIGHTS)


#: Kinds whose returns are staff records: one employee's performance plan, a new starter's
#: probation actions, a member of staff's escalated supervision case. Ranking them beside
#: services would compare people with services and spread an HR matter through a league
#: table, so a batch lists them apart unless asked (--include-staff-records).
STAFF_KINDS = frozenset({"performance-plan", "probation-actions", "supervision-escalations"})
STAFF_KINDS_NAMED = "performance plans, probation actions and escalated supervision cases"


def is_staff_record(summary: WorkbookSummary) -> bool:
    return summary.kind in STAFF_KINDS


def staff_records(summaries: list[WorkbookSummary]) -> list[WorkbookSummary]:
    """The staff records among ``summaries``, in the batch's order."""
    return [s for s in summaries if is_staff_record(s)]


@dataclass(frozen=True, slots=True)
class LeagueEntry:
    rank: int
    summary: WorkbookSummary
    score: int | None
    label: str


def league_table(summaries: list[WorkbookSummary],
                 include_staff: bool = False) -> list[LeagueEntry]:
    """Highest risk first; ties broken by escalations, overdue, errors, warnings, then name.
    Staff records (STAFF_KINDS) are left out unless ``include_staff``."""
    if not include_staff:
        summaries = [s for s in summaries if not is_staff_record(s)]
    def order(s: WorkbookSummary):
        parts = risk_parts(s)
        return (s.readable, -risk_score(s), -parts["escalations"], -parts["overdue"],
                -parts["errors"], -s.warnings, s.name.lower(), s.workbook)

    ranked = sorted(summaries, key=order)
    shown = labels(summaries)
    return [LeagueEntry(rank, s, risk_score(s) if s.readable else None, shown[s.workbook])
            for rank, s in enumerate(ranked, start=1)]


@dataclass(frozen=True, slots=True)
class Theme:
    """A finding code seen in more than one return, with how widely and how often."""

    code: str
    title: str
    severity: str
    workbooks: int
    occurrences: int
    names: tuple[str, ...]

    @property
    def rank(self) -> int:
        return Severity(self.severity).rank


def themes(summaries: list[WorkbookSummary], minimum: int = 2) -> list[Theme]:
    """Codes found in at least ``minimum`` returns: a pattern to act on across services."""
    seen: dict[str, list] = {}
    names: dict[str, list[str]] = defaultdict(list)
    shown = labels(summaries)
    for s in summaries:
        found = dict(s.codes)
        for f in s.checks:
            severity, title, count = found.get(f.code, (f.severity.value, _check_title(f.code), 0))
            found[f.code] = (severity, title, count + 1)
        for code, (severity, title, count) in found.items():
            entry = seen.setdefault(code, [title, severity, 0, 0])
            entry[2] += 1
            entry[3] += count
            names[code].append(shown[s.workbook])
    found = [Theme(code, title, severity, workbooks, occurrences, tuple(names[code]))
             for code, (title, severity, workbooks, occurrences) in seen.items()
             if workbooks >= minimum]
    return sorted(found, key=lambda t: (-t.workbooks, -t.occurrences, t.rank, t.code))


@dataclass(frozen=True, slots=True)
class ActionTheme:
    """A subject (medication, falls...) that several services are raising actions about."""

    theme: str
    workbooks: int
    actions: int
    names: tuple[str, ...]


def action_themes(summaries: list[WorkbookSummary], minimum: int = 2) -> list[ActionTheme]:
    """Themes of actions raised in at least ``minimum`` returns, widest spread first."""
    shown = labels(summaries)
    spread: dict[str, list] = {}
    for s in summaries:
        for theme, count in s.action_themes.items():
            entry = spread.setdefault(theme, [0, 0, []])
            entry[0] += 1
            entry[1] += count
            entry[2].append(shown[s.workbook])
    found = [ActionTheme(theme, n, actions, tuple(names))
             for theme, (n, actions, names) in spread.items() if n >= minimum]
    return sorted(found, key=lambda t: (-t.workbooks, -t.actions, t.theme))


def _check_title(code: str) -> str:
    from tracker_tool.batch.catalogue import batch_rule

    return batch_rule(code).title


@dataclass(frozen=True, slots=True)
class Totals:
    workbooks: int
    read: int
    not_read: int
    with_errors: int
    actions: int
    errors: int
    escalations: int
    warnings: int
    overdue: int
    effectiveness: int


def totals(summaries: list[WorkbookSummary]) -> Totals:
    read = [s for s in summaries if s.readable]
    return Totals(
        workbooks=len(summaries), read=len(read), not_read=len(summaries) - len(read),
        with_errors=sum(s.has_errors for s in summaries),
        actions=sum(s.actions for s in read), errors=sum(s.errors for s in read),
        escalations=sum(s.escalations for s in read), warnings=sum(s.warnings for s in read),
        overdue=sum(_count(s.figure(OVERDUE)) for s in read),
        effectiveness=sum(_count(s.figure(EFFECTIVENESS)) for s in read))
