"""The audit workbook: same addresses as the returned sheet, problem cells filled and noted,
text kept as text, figures and escalations present, and the input never touched."""

from __future__ import annotations

import hashlib
import zipfile
from datetime import date

import openpyxl
import pytest
from conftest import AS_OF, clean_action, done_action

from tracker_tool import api
from tracker_tool.errors import UsageError
from tracker_tool.write import styles

INJECTIONS = ['=HYPERLINK("http://x","click")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1",
              "\r=1+1", "=cmd|' /C calc'!A0"]


@pytest.fixture
def audited(make_workbook, tmp_path):
    rows = [
        clean_action(),
        clean_action(action_id="A-002", owner="Team", due_date="31/09/2026"),
        done_action(action_id="A-003", completion_evidence=None),
        clean_action(action_id="A-004", date_created=date(2026, 10, 20),
                     due_date=date(2026, 11, 1), priority="High",
                     high_priority_reason="Safeguarding"),
    ]
    source = make_workbook(rows)
    out = tmp_path / "audit.xlsx"
    report, written = api.write_audit(source, out, as_of=AS_OF)
    return report, openpyxl.load_workbook(written), source


def _fill(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:].upper()


def test_problem_cells_are_filled_by_severity_and_carry_the_message(audited):
    report, book, _ = audited
    ws = book["Actions"]
    owner, due = ws["I5"], ws["J5"]
    assert owner.value == "Team" and _fill(owner) == styles.ERROR_FILL[1:].upper()
    assert "is a group" in owner.comment.text
    assert due.value == "31/09/2026" and "not a real calendar date" in due.comment.text
    overdue = ws["J7"]
    assert _fill(overdue) == styles.WARNING_FILL[1:].upper() and "overdue" in overdue.comment.text
    assert ws["I4"].comment is None and _fill(ws["I4"]) != styles.ERROR_FILL[1:].upper()


def test_values_keep_their_addresses_and_types(audited):
    _, book, source = audited
    original = openpyxl.load_workbook(source)["Actions"]
    copy = book["Actions"]
    for ref in ("A4", "B4", "F4", "J4", "Q6", "Y6"):
        assert copy[ref].value == original[ref].value, ref
    assert copy["F4"].number_format == "dd/mm/yyyy"


def test_status_columns_give_a_verdict_per_row(audited):
    _, book, _ = audited
    ws = book["Actions"]
    header = [c.value for c in ws[3]]
    status_col = header.index("Audit result") + 1
    verdicts = [ws.cell(r, status_col).value for r in range(4, 8)]
    assert verdicts[0] == "No problems"
    assert verdicts[1] == "2 errors"
    assert verdicts[2] == "1 error"
    assert verdicts[3].startswith("1 escalation, 1 warning")
    assert "overdue" in ws.cell(7, status_col + 1).value


def test_findings_sheet_has_one_row_per_finding_linked_to_its_cell(audited):
    report, book, _ = audited
    rows = list(book["Findings"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(report.findings)
    assert {(r[1], r[2]) for r in rows} == {(f.code, f.cell) for f in report.findings}
    link = book["Findings"]["C2"].hyperlink
    assert link.location == f"'Actions'!{report.findings[0].cell}"


def test_summary_holds_the_review_figures(audited):
    report, book, _ = audited
    values = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    for fig in report.figures:  # a percentage carries its sign in the cell, not the label
        assert values[fig.label.removesuffix(" (%)")] == fig.value
    assert values["Overdue actions"] == 1 and values["To escalate"] == 1


def test_escalations_sheet_lists_the_action_and_why(audited):
    _, book, _ = audited
    rows = list(book["Escalations"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 1
    row_no, action_id, *_rest = rows[0]
    assert (row_no, action_id) == (7, "A-004")
    assert "linked to safeguarding" in rows[0][6] and rows[0][8] == "Not recorded"


def test_print_setup_for_governance_meetings(audited):
    _, book, _ = audited
    for name in ("Actions", "Findings", "Escalations", "Summary", "Action review"):
        ws = book[name]
        assert ws.page_setup.orientation == "landscape"
        assert "Audit date" in ws.oddHeader.right.text
        if name == "Actions":  # the copy is for the screen: a fixed legible scale, many pages
            assert not ws.sheet_properties.pageSetUpPr.fitToPage
            assert ws.page_setup.scale == 70
            continue
        # fitToWidth 1 is the OOXML default, so the writer leaves it out; 0 high = any length.
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth in (None, 1)
        assert ws.page_setup.fitToHeight == 0
    assert book["Findings"].print_title_rows == "$1:$1"
    assert book["Actions"].print_title_rows == "$1:$3"
    assert book["Actions"].print_title_cols == "$A:$B"
    assert book["Actions"].freeze_panes == "C4"


def test_input_is_never_modified_and_output_cannot_be_the_input(make_workbook):
    source = make_workbook([clean_action(owner=None)])
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    api.write_audit(source, as_of=AS_OF)
    assert hashlib.sha256(source.read_bytes()).hexdigest() == digest
    assert source.with_name(source.stem + "-audit.xlsx").exists()
    with pytest.raises(UsageError):
        api.write_audit(source, source, as_of=AS_OF)
    assert hashlib.sha256(source.read_bytes()).hexdigest() == digest


@pytest.mark.parametrize("payload", INJECTIONS)
def test_formula_like_text_stays_inert_text(make_workbook, tmp_path, payload):
    source = make_workbook([clean_action(title=payload, owner=payload, progress_update=payload)])
    out = tmp_path / "audit.xlsx"
    api.write_audit(source, out, as_of=AS_OF)
    with zipfile.ZipFile(out) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in archive.read(n) for n in sheets)
    book = openpyxl.load_workbook(out)
    copy = book["Actions"]
    # openpyxl leaves XlsxWriter's escape of a carriage return (_x000D_) as it is.
    assert copy["B4"].data_type == "s"
    assert copy["B4"].value.replace("_x000D_", "\r") == payload
    assert copy["B4"].quotePrefix
    assert all(c.data_type != "f" for ws in book.worksheets for row in ws.iter_rows() for c in row)


def test_audit_without_a_tracker_sheet_still_writes_summary_and_findings(tmp_path):
    import xlsxwriter

    foreign = tmp_path / "budget.xlsx"
    wb = xlsxwriter.Workbook(foreign)
    wb.add_worksheet("Budget").write_row(0, 0, ["Item", "Cost"])
    wb.close()
    report, out = api.write_audit(foreign, tmp_path / "a.xlsx", as_of=AS_OF)
    assert [f.code for f in report.findings] == ["workbook.not-a-tracker"]
    assert openpyxl.load_workbook(out).sheetnames == ["Summary", "Findings", "Escalations"]
