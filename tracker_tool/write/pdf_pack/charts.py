"""The review pack's charts as vector drawings: overdue actions by owner, their ageing, and
status by priority. A drawing is one flowable, so a chart never splits across pages."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm

from tracker_tool.core.wording import printable
from tracker_tool.write.pdf_pack.document import Styles

WIDTH = 170 * mm
_BAR = colors.HexColor("#8EA9DB")
#: The same greyscale-safe steps as the workbook's stacked chart (write/review_pack.py).
_STACK = ("#D9D9D9", "#9DC3E6", "#C55A11", "#70AD47", "#375623", "#7F7F7F", "#C00000")
_OWNERS = 15


def _step(largest: int) -> int:
    return max(1, -(-largest // 8))


def _bars(labels: list[str], values: list[int], horizontal: bool, height: float):
    from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
    from reportlab.graphics.shapes import Drawing

    drawing = Drawing(WIDTH, height)
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    chart.x, chart.y = (45 * mm, 8 * mm) if horizontal else (12 * mm, 14 * mm)
    chart.width = WIDTH - chart.x - 8 * mm
    chart.height = height - chart.y - 6 * mm
    chart.data = [list(reversed(values)) if horizontal else values]
    chart.categoryAxis.categoryNames = [printable(x)[:30] for x in
                                        (reversed(labels) if horizontal else labels)]
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = _step(max(values))
    chart.valueAxis.valueMax = max(values) + 1
    chart.bars[0].fillColor = _BAR
    chart.barLabelFormat = "%d"
    chart.barLabels.fontSize = 8
    chart.barLabels.nudge = 6
    drawing.add(chart)
    return drawing


def _stacked(grid: dict[str, dict[str, int]]):
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing

    priorities = list(grid)
    statuses = list(dict.fromkeys(s for counts in grid.values() for s in counts))
    drawing = Drawing(WIDTH, 75 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 12 * mm, 110 * mm, 58 * mm
    chart.data = [[grid[p].get(s, 0) for p in priorities] for s in statuses]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = [printable(p)[:20] for p in priorities]
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    largest = max(sum(c.values()) for c in grid.values())
    chart.valueAxis.valueStep = _step(largest)
    chart.valueAxis.valueMax = largest + 1
    swatches = []
    for i, status in enumerate(statuses):
        colour = colors.HexColor(_STACK[i % len(_STACK)])
        chart.bars[i].fillColor = colour
        chart.bars[i].strokeColor = colors.white
        swatches.append((colour, printable(status)[:28]))
    legend = Legend()
    legend.x, legend.y, legend.fontSize = 130 * mm, 66 * mm, 8
    legend.alignment = "right"
    legend.colorNamePairs = swatches
    drawing.add(chart)
    drawing.add(legend)
    return drawing


def charts_section(review, styles: Styles) -> list:
    from reportlab.platypus import KeepTogether, Paragraph

    if review is None:
        return []
    story = [Paragraph("Charts", styles.h1)]
    owners = review.overdue_by_owner[:_OWNERS]
    title = "Overdue actions by owner"
    if len(review.overdue_by_owner) > len(owners):
        title += f" (the {len(owners)} with most)"
    if owners and any(n for _, n in owners):
        height = max(45 * mm, (14 + 7 * len(owners)) * mm)
        story.append(KeepTogether([Paragraph(title, styles.h2),
                                   _bars([o for o, _ in owners], [n for _, n in owners],
                                         True, height)]))
    else:
        story.append(Paragraph("No overdue actions on the audit date.", styles.body))
    if review.ageing and any(n for _, n in review.ageing):
        story.append(KeepTogether([Paragraph("Overdue actions by days past due", styles.h2),
                                   _bars([b for b, _ in review.ageing],
                                         [n for _, n in review.ageing], False, 60 * mm)]))
    grid = review.status_by_priority
    if grid and any(n for counts in grid.values() for n in counts.values()):
        story.append(KeepTogether([Paragraph("Actions by priority and status", styles.h2),
                                   _stacked(grid)]))
    return story
