"""The batch command and validate_many: discovery, unreadable files, exit status, re-runs,
mixed tracker kinds, other executors (threads, a crashed worker, Dask) and the findings frame."""

from __future__ import annotations

import csv
import dataclasses
import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import openpyxl
import pytest
from _builders import letter, stamp_values, template_columns, write_sheet
from click.testing import CliRunner
from conftest import AS_OF, clean_action, done_action

from tracker_tool import api
from tracker_tool.batch import jobs as batch
from tracker_tool.batch.discovery import discover
from tracker_tool.cli import cli
from tracker_tool.core.stamp import PROP_KIND
from tracker_tool.errors import UsageError

FAULTY = [clean_action(action_id="A-001", owner=None),
          clean_action(action_id="A-002", due_date="ASAP")]
CLEAN = [clean_action(action_id="A-001"), done_action(action_id="A-002")]


_BUILT: dict[str, bytes] = {}


def build(path: Path, rows) -> Path:
    """A workbook of ``rows``; the same rows are built once per session (templates are slow)."""
    key = repr(rows)
    if key not in _BUILT:
        path.parent.mkdir(parents=True, exist_ok=True)
        api.build_template("action-plan", path, entries=rows)
        _BUILT[key] = path.read_bytes()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_BUILT[key])
    return path


@pytest.fixture
def returns(tmp_path) -> Path:
    """A folder of two clean returns and one faulty one, in sub-folders as returns often are."""
    folder = tmp_path / "returns"
    build(folder / "north" / "ash-court.xlsx", CLEAN)
    build(folder / "north" / "birch-view.xlsx", FAULTY)
    build(folder / "south" / "cedar-lodge.xlsx", CLEAN)
    return folder


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def sheet_rows(path: Path, sheet: str) -> list[tuple]:
    book = openpyxl.load_workbook(path)
    return list(book[sheet].iter_rows(values_only=True))


# -- the command and its outputs ------------------------------------------------------------

def test_batch_writes_rollup_audits_csv_and_json(returns, tmp_path):
    out = tmp_path / "out"
    result = run("batch", returns, "--out-dir", out, "--as-of", "2026-11-21", "--workers", "2")
    assert result.exit_code == 1, result.output
    assert sorted(p.relative_to(out).as_posix() for p in (out / "audits").rglob("*.xlsx")) == [
        "audits/north/ash-court-audit.xlsx", "audits/north/birch-view-audit.xlsx",
        "audits/south/cedar-lodge-audit.xlsx"]
    findings = read_csv(out / "findings.csv")
    located = {(Path(r["workbook"]).name, r["code"], r["cell"]) for r in findings}
    assert located == {("birch-view.xlsx", "owner.missing", f"{letter('owner')}4"),
                       ("birch-view.xlsx", "date.not-a-date", f"{letter('due_date')}5")}
    report = json.loads((out / "report.json").read_text())
    assert [Path(w["workbook"]).name for w in report["workbooks"]] == [
        "ash-court.xlsx", "birch-view.xlsx", "cedar-lodge.xlsx"]
    birch = report["workbooks"][1]
    assert (birch["actions"], birch["errors"], birch["status"]) == (2, 2, "checked")
    assert birch["figures"]["actions"] == 2
    assert report["totals"]["with_errors"] == 1
    assert report["league_table"][0]["workbook"].endswith("birch-view.xlsx")
    rows = sheet_rows(out / "rollup.xlsx", "Workbooks")
    header = rows[0]
    by_file = {Path(r[0]).name: dict(zip(header, r)) for r in rows[1:]}
    assert by_file["birch-view.xlsx"]["Errors"] == 2
    assert by_file["birch-view.xlsx"]["Result"] == "Errors"
    assert by_file["ash-court.xlsx"]["Result"] == "No problems"
    assert by_file["ash-court.xlsx"]["Audit workbook"] == "audits/north/ash-court-audit.xlsx"
    assert "Checked 3 workbooks as of 21/11/2026" in result.output
    assert "Highest risk: birch-view.xlsx" in result.output


def test_log_has_one_line_per_workbook_when_not_a_terminal(returns, tmp_path):
    result = run("batch", returns, "--out-dir", tmp_path / "out", "--as-of", "2026-11-21")
    lines = [line for line in result.output.splitlines() if line.startswith("[")]
    assert [line.split("]")[0] for line in lines] == ["[1/3", "[2/3", "[3/3"]
    assert "birch-view.xlsx: 2 actions, 2 errors" in lines[1]


def test_clean_batch_exits_0(tmp_path):
    build(tmp_path / "in" / "a.xlsx", CLEAN)
    build(tmp_path / "in" / "b.xlsx", CLEAN)
    result = run("batch", tmp_path / "in", "--out-dir", tmp_path / "out", "--as-of",
                 "2026-11-21", "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "0 with errors or not read" in result.output


@pytest.mark.parametrize("args, message", [
    (["missing-folder"], "no such file or folder: missing-folder"),
    (["empty"], "no workbooks found in empty"),
    (["nothing-*.xlsx"], "no file or folder matches nothing-*.xlsx"),
    (["in", "--workers", "0"], "Invalid value for '--workers'"),
    (["in", "--kind", "no-such-kind"], "unknown tracker kind 'no-such-kind'"),
    (["in", "--services", "bad.csv"], "no 'service' column"),
])
def test_misuse_exits_2_with_one_line(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    build(tmp_path / "in" / "a.xlsx", FAULTY)
    (tmp_path / "bad.csv").write_text("name of home,owner\nAsh Court,Ash Ltd\n")
    result = run("batch", *args, "--out-dir", "out", "--as-of", "2026-11-21")
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out" / "rollup.xlsx").exists()


def test_out_dir_that_is_a_file_is_misuse(returns, tmp_path):
    (tmp_path / "out.txt").write_text("notes")
    result = run("batch", returns, "--out-dir", tmp_path / "out.txt", "--as-of", "2026-11-21")
    assert result.exit_code == 2
    assert "is a file" in result.output


# -- unreadable files -----------------------------------------------------------------------

def test_unreadable_files_are_rows_and_never_stop_the_batch(returns, tmp_path):
    good = returns / "north" / "ash-court.xlsx"
    (returns / "notes.xlsx").write_text("Service,Actions\nAsh Court,12\n")
    (returns / "legacy.xls").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600)
    data = good.read_bytes()
    (returns / "truncated.xlsx").write_bytes(data[: len(data) // 2])
    (returns / "empty.xlsx").write_bytes(b"")
    out = tmp_path / "out"
    result = api.validate_many([returns], out, AS_OF, workers=2)
    reasons = {Path(s.workbook).name: s.reason for s in result.summaries if not s.readable}
    assert set(reasons) == {"notes.xlsx", "legacy.xls", "truncated.xlsx", "empty.xlsx"}
    assert "text or CSV file" in reasons["notes.xlsx"]
    assert "Excel 97-2003 (.xls)" in reasons["legacy.xls"]
    assert "damaged or incomplete" in reasons["truncated.xlsx"]
    assert "empty (0 bytes)" in reasons["empty.xlsx"]
    assert sum(s.readable for s in result.summaries) == 3
    assert result.has_errors
    rows = read_csv(out / "findings.csv")
    unreadable = {Path(r["workbook"]).name: r for r in rows if r["code"] == "workbook.unreadable"}
    assert set(unreadable) == set(reasons)
    assert unreadable["legacy.xls"]["severity"] == "error"
    assert "Excel 97-2003" in unreadable["legacy.xls"]["message"]
    league = sheet_rows(out / "rollup.xlsx", "League table")
    assert {r[10] for r in league[1:5]} == {"Not read"}  # unreadable returns come first
    workbooks = sheet_rows(out / "rollup.xlsx", "Workbooks")
    header = workbooks[0]
    why = {Path(r[0]).name: r[header.index("Could not be read because")] for r in workbooks[1:]}
    assert why["empty.xlsx"] == reasons["empty.xlsx"]
    assert why[["north", "ash-court.xlsx"][1]] is None


def test_an_unreadable_file_alone_exits_1_not_2(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    result = run("batch", tmp_path / "in", "--out-dir", tmp_path / "out", "--as-of",
                 "2026-11-21", "--workers", "1")
    assert result.exit_code == 1
    assert "broken.xlsx: NOT READ - the file is damaged" in result.output


_REAL_CHECK_ONE = batch.check_one


def _crash_on_poison(job):
    if "poison" in job.path:
        os._exit(3)  # what an out-of-memory kill looks like to the pool
    return _REAL_CHECK_ONE(job)


@pytest.mark.skipif(os.name != "posix", reason="needs fork so the patched worker is inherited")
def test_a_worker_that_dies_costs_one_row_and_the_rest_are_checked(returns, tmp_path,
                                                                   monkeypatch):
    import multiprocessing

    if multiprocessing.get_start_method() != "fork":
        pytest.skip("the patched worker reaches child processes only when they are forked")
    shutil.copy(returns / "north" / "ash-court.xlsx", returns / "poison.xlsx")
    monkeypatch.setattr(batch, "check_one", _crash_on_poison)
    result = api.validate_many([returns], tmp_path / "out", AS_OF, workers=2)
    by_name = {Path(s.workbook).name: s for s in result.summaries}
    assert not by_name["poison.xlsx"].readable
    assert "worker process stopped" in by_name["poison.xlsx"].reason
    assert all(s.readable for name, s in by_name.items() if name != "poison.xlsx")
    assert len(by_name) == 4


# -- discovery ------------------------------------------------------------------------------

def test_outputs_inside_a_scanned_folder_are_not_taken_for_returns(returns, tmp_path):
    out = returns / "q3-audit"
    first = api.validate_many([returns], out, AS_OF, workers=1)
    (returns / "old-rollup").mkdir()
    shutil.copy(out / "rollup.xlsx", returns / "old-rollup" / "rollup.xlsx")
    shutil.copy(out / "audits" / "north" / "ash-court-audit.xlsx", returns / "ash-court-audit.xlsx")
    (returns / "~$ash-court.xlsx").write_bytes(b"lock")
    (returns / ".hidden").mkdir()
    build(returns / ".hidden" / "copy.xlsx", CLEAN)
    second = api.validate_many([returns], out, AS_OF, workers=1)
    names = [Path(s.workbook).name for s in second.summaries]
    assert names == [Path(s.workbook).name for s in first.summaries] == [
        "ash-court.xlsx", "birch-view.xlsx", "cedar-lodge.xlsx"]


def test_files_folders_and_globs_are_found_once_in_order(returns, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (returns / "south" / "readme.txt").write_text("not a spreadsheet")
    found = discover(["returns/north", "returns/**/*.xlsx", "returns/north/ash-court.xlsx"])
    assert [f.label for f in found] == ["returns/north/ash-court.xlsx",
                                        "returns/north/birch-view.xlsx",
                                        "returns/south/cedar-lodge.xlsx"]
    assert [f.relative for f in found] == ["north/ash-court.xlsx", "north/birch-view.xlsx",
                                           "south/cedar-lodge.xlsx"]
    explicit = discover(["returns/south/readme.txt"])  # named outright: checked, whatever it is
    assert [f.label for f in explicit] == ["returns/south/readme.txt"]
    with pytest.raises(UsageError, match="no such file or folder"):
        discover(["returns/west"])


def test_same_file_name_in_two_folders_gets_two_audits(tmp_path):
    build(tmp_path / "in" / "ash" / "tracker.xlsx", CLEAN)
    build(tmp_path / "in" / "elm" / "tracker.xlsx", FAULTY)
    result = api.validate_many([tmp_path / "in"], tmp_path / "out", AS_OF, workers=1)
    assert [s.audit for s in result.summaries] == ["audits/ash/tracker-audit.xlsx",
                                                   "audits/elm/tracker-audit.xlsx"]
    assert all((tmp_path / "out" / s.audit).is_file() for s in result.summaries)


def test_an_input_is_never_overwritten(tmp_path):
    """Naming a would-be output as an input is refused before anything is written."""
    build(tmp_path / "in" / "a.xlsx", CLEAN)
    build(tmp_path / "out" / "rollup.xlsx", CLEAN)
    before = (tmp_path / "out" / "rollup.xlsx").read_bytes()
    with pytest.raises(UsageError, match="one of the input files"):
        api.validate_many([tmp_path / "in", tmp_path / "out" / "rollup.xlsx"], tmp_path / "out",
                          AS_OF, workers=1)
    assert (tmp_path / "out" / "rollup.xlsx").read_bytes() == before


# -- re-runs --------------------------------------------------------------------------------

def _batch(folder, out, **kwargs):
    seen = []
    kwargs.setdefault("workers", 2)
    result = api.validate_many([folder], out, kwargs.pop("as_of", AS_OF),
                               progress=lambda s, cached, done, total: seen.append(
                                   (Path(s.workbook).name, cached)), **kwargs)
    return result, dict(seen)


def test_rerun_rechecks_only_the_files_that_changed(returns, tmp_path):
    out = tmp_path / "out"
    first, seen = _batch(returns, out)
    assert seen == {"ash-court.xlsx": False, "birch-view.xlsx": False,
                    "cedar-lodge.xlsx": False}
    assert first.rechecked == 3
    audit = out / "audits" / "north" / "birch-view-audit.xlsx"
    old_audit = audit.read_bytes()
    build(returns / "north" / "birch-view.xlsx", CLEAN)  # Birch View resubmits, fixed
    second, seen = _batch(returns, out)
    assert seen == {"ash-court.xlsx": True, "birch-view.xlsx": False, "cedar-lodge.xlsx": True}
    assert second.rechecked == 1
    assert not second.has_errors
    assert audit.read_bytes() != old_audit
    assert read_csv(out / "findings.csv") == []
    third, seen = _batch(returns, out, redo_all=True)
    assert set(seen.values()) == {False}
    assert third.rechecked == 3


def test_a_missing_audit_or_a_new_date_means_checking_again(returns, tmp_path):
    out = tmp_path / "out"
    _batch(returns, out)
    (out / "audits" / "south" / "cedar-lodge-audit.xlsx").unlink()
    _, seen = _batch(returns, out)
    assert seen == {"ash-court.xlsx": True, "birch-view.xlsx": True, "cedar-lodge.xlsx": False}
    assert (out / "audits" / "south" / "cedar-lodge-audit.xlsx").is_file()
    from datetime import date

    _, seen = _batch(returns, out, as_of=date(2026, 12, 31))
    assert set(seen.values()) == {False}


def test_cached_results_give_the_same_outputs(returns, tmp_path):
    out = tmp_path / "out"
    _batch(returns, out)
    first = ((out / "findings.csv").read_bytes(), (out / "report.json").read_bytes())
    _, seen = _batch(returns, out)
    assert set(seen.values()) == {True}
    assert ((out / "findings.csv").read_bytes(), (out / "report.json").read_bytes()) == first


def test_rerun_log_says_unchanged(returns, tmp_path):
    out = tmp_path / "out"
    run("batch", returns, "--out-dir", out, "--as-of", "2026-11-21", "--workers", "1")
    again = run("batch", returns, "--out-dir", out, "--as-of", "2026-11-21", "--workers", "1")
    assert "(0 checked now, 3 unchanged)" in again.output
    assert again.output.count("(unchanged, from the last run)") == 3
    redo = run("batch", returns, "--out-dir", out, "--as-of", "2026-11-21", "--redo-all")
    assert "(3 checked now, 0 unchanged)" in redo.output


# -- kinds and executors --------------------------------------------------------------------

@pytest.fixture
def two_kinds(monkeypatch):
    """A second tracker kind, as a later version will have; the batch must resolve each
    workbook's kind from its stamp."""
    from tracker_tool import trackers

    action_plan = trackers.get_tracker("action-plan")
    other = dataclasses.replace(action_plan, kind="incident-log", title="Incident log")
    registry = {action_plan.kind: action_plan, other.kind: other}
    monkeypatch.setattr(trackers, "_registry", lambda: registry)
    return other


def test_mixed_kinds_are_each_checked_as_their_stamp_says(tmp_path, two_kinds):
    folder = tmp_path / "in"
    build(folder / "plan.xlsx", FAULTY)
    folder.joinpath("log").mkdir()
    api.build_template("incident-log", folder / "log" / "incidents.xlsx", entries=CLEAN)
    write_sheet(folder / "stranger.xlsx", template_columns(), [clean_action()],
                stamp=stamp_values(**{PROP_KIND: "complaints-register"}))
    with ThreadPoolExecutor(2) as pool:  # threads, so the patched registry is seen
        result = api.validate_many([folder], tmp_path / "out", AS_OF, executor=pool)
        assert pool.submit(lambda: "still open").result() == "still open"
    by_name = {Path(s.workbook).name: s for s in result.summaries}
    assert by_name["plan.xlsx"].kind == "action-plan"
    assert by_name["plan.xlsx"].errors == 2
    assert by_name["incidents.xlsx"].kind == "incident-log"
    assert (by_name["incidents.xlsx"].errors, by_name["incidents.xlsx"].actions) == (0, 2)
    assert by_name["stranger.xlsx"].kind == "complaints-register"
    assert set(by_name["stranger.xlsx"].codes) == {"workbook.other-tracker"}
    rows = sheet_rows(tmp_path / "out" / "rollup.xlsx", "Workbooks")
    kinds = {Path(r[0]).name: r[4] for r in rows[1:]}
    assert kinds == {"plan.xlsx": "action-plan", "incidents.xlsx": "incident-log",
                     "stranger.xlsx": "complaints-register"}


def test_findings_frame_for_analysts(returns, tmp_path):
    result = api.validate_many([returns], tmp_path / "out", AS_OF, workers=1)
    frame = api.findings_frame(result)
    assert list(frame.columns) == ["workbook", "service", "provider", "location_id",
                                   "tracker", "code", "severity", "sheet", "cell", "row",
                                   "column", "value", "message", "clause", "action_id",
                                   "action_title", "owner"]
    assert str(frame["row"].dtype) == "Int64"
    assert len(frame) == len(read_csv(tmp_path / "out" / "findings.csv")) == 2
    owner = frame[frame.code == "owner.missing"].iloc[0]
    assert (owner.cell, owner.row, owner.severity) == (f"{letter('owner')}4", 4, "error")
    assert owner.workbook.endswith("birch-view.xlsx")
    assert str(frame["row"].dtype) == "Int64"


# -- Dask -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dask_cluster():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    yield cluster
    cluster.close()


def test_dask_scheduler_runs_the_same_batch(returns, tmp_path, dask_cluster):
    local = tmp_path / "local"
    on_dask = tmp_path / "dask"
    run("batch", returns, "--out-dir", local, "--as-of", "2026-11-21", "--workers", "1")
    result = run("batch", returns, "--out-dir", on_dask, "--as-of", "2026-11-21",
                 "--dask-scheduler", dask_cluster.scheduler_address)
    assert result.exit_code == 1, result.output
    assert (on_dask / "findings.csv").read_bytes() == (local / "findings.csv").read_bytes()
    assert (on_dask / "report.json").read_bytes() == (local / "report.json").read_bytes()
    assert (on_dask / "audits" / "north" / "birch-view-audit.xlsx").is_file()


def test_validate_many_accepts_a_dask_client(returns, tmp_path, dask_cluster):
    from distributed import Client

    with Client(dask_cluster.scheduler_address, set_as_default=False) as client:
        result = api.validate_many([returns], tmp_path / "out", AS_OF, executor=client)
    assert [s.errors for s in result.summaries] == [0, 2, 0]


def test_unreachable_dask_scheduler_is_misuse(returns, tmp_path, monkeypatch):
    from tracker_tool.batch import dask_executor

    monkeypatch.setattr(dask_executor, "CONNECT_TIMEOUT", 1)
    result = run("batch", returns, "--out-dir", tmp_path / "out", "--as-of", "2026-11-21",
                 "--dask-scheduler", "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.output


def test_on_a_terminal_a_bar_replaces_the_log_and_unreadable_files_are_named_after(capsys):
    from tracker_tool.batch.summary import WorkbookSummary, unreadable
    from tracker_tool.cli.batch import _Progress

    show = _Progress()
    show.tty = True
    show(WorkbookSummary(workbook="a.xlsx", actions=3), False, 1, 2)
    show(unreadable("b.xlsx", "the file is empty (0 bytes)"), False, 2, 2)
    assert "a.xlsx" not in capsys.readouterr().err
    show.close()
    assert capsys.readouterr().err.splitlines() == [
        "b.xlsx: NOT READ - the file is empty (0 bytes)"]


def test_names_that_differ_only_in_extension_case_get_their_own_audits(tmp_path):
    build(tmp_path / "in" / "ash.xlsx", CLEAN)
    build(tmp_path / "in" / "ash.XLSX", FAULTY)
    result = api.validate_many([tmp_path / "in" / "ash.xlsx", tmp_path / "in" / "ash.XLSX"],
                               tmp_path / "out", AS_OF, workers=1)
    audits = sorted(s.audit for s in result.summaries)
    assert audits == ["audits/ash-audit.xlsx", "audits/ash.xlsx-audit.xlsx"]
    assert [s.errors for s in result.summaries] == [2, 0]  # ASCII order: ash.XLSX first


def test_policy_applies_to_every_workbook_and_a_new_policy_means_checking_again(tmp_path):
    from datetime import date

    from tracker_tool.policy.service_policy import load_policy

    build(tmp_path / "in" / "late.xlsx", [clean_action(due_date=date(2026, 11, 18))])
    out = tmp_path / "out"
    first, seen = _batch(tmp_path / "in", out, workers=1)
    assert first.summaries[0].escalations == 0  # 3 days late: within the default 7
    api.write_policy(tmp_path / "strict.toml")
    strict = tmp_path / "strict.toml"
    strict.write_text(strict.read_text().replace("escalate_after = 7", "escalate_after = 0"))
    policy = load_policy(strict)
    second, seen = _batch(tmp_path / "in", out, workers=1, policy=policy)
    assert seen == {"late.xlsx": False}
    assert second.summaries[0].escalations == 1
    assert second.summaries[0].policy == policy.fingerprint != first.summaries[0].policy
    bad = run("batch", tmp_path / "in", "--out-dir", out, "--policy", tmp_path / "none.toml")
    assert bad.exit_code == 2
    assert "policy file" in bad.output and "does not exist" in bad.output


def test_dask_scheduler_without_dask_installed_says_how_to_get_it(returns, tmp_path,
                                                                  monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "distributed", None)  # import fails
    result = run("batch", returns, "--out-dir", tmp_path / "out", "--as-of", "2026-11-21",
                 "--dask-scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2
    assert "pip install 'tracker-tool[dask]'" in result.output
