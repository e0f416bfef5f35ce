"""The command line: help for every command, output formats, exit statuses, no tracebacks."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ROOT, clean_action

from tracker_tool.cli import cli
from tracker_tool.trackers import get_tracker

COMMANDS = sorted(cli.commands)


def run(*argv):
    return CliRunner().invoke(cli, list(argv))


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_readable_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert f"Usage: cli {command}" in result.output or f"Usage: tracker-tool {command}" in result.output
    assert len(result.output.splitlines()) >= 4


def test_top_level_help_names_the_commands():
    result = run("--help")
    for command in ("template", "validate", "audit", "rules", "kinds"):
        assert command in result.output


def test_validate_exit_statuses(make_workbook):
    clean = make_workbook([clean_action()])
    faulty = make_workbook([clean_action(owner=None)])
    assert run("validate", str(clean), "--as-of", "2026-11-21").exit_code == 0
    assert run("validate", str(faulty), "--as-of", "2026-11-21").exit_code == 1
    assert run("validate", str(clean), str(faulty), "--as-of", "2026-11-21").exit_code == 1


def test_validate_json_contract(make_workbook):
    path = make_workbook([clean_action(owner="All staff")])
    result = run("validate", str(path), "--as-of", "2026-11-21", "--format", "json")
    data = json.loads(result.output)
    (book,) = data["workbooks"]
    assert {"path", "tracker", "template_version", "rows", "findings"} <= set(book)
    assert (book["tracker"], book["template_version"], book["rows"]) == ("action-plan", "1.2", 1)
    (finding,) = book["findings"]
    assert set(finding) == {"code", "severity", "sheet", "cell", "row", "column", "value",
                            "message", "clause", "tracker", "action_id", "action_title", "owner"}
    assert (finding["code"], finding["cell"], finding["value"]) == ("owner.group", "I4", "All staff")
    assert (finding["tracker"], finding["owner"], type(finding["row"])) == (
        "action-plan", "All staff", int)
    assert data["unreadable"] == []


def test_validate_csv_has_one_row_per_finding(make_workbook):
    path = make_workbook([clean_action(owner=None, due_date=None)])
    result = run("validate", str(path), "--as-of", "2026-11-21", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {(r["code"], r["cell"]) for r in rows} == {("owner.missing", "I4"),
                                                    ("due-date.missing", "J4")}
    assert all(r["path"] == str(path) for r in rows)


def test_csv_neutralises_formula_like_values(make_workbook):
    path = make_workbook([clean_action(owner="=HYPERLINK(\"http://x\",\"x\")", due_date="+1+1")])
    result = run("validate", str(path), "--as-of", "2026-11-21", "--format", "csv")
    for row in csv.DictReader(io.StringIO(result.output)):
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")), value


def test_as_of_is_validated():
    result = run("validate", "x.xlsx", "--as-of", "21.11.2026")
    assert result.exit_code == 2 and "does not match the formats" in result.output


def test_as_of_changes_what_is_overdue(make_workbook):
    from datetime import date

    path = make_workbook([clean_action(due_date=date(2026, 12, 1), review_date=date(2026, 12, 8))])
    assert run("validate", str(path), "--as-of", "2026-11-30").exit_code == 0
    late = run("validate", str(path), "--as-of", "2026-12-05", "--format", "json")
    codes = [f["code"] for f in json.loads(late.output)["workbooks"][0]["findings"]]
    assert codes == ["action.overdue"]


def test_template_command_writes_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "t.xlsx"
    first = run("template", "action-plan", "--out", str(out))
    assert first.exit_code == 0 and out.exists()
    out.write_bytes(b"a manager's filled tracker")
    again = run("template", "action-plan", "--out", str(out))
    assert again.exit_code == 2 and "--force" in again.output
    assert out.read_bytes() == b"a manager's filled tracker"
    assert run("template", "action-plan", "--out", str(out), "--force").exit_code == 0
    assert out.read_bytes()[:2] == b"PK"


def test_unknown_kind_is_a_clear_usage_error(tmp_path):
    result = run("template", "nonsense", "--out", str(tmp_path / "x.xlsx"))
    assert result.exit_code == 2 and "unknown tracker kind 'nonsense'" in result.output
    assert "Traceback" not in result.output


def test_audit_command_reports_and_writes(make_workbook, tmp_path):
    path = make_workbook([clean_action(owner=None)])
    out = tmp_path / "reports" / "audit.xlsx"
    result = run("audit", str(path), "--out", str(out), "--as-of", "2026-11-21")
    assert result.exit_code == 1 and out.exists()
    assert "1 action, 1 error; 0 overdue to escalate" in result.output
    assert not list(out.parent.glob("*.part"))


def test_kinds_and_rules_list_the_catalogue():
    tracker = get_tracker("action-plan")
    kinds = run("kinds")
    assert kinds.exit_code == 0 and "action-plan" in kinds.output
    listing = run("rules")
    for rule in tracker.catalogue:
        assert rule.code in listing.output


def test_readme_rules_section_matches_the_catalogue():
    """The README's catalogue is generated by `tracker-tool rules --format markdown`."""
    readme = (ROOT / "README.md").read_text()
    begin, end = "<!-- rules:begin -->\n", "<!-- rules:end -->"
    section = readme[readme.index(begin) + len(begin):readme.index(end)]
    expected = run("rules", "--format", "markdown").output
    assert section == expected, "regenerate with: tracker-tool rules --format markdown"


def test_readme_policy_section_matches_the_policy_model():
    """The README's settings table is generated from the policy model's own descriptions."""
    from tracker_tool.policy.toml_file import policy_markdown

    readme = (ROOT / "README.md").read_text()
    begin, end = "<!-- policy:begin -->\n", "<!-- policy:end -->"
    section = readme[readme.index(begin) + len(begin):readme.index(end)]
    assert section == policy_markdown(), "regenerate with: python scripts/regenerate.py"


def test_console_script_starts_without_heavy_imports():
    """`--help` must not pay for pydantic, XlsxWriter or calamine (they load per command)."""
    code = ("import sys, tracker_tool.cli; "
            "heavy = [m for m in ('pydantic', 'xlsxwriter', 'python_calamine', 'openpyxl') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_max_rows_caps_reading_and_says_so(make_workbook):
    path = make_workbook([clean_action(action_id=f"A-{n}") for n in range(1, 6)])
    result = run("validate", str(path), "--as-of", "2026-11-21", "--max-rows", "3",
                 "--format", "json")
    (book,) = json.loads(result.output)["workbooks"]
    assert book["rows"] == 3
    assert [(f["code"], f["cell"], f["severity"]) for f in book["findings"]] == [
        ("workbook.too-many-rows", None, "error")]
    assert "first 3 were checked" in book["findings"][0]["message"]
    assert result.exit_code == 1
    assert run("validate", str(path), "--as-of", "2026-11-21", "--max-rows", "5").exit_code == 0


def test_unwritable_output_is_a_one_line_error(make_workbook, tmp_path):
    path = make_workbook([clean_action()])
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("a file, not a folder")
    result = run("audit", str(path), "--out", str(not_a_folder / "a.xlsx"))
    assert result.exit_code == 2 and "cannot write" in result.output
    assert "Traceback" not in result.output and not_a_folder.read_text() == "a file, not a folder"


def test_output_that_is_a_folder_is_refused(make_workbook, tmp_path):
    path = make_workbook([clean_action()])
    result = run("audit", str(path), "--out", str(tmp_path))
    assert result.exit_code == 2 and "folder" in result.output


# -- getting it: the module entry point, UK dates, output names --------------------------------

def test_python_dash_m_runs_the_same_command_line(tmp_path):
    out = tmp_path / "t.xlsx"
    done = subprocess.run([sys.executable, "-m", "tracker_tool", "template", "action-plan",
                           "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.exists() and "Wrote" in done.stdout
    usage = subprocess.run([sys.executable, "-m", "tracker_tool", "--help"],
                           capture_output=True, text=True, timeout=120)
    assert usage.stdout.startswith("Usage: tracker-tool ")


def test_as_of_is_read_day_first_as_well_as_iso(tmp_path):
    path = tmp_path / "t.xlsx"
    assert run("template", "action-plan", "--out", str(path)).exit_code == 0
    iso = run("validate", str(path), "--as-of", "2026-11-21", "--format", "json")
    uk = run("validate", str(path), "--as-of", "21/11/2026", "--format", "json")
    assert iso.exit_code == uk.exit_code == 0
    assert json.loads(uk.output)["workbooks"][0]["as_of"] == "2026-11-21"
    assert uk.output == iso.output
    us = run("validate", str(path), "--as-of", "11/21/2026")  # month first: not a UK date
    assert us.exit_code == 2 and "--as-of" in us.output


@pytest.mark.parametrize("name", ["tracker.csv", "tracker.xls", "tracker.ods", "tracker"])
def test_an_output_that_is_not_an_xlsx_name_is_refused(tmp_path, name):
    out = tmp_path / name
    result = run("template", "action-plan", "--out", str(out))
    assert result.exit_code == 2
    assert "ending in .xlsx" in result.output and "Traceback" not in result.output
    assert not out.exists()
    sample = ROOT / "samples" / "oakfield-house" / "oakfield-house-actions.xlsx"
    audit = run("audit", str(sample), "--out", str(out), "--as-of", "2026-11-21")
    assert audit.exit_code == 2 and "ending in .xlsx" in audit.output
    assert not out.exists()
