"""The checks kinds share (trackers.common), tested on their own words; each kind's test file
tests them again through its own columns, at their cells."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import pytest
from conftest import AS_OF

from tracker_tool.check.rule_context import CheckedRow, RawRow, RuleContext
from tracker_tool.trackers import get_tracker
from tracker_tool.trackers.common import (
    NOBODY, TEAM, date_order_check, future_dates_check, green_overdue_code, names_several,
    overdue_code, points_to_nothing, review_overdue_code, same_person, words_of,
)
from tracker_tool.trackers.kit import E, W, CellDate, Column, Row, define_tracker, person_key


@pytest.mark.parametrize("name", ["Everyone", "All staff", "Night staff", "all ward staff",
                                  "All nursing and medical staff", "The Trust", "Management",
                                  "Whole home", "the organisation", "Various"])
def test_nobody_in_particular(name):
    assert NOBODY.match(person_key(name))


@pytest.mark.parametrize("name", ["Care team", "Senior management team", "Nurses", "SLT",
                                  "Shift leads", "Ward team", "Care home"])
def test_a_team_or_group(name):
    folded = person_key(name)
    assert TEAM.match(folded) and not NOBODY.match(folded)


@pytest.mark.parametrize("name", ["Priya Shah", "Team leader Jo Bell", "Shah, Priya",
                                  "Head of patient experience", "Dr A. Rao",
                                  "Staff nurse Amy Lee"])
def test_one_person_is_neither_nobody_a_team_nor_several(name):
    folded = person_key(name)
    assert not NOBODY.match(folded) and not TEAM.match(folded) and not names_several(name)


@pytest.mark.parametrize("name, several", [
    ("Priya Shah and Tom Okafor", True), ("RM / DM", True), ("Sam; Alex", True),
    ("Priya Shah, Tom Okafor", True), ("Shah, Priya", False), ("Tom Okafor-Shah", False),
    ("Priya Shah + Tom", True)])
def test_several_people_in_one_cell(name, several):
    assert names_several(name) is several


def test_the_same_person_however_the_name_is_typed():
    assert same_person("Dr. A  Rao", "dr a rao")
    assert not same_person("A Rao", "B Rao") and not same_person(None, "A Rao")


@pytest.mark.parametrize("text, vague", [
    ("done", True), ("Verbal from Tom", True), ("signed off", True), ("", True),
    ("Audit report AUD-2 in the QA folder", False), ("Done: see MAR audit 14/11 in QA file", False)])
def test_evidence_that_points_to_nothing(text, vague):
    words = frozenset({"done", "verbal", "signed off"})
    assert points_to_nothing(words_of(text), words) is vague


# Dates and lateness: the rules and codes several kinds make from their own columns.


class Visit(Row):
    booked: Annotated[CellDate, Column("Booked", "Booked.", "p1", "Visit", "booked")] = None
    held: Annotated[CellDate, Column("Held", "Held.", "p1", "Visit", "held")] = None


future = future_dates_check("visit.date-in-future", "p1", {"booked": "date booked",
                                                           "held": "date held"})
order = date_order_check("visit.date-order", "p2", [("held", "date held", "booked", "booking")])
VISITS = define_tracker(kind="visits", title="Visits", summary="Visits.", version="1.0",
                        sheet_name="Visits", row_model=Visit, rules=(future, order),
                        instructions=("Fill it in.",))


def _visits(*rows: tuple[date | None, date | None]) -> RuleContext:
    letters = {"booked": "B", "held": "C"}
    checked = []
    for n, (booked, held) in enumerate(rows):
        values = {k: v for k, v in (("booked", booked), ("held", held)) if v is not None}
        checked.append(CheckedRow(RawRow(5 + n, values, letters), Visit(**values), values,
                                  frozenset()))
    return RuleContext(VISITS, "Visits", checked, AS_OF)


def test_dates_after_the_audit_date_are_found_in_their_cells():
    ctx = _visits((date(2026, 11, 21), date(2026, 11, 22)), (date(2026, 12, 1), None))
    found = list(future(ctx))
    assert [(f.code, f.cell) for f in found] == [("visit.date-in-future", "C5"),
                                                 ("visit.date-in-future", "B6")]
    assert found[0].message.endswith(": the date held (22/11/2026) is after the audit date "
                                     "21/11/2026.")
    assert VISITS.rule("visit.date-in-future").severity == E


def test_a_date_before_the_one_it_must_follow_is_found_in_its_cell():
    ctx = _visits((date(2026, 11, 10), date(2026, 11, 9)),
                  (date(2026, 11, 10), date(2026, 11, 10)), (None, date(2026, 11, 1)))
    found = list(order(ctx))
    assert [(f.code, f.cell) for f in found] == [("visit.date-order", "C5")]
    assert found[0].message.endswith(": the date held (09/11/2026) is before the booking "
                                     "(10/11/2026).")
    assert VISITS.rule("visit.date-order").clause == "p2"


def test_the_lateness_codes_keep_the_wording_every_kind_publishes():
    late = overdue_code("visit.overdue", "p3", "Hold it.")
    assert (late.title, late.severity, late.clause, late.fix) == ("Overdue", W, "p3", "Hold it.")
    assert late.message == "{label} was due on {value} and is {days} overdue."
    review = review_overdue_code("p4", "Review it.")
    assert (review.code, review.severity) == ("review.overdue", W)
    assert review.message == "{label}: the review due on {value} has passed ({days} ago)."
    green = green_overdue_code("p5", "Rate it Red.")
    assert (green.code, green.severity, green.clause) == ("rag.green-overdue", E, "p5")
    for kind, code in (("action-plan", "action.overdue"), ("safeguarding-plan", "action.overdue"),
                       ("supervision-actions", "supervision.overdue"),
                       ("probation-actions", "probation.overdue")):
        assert get_tracker(kind).rule(code).message == late.message
    for kind in ("action-plan", "safeguarding-plan"):
        assert get_tracker(kind).rule("review.overdue").message == review.message
        assert get_tracker(kind).rule("rag.green-overdue").message == green.message


@pytest.mark.parametrize("text, nothing", [
    ("Verbal confirmation from the housekeeping supervisor", True),
    ("Staff confirmed they had read the new procedure", True),
    ("Staff confirmed they had read it", True),
    ("done ok, seen, as discussed", True),
    ("Told the night team at handover", True),
    ("Discussed at team meeting 12/11, minutes MIN-44", False),
    ("Repeat MAR audit report", False),
    ("New mattress delivered and in use", False)])
def test_no_evidence_however_long(text, nothing):
    """Weak words only, or a report of what someone said with no record named (s11)."""
    from tracker_tool.trackers.common import no_evidence

    assert no_evidence(words_of(text), frozenset({"done", "ok", "verbal"})) is nothing
