"""The places the writers replace XlsxWriter's own code, for speed (issue 16).

Both write exactly the bytes XlsxWriter writes (tests/test_fast_xlsxwriter.py compares them),
lean on XlsxWriter's internals, and so are used only with the releases they were checked
against (FAST_VERSIONS); any other release writes the stock way.

**A streamed sheet's rows** (write/kit.add_sheet). A streamed sheet is XlsxWriter's
constant_memory mode for one sheet: each row goes to a scratch file as soon as the next one
starts, every string stored inline in its cell. An audit of a 10,000-row tracker has about
450,000 cells, and XlsxWriter's own writer spent more than a second on them: per cell it runs
two control-character substitutions, two whitespace searches and an escape search over each
attribute and value, and writes each cell to the file in a call of its own. Most cells hold
plain text, a number or nothing, with a format, and for those every one of those steps leaves the text
as it is. ``_write_single_row`` below writes such a row's cells as one string, and hands any
other cell (text that needs escaping or keeps outer spaces, a formula, a cell without a
format of its own) to XlsxWriter's own ``_write_cell``, in column order. Cells after the
first of a row are stored without XlsxWriter's per-cell checks, notes sharing options are
copied from the one before, and the rows are copied into the sheet's file as bytes.

**The shapes of notes** (the VML drawing). The audit puts a note on every problem cell,
15,000 of them in that audit, and XlsxWriter writes each note's shape as some twenty
elements, one call and one escape search each, of which only the position, the anchor and
the cell differ from one note to the next. ``_write_comment_shape`` below writes the shape as
one string; ``_write_comment`` writes a note's text with its font made once.
"""

from __future__ import annotations

import os
import re
from functools import cache

#: The XlsxWriter releases these were checked against (3.3.0 and 3.3.1), from the first up
#: to but not including the second. pyproject allows 3.2, whose rows keep their attributes
#: elsewhere (``set_rows``): it writes the stock way.
FAST_VERSIONS = ((3, 3), (3, 4))

#: What in a string XlsxWriter's inline-string writer would change or mark: XML specials,
#: control characters (xmlwriter._escape_data and _escape_control_characters) and the two
#: non-characters; the _xHHHH_ pattern it escapes too; and outer whitespace, which needs
#: xml:space="preserve" (utility._preserve_whitespace's ^\s and \s$, that is the first or
#: the last character being whitespace: $ also matches before a last newline, itself
#: whitespace). Tested apart, as one pattern holding all of them took twice as long over the
#: 350,000 texts of a 10,000-row audit.
_ESCAPED = re.compile("[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]")
_HEX_MARK = re.compile("_x[0-9a-fA-F]{4}_")
#: write_comment's options that place a note away from where its cell puts it.
_PLACING = frozenset({"start_row", "start_col", "start_cell", "x_offset", "y_offset"})


def _version(text: str) -> tuple[int, int]:
    major, minor = (text.split(".") + ["0"])[:2]
    return int(major), int(minor)


def _checked_release() -> bool:
    import xlsxwriter

    return FAST_VERSIONS[0] <= _version(xlsxwriter.__version__) < FAST_VERSIONS[1]


def streamed_worksheet(fast: bool | None = None):
    """The worksheet class a streamed sheet is made with; ``fast`` None picks the fast row
    writer when the installed XlsxWriter is one of FAST_VERSIONS (tests force either)."""
    return _worksheet_class(_checked_release() if fast is None else fast)


@cache
def _worksheet_class(fast: bool):
    from xlsxwriter.comments import CommentType
    from xlsxwriter.utility import xl_col_to_name
    from xlsxwriter.worksheet import (
        CellBlankTuple,
        CellNumberTuple,
        CellStringTuple,
        Worksheet,
    )

    class StreamedWorksheet(Worksheet):
        """A worksheet in constant_memory mode inside a workbook that is not."""

        def _initialize(self, init_data) -> None:
            super()._initialize({**init_data, "constant_memory": True})

        def _assemble_xml_file(self) -> None:
            super()._assemble_xml_file()
            self._opt_close()  # the workbook only closes these files in its own mode

    if not fast:
        return StreamedWorksheet

    escaped, hex_mark = _ESCAPED.search, _HEX_MARK.search
    plain_kinds = (CellStringTuple, CellNumberTuple, CellBlankTuple)
    inf = float("inf")
    make = tuple.__new__  # a cell's named tuple, without the constructor's own call (half)

    class FastStreamedWorksheet(StreamedWorksheet):
        # A cell after the first of its row is stored here without XlsxWriter's checks,
        # which for it can only let it through: the row is the one being filled (so in
        # bounds, already in the sheet's dimensions and not yet written out) and only the
        # column can widen the dimensions. Any other cell, a text long enough to need the
        # length check, NaN or infinity, goes to XlsxWriter's own writer, which marks its
        # row as the one being filled (_fast_row) once it has stored a cell there.
        _fast_row = -1

        def _write_string(self, row, col, string, cell_format=None):
            if (row == self._fast_row and row == self.previous_row and 0 <= col < 16_384
                    and len(string) <= 16_383):
                if col < self.dim_colmin:
                    self.dim_colmin = col
                elif col > self.dim_colmax:
                    self.dim_colmax = col
                self.table[row][col] = make(CellStringTuple, (string, cell_format))
                return 0
            status = super()._write_string(row, col, string, cell_format)
            if status == 0:
                self._fast_row = row
            return status

        def _write_number(self, row, col, number, cell_format=None):
            if (row == self._fast_row and row == self.previous_row and 0 <= col < 16_384
                    and (number.__class__ is float or number.__class__ is int)
                    and -inf < number < inf):
                if col < self.dim_colmin:
                    self.dim_colmin = col
                elif col > self.dim_colmax:
                    self.dim_colmax = col
                self.table[row][col] = make(CellNumberTuple, (number, cell_format))
                return 0
            status = super()._write_number(row, col, number, cell_format)
            if status == 0:
                self._fast_row = row
            return status

        def _write_optimized_sheet_data(self) -> None:
            # XlsxWriter copies the rows from the scratch file as text, decoding and
            # encoding again some 30 MB for the 10,000-row audit; _copy_text_bytes copies
            # the bytes, changing only what that round trip changes: line ends.
            if self.dim_rowmin is None:
                super()._write_optimized_sheet_data()
                return
            self._xml_start_tag("sheetData")
            self.row_data_fh.close()
            self.fh.flush()
            with open(self.row_data_filename, "rb") as rows:
                _copy_text_bytes(rows, self.fh.buffer)
            os.unlink(self.row_data_filename)
            self._xml_end_tag("sheetData")

        # A note made with the same options as the one before (the audit gives all its
        # notes one set) is a copy of that one with its own cell, text and the offsets
        # XlsxWriter gives a note from its cell (CommentType.set_offsets): reading the
        # options again gives the same fields. Options that place the note themselves, a
        # cell given in A1 notation or a text that may be too long go the stock way.
        _fast_note = None

        def write_comment(self, row, col, comment, options=None):
            made = self._fast_note
            if (made is None or options != made[0] or row.__class__ is not int
                    or col.__class__ is not int or len(comment) > 16_383):
                status = super().write_comment(row, col, comment, options)
                if (status == 0 and options and row.__class__ is int
                        and col.__class__ is int and not options.keys() & _PLACING):
                    self._fast_note = (dict(options), self.comments[row][col])
                return status
            if self._check_dimensions(row, col):
                return -1
            note = object.__new__(CommentType)
            note.__dict__.update(made[1].__dict__)
            note.row, note.col, note.text = row, col, comment
            note.set_offsets(row, col)
            self.comments[row][col] = note
            return 0

        def _write_single_row(self, current_row_num=0) -> None:
            row_num = self.previous_row
            cells = self.table.get(row_num)
            if not cells:  # a row of attributes or notes only, or nothing: as XlsxWriter
                super()._write_single_row(current_row_num)
                return
            self.previous_row = current_row_num
            self._write_row(row_num, None, self.row_info.get(row_num))
            row = str(row_num + 1)
            # A cell's tag but for its row (its start to the column's name, and the format's
            # index), kept by (column, format) for the sheet; text, the commonest, tried first.
            heads = self.__dict__.setdefault("_fast_heads", {})
            parts = []
            append = parts.append
            for col in sorted(cells):
                cell = cells[col]
                cls = cell.__class__
                fmt = cell.format if cls in plain_kinds else None
                if fmt is not None:
                    head = heads.get((col, fmt))
                    if head is None:
                        head = heads[col, fmt] = (f'<c r="{xl_col_to_name(col)}',
                                                  f'" s="{fmt._get_xf_index()}"')
                    if cls is CellStringTuple:
                        text = cell[0]
                        if not (escaped(text) or text[:1].isspace() or text[-1:].isspace()
                                or ("_x" in text and hex_mark(text))):
                            append(f'{head[0]}{row}{head[1]} t="inlineStr"><is><t>{text}'
                                   '</t></is></c>')
                            continue
                    elif cls is CellNumberTuple:
                        append(f'{head[0]}{row}{head[1]}><v>{cell[0]:.16G}</v></c>')
                        continue
                    else:  # a fill and no value
                        append(f'{head[0]}{row}{head[1]}/>')
                        continue
                if parts:
                    self.fh.write("".join(parts))
                    parts.clear()
                self._write_cell(row_num, col, cell)
            parts.append("</row>")
            self.fh.write("".join(parts))
            self.table.clear()

    return FastStreamedWorksheet


def _copy_text_bytes(src, dst, linesep: bytes = os.linesep.encode(),
                     chunk: int = 1 << 20) -> None:
    """Copy UTF-8 text from binary ``src`` to ``dst`` as reading it as text and writing it
    as text would: each of \\r\\n, \\r and \\n becomes ``linesep`` (universal newlines, then
    the platform's line end); without a \\r on a \\n platform, the bytes as they are."""
    carried = b""  # a \r at a chunk's end, which may be half of a \r\n
    while block := src.read(chunk):
        block, carried = carried + block, b""
        if linesep != b"\n" or b"\r" in block:
            if block.endswith(b"\r"):
                block, carried = block[:-1], b"\r"
            block = block.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
            if linesep != b"\n":
                block = block.replace(b"\n", linesep)
        dst.write(block)
    if carried:
        dst.write(linesep)


def fast_notes(fast: bool | None = None) -> None:
    """Have XlsxWriter write the shapes of notes with FastVml (``fast`` None: when the
    installed release is one of FAST_VERSIONS), or with its own Vml (``fast`` False).

    Its packager makes the VML writer itself, so the class is swapped in the packager's
    module, for every workbook of the process: their bytes are the same either way.
    """
    from xlsxwriter import packager
    from xlsxwriter.comments import Comments
    from xlsxwriter.vml import Vml

    use = _checked_release() if fast is None else fast
    packager.Vml = _fast_vml() if use else Vml
    packager.Comments = _fast_comments() if use else Comments


@cache
def _fast_comments():
    import io

    from xlsxwriter.comments import Comments
    from xlsxwriter.utility import xl_rowcol_to_cell

    class FastComments(Comments):
        def _write_comment(self, comment, author_id: int) -> None:
            # The run's font, written by XlsxWriter once per font rather than once a note.
            fonts = self.__dict__.setdefault("_fast_fonts", {})
            key = (comment.font_size, comment.font_name, comment.font_family)
            font = fonts.get(key)
            if font is None:
                self.fh, sink = io.StringIO(), self.fh
                try:
                    self._write_r_pr(comment)
                    font = fonts[key] = self.fh.getvalue()
                finally:
                    self.fh = sink
            ref = self._escape_attributes(xl_rowcol_to_cell(comment.row, comment.col))
            author = f' authorId="{author_id}"' if author_id != -1 else ""
            self.fh.write(f'<comment ref="{ref}"{author}><text><r>{font}')
            self._write_text_t(comment.text)
            self.fh.write("</r></text></comment>")

    return FastComments


@cache
def _fast_vml():
    from xlsxwriter.vml import Vml

    class FastVml(Vml):
        def _write_comment_shape(self, shape_id, z_index, comment) -> None:
            left, top, width, height = self._pixels_to_points(comment.vertices)
            visible = comment.is_visible
            style = (f"position:absolute;margin-left:{left:.15g}pt;margin-top:{top:.15g}pt;"
                     f"width:{width:.15g}pt;height:{height:.15g}pt;z-index:{z_index};"
                     f"visibility:{'visible' if visible else 'hidden'}")
            v = comment.vertices
            anchor = ", ".join(str(i) for i in (v[0], v[2], v[1], v[3], v[4], v[6], v[5], v[7]))
            escape = self._escape_attributes
            self.fh.write(
                f'<v:shape id="_x0000_s{shape_id}" type="#_x0000_t202" style="{escape(style)}" '
                f'fillcolor="{escape(comment.color._vml_rgb_hex_value())}" '
                'o:insetmode="auto"><v:fill color2="#ffffe1"/>'
                '<v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>'
                '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div>'
                '</v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/>'
                f'<x:SizeWithCells/><x:Anchor>{anchor}</x:Anchor><x:AutoFill>False</x:AutoFill>'
                f'<x:Row>{comment.row}</x:Row><x:Column>{comment.col}</x:Column>'
                f'{"<x:Visible/>" if visible else ""}</x:ClientData></v:shape>')

    return FastVml


__all__ = ["FAST_VERSIONS", "fast_notes", "streamed_worksheet"]
