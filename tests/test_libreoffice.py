"""A real spreadsheet application in the loop: headless LibreOffice re-saves what the tool
writes, as a manager's copy of LibreOffice would, and prints the audit workbook.

- a generated template re-saved by LibreOffice still validates and keeps its stamp, its
  dropdowns and its sheet protection;
- a filled tracker re-saved by LibreOffice gives the same findings as before;
- an audit workbook converts to PDF (the README's picture of the Summary page is made so).

The committed fixtures in tests/fixtures/ cover machines without LibreOffice; these tests make
their files fresh from the current template. Without LibreOffice they skip, or fail when the
CI environment variable is set (see tests/_libreoffice.py).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from _builders import AS_OF, LIBREOFFICE_ENTRIES, SHEET, TRACKER, build_filled, validate
from _libreoffice import MISSING, convert, soffice_or_skip

from tracker_tool import api
from tracker_tool.core.columns import Kind
from tracker_tool.read.workbook import load_workbook


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    """The tool's own files: a blank template, a filled tracker and the filled one's audit."""
    src = tmp_path_factory.mktemp("made")
    template = api.build_template("action-plan", src / "template.xlsx")
    filled = build_filled(src / "filled.xlsx", LIBREOFFICE_ENTRIES)
    _, audit = api.write_audit(filled, src / "audit.xlsx", as_of=AS_OF)
    return {"template": template, "filled": filled, "audit": audit}


@pytest.fixture(scope="module")
def soffice() -> str:
    return soffice_or_skip()


@pytest.fixture(scope="module")
def profile(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("lo-profile")


@pytest.fixture(scope="module")
def resaved(made, soffice, profile, tmp_path_factory) -> dict[str, Path]:
    """The template and the filled tracker re-saved as .xlsx, in one soffice call."""
    out = tmp_path_factory.mktemp("resaved")
    template, filled = convert([made["template"], made["filled"]], "xlsx", out, profile,
                               soffice)
    return {"template": template, "filled": filled}


@pytest.fixture(scope="module")
def audit_pdf(made, soffice, profile, tmp_path_factory) -> Path:
    (pdf,) = convert([made["audit"]], "pdf", tmp_path_factory.mktemp("pdf"), profile, soffice)
    return pdf


# --------------------------------------------------------------------------------------------
# The template, re-saved.
# --------------------------------------------------------------------------------------------

def test_resaved_template_keeps_its_stamp(resaved):
    stamp = load_workbook(resaved["template"]).stamp
    assert (stamp.kind, stamp.version, stamp.fingerprint, stamp.sheet) == (
        TRACKER.kind, TRACKER.version, TRACKER.fingerprint, SHEET)


def test_resaved_template_still_validates(made, resaved):
    report = validate(resaved["template"])
    assert (report.tracker, report.template_version, report.sheet, report.rows) == (
        TRACKER.kind, TRACKER.version, SHEET, 0)
    assert report.findings == validate(made["template"]).findings == []


def _dropdowns(path) -> dict[str, set[str]]:
    """Column letter -> the list sources of the data validations covering its first entry."""
    ws = openpyxl.load_workbook(path)[SHEET]
    found: dict[str, set[str]] = {}
    for dv in ws.data_validations.dataValidation:
        if dv.type != "list":
            continue
        for cells in dv.sqref.ranges:
            for col in range(cells.min_col, cells.max_col + 1):
                if cells.min_row <= 4 <= cells.max_row:
                    letter = openpyxl.utils.get_column_letter(col)
                    found.setdefault(letter, set()).add((dv.formula1 or "").lstrip("="))
    return found


def test_resaved_template_keeps_every_dropdown(made, resaved):
    before, after = _dropdowns(made["template"]), _dropdowns(resaved["template"])
    choice_columns = {openpyxl.utils.get_column_letter(spec.index + 1) for spec in
                      TRACKER.columns if spec.kind is Kind.CHOICE}
    assert choice_columns <= set(before)
    assert after == before
    names = openpyxl.load_workbook(resaved["template"]).defined_names
    for spec in TRACKER.columns:
        if spec.kind is Kind.CHOICE:
            assert spec.list_name in names, spec.list_name


def test_resaved_template_keeps_its_protection(resaved):
    ws = openpyxl.load_workbook(resaved["template"])[SHEET]
    assert ws.protection.sheet
    header = TRACKER.columns[0].index + 1
    assert ws.cell(row=3, column=header).protection.locked       # the header row
    assert not ws.cell(row=4, column=header).protection.locked   # an entry row


# --------------------------------------------------------------------------------------------
# A filled tracker, re-saved; the audit, printed.
# --------------------------------------------------------------------------------------------

def test_resaved_filled_tracker_gives_the_same_findings(made, resaved):
    before, after = validate(made["filled"]), validate(resaved["filled"])
    assert after.rows == before.rows > 0
    assert [(f.code, f.cell, f.value) for f in after.findings] == [
        (f.code, f.cell, f.value) for f in before.findings]
    assert before.errors > 0  # the entries are meant to have findings


def test_audit_workbook_converts_to_pdf(audit_pdf, tmp_path):
    data = audit_pdf.read_bytes()
    assert data.startswith(b"%PDF") and b"%%EOF" in data[-1024:]
    assert data.count(b"/Type /Page") + data.count(b"/Type/Page") >= 3
    if shutil.which("pdftoppm"):  # how docs/audit-summary.png is made
        subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(audit_pdf),
                        str(tmp_path / "page")], check=True, timeout=120)
        (page,) = tmp_path.glob("page*.png")
        assert page.stat().st_size > 1000


def test_readme_shows_a_page_of_the_audit():
    root = Path(__file__).resolve().parent.parent
    pictures = re.findall(r"\]\((docs/[^)]+\.png)\)", (root / "README.md").read_text("utf-8"))
    assert pictures
    for picture in pictures:
        assert (root / picture).read_bytes().startswith(b"\x89PNG"), picture


# --------------------------------------------------------------------------------------------
# Missing LibreOffice: skip on a laptop, fail in CI.
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("ci, outcome", [("1", pytest.fail.Exception),
                                         (None, pytest.skip.Exception)], ids=["ci", "laptop"])
def test_missing_libreoffice_fails_in_ci_and_skips_elsewhere(monkeypatch, ci, outcome):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="LibreOffice"):
        soffice_or_skip()
    assert "libreoffice-calc-nogui" in MISSING
