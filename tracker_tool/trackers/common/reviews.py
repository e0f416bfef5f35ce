"""The checks of a Reviews sheet, which every kind with one shares: each review is real (a
date that has happened, one named reviewer, a decision), and each cadence its source asks for
was kept, judged window by window over the period the tracker covers.

A kind declares its cadences with ``review_sheet(Cadence(...), since="1.2")`` and passes the
result to ``define_tracker(reviews=...)``; the rules, their codes and the review pack's lines
come with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tracker_tool.core.columns import column_specs
from tracker_tool.trackers.common.owners import owner_check, owner_codes
from tracker_tool.trackers.common.review_windows import (
    every_text,
    span_text,
    spans,
    windows,
)
from tracker_tool.trackers.kit import (
    Cadence,
    Code,
    E,
    ReviewCadence,
    ReviewSchedule,
    Rule,
    RuleContext,
    W,
    fmt,
    make_review_model,
    required_catalogue,
    required_fields,
    rule,
)


@dataclass(frozen=True)
class Kept:
    """How one cadence was kept: the reviews of its type held by the audit date, in date
    order, and the windows (joined into spans) with none."""

    cadence: Cadence
    every: int
    held: tuple
    missed: tuple[str, ...]


def _held(row, ctx) -> date | None:
    """The date of a review that has happened, or None (blank, unreadable or to come)."""
    held = row.record.review_held
    return held if held is not None and held <= ctx.as_of else None


def period_start(ctx: RuleContext) -> date | None:
    """The day the record begins: the earliest entry's creation date (the column the kind
    names as ``created`` for comparisons) or the first review, whichever is earlier."""
    created = getattr(ctx.tracker.changes, "created", None)
    dates = [d for row in ctx.rows if created and (d := getattr(row.record, created)) is not None
             and d <= ctx.as_of]
    reviews = ctx.reviews_ctx
    if reviews is not None:
        dates += [d for row in reviews.rows if (d := _held(row, ctx)) is not None]
    return min(dates, default=None)


def kept(ctx: RuleContext) -> list[Kept] | None:
    """Each cadence as kept, worked out once for the rule and the review pack; None when the
    workbook has no Reviews sheet to judge."""
    memo_key = ("reviews.kept", 0)
    if memo_key in ctx.memo:
        return ctx.memo[memo_key]
    reviews = ctx.reviews_ctx
    found = None
    if reviews is not None:
        settings = ctx.tracker.settings(ctx.policy)
        start = period_start(ctx)
        found = []
        for cadence in ctx.tracker.reviews.cadences:
            every = cadence.every(settings)
            held = sorted((d, row) for row in reviews.rows
                          if row.record.review_type is not None
                          and row.record.review_type.value == cadence.name
                          and (d := _held(row, ctx)) is not None)
            days = {d for d, _ in held}
            gaps = [w for w in (windows(cadence.unit, every, start, ctx.as_of) if start else [])
                    if not any(w.first <= d <= w.last for d in days)]
            found.append(Kept(cadence, every, tuple(held),
                              tuple(span_text(s, cadence.unit) for s in spans(gaps))))
    ctx.memo[memo_key] = found
    return found


def record(ctx: RuleContext) -> list[ReviewCadence]:
    """The review pack's lines: per cadence, reviews held, windows missed, the last held."""
    return [ReviewCadence(k.cadence.name, k.cadence.clause,
                          every_text(k.cadence.unit, k.every), len(k.held), k.missed,
                          fmt(k.held[-1][0]) if k.held else None)
            for k in kept(ctx) or ()]


def _missed_code(clause: str) -> Code:
    return Code("reviews.missed", "Review not held", W, clause,
                "No {cadence} ({every}) is recorded for {windows}.",
                "Hold the review and record it on the Reviews sheet: its date, who held it, "
                "their role, the decision and where the minutes are. If it was held, add the "
                "missing row.")


def _future_code(clause: str) -> Code:
    return Code("reviews.in-future", "Review dated after the audit", E, clause,
                "{label} is dated {value}, after the audit date: a review is recorded once "
                "it has been held.",
                "Correct the date, or remove the row until the review has taken place.")


def _missing_sheet(clause: str, since: str) -> Code:
    return Code("reviews.missing-sheet", "No Reviews sheet", W, clause,
                "This workbook has no '{reviews_sheet}' sheet, which template version {since} and "
                "later carry to record the {cadences}.",
                "Copy the rows into the current template (tracker-tool upgrade), then record "
                "each review held on its Reviews sheet.")


def review_sheet(*cadences: Cadence, since: str) -> ReviewSchedule:
    """A kind's Reviews sheet with these cadences, added in template version ``since``."""
    model = make_review_model(cadences)
    clause = ReviewSchedule(cadences, since, model).clause
    missed = _missed_code(clause)

    @rule(missed)
    def cadence_kept(ctx: RuleContext):
        """One finding per cadence with windows missed, at its last review, else at the
        header of the Review type column, where such a review would be recorded."""
        reviews = ctx.reviews_ctx
        for k in kept(ctx) or ():
            if not k.missed:
                continue
            details = {"cadence": k.cadence.name,
                       "every": every_text(k.cadence.unit, k.every),
                       "windows": ", ".join(k.missed), "clause": k.cadence.clause}
            if k.held:
                yield reviews.at(k.held[-1][1], "review_held", "reviews.missed", **details)
            else:
                yield reviews.at_header("review_type", "reviews.missed", **details)

    @rule(_future_code(clause))
    def held_already(ctx: RuleContext):
        reviews = ctx.reviews_ctx
        for row in reviews.rows if reviews is not None else ():
            held = row.record.review_held
            if held is not None and held > ctx.as_of:
                yield reviews.at(row, "review_held", "reviews.in-future")

    reviewer = owner_check("reviewer", owner_codes(model, "reviewer"))
    required = required_catalogue(column_specs(model))
    rules = (
        Rule(_on_reviews(required_fields), required),
        Rule(_on_reviews(reviewer.check), reviewer.codes),
        held_already,
        cadence_kept,
    )
    return ReviewSchedule(cadences=tuple(cadences), since=since, model=model, rules=rules,
                          codes=(_missing_sheet(clause, since),), record=record)


def _on_reviews(check):
    """``check`` run on the Reviews sheet's rows rather than the main sheet's."""

    def on_reviews(ctx: RuleContext):
        reviews = ctx.reviews_ctx
        return check(reviews) if reviews is not None else ()

    on_reviews.__name__ = on_reviews.__qualname__ = f"reviews_{check.__name__}"
    return on_reviews


__all__ = ["Kept", "kept", "period_start", "record", "review_sheet"]
