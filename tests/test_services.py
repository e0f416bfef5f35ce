"""The commissioner's services list: reading it, one stamped template per service, and
matching returns to the list by their stamp."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import AS_OF, clean_action

from tracker_tool import api
from tracker_tool.batch.services import match_returns, read_services, template_names
from tracker_tool.batch.summary import WorkbookSummary, unreadable
from tracker_tool.cli import cli
from tracker_tool.core.stamp import ServiceIdentity
from tracker_tool.errors import UsageError
from tracker_tool.read.workbook import load_workbook

ASH = ServiceIdentity("Ash Court", "Larchfield Care Ltd", "1-555000101")
BIRCH = ServiceIdentity("Birch View", "Larchfield Care Ltd", "1-555000102")
CEDAR = ServiceIdentity("Cedar Lodge", "Brookvale Homes", "1-555000203")
LISTED = [ASH, BIRCH, CEDAR]
CSV = ("service,provider,cqc location id\n"
       "Ash Court,Larchfield Care Ltd,1-555000101\n"
       "Birch View,Larchfield Care Ltd,1-555000102\n"
       "Cedar Lodge,Brookvale Homes,1-555000203\n")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


# -- services.csv -----------------------------------------------------------------------------

def test_services_csv_as_excel_saves_it(tmp_path):
    """Excel's 'CSV UTF-8' adds a byte-order mark; headings vary in case and spacing."""
    path = tmp_path / "services.csv"
    path.write_text("\ufeffService Name , Provider,CQC Location ID,Notes\n"
                    "Ash Court ,Larchfield Care Ltd, 1-555000101,new manager\n\n"
                    "Birch View,Larchfield Care Ltd,1-555000102,\n", encoding="utf-8")
    assert read_services(path) == [ASH, BIRCH]


@pytest.mark.parametrize("text, message", [
    ("name,provider\nAsh Court,Larchfield\n", "no 'cqc location id' column"),
    ("service,provider,location id\nAsh Court,Larchfield,123456789\n",
     "line 2: '123456789' is not a CQC location ID such as 1-123456789"),
    ("service,provider,location id\n,Larchfield,1-555000101\n", "line 2: the service name is blank"),
    ("service,provider,location id\nAsh,L,1-555000101\nBirch,L,1-555000101\n",
     "line 3: location 1-555000101 is already listed on line 2"),
    ("", "the services list is empty"),
    ("service,provider,location id\n", "the services list has no services"),
])
def test_bad_services_list_is_one_clear_error(tmp_path, text, message):
    path = tmp_path / "services.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_services(path)


def test_services_list_not_in_utf8_is_named(tmp_path):
    path = tmp_path / "services.csv"
    path.write_bytes("service,provider,location id\nCaf\xe9 Court,L,1-555000101\n".encode("cp1252"))
    with pytest.raises(UsageError, match="not UTF-8 text; save the list as CSV UTF-8"):
        read_services(path)


def test_template_names_only_add_the_id_when_names_clash():
    twin = ServiceIdentity("Ash Court", "Brookvale Homes", "1-555000999")
    assert template_names([ASH, BIRCH, twin], "action-plan") == [
        "ash-court-1-555000101-action-plan.xlsx", "birch-view-action-plan.xlsx",
        "ash-court-1-555000999-action-plan.xlsx"]


# -- one template per service ------------------------------------------------------------------

def test_template_per_service_is_stamped_with_it(tmp_path):
    (tmp_path / "services.csv").write_text(CSV)
    out = tmp_path / "templates"
    result = run("template", "action-plan", "--services", tmp_path / "services.csv",
                 "--out-dir", out)
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert written == ["ash-court-action-plan.xlsx", "birch-view-action-plan.xlsx",
                       "cedar-lodge-action-plan.xlsx"]
    assert load_workbook(out / "birch-view-action-plan.xlsx").stamp.service == BIRCH
    assert "3 templates" in result.output
    again = run("template", "action-plan", "--services", tmp_path / "services.csv",
                "--out-dir", out)
    assert again.exit_code == 2
    assert "already exists (3 of the 3 templates do)" in again.output
    forced = run("template", "action-plan", "--services", tmp_path / "services.csv",
                 "--out-dir", out, "--force")
    assert forced.exit_code == 0


@pytest.mark.parametrize("extra, message", [
    (["--out", "one.xlsx"], "with --services use --out-dir"),
    ([], "--services and --out-dir go together"),
])
def test_template_services_misuse(tmp_path, extra, message):
    (tmp_path / "services.csv").write_text(CSV)
    args = ["template", "action-plan", "--services", tmp_path / "services.csv", *extra]
    if not extra:
        args = ["template", "action-plan", "--out-dir", tmp_path / "t"]
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.output


# -- matching returns -------------------------------------------------------------------------

def summary(workbook: str, service: ServiceIdentity | None) -> WorkbookSummary:
    return WorkbookSummary(workbook=workbook, service=service, actions=3)


def checks_of(summaries):
    return {s.workbook: sorted(f.code for f in s.checks) for s in summaries}


def test_returns_are_matched_by_stamp_not_by_file_name():
    got = [summary("returns/tracker-final.xlsx", ASH),  # any name will do
           summary("returns/birch-view.xlsx", BIRCH)]
    updated, match = match_returns(LISTED, got)
    assert checks_of(updated) == {"returns/tracker-final.xlsx": [],
                                  "returns/birch-view.xlsx": []}
    assert match.returned == {ASH.location_id: ["returns/tracker-final.xlsx"],
                              BIRCH.location_id: ["returns/birch-view.xlsx"]}
    assert match.not_returned == [CEDAR]


def test_a_return_filed_under_one_service_but_stamped_as_another_is_flagged():
    got = [summary("returns/birch-view.xlsx", BIRCH),
           summary("returns/cedar-lodge/q3.xlsx", BIRCH)]  # Cedar Lodge used Birch's copy
    updated, match = match_returns(LISTED, got)
    assert checks_of(updated) == {
        "returns/birch-view.xlsx": ["return.duplicate"],
        "returns/cedar-lodge/q3.xlsx": ["return.duplicate", "return.other-identity"]}
    other = next(f for f in updated[1].checks if f.code == "return.other-identity")
    assert other.severity.value == "error"
    assert "Filed as Cedar Lodge but stamped as Birch View" in other.message
    assert [s.name for s in match.not_returned] == ["Ash Court", "Cedar Lodge"]
    assert match.filed_under == {CEDAR.location_id: ["returns/cedar-lodge/q3.xlsx"]}


def test_unknown_altered_and_unstamped_returns_are_flagged():
    stranger = ServiceIdentity("Damson House", "Elsewhere Ltd", "1-555000999")
    renamed = ServiceIdentity("Ash Court Nursing", "Larchfield Care Ltd", ASH.location_id)
    got = [summary("a.xlsx", stranger), summary("b.xlsx", renamed), summary("c.xlsx", None),
           unreadable("cedar-lodge.xlsx", "the file is empty (0 bytes)")]
    updated, match = match_returns(LISTED, got)
    assert checks_of(updated) == {"a.xlsx": ["return.unknown-service"],
                                  "b.xlsx": ["return.identity-changed"],
                                  "c.xlsx": ["return.not-stamped"], "cedar-lodge.xlsx": []}
    assert {f.severity.value for s in updated for f in s.checks} == {"warning"}
    assert match.filed_under == {CEDAR.location_id: ["cedar-lodge.xlsx"]}
    assert [s.name for s in match.not_returned] == ["Birch View", "Cedar Lodge"]


def test_batch_with_services_list(tmp_path):
    (tmp_path / "services.csv").write_text(CSV)
    returns = tmp_path / "returns"
    returns.mkdir()
    api.build_template("action-plan", returns / "ash-court.xlsx", entries=[clean_action()],
                       service=ASH)
    (returns / "cedar-lodge").mkdir()
    api.build_template("action-plan", returns / "cedar-lodge" / "return.xlsx",
                       entries=[clean_action()], service=ASH)
    out = tmp_path / "out"
    result = run("batch", returns, "--out-dir", out, "--as-of", "2026-11-21", "--services",
                 tmp_path / "services.csv", "--workers", "1")
    assert result.exit_code == 1  # the other-identity return is an error
    assert "No return: Birch View (1-555000102)" in result.output
    assert ("No return: Cedar Lodge (1-555000203); filed under its name but not stamped as "
            "it:") in result.output
    report = json.loads((out / "report.json").read_text())
    assert [s["name"] for s in report["services"]["not_returned"]] == ["Birch View",
                                                                       "Cedar Lodge"]
    codes = {(Path(w["workbook"]).name, f["code"]) for w in report["workbooks"]
             for f in w["findings"]}
    assert codes == {("ash-court.xlsx", "return.duplicate"), ("return.xlsx", "return.duplicate"),
                     ("return.xlsx", "return.other-identity")}
    book = openpyxl.load_workbook(out / "rollup.xlsx")
    services = list(book["Services"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[3]) for r in services] == [("Ash Court", "Yes"), ("Birch View", "No"),
                                                ("Cedar Lodge", "No")]
    workbooks = list(book["Workbooks"].iter_rows(values_only=True))
    column = workbooks[0].index("Return checks")
    flagged = {Path(r[0]).name: r[column] for r in workbooks[1:]}
    assert "Filed as Cedar Lodge but stamped as Ash Court" in flagged["return.xlsx"]


def test_validate_many_takes_a_list_of_services(tmp_path):
    api.build_template("action-plan", tmp_path / "in" / "ash.xlsx", entries=[clean_action()],
                       service=ASH)
    result = api.validate_many(tmp_path / "in", tmp_path / "out", AS_OF, services=LISTED,
                               workers=1)
    assert [s.name for s in result.services.not_returned] == ["Birch View", "Cedar Lodge"]
    assert not result.has_errors


def test_quarterly_batch_sample_is_what_its_script_writes(tmp_path):
    """The committed services list and returns are make_sample.py's output (no hand edits)."""
    import runpy

    from conftest import ROOT

    script = runpy.run_path(str(ROOT / "samples" / "quarterly-batch" / "make_sample.py"))
    assert script["SERVICES"].read_text(encoding="utf-8") == script["SERVICES_CSV"]
    services = {s.name: s for s in read_services(script["SERVICES"])}
    for name, template_of, rows in script["WORKBOOKS"]:
        fresh = api.build_template("action-plan", tmp_path / "fresh.xlsx", entries=rows,
                                   service=services[template_of], force=True)
        assert fresh.read_bytes() == (script["RETURNS"] / name).read_bytes(), name
