"""The last step of a check: every finding told which action it is on, and personal details
masked wherever a finding would repeat them.

Analysts pivot findings by action, owner and kind, so each finding carries the kind checked
and, on an action's row, that action's ID, title and owner: read once per row that has a
finding, not once per finding. The title is free text, so it is masked like any text that
leaves the tool. A regulator-bound cell (``Tracker.regulator_keys``) that holds a personal
detail has its finding; every text the finding's value came from is masked in the value and
message of every finding, in the escalations, and in the cells the audit copies (``hidden``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from tracker_tool.check.personal_data import find_personal, mask_text
from tracker_tool.check.rule_context import RuleContext
from tracker_tool.check.tracker import Tracker
from tracker_tool.core.a1 import parse_a1
from tracker_tool.core.cell_values import display
from tracker_tool.core.changes import CURRENT, PREVIOUS
from tracker_tool.core.findings import Finding


class _Actions:
    """(ID, masked title, owner) of the action on an Excel row of the table, worked out once
    per row asked about; None for a row that holds no action."""

    def __init__(self, ctx: RuleContext | None):
        tracker = ctx.tracker if ctx else None
        changes = getattr(tracker, "changes", None)
        self.keys = (tracker.id_key if tracker else None,
                     getattr(changes, "title", None),
                     tracker.highlights.owner_key if tracker and tracker.highlights else None)
        self.sheet = ctx.sheet if ctx else None
        self.ctx = ctx
        self.by_row: dict | None = None
        self.known: dict[int, tuple | None] = {}
        #: Title -> masked title: a plan repeats its titles (a recurring audit's actions).
        self.masked: dict[str, str] = {}

    def __call__(self, sheet: str | None, row: int | None) -> tuple | None:
        if row is None or sheet != self.sheet or self.ctx is None:
            return None
        if row in self.known:
            return self.known[row]
        if self.by_row is None:
            self.by_row = {r.excel_row: r for r in self.ctx.rows}
        checked = self.by_row.get(row)
        facts = None
        if checked is not None:
            ident, title, owner = (_text(checked.raw.values.get(k)) if k else None
                                   for k in self.keys)
            shown = self.masked.get(title) if title else title
            if shown is None and title:
                shown = self.masked[title] = mask_text(title)
            facts = (ident, shown, owner)
        self.known[row] = facts
        return facts


def _text(value) -> str | None:
    text = display(value).strip()
    return text or None


def _masker(findings: list[Finding], tracker: Tracker):
    """A function masking every personal detail found in the regulator-bound cells, wherever
    it is quoted; None when there is none (the common case, which then costs nothing)."""
    keys = tracker.regulator_keys
    found: dict[str, str] = {}
    for f in findings:
        if f.field in keys and f.value:
            for span in find_personal(f.value):
                found[f.value[span.start:span.end]] = span.masked
    if not found:
        return None
    pattern = re.compile("|".join(re.escape(raw) for raw in sorted(found, key=len, reverse=True)))

    def mask(text):
        return pattern.sub(lambda m: found[m.group()], text) if text else text

    return mask


def _settled(f: Finding, mask, facts: tuple | None, kind: str) -> Finding:
    value, message = (mask(f.value), mask(f.message)) if mask is not None else (f.value,
                                                                                 f.message)
    ident, title, owner = facts or (None, None, None)
    return Finding(f.code, f.severity, message, f.clause, f.sheet, f.cell, f.row, f.column,
                   value, f.field, kind, ident, title, owner)


def settle_findings(findings: list[Finding], ctx: RuleContext | None, tracker: Tracker,
                    hidden: dict | None = None) -> tuple[list[Finding], object]:
    """``findings`` with the pivot fields filled and personal details masked, and the masking
    function used (None when nothing was masked). ``hidden`` collects, for the table's cells
    whose value was masked, (row, column) 0-based -> the masked text, for the audit's copy.

    The list is settled in place, each finding replaced as it is done: a 100,000-row return
    has 150,000 findings, and a second list of them raised the check's peak memory by 20 MiB.
    """
    actions = _Actions(ctx)
    mask = _masker(findings, tracker)
    kind = tracker.kind
    for at, f in enumerate(findings):
        settled = findings[at] = _settled(f, mask, actions(f.sheet, f.row), kind)
        if hidden is not None and settled.value != f.value and f.cell and f.sheet == actions.sheet:
            hidden[parse_a1(f.cell)] = settled.value
    return findings, mask


def settle(done) -> None:
    """Settle a CheckedWorkbook's findings, and mask its escalations as its findings are;
    the masking function is kept (``done.masker``) for a comparison with a later return."""
    report = done.report
    report.findings, done.masker = settle_findings(report.findings, done.context, done.tracker,
                                                   done.hidden)
    mask = done.masker
    if report.escalations:
        report.escalations = [replace(e, title=mask_text(mask(e.title) if mask else e.title))
                              for e in report.escalations]


def settle_changes(changes: list, previous, current) -> list:
    """Change findings settled like the others: the action is the one on the row the finding
    points into (this return's or, for an action gone since, last time's), and what either
    return's regulator-bound text held is masked, the previous value too."""
    masks = [m for m in (previous.masker, current.masker) if m is not None]

    def mask(text):
        for m in masks:
            text = m(text)
        return text

    sides = {CURRENT: _Actions(current.context), PREVIOUS: _Actions(previous.context)}
    kind = current.tracker.kind
    out = []
    for change in changes:
        f = change.finding
        facts = sides[change.located_in](f.sheet, f.row) or (change.action_id, None, None)
        out.append(replace(change, finding=_settled(f, mask if masks else None, facts, kind),
                           previous_value=mask(change.previous_value)))
    return out
