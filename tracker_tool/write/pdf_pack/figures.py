"""The review figures, and beside them last time's and the change when the pack was made with
the previous return: the trend the quarterly audit asks for."""

from __future__ import annotations

from reportlab.lib.units import mm

from tracker_tool.write.pdf_pack.document import Styles, para, table


def figures_section(data, styles: Styles) -> list:
    from reportlab.platypus import KeepTogether, Paragraph

    rows = [["Figure", "Now", "What it counts"]]
    rows += [[para(label), value, para(note)] for label, value, note in data.figures]
    story = [Paragraph("Review figures", styles.h1),
             table(rows, [62 * mm, 20 * mm, 92 * mm], styles)]
    if data.trend:
        trend = [["Figure", "Now", f"Last time ({data.previous_as_of})", "Change", "Direction"]]
        trend += [[para(t.label), t.now, t.last, t.change, t.direction] for t in data.trend]
        story.append(KeepTogether([
            Paragraph(f"Since the previous return ({para(data.previous_as_of)})", styles.h2),
            table(trend, [62 * mm, 22 * mm, 34 * mm, 30 * mm, 26 * mm], styles)]))
    else:
        story.append(Paragraph("No previous return was given, so there is no trend: audit "
                               "with --previous to compare with last time.", styles.small))
    return story
