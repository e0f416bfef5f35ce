"""The byte scans of a sheet's XML taken before calamine reads it: the shortcuts that skip a
search (a last row past the fast extent, one pattern for an error cell's type) give the
answers the searches gave."""

from __future__ import annotations

import random
import re

from tracker_tool.core.cell_values import ExcelError
from tracker_tool.read import xlsx_parts
from tracker_tool.read.xlsx_parts import FAST_EXTENT, error_cells, sheet_extent


class _Part:
    """An opened workbook holding one sheet part, as sheet_extent and error_cells read it."""

    def __init__(self, data: bytes):
        self.data = data

    def read_part(self, name: str) -> bytes:
        return self.data


def _sheet(rows: list[int], columns: str = "ABC", extra: bytes = b"") -> bytes:
    body = b"".join(
        b'<row r="%d">' % r + b"".join(b'<c r="%s%d"><v>1</v></c>' % (c.encode(), r)
                                       for c in columns) + b"</row>"
        for r in rows)
    return b'<worksheet><sheetData>' + body + extra + b"</sheetData></worksheet>"


def test_a_last_row_past_the_fast_extent_is_judged_as_the_search_would():
    far = _sheet([1, 2, 100_001])
    assert xlsx_parts._past_fast_rows(far)
    assert xlsx_parts._FAR_REF.search(far)  # the search it skips finds the same row
    # Within the narrow columns and the limit's rows: allowed without a walk.
    assert sheet_extent(_Part(far), "s", 10_000_000) == (10_000_000 // 52, 52)
    assert sheet_extent(_Part(far), "s") == (100_001, 3)
    assert sheet_extent(_Part(far), "s", 200_000) == (100_001, 3)  # past it: refused


def test_a_sheet_within_the_fast_extent_or_out_of_order_is_still_searched():
    near = _sheet([1, 2, 99_999])
    assert not xlsx_parts._past_fast_rows(near)
    assert sheet_extent(_Part(near), "s", 10_000_000) == FAST_EXTENT
    # The highest row first and a low one last: the shortcut says no, the search finds it.
    shuffled = _sheet([100_001, 2])
    assert not xlsx_parts._past_fast_rows(shuffled)
    assert sheet_extent(_Part(shuffled), "s") == (100_001, 3)
    # A row past the fast extent only in its cell's reference, not its row tag.
    cell_only = _sheet([5]).replace(b'<c r="A5">', b'<c r="A123456">')
    assert not xlsx_parts._past_fast_rows(cell_only)
    assert sheet_extent(_Part(cell_only), "s") == (123_456, 3)


def test_error_cells_are_found_with_either_quote_and_text_alone_is_not_one():
    data = _sheet([4]).replace(b'<c r="A4"><v>1</v>', b'<c r="A4" t="e"><v>#N/A</v>').replace(
        b'<c r="B4"><v>1</v>', b"<c r='B4' t='e'><v>#REF!</v>")
    assert error_cells(_Part(data), "s") == {"A4": ExcelError("#N/A"), "B4": ExcelError("#REF!")}
    assert error_cells(_Part(_sheet([4])), "s") == {}
    in_text = _sheet([4], extra=b'<c r="D4" t="inlineStr"><is><t>t="e"</t></is></c>')
    assert error_cells(_Part(in_text), "s") == {}


def test_the_reference_patterns_find_what_their_backtracking_form_finds():
    rng = random.Random(16)
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz"
    for columns, rows in ((100, 99_999), (52, 192_307), (38, 1_000)):
        fast = xlsx_parts._beyond(columns, rows)
        slow = re.compile(fast.pattern.replace(b"*+", b"*"))
        assert fast.pattern != slow.pattern
        for _ in range(20_000):
            ref = ("".join(rng.choice(letters) for _ in range(rng.randrange(5)))
                   + "".join(rng.choice("0123456789") for _ in range(rng.randrange(9))))
            text = f'<c r="{ref}"><v>1</v></c>'.encode()
            assert bool(fast.search(text)) == bool(slow.search(text)), ref
