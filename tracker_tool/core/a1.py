"""A1 references: the only place that turns Excel column letters into numbers and back.

Findings name cells, the audit links to them, the reader places formula errors by them and the
template writes its dropdown ranges with them. Letter arithmetic written out in several modules
drifted apart (one assumed a column has a single letter, one ignored lower case), so every
conversion goes through here.

Rows and columns are 0-based in code, as in XlsxWriter and the read grid; only the text of a
reference is 1-based, as Excel shows it.
"""

from __future__ import annotations

import re
from string import ascii_uppercase

#: Excel's grid: columns A to XFD, rows 1 to 1,048,576.
MAX_COLUMNS = 16_384
MAX_ROWS = 1_048_576

_REF = re.compile(r"([A-Za-z]+)([0-9]+)")


def column_letter(index: int) -> str:
    """0-based column number to Excel letters (0 -> A, 25 -> Z, 26 -> AA)."""
    if index < 0:
        raise ValueError(f"column number {index} is negative")
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = ascii_uppercase[rem] + letters
    return letters


def column_index(letters: str) -> int:
    """Excel letters to a 0-based column number (A -> 0, AA -> 26), in either case.

    Letters past XFD still convert: the reader measures how far a hostile sheet reaches from
    them, to refuse it, so the grid's edge is the caller's business.
    """
    if not letters or not letters.isascii() or not letters.isalpha():
        raise ValueError(f"{letters!r} is not a column")
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number - 1


def a1(row0: int, col0: int) -> str:
    """0-based row and column to an A1 reference: (2, 1) -> 'B3'."""
    if row0 < 0:
        raise ValueError(f"row number {row0} is negative")
    return f"{column_letter(col0)}{row0 + 1}"


def parse_a1(ref: str) -> tuple[int, int]:
    """An A1 reference to 0-based (row, column): 'B3' -> (2, 1).

    Raises ValueError for anything that is not a cell of Excel's grid, so a reference read
    from a file cannot land on a row or column that does not exist (row 0 would be row -1,
    the last row of a Python list).
    """
    match = _REF.fullmatch(ref) if isinstance(ref, str) else None
    if match is None:
        raise ValueError(f"{ref!r} is not a cell reference such as B3")
    letters, digits = match.groups()
    row = int(digits)
    if len(letters) > 3 or not 1 <= row <= MAX_ROWS:
        raise ValueError(f"{ref!r} is outside the sheet (A1 to XFD{MAX_ROWS})")
    col = column_index(letters)
    if col >= MAX_COLUMNS:
        raise ValueError(f"{ref!r} is outside the sheet (A1 to XFD{MAX_ROWS})")
    return row - 1, col


def row_number(ref: str) -> int:
    """The row of a reference as Excel numbers it: 'C14' -> 14."""
    return parse_a1(ref)[0] + 1


def column_of(ref: str) -> int:
    """The 0-based column of a reference, so findings on one row sort left to right."""
    return parse_a1(ref)[1]


__all__ = ["MAX_COLUMNS", "MAX_ROWS", "a1", "column_index", "column_letter", "column_of",
           "parse_a1", "row_number"]
