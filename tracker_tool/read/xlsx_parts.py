"""Facts calamine does not give us, read straight from the .xlsx parts.

python-calamine returns an empty string for a formula error (#REF!, #N/A), cannot see custom
document properties and does not say which date system the file uses. These are small reads
of the zip parts, parsed with defusedxml (so entity tricks are refused), plus one byte scan of
the tracker sheet that only runs when the sheet holds an error cell at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from tracker_tool.core.a1 import column_index, column_letter
from tracker_tool.core.cell_values import ExcelError
from tracker_tool.errors import WorkbookError
from tracker_tool.read.package import rels_part, resolve_target
from tracker_tool.read.safe_open import OpenedWorkbook, entities_refused

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_NS_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"

_CELL_REF = re.compile(rb"""\br=["']([A-Z]{1,3}[0-9]{1,7})["']""")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_CELL_START = re.compile(rb"<(?:\w+:)?c\s")
_CELL_END = re.compile(rb"</(?:\w+:)?c>|<(?:\w+:)?c\s")
_ERROR_TYPE = re.compile(rb"""\bt=["']e["']""")
#: What every _ERROR_TYPE match holds, searched from its literal start: no error cell without it.
_ERROR_TYPE_ANYWHERE = re.compile(rb"""t=["']e["']""")

# Sheet extent. The fast path searches for what would put a value beyond FAST_EXTENT: a
# reference past column CV or row 99,999 (_beyond), a row or cell without ' r="' first
# (placed by position), or a namespace prefix. Each pattern starts with a literal, so a
# search over a normal sheet runs at memchr speed; only a sheet that trips one is walked
# cell by cell.


def _above(last: str, digit: bytes, first: str, also) -> bytes:
    """A pattern for the start of every run of ``digit`` characters (a class) sorting after
    ``last``, among runs ordered by length then character by character (rows in decimal,
    columns in letters): longer runs, and runs of the same length that first differ from
    ``last`` with a later character. ``first`` is the character class's last character,
    ``also`` turns a character into the class of itself (and its other case)."""
    size = len(last)
    alternatives = [digit + b"{%d}" % (size + 1)]
    for at, char in enumerate(last):
        if char != first:
            later = chr(ord(char) + 1)
            alternatives.append(b"".join(also(c) for c in last[:at]) + also(later, first)
                                + digit + b"{%d}" % (size - at - 1))
    return b"(?:" + b"|".join(alternatives) + b")"


def _letters(char: str, upto: str | None = None) -> bytes:
    high = upto or char
    return b"[%s-%s%s-%s]" % (char.encode(), high.encode(), char.lower().encode(),
                              high.lower().encode())


def _digits(char: str, upto: str | None = None) -> bytes:
    return b"[%s-%s]" % (char.encode(), (upto or char).encode())


@lru_cache(maxsize=8)
def _beyond(columns: int, rows: int) -> re.Pattern:
    """Finds a reference (a cell's or a row's ' r="') past column ``columns`` or row ``rows``,
    or one too long to judge (a row number written with leading zeros): never misses one."""
    letters = _above(column_letter(columns - 1), b"[A-Za-z]", "Z", _letters)
    digits = _above(str(rows), b"[0-9]", "9", _digits)
    # Every digits alternative starts with a digit, so giving letters back can never help:
    # the possessive star spares the engine trying (a quarter of the search's time).
    return re.compile(rb' r="(?:' + letters + rb"|[A-Za-z]*+" + digits + rb")")


_FAR_REF = _beyond(100, 99_999)
#: Tried when a sheet has more rows than FAST_EXTENT: in the action plan's 38 columns (A to
#: AZ allowed) the cell limit leaves room for 192,307 rows at the default row limit.
_NARROW_COLUMNS = 52
_UNPLACED_CELL = re.compile(rb'<c(?! r=")[\s/>]')
_UNPLACED_ROW = re.compile(rb'<row(?! r=")[\s/>]')
_PREFIXED = re.compile(rb':(?:c|row|v|is)[\s/>]')
#: A cell's value (<v>) or inline string (<is>); self-closing cells, formatting only, have none.
_VALUE_TAGS = (re.compile(rb"<v[\s>]"), re.compile(rb"<is[\s>]"))
_PLACED_CELL = b'<c r="'
_PLACED_REF = re.compile(rb'<c r="([A-Za-z]*)([0-9]*)"')
_LAST_ROW_START = b'<row r="'
_LAST_ROW = re.compile(rb'<row r="([0-9]*)"')
_ROW_OR_CELL = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*)>")
_REF_ATTR = re.compile(rb"""\br\s*=\s*["']([A-Za-z]*)([0-9]*)["']""")
#: (rows, columns) that the fast path proves a sheet fits in: 99,999 rows, columns A to CV.
FAST_EXTENT = (99_999, 100)
#: Returned for a reference too long to be a real cell, so the caller refuses the sheet.
BEYOND_GRID = 10**9


@dataclass(frozen=True, slots=True)
class SheetEntry:
    name: str
    state: str  # visible, hidden or veryHidden
    part: str | None  # zip member name of the worksheet XML


@dataclass(frozen=True, slots=True)
class WorkbookParts:
    sheets: tuple[SheetEntry, ...]
    date1904: bool
    custom_properties: dict[str, str]


def _parse(opened: OpenedWorkbook, name: str):
    raw = opened.read_part(name)
    if raw is None:
        return None
    try:
        return ElementTree.fromstring(raw)
    except DefusedXmlException:
        raise WorkbookError(opened.path, entities_refused(name)) from None
    except (ElementTree.ParseError, LookupError, ValueError) as exc:
        # LookupError: an XML declaration naming an unknown encoding; ValueError: bad bytes.
        raise WorkbookError(opened.path, f"the file is damaged ({name}: {exc})") from None


def _sheet_targets(opened: OpenedWorkbook) -> dict[str, str]:
    rels = _parse(opened, rels_part(opened.workbook_part))
    targets = {}
    if rels is None:
        return targets
    for rel in rels.iter(f"{_NS_PKG_REL}Relationship"):
        targets[rel.get("Id")] = resolve_target(opened.workbook_part, rel.get("Target", ""))
    return targets


def _custom_properties(opened: OpenedWorkbook) -> dict[str, str]:
    root = _parse(opened, "docProps/custom.xml")
    found = {}
    if root is None:
        return found
    for prop in root.iter(f"{_NS_CUSTOM}property"):
        value = next(iter(prop), None)
        if prop.get("name") and value is not None and value.text is not None:
            found[prop.get("name")] = value.text
    return found


def read_parts(opened: OpenedWorkbook) -> WorkbookParts:
    """Sheet names, states and parts; the date system; the custom document properties."""
    root = _parse(opened, opened.workbook_part)
    if root is None:
        raise WorkbookError(opened.path, "the workbook part is missing")
    targets = _sheet_targets(opened)
    sheets = tuple(
        SheetEntry(sheet.get("name", ""), sheet.get("state", "visible"),
                   targets.get(sheet.get(f"{_NS_REL}id")))
        for sheet in root.iter(f"{_NS_MAIN}sheet")
    )
    props = root.find(f"{_NS_MAIN}workbookPr")
    date1904 = props is not None and props.get("date1904", "0").lower() in ("1", "true")
    return WorkbookParts(sheets, date1904, _custom_properties(opened))


def sheet_extent(opened: OpenedWorkbook, part: str | None,
                 limit: int | None = None) -> tuple[int, int]:
    """(rows, columns) of the block python-calamine will allocate for the sheet, at most.

    calamine builds one dense grid from the first to the last cell holding a value, so one
    value typed in XFD1048576 asks for 17 billion cells from a 100 KB file (and the process
    aborts). Reading this bound from the XML first lets the caller refuse such a sheet.
    Self-closing cells (formatting only) hold no value and are not counted. The walk stops
    as soon as rows x columns exceeds ``limit``.
    """
    data = opened.read_part(part) if part else None
    if not data:
        return 0, 0
    if _UNPLACED_CELL.search(data) or _UNPLACED_ROW.search(data) or _PREFIXED.search(data):
        return _walk_extent(data, limit)
    if not _past_fast_rows(data) and not _FAR_REF.search(data):
        return FAST_EXTENT
    if limit is not None:
        rows = limit // _NARROW_COLUMNS
        if rows > FAST_EXTENT[0] and not _beyond(_NARROW_COLUMNS, rows).search(data):
            return rows, _NARROW_COLUMNS  # within the limit: the walk below took 1.6 s here
    return _placed_extent(data, limit)


def _past_fast_rows(data: bytes) -> bool:
    """Whether the sheet's last row tag is numbered past FAST_EXTENT's rows, so _FAR_REF
    would find that tag: a sheet of 100,000 rows need not be searched (0.14 s) to learn it.
    Looked for from the end, where a saved sheet's highest row is; when it says no, the
    search still runs, so a sheet with its rows out of order is judged as before."""
    at = data.rfind(_LAST_ROW_START)
    number = _LAST_ROW.match(data, at) if at != -1 else None
    return number is not None and len(number[1]) > len(str(FAST_EXTENT[0]))


def _placed_extent(data: bytes, limit: int | None) -> tuple[int, int]:
    """From each value back to the start of its cell, when every cell starts with its
    reference. Only the stretch since the previous value is searched, so the walk stays
    linear however the values are laid out; a value in the same cell as the previous one
    (or in no cell) finds nothing, and is rightly not counted twice."""
    max_row = max_col = 0
    # A sheet of 100,000 rows comes here with two million values, in a few dozen columns:
    # each column's letters are converted once.
    columns: dict[bytes, int] = {}
    for pattern in _VALUE_TAGS:
        low = 0
        for match in pattern.finditer(data):
            start = data.rfind(_PLACED_CELL, low, match.start())
            low = match.end()
            if start == -1:
                continue
            letters, digits = _PLACED_REF.match(data, start).groups()
            col = columns.get(letters)
            if col is None:
                if len(letters) > 3:
                    return BEYOND_GRID, BEYOND_GRID
                col = columns[letters] = _column_number(letters) if letters else 1
            if len(digits) > 7 or not digits:
                return BEYOND_GRID, BEYOND_GRID
            row = int(digits)
            if row > max_row:
                max_row = row
            if col > max_col:
                max_col = col
            if limit is not None and max_row * max_col > limit:
                return max_row, max_col
    return max_row, max_col


def _column_number(letters: bytes) -> int:
    """1-based, as the extent counts columns; the letters matched [A-Za-z], so are ASCII."""
    return column_index(letters.decode("ascii")) + 1


def _walk_extent(data: bytes, limit: int | None) -> tuple[int, int]:
    """Every row and cell tag in order, placing unreferenced ones after the previous one, as
    calamine does. Over-counts rather than under-counts: a cell with content may hold a value,
    and a cell's own reference and its row's both count."""
    row = col = max_row = max_col = 0  # 1-based; 0 means none yet
    for match in _ROW_OR_CELL.finditer(data):
        ref = _REF_ATTR.search(match[2])
        letters, digits = (ref[1], ref[2]) if ref else (b"", b"")
        if len(letters) > 3 or len(digits) > 7:
            return BEYOND_GRID, BEYOND_GRID
        if match[1] == b"row":
            row = int(digits) if digits else row + 1
            col = 0
            continue
        col = _column_number(letters) if letters else col + 1
        if not match[2].endswith(b"/"):
            max_row = max(max_row, row, int(digits) if digits else 1)
            max_col = max(max_col, col)
            if limit is not None and max_row * max_col > limit:
                break
    return max_row, max_col


def error_cells(opened: OpenedWorkbook, part: str | None) -> dict[str, ExcelError]:
    """A1 reference -> error value for every cell of the sheet whose cached value is an error.

    Finds each ``t="e"`` attribute, checks it sits in a cell's opening tag (any namespace
    prefix, either quote), and takes the reference and the cached value from that cell.
    """
    if part is None:
        return {}
    data = opened.read_part(part) or b""
    found = {}
    if _ERROR_TYPE_ANYWHERE.search(data) is None:
        return found  # the usual case, decided in one pass (half the time of two 'in's)
    for hit in _ERROR_TYPE.finditer(data):
        open_at = data.rfind(b"<", 0, hit.start())
        tag_end = data.find(b">", hit.end())
        if open_at == -1 or tag_end == -1 or not _CELL_START.match(data, open_at):
            continue  # the text t="e" inside a formula or a string, not an attribute
        ref = _CELL_REF.search(data, open_at, tag_end)
        end = _CELL_END.search(data, tag_end)
        value = _VALUE.search(data, tag_end, end.start() if end else len(data))
        if ref and value:
            found[ref.group(1).decode()] = ExcelError(value.group(1).decode(errors="replace"))
    return found


_HIDDEN_ATTR = re.compile(rb"""hidden\s*=\s*["'](?:1|true)["']""")
_ROW_START = re.compile(rb"<(?:\w+:)?row\s")
_ROW_NUMBER = re.compile(rb"""\br\s*=\s*["']([0-9]{1,7})["']""")
_FILTER_COLUMN = re.compile(rb"<(?:\w+:)?filterColumn\b")


def sheet_visibility(opened: OpenedWorkbook, part: str | None) -> tuple[frozenset[int], bool]:
    """(0-based rows hidden from view, whether a filter is choosing rows) of a sheet.

    calamine reads hidden rows like any other, so no action is lost; but a return with a
    filter left on, or rows hidden, shows its reader fewer actions than were checked, which
    the check reports. Found like ``error_cells``: each ``hidden`` attribute, kept only when
    it sits in a row's opening tag (not a column's, nor text in a cell). A row placed by
    position without its ``r`` attribute is not counted.
    """
    data = opened.read_part(part) if part else None
    if not data:
        return frozenset(), False
    hidden = set()
    if b"hidden" in data:
        for hit in _HIDDEN_ATTR.finditer(data):
            open_at = data.rfind(b"<", 0, hit.start())
            tag_end = data.find(b">", hit.end())
            if open_at == -1 or tag_end == -1 or not _ROW_START.match(data, open_at):
                continue
            number = _ROW_NUMBER.search(data, open_at, tag_end)
            if number:
                hidden.add(int(number[1]) - 1)
    # The plain search first: the pattern, starting at every '<', took ten times as long.
    return frozenset(hidden), (b"filterColumn" in data
                               and _FILTER_COLUMN.search(data) is not None)
