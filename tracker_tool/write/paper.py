"""How a template's sheets print: A4 landscape, never smaller than 7 pt, a header saying
whose tracker it is, and page X of Y.

Fitting every sheet to the page width printed a 38-column tracker at about 2 pt. So the scale
is worked out here from the column widths before fitting is asked for: a sheet that fits at a
legible scale is fitted to the width; one that does not prints at the smallest legible scale
across as many pages as it needs, its first columns repeated on each, and the printable view
(write/printable_view.py) is the sheet meant for paper.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from tracker_tool.core.stamp import ServiceIdentity
from tracker_tool.write.kit import A4

#: No printed text may be smaller than this, in points.
MIN_PRINTED_PT = 7.0
#: Our estimate is not the application's own measure; text is kept this much above the least.
SAFETY = 1.05
#: A4 landscape is 297 mm wide; these sheets print with half-inch side margins.
PAGE_WIDTH_PT = 841.9
SIDE_MARGIN_IN = 0.5
PRINTABLE_WIDTH_PT = PAGE_WIDTH_PT - 2 * 72 * SIDE_MARGIN_IN
#: The size of the header and footer. LibreOffice scales them with the sheet, so they
#: count among the text that must stay legible.
HEADER_PT = 10
#: Points a unit of column width takes on paper, at most. Excel draws a unit as 7 pixels of
#: Calibri (5.25 pt); LibreOffice without Calibri or its metric twin Carlito measures the
#: unit in the font it falls back to (DejaVu Sans: about 7.2 pt), so the same sheet is a
#: third wider there. Estimating with the wider gives a scale that is legible in both.
POINTS_PER_UNIT = 7.2


def column_points(width: float) -> float:
    """A column ``width`` (in characters of the default font) as printed points, at most."""
    return width * POINTS_PER_UNIT + 3.75 if width > 0 else 0.0


def fitted_scale(widths: Iterable[float]) -> float:
    """The scale at which columns of these ``widths`` fit the printable width of the page."""
    total = sum(column_points(w) for w in widths)
    return min(1.0, PRINTABLE_WIDTH_PT / total) if total else 1.0


def legible_scale(smallest_pt: float) -> int:
    """The smallest print scale, in percent, at which ``smallest_pt`` text stays legible."""
    return math.ceil(100 * MIN_PRINTED_PT * SAFETY / smallest_pt)


def fits_legibly(widths: Iterable[float], smallest_pt: float) -> bool:
    return smallest_pt * fitted_scale(widths) >= MIN_PRINTED_PT * SAFETY


def page_header(tracker_title: str, service: ServiceIdentity | None, sheet: str) -> str:
    """The header of every page: the service on the left, the tracker and sheet in the
    middle, the date printed on the right; a blank template names no service."""
    def text(words: str) -> str:
        return words.replace("&", "&&")

    who = ""
    if service is not None:
        who = service.name + (f", {service.provider}" if service.provider else "")
    return (f"&L&{HEADER_PT}{text(who)}&C&{HEADER_PT}&B{text(tracker_title)}&B: "
            f"{text(sheet)}&R&{HEADER_PT}Printed &D")[:255]


def print_legibly(ws, widths: list[float], smallest_pt: float, header: str, *,
                  repeat_rows: tuple[int, int] | None = None, repeat_cols: int = 0) -> float:
    """A4 landscape, fitted to the width when that keeps ``smallest_pt`` text at 7 pt or
    more, otherwise at the smallest legible scale with the first ``repeat_cols`` columns on
    every page; ``header`` on top and page X of Y below. Returns the print scale."""
    ws.set_landscape()
    ws.set_paper(A4)
    ws.set_margins(left=SIDE_MARGIN_IN, right=SIDE_MARGIN_IN, top=0.6, bottom=0.6)
    unscaled = {"scale_with_doc": False}
    ws.set_header(header, unscaled)
    ws.set_footer(f"&C&{HEADER_PT}Page &P of &N", unscaled)
    if repeat_rows:
        ws.repeat_rows(*repeat_rows)
    if fits_legibly(widths, smallest_pt):
        ws.fit_to_pages(1, 0)
        return fitted_scale(widths)
    scale = legible_scale(smallest_pt)
    ws.set_print_scale(scale)
    ws.print_across()
    if repeat_cols:
        ws.repeat_columns(0, repeat_cols - 1)
    return scale / 100


__all__ = ["MIN_PRINTED_PT", "column_points", "fits_legibly", "fitted_scale",
           "legible_scale", "page_header", "print_legibly"]
