"""The writer kit (tracker_tool/write/kit.py): the one set of rules every XlsxWriter builder
writes with. Each test writes with the kit and reads the file back with openpyxl, as a
spreadsheet would see it, rather than trusting what the kit was asked to do.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

import openpyxl
import pytest
import xlsxwriter

from tracker_tool import api
from tracker_tool.check.plan_sheet import VALUE_COL
from tracker_tool.core.cell_values import ExcelError
from tracker_tool.core.columns import Kind
from tracker_tool.write.kit import Kit, filter_rows, new_workbook, print_setup
from tracker_tool.write.layout import RowHeights, row_height
from tracker_tool.write.prompts import clip, prompted, validation

#: What a spreadsheet could take for the start of a formula (OWASP CSV injection).
PAYLOADS = ["=1+1", "+1+1", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1",
            '=HYPERLINK("http://x","click")']
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """openpyxl leaves OOXML's escapes of control characters (_x000D_) as they are."""
    return _ESCAPED.sub(lambda m: chr(int(m[1], 16)), text)


def written(tmp_path, write, workbook=None):
    """Write with ``write(kit, ws)`` into a fresh workbook; return the sheet read back."""
    path = tmp_path / "kit.xlsx"
    wb = workbook(path) if workbook else xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Sheet")
    write(Kit(wb), ws)
    wb.close()
    return openpyxl.load_workbook(path)["Sheet"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_that_starts_like_a_formula_is_stored_as_quoted_text(tmp_path, payload):
    """Even in a workbook left with XlsxWriter's defaults, which turn such strings into
    formulas through write(): the kit never calls it."""

    def write(kit, ws):
        kit.text(ws, 0, 0, payload)
        kit.value(ws, 1, 0, payload, kit.format(bold=True))

    ws = written(tmp_path, write)
    for cell in (ws["A1"], ws["A2"]):
        assert cell.data_type == "s"
        assert unescape(cell.value) == payload
        assert cell.quotePrefix
    assert ws["A2"].font.b, "the quoted twin keeps the rest of the format"


def test_ordinary_text_gets_no_quote_prefix_and_stays_text(tmp_path):
    def write(kit, ws):
        kit.text(ws, 0, 0, "Re-audit MAR charts")
        kit.value(ws, 1, 0, "007")  # looks like a number, typed as text

    ws = written(tmp_path, write)
    assert (ws["A1"].value, ws["A1"].quotePrefix) == ("Re-audit MAR charts", False)
    assert (ws["A2"].value, ws["A2"].data_type) == ("007", "s")


def test_values_are_stored_as_their_types(tmp_path):
    dated = {"num_format": "dd/mm/yyyy"}

    def write(kit, ws):
        kit.value(ws, 0, 0, date(2026, 11, 21), kit.format(dated))
        kit.value(ws, 1, 0, date(1900, 1, 15), kit.format(dated))  # before Excel's fake 29 Feb
        kit.value(ws, 2, 0, datetime(2026, 11, 21, 9, 30), kit.format(dated))
        kit.value(ws, 3, 0, 3)
        kit.value(ws, 4, 0, 2.5)
        kit.value(ws, 5, 0, True)
        kit.value(ws, 6, 0, ExcelError("#N/A"))
        kit.value(ws, 7, 0, None)
        kit.value(ws, 8, 0, None, kit.format(locked=False), blank=True)

    ws = written(tmp_path, write)
    assert ws["A1"].value == datetime(2026, 11, 21) and ws["A1"].is_date
    assert ws["A2"].value == datetime(1900, 1, 15) and ws["A2"].is_date
    assert ws["A3"].value == datetime(2026, 11, 21, 9, 30)
    assert (ws["A4"].value, ws["A4"].data_type) == (3, "n")
    assert (ws["A5"].value, ws["A5"].data_type) == (2.5, "n")
    assert (ws["A6"].value, ws["A6"].data_type) == (True, "b")
    assert (ws["A7"].value, ws["A7"].data_type) == ("#N/A", "s")
    assert ws["A8"].value is None and ws["A8"].protection.locked is not False
    assert ws["A9"].value is None and ws["A9"].protection.locked is False


def test_a_date_picks_up_the_date_format_it_is_given(tmp_path):
    """The audit shows a date found in a text column as a date, not as a serial number."""

    def write(kit, ws):
        kit.value(ws, 0, 0, date(2026, 11, 21), kit.format(valign="top"),
                  date_fmt=kit.format(num_format="dd/mm/yyyy"))
        kit.value(ws, 1, 0, "text", kit.format(valign="top"),
                  date_fmt=kit.format(num_format="dd/mm/yyyy"))

    ws = written(tmp_path, write)
    assert ws["A1"].number_format == "dd/mm/yyyy"
    assert ws["A2"].number_format == "General"


def test_formats_are_cached_by_their_properties(tmp_path):
    wb = xlsxwriter.Workbook(str(tmp_path / "cache.xlsx"))
    kit = Kit(wb)
    one = kit.format({"bold": True, "valign": "top"})
    assert kit.format({"valign": "top"}, bold=True) is one
    assert kit.format({"valign": "top", "bold": False}) is not one
    quoted = kit.quoted(one)
    assert quoted is not one
    assert quoted is kit.quoted(one) is kit.format(bold=True, valign="top", quote_prefix=True)
    wb.close()


def test_new_workbook_never_turns_a_string_into_a_formula_or_link(tmp_path):
    """merge_range() and write() go through XlsxWriter's conversions; the kit turns them off."""

    def write(kit, ws):
        ws.write(0, 0, "=1+1")
        ws.merge_range(1, 0, 1, 2, "https://example.org", None)

    ws = written(tmp_path, write, workbook=new_workbook)
    assert (ws["A1"].value, ws["A1"].data_type) == ("=1+1", "s")
    assert ws["A2"].value == "https://example.org" and ws["A2"].hyperlink is None


def test_table_headings_stay_in_view_repeat_in_print_and_an_empty_table_has_a_filter(tmp_path):
    def write(kit, ws):
        kit.table(ws, [("Code", 10), ("A heading long enough to wrap over lines", 8)],
                  kit.format(bold=True), freeze_cols=1)
        filter_rows(ws, 0, 2)

    ws = written(tmp_path, write)
    assert [ws["A1"].value, ws["A1"].font.b] == ["Code", True]
    assert ws.freeze_panes == "B2"
    assert ws.print_title_rows == "$1:$1"
    assert ws.auto_filter.ref == "A1:B2"
    assert ws.column_dimensions["A"].width == pytest.approx(10, abs=1)
    assert ws.row_dimensions[1].height > row_height(1)


def test_print_setup_fits_the_width_and_a_report_gets_a_footer_and_narrow_margins(tmp_path):
    path = tmp_path / "print.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    print_setup(wb.add_worksheet("Template"), repeat=(0, 2))
    print_setup(wb.add_worksheet("Report"), footer="Q3 returns & audits")
    wb.close()
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    template, report = book["Template"], book["Report"]
    assert template.print_title_rows == "$1:$3"
    assert not template.oddFooter.left.text and template.page_margins.left == 0.7
    # '&' is the footer's own control character, so the name's is doubled
    assert report.oddFooter.left.text == "Q3 returns && audits"
    assert "&P of &N" in report.oddFooter.right.text and report.page_margins.left == 0.4


def test_row_heights_take_the_tallest_wrapped_cell_of_a_row():
    class Sheet:
        rows: dict = {}

        def set_row(self, r, height):
            self.rows[r] = height

    heights = RowHeights({0: 10, 1: 10, 2: 10})
    heights.fit(1, 0, "word " * 6)
    heights.fit(1, 1, "word " * 20)
    heights.fit(2, 0, "short")
    heights.fit(3, 0, "word " * 6, last=2)  # merged across three columns: fits on one line
    heights.fit(4, 0, "word " * 20)
    ws = Sheet()
    heights.apply(ws, skip={4})
    assert list(ws.rows) == [1] and ws.rows[1] == row_height(heights.lines[1])
    assert heights.lines[1] > 3


# -- one data-validation builder, for the template's table and its plan sheet alike ---------

def _rules(path, sheet: str) -> list:
    return list(openpyxl.load_workbook(path)[sheet].data_validations.dataValidation)


@pytest.fixture(scope="module")
def ombudsman(tmp_path_factory):
    tracker = api.get_tracker("ombudsman-plan")
    path = api.build_template("ombudsman-plan", tmp_path_factory.mktemp("kit") / "o.xlsx")
    return tracker, path


def test_the_table_and_the_plan_sheet_word_their_checks_alike(ombudsman):
    tracker, path = ombudsman
    table, plan = _rules(path, tracker.sheet_name), _rules(path, tracker.plan_sheet)

    def wording(rules, kind):
        return {(dv.errorTitle, dv.error, dv.prompt if kind == "date" else None)
                for dv in rules if dv.type == kind}

    for kind in ("date", "whole"):
        assert wording(table, kind) and wording(table, kind) == wording(plan, kind), kind
    assert {dv.errorTitle for dv in table if dv.type == "list"} \
        == {dv.errorTitle for dv in plan if dv.type == "list"} == {"Pick from the list"}


def test_long_titles_are_clipped_the_same_way_on_both_sheets(ombudsman):
    """Excel refuses a prompt title over 32 characters; both sheets mark the cut with '…'."""
    tracker, path = ombudsman
    long_titles = [spec for spec in [*tracker.columns, *tracker.plan.columns]
                   if len(spec.title) > 32]
    assert long_titles
    titles = [dv.promptTitle for sheet in (tracker.sheet_name, tracker.plan_sheet)
              for dv in _rules(path, sheet) if dv.promptTitle]
    assert all(len(t) <= 32 for t in titles)
    clipped = [t for t in titles if t.endswith("…")]
    assert len(clipped) >= len({s.title for s in long_titles if prompted(s, tracker.id_key)})
    # Prompts show only where they help (dates, IDs, evidence): a long-titled date is cut.
    as_date = replace(long_titles[0], kind=Kind.DATE)
    assert validation(as_date)["input_title"] == clip(as_date.title, 32)
    assert validation(as_date)["input_title"].endswith("…")


def test_dropdowns_come_from_the_lists_sheet_in_the_table_and_inline_on_the_plan(ombudsman):
    tracker, path = ombudsman
    table = [dv.formula1 for dv in _rules(path, tracker.sheet_name) if dv.type == "list"]
    plan = [dv.formula1 for dv in _rules(path, tracker.plan_sheet) if dv.type == "list"]
    assert table and all(f.startswith("list_") for f in table)
    assert plan and all(f.startswith('"') for f in plan)


def test_plan_values_are_written_by_the_kit(tmp_path):
    """The plan sheet's entries follow the same typed, injection-safe rule as the table's."""
    tracker = api.get_tracker("performance-plan")
    keys = [spec.key for spec in tracker.plan.columns]
    path = api.build_template("performance-plan", tmp_path / "p.xlsx",
                              plan={keys[0]: "=HYPERLINK(1)", keys[2]: date(2026, 8, 17)},
                              entries=[{tracker.columns[1].key: "+1"}])
    book = openpyxl.load_workbook(path)
    plan = book[tracker.plan_sheet]
    first = 3  # Excel row of the first plan item
    name = plan.cell(first, VALUE_COL + 1)
    assert (name.value, name.data_type, name.quotePrefix) == ("=HYPERLINK(1)", "s", True)
    assert plan.cell(first + 2, VALUE_COL + 1).value == datetime(2026, 8, 17)
    assert plan.cell(first + 1, VALUE_COL + 1).protection.locked is False
    table = book[tracker.sheet_name]
    typed = [c for row in table.iter_rows() for c in row if c.value == "+1"]
    assert typed and typed[0].quotePrefix and typed[0].data_type == "s"
