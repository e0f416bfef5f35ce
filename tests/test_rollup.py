"""The roll-up: risk order, recurring themes, totals, the workbook's sheets and charts, and
that text from returns stays inert in the roll-up and findings.csv."""

from __future__ import annotations

import csv
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
from conftest import AS_OF, clean_action

from tracker_tool import api
from tracker_tool.batch.catalogue import batch_rule
from tracker_tool.batch.rollup import league_table, risk_score, themes, totals
from tracker_tool.batch.rollup_workbook import BatchFacts, write_rollup
from tracker_tool.batch.summary import WorkbookSummary, unreadable
from tracker_tool.core.stamp import ServiceIdentity

INJECTION = '=HYPERLINK("http://x","y")'


def summary(name: str, *, errors=0, escalations=0, warnings=0, overdue=0, effectiveness=0,
            codes=None, closure=None, actions=10, checks=()) -> WorkbookSummary:
    figures = [("actions", "Actions in the plan", actions), ("overdue", "Overdue actions", overdue),
               ("awaiting_effectiveness", "Awaiting an effectiveness check", effectiveness)]
    if closure is not None:
        figures.append(("on_time_closure_rate", "On-time closure rate", closure))
    return WorkbookSummary(
        workbook=f"returns/{name}.xlsx", kind="action-plan", template_version="1.0",
        service=ServiceIdentity(name, "Larchfield Care Ltd", "1-555000101"), actions=actions,
        errors=errors, escalations=escalations, warnings=warnings, figures=tuple(figures),
        codes={code: ("error", code.title(), n) for code, n in (codes or {}).items()},
        checks=tuple(checks))


def test_risk_score_weighs_escalations_overdue_errors_and_effectiveness():
    s = summary("Ash", escalations=2, overdue=3, errors=4, effectiveness=5, warnings=50)
    assert risk_score(s) == 5 * 2 + 3 * 3 + 2 * 4 + 1 * 5


def test_missing_figures_count_as_nothing():
    bare = WorkbookSummary(workbook="x.xlsx", errors=1, figures=(("actions", "Actions", 4),))
    assert risk_score(bare) == 2
    assert bare.figure("on_time_closure_rate") is None


def test_league_table_puts_unreadable_first_then_highest_risk():
    entries = league_table([
        summary("Ash", errors=1),
        summary("Birch", escalations=1, overdue=1),
        unreadable("returns/cedar.xlsx", "the file is empty (0 bytes)"),
        summary("Damson", errors=4),
        summary("Elm", errors=1, warnings=3),  # same score as Ash: more warnings ranks higher
    ])
    assert [(e.rank, e.label, e.score) for e in entries] == [
        (1, "cedar.xlsx", None), (2, "Birch", 8), (3, "Damson", 8), (4, "Elm", 2),
        (5, "Ash", 2)]  # equal scores: the escalation not made ranks first


def test_two_returns_of_one_service_are_told_apart():
    a = summary("Ash")
    b = WorkbookSummary(workbook="returns/other/copy.xlsx", service=a.service)
    assert sorted(e.label for e in league_table([a, b])) == ["Ash (Ash.xlsx)", "Ash (copy.xlsx)"]


def test_themes_are_codes_found_in_more_than_one_return():
    other = batch_rule("return.other-identity").finding(filed="Ash", stamped="Birch")
    found = themes([
        summary("Ash", codes={"owner.missing": 3, "date.not-a-date": 1}, checks=[other]),
        summary("Birch", codes={"owner.missing": 1, "action.overdue": 2}, checks=[other]),
        summary("Cedar", codes={"action.overdue": 5}),
    ])
    assert [(t.code, t.workbooks, t.occurrences, t.names) for t in found] == [
        ("action.overdue", 2, 7, ("Birch", "Cedar")),
        ("owner.missing", 2, 4, ("Ash", "Birch")),
        ("return.other-identity", 2, 2, ("Ash", "Birch")),
    ]
    assert found[2].title == "Returned under another service's identity"


def test_totals_leave_unreadable_returns_out_of_the_counts():
    t = totals([summary("Ash", errors=2, overdue=1), unreadable("x.xlsx", "damaged"),
                summary("Birch", escalations=1, overdue=2, effectiveness=3)])
    assert (t.workbooks, t.read, t.not_read, t.with_errors) == (3, 2, 1, 2)
    assert (t.actions, t.errors, t.escalations, t.overdue, t.effectiveness) == (20, 2, 1, 3, 3)


def test_rollup_workbook_sheets_columns_and_charts(tmp_path):
    summaries = [summary("Ash", errors=2, overdue=1, closure=87.5, codes={"owner.missing": 2}),
                 summary("Birch", codes={"owner.missing": 1}),
                 unreadable("returns/cedar.xlsx", "the file is empty (0 bytes)")]
    out = write_rollup(BatchFacts(date(2026, 11, 21), summaries), tmp_path / "rollup.xlsx")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Summary", "League table", "Workbooks", "Themes",
                               "Action themes"]
    rows = list(book["Workbooks"].iter_rows(values_only=True))
    header = rows[0]
    assert header[:17] == (
        "Workbook", "Service", "Provider", "CQC location ID", "Tracker kind",
        "Template version", "Result", "Actions", "Errors", "Escalations not made", "Warnings",
        "Overdue actions", "On-time closure rate", "Effectiveness checks outstanding",
        "Return checks", "Audit workbook", "Could not be read because")
    ash = dict(zip(header, rows[1]))
    assert (ash["Errors"], ash["Overdue actions"], ash["On-time closure rate"]) == (2, 1, 87.5)
    assert dict(zip(header, rows[2]))["On-time closure rate"] is None  # absent: blank
    cedar = dict(zip(header, rows[3]))
    assert (cedar["Result"], cedar["Actions"]) == ("Not read", None)
    assert cedar["Could not be read because"] == "the file is empty (0 bytes)"
    themes_rows = list(book["Themes"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[3], r[5]) for r in themes_rows] == [("owner.missing", 2, 3)]
    with zipfile.ZipFile(out) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 3
        first = archive.read("xl/charts/chart1.xml").decode()
    assert "'League table'!$B$2:$B$4" in first and "'League table'!$D$2:$D$4" in first


def test_text_from_returns_stays_inert_in_the_rollup_and_the_csv(tmp_path):
    """A service name or cell that looks like a formula is written as text, never run."""
    hostile = ServiceIdentity(INJECTION, "+44 Provider Ltd", "1-555000777")
    api.build_template("action-plan", tmp_path / "in" / "a.xlsx", service=hostile,
                       entries=[clean_action(owner=None, title=INJECTION,
                                             date_created="@SUM(1+1)",
                                             due_date="ASAP\r=SUM(1)")])
    out = tmp_path / "out"
    result = api.validate_many(tmp_path / "in", out, AS_OF, workers=1)
    assert result.summaries[0].service == hostile
    book = openpyxl.load_workbook(out / "rollup.xlsx")
    seen = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "@")):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate)
                    assert cell.quotePrefix, (sheet.title, cell.coordinate)
                    seen += 1
    assert seen >= 4  # service and provider on Workbooks, the label on League table, Themes
    with open(out / "findings.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["service"] for r in rows} == {"'" + INJECTION}
    assert {r["provider"] for r in rows} == {"'+44 Provider Ltd"}
    bad_dates = sorted(r["value"] for r in rows if r["code"] == "date.not-a-date")
    assert bad_dates == ["'@SUM(1+1)", "ASAP\r=SUM(1)"]  # one cell, not split at the \r
    assert len(rows) == len(api.findings_frame(result))
    frame = api.findings_frame(result)
    assert set(frame["service"]) == {INJECTION}  # the frame keeps values as found
    with zipfile.ZipFile(out / "rollup.xlsx") as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist()
                  if n.startswith("xl/worksheets/sheet")]
    assert not any("<f>" in xml for xml in sheets)
    assert Path(out / "rollup.xlsx").is_file()


def test_action_themes_across_services_are_counted_by_return(tmp_path):
    """A theme raised in two services' plans is listed with both; one service's alone is not."""
    first, second = tmp_path / "in" / "a.xlsx", tmp_path / "in" / "b.xlsx"
    first.parent.mkdir()
    api.build_template("action-plan", first, entries=[
        clean_action(action_id="A-1", theme="Medication"),
        clean_action(action_id="A-2", theme="Medication"),
        clean_action(action_id="A-3", theme="Falls")])
    api.build_template("action-plan", second, entries=[
        clean_action(action_id="B-1", theme="Medication"),
        clean_action(action_id="B-2", theme="Pressure care")])
    api.validate_many([first.parent], tmp_path / "out", as_of=AS_OF, workers=1)
    ws = openpyxl.load_workbook(tmp_path / "out" / "rollup.xlsx")["Action themes"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert rows == [["Medication", 2, 3, "a.xlsx, b.xlsx"]]
