"""`tracker-tool redact`: a copy with personal details masked that still validates as the same
kind, the input never written to, and a report of what was masked by cell (issue 13, item 9)."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import AS_OF, clean_action
from test_ombudsman_plan import KIND, actions, plan_facts

from tracker_tool import api
from tracker_tool.cli import cli
from tracker_tool.errors import UsageError

NAME = "Mrs Edna Hollis"
RAW = ("Edna", "Hollis", "900123", "476 5919")


def run(*args):
    return CliRunner().invoke(cli, [*map(str, args)])


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def plan(tmp_path):
    """An Ombudsman plan with personal details on both sheets and other findings besides."""
    path = tmp_path / "omb.xlsx"
    rows = actions(failing=f"{NAME} (NHS number 943 476 5919) was not escalated",
                   progress="Update sent to her son on 07700 900123", monitoring=None)
    api.build_template(KIND, path, entries=rows,
                       plan=plan_facts(complainant_how=f"Monthly call with {NAME}"))
    return path


def _without_personal(report):
    return sorted((f.code, f.sheet, f.cell, f.message) for f in report.findings
                  if f.code != "personal-data.found")


def test_the_copy_validates_as_the_same_kind_without_the_personal_details(plan, tmp_path):
    before = sha256(plan)
    out = tmp_path / "for-phso.xlsx"
    result = run("redact", plan, "--out", out)
    assert result.exit_code == 0, result.output
    assert sha256(plan) == before  # the input is only read
    for raw in RAW:
        assert raw not in result.output
    assert "Actions!C4" in result.output and "NHS number 943 *** ****" in result.output
    assert "Plan!C14" in result.output and "name with title Mrs E**** H****" in result.output

    original = api.validate_workbook(plan, as_of=AS_OF)
    copy = api.validate_workbook(out, as_of=AS_OF)
    assert (copy.tracker, copy.template_version, copy.rows) == (
        original.tracker, original.template_version, original.rows)
    assert {f.code for f in original.findings} >= {"personal-data.found", "monitoring.missing"}
    assert "personal-data.found" not in {f.code for f in copy.findings}
    assert _without_personal(copy) == _without_personal(original)

    book = openpyxl.load_workbook(out)
    assert book["Actions"]["C4"].value == "Mrs E**** H**** (NHS number 943 *** ****) was not " \
                                          "escalated"
    assert book["Plan"]["C14"].value == "Monthly call with Mrs E**** H****"


def test_only_the_masked_text_changes(plan, tmp_path):
    """Every part of the package but the shared strings is copied byte for byte: dropdowns,
    protection, names, print areas, notes and the stamp stay as they were, and no part of the
    copy holds a detail."""
    out = tmp_path / "copy.xlsx"
    api.redact_workbook(plan, out)
    with zipfile.ZipFile(plan) as was, zipfile.ZipFile(out) as now:
        assert was.namelist() == now.namelist()
        changed = [n for n in was.namelist() if was.read(n) != now.read(n)]
        assert changed == ["xl/sharedStrings.xml"]
        for name in now.namelist():
            for raw in RAW:
                assert raw.encode() not in now.read(name), (raw, name)


def test_text_held_in_the_cell_itself_is_masked_there(plan, tmp_path):
    """Some tools write a cell's text inline rather than as a shared string."""
    inline = tmp_path / "inline.xlsx"
    with zipfile.ZipFile(plan) as src, zipfile.ZipFile(inline, "w") as dst:
        strings = re.findall(rb"<si>(.*?)</si>", src.read("xl/sharedStrings.xml"), re.S)
        for info in src.infolist():
            data = src.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(rb'<c r="C4"([^>]*) t="s"><v>(\d+)</v></c>',
                              lambda m: b'<c r="C4"' + m.group(1) + b' t="inlineStr"><is>'
                              + strings[int(m.group(2))] + b"</is></c>", data)
            if info.filename == "xl/sharedStrings.xml":
                data = data.replace(b"(NHS number 943 476 5919)", b"(NHS number withheld)")
            dst.writestr(info, data)
    assert b"476 5919" in b"".join(zipfile.ZipFile(inline).read(n)
                                   for n in zipfile.ZipFile(inline).namelist())
    out = tmp_path / "copy.xlsx"
    done = api.redact_workbook(inline, out)
    assert ("Actions", "C4") in {(m.sheet, m.cell) for m in done.masked}
    assert openpyxl.load_workbook(out)["Actions"]["C4"].value == (
        "Mrs E**** H**** (NHS number 943 *** ****) was not escalated")
    assert "personal-data.found" not in {
        f.code for f in api.validate_workbook(out, as_of=AS_OF).findings}


def test_action_plan_masks_description_and_progress_only(make_workbook, tmp_path):
    path = make_workbook([clean_action(description=f"{NAME} fell twice",
                                       progress_update="Call 07700 900123",
                                       intended_outcome=f"{NAME} has no further falls")])
    out = tmp_path / "copy.xlsx"
    done = api.redact_workbook(path, out)
    assert [(m.sheet, m.column) for m in done.masked] == [("Actions", "Description"),
                                                          ("Actions", "Progress update")]
    row = [c.value for c in openpyxl.load_workbook(out)["Actions"][4]]
    assert "Mrs E**** H**** fell twice" in row and "Call 07*** ******" in row
    assert f"{NAME} has no further falls" in row  # not a column that goes outside


def test_json_report(plan, tmp_path):
    result = run("redact", plan, "--out", tmp_path / "c.xlsx", "--format", "json")
    data = json.loads(result.output)
    assert data["tracker"] == KIND
    assert {(m["sheet"], m["cell"]) for m in data["masked"]} == {
        ("Plan", "C14"), ("Actions", "C4"), ("Actions", "S4")}
    for raw in RAW:
        assert raw not in result.output


def test_nothing_to_mask_still_writes_a_copy(make_workbook, tmp_path):
    out = tmp_path / "copy.xlsx"
    result = run("redact", make_workbook([clean_action()]), "--out", out)
    assert result.exit_code == 0 and "no personal details" in result.output
    assert api.validate_workbook(out, as_of=AS_OF).findings == []


@pytest.mark.parametrize("name, message", [
    (None, "one of the input files"),
    ("copy.csv", "must name an .xlsx file"),
])
def test_refusals_are_one_line_and_write_nothing(plan, tmp_path, name, message):
    before = sha256(plan)
    out = plan if name is None else tmp_path / name
    result = run("redact", plan, "--out", out)
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert sha256(plan) == before
    if name is not None:
        assert not out.exists()


def test_existing_output_needs_force(plan, tmp_path):
    out = tmp_path / "copy.xlsx"
    out.write_bytes(b"someone's file")
    result = run("redact", plan, "--out", out)
    assert result.exit_code == 2 and "--force" in result.output
    assert out.read_bytes() == b"someone's file"
    assert run("redact", plan, "--out", out, "--force").exit_code == 0


def test_unreadable_input_is_a_clear_message(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    result = run("redact", bad, "--out", tmp_path / "c.xlsx")
    assert result.exit_code == 2 and "Traceback" not in result.output
    missing = run("redact", tmp_path / "missing.xlsx", "--out", tmp_path / "c.xlsx")
    assert missing.exit_code == 2 and "missing.xlsx" in missing.output


def test_library_refuses_out_that_is_the_input(plan):
    with pytest.raises(UsageError):
        api.redact_workbook(plan, plan)
