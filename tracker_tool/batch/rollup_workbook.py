"""Write the batch roll-up workbook: one row per return, the league table, themes and charts.

Everything a return can put in here (service and provider names, file names, reasons) is
untrusted, so text goes through the writer kit (write/kit.py): string cells only, quote-prefixed
when a spreadsheet could take them for a formula, in a workbook with string conversions off. The
charts are native Excel charts over the tables, so they stay live if a reader filters or edits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracker_tool.batch.rollup import (
    CLOSURE_RATE,
    EFFECTIVENESS,
    OVERDUE,
    RISK_EXPLAINED,
    action_themes,
    labels,
    STAFF_KINDS_NAMED,
    league_table,
    risk_parts,
    staff_records,
    themes,
    totals,
    trend_now,
)
from tracker_tool.batch.services import ServiceMatch, describe
from tracker_tool.batch.summary import WorkbookSummary
from tracker_tool.core.outputs import ROLLUP, output_marks
from tracker_tool.core.wording import plural
from tracker_tool.write import styles
from tracker_tool.write.kit import Kit, filter_rows, output_workbook, print_setup
from tracker_tool.write.layout import RowHeights, row_height
from tracker_tool.write.report_paper import fit_or_scale, page_header

GONE_SHEET = "Not returned now"
STAFF_SHEET = "Staff records"
#: The league table's trends (batch --previous): each measure, and whether up is better.
TRENDS = (("errors", False), (OVERDUE, False), (CLOSURE_RATE, True), ("escalations", False))
TREND_HEADS = [("Last time's return", 30), ("Errors last time", 9), ("Errors change", 9),
               ("Overdue last time", 9), ("Overdue change", 9),
               ("On-time closure last time", 10), ("On-time closure change", 10),
               ("Escalations not made last time", 11), ("Escalations change", 11),
               ("Changes since last time", 10)]
CHART_ROWS = 15  # the charts show the fifteen riskiest returns and the top themes
_SHOWN_FIGURES = {"actions", OVERDUE, CLOSURE_RATE, EFFECTIVENESS}


@dataclass(frozen=True)
class BatchFacts:
    """The batch as a whole, for the Summary sheet's header."""

    as_of: date
    summaries: list[WorkbookSummary]
    services: ServiceMatch | None = None
    #: With --previous: the pairing (PreviousMatch), and a callable giving each workbook with
    #: its changes, read back from the cache one workbook at a time.
    previous: object | None = None
    changes: object | None = None
    #: With --include-staff-records staff records are ranked; otherwise listed apart.
    include_staff: bool = False


class _Sheets:
    def __init__(self, wb, facts: BatchFacts):
        self.wb, self.facts = wb, facts
        self.kit = Kit(wb)
        self.rows = RowHeights()  # of the table being written
        f = self.kit.format
        self.header = f(styles.HEADER)
        self.top = f(styles.TOP)
        self.wrap = f(styles.WRAP)
        self.percent = f(styles.TOP, num_format='0"%"')
        self.link = f(font_color="#0563C1", underline=1, valign="top")
        self.fills = {name: f(styles.TOP, bg_color=colour, bold=True)
                      for name, colour in (("error", styles.ERROR_FILL),
                                           ("escalation", styles.ESCALATION_FILL),
                                           ("warning", styles.WARNING_FILL),
                                           ("ok", styles.OK_FILL))}
        self.change_formats = {"worse": f(styles.TOP, font_color="#C00000", bold=True,
                                          num_format="+0;-0;0"),
                               "better": f(styles.TOP, font_color="#375623",
                                           num_format="+0;-0;0"),
                               "same": f(styles.TOP, num_format="+0;-0;0")}
        self.league = league_table(facts.summaries, facts.include_staff)
        self.themes = themes(facts.summaries)
        extra = {}
        for s in facts.summaries:
            for key, label, _ in s.figures:
                if key not in _SHOWN_FIGURES:
                    extra.setdefault(key, label)
        self.extra_figures = extra

    # -- writing cells ---------------------------------------------------------------------
    def text(self, ws, r: int, c: int, value, wrap: bool = False) -> None:
        """Untrusted text, left out when there is none; wrapped text grows its row."""
        value = "" if value is None else str(value)
        if not value:
            return
        self.kit.text(ws, r, c, value, self.wrap if wrap else self.top)
        if wrap:
            self.rows.fit(r, c, value)

    def number(self, ws, r: int, c: int, value, fmt=None) -> None:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            ws.write_number(r, c, value, fmt or self.top)

    def table(self, name: str, heads: list[tuple[str, float]]):
        """A table sheet; the first column (which return) stays in view beside the figures."""
        ws = self.wb.add_worksheet(name)
        self.rows = RowHeights({c: w for c, (_, w) in enumerate(heads)})
        self.kit.table(ws, heads, self.header, freeze_cols=1)
        self.print_setup(ws)
        fit_or_scale(ws, [w for _, w in heads])  # too wide to fit legibly: 70%, many pages
        return ws

    def end_table(self, ws, rows: int, cols: int) -> None:
        self.rows.apply(ws, skip={0})
        filter_rows(ws, rows, cols)

    def print_setup(self, ws) -> None:
        print_setup(ws, footer=f"Batch roll-up as of {self.facts.as_of.strftime('%d/%m/%Y')}")
        ws.set_header(page_header("Tracker returns: batch roll-up", ws.name, self.facts.as_of))
        ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)

    def result(self, ws, r: int, c: int, s: WorkbookSummary) -> None:
        if not s.readable:
            ws.write_string(r, c, "Not read", self.fills["error"])
        elif s.has_errors:
            ws.write_string(r, c, "Errors", self.fills["error"])
        elif s.escalations:
            ws.write_string(r, c, "To escalate", self.fills["escalation"])
        elif s.warnings:
            ws.write_string(r, c, "Warnings", self.fills["warning"])
        else:
            ws.write_string(r, c, "No problems", self.fills["ok"])

    # -- the sheets ------------------------------------------------------------------------
    def workbooks(self) -> None:
        heads = [("Workbook", 36), ("Service", 24), ("Provider", 22), ("CQC location ID", 14),
                 ("Tracker kind", 13), ("Template version", 10), ("Result", 12),
                 ("Actions", 9), ("Errors", 8), ("Escalations not made", 11),
                 ("Warnings", 9), ("Overdue actions", 9), ("On-time closure rate", 10),
                 ("Effectiveness checks outstanding", 14), ("Return checks", 50),
                 ("Audit workbook", 30), ("Could not be read because", 50)]
        heads += [(label, 12) for label in self.extra_figures.values()]
        ws = self.table("Workbooks", heads)
        ws.set_paper(8)  # A3: one row per return is wide
        for r, s in enumerate(self.facts.summaries, start=1):
            self.text(ws, r, 0, s.workbook)
            if s.service:
                self.text(ws, r, 1, s.service.name)
                self.text(ws, r, 2, s.service.provider)
                self.text(ws, r, 3, s.service.location_id)
            self.text(ws, r, 4, s.kind)
            self.text(ws, r, 5, s.template_version)
            self.result(ws, r, 6, s)
            if s.readable:
                for c, value in ((7, s.actions), (8, s.errors), (9, s.escalations),
                                 (10, s.warnings), (11, s.figure(OVERDUE)),
                                 (13, s.figure(EFFECTIVENESS))):
                    self.number(ws, r, c, value)
                self.number(ws, r, 12, s.figure(CLOSURE_RATE), self.percent)
            checks = "\n".join(f"[{f.severity.value}] {f.message}" for f in s.checks)
            self.text(ws, r, 14, checks, wrap=True)
            if s.audit and ws.write_url(r, 15, "external:" + s.audit, self.link,
                                        string=s.audit) < 0:
                self.text(ws, r, 15, s.audit)  # too long for a link
            self.text(ws, r, 16, s.reason, wrap=True)
            for c, key in enumerate(self.extra_figures, start=17):
                self.number(ws, r, c, s.figure(key))
        self.end_table(ws, len(self.facts.summaries), len(heads))

    def league_sheet(self) -> None:
        heads = [("Rank", 6), ("Service or workbook", 30), ("Provider", 22), ("Risk score", 9),
                 ("Escalations not made", 11), ("Overdue actions", 9), ("Errors", 8),
                 ("Effectiveness checks outstanding", 14), ("Warnings", 9),
                 ("On-time closure rate", 10), ("Result", 12), ("Workbook", 36)]
        trends = self.facts.previous is not None
        if trends:
            heads += TREND_HEADS
        ws = self.table("League table", heads)
        for r, entry in enumerate(self.league, start=1):
            s = entry.summary
            ws.write_number(r, 0, entry.rank, self.top)
            self.text(ws, r, 1, entry.label)
            self.text(ws, r, 2, s.service.provider if s.service else "")
            if s.readable:
                parts = risk_parts(s)
                for c, value in ((3, entry.score), (4, parts["escalations"]),
                                 (5, parts["overdue"]), (6, parts["errors"]),
                                 (7, parts["effectiveness"]), (8, s.warnings)):
                    self.number(ws, r, c, value)
                self.number(ws, r, 9, s.figure(CLOSURE_RATE), self.percent)
            self.result(ws, r, 10, s)
            self.text(ws, r, 11, s.workbook)
            if trends:
                self.trend(ws, r, 12, s)
        self.end_table(ws, len(self.league), len(heads))
        r = len(self.league) + 2
        ws.merge_range(r, 1, r, 10, RISK_EXPLAINED, self.wrap)
        ws.set_row(r, row_height(2))

    def trend(self, ws, r: int, c: int, s: WorkbookSummary) -> None:
        """Last time and the change beside each of errors, overdue, on-time closure and
        escalations (batch --previous); blank where there was no previous return to compare."""
        before = s.previous or {}
        self.text(ws, r, c, before.get("workbook"))
        if not s.readable or "errors" not in before:
            return
        now = trend_now(s)
        for i, (key, up_is_better) in enumerate(TRENDS):
            was, is_now = before.get(key), now[key]
            col = c + 1 + 2 * i
            self.number(ws, r, col, was, self.percent if key == CLOSURE_RATE else None)
            if isinstance(was, (int, float)) and isinstance(is_now, (int, float)):
                change = round(is_now - was, 1)
                way = "same" if change == 0 else (
                    "better" if (change > 0) == up_is_better else "worse")
                ws.write_number(r, col + 1, change, self.change_formats[way])
        self.number(ws, r, c + 1 + 2 * len(TRENDS), before.get("changes"))

    def changes_sheet(self) -> None:
        """Every change finding across services, each linked to the audit that shows it."""
        heads = [("Service or workbook", 30), ("Action ID", 10), ("Code", 26), ("Severity", 9),
                 ("Cell", 16), ("Column", 18), ("Last time", 20), ("Now", 20),
                 ("Audit workbook", 34)]
        ws = self.table("Changes", heads)
        shown, r = labels(self.facts.summaries), 0
        for s, changes in self.facts.changes() if self.facts.changes else ():
            for change in changes:
                r += 1
                self.text(ws, r, 0, shown[s.workbook])
                self.text(ws, r, 1, change.get("action_id"))
                ws.write_string(r, 2, change["code"], self.top)
                ws.write_string(r, 3, change["severity"],
                                self.fills.get(change["severity"], self.top))
                if change.get("cell"):
                    self.text(ws, r, 4, f"{change.get('sheet')}!{change['cell']}")
                self.text(ws, r, 5, change.get("column"))
                self.text(ws, r, 6, change.get("previous_value"), wrap=True)
                self.text(ws, r, 7, change.get("value"), wrap=True)
                if s.audit and ws.write_url(r, 8, f"external:{s.audit}#'Changes'!A1", self.link,
                                            string=s.audit) < 0:
                    self.text(ws, r, 8, s.audit)  # too long for a link
        if r == 0:
            ws.write_string(1, 0, "No change since last time breaks a rule.")
        self.end_table(ws, r, len(heads))

    def gone_sheet(self) -> None:
        """Last time's returns with no return this time: a service that stopped returning."""
        gone = self.facts.previous.gone
        heads = [("Service or workbook", 30), ("Provider", 24), ("CQC location ID", 14),
                 ("Last time's workbook", 44), ("Note", 50)]
        ws = self.table(GONE_SHEET, heads)
        for r, item in enumerate(gone, start=1):
            self.text(ws, r, 0, item.name)
            if item.service:
                self.text(ws, r, 1, item.service.provider)
                self.text(ws, r, 2, item.service.location_id)
            self.text(ws, r, 3, item.label, wrap=True)
            self.text(ws, r, 4, item.problem, wrap=True)
        if not gone:
            ws.write_string(1, 0, "Every return of last time has a return this time.")
        self.end_table(ws, len(gone), len(heads))

    def staff_sheet(self) -> None:
        """Staff records kept out of the league table, each with its counts, so they are
        seen without being ranked beside services."""
        found = staff_records(self.facts.summaries)
        heads = [("Service or workbook", 30), ("Tracker", 22), ("Actions", 9), ("Errors", 8),
                 ("Escalations not made", 11), ("Warnings", 9), ("Result", 12),
                 ("Workbook", 40)]
        ws = self.table(STAFF_SHEET, heads)
        shown = labels(self.facts.summaries)
        for r, s in enumerate(found, start=1):
            self.text(ws, r, 0, shown[s.workbook])
            self.text(ws, r, 1, s.kind)
            for c, value in ((2, s.actions), (3, s.errors + s.check_errors),
                             (4, s.escalations), (5, s.warnings)):
                self.number(ws, r, c, value)
            self.result(ws, r, 6, s)
            self.text(ws, r, 7, s.workbook)
        self.end_table(ws, len(found), len(heads))
        r = len(found) + 2
        ws.merge_range(r, 0, r, 6, f"{plural(len(found), 'staff record')} kept out of the league "
                       f"table: {STAFF_KINDS_NAMED} are about named members of staff. "
                       "batch --include-staff-records ranks them with the services.", self.wrap)
        ws.set_row(r, row_height(2))

    def themes_sheet(self) -> None:
        heads = [("Code", 26), ("Finding", 36), ("Severity", 10), ("Returns with it", 10),
                 ("Share of returns read", 10), ("Times found", 9), ("Where", 70)]
        ws = self.table("Themes", heads)
        read = max(sum(s.readable for s in self.facts.summaries), 1)
        share = self.kit.format(styles.TOP, num_format="0%")
        for r, theme in enumerate(self.themes, start=1):
            ws.write_string(r, 0, theme.code, self.top)
            ws.write_string(r, 1, theme.title, self.fills.get(theme.severity, self.top))
            ws.write_string(r, 2, theme.severity, self.top)
            ws.write_number(r, 3, theme.workbooks, self.top)
            ws.write_number(r, 4, theme.workbooks / read, share)
            ws.write_number(r, 5, theme.occurrences, self.top)
            self.text(ws, r, 6, ", ".join(theme.names), wrap=True)
        if not self.themes:
            ws.write_string(1, 0, "No finding occurs in more than one return.")
        self.end_table(ws, len(self.themes), len(heads))

    def action_themes_sheet(self) -> None:
        """The subjects services keep raising actions about, e.g. medication in most homes."""
        found = action_themes(self.facts.summaries)
        heads = [("Theme", 28), ("Returns with it", 10), ("Actions", 9), ("Where", 80)]
        ws = self.table("Action themes", heads)
        for r, theme in enumerate(found, start=1):
            self.text(ws, r, 0, theme.theme)
            ws.write_number(r, 1, theme.workbooks, self.top)
            ws.write_number(r, 2, theme.actions, self.top)
            self.text(ws, r, 3, ", ".join(theme.names), wrap=True)
        if not found:
            ws.write_string(1, 0, "No action theme appears in more than one return.")
        self.end_table(ws, len(found), len(heads))

    def services_sheet(self) -> None:
        match = self.facts.services
        heads = [("Service", 26), ("Provider", 24), ("CQC location ID", 14), ("Returned", 10),
                 ("Workbooks stamped as this service", 44),
                 ("Filed under its name, stamped otherwise or not read", 44)]
        ws = self.table("Services", heads)
        missing = {s.location_id for s in match.not_returned}
        for r, service in enumerate(match.services, start=1):
            self.text(ws, r, 0, service.name)
            self.text(ws, r, 1, service.provider)
            self.text(ws, r, 2, service.location_id)
            returned = service.location_id not in missing
            ws.write_string(r, 3, "Yes" if returned else "No",
                            self.fills["ok" if returned else "error"])
            stamped = "\n".join(match.returned.get(service.location_id, []))
            filed = "\n".join(match.filed_under.get(service.location_id, []))
            self.text(ws, r, 4, stamped, wrap=True)
            self.text(ws, r, 5, filed, wrap=True)
        self.end_table(ws, len(match.services), len(heads))

    def summary(self) -> None:
        ws = self.wb.add_worksheet("Summary")
        ws.set_column(0, 0, 44)
        ws.set_column(1, 1, 12)
        ws.set_column(2, 2, 60)
        label = self.kit.format(styles.LABEL)
        big = self.kit.format(styles.BIG_NUMBER)
        ws.write_string(0, 0, "Tracker returns: batch roll-up", self.kit.format(styles.TITLE))
        ws.write_string(1, 0, f"As of {self.facts.as_of.strftime('%d/%m/%Y')}",
                        self.kit.format(styles.SUBTITLE))
        t = totals(self.facts.summaries)
        rows = [("Workbooks in the batch", t.workbooks), ("Read and checked", t.read),
                ("Could not be read", t.not_read), ("With errors or not read", t.with_errors),
                ("Actions checked", t.actions), ("Errors", t.errors),
                ("Escalations not made", t.escalations), ("Overdue actions", t.overdue),
                ("Effectiveness checks outstanding", t.effectiveness), ("Warnings", t.warnings)]
        match = self.facts.services
        before = self.facts.previous
        if before is not None:
            rows += [("Compared with last time's return", len(before.pairs)),
                     ("Changes since last time breaking a rule",
                      sum((s.previous or {}).get("changes", 0) for s in self.facts.summaries)),
                     ("Returned last time but not now", len(before.gone))]
        if match is not None:
            problems = sum(1 for s in self.facts.summaries if s.checks)
            rows += [("Services on the list", len(match.services)),
                     ("Services that returned a workbook", len(match.returned)),
                     ("Services with no return", len(match.not_returned)),
                     ("Returns with a return check", problems)]
        for r, (name, value) in enumerate(rows, start=3):
            ws.write_string(r, 0, name, label)
            ws.write_number(r, 1, value, big)
        r = len(rows) + 4
        if match is not None and match.not_returned:
            ws.write_string(r, 0, "No return from", label)
            missing = "\n".join(describe(s) for s in match.not_returned)
            ws.merge_range(r, 1, r, 2, "", self.wrap)
            self.kit.text(ws, r, 1, missing, self.wrap)
            ws.set_row(r, row_height(len(match.not_returned)))
            r += 2
        if before is not None and before.gone:
            ws.write_string(r, 0, "Returned last time, not now", label)
            ws.merge_range(r, 1, r, 2, "", self.wrap)
            self.kit.text(ws, r, 1, "\n".join(item.name for item in before.gone), self.wrap)
            ws.set_row(r, row_height(len(before.gone)))
            r += 2
        ws.merge_range(r, 0, r, 2, RISK_EXPLAINED, self.wrap)
        ws.set_row(r, row_height(2))
        self.charts(ws, r + 2)
        self.print_setup(ws)
        ws.activate()

    def charts(self, ws, row: int) -> None:
        """The charts under the figures, each moved to a new page where the page it would
        start on cannot hold all of it: a printout never cuts a chart in half."""
        placed = _ChartPlacer(ws, row)
        shown = min(len(self.league), CHART_ROWS)
        if shown:
            risk = self.bar_chart(
                f"Highest risk ({plural(shown, 'return')})",
                [self.series("League table", shown, 3, "Risk score", styles.ERROR_FILL,
                             border={"color": "#C00000"})],
                max(e.score or 0 for e in self.league[:shown]), 120 + 22 * shown)
            placed.insert(risk, 120 + 22 * shown)
            mix = self.bar_chart(
                "Findings by severity",
                [self.series("League table", shown, col, name, colour)
                 for col, name, colour in ((6, "Errors", "#C00000"),
                                           (4, "Escalations not made", "#ED7D31"),
                                           (8, "Warnings", "#FFC000"))],
                max(risk_parts(e.summary)["errors"] + e.summary.escalations
                    + e.summary.warnings for e in self.league[:shown]),
                140 + 22 * shown, legend={"position": "bottom"}, subtype="stacked")
            placed.insert(mix, 140 + 22 * shown)
        top = min(len(self.themes), CHART_ROWS)
        if top:
            chart = self.bar_chart(
                "Findings that recur across services",
                [self.series("Themes", top, 3, "Returns with it", "#8EA9DB")],
                self.themes[0].workbooks, 120 + 22 * top)
            placed.insert(chart, 120 + 22 * top)
        placed.finish()

    @staticmethod
    def series(sheet: str, rows: int, col: int, name: str, colour: str, **more) -> dict:
        """Column ``col`` of the first ``rows`` rows of a table, labelled by its column B."""
        return {"name": name, "categories": [sheet, 1, 1, rows, 1],
                "values": [sheet, 1, col, rows, col], "fill": {"color": colour}, **more}

    def bar_chart(self, title: str, series: list[dict], largest: int, height: int,
                  legend: dict | None = None, subtype: str | None = None):
        """A bar chart of a ranked table: the top row first, as in the table, counted in
        whole numbers."""
        chart = self.wb.add_chart({"type": "bar", **({"subtype": subtype} if subtype else {})})
        for one in series:
            chart.add_series(one)
        chart.set_title({"name": title})
        chart.set_y_axis({"reverse": True})
        chart.set_x_axis(_count_axis(largest))
        chart.set_legend(legend or {"none": True})
        chart.set_size({"width": 720, "height": height})
        return chart


class _ChartPlacer:
    """Charts down a sheet from ``row``, each starting a new printed page when the rest of
    the current one is too short for it."""

    #: Default rows (20 px) a landscape A4 page of the Summary holds, less some for its taller
    #: big-number rows (about 35 fit at the 94% it prints at).
    PAGE_ROWS = 26

    def __init__(self, ws, row: int):
        self.ws, self.row = ws, row
        self.page_top = 0
        self.breaks: list[int] = []

    def insert(self, chart, height: int) -> None:
        rows = -(-height // 20) + 2
        if self.row + rows - self.page_top > self.PAGE_ROWS:
            self.breaks.append(self.row)
            self.page_top = self.row
        self.ws.insert_chart(self.row, 0, chart)
        self.row += rows

    def finish(self) -> None:
        if self.breaks:
            self.ws.set_h_pagebreaks(self.breaks)


def _count_axis(largest: int) -> dict:
    """Whole-number steps: half an escalation on an axis reads as nonsense."""
    return {"min": 0, "major_unit": max(1, -(-largest // 8)), "num_format": "0"}


def write_rollup(facts: BatchFacts, out: str | Path, run: str | None = None) -> Path:
    """Write the roll-up workbook to ``out`` atomically and return its path; it is marked as
    our roll-up, of run ``run`` as of the audit date (core/outputs.py)."""
    out = Path(out)
    with output_workbook(out, "Batch roll-up", facts.as_of,
                         marks=output_marks(ROLLUP, facts.as_of, run)) as wb:
        sheets = _Sheets(wb, facts)
        sheets.summary()
        sheets.league_sheet()
        if not facts.include_staff and staff_records(facts.summaries):
            sheets.staff_sheet()
        sheets.workbooks()
        sheets.themes_sheet()
        sheets.action_themes_sheet()
        if facts.services is not None:
            sheets.services_sheet()
        if facts.previous is not None:
            sheets.changes_sheet()
            sheets.gone_sheet()
    return out
