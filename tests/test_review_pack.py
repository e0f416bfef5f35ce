"""The audit workbook's Review pack sheet: the s21 verdicts, the s12 list, the overdue tables and
native charts drawn from those tables, with every name from the return kept as text."""

from __future__ import annotations

import posixpath
import re
import zipfile
from datetime import date

import openpyxl
import pytest
from conftest import AS_OF, clean_action, done_action
from defusedxml import ElementTree

from tracker_tool import api
from tracker_tool.write import styles
from tracker_tool.write.review_pack import SHEET

HYPERLINK = '=HYPERLINK("http://x","y")'
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
NS = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
#: What the rows below were built to cause, by question key.
EXPECTED = {"clear": "Met", "owned": "Not met", "evidenced": "Met", "escalated": "Not met",
            "themes": "Met"}


def _rows():
    """Three overdue actions in three ageing bands (11, 52 and 112 days past due on AS_OF),
    a group owner (owners Not met), one completed action with evidence (evidence Met), and a
    theme raised three times with every action linked to the risk register (themes Met)."""
    return [
        clean_action(action_id="RP-001", theme="Falls", linked_risk="R-12"),
        clean_action(action_id="RP-002", date_created=date(2026, 10, 1),
                     due_date=date(2026, 11, 10)),
        clean_action(action_id="RP-003", owner=HYPERLINK, date_created=date(2026, 8, 1),
                     due_date=date(2026, 9, 30)),
        clean_action(action_id="RP-004", date_created=date(2026, 6, 1),
                     due_date=date(2026, 8, 1)),
        clean_action(action_id="RP-005", owner="Team", theme="Falls", linked_risk="R-12"),
        done_action(action_id="RP-006", theme="Falls", linked_risk="R-12"),
    ]


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review")
    source = folder / "tracker.xlsx"
    api.build_template("action-plan", source, entries=_rows())
    out = folder / "audit.xlsx"
    report, written = api.write_audit(source, out, as_of=AS_OF)
    return report, written, openpyxl.load_workbook(written)


def section(ws, heading: str) -> list[tuple]:
    """The data rows of the table under ``heading``: from below its header to a blank row."""
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, row in enumerate(rows) if row[0] == heading) + 2
    found = []
    for row in rows[start:]:
        if row[0] is None:
            break
        found.append(row)
    return found


def test_sheet_comes_right_after_summary(audit):
    _, _, book = audit
    assert book.sheetnames[:2] == ["Summary", SHEET]


def test_each_audit_question_shows_the_verdict_its_data_earns(audit):
    report, _, book = audit
    ws = book[SHEET]
    shown = {row[0]: row for row in section(ws, "Quarterly audit (s21)")}
    assert len(shown) == len(report.review.audit_questions) == 8
    for answer in report.review.audit_questions:
        _, clause, figure, _, _, verdict, detail = shown[answer.question]
        assert (clause, figure, verdict, detail) == (answer.clause, answer.figure,
                                                      answer.verdict, answer.detail)
    verdicts = {a.key: shown[a.question][5] for a in report.review.audit_questions}
    assert {key: verdicts[key] for key in EXPECTED} == EXPECTED


def test_verdict_cells_are_filled_by_outcome(audit):
    _, _, book = audit
    ws = book[SHEET]
    fills = {}
    for row in ws.iter_rows():
        if row[5].value in ("Met", "Not met", "Nothing to judge"):
            fills[row[5].value] = (row[5].fill.fgColor.rgb or "")[-6:].upper()
    assert fills["Met"] == styles.OK_FILL[1:].upper()
    assert fills["Not met"] == styles.ERROR_FILL[1:].upper()
    assert fills["Nothing to judge"] not in (styles.OK_FILL[1:].upper(),
                                             styles.ERROR_FILL[1:].upper())


def test_monthly_review_lists_exactly_the_overdue_actions(audit):
    report, _, book = audit
    rows = {row[0]: row for row in section(book[SHEET], "Monthly review (s12)")}
    label = next(i.label for i in report.review.monthly_review if i.key == "overdue")
    count, actions = rows[label][2:4]
    assert count == 3 and actions.split(", ") == ["RP-002", "RP-003", "RP-004"]
    assert len(rows) == len(report.review.monthly_review)


def test_overdue_by_owner_and_ageing_hold_the_counts(audit):
    _, _, book = audit
    ws = book[SHEET]
    owners = {row[0]: row[1] for row in section(ws, "Overdue by owner")}
    assert owners == {"Priya Shah": 2, HYPERLINK: 1}
    ageing = [(row[0], row[1]) for row in section(ws, "Ageing of overdue actions")]
    assert ageing == [("0-30 days", 1), ("31-60 days", 1), ("61-90 days", 0),
                      ("Over 90 days", 1)]


def test_repeated_theme_shows_its_risk_register_link(audit):
    _, _, book = audit
    rows = section(book[SHEET], "Repeated themes")
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [("Falls", 3, "Yes", "R-12")]


def test_on_time_closure_rate_is_shown(audit):
    report, _, book = audit
    rows = list(book[SHEET].iter_rows(values_only=True))
    at = next(i for i, row in enumerate(rows) if row[0] == "On-time closure")
    assert rows[at + 1][0] == report.review.on_time_closure_rate == 100.0
    assert rows[at + 1][1].startswith("1 of 1 completed actions")


def test_formula_like_owner_stays_a_plain_string(audit):
    _, written, book = audit
    ws = book[SHEET]
    cells = [c for row in ws.iter_rows() for c in row if c.value == HYPERLINK]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    with zipfile.ZipFile(written) as archive:
        assert b"<f>" not in archive.read(_sheet_part(archive))


def _sheet_part(archive: zipfile.ZipFile) -> str:
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rid = next(s.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
               for s in book.iterfind("m:sheets/m:sheet", NS) if s.get("name") == SHEET)
    return "xl/" + _targets(archive, "xl/workbook.xml")[rid]


def _targets(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    """A part's relationships, as id -> target relative to the part's folder."""
    folder, name = posixpath.split(part)
    rels = ElementTree.fromstring(archive.read(f"{folder}/_rels/{name}.rels"))
    return {r.get("Id"): r.get("Target") for r in rels.iter(REL)}


def _charts_of_sheet(archive: zipfile.ZipFile) -> list[str]:
    sheet = _sheet_part(archive)
    drawings = [posixpath.normpath(posixpath.join(posixpath.dirname(sheet), t))
                for t in _targets(archive, sheet).values() if "drawings/" in t]
    assert len(drawings) == 1
    return sorted(posixpath.normpath(posixpath.join(posixpath.dirname(drawings[0]), t))
                  for t in _targets(archive, drawings[0]).values() if "charts/" in t)


def _refs(xml: bytes) -> list[str]:
    return [f.text for f in ElementTree.fromstring(xml).iter(f"{{{NS['c']}}}f")]


def _cells(ws, ref: str) -> list:
    sheet, cells = ref.rsplit("!", 1)
    assert sheet.strip("'") == SHEET
    got = ws[cells.replace("$", "")]
    if not isinstance(got, tuple):
        return [got.value]
    return [c.value for row in got for c in row]


def test_three_native_charts_read_the_tables_on_the_sheet(audit):
    report, written, book = audit
    ws = book[SHEET]
    with zipfile.ZipFile(written) as archive:
        charts = _charts_of_sheet(archive)
        assert len(charts) == 3
        parts = [n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
        assert sorted(parts) == charts
        kinds = {}
        for part in charts:
            xml = archive.read(part)
            kind = re.search(rb"<c:(barChart|lineChart|pieChart)>", xml).group(1)
            direction = re.search(rb'<c:barDir val="(\w+)"', xml).group(1)
            grouping = re.search(rb'<c:grouping val="(\w+)"', xml).group(1)
            kinds[(kind, direction, grouping)] = [_cells(ws, ref) for ref in _refs(xml)]
    owners = kinds[(b"barChart", b"bar", b"clustered")]
    assert [n for n, _ in report.review.overdue_by_owner] in owners
    assert [n for _, n in report.review.overdue_by_owner] in owners
    ageing = kinds[(b"barChart", b"col", b"clustered")]
    assert [b for b, _ in report.review.ageing] in ageing and [1, 1, 0, 1] in ageing
    stacked = kinds[(b"barChart", b"col", b"stacked")]
    assert list(report.review.status_by_priority) in stacked
    statuses = {s for counts in report.review.status_by_priority.values() for s in counts}
    assert statuses <= {v[0] for v in stacked if len(v) == 1}


def test_no_overdue_actions_gives_a_note_instead_of_empty_charts(make_workbook, tmp_path):
    source = make_workbook([clean_action(), done_action(action_id="A-002")])
    _, out = api.write_audit(source, tmp_path / "audit.xlsx", as_of=AS_OF)
    ws = openpyxl.load_workbook(out)[SHEET]
    notes = [c.value for row in ws.iter_rows() for c in row
             if c.value == "No overdue actions on the audit date."]
    assert len(notes) == 2
    with zipfile.ZipFile(out) as archive:
        charts = _charts_of_sheet(archive)
        assert len(charts) == 1 and b"stacked" in archive.read(charts[0])


def test_prints_one_page_wide_with_titles_and_charts_on_their_own_pages(audit):
    _, _, book = audit
    ws = book[SHEET]
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$1:$2"
    starts = {ws.cell(b.id + 1, 1).value for b in ws.row_breaks.brk}
    assert starts == {"Overdue by owner", "Status by priority"}


def test_no_sheet_for_a_workbook_without_a_review_pack(tmp_path):
    import xlsxwriter

    foreign = tmp_path / "budget.xlsx"
    wb = xlsxwriter.Workbook(foreign)
    wb.add_worksheet("Budget").write_row(0, 0, ["Item", "Cost"])
    wb.close()
    report, out = api.write_audit(foreign, tmp_path / "a.xlsx", as_of=AS_OF)
    assert report.review is None
    assert SHEET not in openpyxl.load_workbook(out).sheetnames
