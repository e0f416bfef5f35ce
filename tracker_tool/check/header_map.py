"""Find the header row of a returned tracker sheet and work out which column holds which field.

Columns are matched first by the hidden row of field keys the template carries (so a moved or
retitled column is still recognised), then by header titles, forgiving case, spacing and the
'*' required mark. Problems with the columns are findings, reported before any row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tracker_tool.check.tracker import Tracker
from tracker_tool.core.a1 import a1, column_letter
from tracker_tool.core.catalogue import core
from tracker_tool.core.cell_values import is_blank, to_text
from tracker_tool.core.findings import Finding, Severity
from tracker_tool.read.workbook import SheetGrid

#: How far down a sheet to look for the header (people insert title rows above it).
SEARCH_ROWS = 30
#: A row needs this many recognised columns before we believe it is the header.
MIN_MATCHES = 3

_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise_title(value) -> str:
    """'  Due Date * ' and 'due-date' both become 'due date'."""
    return " ".join(_NON_WORD.sub(" ", to_text(value).casefold()).split())


@dataclass
class HeaderMap:
    """Where the header is and which 0-based column holds each field."""

    header_row: int
    columns: dict[str, int]
    titles: dict[int, str]
    unknown: dict[int, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    #: The hidden row of field keys, when the sheet has one: above the header in a template,
    #: anywhere once the sheet has been sorted with its header.
    key_row: int | None = None
    #: Rows holding values that are not actions: the template's band, key and header rows
    #: wherever a sort put them, and title rows inserted above the header (check/sheet_layout).
    not_entries: frozenset[int] = frozenset()
    #: Actions found above the header (a sort put them there); they are read like the rest.
    above: tuple[int, ...] = ()
    #: Rows above the header holding a single value, taken for titles and not read.
    title_rows: tuple[int, ...] = ()

    @property
    def keyed(self) -> bool:
        return self.key_row is not None


@dataclass(frozen=True, slots=True)
class Located:
    """The header row, and the key row when one was found (not always just above it)."""

    header_row: int
    key_row: int | None


def _title_index(tracker: Tracker) -> dict[str, str]:
    index = {}
    for spec in tracker.columns:
        index[normalise_title(spec.title)] = spec.key
        index[normalise_title(spec.key)] = spec.key
    return index


def _scan(rows: list[list], start: int, stop: int, keys: set[str], titles: dict[str, str]
          ) -> tuple[int | None, int | None]:
    """(key row, title row) among ``rows[start:stop]``: the first with the most matches, if
    it has at least MIN_MATCHES. A row of keys is never taken for the row of titles, though
    keys match as titles too."""
    best_keys = best_titles = (0, 0)
    for r in range(start, min(stop, len(rows))):
        texts = [v.strip() for v in rows[r] if isinstance(v, str)]
        if len(texts) < MIN_MATCHES:
            continue
        key_hits = sum(t in keys for t in texts)
        if key_hits >= MIN_MATCHES:
            best_keys = max(best_keys, (key_hits, -r))
            continue
        best_titles = max(best_titles, (sum(normalise_title(t) in titles for t in texts), -r))
    return ((-best_keys[1] if best_keys[0] >= MIN_MATCHES else None),
            (-best_titles[1] if best_titles[0] >= MIN_MATCHES else None))


def locate_header(grid: SheetGrid, tracker: Tracker, keyed: bool = False) -> Located | None:
    """The header (and key) row, or None when no row looks like this tracker's header.

    The first SEARCH_ROWS rows are searched, where a template has them even with title rows
    inserted above. Only when the header, or the key row a stamped workbook (``keyed``)
    should have, is not there is the rest of the sheet searched: a sort that took the header
    with it can leave either anywhere, and must not cost a normal file anything. After such a
    sort the key row need not be just above the titles; a sheet whose key row was deleted is
    found by its titles, and one whose titles were all rewritten by the row under its keys.
    """
    keys = set(tracker.by_key)
    titles = _title_index(tracker)
    rows = grid.rows
    key_row, title_row = _scan(rows, 0, SEARCH_ROWS, keys, titles)
    if title_row is None or (keyed and key_row is None):
        more_keys, more_titles = _scan(rows, SEARCH_ROWS, len(rows), keys, titles)
        key_row = key_row if key_row is not None else more_keys
        title_row = title_row if title_row is not None else more_titles
    if title_row is None and key_row is not None and key_row + 1 < len(rows):
        title_row = key_row + 1
    if title_row is None:
        return None
    return Located(title_row, key_row)


def map_columns(grid: SheetGrid, tracker: Tracker, located: Located) -> HeaderMap:
    """Match columns to fields and report missing, unknown, duplicated and moved columns."""
    header_row = located.header_row
    header = grid.rows[header_row]
    keys = grid.rows[located.key_row] if located.key_row is not None else []
    titles = {c: to_text(v) for c, v in enumerate(header) if not is_blank(v)}
    by_title = _title_index(tracker)
    hmap = HeaderMap(header_row, {}, titles, key_row=located.key_row)
    sheet = grid.name

    def claim(key: str, col: int) -> None:
        if key in hmap.columns:
            spec = tracker.by_key[key]
            hmap.findings.append(core("column.duplicated").finding(
                sheet=sheet, cell=a1(header_row, col), row=header_row + 1, column=spec.title,
                value=titles.get(col), title=spec.title,
                first=column_letter(hmap.columns[key])))
        else:
            hmap.columns[key] = col

    width = max(len(header), len(keys))
    unclaimed = []
    for col in range(width):
        key = keys[col].strip() if col < len(keys) and isinstance(keys[col], str) else ""
        if key in tracker.by_key:
            claim(key, col)
        elif col in titles:
            unclaimed.append(col)
    for col in unclaimed:
        key = by_title.get(normalise_title(titles[col]))
        if key is not None:
            claim(key, col)
        else:
            hmap.unknown[col] = titles[col]
            hmap.findings.append(core("column.unknown").finding(
                sheet=sheet, cell=a1(header_row, col), row=header_row + 1,
                column=titles[col], value=titles[col], title=titles[col]))
    _report_missing(hmap, tracker, sheet)
    _report_moved(hmap, tracker, sheet)
    return hmap


def _report_missing(hmap: HeaderMap, tracker: Tracker, sheet: str) -> None:
    for spec in tracker.columns:
        if spec.key not in hmap.columns:
            hmap.findings.append(core("column.missing").finding(
                sheet=sheet, row=hmap.header_row + 1, column=spec.title, field=spec.key,
                title=spec.title,
                severity=Severity.ERROR if spec.required else Severity.WARNING))


def _report_moved(hmap: HeaderMap, tracker: Tracker, sheet: str) -> None:
    """Report the fewest columns whose moving explains the order found.

    The columns in the longest run that is still in template order stay put; the others are
    'moved'. So an inserted or deleted column does not make every later column look moved,
    and dragging one column far away flags that column alone.
    """
    by_position = sorted((col, spec.index, spec) for spec in tracker.columns
                         if (col := hmap.columns.get(spec.key)) is not None)
    order = [index for _, index, _ in by_position]
    best = [1] * len(order)
    back = [-1] * len(order)
    for i in range(len(order)):
        for j in range(i):
            if order[j] < order[i] and best[j] + 1 > best[i]:
                best[i], back[i] = best[j] + 1, j
    keep = set()
    i = max(range(len(order)), key=best.__getitem__, default=-1)
    while i != -1:
        keep.add(i)
        i = back[i]
    for i, (col, _, spec) in enumerate(by_position):
        if i not in keep:
            hmap.findings.append(core("column.moved").finding(
                sheet=sheet, cell=a1(hmap.header_row, col), row=hmap.header_row + 1,
                column=spec.title, value=hmap.titles.get(col), field=spec.key,
                title=spec.title))
