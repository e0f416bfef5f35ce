"""The one set of tools every XlsxWriter builder writes with: formats, cells, tables, printing.

Each builder used to carry its own copy of these rules, and the copies drifted apart: the
template wrote pre-filled text without the quote prefix the audit gave it, and the plan
sheet's dropdowns lost the template's wording. Kept here once, a fix to how untrusted text is
written or how a sheet prints reaches every workbook the tool makes. The data-validation
options live in prompts.py beside the other words a column shows, and are re-exported here so
a builder needs this one import.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from tracker_tool.core.atomic import atomic_path, close_workbook, scratch_folder
from tracker_tool.core.cell_values import EPOCH_1900, FORMULA_TRIGGERS, ExcelError
from tracker_tool.errors import UsageError
from tracker_tool.write.fast_xlsxwriter import fast_notes, streamed_worksheet
from tracker_tool.write.layout import lines_needed, row_height
from tracker_tool.write.prompts import header_title, validation

A4, A3 = 9, 8  # XlsxWriter's paper codes
#: From 1 March 1900 on, an Excel serial is just days since EPOCH_1900 (the fake 29 Feb 1900
#: only shifts earlier dates), so such a date can be written as a plain number.
_FIRST_SAFE_SERIAL_DATE = date(1900, 3, 1)


class Kit:
    """One workbook's formats and typed, injection-safe cell writes.

    Formats are cached by their properties because XlsxWriter slows down with thousands of
    formats, and so a builder can ask for a format where it needs it rather than keep a table
    of its own. The cache also remembers each format's properties: that is how the
    quote-prefixed twin of any format is found when text needs one.
    """

    def __init__(self, workbook):
        self.wb = workbook
        self._cache: dict[tuple, object] = {}
        self._props: dict[object, dict] = {}
        self._quoted: dict[object, object] = {}

    def format(self, *parts: dict, **more):
        """The format with these properties (later parts win), made once per workbook."""
        props = {}
        for part in parts:
            props.update(part)
        props.update(more)
        key = tuple(sorted(props.items()))
        fmt = self._cache.get(key)
        if fmt is None:
            fmt = self._cache[key] = self.wb.add_format(props)
            self._props[fmt] = props
        return fmt

    def quoted(self, fmt=None):
        """``fmt`` with the quote prefix: Excel shows the text as typed and, if the cell is
        edited, keeps it text instead of turning it into a formula."""
        twin = self._quoted.get(fmt)
        if twin is None:
            twin = self._quoted[fmt] = self.format({} if fmt is None else self._props[fmt],
                                                   quote_prefix=True)
        return twin

    def format_for(self, value, fmt=None):
        """The format ``value`` is written with: ``fmt``, quote-prefixed for text that starts
        like a formula. A merged range gives the same format to every cell it covers."""
        if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
            return self.quoted(fmt)
        return fmt

    def text(self, ws, r: int, c: int, text: str, fmt=None) -> None:
        """Text as a string cell, never a formula or a link, whoever wrote it.

        Runs for most cells an audit writes, so it calls XlsxWriter's undecorated
        write_string (the public one only adds A1-notation parsing our (row, column) calls
        never need) and tests for a formula-like start inline.
        """
        if isinstance(text, str) and text.startswith(FORMULA_TRIGGERS):
            fmt = self.quoted(fmt)
        ws._write_string(r, c, text, fmt)

    def value(self, ws, r: int, c: int, value, fmt=None, *, date_fmt=None,
              blank: bool = False) -> None:
        """Write ``value`` as the type it is, so numbers and dates stay sortable and text
        stays inert; ``date_fmt`` shows dates, ``blank`` keeps ``fmt`` on an empty cell.

        Exact classes are tried first: the audit copies every cell of a returned sheet
        through here.
        """
        dated = fmt if date_fmt is None else date_fmt
        cls = value.__class__
        if cls is str:
            self.text(ws, r, c, value, fmt)
        elif cls is float or cls is int:
            ws._write_number(r, c, value, fmt)
        elif cls is date and value >= _FIRST_SAFE_SERIAL_DATE:
            # A date is a serial number with a date format; cheaper than write_datetime.
            ws._write_number(r, c, (value - EPOCH_1900).days, dated)
        elif value is None:
            if blank:
                ws.write_blank(r, c, None, fmt)
        elif isinstance(value, ExcelError):
            self.text(ws, r, c, value.code, fmt)
        elif isinstance(value, bool):
            ws.write_boolean(r, c, value, fmt)
        elif isinstance(value, datetime):
            ws.write_datetime(r, c, value, dated)
        elif isinstance(value, date):
            ws.write_datetime(r, c, datetime.combine(value, datetime.min.time()), dated)
        elif isinstance(value, (int, float)):
            ws.write_number(r, c, value, fmt)
        else:
            self.text(ws, r, c, str(value), fmt)

    def table(self, ws, heads: list[tuple[str, float]], fmt, freeze_cols: int = 0) -> None:
        """Start a table at the top of ``ws`` with (heading, width) columns.

        The heading row is tall enough for its wrapped headings, stays in view when
        scrolling and is printed again on every page.
        """
        for c, (title, width) in enumerate(heads):
            ws.set_column(c, c, width)
            self.text(ws, 0, c, title, fmt)
        ws.set_row(0, row_height(max(lines_needed(t, w * 0.9) for t, w in heads)))
        ws.freeze_panes(1, freeze_cols)
        ws.repeat_rows(0, 0)


def new_workbook(path, scratch: Path | None = None):
    """An XlsxWriter workbook for output holding others' data.

    write() and merge_range() would otherwise turn a string into a formula, a link or a
    number on sight; with that off, a stray call can only ever make text. Inf and NaN (a
    returned cell may hold them) are shown as #NUM! instead of stopping the write. Its
    scratch files go in ``scratch`` (see core/atomic.scratch_folder).
    """
    import xlsxwriter

    fast_notes()  # the same bytes, sooner (write/fast_xlsxwriter.py)
    options = {"strings_to_formulas": False, "strings_to_urls": False,
               "strings_to_numbers": False, "nan_inf_to_errors": True}
    if scratch is not None:
        options["tmpdir"] = str(scratch)
    return xlsxwriter.Workbook(str(path), options)


#: A sheet of more rows than this is streamed (see add_sheet); smaller ones are kept whole.
STREAM_ROWS = 5_000


def add_sheet(workbook, name: str, rows: int = 0):
    """A new worksheet; one of more than STREAM_ROWS ``rows`` is streamed to disk.

    XlsxWriter keeps every cell of a sheet in memory until the workbook is closed, over a
    hundred bytes a cell: a 100,000-row audit held its copy of the returned sheet and its
    Findings twice over in memory. A streamed sheet (XlsxWriter's constant_memory mode, for
    this sheet alone) writes each row to a scratch file as the next one begins, so its rows
    must be written top to bottom, and a row's height, hidden state and notes must be set
    before the next row starts; its text is stored in the cell (inline) rather than in the
    shared string table. The values, formats, notes and links are the same either way;
    small sheets keep the shared table, so their bytes do not change.
    """
    if rows <= STREAM_ROWS:
        return workbook.add_worksheet(name)
    return workbook.add_worksheet(name, worksheet_class=streamed_worksheet())


@contextmanager
def output_workbook(out: str | Path, title: str, created: date, marks: dict | None = None,
                    **properties) -> Iterator:
    """A new workbook (new_workbook's) that lands at ``out`` only once all of it is written.

    It is built in a temporary file renamed over ``out`` when closed (core/atomic.py), so a
    crash or Ctrl-C never leaves half a workbook. ``created`` is pinned by the caller (the
    audit date, the template's release) so the same input always gives the same bytes.
    ``marks`` become custom document properties: how a later run knows the file as its own
    output (core/outputs.py), and which run and audit date it came from.

    The name must end in .xlsx: Excel refuses to open a workbook saved under another ending
    (.csv, .xls, .ods), and a manager would take the file for something it is not.
    """
    if Path(out).suffix.casefold() != ".xlsx":
        raise UsageError(f"{out}: an Excel workbook is written to a name ending in .xlsx "
                         f"(not {Path(out).suffix or 'no ending'}); for example "
                         f"{Path(out).with_suffix('.xlsx').name}")
    with atomic_path(out) as tmp, scratch_folder(tmp.parent) as scratch:
        workbook = new_workbook(tmp, scratch)
        workbook.set_properties({"title": title, "author": "tracker-tool",
                                 "created": datetime.combine(created, datetime.min.time()),
                                 **properties})
        for name, value in (marks or {}).items():
            workbook.set_custom_property(name, value)
        yield workbook
        close_workbook(workbook, out)


def filter_rows(ws, rows: int, cols: int, head: int = 0) -> None:
    """A filter on the table headed at row ``head``; an empty table still gets one, on a
    blank row, so the reader sees it is a table and can filter it once rows are added."""
    ws.autofilter(head, 0, head + max(rows, 1), cols - 1)


def print_setup(ws, *, repeat: tuple[int, ...] | None = None, paper: int = A4,
                footer: str | None = None) -> None:
    """Landscape, fitted to the page width, any number of pages long, ``repeat`` rows on
    every page: how care staff and auditors print these sheets for meetings.

    A report sheet gets a ``footer`` (what it is, and page n of m) and the narrow margins
    that leave room for it; templates keep Excel's default margins.
    """
    ws.set_landscape()
    ws.set_paper(paper)
    ws.fit_to_pages(1, 0)
    if repeat:
        ws.repeat_rows(*repeat)
    if footer is not None:
        ws.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        # 10 pt: a sheet fitted to the page width prints at 70% or more, so 7 pt at least.
        ws.set_footer(f"&L&10{footer.replace('&', '&&')}&R&10Page &P of &N")


__all__ = ["A3", "A4", "STREAM_ROWS", "Kit", "add_sheet", "filter_rows", "header_title",
           "new_workbook", "output_workbook", "print_setup", "validation"]
