"""The template's Instructions sheet: the sheet a new template opens on.

It says who the copy is for (a per-service template names the service, provider and CQC
location, so nobody fills in another service's copy unawares), the kind's own guidance, what
the live checks' colours mean, how to paste without breaking the checks, and then every
column from the same specs as the entry sheet, each with a worked example beside it: the
example lives here, never among the entries, where the audit would read it as an action.
"""

from __future__ import annotations

from tracker_tool.check.tracker import Tracker
from tracker_tool.core.a1 import column_letter
from tracker_tool.core.columns import Kind
from tracker_tool.core.sheet_names import INSTRUCTIONS_SHEET, VIEW_SHEET
from tracker_tool.core.stamp import ServiceIdentity
from tracker_tool.write import styles
from tracker_tool.write.kit import filter_rows
from tracker_tool.write.live_checks import MISSING, PASSED, live_checks, rag_columns
from tracker_tool.write.paper import page_header, print_legibly
from tracker_tool.write.row_fit import fit_row

#: The column table: column letter, heading, required, what to enter, allowed values,
#: a worked example, policy clause.
HEADS = ("Col", "Heading", "Required", "What to enter", "Allowed values or format",
         "Worked example", "Policy")
WIDTHS = (5, 22, 8, 42, 28, 24, 10)
FONT_PT = 10

PASTE_VALUES = (
    "Copying in from another file? Paste values only: Paste Special > Values in Excel "
    "(Ctrl+Alt+V, then V), Paste Special > Values Only in LibreOffice (Ctrl+Shift+V). A plain "
    "paste brings the other file's formats with it and wipes this sheet's dropdowns, date "
    "checks and colours from the cells it lands on.")
PRINTING = (
    f"For a supervision, a meeting or an inspection, print the {VIEW_SHEET} sheet: the "
    "main columns and the checks in words, on A4 landscape, each page headed with the "
    "service and the tracker. It fills itself from the entries. Excel prints only the rows "
    "in use; LibreOffice prints every row of the view, so select the filled rows there and "
    "print the selection.")
ROWS_AND_LINKS = (
    "You may format cells, insert a link to evidence (Insert > Link) and insert or delete "
    "whole rows between the entries. Keep the headings, the hidden row above them and the "
    "columns as they are.")


def allowed(spec) -> str:
    return {Kind.CHOICE: ", ".join(spec.choices), Kind.DATE: "Date, dd/mm/yyyy",
            Kind.WHOLE_NUMBER: "Whole number, 0 or more"}.get(spec.kind, "Text")


def service_lines(service: ServiceIdentity | None) -> list[tuple[str, str]]:
    """(label, value) lines naming who the template is for; none for a blank template."""
    if service is None:
        return []
    lines = [("Service", service.name)]
    if service.provider:
        lines.append(("Provider", service.provider))
    if service.location_id:
        lines.append(("CQC location ID", service.location_id))
    return lines


def checks_paragraph(tracker: Tracker, specs) -> str | None:
    """What the live colours on the entry sheet mean, for this kind's checks."""
    checks = live_checks(tracker)
    if not checks:
        return None
    missing = [c.words for c in checks if c.look == MISSING]
    passed = [c.words for c in checks if c.look == PASSED]
    text = ("The sheet checks itself as you type (no macros). A yellow cell with a red border "
            "needs filling in: " + "; ".join(missing) + ". An orange cell or row has a date "
            "that has passed while the entry is still open: " + "; ".join(passed) + ".")
    if rag_columns(specs):
        text += " RAG cells take the colour of their rating."
    return text + (f" The {VIEW_SHEET} sheet lists the same checks in words, for printing; "
                   "the audit makes the full checks.")


def write_instructions(kit, ws, tracker: Tracker, specs, service: ServiceIdentity | None) -> None:
    f = kit.format
    body = {"font_size": FONT_PT}
    wrap = f(styles.WRAP, body)
    label = f(styles.LABEL, body, text_wrap=True)
    header = f(styles.HEADER, font_size=FONT_PT)
    for c, width in enumerate(WIDTHS):
        ws.set_column(c, c, width)
    span = sum(WIDTHS[1:])
    kit.text(ws, 0, 0, tracker.title, f(styles.TITLE))
    ws.set_row(0, 24)
    kit.text(ws, 1, 0, f"Template version {tracker.version} · made by tracker-tool · "
                       f"{tracker.summary}", f(styles.SUBTITLE, body))
    row = 2
    who = service_lines(service)
    if who:
        strong = f(styles.LABEL, font_size=12, font_color="#1F4E79")
        row += 1
        for name, value in who:
            ws.merge_range(row, 0, row, 1, "", strong)
            kit.text(ws, row, 0, name, strong)
            ws.merge_range(row, 2, row, 4, "", strong)
            kit.text(ws, row, 2, value, strong)
            ws.set_row(row, 18)
            row += 1
        kit.text(ws, row, 0, "This copy is for the service above only; each service has its "
                             "own.", f(styles.SUBTITLE, body))
        row += 1
    row += 1
    paragraphs = list(tracker.instructions)
    paragraphs += [p for p in (checks_paragraph(tracker, specs), PASTE_VALUES, ROWS_AND_LINKS,
                               PRINTING) if p]
    for n, paragraph in enumerate(paragraphs, start=1):
        ws.write_number(row, 0, n, f(body, valign="top", align="center"))
        ws.merge_range(row, 1, row, len(WIDTHS) - 1, "", wrap)
        kit.text(ws, row, 1, paragraph, wrap)
        fit_row(ws, row, [(paragraph, span, FONT_PT, False)])
        row += 1
    row += 1
    for c, text in enumerate(HEADS):
        kit.text(ws, row, c, text, header)
    first = row
    for spec in specs:
        row += 1
        cells = (column_letter(spec.index), spec.title, "Yes" if spec.required else "",
                 spec.help, allowed(spec), spec.example, spec.clause)
        for c, text in enumerate(cells):
            kit.text(ws, row, c, text, label if c == 1 else wrap)
        fit_row(ws, row, [(text, width, FONT_PT, c == 1)
                          for c, (text, width) in enumerate(zip(cells, WIDTHS))])
    filter_rows(ws, row - first, len(HEADS), head=first)
    print_legibly(ws, list(WIDTHS), FONT_PT,
                  page_header(tracker.title, service, INSTRUCTIONS_SHEET),
                  repeat_rows=(first, first))
    ws.protect("", {"autofilter": True, "sort": True, "format_columns": True,
                    "format_rows": True})


__all__ = ["INSTRUCTIONS_SHEET", "PASTE_VALUES", "write_instructions"]
