"""The fast row and note writers write exactly the bytes XlsxWriter's own do."""

from __future__ import annotations

import io
import random
import zipfile
from datetime import date, datetime

import pytest
import xlsxwriter

from tracker_tool.write.fast_xlsxwriter import (
    FAST_VERSIONS,
    _copy_text_bytes,
    _version,
    fast_notes,
    streamed_worksheet,
)
from tracker_tool.write.kit import new_workbook

#: Cells that take every branch: plain text and numbers (the fast path), and text the stock
#: writer must escape, mark or keep as rich text, blanks, booleans, dates, formulas, links,
#: cells without a format, non-finite numbers.
AWKWARD = ["plain words", "A & B < C > D", 'say "hi"', "line one\nline two", "ends in newline\n",
           " leading space", "trailing space ", "\ttab first", "bell\x07inside", "_x0041_ typed",
           "<r>not rich</r>", "\ufffe odd", "£ café – naïve ☂", "", "=1+1", "x" * 40_000]


def _write(path, fast: bool) -> bytes:
    wb = new_workbook(path)
    fast_notes(fast)  # after new_workbook, which sets the default
    wb.set_properties({"created": datetime(2026, 11, 21)})
    ws = wb.add_worksheet("Streamed", worksheet_class=streamed_worksheet(fast))
    fmt = wb.add_format({"text_wrap": True, "valign": "top"})
    dated = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.set_column(3, 3, 20, wb.add_format({"bold": True}))
    r = 0
    for r, text in enumerate(AWKWARD):
        ws.set_row(r, 30 if r % 3 == 0 else None, None, {"hidden": r == 4})
        ws._write_string(r, 0, text, fmt)
        ws._write_string(r, 1, text)  # no format of its own
        ws._write_number(r, 2, r * 1.5 + 1e-9, fmt)
        ws._write_string(r, 3, text)  # the column's format
        ws.write_blank(r, 4, None, fmt)
        ws.write_boolean(r, 5, bool(r % 2), fmt)
        ws.write_datetime(r, 6, datetime(2026, 1, 1 + r), dated)
        ws._write_number(r, 7, 10 ** r, fmt)
        if r % 4 == 1:
            ws.write_comment(r, 0, f"note {r}: {text[:30]}")
            ws.write_comment(r, 3, text[:200] or " ", {"x_scale": 2.4, "y_scale": 1.6,
                                                        "author": "tracker-tool audit",
                                                        "visible": r == 5})
        elif r % 4 == 2:
            ws.write_comment(r, 2, f"[E] {text[:50]}", {"author": 'A & "B"', "font_size": 12,
                                                        "color": "#FF0000",
                                                        "font_name": "Arial"})
            ws.write_url(r, 8, "internal:'Streamed'!A1", fmt, string="back to top")
            ws.write_formula(r, 9, "=A1&B1", fmt, "value")
            ws.write_formula(r, 10, '=A1&"\r\n"&"\r"', fmt, "line ends kept raw\r")
    ws.set_row(r + 2, 40)  # attributes only
    ws.write_comment(r + 3, 2, "a note on an empty row")
    ws._write_number(r + 5, 0, float("nan"), fmt)
    ws._write_number(r + 5, 1, float("inf"), fmt)
    ws._write_string(r + 5, 20, "far column", fmt)
    ws._write_number(r + 6, 16_383, date(2026, 1, 1).toordinal(), fmt)
    assert ws._write_string(r + 5, 0, "a row already written", fmt) == -1
    assert ws._write_number(r + 5, 1, 1.0, fmt) == -1
    ws2 = wb.add_worksheet("Kept whole")  # notes on a sheet that is not streamed
    ws2.write_comment(0, 0, "a note", {"author": "tracker-tool audit"})
    ws2.write_comment(3, 1, "  spaced  ", {"author": "someone else"})
    # Dimensions widened left and right by cells after the first of a row (and a column past
    # the last), by text on one sheet and by numbers on another.
    for name, put in (("Text", "_write_string"), ("Numbers", "_write_number")):
        sheet = wb.add_worksheet(name, worksheet_class=streamed_worksheet(fast))
        for r, columns in enumerate(((4, 2, 16_384), (3, 7), (9, 1), (6, 12))):
            for c in columns:
                getattr(sheet, put)(r, c, f"column {c}" if put == "_write_string" else c, fmt)
    # Notes sharing one set of options (copied after the first, write_comment), at the
    # corners where XlsxWriter moves a note, placed by their options, too long, too late.
    notes = wb.add_worksheet("Notes", worksheet_class=streamed_worksheet(fast))
    shared = {"x_scale": 2.4, "y_scale": 1.6, "author": "tracker-tool audit"}
    for r, c in ((0, 0), (0, 16_383), (1, 2), (1, 16_381), (2, 16_382), (3, 1)):
        notes._write_string(r, c, "noted", fmt)
        assert notes.write_comment(r, c, f"[E] note at {r}, {c}", dict(shared)) == 0
    assert notes.write_comment(4, 0, "x" * 20_000, shared) == 0
    assert notes.write_comment(4, 16_384, "past the last column", shared) == -1
    for r in (5, 6):
        notes.write_comment(r, 3, f"placed {r}", {**shared, "start_cell": "H2", "x_offset": 5})
    notes.write_comment(7, 2, "visible", {**shared, "visible": True})
    notes.write_comment(8, 2, "shared again", shared)
    notes._write_string(10, 0, "a later row", fmt)
    assert notes.write_comment(9, 1, "too late", shared) == -1
    wb.close()
    with zipfile.ZipFile(path) as z:
        return b"".join(z.read(name) for name in ("xl/worksheets/sheet1.xml",
                                                  "xl/worksheets/sheet3.xml",
                                                  "xl/worksheets/sheet4.xml",
                                                  "xl/drawings/vmlDrawing1.vml",
                                                  "xl/comments1.xml", "xl/comments2.xml",
                                                  "xl/drawings/vmlDrawing3.vml",
                                                  "xl/comments3.xml"))


def test_fast_rows_and_notes_are_byte_identical_to_xlsxwriters(tmp_path):
    try:
        fast = _write(tmp_path / "fast.xlsx", True)
        stock = _write(tmp_path / "stock.xlsx", False)
    finally:
        fast_notes()
    assert b'<c r="A1" s="1" t="inlineStr"><is><t>plain words</t></is></c>' in fast
    assert b"_x005F_x0041_" in fast and b'xml:space="preserve"' in fast
    assert b"<x:Visible/>" in fast
    assert b"<author>A &amp; \"B\"</author>" in fast
    assert b'<rFont val="Arial"/>' in fast and b'fillcolor="#ff0000"' in fast
    assert fast == stock
    assert (tmp_path / "fast.xlsx").read_bytes() == (tmp_path / "stock.xlsx").read_bytes()


@pytest.mark.parametrize("linesep", [b"\n", b"\r\n"])
def test_rows_copied_as_bytes_change_line_ends_as_a_text_copy_would(linesep):
    rng = random.Random(16)
    for _ in range(300):
        data = "".join(rng.choice(["a", "é", "\r", "\n", "\r\n", "<c/>"])
                       for _ in range(rng.randint(0, 40))).encode()
        as_text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8").read()
        out = io.BytesIO()
        _copy_text_bytes(io.BytesIO(data), out, linesep, chunk=rng.randint(1, 5))
        assert out.getvalue() == as_text.replace("\n", linesep.decode()).encode(), data


def test_fast_rows_only_with_the_versions_checked():
    in_range = FAST_VERSIONS[0] <= _version(xlsxwriter.__version__) < FAST_VERSIONS[1]
    chosen = streamed_worksheet()
    assert (chosen is streamed_worksheet(True)) is in_range
    assert "_write_single_row" in vars(streamed_worksheet(True))
    assert "_write_single_row" not in vars(streamed_worksheet(False))
    from xlsxwriter import packager

    fast_notes()  # as new_workbook does before each workbook: the checked writers or stock
    assert (packager.Vml.__name__ == "FastVml") is in_range
    assert (packager.Comments.__name__ == "FastComments") is in_range
    assert _version("3.3.1") == (3, 3) and _version("4") == (4, 0)
