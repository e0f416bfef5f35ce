"""The template as the people filling it in meet it (issue 14, items 3, 5 and 6).

The service's name where they will see it; RAG colours and live checks that need no macros;
protection that still lets them format, link evidence and insert or delete rows, with the
reader still reading every entry afterwards; the Instructions first, with a worked example
there and not among the entries; prompts only where they help; paste values only; and every
printed sheet on A4 landscape, legible, headed and numbered, with a printable view.

Inspected with openpyxl and the sheet XML, not with the writer. The LibreOffice side (the
checks computed by a real application, the printed PDF's text sizes) is in
tests/test_template_print.py.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date

import openpyxl
import pytest
from conftest import AS_OF, clean_action, located

from tracker_tool import api
from tracker_tool.batch.services import template_names
from tracker_tool.check.sheet_layout import title_band
from tracker_tool.core.stamp import ServiceIdentity
from tracker_tool.trackers import all_trackers, get_tracker
from tracker_tool.trackers.resolve import check_workbook
from tracker_tool.write.instructions import PASTE_VALUES
from tracker_tool.write.live_checks import live_checks
from tracker_tool.write.paper import MIN_PRINTED_PT, fitted_scale
from tracker_tool.write.printable_view import VIEW_SHEET, view_columns
from tracker_tool.write.prompts import prompted

ROWAN = ServiceIdentity("Rowan Lodge", "Fictional Care Ltd", "1-000000042")
TRACKER = get_tracker("action-plan")
#: The action plan's columns, by letter, that the checks below point at.
ID, TITLE, OWNER, REASON, REVIEW, RAG, DONE_ON, EVIDENCE = "A", "B", "I", "L", "O", "R", "Y", "AA"


@pytest.fixture(scope="module")
def rowan(tmp_path_factory):
    """Rowan Lodge's own action plan, with two entries: its title band takes row 1."""
    path = tmp_path_factory.mktemp("rowan") / "rowan.xlsx"
    return api.build_template("action-plan", path, service=ROWAN, entries=[
        clean_action(), clean_action(action_id="A-002", owner=None)])


@pytest.fixture(scope="module")
def every_kind(tmp_path_factory):
    """A blank per-service template of every kind, opened with openpyxl."""
    folder = tmp_path_factory.mktemp("kinds")
    return {kind: (tracker, openpyxl.load_workbook(
        api.build_template(kind, folder / f"{kind}.xlsx", service=ROWAN)))
        for kind, tracker in all_trackers().items()}


def width(ws, c: int) -> float:
    """Column ``c``'s width; openpyxl files a run of equal columns under its first letter."""
    for dim in ws.column_dimensions.values():
        if dim.min and dim.max and dim.min <= c <= dim.max:
            return dim.width
    return 8.43


def hidden(ws, c: int) -> bool:
    return any(dim.hidden for dim in ws.column_dimensions.values()
               if dim.min and dim.max and dim.min <= c <= dim.max)


def sheet_xml(path, title: str) -> str:
    """The XML of the sheet called ``title``, read from the package, not through a library."""
    with zipfile.ZipFile(path) as z:
        book = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        rid = re.search(rf'<sheet name="{re.escape(title)}" sheetId="\d+" r:id="(rId\d+)"',
                        book).group(1)
        target = re.search(rf'Id="{rid}" Type="[^"]+" Target="([^"]+)"', rels).group(1)
        return z.read("xl/" + target.lstrip("/").removeprefix("xl/")).decode()


# --- Item 3: the service's name, visible -------------------------------------------------


def test_instructions_name_the_service_provider_and_location(rowan):
    ws = openpyxl.load_workbook(rowan)["Instructions"]
    cells = {ws.cell(r, c).value for r in range(1, 12) for c in range(1, 4)}
    assert {"Service", "Rowan Lodge", "Provider", "Fictional Care Ltd", "CQC location ID",
            "1-000000042"} <= cells


def test_title_band_names_the_service_and_the_reader_knows_it_for_its_own(rowan):
    ws = openpyxl.load_workbook(rowan)["Actions"]
    assert ws["A1"].value == title_band(TRACKER, ROWAN)
    assert all(part in ws["A1"].value for part in ("Rowan Lodge", "Fictional Care Ltd",
                                                     "1-000000042"))
    assert ws["A4"].value == "Action ID" and ws["A5"].value == "A-001"
    # Read as the template's own row: no "rows inserted above the header", and the blank
    # owner is found on its own cell, one row lower than in a blank template.
    report = api.validate_workbook(rowan, as_of=AS_OF)
    assert located(report) == {("owner.missing", f"{OWNER}6")}


def test_a_title_someone_typed_above_the_header_is_still_reported(rowan, tmp_path):
    book = openpyxl.load_workbook(rowan)
    book["Actions"]["A1"] = "Our actions for the board"
    book.save(tmp_path / "retitled.xlsx")
    report = api.validate_workbook(tmp_path / "retitled.xlsx", as_of=AS_OF)
    assert ("sheet.rows-above-header", None) in {(f.code, f.cell) for f in report.findings}


def test_file_names_hold_the_service_name():
    names = template_names([ROWAN, ServiceIdentity("St. Mary's / Court", "P", "1-2")],
                           "action-plan")
    assert names == ["rowan-lodge-action-plan.xlsx", "st-mary-s-court-action-plan.xlsx"]


# --- Item 5: a template people want to use ------------------------------------------------


def test_rag_cells_are_coloured_by_their_value(rowan):
    ws = openpyxl.load_workbook(rowan)["Actions"]
    rules = {(str(cf.sqref), rule.formula[0]) for cf in ws.conditional_formatting
             for rule in cf.rules if rule.type == "cellIs"}
    assert rules == {(f"{RAG}5:{RAG}1004", f'"{v}"') for v in ("Red", "Amber", "Green")}


def test_live_checks_cover_the_commonest_findings_on_the_right_cells(rowan):
    ws = openpyxl.load_workbook(rowan)["Actions"]
    by_range = {}
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            if rule.type == "expression":
                by_range.setdefault(str(cf.sqref), []).append(rule.formula[0])
    assert set(by_range) == {f"{c}5:{c}1004" for c in (DONE_ON, EVIDENCE, REASON, OWNER,
                                                         REVIEW)} | {"A5:AL1004"}
    done = 'OR($Q5="Complete",$Q5="Closed")'
    assert by_range[f"{DONE_ON}5:{DONE_ON}1004"] == [f"AND({done},LEN(TRIM($Y5))=0)"]
    assert by_range[f"{EVIDENCE}5:{EVIDENCE}1004"] == [f"AND({done},LEN(TRIM($AA5))=0)"]
    assert by_range[f"{REASON}5:{REASON}1004"] == ['AND($K5="High",LEN(TRIM($L5))=0)']
    assert by_range[f"{OWNER}5:{OWNER}1004"] == ["AND(LEN($B5&$G5)>0,LEN(TRIM($I5))=0)"]
    assert by_range[f"{REVIEW}5:{REVIEW}1004"] == [
        f"AND(ISNUMBER($O5),$O5<TODAY(),NOT({done}))"]
    assert by_range["A5:AL1004"] == [f"AND(ISNUMBER($J5),$J5<TODAY(),NOT({done}))"]
    assert "vbaProject" not in str(zipfile.ZipFile(rowan).namelist())


def test_every_kind_has_its_live_checks_and_every_check_its_cells(every_kind):
    for kind, (tracker, book) in every_kind.items():
        checks = live_checks(tracker)
        words = [c.words for c in checks]
        assert f"{tracker.by_key[tracker.highlights.due_key].title} passed" in words, kind
        assert f"{tracker.by_key[tracker.highlights.owner_key].title} blank" in words, kind
        ws = book[tracker.sheet_name]
        formulas = [r.formula[0] for cf in ws.conditional_formatting for r in cf.rules
                    if r.type == "expression"]
        assert len(formulas) == len(checks), kind
        assert all("TODAY()" in f for f, c in zip(formulas, checks) if c.look == "passed")
    done_checks = {kind for kind, (t, _) in every_kind.items()
                   if t.highlights.completion_keys}
    assert done_checks == set(every_kind) - {"performance-plan"}


def test_protection_allows_formatting_links_and_whole_rows_but_not_columns(rowan):
    xml = sheet_xml(rowan, "Actions")
    protection = re.search(r"<sheetProtection [^>]*/>", xml).group(0)
    # In the file a "0" lifts the lock on that action: these are allowed on the locked sheet.
    for allowed in ("formatCells", "formatColumns", "formatRows", "insertRows", "deleteRows",
                    "insertHyperlinks", "sort", "autoFilter"):
        assert f'{allowed}="0"' in protection, allowed
    for refused in ("insertColumns", "deleteColumns"):
        assert f'{refused}="0"' not in protection, refused
    ws = openpyxl.load_workbook(rowan)["Actions"]
    assert ws.protection.sheet and ws.protection.insertRows is False
    assert ws.protection.formatCells is False and ws.protection.insertHyperlinks is False
    # Every cell of an entry row is unlocked, so Excel lets the whole row be deleted.
    assert ws.row_dimensions[5].protection.locked is False
    assert ws.row_dimensions[1004].protection.locked is False


def test_rows_inserted_and_deleted_among_the_entries_lose_no_entry(tmp_path):
    entries = [clean_action(action_id=f"A-00{n}", title=f"Action {n}") for n in range(1, 6)]
    made = api.build_template("action-plan", tmp_path / "made.xlsx", service=ROWAN,
                              entries=entries)
    book = openpyxl.load_workbook(made)
    ws = book["Actions"]
    ws.insert_rows(7, amount=2)          # two blank rows after A-002
    ws["A7"], ws["B7"] = "A-009", "Inserted action"
    ws.delete_rows(10)                   # A-004, pushed down by the insert
    book.save(tmp_path / "edited.xlsx")
    checked = check_workbook(tmp_path / "edited.xlsx", AS_OF)
    ids = [(row.record.action_id, row.excel_row) for row in checked.context.rows]
    assert ids == [("A-001", 5), ("A-002", 6), ("A-009", 7), ("A-003", 9), ("A-005", 10)]
    assert not [f for f in checked.report.findings if f.code.startswith("sheet.")]


def test_a_new_template_opens_on_instructions_with_a_worked_example(every_kind):
    for kind, (tracker, book) in every_kind.items():
        assert book.active.title == "Instructions", kind
        ws = book["Instructions"]
        heads = [(r, c) for r in range(1, ws.max_row + 1) for c in range(1, 8)
                 if ws.cell(r, c).value == "Worked example"]
        (head_row, col), = heads
        examples = [ws.cell(head_row + 1 + n, col).value for n in range(len(tracker.columns))]
        assert examples == [spec.example or None for spec in tracker.columns], kind
        entry = book[tracker.sheet_name]
        assert all(entry.cell(r, c).value is None for r in range(5, 20)
                   for c in range(1, len(tracker.columns) + 1)), kind


def test_input_messages_only_for_dates_ids_references_and_evidence(rowan):
    ws = openpyxl.load_workbook(rowan)["Actions"]
    prompted_cols = {str(dv.sqref).split(":")[0].rstrip("0123456789")
                     for dv in ws.data_validations.dataValidation if dv.prompt}
    assert {ID, "D", "F", "J", REVIEW, DONE_ON, EVIDENCE, "N"} <= prompted_cols
    assert not {TITLE, OWNER, "C", "K", "Q", RAG} & prompted_cols
    wanted = {get_tracker("action-plan").by_key[k].key for k in ("action_id", "source_ref")}
    assert all(prompted(TRACKER.by_key[k], TRACKER.id_key) for k in wanted)


def test_instructions_say_paste_values_only(rowan):
    ws = openpyxl.load_workbook(rowan)["Instructions"]
    text = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert PASTE_VALUES in text and "Paste Special > Values" in text


# --- Item 6: the template on paper --------------------------------------------------------


def test_printable_view_shows_the_declared_columns_read_live_from_the_entries(rowan):
    book = openpyxl.load_workbook(rowan)
    ws = book[VIEW_SHEET]
    heads = [c.value for c in ws[2] if c.value]
    assert heads == [TRACKER.by_key[k].title for k in view_columns(TRACKER)] + ["Checks"]
    assert view_columns(TRACKER) == TRACKER.view_columns
    assert ws["A3"].value == "=IF(INDEX('Actions'!$A:$A,ROW()+2)=\"\",\"\","\
                             "INDEX('Actions'!$A:$A,ROW()+2))"
    assert "Due date passed" in ws.cell(3, len(heads)).value
    area = book[VIEW_SHEET].print_area or ""
    names = zipfile.ZipFile(rowan).read("xl/workbook.xml").decode()
    assert "_xlnm.Print_Area" in names and "OFFSET(&apos;Printable view&apos;!$A$1" \
        in names.replace("'", "&apos;"), area
    assert ws.protection.sheet


def test_every_printed_sheet_is_a4_landscape_legible_headed_and_numbered(every_kind):
    for kind, (tracker, book) in every_kind.items():
        ours = {"Instructions", tracker.sheet_name, VIEW_SHEET} | (
            {tracker.plan_sheet} if tracker.plan_model else set())
        for ws in book.worksheets:
            if ws.title not in ours:
                continue
            where = f"{kind}: {ws.title}"
            assert ws.page_setup.orientation == "landscape", where
            assert ws.page_setup.paperSize == 9, where
            assert "Rowan Lodge" in ws.oddHeader.left.text, where
            assert tracker.title in ws.oddHeader.center.text, where
            assert ws.oddFooter.center.text == "Page &P of &N", where
            widths = [width(ws, c) for c in range(1, ws.max_column + 1) if not hidden(ws, c)]
            if ws.sheet_properties.pageSetUpPr.fitToPage:
                assert 10 * fitted_scale(widths) >= MIN_PRINTED_PT, where
            else:
                assert ws.page_setup.scale * 10 / 100 >= MIN_PRINTED_PT, where
                assert ws.print_title_cols, where


def test_instructions_rows_are_tall_enough_for_every_cell(every_kind):
    """An estimate of our own, independent of the writer's: at least a 10 pt line for every
    1.3 characters a unit of width can hold, per cell, the tallest cell deciding."""
    for kind, (tracker, book) in every_kind.items():
        ws = book["Instructions"]
        widths = {c: width(ws, c) for c in range(1, 8)}
        merged = {r.min_row: r for r in ws.merged_cells.ranges}
        for r in range(1, ws.max_row + 1):
            needed = 0
            for c in range(1, 8):
                value = ws.cell(r, c).value
                if not isinstance(value, str) or not ws.cell(r, c).alignment.wrap_text:
                    continue
                span = merged.get(r)
                across = (sum(widths[i] for i in range(span.min_col, span.max_col + 1))
                          if span and span.min_col == c else widths[c])
                needed = max(needed, -(-len(value) // int(across * 1.3)) * 10)
            height = ws.row_dimensions[r].height or 15
            assert height >= needed, (kind, r, height, needed)


def test_plan_rows_are_tall_enough_for_item_and_help(every_kind):
    for kind, (tracker, book) in every_kind.items():
        if tracker.plan_model is None:
            continue
        ws = book[tracker.plan_sheet]
        for r in range(3, 3 + len(tracker.plan.columns)):
            help_text = ws.cell(r, 4).value
            needed = -(-len(help_text) // int(width(ws, 4) * 1.3)) * 10
            assert (ws.row_dimensions[r].height or 15) >= needed, (kind, r)


def test_blank_template_of_every_kind_validates_clean_with_its_title_band(tmp_path):
    for kind in all_trackers():
        made = api.build_template(kind, tmp_path / f"{kind}.xlsx", service=ROWAN)
        report = api.validate_workbook(made, as_of=date(2026, 11, 21))
        assert not [f for f in report.findings if f.code.startswith("sheet.")], kind
