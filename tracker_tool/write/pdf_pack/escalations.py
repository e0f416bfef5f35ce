"""Overdue actions the policy says must be escalated, most overdue first, with whether the
escalation was recorded."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm

from tracker_tool.core.wording import fmt
from tracker_tool.write.pdf_pack.document import Styles, para, table


def escalations_section(data, styles: Styles) -> list:
    from reportlab.platypus import Paragraph

    story = [Paragraph("Escalations", styles.h1)]
    if data.escalation_note:
        story.append(Paragraph(para(data.escalation_note), styles.small))
    if not data.escalations:
        return story + [Paragraph("No overdue action needs escalating on the audit date.",
                                  styles.body)]
    rows = [["ID", "Action", "Owner", "Due", "Days overdue", "Why", "Escalation recorded"]]
    extra = []
    for i, e in enumerate(data.escalations, start=1):
        rows.append([para(e.action_id), para(e.title), para(e.owner or "(no owner)"),
                     fmt(e.due) if e.due else "", str(e.days_overdue),
                     para("; ".join(e.reasons)), para(e.recorded or "Not recorded")])
        if not e.recorded:
            extra.append(("BACKGROUND", (6, i), (6, i), colors.HexColor("#FFC7CE")))
    return story + [table(rows, [16 * mm, 31 * mm, 24 * mm, 21 * mm, 19 * mm, 33 * mm,
                                 30 * mm], styles, extra=extra)]
