"""The contract every registered tracker kind keeps, run over the registry: a kind is covered
the moment it is registered, and a kind that cannot meet it fails here rather than in a user's
hands.

For each kind: its template builds and its stamp reads back; every code in its catalogue is
named in some test; it has a sample whose `validate` output is committed and still matches; and
LibreOffice re-saving that sample changes none of its findings.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from _libreoffice import convert, soffice_or_skip
from click.testing import CliRunner
from conftest import AS_OF, ROOT
from test_samples import parse_commands

from tracker_tool import api
from tracker_tool.cli import cli
from tracker_tool.read.workbook import load_workbook
from tracker_tool.trackers import all_trackers

KINDS = sorted(all_trackers())
TESTS = ROOT / "tests"


def _sample_workbooks() -> dict[str, Path]:
    """Each kind's own sample (the batch sample's returns are not a kind's sample)."""
    found: dict[str, Path] = {}
    for path in sorted(ROOT.glob("samples/*/*.xlsx")):
        kind = load_workbook(path).stamp.kind
        if kind:
            found.setdefault(kind, path)
    return found


SAMPLES = _sample_workbooks()


def findings_of(path: Path) -> set[tuple[str, str | None, str | None]]:
    report = api.validate_workbook(path, as_of=AS_OF)
    return {(f.code, f.sheet, f.cell) for f in report.findings}


@pytest.mark.parametrize("kind", KINDS)
def test_template_builds_and_its_stamp_reads_back(kind, tmp_path):
    tracker = all_trackers()[kind]
    path = api.build_template(kind, tmp_path / f"{kind}.xlsx")
    stamp = load_workbook(path).stamp
    assert (stamp.kind, stamp.version, stamp.fingerprint, stamp.sheet) == (
        kind, tracker.version, tracker.fingerprint, tracker.sheet_name)
    assert stamp.policy is None  # made under the defaults: fits any service's policy
    blank = api.validate_workbook(path, as_of=AS_OF)
    assert blank.tracker == kind and blank.rows == 0
    # A blank plan sheet may be reported; nothing about the workbook or its columns may be.
    assert not [f.code for f in blank.findings
                if f.code.startswith(("workbook.", "stamp.", "column.", "plan.item"))]


@pytest.mark.parametrize("kind", KINDS)
def test_every_code_in_the_catalogue_is_named_in_a_test(kind):
    text = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.glob("test_*.py")
                     if p.name != Path(__file__).name)
    catalogue = all_trackers()[kind].catalogue
    unnamed = [rule.code for rule in catalogue
               if f'"{rule.code}"' not in text and f"'{rule.code}'" not in text]
    assert catalogue and not unnamed, f"{kind}: no test names {unnamed}"


@pytest.mark.parametrize("kind", KINDS)
def test_the_sample_gives_its_expected_output(kind, tmp_path, monkeypatch):
    assert kind in SAMPLES, f"{kind} has no sample under samples/ (see CONTRIBUTING.md)"
    sample = SAMPLES[kind]
    commands = sample.parent / "commands.txt"
    relative = str(sample.relative_to(ROOT))
    validations = [(argv, expected, status) for argv, expected, status in parse_commands(commands)
                   if argv[0] == "validate" and relative in argv]
    assert validations, f"{commands} never validates {relative}"
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    for argv, expected, status in validations:
        result = CliRunner().invoke(cli, argv)
        assert result.exit_code == status, result.output
        assert result.output == (commands.parent / expected).read_text()


@pytest.fixture(scope="module")
def resaved(tmp_path_factory) -> dict[str, Path]:
    """Every kind's sample as LibreOffice saves it, converted in one soffice start."""
    soffice = soffice_or_skip()
    kinds = [k for k in KINDS if k in SAMPLES]
    out = tmp_path_factory.mktemp("resaved")
    # Distinct names: two samples may share a stem in different folders.
    staged = []
    for kind in kinds:
        target = out / "in" / f"{kind}.xlsx"
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(SAMPLES[kind], target)
        staged.append(target)
    converted = convert(staged, "xlsx", out / "lo", tmp_path_factory.mktemp("profile"), soffice)
    return dict(zip(kinds, converted))


@pytest.mark.parametrize("kind", KINDS)
def test_a_libreoffice_resave_gives_the_same_findings(kind, resaved):
    assert kind in resaved, f"{kind} has no sample to re-save"
    original = findings_of(SAMPLES[kind])
    assert original, "a sample should show its kind's findings"
    assert findings_of(resaved[kind]) == original
