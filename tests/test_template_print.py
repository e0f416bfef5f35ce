"""The template in a real spreadsheet application (issue 14, items 5 and 6): LibreOffice
computes the live checks, and prints every sheet legibly.

- the printable view's Checks column, computed by LibreOffice, names what each entry lacks
  (the live checks are formulas, no macros, so they must work outside Excel too);
- every printed page of a per-service template, its Instructions, Plan, entry sheet and
  printable view, has no text under 7 pt at the printed scale (sizes read from the PDF with
  pypdf, as tests/test_print_legibility.py does for the audit), and is headed with the
  service and the tracker and numbered page X of Y.

Dates far in the past or the future make the date checks independent of the day the test
runs. Needs LibreOffice (see tests/_libreoffice.py).
"""

from __future__ import annotations

import csv
import subprocess
from datetime import date

import pytest
from _libreoffice import TIMEOUT_SECONDS, convert, soffice_or_skip
from conftest import clean_action, done_action

from tracker_tool import api
from tracker_tool.core.stamp import ServiceIdentity
from tracker_tool.write.printable_view import VIEW_SHEET

pypdf = pytest.importorskip("pypdf")
from test_print_legibility import SMALLEST_PT, printed_sizes

ROWAN = ServiceIdentity("Rowan Lodge", "Fictional Care Ltd", "1-000000042")
LONG_AGO, FAR_AHEAD = date(2001, 1, 1), date(2098, 1, 1)
LATER = {"due_date": FAR_AHEAD, "review_date": FAR_AHEAD}
ENTRIES = [
    clean_action(action_id="A-001", due_date=LONG_AGO, review_date=LONG_AGO),
    done_action(action_id="A-002", date_completed=None, **LATER),
    clean_action(action_id="A-003", owner=None, priority="High", rag="Red", **LATER),
    clean_action(action_id="A-004", rag="Green", **LATER),
]
#: What LibreOffice's Checks column says for each entry above.
EXPECTED_CHECKS = {
    "A-001": "Review date passed; Due date passed;",
    "A-002": "Marked complete, no date completed;",
    "A-003": "Priority High, no high-priority reason; Owner blank;",
    "A-004": "",
}
#: Every sheet into its own CSV file (the -1 at the end), as UTF-8 with formulas' results.
ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,UTF8,1,,0,false,true,false,false,false,-1"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    folder = tmp_path_factory.mktemp("templates")
    return {
        "action-plan": api.build_template("action-plan", folder / "action-plan.xlsx",
                                          service=ROWAN, entries=ENTRIES),
        "ombudsman-plan": api.build_template("ombudsman-plan", folder / "ombudsman-plan.xlsx",
                                             service=ROWAN),
    }


@pytest.fixture(scope="module")
def soffice():
    return soffice_or_skip()


@pytest.fixture(scope="module")
def pdfs(made, soffice, tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    found = convert(made.values(), "pdf", out, tmp_path_factory.mktemp("profile"), soffice)
    return {path.stem: pypdf.PdfReader(path) for path in found}


def test_libreoffice_computes_the_live_checks_in_the_printable_view(made, soffice, tmp_path):
    subprocess.run([soffice, "--headless", "--norestore",
                    f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--convert-to", ALL_SHEETS_CSV, "--outdir", str(tmp_path),
                    str(made["action-plan"])],
                   capture_output=True, timeout=TIMEOUT_SECONDS, check=True)
    with open(tmp_path / f"action-plan-{VIEW_SHEET}.csv", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0][0].startswith("Action plan and improvement tracker: Rowan Lodge")
    heads = rows[1]
    checks = {row[0]: row[heads.index("Checks")].strip() for row in rows[2:] if row[0]}
    assert checks == EXPECTED_CHECKS
    assert rows[2][heads.index("Due date")] == "01/01/2001"


TITLES = {"action-plan": "Action plan and improvement tracker",
          "ombudsman-plan": "Ombudsman action plan"}
#: Every sheet a template prints.
OURS = ("Instructions", "Plan", "Actions", "Reviews", VIEW_SHEET)


def our_pages(reader, kind):
    """(page number, page, sheet) for every page printed from one of OURS, by its header."""
    found = []
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        sheet = next((name for name in OURS if f"{TITLES[kind]}: {name}" in text), None)
        if sheet:
            found.append((number, page, sheet))
    return found


@pytest.mark.parametrize("kind", sorted(TITLES))
def test_no_template_text_below_7_pt_on_any_printed_page(pdfs, kind):
    small = []
    for number, page, _ in our_pages(pdfs[kind], kind):
        small += [(number, round(size, 1), text[:30]) for size, text in printed_sizes(page)
                  if size < SMALLEST_PT - 0.05]
    assert not small, f"text under {SMALLEST_PT} pt in the {kind} template: {small[:10]}"


@pytest.mark.parametrize("kind", sorted(TITLES))
def test_every_template_page_names_the_service_and_tracker_and_counts_pages(pdfs, kind):
    pages = pdfs[kind].pages
    ours = our_pages(pdfs[kind], kind)
    assert {sheet for _, _, sheet in ours} == {"Instructions", "Actions", VIEW_SHEET} | (
        {"Plan"} if kind == "ombudsman-plan" else {"Reviews"})
    for number, page, sheet in ours:
        text = page.extract_text()
        assert "Rowan Lodge, Fictional Care Ltd" in text, (number, sheet)
        assert f"Page {number} of {len(pages)}" in text, (number, sheet)
