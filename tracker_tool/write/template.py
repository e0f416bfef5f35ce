"""Write a tracker's locked Excel template from its column specs, with XlsxWriter.

Sheets: Instructions (generated from the same specs; the sheet a new template opens on), the
tracker sheet (locked header, unlocked pre-sized entry grid, dropdowns, date checks, live
checks), its printable view, a hidden Lists sheet feeding the dropdowns through defined names,
and the very hidden stamp sheet. A per-service template has one more row on top of the tracker
sheet, its title band, naming the service. The creation date is pinned so the same version
always gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

from tracker_tool.check.sheet_layout import title_band
from tracker_tool.check.tracker import (
    FIRST_DATA_ROW,
    GROUP_ROW,
    HEADER_ROW,
    KEY_ROW,
    Tracker,
)
from tracker_tool.core.a1 import column_letter
from tracker_tool.core.columns import ColumnSpec, Kind
from tracker_tool.core.stamp import (
    PROP_FINGERPRINT,
    PROP_KIND,
    PROP_POLICY,
    PROP_SHEET,
    PROP_VERSION,
    STAMP_SHEET,
    ServiceIdentity,
)
from tracker_tool.policy.service_policy import DEFAULT_POLICY, ServicePolicy
from tracker_tool.write import styles
from tracker_tool.write.instructions import INSTRUCTIONS_SHEET, write_instructions
from tracker_tool.write.kit import (
    Kit,
    filter_rows,
    header_title,
    output_workbook,
    validation,
)
from tracker_tool.write.live_checks import add_live_checks
from tracker_tool.write.paper import page_header, print_legibly
from tracker_tool.write.plan_sheet import write_plan_sheet
from tracker_tool.write.printable_view import VIEW_SHEET, write_printable_view
from tracker_tool.write.reviews_sheet import write_reviews_sheet

LISTS_SHEET = "Lists"
#: The tracker sheet's frozen columns (ID and title, say), repeated on every printed page.
_FROZEN_COLS = 2


def header_note(spec: ColumnSpec) -> str:
    """The note on a header cell: what goes in it, in our words, and the clause behind it."""
    lines = [spec.help]
    if spec.kind is Kind.DATE:
        lines.append("Type a date as dd/mm/yyyy.")
    elif spec.kind is Kind.CHOICE:
        lines.append("Choose from: " + ", ".join(spec.choices) + ".")
    elif spec.kind is Kind.WHOLE_NUMBER:
        lines.append("A whole number: 0, 1, 2...")
    if spec.required:
        lines.append("Required for every action.")
    lines.append(f"Policy: {spec.clause}.")
    return "\n".join(lines)


class _TemplateBuilder:
    def __init__(self, workbook, tracker: Tracker, service: ServiceIdentity | None = None,
                 policy: ServicePolicy | None = None):
        self.wb = workbook
        self.tracker = tracker
        self.service = service
        #: Stamped only when given, so a template made under the defaults matches any policy.
        self.policy = policy
        self.specs = tracker.under(policy or DEFAULT_POLICY).columns
        #: A per-service template's title band takes the top row and moves the rest down one;
        #: the reader finds the header wherever it is (check/header_map.py).
        self.top = 1 if service is not None else 0
        self.group_row, self.key_row = GROUP_ROW + self.top, KEY_ROW + self.top
        self.header_row, self.first_row = HEADER_ROW + self.top, FIRST_DATA_ROW + self.top
        self.last_row = self.first_row + tracker.entry_rows - 1
        self.last_col = len(self.specs) - 1
        self.kit = kit = Kit(workbook)
        self.header = kit.format(styles.HEADER)
        self.key_fmt = kit.format(styles.KEY_ROW)
        unlocked = {"locked": False, "valign": "top"}
        self.entry = {
            Kind.DATE: kit.format(unlocked, num_format=styles.DATE_FORMAT),
            Kind.LONG_TEXT: kit.format(unlocked, text_wrap=True),
            Kind.TEXT: kit.format(unlocked),
            Kind.CHOICE: kit.format(unlocked),
            Kind.WHOLE_NUMBER: kit.format(unlocked, num_format="0"),
        }

    def instructions(self, ws) -> None:
        write_instructions(self.kit, ws, self.tracker, self.specs, self.service)

    def lists(self, ws) -> None:
        col = 0
        for spec in self.specs:
            values = spec.choices if spec.kind is Kind.CHOICE else spec.suggestions
            if not values:
                continue
            self.kit.text(ws, 0, col, spec.key)
            for r, value in enumerate(values, start=1):
                self.kit.text(ws, r, col, value)
            letter = column_letter(col)
            self.wb.define_name(spec.list_name,
                                f"={LISTS_SHEET}!${letter}$2:${letter}${len(values) + 1}")
            ws.set_column(col, col, 28)
            col += 1
        ws.protect()
        ws.hide()

    def stamp(self, ws) -> None:
        for r, (key, value) in enumerate(self.stamp_values().items()):
            self.kit.text(ws, r, 0, key)
            self.kit.text(ws, r, 1, value)
        ws.protect()
        ws.very_hidden()

    def stamp_values(self) -> dict[str, str]:
        """The stamp; the tool's own version is left out so templates stay byte-stable."""
        values = {PROP_KIND: self.tracker.kind, PROP_VERSION: self.tracker.version,
                  PROP_FINGERPRINT: self.tracker.fingerprint, PROP_SHEET: self.tracker.sheet_name}
        if self.policy is not None:
            values[PROP_POLICY] = self.policy.fingerprint
        if self.service is not None:
            values.update(self.service.stamp_values())
        return values

    def write_entries(self, ws, entries) -> None:
        """Pre-fill entry rows (samples, fixtures, commissioners' seeded plans) as a user would."""
        for offset, entry in enumerate(entries):
            r = self.first_row + offset
            for key, value in entry.items():
                spec = self.tracker.by_key[key]
                self.kit.value(ws, r, spec.index, value, self.entry[spec.kind])

    def entry_sheet(self, ws) -> None:
        tracker = self.tracker
        if self.service is not None:
            ws.set_row(0, 22)
            self.kit.text(ws, 0, 0, title_band(tracker, self.service),
                          self.kit.format(styles.TITLE, font_size=13))
        group_row, key_row, header_row = self.group_row, self.key_row, self.header_row
        for name, specs in tracker.groups():
            colour = tracker.group_colours.get(name, "#1F4E79")
            band = self.kit.format(styles.BAND, bg_color=colour)
            first, last = specs[0].index, specs[-1].index
            if first == last:
                self.kit.text(ws, group_row, first, name, band)
            else:
                ws.merge_range(group_row, first, group_row, last, name, band)
        ws.set_row(group_row, 18)
        ws.set_row(key_row, None, None, {"hidden": True})
        ws.set_row(header_row, 45)
        # Every entry row unlocked to its end, so a protected sheet still lets whole rows be
        # inserted and deleted (Excel refuses to delete a row holding a locked cell).
        row_fmt = self.kit.format(locked=False)
        for r in range(self.first_row, self.last_row + 1):
            ws.set_row(r, None, row_fmt)
        for spec in self.specs:
            c = spec.index
            ws.set_column(c, c, spec.width)
            self.kit.text(ws, key_row, c, spec.key, self.key_fmt)
            self.kit.text(ws, header_row, c, header_title(spec), self.header)
            ws.write_comment(header_row, c, header_note(spec),
                             {"x_scale": 2.2, "y_scale": 1.8, "author": "tracker-tool"})
            fmt = self.entry[spec.kind]
            for r in range(self.first_row, self.last_row + 1):
                ws.write_blank(r, c, None, fmt)
            ws.data_validation(self.first_row, c, self.last_row, c,
                               validation(spec, id_key=tracker.id_key))
        add_live_checks(self.kit, ws, tracker, self.specs, self.first_row, self.last_row)
        ws.freeze_panes(self.first_row, _FROZEN_COLS)
        filter_rows(ws, self.last_row - header_row, self.last_col + 1, head=header_row)
        print_legibly(ws, [spec.width for spec in self.specs], styles.HEADER["font_size"],
                      page_header(tracker.title, self.service, tracker.sheet_name),
                      repeat_rows=(group_row, header_row), repeat_cols=_FROZEN_COLS)
        ws.protect("", {"sort": True, "autofilter": True, "format_cells": True,
                        "format_columns": True, "format_rows": True, "insert_rows": True,
                        "delete_rows": True, "insert_hyperlinks": True})

    def printable_view(self, ws, entries) -> None:
        write_printable_view(self.kit, ws, self.tracker, self.specs, self.first_row,
                             self.view_title(), self.service, entries)

    def view_title(self) -> str:
        if self.service is not None:
            return title_band(self.tracker, self.service)
        return f"{self.tracker.title}: printable view"


def build_template_file(tracker: Tracker, out: str | Path, entries=(),
                        service: ServiceIdentity | None = None, plan: dict | None = None,
                        policy: ServicePolicy | None = None, reviews=()) -> Path:
    """Write ``tracker``'s template to ``out`` atomically and return the path.

    ``entries`` (dicts of field key -> value) pre-fill the first rows; values are written as
    their Python type, so a string such as "ASAP" in a date column stays text, as typed.
    ``service`` stamps the template with the service it is made for; ``plan`` pre-fills
    the plan sheet of trackers that have one (field key -> value). ``policy`` fills the
    dropdowns a service sets and is stamped; None uses the defaults and stamps no policy.
    ``reviews`` pre-fills the Reviews sheet of trackers that have one (dicts, as entries).
    """
    out = Path(out)
    with output_workbook(out, f"{tracker.title} (template {tracker.version})",
                         tracker.released, subject=tracker.summary, company="",
                         comments="Generated by tracker-tool.") as workbook:
        builder = _TemplateBuilder(workbook, tracker, service, policy)
        for key, value in builder.stamp_values().items():
            workbook.set_custom_property(key, value)
        instructions = workbook.add_worksheet(INSTRUCTIONS_SHEET)
        if tracker.plan_model is not None:
            write_plan_sheet(builder.kit, workbook.add_worksheet(tracker.plan_sheet), tracker,
                             builder.entry, plan or {}, policy or DEFAULT_POLICY,
                             service)
        entry = workbook.add_worksheet(tracker.sheet_name)
        if tracker.reviews is not None:
            write_reviews_sheet(builder.kit, workbook.add_worksheet(tracker.reviews.sheet),
                                tracker, builder.entry, reviews, policy or DEFAULT_POLICY, service)
        view = workbook.add_worksheet(VIEW_SHEET)
        lists = workbook.add_worksheet(LISTS_SHEET)
        stamp = workbook.add_worksheet(STAMP_SHEET)
        builder.instructions(instructions)
        builder.entry_sheet(entry)
        builder.write_entries(entry, entries)
        builder.printable_view(view, entries)
        builder.lists(lists)
        builder.stamp(stamp)
        instructions.activate()
    return out


