"""Write the annotated audit workbook: a fresh file, never a modified copy of the input.

Sheets: Summary (the review figures and findings by code), Review pack (review_pack_writer:
the s12 and s21 answers with charts), the returned sheet copied cell for
cell at the same addresses with problem cells filled and noted, Findings (one filterable row
each, linked to its cell), Escalations, and Action review (a printable line per action with a
finding). Text from the returned workbook goes through the writer kit (write/kit.py): always
a string cell, quote-prefixed when a spreadsheet could take it for a formula, so nothing in a
returned workbook can run when the audit is opened.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from tracker_tool.check.compare import rule_info
from tracker_tool.check.validation import CheckedWorkbook
from tracker_tool.core.a1 import parse_a1
from tracker_tool.core.cell_values import FORMULA_TRIGGERS, is_blank
from tracker_tool.core.columns import Kind
from tracker_tool.core.findings import Finding, Severity
from tracker_tool.core.outputs import AUDIT, output_marks
from tracker_tool.core.wording import printable, severity_counts
from tracker_tool.write import headline, styles
from tracker_tool.write.changes_sheet import SHEET as CHANGES_SHEET
from tracker_tool.write.changes_sheet import write_changes_sheet, write_figure_changes
from tracker_tool.write.kit import (
    A4,
    Kit,
    add_sheet,
    filter_rows,
    output_workbook,
    print_setup,
)
from tracker_tool.write.layout import RowHeights
from tracker_tool.write.report_paper import PRINT_WIDTH, fit_or_scale, page_header
from tracker_tool.write.review_pack import SHEET as REVIEW_SHEET
from tracker_tool.write.review_pack import write_review_pack

_FILL = {Severity.ERROR: styles.ERROR_FILL, Severity.ESCALATION: styles.ESCALATION_FILL,
         Severity.WARNING: styles.WARNING_FILL}
_NOTE = {"x_scale": 2.4, "y_scale": 1.6, "author": "tracker-tool audit"}
#: Excel's limit of hyperlinks on one worksheet; XlsxWriter warns for every one beyond it.
MAX_LINKS = 65_530


def _sheet_url(sheet: str, cell: str) -> str:
    return "internal:'" + sheet.replace("'", "''") + "'!" + cell


class _AuditBuilder:
    def __init__(self, workbook, checked: CheckedWorkbook):
        self.wb = workbook
        self.checked = checked
        self.report = checked.report
        self.kit = kit = Kit(workbook)
        self.by_row: dict[int, list[Finding]] = {}
        for f in self.report.findings:
            if f.row is not None and (f.cell or f.field) and self.on_table(f):
                self.by_row.setdefault(f.row, []).append(f)
        self.rows = RowHeights()  # of the sheet being written
        #: fmt()'s formats by its arguments, and write_value's (cell, date) pair by
        #: (kind, severity): asked for once per cell written, made once per workbook.
        self._fmts: dict[tuple, object] = {}
        self._value_fmts: dict[tuple, tuple] = {}
        self._verdicts: dict[tuple[Severity, ...], tuple[str, Severity]] = {}
        self.header = kit.format(styles.HEADER)
        self.wrap = kit.format(styles.WRAP)
        self.top = kit.format(styles.TOP)
        self.centred = kit.format(styles.TOP, align="center")
        names = {"Summary", REVIEW_SHEET, "Findings", "Escalations", "Action review",
                 CHANGES_SHEET}
        self.copy_name = _copy_sheet_name(self.report.sheet or "Returned sheet", names)

    def fmt(self, *, kind: Kind | None = None, severity: Severity | None = None,
            bold: bool = False, ok: bool = False):
        """The format of a cell holding a value of ``kind``, filled by its worst ``severity``;
        text of unknown kind wraps, since an extra column may hold anything."""
        key = (kind, severity, bold, ok)
        found = self._fmts.get(key)
        if found is not None:
            return found
        props = {"valign": "top"}
        if ok:
            props["bg_color"] = styles.OK_FILL
        if kind is Kind.DATE:
            props["num_format"] = styles.DATE_FORMAT
        if kind in (Kind.LONG_TEXT, None):
            props["text_wrap"] = True
        if severity is not None:
            props["bg_color"] = _FILL[severity]
        if bold:
            props["bold"] = True
        found = self._fmts[key] = self.kit.format(props)
        return found

    def write_value(self, ws, r: int, c: int, value, kind: Kind | None = None,
                    severity: Severity | None = None) -> None:
        """Write one untrusted value by the kit's rules, filled by ``severity``.

        Blank-looking text counts as empty, as the checks count it: it is only written to
        carry a fill. Wrapped text grows its row.
        """
        cls = value.__class__
        if value is None or (cls is str and (not value or value.isspace())):
            if severity is not None:
                ws.write_blank(r, c, None, self.fmt(kind=kind, severity=severity))
            return
        fmts = self._value_fmts.get((kind, severity))
        if fmts is None:
            fmts = self._value_fmts[(kind, severity)] = (
                self.fmt(kind=kind, severity=severity), self.fmt(kind=Kind.DATE, severity=severity))
        if cls is str:
            self.kit.text(ws, r, c, value, fmts[0])
            if kind is Kind.LONG_TEXT or kind is None:
                self.rows.fit(r, c, value)
        else:
            self.kit.value(ws, r, c, value, fmts[0], date_fmt=fmts[1])

    # -- layout: widths set once per sheet, row heights from the wrapped text --------------
    def begin(self, ws, widths: dict[int, float]):
        """Start a sheet; LibreOffice and print preview do not grow wrapped rows by themselves."""
        self.rows = RowHeights(widths)
        for c, width in widths.items():
            ws.set_column(c, c, width)
        return ws

    def on_table(self, f: Finding) -> bool:
        """Whether a finding is on the copied table sheet (not the plan sheet, say)."""
        return f.sheet is None or f.sheet == self.report.sheet

    # -- the returned sheet, annotated ------------------------------------------------------
    def returned_sheet(self) -> None:
        grid, hmap, tracker = self.checked.grid, self.checked.header, self.checked.tracker
        by_pos: dict[tuple[int, int], list[Finding]] = {}
        for f in self.report.findings:
            if f.cell and self.on_table(f):
                by_pos.setdefault(parse_a1(f.cell), []).append(f)
        in_row: dict[int, dict[int, list[Finding]]] = {}  # each row's finding cells
        for (r, c), found in by_pos.items():
            in_row.setdefault(r, {})[c] = found
        key_at = {col: key for key, col in hmap.columns.items()}
        kinds = {col: tracker.by_key[key].kind for col, key in key_at.items()}
        status_col = max((len(row) for row in grid.rows), default=0)
        widths = {c: (tracker.by_key[key_at[c]].width if c in key_at else 16)
                  for c in range(status_col)}
        widths.update({status_col: 16, status_col + 1: 60})
        ws = self.begin(add_sheet(self.wb, self.copy_name, len(grid.rows)), widths)
        columns = _Columns(self, [kinds.get(c) for c in range(status_col)])
        # Set before the rows are written, as a streamed sheet needs (write/kit.add_sheet).
        if hmap.key_row is not None:  # wherever a sort put it
            ws.set_row(hmap.key_row, None, None, {"hidden": True})
        ws.set_row(hmap.header_row, 45)
        own_height = {hmap.header_row, hmap.key_row}
        not_entries = hmap.not_entries
        for r, row in enumerate(grid.rows):
            if r == hmap.header_row:
                for c, value in enumerate(row):
                    self.write_header_cell(ws, r, c, value, _worst(by_pos.get((r, c))))
                ws.write_string(r, status_col, "Audit result", self.header)
                ws.write_string(r, status_col + 1, "Audit findings", self.header)
            else:
                self.write_row(ws, r, row, columns, in_row.get(r))
            # Every action has its verdict, above the header too when a sort put it there.
            if r not in not_entries and any(not is_blank(v) for v in row):
                self.row_status(ws, r, status_col, self.by_row.get(r + 1, []))
            self.rows.settle(ws, r, skip=own_height)
        ws.autofilter(hmap.header_row, 0, max(len(grid.rows) - 1, hmap.header_row), status_col + 1)
        if hmap.above:  # frozen or repeated, rows down to a sorted header would fill the page
            self.print_setup(ws)
        else:
            ws.freeze_panes(hmap.header_row + 1, 2)
            self.print_setup(ws, repeat=(0, hmap.header_row))
        # For the screen: fitted to a page's width its many columns printed at 2 pt. Printed
        # at a fixed legible scale instead, across as many pages as it takes, the first two
        # columns (ID and title) on each.
        fit_or_scale(ws, (PRINT_WIDTH + 1,), repeat_cols=2)

    def write_row(self, ws, r: int, row: list, columns: _Columns,
                  flagged: dict[int, list[Finding]] | None) -> None:
        """One row of the returned sheet; ``flagged`` holds its cells' findings, if any.

        Runs for every cell of the sheet, so a cell without a finding holding text, a
        number or a date is written here with its column's format, and only a finding's
        cell or an unusual value goes through write_value. A short text with a line break
        grows a flagged row only, as it always has: a clean row is sized by its long texts.
        """
        kit, rows, put = self.kit, self.rows, ws._write_string
        plain, wrapped, chars = columns.plain, columns.wrapped, columns.chars
        for c, value in enumerate(row):
            if flagged is not None and c in flagged:
                found = flagged[c]
                # Personal details masked, as in every output (check/finding_rows).
                self.write_value(ws, r, c, self.checked.hidden.get((r, c), value),
                                 columns.kinds[c], _worst(found))
                ws.write_comment(r, c, "\n".join(f"[{f.severity.value}] {f.message}"
                                                 for f in found), _NOTE)
                continue
            cls = value.__class__
            if cls is str:
                if not value or value.isspace():
                    continue
                if value.startswith(FORMULA_TRIGGERS):
                    kit.text(ws, r, c, value, plain[c])
                else:
                    put(r, c, value, plain[c])
                if wrapped[c] and (len(value) > chars[c]
                                   or (flagged is not None and "\n" in value)):
                    rows.fit(r, c, value)
            elif cls is float:
                ws._write_number(r, c, value, plain[c])
            elif cls is date:
                kit.value(ws, r, c, value, columns.date)
            elif value is not None:
                self.write_value(ws, r, c, value, columns.kinds[c] if flagged is not None
                                 else None if wrapped[c] else Kind.TEXT)

    def write_header_cell(self, ws, r, c, value, severity) -> None:
        """A heading as returned; an extra column's heading is untrusted text like any cell."""
        text = "" if is_blank(value) else str(value)
        fmt = self.header if severity is None else self.kit.format(styles.HEADER,
                                                                   bg_color=_FILL[severity])
        self.kit.text(ws, r, c, text, fmt)

    def row_status(self, ws, r: int, col: int, found: list[Finding]) -> None:
        """The per-row verdict: 'No problems', or counts plus every message for the row."""
        if not found:
            ws.write_string(r, col, "No problems", self.fmt(ok=True))
            return
        # A row's counts and worst severity follow from its findings' severities alone,
        # and the same few mixes recur down 10,000 rows: each is worded once.
        mix = tuple([f.severity for f in found])
        verdict = self._verdicts.get(mix)
        if verdict is None:
            verdict = self._verdicts[mix] = (_counts(found), _worst(found))
        counts, severity = verdict
        ws._write_string(r, col, counts, self.fmt(severity=severity, bold=True))
        self.write_value(ws, r, col + 1, "\n".join("• " + f.message for f in found), None,
                         severity)

    # -- summary, findings, escalations, action review --------------------------------------
    def summary(self) -> None:
        """The first page a meeting reads: in words, with codes and the policy's fingerprint
        kept to the appendix on a later page (write/headline.py has the shared wording)."""
        rep, tracker = self.report, self.checked.tracker
        ws = self.begin(self.wb.add_worksheet("Summary"), {0: 42, 1: 10, 2: 26, 3: 9, 4: 60})
        f = self.kit.format
        self.kit.text(ws, 0, 0, headline.title(rep, tracker, self.checked.policy), f(styles.TITLE))
        escalations = headline.escalation_count(rep, lambda code: self.rule(code).title)
        facts = [
            ("Service", headline.service_line(rep)),
            ("Workbook", Path(rep.path).name),
            ("Audit date", rep.as_of.strftime("%d/%m/%Y")),
            ("Period", headline.period(rep)),
            ("Tracker", f"{tracker.title} (template version {rep.template_version or 'unknown'})"),
            ("Sheet audited", rep.sheet or "none found"),
            ("Actions checked", str(rep.rows)),
            ("Policy applied", headline.policy_line(self.checked.policy,
                                                    self.checked.default_policy)),
            ("Result", headline.result_line(rep)),
        ]
        if escalations.note:
            facts.append(("Escalations", escalations.note))
        label = f(styles.LABEL)
        for r, (name, value) in enumerate(facts, start=2):
            ws.write_string(r, 0, name, label)
            self.merged(ws, r, 1, 4, value)
        r = len(facts) + 3
        for c, title in enumerate((tracker.figures_heading, "Count")):
            ws.write_string(r, c, title, self.header)
        ws.merge_range(r, 2, r, 4, "What it counts", self.header)
        big = f(styles.BIG_NUMBER)
        percent = f(styles.BIG_NUMBER, num_format='0.0"%"')
        for fig in rep.figures:
            r += 1
            ws.write_string(r, 0, headline.plain_label(fig.label), self.top)
            if fig.value is None:
                ws.write_string(r, 1, fig.shown, big)
            else:
                ws.write_number(r, 1, fig.value, percent if headline.is_percent(fig.label)
                                else big)
            self.merged(ws, r, 2, 4, fig.note)
        r += 2
        if rep.comparison is not None:
            r = write_figure_changes(self, ws, r, rep.comparison)
        for c, title in enumerate(("Findings", "Count")):
            ws.write_string(r, c, title, self.header)
        ws.write_string(r, 2, "Policy", self.header)
        ws.merge_range(r, 3, r, 4, "How to fix", self.header)
        counts = rep.counts_by_code()
        ordered = sorted(counts, key=lambda code: (self.rule(code).severity.rank, -counts[code],
                                                   code))
        for code in ordered:
            r += 1
            info = self.rule(code)
            self.write_value(ws, r, 0, info.title, Kind.LONG_TEXT, info.severity)
            ws.write_number(r, 1, counts[code], big)
            self.write_value(ws, r, 2, info.clause, Kind.LONG_TEXT)
            self.merged(ws, r, 3, 4, info.fix)
        if not counts:
            ws.write_string(r + 1, 0, "No findings.", self.top)
        r = self.appendix(ws, r + 3, ordered, counts)
        self.rows.apply(ws)
        self.print_setup(ws)
        ws.activate()

    def merged(self, ws, r: int, first: int, last: int, text: str) -> None:
        """Wrapped text across columns ``first`` to ``last``, its row grown to show all of it."""
        fmt = self.kit.format_for(text, self.wrap)
        ws.merge_range(r, first, r, last, "", fmt)
        self.kit.text(ws, r, first, text, fmt)
        self.rows.fit(r, first, text, last)

    def appendix(self, ws, r: int, codes: list[str], counts) -> int:
        """Codes and the policy's fingerprint, on a page of their own after the Summary: what
        an analyst or a support request needs, and a board does not."""
        ws.set_h_pagebreaks([r - 1])
        policy = self.checked.policy
        ws.write_string(r, 0, "Appendix: finding codes and policy", self.kit.format(styles.TITLE))
        r += 2
        for name, value in (("Policy fingerprint", policy.fingerprint),
                            ("Template version", self.report.template_version or "unknown"),
                            ("Tracker kind", self.checked.tracker.kind)):
            ws.write_string(r, 0, name, self.kit.format(styles.LABEL))
            ws.write_string(r, 1, value, self.top)
            r += 1
        r += 1
        for c, title in enumerate(("Finding", "Count", "Code")):
            ws.write_string(r, c, title, self.header)
        for code in codes:
            r += 1
            self.write_value(ws, r, 0, self.rule(code).title, Kind.LONG_TEXT)
            ws.write_number(r, 1, counts[code], self.top)
            ws.write_string(r, 2, code, self.top)
        return r

    def rule(self, code: str):
        return rule_info(self.checked.tracker, code)

    def cell_url(self, cell: str) -> str:
        return _sheet_url(self.copy_name, cell)

    def table(self, name: str, heads: list[tuple[str, float]], rows: int = 0):
        """A sheet headed by ``heads``; one of many ``rows`` is streamed (kit.add_sheet), so
        its rows are written in order, each settled (``self.rows.settle``) before the next."""
        ws = add_sheet(self.wb, name, rows)
        self.rows = RowHeights({c: w for c, (_, w) in enumerate(heads)})
        self.kit.table(ws, heads, self.header)
        return ws

    def end_table(self, ws, rows: int, cols: int) -> None:
        self.rows.apply(ws, skip={0})
        filter_rows(ws, rows, cols)
        self.print_setup(ws)

    def findings_sheet(self) -> None:
        heads = [("Severity", 8), ("Code", 20), ("Cell", 6), ("Row", 5), ("Column", 14),
                 ("Value found", 16), ("Message", 42), ("Policy", 8), ("How to fix", 30)]
        findings = self.report.findings
        ws = self.table("Findings", heads, len(findings))
        link = self.kit.format(font_color="#0563C1", underline=1, valign="top")
        linked = self.checked.grid is not None
        total = sum(1 for f in findings if f.cell and self.on_table(f)) if linked else 0
        if total > MAX_LINKS:  # the heading's note, before the rows below it are written
            ws.write_comment(0, 2, f"Excel allows {MAX_LINKS:,} links on a sheet: the first "
                                   f"{MAX_LINKS:,} cells here link to the returned sheet, the "
                                   f"other {total - MAX_LINKS:,} are given as text.", _NOTE)
        links = 0
        # One row a finding, 15,000 in a large audit: its five texts are written as
        # write_value writes long text, with what does not change from row to row kept.
        wrap, text_at, fit = self.fmt(kind=Kind.LONG_TEXT), self.kit.text, self.rows.fit
        chars = [self.rows.chars(c) for c in range(len(heads))]
        fixes: dict[str, str] = {}
        for r, f in enumerate(findings, start=1):
            ws._write_string(r, 0, f.severity.value, self.fmt(severity=f.severity))
            ws._write_string(r, 1, f.code, self.top)
            if f.cell and linked and self.on_table(f):
                if links < MAX_LINKS:
                    ws._write_url(r, 2, _sheet_url(self.copy_name, f.cell), link, string=f.cell)
                else:
                    ws._write_string(r, 2, f.cell, self.top)
                links += 1
            elif f.cell:
                self.write_value(ws, r, 2, f"{f.sheet}!{f.cell}", Kind.TEXT)
            if f.row is not None:
                ws._write_number(r, 3, f.row, self.centred)
            fix = fixes.get(f.code)
            if fix is None:
                fix = fixes[f.code] = self.rule(f.code).fix
            for c, text in ((4, f.column), (5, f.value), (6, f.message), (7, f.clause),
                            (8, fix)):
                if text.__class__ is not str:
                    if text:
                        self.write_value(ws, r, c, text, Kind.LONG_TEXT)
                elif text and not text.isspace():
                    text_at(ws, r, c, text, wrap)
                    if len(text) > chars[c] or "\n" in text:
                        fit(r, c, text)
            self.rows.settle(ws, r)
        self.end_table(ws, len(findings), len(heads))

    def escalations_sheet(self) -> None:
        heads = [("Row", 6), ("ID", 10), ("Title", 24), ("Owner", 16),
                 ("Due date", 11), ("Days overdue", 9), ("Why it must be escalated", 30),
                 ("Escalation route", 16), ("Escalation recorded", 26)]
        items = sorted(self.report.escalations, key=lambda e: (-e.days_overdue, e.row))
        ws = self.table("Escalations", heads, len(items))
        for r, e in enumerate(items, start=1):
            ws.write_number(r, 0, e.row, self.centred)
            self.write_value(ws, r, 1, e.action_id, Kind.TEXT)
            self.write_value(ws, r, 2, e.title, Kind.LONG_TEXT)
            self.write_value(ws, r, 3, e.owner, Kind.TEXT)
            self.write_value(ws, r, 4, e.due)
            ws.write_number(r, 5, e.days_overdue, self.top)
            self.write_value(ws, r, 6, "; ".join(e.reasons), Kind.LONG_TEXT)
            self.write_value(ws, r, 7, e.route, Kind.LONG_TEXT)
            self.write_value(ws, r, 8, e.recorded or "Not recorded", Kind.LONG_TEXT,
                             None if e.recorded else Severity.ESCALATION)
            self.rows.settle(ws, r)
        if not items:
            ws.write_string(1, 0, "No overdue action needs escalating on the audit date.")
        self.end_table(ws, len(items), len(heads))

    def action_review_sheet(self) -> None:
        """One printable line per action that has a finding: the governance meeting's agenda.

        Actions without findings are left out; the Summary counts them and the full copy
        shows them, and leaving them out keeps the printout to what needs discussing.
        """
        grid, hmap = self.checked.grid, self.checked.header
        tracker = self.checked.tracker
        picks = [k for k in tracker.printed_columns if k in hmap.columns]
        heads = [("Row", 6)] + [(tracker.by_key[k].title, min(tracker.by_key[k].width, 22))
                                for k in picks] + [("Audit result", 14)]
        # The findings take what is left of a page printed at 70% or more (PRINT_WIDTH).
        heads.append(("Findings", max(40, PRINT_WIDTH - sum(w for _, w in heads))))
        ws = self.table("Action review", heads, len(self.by_row))
        # Each column's source, kind and format, and how much text fits before it wraps:
        # text is written as write_value writes it, without asking for each cell.
        columns = []
        for c, key in enumerate(picks, start=1):
            kind = Kind.LONG_TEXT if key == "title" else tracker.by_key[key].kind
            columns.append((c, hmap.columns[key], kind, self.fmt(kind=kind),
                            kind in (Kind.LONG_TEXT, None), self.rows.chars(c)))
        hidden, put, fit = self.checked.hidden, ws._write_string, self.rows.fit
        r = 0
        for excel_row in sorted(self.by_row):
            if excel_row - 1 in hmap.not_entries or excel_row > len(grid.rows):
                continue  # the header's own findings (a missing column) are not an action's
            values = grid.rows[excel_row - 1]
            found = self.by_row[excel_row]
            r += 1
            ws._write_number(r, 0, excel_row, self.centred)
            for c, col, kind, fmt, wrapped, chars in columns:
                value = values[col] if col < len(values) else None
                if hidden:
                    value = hidden.get((excel_row - 1, col), value)
                if value.__class__ is not str:
                    self.write_value(ws, r, c, value, kind)
                elif value and not value.isspace():
                    if value.startswith(FORMULA_TRIGGERS):
                        self.kit.text(ws, r, c, value, fmt)
                    else:
                        put(r, c, value, fmt)
                    if wrapped and (len(value) > chars or "\n" in value):
                        fit(r, c, value)
            self.row_status(ws, r, len(picks) + 1, found)
            self.rows.settle(ws, r)
        if r == 0:
            ws.write_string(1, 0, "No action has a finding.")
        self.end_table(ws, r, len(heads))

    def print_setup(self, ws, repeat: tuple[int, int] | None = None, paper: int = A4) -> None:
        """Auditors print these for governance meetings; each page names the workbook audited.

        A4 landscape, with the service, tracker and audit date at the top of every page.
        """
        print_setup(ws, repeat=repeat, paper=paper, footer=Path(self.report.path).name[:80])
        ws.set_header(page_header(headline.who(self.report, self.checked.policy),
                                  self.checked.tracker.title, self.report.as_of))
        ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)


class _Columns:
    """The returned sheet's columns, as its rows are written: each one's kind, its format
    for a cell without a finding, whether its text wraps and how many characters fit."""

    def __init__(self, builder: _AuditBuilder, kinds: list):
        self.kinds = kinds
        self.plain = [builder.fmt(kind=kind) for kind in kinds]
        self.date = builder.fmt(kind=Kind.DATE)
        self.wrapped = [kind in (Kind.LONG_TEXT, None) for kind in kinds]
        self.chars = [builder.rows.chars(c) for c in range(len(kinds))]


def _copy_sheet_name(name: str, taken: set[str]) -> str:
    """A name Excel accepts for the copy of the returned sheet, which came from another tool
    and may be too long, hold characters Excel forbids, or match one of ours in another case."""
    clean = re.sub(r"[\[\]:*?/\\]", "_", printable(name))[:31].strip("'") or "Returned sheet"
    if clean.casefold() in {t.casefold() for t in taken}:
        clean = clean[:20] + " (returned)"
    return clean


def _worst(found: list[Finding] | None) -> Severity | None:
    """The most serious severity in ``found`` (None for none), by Severity.rank: an error,
    else an escalation, else a warning. Told apart by identity, not by rank, as it runs
    for every flagged cell and row and the rank is a dictionary lookup on an enum."""
    worst = None
    for f in found or ():
        severity = f.severity
        if severity is Severity.ERROR:
            return severity
        if worst is None or severity is Severity.ESCALATION:
            worst = severity
    return worst


def _counts(found: list[Finding]) -> str:
    return severity_counts(found) or "No problems"


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while the audit is written, as it was after.

    Writing allocates a tuple or two per cell, half a million for a 10,000-row return, and
    each allocation count past the collector's threshold makes it walk the objects alive,
    most of them the checked workbook's, which none of this frees: 0.3 s of a 3 s audit
    (issue 16). Memory freed by reference counting, nearly all of it here, is freed as
    usual. The command line sets the collector up for the whole process (cli/__init__.py);
    this covers a library caller, whose setting is back as it was when the audit is done.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def write_audit_file(checked: CheckedWorkbook, out: str | Path) -> Path:
    """Write the audit workbook for ``checked`` to ``out`` atomically."""
    out = Path(out)
    with collector_paused(), output_workbook(out, f"Audit of {Path(checked.report.path).name}",
                         checked.report.as_of,
                         marks=output_marks(AUDIT, checked.report.as_of)) as workbook:
        builder = _AuditBuilder(workbook, checked)
        builder.summary()
        write_review_pack(workbook, builder, checked.report)
        if checked.grid is not None:
            builder.returned_sheet()
        builder.findings_sheet()
        if checked.report.comparison is not None:
            write_changes_sheet(builder, checked.report.comparison)
        builder.escalations_sheet()
        if checked.grid is not None:
            builder.action_review_sheet()
    return out


__all__ = ["write_audit_file"]

