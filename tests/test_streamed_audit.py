"""A large audit streams its big sheets to disk (write/kit.add_sheet); what it shows must not
change: every cell's value, type, format, note and link, every row's height and hidden state,
the sheet settings. The samples are small and keep their bytes; this lowers the threshold."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import AS_OF

from tracker_tool import api
from tracker_tool.write import audit, kit

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "oakfield-house" / \
    "oakfield-house-actions.xlsx"


def _cell(c) -> tuple:
    return (c.value, c.data_type, c.number_format, c.fill.fgColor.rgb, c.font.b,
            c.alignment.wrap_text, c.alignment.vertical, c.quotePrefix,
            c.comment.text if c.comment else None, c.hyperlink.location if c.hyperlink else None)


def _shown(path: Path) -> dict:
    book = openpyxl.load_workbook(path)
    shown = {}
    for ws in book.worksheets:
        shown[ws.title] = (
            [[_cell(c) for c in row] for row in ws.iter_rows()],
            {k: (v.height, v.hidden) for k, v in ws.row_dimensions.items()
             if v.height or v.hidden},
            {k: v.width for k, v in ws.column_dimensions.items()},
            ws.freeze_panes, ws.auto_filter.ref, ws.print_title_rows,
            sorted(str(r) for r in ws.merged_cells.ranges))
    return shown


@pytest.mark.parametrize("link_limit", [audit.MAX_LINKS, 10])
def test_streamed_sheets_show_the_same(tmp_path, monkeypatch, link_limit):
    monkeypatch.setattr(audit, "MAX_LINKS", link_limit)
    whole = api.write_audit(SAMPLE, tmp_path / "whole.xlsx", as_of=AS_OF)[1]
    monkeypatch.setattr(kit, "STREAM_ROWS", 5)
    streamed = api.write_audit(SAMPLE, tmp_path / "streamed.xlsx", as_of=AS_OF)[1]
    with zipfile.ZipFile(streamed) as z:  # the copy was streamed: its text is inline
        assert b"inlineStr" in z.read("xl/worksheets/sheet3.xml")
    with zipfile.ZipFile(whole) as z:
        assert b"inlineStr" not in z.read("xl/worksheets/sheet3.xml")
    assert _shown(streamed) == _shown(whole)
