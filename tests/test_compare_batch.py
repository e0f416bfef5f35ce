"""batch --previous: two quarters of returns from three fictional services and one unstamped
home, paired by stamp or file name; trends, changes and the service that stopped returning.

Quarter 2 (q2/): Rose Court (rose-court-q2.xlsx), Willow Lodge, Ash Grove, and home-farm.xlsx
with no stamp. Quarter 3 (q3/): Rose Court under another file name, Willow Lodge, home-farm.xlsx;
Ash Grove sent nothing. Rose Court moved a due date (J4) and deleted an open action (A-002);
Willow Lodge closed its overdue action late.
"""

from __future__ import annotations

import csv
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import AS_OF, clean_action, done_action

from tracker_tool import api
from tracker_tool.batch.discovery import Found
from tracker_tool.batch.previous import PreviousReturn, match_previous
from tracker_tool.cli import cli
from tracker_tool.core.stamp import ServiceIdentity
from tracker_tool.errors import UsageError

D = date
ROSE = ServiceIdentity("Rose Court", "Larchfield Care Ltd", "1-555000101")
WILLOW = ServiceIdentity("Willow Lodge", "Larchfield Care Ltd", "1-555000102")
ASH = ServiceIdentity("Ash Grove", "Fernhill Homes Ltd", "1-555000103")

WILLOW_OVERDUE = clean_action(date_created=D(2026, 8, 1), due_date=D(2026, 9, 1),
                              review_date=D(2026, 10, 20))
WILLOW_DONE = done_action(action_id="A-002", date_created=D(2026, 9, 1),
                          date_completed=D(2026, 10, 10))
Q2 = {
    "rose-court-q2.xlsx": ([clean_action(), clean_action(action_id="A-002")], ROSE),
    "willow-lodge.xlsx": ([WILLOW_OVERDUE, WILLOW_DONE], WILLOW),
    "ash-grove.xlsx": ([clean_action()], ASH),
    "home-farm.xlsx": ([clean_action()], None),
}
Q3 = {
    "rose-court-autumn.xlsx": ([clean_action(due_date=D(2026, 12, 15))], ROSE),
    "willow-lodge.xlsx": ([done_action(**{**WILLOW_OVERDUE, "status": "Complete"},
                                       date_completed=D(2026, 11, 1)), WILLOW_DONE], WILLOW),
    "home-farm.xlsx": ([clean_action()], None),
}
_BUILT: dict[tuple, bytes] = {}


def build(path: Path, rows, service) -> Path:
    """A return; the same one is built once per session (templates are slow to write)."""
    key = (repr(rows), service)
    if key not in _BUILT:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)  # a return resubmitted: the template writer never replaces
        api.build_template("action-plan", path, entries=rows, service=service)
        _BUILT[key] = path.read_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_BUILT[key])
    return path


@pytest.fixture
def quarters(tmp_path, monkeypatch):
    """q2/ and q3/ in a working folder, so the batch names files q2/... and q3/..."""
    monkeypatch.chdir(tmp_path)
    for folder, returns in (("q2", Q2), ("q3", Q3)):
        for name, (rows, service) in returns.items():
            build(tmp_path / folder / name, rows, service)
    return tmp_path


def batch(out="out", previous=("q2",), current=("q3",), **kw):
    with ThreadPoolExecutor(2) as pool:
        return api.validate_many(list(current), out, AS_OF, previous=list(previous),
                                 executor=pool, **kw)


def sheet(path, name) -> list[dict]:
    rows = list(openpyxl.load_workbook(path)[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:] if any(v is not None for v in row)]


def by_name(rows: list[dict], key="Service or workbook") -> dict[str, dict]:
    return {row[key]: row for row in rows if row.get(key)}


def read_csv(path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# -- pairing --------------------------------------------------------------------------------

def test_returns_are_paired_by_stamp_and_by_file_name_without_a_stamp(quarters):
    result = batch()
    paired = {s.workbook: (s.previous or {}).get("workbook") for s in result.summaries}
    assert paired == {
        "q3/rose-court-autumn.xlsx": "q2/rose-court-q2.xlsx",  # by stamp: the names differ
        "q3/willow-lodge.xlsx": "q2/willow-lodge.xlsx",
        "q3/home-farm.xlsx": "q2/home-farm.xlsx",  # no stamp: by file name
    }
    assert [p.name for p in result.previous.gone] == ["Ash Grove"]


def test_last_quarter_inside_the_returns_folder_is_not_checked_again(quarters):
    """`batch returns/ --previous returns/q2`: last quarter's files are inputs of another kind."""
    import shutil

    shutil.move("q2", "q3/q2")
    result = batch(previous=("q3/q2",), current=("q3",))
    checked = sorted(s.workbook for s in result.summaries)
    assert checked == ["q3/home-farm.xlsx", "q3/rose-court-autumn.xlsx", "q3/willow-lodge.xlsx"]
    paired = {s.workbook: (s.previous or {}).get("workbook") for s in result.summaries}
    assert paired["q3/willow-lodge.xlsx"] == "q3/q2/willow-lodge.xlsx"


def test_different_services_are_never_paired_by_file_name_and_duplicates_not_guessed():
    found = [Found(Path(f"/now/{n}"), n) for n in ("return.xlsx", "a.xlsx", "b.xlsx")]
    services = [ROSE, WILLOW, None]
    previous = [PreviousReturn("then/return.xlsx", "return.xlsx", Path("/then/return.xlsx"), ASH),
                PreviousReturn("then/w1.xlsx", "w1.xlsx", Path("/then/w1.xlsx"), WILLOW),
                PreviousReturn("then/w2.xlsx", "w2.xlsx", Path("/then/w2.xlsx"), WILLOW),
                PreviousReturn("then/b.xlsx", "b.xlsx", Path("/then/b.xlsx"), None)]
    match = match_previous(found, services, previous, "then")
    assert {i: p.label for i, p in match.pairs.items()} == {2: "then/b.xlsx"}
    assert "2 of last time's returns carry this service's stamp" in match.unsure[1]
    # Rose Court's file has Ash Grove's old name, not its stamp: Ash Grove stopped returning.
    assert [p.label for p in match.gone] == ["then/return.xlsx"]


# -- the roll-up ----------------------------------------------------------------------------

def test_rollup_league_table_shows_last_time_and_the_change(quarters):
    batch()
    league = by_name(sheet(quarters / "out" / "rollup.xlsx", "League table"))
    rose, willow, farm = league["Rose Court"], league["Willow Lodge"], league["home-farm.xlsx"]
    assert rose["Last time's return"] == "q2/rose-court-q2.xlsx"
    # Three errors now, all changes: due date moved, no original kept, open action deleted.
    assert (rose["Errors last time"], rose["Errors"], rose["Errors change"]) == (0, 3, 3)
    assert rose["Changes since last time"] == 3
    assert (willow["Overdue last time"], willow["Overdue actions"],
            willow["Overdue change"]) == (1, 0, -1)
    assert (willow["On-time closure last time"], willow["On-time closure rate"],
            willow["On-time closure change"]) == (100, 50, -50)
    # Last time its overdue action had not been escalated; closed now, nothing is due.
    assert (willow["Escalations not made last time"], willow["Escalations not made"],
            willow["Escalations change"]) == (1, 0, -1)
    assert farm["Errors change"] == 0 and farm["Changes since last time"] == 0


def test_rollup_changes_sheet_lists_each_change_with_its_audit(quarters):
    batch()
    rows = sheet(quarters / "out" / "rollup.xlsx", "Changes")
    found = {(r["Service or workbook"], r["Action ID"], r["Code"], r["Cell"], r["Last time"],
              r["Now"]) for r in rows}
    assert found == {
        ("Rose Court", "A-001", "change.due-moved", "Actions!J5", "01/12/2026", "15/12/2026"),
        ("Rose Court", "A-001", "change.original-due-lost", "Actions!W5", None, None),
        ("Rose Court", "A-002", "change.action-deleted", "Actions (previous)!Q6",
         "In progress", None),
    }
    book = openpyxl.load_workbook(quarters / "out" / "rollup.xlsx")
    link = book["Changes"]["I2"].hyperlink
    assert (link.target.replace("\\", "/"), link.location) == (
        "audits/rose-court-autumn-audit.xlsx", "'Changes'!A1")
    # The audit the link opens has the Changes sheet, as `audit --previous` writes it.
    audit = openpyxl.load_workbook(quarters / "out" / "audits" / "rose-court-autumn-audit.xlsx")
    assert "Changes" in audit.sheetnames


def test_service_that_stopped_returning_is_listed_in_rollup_json_and_text(quarters):
    result = CliRunner().invoke(cli, ["batch", "q3", "--previous", "q2", "--out-dir", "out",
                                      "--as-of", AS_OF.isoformat(), "--workers", "1"])
    assert result.exit_code == 1, result.output  # Rose Court's changes are errors
    assert ("Not returned now: Ash Grove (1-555000103); last time q2/ash-grove.xlsx"
            in result.output)
    assert "3 of 3 returns paired, 3 changes breaking a rule, 1 returned last time but not " \
           "now" in result.output
    gone = sheet(quarters / "out" / "rollup.xlsx", "Not returned now")
    assert [(g["Service or workbook"], g["CQC location ID"], g["Last time's workbook"])
            for g in gone] == [("Ash Grove", "1-555000103", "q2/ash-grove.xlsx")]
    summary = {row[0]: row[1] for row in openpyxl.load_workbook(
        quarters / "out" / "rollup.xlsx")["Summary"].iter_rows(values_only=True) if row[0]}
    assert summary["Returned last time but not now"] == 1
    assert summary["Returned last time, not now"] == "Ash Grove"
    report = json.loads((quarters / "out" / "report.json").read_text(encoding="utf-8"))
    assert [g["service"] for g in report["previous"]["returned_last_time_not_now"]] == [
        "Ash Grove"]


# -- findings -------------------------------------------------------------------------------

def test_change_findings_join_findings_csv_at_their_cells(quarters):
    batch()
    rows = read_csv(quarters / "out" / "findings.csv")
    changes = {(r["workbook"], r["code"], r["sheet"], r["cell"]) for r in rows
               if r["code"].startswith("change.")}
    assert changes == {
        ("q3/rose-court-autumn.xlsx", "change.due-moved", "Actions", "J5"),
        ("q3/rose-court-autumn.xlsx", "change.original-due-lost", "Actions", "W5"),
        ("q3/rose-court-autumn.xlsx", "change.action-deleted", "Actions (previous)", "Q6"),
    }
    moved = next(r for r in rows if r["code"] == "change.due-moved")
    assert moved["value"] == "15/12/2026" and "01/12/2026" in moved["message"]


def test_free_text_is_withheld_from_the_rollup_but_kept_in_the_audit(quarters):
    note = "Spoke to Mr Example about his medicines"
    build(quarters / "q2" / "home-farm.xlsx", [clean_action(
        review_date=D(2026, 11, 10), progress_update=note)], None)
    build(quarters / "q3" / "home-farm.xlsx", [clean_action(
        review_date=D(2026, 11, 10), progress_update=note, date_created=D(2026, 11, 3))], None)
    batch()
    rows = [r for r in sheet(quarters / "out" / "rollup.xlsx", "Changes")
            if r["Service or workbook"] == "home-farm.xlsx"]
    copied = next(r for r in rows if r["Code"] == "change.progress-copied")
    assert copied["Cell"] == "Actions!S4"
    assert copied["Last time"] == copied["Now"] == "(text: see the audit)"
    # Dates are not free text: the rewritten date created shows both values.
    rewritten = next(r for r in rows if r["Code"] == "change.date-rewritten")
    assert (rewritten["Last time"], rewritten["Now"]) == ("02/11/2026", "03/11/2026")


def test_unreadable_previous_return_is_a_finding_and_the_batch_goes_on(quarters):
    (quarters / "q2" / "home-farm.xlsx").write_bytes(b"not a workbook at all")
    result = batch()
    farm = next(s for s in result.summaries if s.workbook == "q3/home-farm.xlsx")
    [note] = [f for f in farm.checks if f.code == "return.previous-not-compared"]
    assert "q2/home-farm.xlsx could not be read" in note.message
    assert farm.previous == {"workbook": "q2/home-farm.xlsx"}
    assert len(result.summaries) == 3 and all(s.readable for s in result.summaries)


# -- last quarter's batch folder -----------------------------------------------------------

def test_previous_given_as_last_quarters_batch_folder(quarters):
    with ThreadPoolExecutor(2) as pool:
        api.validate_many(["q2"], "out-q2", AS_OF, executor=pool)
    from_folder = batch(out="out-q3", previous=("out-q2",))
    from_files = batch(out="out-files")
    assert from_folder.previous.compared_from_folder
    assert [s.previous for s in from_folder.summaries] == [
        s.previous for s in from_files.summaries]
    assert [p.label for p in from_folder.previous.gone] == ["q2/ash-grove.xlsx"]


def test_batch_folder_whose_returns_have_gone_says_so(quarters):
    with ThreadPoolExecutor(2) as pool:
        api.validate_many(["q2"], "out-q2", AS_OF, executor=pool)
    (quarters / "q2" / "willow-lodge.xlsx").unlink()
    result = batch(out="out-q3", previous=("out-q2",))
    willow = next(s for s in result.summaries if s.workbook == "q3/willow-lodge.xlsx")
    [note] = [f.message for f in willow.checks if f.code == "return.previous-not-compared"]
    assert "q2/willow-lodge.xlsx, recorded in out-q2/report.json, is no longer there" in note
    for name in Q2:
        (quarters / "q2" / name).unlink(missing_ok=True)
    with pytest.raises(UsageError, match="records 4 returns, but none is still where it was"):
        batch(out="out-q3b", previous=("out-q2",))
    assert not (quarters / "out-q3b").exists()  # refused before anything was written


def test_previous_cannot_be_this_batchs_own_output_folder(quarters):
    batch()
    result = CliRunner().invoke(cli, ["batch", "q3", "--previous", "out", "--out-dir", "out",
                                      "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 2
    assert "is this batch's --out-dir" in result.output and "Traceback" not in result.output


# -- the cache ------------------------------------------------------------------------------

def test_a_changed_previous_return_rechecks_only_its_pair(quarters):
    first = batch()
    assert first.rechecked == 3
    assert batch().rechecked == 0
    build(quarters / "q2" / "rose-court-q2.xlsx", [clean_action()], ROSE)  # A-002 never was
    again = batch()
    rechecked = [c.summary.workbook for c in again.checked if not c.cached]
    assert rechecked == ["q3/rose-court-autumn.xlsx"]
    rose = next(s for s in again.summaries if s.service == ROSE)
    assert rose.previous["changes"] == 2  # no deleted action any more


# -- the audit's review pack, and the rules listing -----------------------------------------

def test_review_pack_shows_each_figure_now_last_time_and_change(quarters):
    batch()
    pack = openpyxl.load_workbook(quarters / "out" / "audits" / "willow-lodge-audit.xlsx")[
        "Review pack"]
    rows = {row[0]: row[1:5] for row in pack.iter_rows(values_only=True) if row[0]}
    heading = next(label for label in rows if str(label).startswith("Since the previous return ("))
    assert rows[heading] == ("Now", "Last time", "Change", "Direction")
    assert rows["Overdue actions"] == (0, 1, -1, "better")
    # the % sign is on the numbers (their cell format), not in the label
    assert rows["On-time closure rate"] == (50, 100, -50, "worse")


def test_rules_lists_the_change_codes_under_their_own_heading():
    from tracker_tool.check.compare import change_catalogue
    from tracker_tool.trackers import get_tracker

    for kind, own in (("action-plan", "change.due-moved"),
                      ("supervision-escalations", "change.repeat-escalation")):
        output = CliRunner().invoke(cli, ["rules", "--kind", kind]).output
        checks, _, changes = output.partition("Changes since the previous return")
        assert own in changes and own not in checks
        assert all(info.code in changes for info in change_catalogue(get_tracker(kind)))
        assert "action.overdue" not in changes
