"""One list of a finding's keys (FINDING_KEYS) and one Finding.to_dict, shared by every output:
`validate` as JSON and CSV, the batch's findings.csv and report.json, and the cache between."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from tracker_tool.batch.outputs import CSV_COLUMNS, WORKBOOK_COLUMNS, finding_row
from tracker_tool.batch.summary import WorkbookSummary, finding_dict, finding_from_dict
from tracker_tool.core.findings import FINDING_KEYS, Finding, Severity
from tracker_tool.core.report import Report
from tracker_tool.write.render import to_csv, to_json

CELL = Finding("owner.missing", Severity.ERROR, "A-001 (row 4): no owner.", "s9",
               sheet="Actions", cell="I4", row=4, column="Owner", value="=1+1", field="owner")
WORKBOOK = Finding("stamp.missing", Severity.WARNING, "No stamp.", "template")


def report() -> Report:
    return Report(path="returns/a.xlsx", tracker="action-plan", template_version="1.0",
                  as_of=date(2026, 11, 21), findings=[CELL, WORKBOOK])


def test_to_dict_is_the_finding_under_finding_keys_in_order():
    data = CELL.to_dict()
    assert tuple(data) == FINDING_KEYS
    assert data["severity"] == "error" and type(data["severity"]) is str
    assert [data[k] for k in FINDING_KEYS if k != "severity"] == [
        getattr(CELL, k) for k in FINDING_KEYS if k != "severity"]
    assert "field" not in data  # the model's name for the column, not shown


def test_validate_json_and_csv_show_the_same_keys():
    parsed = json.loads(to_json([report()]))
    assert [tuple(f) for f in parsed["workbooks"][0]["findings"]] == [FINDING_KEYS] * 2
    assert parsed["workbooks"][0]["findings"][0] == CELL.to_dict()
    assert parsed["unreadable"] == []
    rows = list(csv.reader(io.StringIO(to_csv([report()]))))
    assert tuple(rows[0]) == ("path", *FINDING_KEYS)
    assert rows[1] == ["returns/a.xlsx", "owner.missing", "error", "Actions", "I4", "4", "Owner",
                       "'=1+1", "A-001 (row 4): no owner.", "s9", "", "", "", ""]
    assert rows[2][1:] == ["stamp.missing", "warning", "", "", "", "", "", "No stamp.", "template",
                           "", "", "", ""]


def test_json_lists_the_files_that_could_not_be_read():
    parsed = json.loads(to_json([], [("b.xlsx", "the file is damaged")]))
    assert parsed == {"workbooks": [], "unreadable": [{"path": "b.xlsx",
                                                       "reason": "the file is damaged"}]}


def test_batch_rows_put_the_workbook_before_the_finding_keys():
    # the kind checked is the workbook's ``tracker`` column, not a second column of its own
    assert CSV_COLUMNS == (*WORKBOOK_COLUMNS, *(k for k in FINDING_KEYS if k != "tracker"))
    summary = WorkbookSummary(workbook="returns/a.xlsx", kind="action-plan")
    row = finding_row(summary, finding_dict(CELL))
    assert tuple(row) == CSV_COLUMNS
    assert {k: row[k] for k in FINDING_KEYS if k != "tracker"} == {
        k: v for k, v in CELL.to_dict().items() if k != "tracker"}
    assert row["tracker"] == "action-plan"


def test_the_cache_gives_back_the_finding_it_was_given():
    for finding in (CELL, WORKBOOK):
        stored = json.loads(json.dumps(finding_dict(finding)))
        assert finding_from_dict(stored) == finding
