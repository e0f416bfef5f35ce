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
from tracker_tool.write.kit import Kit, header_title, print_setup, validation
from tracker_tool.write.layout import lines_needed, row_height

#: A plan's counts (failings found in a report, say) run higher than a row's.
_LARGEST_COUNT = 999
_HELP_WIDTH = 70


def write_plan_sheet(kit: Kit, ws, tracker: Tracker, entry_formats: dict, values: dict,
                     policy: ServicePolicy) -> None:
    """Lay the plan's items down ``ws``: locked titles and help, unlocked validated entries.

    The plan sheet has no lists sheet behind it, so its dropdowns are typed into the rules.
    """
    header, wrap = kit.format(styles.HEADER), kit.format(styles.WRAP, locked=True)
    label = kit.format(styles.LABEL, text_wrap=True)
    key_fmt = kit.format(styles.KEY_ROW)
    ws.set_column(KEY_COL, KEY_COL, 14, None, {"hidden": True})
    ws.set_column(ITEM_COL, ITEM_COL, 34)
    ws.set_column(VALUE_COL, VALUE_COL, 40)
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
        ws.set_row(r, row_height(max(lines_needed(spec.help, _HELP_WIDTH), 1)))
    print_setup(ws)
    ws.protect("", {"format_columns": True, "format_rows": True})


__all__ = ["write_plan_sheet"]
