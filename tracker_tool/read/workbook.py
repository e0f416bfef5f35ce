"""Read a checked workbook's values with python-calamine, keeping every cell's real position.

The reader only reads: it returns the stamp, the sheet list and the grid of the tracker sheet
(0-based rows and columns, exactly as in the file, with formula errors put back in place).
Deciding what the columns mean is header_map's job.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from tracker_tool.core.a1 import column_letter, parse_a1
from tracker_tool.core.cell_values import ExcelError, is_blank
from tracker_tool.core.stamp import STAMP_SHEET, Stamp, stamp_from
from tracker_tool.errors import WorkbookError
from tracker_tool.read.safe_open import OpenedWorkbook, open_workbook
from tracker_tool.read.xlsx_parts import (
    BEYOND_GRID,
    WorkbookParts,
    error_cells,
    read_parts,
    sheet_extent,
    sheet_visibility,
)

#: Entry rows read below the header unless the caller asks for more or fewer.
DEFAULT_MAX_ROWS = 100_000
#: A sheet is loaded only if the block from A1 to its last value holds at most this many
#: cells per row allowed (at least DEFAULT_MAX_ROWS), 10 million by default: calamine holds
#: the whole block in memory, about 32 bytes a cell, before we can read a single row.
CELLS_PER_ROW = 100
#: Texts up to this long that occur more than once in a sheet are kept as one object.
SHARED_TEXT = 64


@dataclass
class SheetGrid:
    """The cells of one sheet: ``rows[r][c]`` is the value at 0-based row r, column c."""

    name: str
    rows: list[list]
    truncated: bool = False
    #: 0-based rows hidden from view, and whether a filter is on (read/xlsx_parts).
    hidden: frozenset[int] = frozenset()
    filtered: bool = False

    def value(self, r: int, c: int):
        if r < len(self.rows) and c < len(self.rows[r]):
            return self.rows[r][c]
        return None


@dataclass
class LoadedWorkbook:
    path: Path
    opened: OpenedWorkbook
    parts: WorkbookParts
    calamine: object
    stamp: Stamp
    sheet_names: list[str] = field(default_factory=list)

    @property
    def visible_sheets(self) -> list[str]:
        return [s.name for s in self.parts.sheets if s.state == "visible"]


def _calamine_error(path: Path, exc: Exception) -> WorkbookError:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if "password" in text.lower():
        return WorkbookError(path, "the workbook is password-protected; remove the password "
                                   "and save it again")
    return WorkbookError(path, "the workbook is damaged and could not be read (the reader "
                               f"reported: {text[:160]}); open it in Excel and save it again")


def load_workbook(path: str | Path, data: bytes | None = None) -> LoadedWorkbook:
    """Open ``path`` safely and read its stamp; raises WorkbookError when it cannot be read.

    ``data`` is the file's bytes when the caller has read them already (a batch worker hashes
    exactly what it checks)."""
    import python_calamine

    opened = open_workbook(path, data)
    parts = read_parts(opened)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(opened.calamine_bytes()))
        names = list(book.sheet_names)
    except Exception as exc:  # noqa: BLE001 - calamine has its own type for each damage
        raise _calamine_error(opened.path, exc) from None
    if not names:
        raise WorkbookError(opened.path, "the workbook has no sheets")
    stamp_rows = None
    if STAMP_SHEET in names:
        _refuse_oversized(opened, parts, STAMP_SHEET, 50)
        stamp_rows = _read_rows(opened.path, book, STAMP_SHEET, 50)[0]
    stamp = stamp_from(parts.custom_properties, stamp_rows)
    return LoadedWorkbook(opened.path, opened, parts, book, stamp, names)


def cell_limit(max_rows: int) -> int:
    """The most cells a sheet may span when up to ``max_rows`` rows are to be read.

    Counted in whole thousands of rows, so the few rows added for finding the header do not
    turn the default 10,000,000 into an odd number in messages.
    """
    return max(max_rows // 1000 * 1000, DEFAULT_MAX_ROWS) * CELLS_PER_ROW


def _refuse_oversized(opened: OpenedWorkbook, parts: WorkbookParts, name: str,
                      max_rows: int) -> None:
    """Refuse, before calamine allocates it, a sheet whose values span too many cells."""
    part = next((s.part for s in parts.sheets if s.name == name), None)
    allowed = cell_limit(max_rows)
    rows, cols = sheet_extent(opened, part, allowed)
    if rows * cols > allowed:
        where = ("beyond the last row and column a spreadsheet can have" if rows >= BEYOND_GRID
                 else f"at least as far as row {rows:,} and column {column_letter(cols - 1)}")
        raise WorkbookError(opened.path, (
            f"refused: sheet '{name}' has values {where}, more than the {allowed:,} cells "
            "the tool will load; "
            "delete what lies below or to the right of the tracker and save again, or raise "
            "the row limit (--max-rows)"))


def _read_rows(path: Path, book, name: str, limit: int) -> tuple[list[list], bool]:
    """Up to ``limit`` rows, and whether any row beyond them holds a value."""
    try:
        sheet = book.get_sheet_by_name(name)
        # calamine counts rows from row 1 but columns from the first column in use: put the
        # empty leading columns back, or every reference would be off when column A is blank.
        first_col = sheet.start[1] if sheet.start else 0
        lead = [""] * first_col
        # calamine makes a new str for every cell; a column of choices, owners or routes
        # repeats a few values down 100,000 rows, so equal short texts share one object.
        share = _SharedTexts().__getitem__
        rows = []
        rows_iter = sheet.iter_rows()
        for row in islice(rows_iter, limit):
            row = list(map(share, row))
            rows.append(lead + row if first_col else row)
        del share
        truncated = any(not is_blank(v) for row in rows_iter for v in row)
    except Exception as exc:  # noqa: BLE001 - as above
        raise _calamine_error(path, exc) from None
    return rows, truncated


class _SharedTexts(dict):
    """Each short text seen, under itself: looking a cell's value up gives the first equal
    text, or the value itself. A text seen before is found without a Python call (a sheet's
    cells are mostly such texts); only the rest come to __missing__. Nothing but a text is
    kept, and a text never equals a number or a date, so no other value is swapped."""

    __slots__ = ()

    def __missing__(self, value):
        if value.__class__ is str and len(value) <= SHARED_TEXT:
            self[value] = value
        return value


def _trim_trailing_blank_rows(rows: list[list]) -> None:
    while rows and all(is_blank(v) for v in rows[-1]):
        rows.pop()


def read_grid(loaded: LoadedWorkbook, sheet_name: str, max_rows: int) -> SheetGrid:
    """All values of ``sheet_name`` up to ``max_rows`` rows, with formula errors restored."""
    part = next((s.part for s in loaded.parts.sheets if s.name == sheet_name), None)
    if part is not None and not loaded.opened.has_part(part):
        raise WorkbookError(loaded.path, f"the file is damaged: the contents of sheet "
                                         f"'{sheet_name}' are missing; save it again from Excel")
    _refuse_oversized(loaded.opened, loaded.parts, sheet_name, max_rows)
    # Everything wanted from the sheet's XML is taken before calamine builds its grid, and
    # the XML let go, so the two are never in memory together nor the XML beside the rows.
    errors = error_cells(loaded.opened, part)
    hidden, filtered = sheet_visibility(loaded.opened, part)
    loaded.opened.forget_part()
    rows, truncated = _read_rows(loaded.path, loaded.calamine, sheet_name, max_rows)
    for ref, error in errors.items():
        try:
            r, c = parse_a1(ref)
        except ValueError:
            continue  # row 0 or beyond the grid: no cell calamine read can be there
        if r < len(rows):
            row = rows[r]
            row.extend([""] * (c + 1 - len(row)))
            row[c] = error
    # Only now: a last row holding just a formula error looks blank to calamine.
    _trim_trailing_blank_rows(rows)
    return SheetGrid(sheet_name, rows, truncated, hidden, filtered)


__all__ = [
    "CELLS_PER_ROW",
    "DEFAULT_MAX_ROWS",
    "ExcelError",
    "LoadedWorkbook",
    "SheetGrid",
    "cell_limit",
    "load_workbook",
    "read_grid",
]
