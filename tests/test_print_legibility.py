"""The audit and the batch roll-up on paper (issue 14, item 6): LibreOffice prints every sheet
to PDF, and every word on every page must be 7 pt or more at the printed scale, every page
must carry its header, and no chart may be cut by a page break.

Font sizes are read from the PDF with pypdf (the text matrix times the page's transform),
which gives the printed size exactly; pdftotext's word boxes are about 1.3 times the size
and vary with the font. Pinned to the Oakfield House sample as of 21/11/2026, audited with
its October return, and the quarterly batch's returns. Needs LibreOffice (see
tests/_libreoffice.py).
"""

from __future__ import annotations

import math
import shutil
from datetime import date
from pathlib import Path

import pytest
from _libreoffice import convert, soffice_or_skip

from tracker_tool import api

pypdf = pytest.importorskip("pypdf")

ROOT = Path(__file__).resolve().parents[1]
OAKFIELD = ROOT / "samples" / "oakfield-house" / "oakfield-house-actions.xlsx"
OCTOBER = ROOT / "samples" / "oakfield-house" / "previous" / "oakfield-house-actions.xlsx"
RETURNS = ROOT / "samples" / "quarterly-batch" / "returns"
SMALLEST_PT = 7.0
AS_OF = date(2026, 11, 21)


def printed_sizes(page) -> list[tuple[float, str]]:
    """(size in points as printed, text) of every piece of text on a PDF page."""
    found = []

    def visit(text, cm, tm, _font, size):
        if text.strip():
            a, b, c, d = cm[:4]
            found.append((size * math.hypot(tm[2] * a + tm[3] * c, tm[2] * b + tm[3] * d),
                          text.strip()))

    page.extract_text(visitor_text=visit)
    return found


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    soffice = soffice_or_skip()
    work = tmp_path_factory.mktemp("print")
    api.write_audit(OAKFIELD, work / "oakfield-audit.xlsx", as_of=AS_OF, previous=OCTOBER)
    returns = work / "returns"
    shutil.copytree(RETURNS, returns)
    api.validate_many(returns, work / "batch", AS_OF, workers=1)
    pdfs = convert([work / "oakfield-audit.xlsx", work / "batch" / "rollup.xlsx"], "pdf",
                   work / "pdf", work / "profile", soffice)
    return {pdf.stem: pypdf.PdfReader(pdf) for pdf in pdfs}


@pytest.mark.parametrize("name", ["oakfield-audit", "rollup"])
def test_no_text_below_7_pt_on_any_printed_page(printed, name):
    reader = printed[name]
    small = []
    for number, page in enumerate(reader.pages, start=1):
        sizes = printed_sizes(page)
        assert sizes, f"page {number} of {name} is blank"
        small += [(number, round(size, 1), text[:30]) for size, text in sizes
                  if size < SMALLEST_PT - 0.05]
    assert not small, f"text under {SMALLEST_PT} pt in {name}: {small[:10]}"


def test_every_audit_page_names_the_workbook_tracker_and_audit_date(printed):
    pages = printed["oakfield-audit"].pages
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert "Action plan and improvement tracker" in text, number
        assert "Audit date 21/11/2026" in text, number
        assert f"Page {number} of {len(pages)}" in text, number


def test_summary_first_page_has_no_codes_and_the_appendix_follows(printed):
    pages = [p.extract_text() for p in printed["oakfield-audit"].pages]
    assert "escalation.due" not in pages[0] and "fingerprint" not in pages[0]
    appendix = next(i for i, t in enumerate(pages) if "Appendix: finding codes" in t)
    assert appendix > 0 and "escalation.due" in pages[appendix]


@pytest.mark.parametrize("title, last_label", [
    ("Overdue actions by days past due", "Over 90 days"),
    ("Actions by priority and status", "Not set"),
])
def test_no_chart_is_cut_by_a_page_break(printed, title, last_label):
    """A chart's title sits at its top and its axis labels at its foot: both on one page."""
    pages = [p.extract_text() for p in printed["oakfield-audit"].pages]
    on = [i for i, t in enumerate(pages) if title in t]
    assert on, f"chart {title!r} not printed"
    assert last_label in pages[on[0]], f"chart {title!r} split across pages {on[0] + 1}-"
