"""Nothing lost, nothing overwritten: every command leaves its inputs byte for byte as they
were, refuses to write over one, and an interrupted write leaves no file, half or whole.

A returned tracker is evidence; the tool must never be the reason it changed.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
import xlsxwriter
from _builders import AS_OF, build_filled, clean_entry
from _hostile import error_lines, run_cli, sha256

from tracker_tool import api
from tracker_tool.errors import UsageError

CLI_AS_OF = ("--as-of", AS_OF.isoformat())


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (hidden temporary files included) and its hash."""
    return {str(p.relative_to(folder)): sha256(p) for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="module")
def returned_bytes(tmp_path_factory) -> bytes:
    path = build_filled(tmp_path_factory.mktemp("src") / "returned.xlsx",
                        [clean_entry(), clean_entry(action_id="A-002", owner=None)])
    return path.read_bytes()


@pytest.fixture
def returned(tmp_path, returned_bytes) -> Path:
    """A filled tracker with a finding, alone in its folder and read-only, as an archived
    return would be."""
    folder = tmp_path / "returns"
    folder.mkdir()
    path = folder / "returned.xlsx"
    path.write_bytes(returned_bytes)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    return path


COMMANDS = {
    "validate-text": (["validate", "{in}", *CLI_AS_OF], 1, set()),
    "validate-json": (["validate", "{in}", "--format", "json", *CLI_AS_OF], 1, set()),
    "validate-csv": (["validate", "{in}", "--format", "csv", *CLI_AS_OF], 1, set()),
    "audit-out": (["audit", "{in}", "--out", "{folder}/audit.xlsx", *CLI_AS_OF], 1,
                  {"audit.xlsx"}),
    "audit-default-out": (["audit", "{in}", *CLI_AS_OF], 1, {"returned-audit.xlsx"}),
    "rules": (["rules"], 0, set()),
    "rules-markdown": (["rules", "--format", "markdown"], 0, set()),
    "kinds": (["kinds"], 0, set()),
    "template-onto-a-return": (["template", "action-plan", "--out", "{in}"], 2, set()),
}


@pytest.mark.parametrize("command", list(COMMANDS))
def test_inputs_are_byte_identical_after_every_command(command, returned):
    args, status, new_files = COMMANDS[command]
    folder = returned.parent
    before = snapshot(folder)
    result = run_cli(*(a.format(**{"in": returned, "folder": folder}) for a in args))
    assert result.exit_code == status, result.stderr
    after = snapshot(folder)
    assert {k: v for k, v in after.items() if k in before} == before
    assert set(after) - set(before) == new_files  # and no temporary file left behind


def test_template_onto_a_return_says_why(returned):
    result = run_cli("template", "action-plan", "--out", returned)
    assert "already exists" in error_lines(result)[0] and "--force" in error_lines(result)[0]


@pytest.mark.parametrize("how", ["same-path", "relative-path", "symlink"])
def test_audit_refuses_an_output_that_is_its_input(returned, how, monkeypatch):
    folder = returned.parent
    if how == "symlink":
        out = folder / "link.xlsx"
        out.symlink_to(returned)
    elif how == "relative-path":
        monkeypatch.chdir(folder)
        out = Path("sub/../returned.xlsx")
    else:
        out = returned
    before = snapshot(folder)
    result = run_cli("audit", returned, "--out", out, *CLI_AS_OF)
    assert result.exit_code == 2
    assert len(error_lines(result)) == 1 and "one of the input files" in result.stderr
    assert snapshot(folder) == before


def test_an_output_hard_linked_to_the_input_replaces_the_link_not_the_input(returned):
    """The audit is renamed into place, so it replaces the directory entry and never writes
    through it: the input's bytes survive even when the output name is a hard link to it.
    Without --force the link is refused first: it is a tracker, not an earlier audit."""
    out = returned.parent / "hard-link.xlsx"
    os.link(returned, out)
    digest = sha256(returned)
    refused = run_cli("audit", returned, "--out", out, *CLI_AS_OF)
    assert refused.exit_code == 2 and "not written by tracker-tool" in refused.stderr
    assert sha256(out) == digest
    result = run_cli("audit", returned, "--out", out, "--force", *CLI_AS_OF)
    assert result.exit_code == 1
    assert sha256(returned) == digest and sha256(out) != digest


# --------------------------------------------------------------------------------------------
# Interrupted writes: XlsxWriter writes the whole file in close(), so that is where it fails.
# --------------------------------------------------------------------------------------------

def _failing_close(monkeypatch, error: BaseException, write_first: bool):
    real_close = xlsxwriter.Workbook.close

    def close(self):
        if write_first:
            real_close(self)  # the whole file is on disk, under its temporary name
        raise error

    monkeypatch.setattr(xlsxwriter.Workbook, "close", close)


@pytest.mark.parametrize("write_first", [False, True], ids=["before-writing", "after-writing"])
@pytest.mark.parametrize("error", [KeyboardInterrupt(), MemoryError(), RuntimeError("crash")],
                         ids=["ctrl-c", "out-of-memory", "bug"])
def test_an_interrupted_audit_leaves_no_file(returned, monkeypatch, error, write_first):
    folder = returned.parent
    before = snapshot(folder)
    _failing_close(monkeypatch, error, write_first)
    with pytest.raises(type(error)):
        api.write_audit(returned, folder / "audit.xlsx", as_of=AS_OF)
    assert snapshot(folder) == before


def test_an_interrupted_audit_keeps_the_previous_audit(returned, monkeypatch):
    folder = returned.parent
    previous = folder / "audit.xlsx"
    api.write_audit(returned, previous, as_of=AS_OF)
    before = snapshot(folder)
    _failing_close(monkeypatch, KeyboardInterrupt(), write_first=True)
    with pytest.raises(KeyboardInterrupt):
        api.write_audit(returned, previous, as_of=AS_OF)
    assert snapshot(folder) == before


def test_an_interrupted_template_leaves_no_file(tmp_path, monkeypatch):
    _failing_close(monkeypatch, KeyboardInterrupt(), write_first=True)
    with pytest.raises(KeyboardInterrupt):
        api.build_template("action-plan", tmp_path / "template.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_is_a_one_line_error_and_leaves_no_file(returned, monkeypatch):
    folder = returned.parent
    before = snapshot(folder)
    _failing_close(monkeypatch, OSError(errno.ENOSPC, os.strerror(errno.ENOSPC)),
                   write_first=True)
    with pytest.raises(UsageError):
        api.write_audit(returned, folder / "audit.xlsx", as_of=AS_OF)
    result = run_cli("audit", returned, "--out", folder / "audit.xlsx", *CLI_AS_OF)
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert line.startswith("Error: cannot write") and os.strerror(errno.ENOSPC) in line
    assert snapshot(folder) == before
