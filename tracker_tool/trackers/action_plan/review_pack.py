"""The action plan's review pack: the s12 monthly list, the s21 audit questions and the trends.

The audit questions are answered from the findings the rules already raised (by code), so a
question cannot be "met" while the Findings sheet lists the very problem it asks about.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from tracker_tool.trackers.action_plan.facts import (
    days_overdue, due_soon, escalation_reasons, escalation_recorded, is_done, is_high_risk,
    is_open, waiting_external,
)
from tracker_tool.trackers.action_plan.plan_rules import repeated_themes
from tracker_tool.trackers.action_plan.vocabulary import (
    EffectivenessResult, Priority, Status, YesNo,
)
from tracker_tool.trackers.kit import (
    AGEING_BANDS, AuditAnswer, CheckedRow, Finding, ReviewItem, ReviewPack, RuleContext,
    ThemeCount, ageing_band,
)

_UNCLEAR = {"action.vague", "action.tick-box", "description.missing", "title.missing",
            "intended-outcome.missing"}
_UNOWNED = {"owner.missing", "owner.group", "owner.several", "owner.has-left", "due-date.missing"}
_UNEVIDENCED = {"completion.no-evidence", "evidence.vague"}
_NO_CHANGE = {"effectiveness.failed-still-closed"}


def _name(row: CheckedRow) -> str:
    ident = row.record.action_id
    return str(ident).strip() if ident else f"row {row.excel_row}"


def _rows_with(findings: list[Finding], codes: set[str]) -> set[int]:
    return {f.row for f in findings if f.code in codes and f.row is not None}


def _needs_check(row: CheckedRow, ctx: RuleContext) -> bool:
    record = row.record
    return (record.effectiveness_needed == YesNo.YES and record.effectiveness_done is None
            and row.missing("effectiveness_result"))


def monthly_review(ctx: RuleContext, findings: list[Finding]) -> list[ReviewItem]:
    rows = ctx.rows
    unevidenced = _rows_with(findings, _UNEVIDENCED)
    # Every list but two holds open actions only (due soon, overdue, waiting and to escalate
    # each imply open), so they are picked from the open ones: a 100,000-row plan took most
    # of a second over its passes.
    open_rows = [r for r in rows if is_open(r)]
    overdue = [r for r in open_rows if days_overdue(r, ctx) is not None]
    items = [
        ("due_soon", f"Due in the next {ctx.policy.review.due_soon_days} days", "s12",
         [r for r in open_rows if due_soon(r, ctx)]),
        ("overdue", "Overdue", "s12", overdue),
        ("without_evidence", "Completed without usable evidence", "s12, s14",
         [r for r in rows if r.excel_row in unevidenced]),
        ("high_risk", "Open and linked to a high risk", "s9, s12",
         [r for r in open_rows if is_high_risk(r)]),
        ("extended", "Extended more than once", "s10, s12",
         [r for r in open_rows if (r.record.extensions or 0) > 1]),
        ("blocked", "Waiting on another person or organisation", "s10, s12",
         [r for r in open_rows if waiting_external(r)]),
        ("escalate", "To escalate (policy s13)", "s12, s13",
         [r for r in overdue if escalation_reasons(r, ctx)]),
        ("effectiveness", "Needing an effectiveness check", "s12, s15",
         [r for r in rows if is_done(r) and _needs_check(r, ctx)]),
    ]
    return [ReviewItem(key, label, clause, tuple(_name(r) for r in found))
            for key, label, clause, found in items]


def _share(good: int, total: int, what: str) -> str:
    return f"{good} of {total} {what}" if total else f"no {what}"


def _on_time(row: CheckedRow) -> bool | None:
    """Finished by the first agreed due date (an extension does not make a late action on time)."""
    target = row.record.original_due_date or row.record.due_date
    done = row.record.date_completed
    if target is None or done is None:
        return None
    return done <= target


def on_time_rate(rows: list[CheckedRow]) -> float | None:
    """Percentage of completed actions finished on time, or None with none to judge."""
    judged = [t for t in (_on_time(r) for r in rows if is_done(r)) if t is not None]
    return round(100 * sum(judged) / len(judged), 1) if judged else None


def audit_questions(ctx: RuleContext, findings: list[Finding]) -> list[AuditAnswer]:
    rows = ctx.rows
    total = len(rows)
    done = [r for r in rows if is_done(r)]
    answers = []

    unclear = _rows_with(findings, _UNCLEAR)
    answers.append(AuditAnswer(
        "clear", "Are actions clear?", "s8, s21",
        _share(total - len(unclear), total, "actions are specific"), not unclear,
        "Vague, tick-box or incomplete descriptions are listed under action.vague, "
        "action.tick-box and the missing-field codes."))

    unowned = _rows_with(findings, _UNOWNED)
    answers.append(AuditAnswer(
        "owned", "Are owners and due dates present?", "s4, s21",
        _share(total - len(unowned), total, "actions have one named owner and a due date"),
        not unowned, "Counts missing, group, shared and departed owners, and missing due dates."))

    # Only done actions are asked about, so the verdict reads the same rows as its figure.
    unevidenced = _rows_with(findings, _UNEVIDENCED) & {r.excel_row for r in done}
    answers.append(AuditAnswer(
        "evidenced", "Is evidence attached?", "s11, s14, s21",
        _share(len(done) - len(unevidenced), len(done),
               "completed actions point to their evidence"),
        None if not done else not unevidenced, "A bare 'done' or 'verbal' does not count."))

    to_escalate = [r for r in rows if escalation_reasons(r, ctx)]
    escalated = [r for r in to_escalate if escalation_recorded(r)]
    answers.append(AuditAnswer(
        "escalated", "Were overdue actions escalated?", "s13, s21",
        _share(len(escalated), len(to_escalate), "actions due for escalation were escalated"),
        None if not to_escalate else len(escalated) == len(to_escalate),
        "Due for escalation under s13 and the service policy's threshold."))

    high_done = [r for r in done if is_high_risk(r)]
    judged = [t for t in (_on_time(r) for r in high_done) if t is not None]
    high_late_open = [r for r in rows if is_high_risk(r) and days_overdue(r, ctx) is not None]
    answers.append(AuditAnswer(
        "prompt", "Were high-risk actions completed promptly?", "s9, s21",
        _share(sum(judged), len(judged), "completed high-risk actions were on time")
        + f"; {len(high_late_open)} high-risk open and overdue",
        None if not judged and not high_late_open else all(judged) and not high_late_open,
        "On time means by the original due date."))

    # The verdict is the figure's own: a check falling due after the audit date is neither
    # counted nor held against the plan (a closure made before it is closure's finding).
    checks_due = [r for r in rows if r.record.effectiveness_needed == YesNo.YES and is_done(r)
                  and r.record.effectiveness_due is not None
                  and r.record.effectiveness_due < ctx.as_of]
    checks_done = [r for r in checks_due if not r.missing("effectiveness_result")]
    answers.append(AuditAnswer(
        "effectiveness", "Were effectiveness checks completed?", "s15, s21",
        _share(len(checks_done), len(checks_due), "checks that fell due were done"),
        None if not checks_due else len(checks_done) == len(checks_due),
        "Checks due before the audit date, with a recorded result."))

    themes = repeated_themes(ctx)
    on_register = [t for t in themes if t.on_register]
    answers.append(AuditAnswer(
        "themes", "Were repeated themes added to the risk register?", "s17, s21",
        _share(len(on_register), len(themes),
               "repeated themes have every action linked to the risk register"),
        None if not themes else len(on_register) == len(themes),
        f"A theme is repeated when raised {ctx.policy.themes.repeat_count} or more times "
        f"in {ctx.policy.themes.window_days} days."))

    results = [r for r in rows if r.record.effectiveness_result is not None]
    worked = [r for r in results if r.record.effectiveness_result == EffectivenessResult.WORKED]
    stuck = _rows_with(findings, _NO_CHANGE)
    failed = len(results) - len(worked)
    answers.append(AuditAnswer(
        "changed_practice", "Did completed actions actually change practice?", "s15, s21",
        _share(len(worked), len(results), "checked actions worked")
        + (f"; {len(stuck)} that did not left done with no follow-up" if stuck
           else f"; {failed} that did not {'was' if failed == 1 else 'were'} reopened or "
                "followed up" if failed else ""),
        None if not results else not stuck,
        "Not met while an action that did not work is left done with no follow-up."))
    return answers


def review_pack(ctx: RuleContext, findings: list[Finding]) -> ReviewPack:
    rows = ctx.rows
    pack = ReviewPack(monthly_review=monthly_review(ctx, findings),
                      audit_questions=audit_questions(ctx, findings))
    judged = [t for t in (_on_time(r) for r in rows if is_done(r)) if t is not None]
    pack.closed_on_time, pack.closed_with_dates = sum(judged), len(judged)

    by_owner: Counter = Counter()
    ageing: Counter = Counter()
    for row in rows:
        days = days_overdue(row, ctx)
        if days is not None:
            by_owner[(row.record.owner or "(no owner)").strip()] += 1
            ageing[ageing_band(days)] += 1
    pack.overdue_by_owner = by_owner.most_common()
    pack.ageing = [(label, ageing[label]) for _, _, label in AGEING_BANDS]

    grid: dict[str, dict[str, int]] = defaultdict(dict)
    for priority in [p.value for p in Priority] + ["Not set"]:
        for status in [s.value for s in Status]:
            grid[priority][status] = 0
    for row in rows:
        priority = row.record.priority.value if row.record.priority else "Not set"
        if row.record.status is not None:
            grid[priority][row.record.status.value] += 1
    pack.status_by_priority = dict(grid)
    pack.repeated_themes = [ThemeCount(t.theme, len(t.rows), t.linked_risks)
                            for t in repeated_themes(ctx)]
    pack.theme_counts = Counter(r.record.theme for r in rows if r.record.theme).most_common()
    return pack
