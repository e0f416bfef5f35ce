"""Staff records (performance plans, probation actions, escalated supervision cases) are kept
out of a batch's league table and listed apart, unless --include-staff-records (issue 13,
item 9)."""

from __future__ import annotations

import json
import shutil

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import AS_OF, ROOT

from tracker_tool import api
from tracker_tool.batch.rollup import STAFF_KINDS, league_table, staff_records
from tracker_tool.batch.summary import WorkbookSummary
from tracker_tool.cli import cli

SAMPLES = {
    "oakfield.xlsx": "oakfield-house/oakfield-house-actions.xlsx",
    "fernhollow.xlsx": "fernhollow-safeguarding/fernhollow-safeguarding-plan.xlsx",
    "hollybrook-pip.xlsx": "hollybrook-performance-plan/hollybrook-performance-plan.xlsx",
    "brookside-probation.xlsx": "brookside-probation/brookside-probation-actions.xlsx",
    "brookside-cases.xlsx": "brookside-escalations/brookside-escalated-cases.xlsx",
}
STAFF = {"hollybrook-pip.xlsx", "brookside-probation.xlsx", "brookside-cases.xlsx"}


@pytest.fixture(scope="module")
def returns(tmp_path_factory):
    folder = tmp_path_factory.mktemp("returns")
    for name, sample in SAMPLES.items():
        shutil.copyfile(ROOT / "samples" / sample, folder / name)
    return folder


def _names(paths) -> set[str]:
    return {str(p).replace("\\", "/").rsplit("/", 1)[-1] for p in paths}


def test_the_staff_kinds():
    assert STAFF_KINDS == {"performance-plan", "probation-actions", "supervision-escalations"}
    people = WorkbookSummary(workbook="pip.xlsx", kind="performance-plan", errors=9)
    home = WorkbookSummary(workbook="home.xlsx", kind="action-plan")
    assert [e.summary for e in league_table([people, home])] == [home]
    assert [e.summary for e in league_table([people, home], include_staff=True)] == [people,
                                                                                     home]
    assert staff_records([people, home]) == [people]


def test_batch_lists_staff_records_apart_by_default(returns, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["batch", str(returns), "--out-dir", str(out),
                                      "--as-of", AS_OF.isoformat(), "--workers", "1"])
    assert result.exit_code in (0, 1), result.output
    assert "Staff records kept out of the league table: 3" in result.output

    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert _names(e["workbook"] for e in report["league_table"]) == set(SAMPLES) - STAFF
    assert report["staff_records"]["in_league_table"] is False
    assert _names(report["staff_records"]["workbooks"]) == STAFF

    book = openpyxl.load_workbook(out / "rollup.xlsx")
    league = [row[11] for row in book["League table"].iter_rows(min_row=2, values_only=True)
              if row[0] is not None]
    assert _names(league) == set(SAMPLES) - STAFF
    staff = book["Staff records"]
    rows = [row for row in staff.iter_rows(min_row=2, values_only=True) if row[7]]
    assert _names(r[7] for r in rows) == STAFF
    assert {r[1] for r in rows} == STAFF_KINDS
    assert all(isinstance(r[2], int) for r in rows)  # each with its counts
    assert any("3 staff records kept out" in str(c) for row in staff.iter_rows(values_only=True)
               for c in row if c)
    # every return, staff records too, is still checked and in the workbook list
    assert len(list(book["Workbooks"].iter_rows(min_row=2, values_only=True))) >= len(SAMPLES)


def test_include_staff_records_ranks_them(returns, tmp_path):
    result = api.validate_many([returns], tmp_path / "out", AS_OF, workers=1,
                               include_staff_records=True)
    assert _names(e.summary.workbook for e in result.league_table()) == set(SAMPLES)
    report = json.loads(result.report_json.read_text(encoding="utf-8"))
    assert report["staff_records"]["in_league_table"] is True
    assert _names(e["workbook"] for e in report["league_table"]) == set(SAMPLES)
    assert "Staff records" not in openpyxl.load_workbook(result.rollup).sheetnames
