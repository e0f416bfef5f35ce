"""Write a tracker's locked Excel template from its column specs, with XlsxWriter.

Sheets: Instructions (generated from the same specs), the tracker sheet (locked header,
unlocked pre-sized entry grid, dropdowns, date checks, live highlights), a hidden Lists sheet
feeding the dropdowns through defined names, and the very hidden stamp sheet. The creation
date is pinned so the same version always gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

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
from tracker_tool.write.kit import (
    Kit,
    filter_rows,
    header_title,
    output_workbook,
    print_setup,
    validation,
)
from tracker_tool.write.layout import lines_needed, row_height
from tracker_tool.write.plan_sheet import write_plan_sheet

LISTS_SHEET = "Lists"
INSTRUCTIONS_SHEET = "Instructions"
#: Instructions table: column letter, heading, required, what to enter, allowed values, policy.
_INSTRUCTION_WIDTHS = (5, 26, 11, 60, 34, 10)


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
        self.last_row = FIRST_DATA_ROW + tracker.entry_rows - 1
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

    def letter(self, key: str) -> str:
        return column_letter(self.tracker.by_key[key].index)

    def instructions(self, ws) -> None:
        kit, f = self.kit, self.kit.format
        wrap, label = f(styles.WRAP), f(styles.LABEL)
        widths = _INSTRUCTION_WIDTHS
        for c, width in enumerate(widths):
            ws.set_column(c, c, width)
        kit.text(ws, 0, 0, self.tracker.title, f(styles.TITLE))
        kit.text(ws, 1, 0, f"Template version {self.tracker.version} · made by tracker-tool · "
                           f"{self.tracker.summary}", f(styles.SUBTITLE))
        row = 3
        for n, paragraph in enumerate(self.tracker.instructions, start=1):
            ws.write_number(row, 0, n, f({"valign": "top", "align": "center"}))
            ws.merge_range(row, 1, row, 5, paragraph, wrap)
            ws.set_row(row, row_height(lines_needed(paragraph, sum(widths[1:]))))
            row += 1
        row += 1
        heads = ("Col", "Heading", "Required", "What to enter", "Allowed values or format",
                 "Policy")
        for c, text in enumerate(heads):
            kit.text(ws, row, c, text, self.header)
        first = row
        for spec in self.specs:
            row += 1
            allowed = {Kind.CHOICE: ", ".join(spec.choices), Kind.DATE: "Date, dd/mm/yyyy",
                       Kind.WHOLE_NUMBER: "Whole number, 0 or more"}.get(spec.kind, "Text")
            for c, text in enumerate((column_letter(spec.index), spec.title,
                                      "Yes" if spec.required else "", spec.help, allowed,
                                      spec.clause)):
                kit.text(ws, row, c, text, label if c == 1 else wrap)
            lines = max(lines_needed(spec.title, widths[1]), lines_needed(spec.help, widths[3]),
                        lines_needed(allowed, widths[4]))
            if lines > 1:
                ws.set_row(row, row_height(lines))
        filter_rows(ws, row - first, len(heads), head=first)
        print_setup(ws, repeat=(first,))
        ws.protect("", {"autofilter": True, "sort": True, "format_columns": True})

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
            r = FIRST_DATA_ROW + offset
            for key, value in entry.items():
                spec = self.tracker.by_key[key]
                self.kit.value(ws, r, spec.index, value, self.entry[spec.kind])

    def entry_sheet(self, ws) -> None:
        tracker = self.tracker
        for name, specs in tracker.groups():
            colour = tracker.group_colours.get(name, "#1F4E79")
            band = self.kit.format(styles.BAND, bg_color=colour)
            first, last = specs[0].index, specs[-1].index
            if first == last:
                self.kit.text(ws, GROUP_ROW, first, name, band)
            else:
                ws.merge_range(GROUP_ROW, first, GROUP_ROW, last, name, band)
        ws.set_row(GROUP_ROW, 18)
        ws.set_row(KEY_ROW, None, None, {"hidden": True})
        ws.set_row(HEADER_ROW, 45)
        for spec in self.specs:
            c = spec.index
            ws.set_column(c, c, spec.width)
            self.kit.text(ws, KEY_ROW, c, spec.key, self.key_fmt)
            self.kit.text(ws, HEADER_ROW, c, header_title(spec), self.header)
            ws.write_comment(HEADER_ROW, c, header_note(spec),
                             {"x_scale": 2.2, "y_scale": 1.8, "author": "tracker-tool"})
            fmt = self.entry[spec.kind]
            for r in range(FIRST_DATA_ROW, self.last_row + 1):
                ws.write_blank(r, c, None, fmt)
            ws.data_validation(FIRST_DATA_ROW, c, self.last_row, c, validation(spec))
        self.live_highlights(ws)
        ws.freeze_panes(FIRST_DATA_ROW, 2)
        filter_rows(ws, self.last_row - HEADER_ROW, self.last_col + 1, head=HEADER_ROW)
        print_setup(ws, repeat=(GROUP_ROW, HEADER_ROW))
        ws.protect("", {"sort": True, "autofilter": True, "format_columns": True,
                        "format_rows": True})

    def live_highlights(self, ws) -> None:
        """Conditional formats that show overdue rows and missing owners as the user types."""
        live = self.tracker.highlights
        if live is None:
            return
        r = FIRST_DATA_ROW + 1
        due, status, owner = (self.letter(live.due_key), self.letter(live.status_key),
                              self.letter(live.owner_key))
        not_done = ",".join(f'${status}{r}<>"{v}"' for v in live.done_values)
        content = "&".join(f"${self.letter(k)}{r}" for k in live.content_keys)
        ws.conditional_format(FIRST_DATA_ROW, 0, self.last_row, self.last_col, {
            "type": "formula",
            "criteria": f'=AND(ISNUMBER(${due}{r}),${due}{r}<TODAY(),{not_done})',
            "format": self.kit.format(bg_color=styles.OVERDUE_FILL),
        })
        owner_col = self.tracker.by_key[live.owner_key].index
        ws.conditional_format(FIRST_DATA_ROW, owner_col, self.last_row, owner_col, {
            "type": "formula",
            "criteria": f'=AND(LEN({content})>0,LEN(TRIM(${owner}{r}))=0)',
            "format": self.kit.format(bg_color=styles.MISSING_FILL, border=2,
                                      border_color="#C00000"),
        })


def build_template_file(tracker: Tracker, out: str | Path, entries=(),
                        service: ServiceIdentity | None = None, plan: dict | None = None,
                        policy: ServicePolicy | None = None) -> Path:
    """Write ``tracker``'s template to ``out`` atomically and return the path.

    ``entries`` (dicts of field key -> value) pre-fill the first rows; values are written as
    their Python type, so a string such as "ASAP" in a date column stays text, as typed.
    ``service`` stamps the template with the service it is made for; ``plan`` pre-fills
    the plan sheet of trackers that have one (field key -> value). ``policy`` fills the
    dropdowns a service sets and is stamped; None uses the defaults and stamps no policy.
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
                             builder.entry, plan or {}, policy or DEFAULT_POLICY)
        entry = workbook.add_worksheet(tracker.sheet_name)
        lists = workbook.add_worksheet(LISTS_SHEET)
        stamp = workbook.add_worksheet(STAMP_SHEET)
        builder.instructions(instructions)
        builder.entry_sheet(entry)
        builder.write_entries(entry, entries)
        builder.lists(lists)
        builder.stamp(stamp)
        entry.activate()
    return out


