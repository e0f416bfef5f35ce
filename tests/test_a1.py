"""A1 arithmetic (core/a1.py): the columns where bijective base 26 goes wrong, and bad refs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker_tool.core.a1 import (
    MAX_COLUMNS,
    MAX_ROWS,
    a1,
    column_index,
    column_letter,
    column_of,
    parse_a1,
    row_number,
)
from tracker_tool.core.findings import Finding, Severity

#: 0-based index -> letters at each roll-over, where an off-by-one shows first.
EDGES = [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (51, "AZ"), (52, "BA"), (701, "ZZ"),
         (702, "AAA"), (16_383, "XFD")]


@pytest.mark.parametrize(("index", "letters"), EDGES)
def test_column_letter_at_the_roll_overs(index, letters):
    assert column_letter(index) == letters
    assert column_index(letters) == index
    assert column_index(letters.lower()) == index


def test_a1_and_parse_a1_agree_on_the_grid_corners():
    assert a1(0, 0) == "A1"
    assert a1(2, 1) == "B3"
    assert a1(MAX_ROWS - 1, MAX_COLUMNS - 1) == "XFD1048576"
    assert parse_a1("XFD1048576") == (MAX_ROWS - 1, MAX_COLUMNS - 1)
    assert parse_a1("b3") == (2, 1)
    assert parse_a1("AA10") == (9, 26)


def test_row_and_column_of_a_reference():
    assert row_number("C14") == 14
    assert row_number("AB7") == 7
    assert column_of("A5") == 0
    assert column_of("AZ5") == 51
    assert column_of("BA5") == 52


@pytest.mark.parametrize("ref", ["", "A", "1", "A0", "A00", "1A", "A1B", "A-1", " A1", "A1 ",
                                 "$A$1", "AAAA1", "XFE1", "A1048577", "Ä1", "A1.5"])
def test_bad_references_are_refused(ref):
    with pytest.raises(ValueError):
        parse_a1(ref)


@pytest.mark.parametrize("letters", ["", "A1", "É", "-"])
def test_bad_column_letters_are_refused(letters):
    with pytest.raises(ValueError):
        column_index(letters)


def test_negative_positions_are_refused():
    with pytest.raises(ValueError):
        column_letter(-1)
    with pytest.raises(ValueError):
        a1(-1, 0)


def test_letters_past_the_grid_still_measure_a_hostile_sheet():
    """The reader sizes a sheet from its furthest reference, so ZZZ must count, not fail."""
    assert column_index("ZZZ") == 18_277


@given(st.integers(min_value=0, max_value=MAX_ROWS - 1),
       st.integers(min_value=0, max_value=MAX_COLUMNS - 1))
def test_every_cell_of_the_grid_round_trips(row0, col0):
    ref = a1(row0, col0)
    assert parse_a1(ref) == (row0, col0)
    assert ref == ref.upper() and ref[0].isalpha() and ref[-1].isdigit()
    assert row_number(ref) == row0 + 1
    assert column_of(ref) == col0


@given(st.integers(min_value=0, max_value=50_000))
def test_column_letters_round_trip_and_keep_their_order(index):
    letters = column_letter(index)
    assert column_index(letters) == index
    # Longer is later, and same length compares alphabetically: Excel's own column order.
    after = column_letter(index + 1)
    assert (len(after), after) > (len(letters), letters)


def test_findings_sort_by_column_number_not_by_text():
    """'AA4' is right of 'Z4' and 'B4', though a text sort would put it first."""
    def at(cell):
        return Finding("x.y", Severity.ERROR, "m", "s1", sheet="S", cell=cell, row=4)

    cells = ["AA4", "Z4", "B4", None]
    ordered = [f.cell for f in sorted(map(at, cells), key=lambda f: f.sort_key)]
    assert ordered == [None, "B4", "Z4", "AA4"]
