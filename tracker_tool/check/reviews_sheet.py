"""The Reviews sheet: the record that the reviews a kind's source document asks for were held.

A tracker shows what happened to each action; it does not show that anyone looked at the
whole plan. The action plan policy wants a monthly Registered Manager review and a quarterly
provider review (s12, s17), the supervision article weekly and fortnightly reviews, and the
safeguarding article governance review cycles. A kind declares those cadences (``Cadence``)
and the template gains a sheet with one row a review held.

The sheet is read with the table machinery: ``Tracker.reviews_view`` is a tracker whose rows
are reviews, so header matching by the hidden key row, cell reading, required columns and
findings located at a cell all work unchanged. The layout below is the contract with
write/reviews_sheet.py, which lays the sheet out in a template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Annotated

from pydantic import ConfigDict, create_model

from tracker_tool.check.header_map import locate_header, map_columns
from tracker_tool.check.row_validation import check_row, entry_rows
from tracker_tool.check.rule_context import RuleContext
from tracker_tool.check.tracker import FIRST_DATA_ROW, HEADER_ROW, KEY_ROW, Tracker
from tracker_tool.core.a1 import a1
from tracker_tool.core.catalogue import RuleInfo
from tracker_tool.core.columns import Column
from tracker_tool.core.field_types import CellDate, CellText, choice
from tracker_tool.core.findings import Finding, Severity
from tracker_tool.core.stamp import version_tuple
from tracker_tool.policy.service_policy import ServicePolicy
from tracker_tool.read.workbook import LoadedWorkbook, read_grid

#: The sheet's rows, as on the tracker sheet: a title where the band is, the hidden keys, the
#: header, then one review a row.
TITLE_ROW = 0
REVIEW_KEY_ROW, REVIEW_HEADER_ROW, FIRST_REVIEW_ROW = KEY_ROW, HEADER_ROW, FIRST_DATA_ROW
#: Unlocked, validated rows in the template: weekly reviews for four years and more.
REVIEW_ROWS = 250
#: A review log longer than this is not a review log; the rest is not read.
MAX_REVIEW_ROWS = 5000
SHEET = "Reviews"


class Unit(str, Enum):
    """How a cadence's length is counted: calendar months (aligned to the year, so 1 is each
    calendar month and 3 each calendar quarter) or runs of days from the period's start."""

    MONTHS = "months"
    DAYS = "days"


@dataclass(frozen=True)
class Cadence:
    """One review a kind's source asks for, and how often.

    ``name`` is what the Review type dropdown offers ("Registered Manager review"), ``role``
    who holds it, ``setting`` the field of the kind's settings holding its length (so a
    service sets it in ``[kinds.<kind>]``), ``unit`` what that length counts, ``clause`` the
    source's clause.
    """

    name: str
    role: str
    setting: str
    unit: Unit
    clause: str

    def every(self, settings) -> int:
        """The cadence's length under a service's settings of the kind."""
        return int(getattr(settings, self.setting))


@dataclass(frozen=True)
class ReviewSchedule:
    """A kind's Reviews sheet: its cadences, the template version that added it, the rules
    checking it and the codes they raise (trackers/common/reviews.py makes one).

    ``record`` turns a rule context into the review pack's lines (core.review.ReviewCadence).
    """

    cadences: tuple[Cadence, ...]
    since: str
    model: type
    rules: tuple = ()
    codes: tuple[RuleInfo, ...] = ()
    record: Callable | None = None
    sheet: str = SHEET

    @property
    def clause(self) -> str:
        return clause_of(self.cadences)


def clause_of(cadences: tuple[Cadence, ...]) -> str:
    """The cadences' clauses once each: 's12, s17' and 's17' give 's12, s17'."""
    return ", ".join(dict.fromkeys(part.strip() for c in cadences
                                   for part in c.clause.split(",")))


def _review_fields(cadences: tuple[Cadence, ...]) -> dict:
    # The widths add up to 140: the sheet then fits A4 landscape at a scale that keeps its
    # 10 pt headings at 7 pt (write/paper.fits_legibly), so a review prints on one page wide.
    clause = clause_of(cadences)
    kinds = Enum("ReviewType", {f"T{i}": c.name for i, c in enumerate(cadences)}, type=str)
    group = "Review held"
    return {
        "review_held": (Annotated[CellDate, Column(
            "Date of review", "The day the review was held, as dd/mm/yyyy.", clause, group,
            "review-held", 14, Severity.ERROR, example="30/09/2026")], None),
        "reviewer": (Annotated[CellText, Column(
            "Reviewer", "The one person who held the review, by name.", clause, group,
            "reviewer", 20, Severity.ERROR, example="Maya Collins", suggest="roster")], None),
        "reviewer_role": (Annotated[CellText, Column(
            "Role", "The reviewer's role, e.g. " + ", ".join(
                dict.fromkeys(c.role for c in cadences)) + ".", clause, group,
            "reviewer-role", 18, Severity.WARNING, example=cadences[0].role)], None),
        "review_type": (Annotated[choice(kinds), Column(
            "Review type", "Which review this was: " + "; ".join(
                f"{c.name} ({c.clause})" for c in cadences) + ".", clause, group,
            "review-type", 30, Severity.ERROR, example=cadences[0].name)], None),
        "review_decision": (Annotated[CellText, Column(
            "Decision", "What the review decided: escalations, reassignments, actions "
            "reopened or agreed, or that the plan stands.", clause, group,
            "review-decision", 38, Severity.ERROR, long=True,
            example="Two overdue actions escalated to the provider")], None),
        "minutes_ref": (Annotated[CellText, Column(
            "Minutes reference", "Where the minutes or notes of the review are kept.", clause,
            group, "review-minutes", 20, Severity.WARNING, example="GOV-2026-09")], None),
    }


def make_review_model(cadences: tuple[Cadence, ...]) -> type:
    """The pydantic row model of a Reviews sheet with these cadences, read like any table."""
    return create_model("ReviewRecord",
                        __config__=ConfigDict(extra="ignore", coerce_numbers_to_str=True),
                        **_review_fields(cadences))


class ReviewsContext(RuleContext):
    """The Reviews sheet's rows, with where its header is, so a window with no review at all
    can be located on the header of the Review type column."""

    header_row: int = REVIEW_HEADER_ROW
    columns: dict | None = None

    def label(self, row) -> str:
        return f"The review on row {row.excel_row}"

    def at_header(self, key: str, code: str, **details) -> Finding:
        spec = self.tracker.by_key[key]
        col = (self.columns or {}).get(key, spec.index)
        return self.tracker.rule(code).finding(
            sheet=self.sheet, cell=a1(self.header_row, col), row=self.header_row + 1,
            column=spec.title, field=key, title=spec.title, **details)


def _missing(tracker: Tracker, name: str) -> Finding:
    schedule = tracker.reviews
    return tracker.rule("reviews.missing-sheet").finding(
        sheet=name, reviews_sheet=name, since=schedule.since,
        cadences=", ".join(c.name for c in schedule.cadences))


def read_reviews(loaded: LoadedWorkbook, tracker: Tracker, epoch: date, as_of: date,
                 policy: ServicePolicy) -> tuple[ReviewsContext | None, list[Finding]]:
    """The Reviews sheet's rows in a context of their own, plus the findings reading it gave.

    A workbook whose stamp is older than the version that added the sheet never had it: its
    absence is no finding (the old-version note already asks for the new template); nor is
    it in a workbook without a stamp, which no template of ours made (stamp.missing says
    so). A workbook made from a template that had the sheet gets one finding without it;
    its cadences are then not judged.
    """
    schedule = tracker.reviews
    view = tracker.reviews_view
    name = schedule.sheet
    if name not in loaded.sheet_names:
        made = loaded.stamp.version
        if not made or version_tuple(made) < version_tuple(schedule.since):
            return None, []
        return None, [_missing(tracker, name)]
    grid = read_grid(loaded, name, MAX_REVIEW_ROWS + FIRST_REVIEW_ROW)
    located = locate_header(grid, view, keyed=loaded.stamp.present)
    if located is None:
        return None, [_missing(tracker, name)]
    hmap = map_columns(grid, view, located)
    rows, findings = [], list(hmap.findings)
    for raw in entry_rows(grid, hmap):
        row, found = check_row(raw, view, name, epoch, policy)
        rows.append(row)
        findings.extend(found)
    ctx = ReviewsContext(view, name, rows, as_of, policy=policy)
    ctx.header_row, ctx.columns = hmap.header_row, dict(hmap.columns)
    return ctx, findings


__all__ = ["Cadence", "ReviewSchedule", "ReviewsContext", "Unit", "make_review_model",
           "read_reviews"]
