"""Checks of the supervision-actions tracker (article, Operational Example 1), each with the
codes it raises beside it; the facts the figures count are the functions here too."""

from __future__ import annotations

from tracker_tool.trackers.common import (
    days_past, future_dates_check, overdue_code, owner_check, owner_codes, unfilled,
)
from tracker_tool.trackers.kit import (
    CheckedRow, Code, E, RuleContext, W, X, days_text, fmt, rule, unique_ids,
)
from tracker_tool.trackers.supervision.actions.models import SupervisionAction
from tracker_tool.trackers.supervision.actions.vocabulary import (
    ESCALATE_AT_ONCE, ESCALATED, Status,
)
from tracker_tool.trackers.supervision.shared import (
    cluster, earlier_repeats, governance, is_vague_evidence, logged_late, lower_first, themes,
    untestable_action,
)

#: More than this many calendar days late goes on the overdue register (Ex1 escalation).

action_refs = unique_ids("action_id", model=SupervisionAction, example="SA-014",
                         so="the supervision note cannot point to it", name="action ref",
                         noun="reference",
                         codes=("supervision.ref-missing", "supervision.ref-duplicate"))

#: The one manager who checks the action is done (Ex1 step 1; Inspector expectation: who was
#: responsible for follow-up).
line_manager = owner_check("line_manager", owner_codes(SupervisionAction, "line_manager"))


def is_done(row: CheckedRow) -> bool:
    return row.record.status == Status.COMPLETE


def days_late(row: CheckedRow, ctx: RuleContext) -> int | None:
    """Calendar days past the deadline of an open action; None when not late."""
    return None if is_done(row) else days_past(row.record.deadline, ctx.as_of)


def escalation_reasons(row: CheckedRow, ctx: RuleContext) -> list[str]:
    return ctx.remember("supervision-escalation", row, _reasons)


def _reasons(row: CheckedRow, ctx: RuleContext) -> list[str]:
    days = days_late(row, ctx)
    if days is None:
        return []
    reasons = []
    limit = ctx.tracker.settings(ctx.policy).escalate_after_days
    if days > limit:
        reasons.append(f"more than {days_text(limit)} overdue")
    if row.record.category in ESCALATE_AT_ONCE:
        reasons.append(f"a missed {lower_first(row.record.category.value)} action")
    return reasons


def overdue_rows(ctx: RuleContext) -> list[CheckedRow]:
    return [r for r in ctx.rows if days_late(r, ctx) is not None]


future_dates = future_dates_check(
    "supervision.date-in-future", "Ex1 step 1, step 3",
    {"supervision_date": "supervision date", "date_logged": "date logged",
     "date_checked": "date checked"})


@rule(
    Code("supervision.deadline-before-meeting", "Deadline before the supervision", E,
         "Ex1 step 1", "{label} is due on {value}, before the supervision that agreed it "
         "({meeting}).", "Check both dates; the deadline comes after the meeting."),
    Code("supervision.logged-late", "Not logged on the day", W, "Ex1 step 1",
         "{label} was logged on {value}, after the supervision on {meeting}; actions are "
         "entered the same working day so they reach that week's report.",
         "Enter actions on the day of the meeting; check nothing else from it is missing."))
def dates(ctx: RuleContext):
    for row in ctx.rows:
        record = row.record
        meeting, logged = record.supervision_date, record.date_logged
        if meeting and record.deadline and record.deadline < meeting:
            yield ctx.at(row, "deadline", "supervision.deadline-before-meeting",
                         meeting=fmt(meeting))
        if meeting and logged and logged_late(ctx, meeting, logged):
            yield ctx.at(row, "date_logged", "supervision.logged-late", meeting=fmt(meeting))


@rule(
    Code("supervision.action-untestable", "Action too vague to test", W,
         "Ex1 step 2, what can go wrong",
         "{label}: the action has {why}; nobody could show whether it was done.",
         "Say what will be done, how much and how it will be checked, e.g. 'audit 10 daily "
         "notes on 28/11'."),
    Code("supervision.review-overdue", "Review date passed", W, "Ex1 step 2",
         "{label} is open and its review date ({value}) passed {days} ago.",
         "Review the action at the Friday check and set the next review date."))
def action_and_review(ctx: RuleContext):
    for row in ctx.rows:
        why = untestable_action(row.record.action, governance(ctx).min_action_words)
        if why:
            yield ctx.at(row, "action", "supervision.action-untestable", why=why)
        review = row.record.review_date
        if review and review < ctx.as_of and not is_done(row):
            yield ctx.at(row, "review_date", "supervision.review-overdue",
                         days=days_text((ctx.as_of - review).days))


@rule(
    Code("supervision.closed-no-evidence", "Complete without evidence seen", E,
         "Ex1 step 3, what can go wrong",
         "{label} is marked Complete but no evidence seen is recorded.",
         "Name the audit, certificate or observation notes checked, or reopen the action."),
    Code("supervision.closed-not-checked", "Complete without a check date", E, "Ex1 step 3",
         "{label} is marked Complete but the date it was checked is blank.",
         "Record the day the line manager checked the evidence."),
    Code("supervision.evidence-vague", "Evidence seen proves nothing", W, "Ex1 step 3",
         "{label}: the evidence seen '{value}' does not name a record anyone could look at.",
         "Name the audit result, training certificate or observation notes."),
    Code("supervision.checked-late", "Checked after the deadline", W, "Ex1 step 3",
         "{label} was checked on {value}, {days} after its deadline ({deadline}).",
         "Check completion by the deadline; record any delay in the overdue register."))
def closure(ctx: RuleContext):
    for row in ctx.rows:
        record = row.record
        if is_done(row):
            for key, code in unfilled(row, {"evidence_seen": "supervision.closed-no-evidence",
                                            "date_checked": "supervision.closed-not-checked"}):
                yield ctx.at(row, key, code)
        if is_vague_evidence(record.evidence_seen):
            # On a done action vague evidence is no evidence: as much an error as a blank.
            yield ctx.at(row, "evidence_seen", "supervision.evidence-vague",
                         severity=E if is_done(row) else None)
        checked, due = record.date_checked, record.deadline
        if is_done(row) and checked and due and checked > due:
            yield ctx.at(row, "date_checked", "supervision.checked-late",
                         days=days_text((checked - due).days), deadline=fmt(due))


@rule(
    overdue_code("supervision.overdue", "Ex1 step 4",
                 "Finish and check the action, or record the reason and the new owner."),
    Code("supervision.overdue-no-reason", "Overdue with no reason", W, "Ex1 step 4",
         "{label} is {days} overdue and no reason for the delay is recorded.",
         "Record why it is late and who owns putting it right (within one working day)."),
    Code("supervision.escalation-due", "Must go on the overdue register", X, "Ex1 escalation",
         "{label} must be escalated to the overdue actions register ({reasons}), but its "
         "escalation stage is {stage}.",
         "The Registered Manager adds it to the overdue register for weekly review until "
         "it closes, and sets the stage."),
    Code("supervision.days-overdue-wrong", "Days overdue cannot be right", W, "Ex1 step 4",
         "{label} records {value} days overdue, but {why}.",
         "Recount the days from the deadline at the weekly review."))
def overdue(ctx: RuleContext):
    for row in ctx.rows:
        record = row.record
        days = days_late(row, ctx)
        if days is not None:
            text = days_text(days)
            yield ctx.at(row, "deadline", "supervision.overdue", days=text)
            if row.missing("reason_for_delay"):
                yield ctx.at(row, "reason_for_delay", "supervision.overdue-no-reason", days=text)
            reasons = escalation_reasons(row, ctx)
            if reasons and record.escalation_stage not in ESCALATED:
                stage = record.escalation_stage
                yield ctx.at(row, "escalation_stage", "supervision.escalation-due",
                             reasons="; ".join(reasons),
                             stage=f"'{stage.value}'" if stage else "blank")
        typed, due = record.days_overdue, record.deadline
        if typed and due:
            until = record.date_checked if is_done(row) and record.date_checked else ctx.as_of
            possible = max(0, (until - due).days)
            if typed > possible:
                why = (f"it was not past its deadline ({fmt(due)}) by {fmt(until)}"
                       if possible == 0 else f"only {days_text(possible)} had passed by "
                       f"{fmt(until)}")
                yield ctx.at(row, "days_overdue", "supervision.days-overdue-wrong", why=why)


@rule(Code("supervision.repeat-issue", "Same issue raised again", W, "Ex1 warning signs",
           "{label} repeats {first}, a {category} action agreed with {staff} on {earlier}; "
           "the first one may not have changed practice.",
           "Check what closed the earlier action; consider a formal escalated case."))
def repeats(ctx: RuleContext):
    for row in ctx.rows:
        earlier = repeated(ctx).get(row.excel_row)
        if earlier is not None:
            yield ctx.at(row, "category", "supervision.repeat-issue",
                         staff=row.record.staff_name,
                         category=lower_first(row.record.category.value),
                         earlier=fmt(earlier.record.supervision_date), first=ctx.label(earlier))


def repeated(ctx: RuleContext) -> dict[int, CheckedRow]:
    if "supervision-repeats" not in ctx.memo:
        ctx.memo["supervision-repeats"] = earlier_repeats(
            ctx.rows, "staff_name", "category", "supervision_date")
    return ctx.memo["supervision-repeats"]


def overdue_theme_list(ctx: RuleContext) -> list:
    return themes(overdue_rows(ctx), lambda r: r.record.category,
                  governance(ctx).theme_repeat)


@rule(
    Code("supervision.manager-cluster", "Overdue actions cluster on one manager", W,
         "Ex1 warning signs, governance",
         "{manager} holds {count} of the {total} overdue actions.",
         "Review that manager's follow-through with them; share out or support the load."),
    Code("supervision.overdue-theme", "Overdue actions cluster in one area", W,
         "Ex1 warning signs, step 5",
         "{count} overdue actions are in {theme} (rows {rows}).",
         "Treat it as a theme for the monthly governance meeting: find the common cause."))
def patterns(ctx: RuleContext):
    late = overdue_rows(ctx)
    found = cluster(late, "line_manager", governance(ctx).cluster_min)
    if found:
        manager, count, total = found
        yield ctx.plan("supervision.manager-cluster", "line_manager", manager=manager,
                       count=count, total=total)
    for theme, rows in overdue_theme_list(ctx):
        yield ctx.plan("supervision.overdue-theme", "category", theme=lower_first(theme),
                       count=len(rows), rows=", ".join(str(r.excel_row) for r in rows))


ROW_RULES = (line_manager, future_dates, dates, action_and_review, closure, overdue, repeats,
             patterns)
