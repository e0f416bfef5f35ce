"""The checks kinds share (trackers.common), tested on their own words; each kind's test file
tests them again through its own columns, at their cells."""

from __future__ import annotations

import pytest

from tracker_tool.trackers.common import (
    NOBODY,
    TEAM,
    names_several,
    points_to_nothing,
    same_person,
    words_of,
)
from tracker_tool.trackers.kit import person_key


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
