"""Write the plan sheet: the facts a plan has once, one item a row, for trackers whose source
document has a plan header.

Where each thing sits is check/plan_sheet.py's to say, since the reader must find it again;
this side only lays the items out, with the kit's formats, writes and dropdown wording.
"""

from __future__ import annotations

from tracker_tool.check.plan_sheet import (
    FIRST_ITEM_ROW,
    HEAD_ROW,
    HELP_COL,
    ITEM_COL,
    KEY_COL,
    TITLE_ROW,
    VALUE_COL,
)
from tracker_tool.check.tracker import Tracker
from tracker_tool.policy.service_policy import ServicePolicy
from tracker_tool.write import styles
from tracker_tool.write.kit import Kit, header_title, validation
from tracker_tool.write.paper import page_header, print_legibly
from tracker_tool.write.row_fit import fit_row

#: A plan's counts (failings found in a report, say) run higher than a row's.
_LARGEST_COUNT = 999
_ITEM_WIDTH, _VALUE_WIDTH, _HELP_WIDTH = 32, 40, 64
#: The sizes of the sheet's text: the smallest is what must stay legible when printed.
_FONT_PT, _HEAD_PT = 11, 10


def write_plan_sheet(kit: Kit, ws, tracker: Tracker, entry_formats: dict, values: dict,
                     policy: ServicePolicy, service=None) -> None:
    """Lay the plan's items down ``ws``: locked titles and help, unlocked validated entries.

    The plan sheet has no lists sheet behind it, so its dropdowns are typed into the rules.
    Each row is as tall as the tallest of its item, entry and help. ``service`` (a
    ServiceIdentity) is named in the printed page header.
    """
    header, wrap = kit.format(styles.HEADER), kit.format(styles.WRAP, locked=True)
    label = kit.format(styles.LABEL, text_wrap=True)
    key_fmt = kit.format(styles.KEY_ROW)
    ws.set_column(KEY_COL, KEY_COL, 14, None, {"hidden": True})
    ws.set_column(ITEM_COL, ITEM_COL, _ITEM_WIDTH)
    ws.set_column(VALUE_COL, VALUE_COL, _VALUE_WIDTH)
    ws.set_column(HELP_COL, HELP_COL, _HELP_WIDTH)
    kit.text(ws, TITLE_ROW, ITEM_COL, f"{tracker.title}: the plan", kit.format(styles.TITLE))
    for c, text in ((KEY_COL, "key"), (ITEM_COL, "Item"), (VALUE_COL, "Your entry"),
                    (HELP_COL, "What to write")):
        kit.text(ws, HEAD_ROW, c, text, header)
    for i, spec in enumerate(tracker.plan.under(policy).columns):
        r = FIRST_ITEM_ROW + i
        kit.text(ws, r, KEY_COL, spec.key, key_fmt)
        kit.text(ws, r, ITEM_COL, header_title(spec), label)
        kit.text(ws, r, HELP_COL, f"{spec.help} ({spec.clause})", wrap)
        # blank=True: an empty entry keeps its unlocked format, or no one could fill it in
        kit.value(ws, r, VALUE_COL, values.get(spec.key), entry_formats[spec.kind], blank=True)
        ws.data_validation(r, VALUE_COL, r, VALUE_COL,
                           validation(spec, named_lists=False, largest=_LARGEST_COUNT))
        value = values.get(spec.key)
        fit_row(ws, r, [(header_title(spec), _ITEM_WIDTH, _FONT_PT, True),
                        (value if isinstance(value, str) else "", _VALUE_WIDTH, _FONT_PT, False),
                        (f"{spec.help} ({spec.clause})", _HELP_WIDTH, _FONT_PT, False)])
    print_legibly(ws, [_ITEM_WIDTH, _VALUE_WIDTH, _HELP_WIDTH], _HEAD_PT,
                  page_header(tracker.title, service, tracker.plan_sheet))
    ws.protect("", {"format_cells": True, "format_columns": True, "format_rows": True,
                    "insert_hyperlinks": True})


__all__ = ["write_plan_sheet"]
