"""The audit workbook's "Review pack" sheet: the s12 and s21 answers and trends, printable.

It only lays out the ReviewPack the tracker computed (tracker_tool/review.py), so the sheet,
the JSON report and the batch roll-up cannot disagree. Charts are native Excel charts that
read their numbers from the tables beside them, so a reader can check any bar against a cell.
Owner names, action IDs, themes and risk IDs come from the returned workbook, so every cell
goes through the writer kit (write/kit.py) that the audit it belongs to writes with.
"""

from __future__ import annotations

from math import ceil
from pathlib import Path

from tracker_tool.core.findings import Severity
from tracker_tool.write import styles
from tracker_tool.write.changes_sheet import write_figure_changes
from tracker_tool.write.layout import RowHeights

SHEET = "Review pack"
#: Column widths: A holds the labels; B-E the counts; F the verdicts; G the long text.
_WIDTHS = (34, 11, 11, 11, 11, 16, 44)
_LAST = len(_WIDTHS) - 1
#: XlsxWriter's default row, in pixels: used to reserve rows under a chart.
_ROW_PX = 20
#: Default rows that fit on a landscape A4 page under the repeated title rows (about 31.8),
#: rounded down: a chart block that would pass this starts a new page instead.
_PAGE_ROWS = 31
#: One colour per status in the tracker's order (not started ... closed), chosen to step
#: from light to dark so the stacks still separate when printed in greyscale.
_STACK = ("#D9D9D9", "#9DC3E6", "#C55A11", "#70AD47", "#375623", "#7F7F7F", "#C00000")
_BAR = "#8EA9DB"
#: Owners drawn in the bar chart (busiest first); the table beside it lists every owner.
_CHART_OWNERS = 15
_NO_OVERDUE = "No overdue actions on the audit date."


def _px(width: float) -> int:
    """Column width in pixels as XlsxWriter converts it (7 px a character plus padding)."""
    return int(width * 7 + 0.5) + 5


def _count_axis(largest: int) -> dict:
    """Whole-number steps: half an overdue action on an axis reads as nonsense."""
    return {"min": 0, "major_unit": max(1, -(-largest // 8)), "num_format": "0",
            "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}}


class _Sheet:
    """A cursor down the sheet that writes tables, keeps row heights and places charts."""

    def __init__(self, workbook, builder, report):
        self.wb, self.report, self.pack = workbook, report, report.review
        self.ws = workbook.add_worksheet(SHEET)
        for c, width in enumerate(_WIDTHS):
            self.ws.set_column(c, c, width)
        self.rows = RowHeights(dict(enumerate(_WIDTHS)))
        self.breaks: list[int] = []
        self.r = self.page_top = 0
        self.kit = builder.kit
        add = self.kit.format
        self.header = builder.header
        self.header_count = add(styles.HEADER, align="center")
        self.text = add(styles.WRAP)
        self.count = add(styles.TOP, align="center")
        self.section = add(bold=True, font_size=12, font_color="#1F4E79", bottom=2,
                           bottom_color="#1F4E79")
        self.note = add(styles.SUBTITLE, styles.WRAP)
        self.verdicts = {True: builder.fmt(ok=True, bold=True),
                         False: builder.fmt(severity=Severity.ERROR, bold=True),
                         None: builder.fmt(bold=True)}
        self.rate = add(styles.BIG_NUMBER, num_format='0.0"%"')

    # -- cells ------------------------------------------------------------------------------
    def put(self, r: int, c: int, value, fmt=None, last: int | None = None) -> None:
        """Write one cell, or a merged span to ``last``; text grows the row to fit."""
        last = c if last is None else last
        fmt = fmt or self.text
        if last > c:
            self.ws.merge_range(r, c, r, last, "", self.kit.format_for(value, fmt))
        self.kit.value(self.ws, r, c, value, fmt)
        if isinstance(value, str):
            self.rows.fit(r, c, value, last)

    def heads(self, spans: list[tuple[str, int, int]], counts: tuple[int, ...] = ()) -> None:
        """A header row; the ``counts`` columns are centred over their centred numbers."""
        for title, first, last in spans:
            fmt = self.header_count if first in counts else self.header
            self.put(self.r, first, title, fmt, last)
        self.r += 1

    def title(self, text: str, new_page: bool = False) -> None:
        """A section heading; ``new_page`` starts it on a fresh printed page.

        The charts get pages of their own so a page break never cuts one in half.
        """
        self.r += 1
        if new_page:
            self.breaks.append(self.r)
            self.page_top = self.r
        self.ws.write_string(self.r, 0, text, self.section)
        self.ws.set_row(self.r, 20)
        self.r += 1

    def fits(self, rows: int) -> bool:
        """Whether ``rows`` more default rows still fit on the page begun at the last break."""
        return self.r + rows - self.page_top <= _PAGE_ROWS

    def chart_rows(self, height: int) -> int:
        return ceil(height / _ROW_PX) + 1

    def place(self, chart, row: int, col: int, width: int, height: int) -> int:
        """Insert a chart; returns the first row clear of it."""
        chart.set_size({"width": width, "height": height})
        chart.set_chartarea({"border": {"none": True}})
        self.ws.insert_chart(row, col, chart, {"x_offset": 12, "y_offset": 4,
                                               "object_position": 3})
        return row + self.chart_rows(height + 4)

    def finish(self) -> None:
        self.rows.apply(self.ws)
        self.ws.set_h_pagebreaks(self.breaks)

    # -- sections ---------------------------------------------------------------------------
    def top(self) -> None:
        rep = self.report
        workbook = Path(rep.path).name
        who = rep.service.name if rep.service is not None else workbook
        self.kit.text(self.ws, 0, 0, f"Review pack: {who}", self.kit.format(styles.TITLE))
        self.ws.set_row(0, 24)
        self.put(1, 0, f"Audit date {rep.as_of.strftime('%d/%m/%Y')} · workbook {workbook}",
                 self.kit.format(styles.SUBTITLE), _LAST)
        self.r = 2

    def audit_questions(self) -> None:
        self.title("Quarterly audit (s21)")
        self.heads([("Question", 0, 0), ("Policy", 1, 1), ("Figure", 2, 4), ("Verdict", 5, 5),
                    ("How it is judged", 6, 6)])
        for answer in self.pack.audit_questions:
            self.put(self.r, 0, answer.question)
            self.put(self.r, 1, answer.clause)
            self.put(self.r, 2, answer.figure, last=4)
            self.put(self.r, 5, answer.verdict, self.verdicts[answer.met])
            self.put(self.r, 6, answer.detail)
            self.r += 1

    def since_last_time(self, builder) -> None:
        """Each figure now, last time and the change, when audited with the previous return:
        the trend the quarterly audit asks for (s21), laid out as the Summary lays it out."""
        comparison = self.report.comparison
        if comparison is None or not comparison.figures:
            return
        self.title("Now and last time")
        self.r = write_figure_changes(builder, self.ws, self.r, comparison) - 1

    def monthly_review(self) -> None:
        self.title("Monthly review (s12)")
        self.heads([("What to look at", 0, 0), ("Policy", 1, 1), ("Count", 2, 2),
                    ("Actions", 3, _LAST)], counts=(2,))
        for item in self.pack.monthly_review:
            self.put(self.r, 0, item.label)
            self.put(self.r, 1, item.clause)
            self.put(self.r, 2, len(item.actions), self.count)
            self.put(self.r, 3, ", ".join(item.actions) or "None", last=_LAST)
            self.r += 1

    def reviews(self) -> None:
        """The record of reviews held (the Reviews sheet): per review the source asks for,
        how often, how many were held, the last one and the windows that had none."""
        lines = self.pack.reviews
        if lines is None:
            return
        self.title("Reviews held")
        if not lines:
            self.put(self.r, 0, "The workbook has no Reviews sheet, so no review held can be "
                                "shown.", self.note, _LAST)
            self.r += 1
            return
        self.heads([("Review", 0, 0), ("Policy", 1, 1), ("How often", 2, 3), ("Held", 4, 4),
                    ("Last held", 5, 5), ("Windows with none", 6, 6)], counts=(4,))
        for line in lines:
            self.put(self.r, 0, line.name)
            self.put(self.r, 1, line.clause)
            self.put(self.r, 2, line.every, last=3)
            self.put(self.r, 4, line.held, self.count)
            self.put(self.r, 5, line.last or "Never")
            self.put(self.r, 6, ", ".join(line.missed) or "None",
                     self.verdicts[not line.missed])
            self.r += 1

    def on_time(self) -> None:
        pack = self.pack
        self.title("On-time closure")
        rate = pack.on_time_closure_rate
        if rate is None:
            self.put(self.r, 0, "n/a", self.rate)
            why = "No completed action has both a completion date and a due date to judge by."
        else:
            self.put(self.r, 0, rate, self.rate)
            why = (f"{pack.closed_on_time} of {pack.closed_with_dates} completed actions with "
                   "both dates were finished by their original (or only) due date.")
        self.put(self.r, 1, why, last=_LAST)
        self.ws.set_row(self.r, 24)
        self.r += 1

    def two_column(self, heading: str, head: str, rows: list[tuple[str, int]],
                   new_page: bool = False) -> int:
        """A label | count table in A:B; returns its first data row."""
        self.title(heading, new_page)
        self.heads([(head, 0, 0), ("Overdue", 1, 1)], counts=(1,))
        first = self.r
        for label, count in rows:
            self.put(self.r, 0, label)
            self.put(self.r, 1, count, self.count)
            self.r += 1
        return first

    def bar_beside(self, kind: str, title: str, rows: list[tuple[str, int]], first: int,
                   height: int) -> None:
        """A one-series chart of the A:B table starting at ``first``, to its right.

        With nothing to draw, a note takes the chart's place: an empty chart looks broken.
        """
        if not any(n for _, n in rows):
            self.put(first, 2, _NO_OVERDUE, self.note, _LAST)
            return
        last = first + len(rows) - 1
        chart = self.wb.add_chart({"type": kind})
        chart.add_series({"name": [SHEET, first - 1, 1],
                          "categories": [SHEET, first, 0, last, 0],
                          "values": [SHEET, first, 1, last, 1], "fill": {"color": _BAR},
                          "data_labels": {"value": True}, "gap": 60})
        chart.set_title({"name": title, "name_font": {"size": 11}})
        chart.set_legend({"none": True})
        counts = _count_axis(max(n for _, n in rows))
        if kind == "bar":
            # Busiest owner on top, as in the table, with the count axis kept at the bottom.
            chart.set_y_axis({"reverse": True, "crossing": "max"})
            chart.set_x_axis(counts)
        else:
            chart.set_y_axis(counts)
        width = sum(_px(w) for w in _WIDTHS[2:]) - 40
        self.r = max(self.r, self.place(chart, first - 1, 2, width, height))

    def overdue(self) -> None:
        pack = self.pack
        owners = pack.overdue_by_owner
        first = self.two_column("Overdue by owner", "Owner", owners, new_page=True)
        if owners:
            shown = owners[:_CHART_OWNERS]
            title = "Overdue actions by owner"
            if len(owners) > len(shown):
                title += f" (the {len(shown)} with most)"
            self.bar_beside("bar", title, shown, first, max(200, 80 + 30 * len(shown)))
        else:
            self.put(self.r, 0, _NO_OVERDUE, self.note, _LAST)
            self.r += 1
        height = 220
        block = 2 + max(len(pack.ageing) + 1, self.chart_rows(height + 4))
        first = self.two_column("Ageing of overdue actions", "Days past due", pack.ageing,
                                new_page=not self.fits(block))
        if pack.ageing:
            self.bar_beside("column", "Overdue actions by days past due", pack.ageing, first,
                            height)

    def status_by_priority(self) -> None:
        grid = self.pack.status_by_priority
        priorities = list(grid)
        statuses = list(dict.fromkeys(s for counts in grid.values() for s in counts))
        self.title("Status by priority", new_page=True)
        self.heads([("Status", 0, 0)] + [(p, 1 + i, 1 + i) for i, p in enumerate(priorities)]
                   + [("All", 1 + len(priorities), 1 + len(priorities))],
                   counts=tuple(range(1, len(priorities) + 2)))
        head, first = self.r - 1, self.r
        for status in statuses:
            self.put(self.r, 0, status)
            counts = [grid[p].get(status, 0) for p in priorities]
            for i, n in enumerate(counts):
                self.put(self.r, 1 + i, n, self.count)
            self.put(self.r, 1 + len(priorities), sum(counts), self.count)
            self.r += 1
        last = self.r - 1
        if not any(n for counts in grid.values() for n in counts.values()):
            self.put(self.r, 0, "No action has a status yet.", self.note, _LAST)
            self.r += 1
            return
        chart = self.wb.add_chart({"type": "column", "subtype": "stacked"})
        for i, r in enumerate(range(first, last + 1)):
            chart.add_series({"name": [SHEET, r, 0],
                              "categories": [SHEET, head, 1, head, len(priorities)],
                              "values": [SHEET, r, 1, r, len(priorities)],
                              "fill": {"color": _STACK[i % len(_STACK)]},
                              "border": {"color": "#FFFFFF"}, "gap": 60})
        chart.set_title({"name": "Actions by priority and status", "name_font": {"size": 11}})
        chart.set_y_axis(_count_axis(max(sum(c.values()) for c in grid.values())))
        chart.set_legend({"position": "right"})
        self.r = self.place(chart, self.r, 0, 640, 280)

    def themes(self) -> None:
        self.title("Repeated themes")
        self.heads([("Theme", 0, 0), ("Actions", 1, 1), ("On risk register", 2, 2),
                    ("Risk register entries", 3, _LAST)], counts=(1,))
        for theme in self.pack.repeated_themes:
            self.put(self.r, 0, theme.theme)
            self.put(self.r, 1, theme.actions, self.count)
            self.put(self.r, 2, "Yes" if theme.linked_risks else "No",
                     self.verdicts[bool(theme.linked_risks)])
            self.put(self.r, 3, ", ".join(theme.linked_risks) or "None", last=_LAST)
            self.r += 1
        if not self.pack.repeated_themes:
            self.put(self.r, 0, "No theme was raised often enough to count as repeated.",
                     self.note, _LAST)
            self.r += 1


def write_review_pack(workbook, builder, report) -> None:
    """Add the Review pack sheet; trackers without a review pack get no sheet.

    ``builder`` is the audit writer's builder, for its kit, its formats and its print set-up.
    """
    if report.review is None:
        return
    sheet = _Sheet(workbook, builder, report)
    sheet.top()
    if report.review.reviews_only:
        sheet.reviews()
        sheet.finish()
        builder.print_setup(sheet.ws, repeat=(0, 1))
        return
    sheet.audit_questions()
    sheet.on_time()
    sheet.since_last_time(builder)
    sheet.monthly_review()
    sheet.reviews()
    sheet.overdue()
    sheet.status_by_priority()
    sheet.themes()
    sheet.finish()
    builder.print_setup(sheet.ws, repeat=(0, 1))


__all__ = ["SHEET", "write_review_pack"]
