"""Write the Reviews sheet: one row a review held, for kinds whose source asks for reviews.

Where each thing sits is check/reviews_sheet.py's to say, since the reader must find it
again; this side lays the sheet out as the tracker sheet is laid out (a hidden row of keys
above a locked header, unlocked validated rows below), with the kit's formats and prompts.
"""

from __future__ import annotations

from tracker_tool.check.reviews_sheet import (
    FIRST_REVIEW_ROW,
    REVIEW_HEADER_ROW,
    REVIEW_KEY_ROW,
    REVIEW_ROWS,
    TITLE_ROW,
)
from tracker_tool.check.tracker import Tracker
from tracker_tool.core.stamp import ServiceIdentity
from tracker_tool.policy.service_policy import ServicePolicy
from tracker_tool.trackers.common.review_windows import every_text
from tracker_tool.write import styles
from tracker_tool.write.kit import (
    Kit,
    filter_rows,
    header_title,
    validation,
)
from tracker_tool.write.paper import page_header, print_legibly


def write_reviews_sheet(kit: Kit, ws, tracker: Tracker, entry_formats: dict, rows,
                        policy: ServicePolicy, service: ServiceIdentity | None = None) -> None:
    """Lay the Reviews sheet out on ``ws``, pre-filled with ``rows`` (dicts of key -> value).

    The title says which reviews are due and how often under ``policy``, so a manager sees
    the cadence the audit will judge by; the dropdown offers the kind's cadences.
    """
    view = tracker.reviews_view
    specs = view.under(policy).columns
    last_row = FIRST_REVIEW_ROW + REVIEW_ROWS - 1
    kit.text(ws, TITLE_ROW, 0, f"Reviews held: {_due(tracker, policy)}",
             kit.format(styles.TITLE))
    ws.set_row(REVIEW_KEY_ROW, None, None, {"hidden": True})
    ws.set_row(REVIEW_HEADER_ROW, 30)
    header, key_fmt = kit.format(styles.HEADER), kit.format(styles.KEY_ROW)
    for spec in specs:
        c = spec.index
        ws.set_column(c, c, spec.width)
        kit.text(ws, REVIEW_KEY_ROW, c, spec.key, key_fmt)
        kit.text(ws, REVIEW_HEADER_ROW, c, header_title(spec), header)
        ws.write_comment(REVIEW_HEADER_ROW, c, f"{spec.help}\nPolicy: {spec.clause}.",
                         {"x_scale": 2.2, "y_scale": 1.4, "author": "tracker-tool"})
        fmt = entry_formats[spec.kind]
        for r in range(FIRST_REVIEW_ROW, last_row + 1):
            ws.write_blank(r, c, None, fmt)
        ws.data_validation(FIRST_REVIEW_ROW, c, last_row, c,
                           validation(spec, named_lists=False))
    for offset, entry in enumerate(rows):
        for key, value in entry.items():
            spec = view.by_key[key]
            kit.value(ws, FIRST_REVIEW_ROW + offset, spec.index, value, entry_formats[spec.kind])
    ws.freeze_panes(FIRST_REVIEW_ROW, 0)
    filter_rows(ws, last_row - REVIEW_HEADER_ROW, len(specs), head=REVIEW_HEADER_ROW)
    # The record is shown at inspection: printed like the tracker sheet, legible and headed.
    print_legibly(ws, [spec.width for spec in specs], styles.HEADER["font_size"],
                  page_header(tracker.title, service, tracker.reviews.sheet),
                  repeat_rows=(REVIEW_HEADER_ROW, REVIEW_HEADER_ROW))
    ws.protect("", {"sort": True, "autofilter": True, "format_columns": True,
                    "format_rows": True})


def _due(tracker: Tracker, policy: ServicePolicy) -> str:
    """'Registered Manager review every month; Nominated Individual review every 3 months'."""
    settings = tracker.settings(policy)
    return "; ".join(f"{c.name} {every_text(c.unit, c.every(settings))}"
                     for c in tracker.reviews.cadences)


__all__ = ["write_reviews_sheet"]
