"""The template's printable view: the columns a supervision or an inspection reads, on A4.

The entry sheet has up to 38 columns and cannot print legibly on one page width. This sheet
shows a few of them (the kind's ``view_columns``), read live from the entry sheet by formulas,
with a Checks column naming in words what the live checks colour on screen. Each formula asks
for "the entry sheet's cell this many rows down" with INDEX rather than pointing at a cell, so
rows inserted, deleted or sorted on the entry sheet are followed, not lost or shown twice.
Nothing is typed here; the sheet is locked.

Its print area is a formula ending at the last entry row holding anything, so Excel prints
no pages of empty formulas. LibreOffice keeps only fixed print areas and prints every row;
the Instructions say how to choose the rows there.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from tracker_tool.check.tracker import Tracker
from tracker_tool.core.a1 import column_letter
from tracker_tool.core.cell_values import EPOCH_1900
from tracker_tool.core.columns import ColumnSpec, Kind
from tracker_tool.core.sheet_names import VIEW_SHEET
from tracker_tool.write import styles
from tracker_tool.write.live_checks import checks_formula, colour_rag, rag_columns
from tracker_tool.write.paper import fits_legibly, page_header, print_legibly
from tracker_tool.write.row_fit import fit_row, line_points

TITLE_ROW, HEAD_ROW, FIRST_ROW = 0, 1, 2
FONT_PT = 10
#: Long text is shown in a column at most this wide, wrapped; the entry sheet has it whole.
WIDEST = 32
#: The view's columns are narrowed to fit the page, but never below this.
NARROWEST = 12
CHECKS_TITLE, CHECKS_WIDTH = "Checks", 30
#: Every row is this many lines tall: a formula's result is not known when the file is
#: written, and neither Excel nor LibreOffice grows a row for it, so wrapped text would
#: otherwise run over the row below.
ROW_LINES = 2


def view_columns(tracker: Tracker) -> tuple[str, ...]:
    """The kind's declared view columns, or the columns it prints elsewhere."""
    return tracker.view_columns or tracker.printed_columns


def _width(spec: ColumnSpec) -> float:
    if spec.kind is Kind.DATE:
        return 11
    return min(max(spec.width, len(spec.title) / 2 + 2, 8), WIDEST)


def _prepare_each_formula_once(ws) -> None:
    """XlsxWriter runs some thirty regular expressions over every formula it writes; the
    view writes the same few formulas (one a column, told apart by ROW()) a thousand times
    each, which made a template eight times slower to build. Remember each one prepared."""
    ws._prepare_formula = lru_cache(maxsize=64)(ws._prepare_formula)


def _fitting(widths: list[float], kept: list[float]) -> list[float]:
    """``widths`` narrowed, widest first and no column below NARROWEST, until they and the
    ``kept`` columns fit the page width at a legible scale: the view is the sheet that must
    print on one width. The Checks column is kept whole: its words are the point of it."""
    widths = list(widths)
    while not fits_legibly(widths + kept, FONT_PT):
        widest = max(range(len(widths)), key=widths.__getitem__)
        if widths[widest] <= NARROWEST:
            break
        widths[widest] -= 1
    return widths + kept


def _cached(value):
    """What a formula showed when the workbook was written, for applications that show
    formulas' stored results until they recalculate: a date as its serial number, text and
    numbers as they are, anything else (an error, a time) left for the application."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return (value - EPOCH_1900).days
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return value
    return ""


def write_printable_view(kit, ws, tracker: Tracker, specs: tuple[ColumnSpec, ...],
                         first_data_row: int, title: str, header_service, entries=()) -> None:
    """Lay the view on ``ws``: a title, the headings, then one row per entry row of the
    tracker sheet (its first at ``first_data_row``, 0-based), and its print setup."""
    by_key = {spec.key: spec for spec in specs}
    shown = [by_key[key] for key in view_columns(tracker)]
    source = tracker.sheet_name.replace("'", "''")
    offset = first_data_row - FIRST_ROW

    def ref(key: str) -> str:
        letter = column_letter(by_key[key].index)
        return f"INDEX('{source}'!${letter}:${letter},ROW(){'+' + str(offset) if offset else ''})"

    base = {"font_size": FONT_PT, "valign": "top"}
    text = kit.format(base, text_wrap=True)
    dated = kit.format(base, num_format=styles.DATE_FORMAT, align="left")
    checks_fmt = kit.format(base, text_wrap=True, font_color="#C00000")
    header = kit.format(styles.HEADER, font_size=FONT_PT)
    kit.text(ws, TITLE_ROW, 0, title, kit.format(styles.TITLE, font_size=12))
    checks = checks_formula(tracker, ref)
    heads = [spec.title for spec in shown] + ([CHECKS_TITLE] if checks else [])
    widths = _fitting([_width(spec) for spec in shown], [CHECKS_WIDTH] if checks else [])
    for c, (head, width) in enumerate(zip(heads, widths)):
        ws.set_column(c, c, width)
        kit.text(ws, HEAD_ROW, c, head, header)
    fit_row(ws, HEAD_ROW, [(h, w, FONT_PT, True) for h, w in zip(heads, widths)])
    entries = list(entries)
    height = ROW_LINES * line_points(FONT_PT) + 4
    _prepare_each_formula_once(ws)
    for n in range(tracker.entry_rows):
        r = FIRST_ROW + n
        entry = entries[n] if n < len(entries) else {}
        for c, spec in enumerate(shown):
            got = ref(spec.key)
            ws.write_formula(r, c, f'=IF({got}="","",{got})',
                             dated if spec.kind is Kind.DATE else text,
                             _cached(entry.get(spec.key)))
        if checks:
            ws.write_formula(r, len(shown), checks, checks_fmt, "")
        ws.set_row(r, height)
    for c, spec in enumerate(shown):
        if spec in rag_columns(shown):
            colour_rag(kit, ws, FIRST_ROW, c, FIRST_ROW + tracker.entry_rows - 1)
    ws.freeze_panes(FIRST_ROW, 0)
    _print_area(kit.wb, tracker, by_key, shown, len(heads), first_data_row)
    print_legibly(ws, widths, FONT_PT, page_header(tracker.title, header_service, VIEW_SHEET),
                  repeat_rows=(HEAD_ROW, HEAD_ROW))
    ws.protect("", {"format_columns": True, "format_rows": True})


def _print_area(workbook, tracker: Tracker, by_key, shown, width: int, first_data_row: int) -> None:
    """The view's print area: its title and headings, then down to the view row of the last
    entry row on the tracker sheet in which any shown column is filled in."""
    source = tracker.sheet_name.replace("'", "''")
    sheet = VIEW_SHEET.replace("'", "''")
    top, bottom = first_data_row + 1, first_data_row + tracker.entry_rows

    def column(key: str) -> str:
        letter = column_letter(by_key[key].index)
        return f"'{source}'!${letter}${top}:${letter}${bottom}"

    filled = "&".join(column(spec.key) for spec in shown)
    last = f"IFERROR(LOOKUP(2,1/(({filled})<>\"\"),ROW({column(shown[0].key)})),0)"
    rows = f"MAX({FIRST_ROW + 1},{last}-{first_data_row - FIRST_ROW})"
    workbook.define_name(f"'{sheet}'!_xlnm.Print_Area",
                         f"=OFFSET('{sheet}'!$A$1,0,0,{rows},{width})")


__all__ = ["VIEW_SHEET", "view_columns", "write_printable_view"]
