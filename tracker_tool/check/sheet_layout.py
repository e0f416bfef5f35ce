"""Which rows of a tracker sheet are actions, and what a sort, inserted rows or a filter did.

People unprotect a tracker and sort the whole sheet, which carries the band, key and header
rows in among the actions; they insert title rows above the header; they leave a filter on.
None of that may cost an action silently. Every row that is not the template's own (band,
key, header, wherever they now are) or a title row above the header is read as an action,
above the header as well as below it, and what happened is said once, for the whole sheet,
with how to put it right.
"""

from __future__ import annotations

from tracker_tool.check.header_map import HeaderMap, normalise_title
from tracker_tool.check.tracker import Tracker
from tracker_tool.core.catalogue import core
from tracker_tool.core.cell_values import is_blank
from tracker_tool.core.findings import Finding
from tracker_tool.core.stamp import ServiceIdentity
from tracker_tool.read.workbook import SheetGrid

#: How many row numbers a message lists before it says how many more there are.
LISTED_ROWS = 12


def _values(row: list) -> int:
    return sum(1 for v in row if not is_blank(v))


def _is_band(row: list, groups: frozenset[str]) -> bool:
    """The template's band of group names: every value it holds names a group of columns.
    An action's first value (its ID, say) is almost never a group name, so this stops there."""
    seen = False
    for v in row:
        if is_blank(v):
            continue
        if not isinstance(v, str) or normalise_title(v) not in groups:
            return False
        seen = True
    return seen


def title_band(tracker: Tracker, service: ServiceIdentity) -> str:
    """The line a per-service template shows above its band, naming who the copy is for.

    It starts with the tracker's title: that is how the reader tells it from a title someone
    inserted (write/template.py writes it, settle_rows knows it for the template's own).
    """
    who = [service.name, service.provider,
           f"CQC location {service.location_id}" if service.location_id else ""]
    return f"{tracker.title}: " + " · ".join(part for part in who if part)


def _is_title_band(row: list, tracker: Tracker) -> bool:
    texts = [v for v in row if not is_blank(v)]
    return (len(texts) == 1 and isinstance(texts[0], str)
            and normalise_title(texts[0]).startswith(normalise_title(tracker.title) + " "))


def settle_rows(grid: SheetGrid, tracker: Tracker, hmap: HeaderMap) -> Finding | None:
    """Mark the rows that are not actions on ``hmap``, and return the one finding that says
    how the sheet's layout departs from the template's, or None when it does not.

    Above the header, a row holding a single value is a title someone inserted; one holding
    more is an action a sort put there. The band is looked for below the header only when it
    is not above it, so a normal sheet is not walked twice.
    """
    rows = grid.rows
    header, key = hmap.header_row, hmap.key_row
    groups = frozenset(normalise_title(name) for name, _ in tracker.groups())
    own = {header} | ({key} if key is not None else set())
    titles, above = [], []
    band_above = False
    for r in range(header):
        if r in own or not _values(rows[r]):
            continue
        if _is_band(rows[r], groups):
            own.add(r)
            band_above = True
        elif _is_title_band(rows[r], tracker):
            own.add(r)
        elif _values(rows[r]) == 1:
            titles.append(r)
        else:
            above.append(r)
    band_below = []
    if not band_above:
        band_below = [r for r in range(header + 1, len(rows)) if _is_band(rows[r], groups)]
        own.update(band_below)
        own.update(r for r in range(header + 1, len(rows)) if _is_title_band(rows[r], tracker))
    hmap.not_entries = frozenset(own | set(titles))
    hmap.above = tuple(above)
    hmap.title_rows = tuple(titles)
    hidden = sorted(r for r in grid.hidden if r < len(rows) and r not in hmap.not_entries
                    and _values(rows[r]))
    also = ""
    if hidden:
        also = (f" The actions on {_rows(hidden)} are hidden {_how(grid)}; they were read and "
                "checked too.")
    sheet = grid.name
    if above or band_below or (key is not None and key != header - 1):
        return core("sheet.sorted-with-header").finding(
            sheet=sheet, header=header + 1,
            key=f" and its hidden row of field keys on row {key + 1}" if key is not None else "",
            read=(f"the {_count(above, 'action')} above it ({_rows(above)}) "
                  f"{'was' if len(above) == 1 else 'were'} read and checked with the rest"
                  if above else "every action was read"),
            titles=_titles(titles), also=also)
    if titles:
        return core("sheet.rows-above-header").finding(
            sheet=sheet, rows=_rows(titles, "was", "were"), header=header + 1, also=also)
    if hidden:
        return core("sheet.rows-hidden").finding(sheet=sheet, rows=_rows(hidden),
                                                 how=_how(grid))
    return None


def _how(grid: SheetGrid) -> str:
    return "by a filter left on" if grid.filtered else "from view"


def _count(rows: list[int], noun: str) -> str:
    return f"{len(rows)} {noun}" + ("" if len(rows) == 1 else "s")


def _titles(titles: list[int]) -> str:
    if not titles:
        return ""
    return (f"; {_rows(titles, 'holds', 'hold')} a single value above the header and "
            f"{'was' if len(titles) == 1 else 'were'} taken for a title, not an action")


def _rows(rows: list[int], one: str = "", many: str = "") -> str:
    """'row 5', 'rows 2, 7-9 and 12', the first LISTED_ROWS runs, with a verb if asked."""
    runs: list[list[int]] = []
    for r in sorted(rows):
        if runs and r == runs[-1][1] + 1:
            runs[-1][1] = r
        else:
            runs.append([r, r])
    shown = [f"{a + 1}" if a == b else f"{a + 1}-{b + 1}" for a, b in runs[:LISTED_ROWS]]
    if len(runs) > LISTED_ROWS:
        shown.append(f"{sum(b - a + 1 for a, b in runs[LISTED_ROWS:])} more")
    text = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]
    word = "row" if len(rows) == 1 else "rows"
    verb = (one if len(rows) == 1 else many)
    return f"{word} {text}" + (f" {verb}" if verb else "")
