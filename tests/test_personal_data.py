"""Personal details in the text that goes to regulators (issue 13, item 9): found, never
repeated by any output, and masked in a copy made to send; and every finding carrying the
action, owner and kind it is about (issue 14, item 9)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import date

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import AS_OF, clean_action, located

from tracker_tool import api
from tracker_tool.check.personal_data import find_personal, masked
from tracker_tool.cli import cli
from tracker_tool.core.a1 import column_letter
from tracker_tool.trackers import get_tracker
from tracker_tool.write.render import to_csv, to_json, to_text

ACTION_PLAN = get_tracker("action-plan")
#: Fictional details, each to be found and never repeated.
NAME, PHONE, NHS = "Mrs Edna Hollis", "07700 900123", "943 476 5919"
RAW = ("Edna", "Hollis", "900123", "476 5919")


def cell(key: str, row: int = 4, tracker=ACTION_PLAN) -> str:
    return f"{column_letter(tracker.by_key[key].index)}{row}"


def run(*args):
    return CliRunner().invoke(cli, [*map(str, args)], catch_exceptions=False)


# -- the detector --------------------------------------------------------------------------

@pytest.mark.parametrize("text, shown", [
    ("Mrs Edna Hollis fell twice", ["name with title Mrs E**** H****"]),
    ("Seen by Dr. Patel", ["name with title Dr P****"]),
    ("Mr J Smith and Mx McKay", ["name with title Mr J S****", "name with title Mx M****"]),
    ("Miss O'Neill's care plan", ["name with title Miss O****"]),
    ("NHS no. 9434765919", ["NHS number 943*******"]),
    ("NHS number 943 476 5919", ["NHS number 943 *** ****"]),
    ("Reply to e.hollis@example.org", ["email e***@***"]),
    ("Daughter on 07700 900123", ["telephone number 07*** ******"]),
    ("Tel +44 7700 900123", ["telephone number +44 77** ******"]),
    ("DOB: 12/03/1950", ["date of birth DOB **/**/****"]),
    ("DOB: 12/03/50", ["date of birth DOB **/**/**"]),
    ("d.o.b. 1/3/1950", ["date of birth d.o.b. */*/****"]),
    ("born 4th March 1948", ["date of birth born *** ***** ****"]),
])
def test_each_kind_of_detail_is_found_and_masked(text, shown):
    spans = find_personal(text)
    assert [s.shown for s in spans] == shown
    out = masked(text)
    for span in spans:
        assert text[span.start:span.end] not in out


@pytest.mark.parametrize("text", [
    "Mrs A was reviewed by the RM",          # an initial is the anonymous form the guidance asks for
    "Meet at 3 Oak Dr Leeds",                # a street, not a doctor
    "Oak Drive fire doors",                  # 'Dr' inside a word
    "Ref 943 476 5918",                      # fails the NHS number's check digit
    "Action A-014 under s12, see AUD-1",     # IDs and clauses
    "Due 12/03/2026, reviewed 01/10/2026",   # dates that are not dates of birth
    "Miss the deadline and it escalates",    # 'Miss' not followed by a name
    "Reborn 1/2/2020 as a new service",      # not the word 'born'
    "Weekly Ms Teams call with the GP",      # software, not a person
    "18 of 20 charts audited",
    "",
])
def test_near_misses_are_not_personal_details(text):
    assert find_personal(text) == []


# -- the rule ------------------------------------------------------------------------------

def test_action_plan_description_and_progress_are_checked(validate):
    report = validate([clean_action(description=f"{NAME} fell twice; call her daughter on "
                                                f"{PHONE}.",
                                    progress_update=f"NHS number {NHS} checked on the chart")])
    assert located(report) == {("personal-data.found", cell("description")),
                               ("personal-data.found", cell("progress_update"))}
    by_cell = {f.cell: f for f in report.findings}
    assert "name with title Mrs E**** H****" in by_cell[cell("description")].message
    assert "telephone number 07*** ******" in by_cell[cell("description")].message
    assert "NHS number 943 *** ****" in by_cell[cell("progress_update")].message
    assert by_cell[cell("description")].value == ("Mrs E**** H**** fell twice; call her "
                                                  "daughter on 07*** ******.")


def test_other_columns_and_anonymous_references_are_not_flagged(validate):
    report = validate([clean_action(title="Mrs A's falls plan",
                                    description="Dr to visit at Oak Drive; Mrs A's family "
                                                "informed by the RM",
                                    intended_outcome="Mr Hollis has no further falls")])
    assert "personal-data.found" not in {f.code for f in report.findings}


def test_ombudsman_plan_sheet_and_rows_are_checked(tmp_path):
    from test_ombudsman_plan import KIND, actions, plan_facts

    path = tmp_path / "omb.xlsx"
    api.build_template(KIND, path, entries=actions(failing=f"{NAME} was not escalated"),
                       plan=plan_facts(progress_updates=f"Letters to {NAME}, DOB 12/03/1950"))
    report = api.validate_workbook(path, as_of=AS_OF)
    omb = get_tracker(KIND)
    assert {(f.code, f.sheet, f.cell) for f in report.findings} == {
        ("personal-data.found", "Actions", cell("failing", tracker=omb)),
        ("personal-data.found", "Plan", "C20")}  # the progress updates item
    assert next(f for f in report.findings if f.sheet == "Plan").field == "progress_updates"


# -- never repeated by an output -----------------------------------------------------------

@pytest.fixture
def leaky(make_workbook, tmp_path):
    """A return whose description holds personal details, and a finding that quotes it."""
    folder = tmp_path / "returns"
    folder.mkdir()
    path = make_workbook([clean_action(description=f"{NAME}: call {PHONE}, NHS {NHS}",
                                       progress_update=f"Spoke to {NAME}",
                                       owner="All staff")])
    target = folder / "oakfield-return.xlsx"
    target.write_bytes(path.read_bytes())
    return target


def _assert_clean(text: str, where: str):
    for raw in RAW:
        assert raw not in text, f"{raw!r} in {where}"


def test_no_output_repeats_a_personal_detail(leaky, tmp_path):
    report = api.validate_workbook(leaky, as_of=AS_OF)
    assert {f.code for f in report.findings} >= {"personal-data.found", "owner.group"}
    _assert_clean(to_text([report]), "text")
    _assert_clean(to_json([report]), "JSON")
    _assert_clean(to_csv([report]), "CSV")
    result = run("validate", leaky, "--as-of", "2026-11-21", "--format", "json")
    _assert_clean(result.output, "validate --format json")

    audit = tmp_path / "audit.xlsx"
    api.write_audit(leaky, audit, as_of=AS_OF)
    book = openpyxl.load_workbook(audit)
    seen = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    seen.append(str(c.value))
                if c.comment is not None:
                    seen.append(c.comment.text)
    text = "\n".join(seen)
    _assert_clean(text, "the audit workbook")
    assert "Mrs E**** H****" in text  # the cell is still shown, masked

    batch = api.validate_many([leaky.parent], tmp_path / "batch", AS_OF, workers=1)
    _assert_clean(batch.findings_csv.read_text(encoding="utf-8-sig"), "findings.csv")
    _assert_clean(batch.report_json.read_text(encoding="utf-8"), "report.json")


# -- what analysts pivot on ----------------------------------------------------------------

def test_every_finding_carries_its_action_owner_and_kind(make_workbook, tmp_path):
    path = make_workbook([clean_action(action_id="A-007", title=f"Falls plan for {NAME}",
                                       owner="All staff")])
    result = run("validate", path, "--as-of", "2026-11-21", "--format", "json")
    (book,) = json.loads(result.output)["workbooks"]
    group = next(f for f in book["findings"] if f["code"] == "owner.group")
    assert (group["tracker"], group["action_id"], group["owner"], group["row"]) == (
        "action-plan", "A-007", "All staff", 4)
    assert type(group["row"]) is int
    assert group["action_title"] == "Falls plan for Mrs E**** H****"  # free text, masked

    rows = list(csv.DictReader(io.StringIO(
        run("validate", path, "--as-of", "2026-11-21", "--format", "csv").output)))
    row = next(r for r in rows if r["code"] == "owner.group")
    assert (row["tracker"], row["action_id"], row["owner"], row["row"]) == (
        "action-plan", "A-007", "All staff", "4")


def test_workbook_level_findings_have_no_action(tmp_path):
    path = tmp_path / "unstamped.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["not", "a", "tracker"])
    book.save(path)
    report = api.validate_workbook(path, as_of=AS_OF, kind="action-plan")
    assert report.findings
    for f in report.findings:
        assert (f.tracker, f.action_id, f.action_title, f.owner, f.row) == (
            "action-plan", None, None, None, None)


def test_the_frame_has_the_pivot_columns_and_integer_rows(make_workbook, tmp_path):
    pytest.importorskip("pandas")
    folder = tmp_path / "returns"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(make_workbook([clean_action(owner="All staff")]).read_bytes())
    result = api.validate_many([folder], tmp_path / "out", AS_OF, workers=1)
    frame = api.findings_frame(result)
    assert {"tracker", "action_id", "action_title", "owner"} <= set(frame.columns)
    assert str(frame["row"].dtype) == "Int64"
    group = frame[frame["code"] == "owner.group"].iloc[0]
    assert (group["action_id"], group["owner"], group["row"]) == ("A-001", "All staff", 4)


def test_a_comparison_masks_what_either_return_held(make_workbook):
    """A change finding quoting last time's progress note shows it masked, as do its
    previous value and every rendering of the comparison."""
    from tracker_tool.write.changes_text import to_csv as changes_csv
    from tracker_tool.write.changes_text import to_json as changes_json

    note = f"Spoke to {NAME} on {PHONE}"
    previous = make_workbook([clean_action(progress_update=note, review_date=date(2026, 10, 1))])
    current = make_workbook([clean_action(progress_update=note)])
    comparison = api.compare_returns(previous, current, as_of=AS_OF,
                                     previous_as_of=date(2026, 10, 20))
    (change,) = [c for c in comparison.changes if c.finding.code == "change.progress-copied"]
    assert change.finding.cell == cell("progress_update")
    assert change.previous_value == "Spoke to Mrs E**** H**** on 07*** ******"
    assert (change.finding.tracker, change.finding.action_id) == ("action-plan", "A-001")
    _assert_clean(changes_json(comparison) + changes_csv(comparison), "the comparison")


def test_the_pdf_packs_action_review_names_each_action_from_its_findings(make_workbook):
    """The pack's Action review reads the action's ID, title and owner from its findings, so
    the title comes masked."""
    from tracker_tool.trackers.resolve import check_workbook
    from tracker_tool.write.pdf_pack.data import pack_data

    path = make_workbook([clean_action(action_id="A-007", title=f"Falls plan for {NAME}",
                                       owner="All staff")])
    lines = pack_data(check_workbook(path, AS_OF)).review_lines
    assert [(line.action_id, line.title, line.owner) for line in lines] == [
        ("A-007", "Falls plan for Mrs E**** H****", "All staff")]
