"""The audit's Changes sheet and the Summary's figures last time and now, when a return is
audited with the previous one: every change with both values, linked to its cell.

Values come from the returned workbooks, so they go through the writer kit like every other
cell the audit copies.
"""

from __future__ import annotations

from tracker_tool.core.changes import CURRENT, Comparison
from tracker_tool.core.columns import Kind
from tracker_tool.write import styles
from tracker_tool.write.headline import is_percent, plain_label
from tracker_tool.write.kit import filter_rows

SHEET = "Changes"
#: At most 148 character units wide, so it prints at 70% or more (write/report_paper.py).
HEADS = [("Severity", 8), ("Code", 20), ("Action ID", 9), ("Cell", 7), ("Column", 14),
         ("Last time", 15), ("Now", 15), ("Message", 32), ("Policy", 7), ("How to fix", 21)]


def write_changes_sheet(builder, comparison: Comparison) -> None:
    """One row per change (then each change listed without a finding), filterable."""
    ws = builder.table(SHEET, HEADS)
    link = builder.kit.format(font_color="#0563C1", underline=1, valign="top")
    r = 0
    for change in comparison.changes:
        r += 1
        f = change.finding
        ws.write_string(r, 0, f.severity.value, builder.fmt(severity=f.severity))
        ws.write_string(r, 1, f.code, builder.top)
        builder.write_value(ws, r, 2, change.action_id or "", Kind.TEXT)
        if f.cell and change.located_in == CURRENT and builder.on_table(f) \
                and builder.checked.grid is not None:
            ws.write_url(r, 3, builder.cell_url(f.cell), link, string=f.cell)
        elif f.cell:
            builder.write_value(ws, r, 3, f"{f.sheet}!{f.cell}", Kind.TEXT)
        for c, text in ((4, f.column), (5, change.previous_value), (6, f.value),
                        (7, f.message), (8, f.clause), (9, builder.rule(f.code).fix)):
            builder.write_value(ws, r, c, text or "", Kind.LONG_TEXT)
    for item in comparison.listed:
        r += 1
        ws.write_string(r, 0, "listed", builder.top)
        ws.write_string(r, 1, item.change, builder.top)
        builder.write_value(ws, r, 2, item.action_id or "", Kind.TEXT)
        for c, text in ((5, item.previous_value), (6, item.value)):
            builder.write_value(ws, r, c, text or "", Kind.LONG_TEXT)
    if r == 0:
        ws.write_string(1, 0, "Nothing changed since the previous return.")
    builder.rows.apply(ws, skip={0})
    filter_rows(ws, r, len(HEADS))
    builder.print_setup(ws)


def write_figure_changes(builder, ws, r: int, comparison: Comparison) -> int:
    """The review figures now, last time and the change, from row ``r``; the next free row."""
    was = comparison.previous.as_of.strftime("%d/%m/%Y")
    for c, title in enumerate((f"Since the previous return ({was})", "Now", "Last time",
                               "Change")):
        ws.write_string(r, c, title, builder.header)
    ws.write_string(r, 4, "Direction", builder.header)
    fmt = builder.kit.format
    shown = {False: (fmt(styles.TOP, num_format="0"), fmt(styles.TOP, num_format="+0;-0;0")),
             True: (fmt(styles.TOP, num_format='0.0"%"'),
                    fmt(styles.TOP, num_format='+0.0" points";-0.0" points";0" points"'))}
    for fig in comparison.figures:
        r += 1
        value_fmt, change_fmt = shown[is_percent(fig.label)]
        ws.write_string(r, 0, plain_label(fig.label), builder.top)
        for c, value in ((1, fig.current), (2, fig.previous), (3, fig.change)):
            if value is None:
                ws.write_string(r, c, "n/a", builder.top)
            else:
                ws.write_number(r, c, value, change_fmt if c == 3 else value_fmt)
        ws.write_string(r, 4, fig.direction, builder.top)
    return r + 2
