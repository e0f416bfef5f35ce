"""The streamed worksheet (write/kit.add_sheet), with a faster writer for its rows.

A streamed sheet is XlsxWriter's constant_memory mode for one sheet: each row goes to a
scratch file as soon as the next one starts, every string stored inline in its cell. For
an audit of a 10,000-row tracker that is about 450,000 cells, and XlsxWriter's own writer
spends more than a second on them: per cell it runs two control-character substitutions,
two whitespace searches and an escape search over each attribute and value, and writes
each cell to the file in a call of its own (issue 16).

Most cells hold plain text or a number with a format, and for those every one of those
steps leaves the text as it is. ``_write_single_row`` below writes such a row's cells as
one string, and hands any other cell (text that needs escaping or keeps outer spaces, a
blank, a formula, a cell without a format of its own) to XlsxWriter's own ``_write_cell``,
in column order, so the sheet's bytes are exactly those XlsxWriter writes.

It leans on XlsxWriter's internals (the row table, ``previous_row``, the cell tuples, the
row tag), so it is used only with the versions it was checked against (FAST_VERSIONS); any
other version writes its rows the stock way. tests/test_streamed_sheet.py compares the two
byte for byte.
"""

from __future__ import annotations

import re
from functools import cache

#: The XlsxWriter releases whose row writer this one was checked against (3.3.0 and 3.3.1),
#: from the first up to but not including the second. pyproject allows 3.2, whose rows
#: keep their attributes elsewhere (``set_rows``): it writes the stock way.
FAST_VERSIONS = ((3, 3), (3, 4))

#: Anything in a string that XlsxWriter's inline-string writer would change or mark: XML
#: specials, control characters and the _xHHHH_ pattern (xmlwriter._escape_data and
#: _escape_control_characters), the two non-characters, and outer whitespace that needs
#: xml:space="preserve" (utility._preserve_whitespace, whose patterns are copied here).
_NEEDS_STOCK = re.compile("[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_|^\\s|\\s$")


def _version(text: str) -> tuple[int, int]:
    major, minor = (text.split(".") + ["0"])[:2]
    return int(major), int(minor)


def streamed_worksheet(fast: bool | None = None):
    """The worksheet class a streamed sheet is made with; ``fast`` None picks the fast row
    writer when the installed XlsxWriter is one of FAST_VERSIONS (tests force either)."""
    if fast is None:
        import xlsxwriter

        fast = FAST_VERSIONS[0] <= _version(xlsxwriter.__version__) < FAST_VERSIONS[1]
    return _worksheet_class(fast)


@cache
def _worksheet_class(fast: bool):
    from xlsxwriter.utility import xl_col_to_name
    from xlsxwriter.worksheet import Worksheet

    class StreamedWorksheet(Worksheet):
        """A worksheet in constant_memory mode inside a workbook that is not."""

        def _initialize(self, init_data) -> None:
            super()._initialize({**init_data, "constant_memory": True})

        def _assemble_xml_file(self) -> None:
            super()._assemble_xml_file()
            self._opt_close()  # the workbook only closes these files in its own mode

    if not fast:
        return StreamedWorksheet

    columns: dict[int, str] = {}
    needs_stock = _NEEDS_STOCK.search

    class FastStreamedWorksheet(StreamedWorksheet):
        def _write_single_row(self, current_row_num=0) -> None:
            row_num = self.previous_row
            cells = self.table.get(row_num)
            if not cells:  # a row of attributes or notes only, or nothing: as XlsxWriter
                super()._write_single_row(current_row_num)
                return
            self.previous_row = current_row_num
            self._write_row(row_num, None, self.row_info.get(row_num))
            row = str(row_num + 1)
            parts = []
            for col in sorted(cells):
                cell = cells[col]
                fmt = cell.format
                kind = cell.__class__.__name__
                if fmt is not None and kind == "String":
                    text = cell.string
                    if not needs_stock(text):
                        name = columns.get(col) or columns.setdefault(col, xl_col_to_name(col))
                        parts.append(f'<c r="{name}{row}" s="{fmt._get_xf_index()}" '
                                     f't="inlineStr"><is><t>{text}</t></is></c>')
                        continue
                elif fmt is not None and kind == "Number":
                    name = columns.get(col) or columns.setdefault(col, xl_col_to_name(col))
                    parts.append(f'<c r="{name}{row}" s="{fmt._get_xf_index()}">'
                                 f'<v>{cell.number:.16G}</v></c>')
                    continue
                if parts:
                    self.fh.write("".join(parts))
                    parts.clear()
                self._write_cell(row_num, col, cell)
            parts.append("</row>")
            self.fh.write("".join(parts))
            self.table.clear()

    return FastStreamedWorksheet


__all__ = ["FAST_VERSIONS", "streamed_worksheet"]
