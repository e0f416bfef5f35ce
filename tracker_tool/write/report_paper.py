"""How wide a printed report sheet (audit, roll-up) may be, and what one too wide does instead.

Measured, not guessed: LibreOffice gives a column up to write/paper.POINTS_PER_UNIT a
character unit when it fits a sheet to the width of landscape A4 (Excel gives less), so a
table of PRINT_WIDTH units (found by printing, with the report sheets' narrower margins) or
less prints at 70% or more, and its 10 pt headings at 7 pt or more. A wider table is printed
at a fixed 70% across as many pages as it takes, its first columns repeated on each, rather
than squeezed to 3 pt on one page. tests/test_print_legibility.py checks it in LibreOffice.
"""

from __future__ import annotations

from tracker_tool.core.wording import printable

PRINT_WIDTH = 148
LEGIBLE_SCALE = 70


def fit_or_scale(ws, widths, repeat_cols: int = 1) -> None:
    """After print_setup: keep fit-to-width when ``widths`` allow it, else a fixed legible
    scale with the first ``repeat_cols`` columns on every page."""
    if sum(widths) <= PRINT_WIDTH:
        return
    ws.fit_page = False  # XlsxWriter's fit_to_pages flag: Excel ignores the scale while set
    ws.set_print_scale(LEGIBLE_SCALE)
    ws.repeat_columns(0, repeat_cols - 1)


def page_header(left: str, centre: str, as_of) -> str:
    """A page header: whose audit, of which tracker, and when. Printed pages of several
    services' audits get mixed up on a meeting table. 10 pt: 7 pt at 70%."""
    def safe(text: str) -> str:  # '&' starts a header code
        return printable(text)[:60].replace("&", "&&")

    return (f"&L&10{safe(left)}&C&10{safe(centre)}"
            f"&R&10Audit date {as_of.strftime('%d/%m/%Y')}")
