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
    keyed: bool = False


def _title_index(tracker: Tracker) -> dict[str, str]:
    index = {}
    for spec in tracker.columns:
        index[normalise_title(spec.title)] = spec.key
        index[normalise_title(spec.key)] = spec.key
    return index


def locate_header(grid: SheetGrid, tracker: Tracker) -> tuple[int, bool] | None:
    """(header row, found by keys?) or None when no row looks like this tracker's header."""
    keys = set(tracker.by_key)
    titles = _title_index(tracker)
    best_keys = best_titles = (0, -1)
    for r, row in enumerate(grid.rows[:SEARCH_ROWS]):
        texts = [v.strip() for v in row if isinstance(v, str)]
        key_hits = sum(t in keys for t in texts)
        title_hits = sum(normalise_title(t) in titles for t in texts)
        best_keys = max(best_keys, (key_hits, -r))
        best_titles = max(best_titles, (title_hits, -r))
    if best_keys[0] >= MIN_MATCHES and -best_keys[1] + 1 < len(grid.rows):
        return -best_keys[1] + 1, True
    if best_titles[0] >= MIN_MATCHES:
        return -best_titles[1], False
    return None


def map_columns(grid: SheetGrid, tracker: Tracker, header_row: int, keyed: bool) -> HeaderMap:
    """Match columns to fields and report missing, unknown, duplicated and moved columns."""
    header = grid.rows[header_row]
    keys = grid.rows[header_row - 1] if keyed else []
    titles = {c: to_text(v) for c, v in enumerate(header) if not is_blank(v)}
    by_title = _title_index(tracker)
    hmap = HeaderMap(header_row, {}, titles, keyed=keyed)
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
