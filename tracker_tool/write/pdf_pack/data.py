"""What the pack says, taken once from a checked return: the same report data as the audit
workbook's Summary and Review pack (core/report.py, core/review.py), worded by
write/headline.py, so the PDF and the workbook cannot disagree.

Only what the findings need: action IDs, titles, owners' names and the findings' messages,
as the Review pack and Escalations sheet already show them; nothing else from a row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tracker_tool.check.compare import rule_info
from tracker_tool.core.findings import Severity
from tracker_tool.core.wording import fmt, severity_counts
from tracker_tool.write import headline


@dataclass(frozen=True)
class Trend:
    label: str
    now: str
    last: str
    change: str
    direction: str


@dataclass(frozen=True)
class ReviewLine:
    """One action with findings, for the action review."""

    action_id: str
    title: str
    owner: str
    result: str
    messages: tuple[str, ...]
    worst: Severity


@dataclass
class PackData:
    title: str
    who: str
    tracker: str
    service: str
    workbook: str
    period: str
    as_of: str
    result: str
    ok: bool
    escalation_note: str
    policy: str
    actions: int
    figures: list[tuple[str, str, str]] = field(default_factory=list)
    trend: list[Trend] = field(default_factory=list)
    previous_as_of: str | None = None
    review: object | None = None  # core.review.ReviewPack
    escalations: list = field(default_factory=list)  # core.report.Escalation
    review_lines: list[ReviewLine] = field(default_factory=list)
    codes: list[tuple[str, str, int]] = field(default_factory=list)
    fingerprint: str = ""
    template_version: str = ""


def pack_data(checked) -> PackData:
    rep, tracker = checked.report, checked.tracker

    def title_of(code: str) -> str:
        return rule_info(tracker, code).title

    data = PackData(
        title=headline.title(rep, tracker, checked.policy),
        who=headline.who(rep, checked.policy), tracker=tracker.title,
        service=headline.service_line(rep), workbook=Path(rep.path).name,
        period=headline.period(rep), as_of=fmt(rep.as_of), result=headline.result_line(rep),
        ok=rep.ok, escalation_note=headline.escalation_count(rep, title_of).note,
        policy=headline.policy_line(checked.policy, checked.default_policy), actions=rep.rows,
        figures=[(headline.plain_label(f.label), headline.shown_value(f.value, f.label),
                  f.note) for f in rep.figures],
        review=rep.review, escalations=sorted(rep.escalations,
                                              key=lambda e: (-e.days_overdue, e.row)),
        fingerprint=checked.policy.fingerprint,
        template_version=rep.template_version or "unknown")
    if rep.comparison is not None:
        data.previous_as_of = fmt(rep.comparison.previous.as_of)
        data.trend = [Trend(headline.plain_label(f.label),
                            headline.shown_value(f.current, f.label),
                            headline.shown_value(f.previous, f.label),
                            headline.shown_change(f.change, f.label), f.direction)
                      for f in rep.comparison.figures]
    counts = rep.counts_by_code()
    data.codes = sorted(((title_of(c), c, n) for c, n in counts.items()),
                        key=lambda t: (-t[2], t[1]))
    data.review_lines = _review_lines(checked)
    return data


def _review_lines(checked) -> list[ReviewLine]:
    """Each action with a finding, worst first: the meeting's agenda (the Action review).

    The action's ID, title and owner are those its findings carry (check/finding_rows), so
    every kind names its own columns and the title comes with personal details masked."""
    grid, hmap = checked.grid, checked.header
    if grid is None or hmap is None:
        return []
    by_row: dict[int, list] = {}
    for f in checked.report.findings:
        if f.row is not None and (f.sheet is None or f.sheet == checked.report.sheet):
            by_row.setdefault(f.row, []).append(f)

    lines = []
    for excel_row in sorted(by_row):
        if excel_row - 1 in hmap.not_entries or excel_row > len(grid.rows):
            continue
        found = by_row[excel_row]
        first = found[0]
        worst = min((f.severity for f in found), key=lambda s: s.rank)
        lines.append(ReviewLine(
            first.action_id or f"Row {excel_row}", first.action_title or "", first.owner or "",
            severity_counts(found), tuple(f.message for f in found), worst))
    lines.sort(key=lambda line: line.worst.rank)
    return lines
