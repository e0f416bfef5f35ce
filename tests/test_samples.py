"""Run the commands in samples/*/commands.txt and compare their output with expected/.

The samples double as documentation, so a change that alters what users see fails here until
the expected files are regenerated on purpose.
"""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import ROOT

from tracker_tool.cli import cli

SAMPLES = sorted((ROOT / "samples").glob("*/commands.txt"))


def parse_commands(path: Path):
    """Yield (argv, expected output file, expected exit status) for each '$' line."""
    lines = [l.strip() for l in path.read_text().splitlines()]
    for i, line in enumerate(lines):
        if line.startswith("$ tracker-tool "):
            expected = lines[i + 1].removeprefix("> ").strip()
            status = int(lines[i + 2].removeprefix("exit "))
            yield shlex.split(line[len("$ tracker-tool "):]), expected, status


@pytest.mark.parametrize("commands", SAMPLES, ids=lambda p: p.parent.name)
def test_sample_commands_give_expected_output(commands, tmp_path, monkeypatch):
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    before = {p: p.read_bytes() for p in (tmp_path / "samples").rglob("*.xlsx")}
    ran = 0
    for argv, expected, status in parse_commands(commands):
        result = CliRunner().invoke(cli, argv)
        assert result.exit_code == status, result.output
        assert result.output == (commands.parent / expected).read_text()
        ran += 1
    assert ran >= 2
    after = {p: p.read_bytes() for p in (tmp_path / "samples").rglob("*.xlsx")}
    assert after == before, "a sample command changed an input workbook"


def test_sample_is_regenerated_by_its_script(tmp_path):
    """The committed workbook is what make_sample.py writes (no hand edits)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_sample", ROOT / "samples" / "oakfield-house" / "make_sample.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from tracker_tool import api

    fresh = tmp_path / "fresh.xlsx"
    api.build_template("action-plan", fresh, entries=module.ROWS, reviews=module.REVIEWS)
    assert fresh.read_bytes() == module.SAMPLE.read_bytes()
    assert 35 <= len(module.ROWS) <= 50


def test_sample_audit_workbook_has_every_sheet(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    argv = ["audit", "samples/oakfield-house/oakfield-house-actions.xlsx", "--out", "a.xlsx",
            "--as-of", "2026-11-21"]
    assert CliRunner().invoke(cli, argv).exit_code == 1
    book = openpyxl.load_workbook("a.xlsx")
    assert book.sheetnames == ["Summary", "Review pack", "Actions", "Findings", "Escalations", "Action review"]
    escalated = [row[1] for row in book["Escalations"].iter_rows(min_row=2, values_only=True)]
    assert sorted(escalated) == ["OH-027", "OH-031", "OH-033", "OH-039"]
