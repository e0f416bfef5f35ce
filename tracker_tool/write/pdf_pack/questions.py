"""The quarterly-audit questions (s21), each met or not met, and the monthly review list."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm

from tracker_tool.write.pdf_pack.document import Styles, para, table

_VERDICT_FILL = {True: "#C6EFCE", False: "#FFC7CE", None: "#FFFFFF"}


def questions_section(review, styles: Styles) -> list:
    from reportlab.platypus import Paragraph

    if review is None:
        return []
    rows = [["Question", "Figure", "Verdict", "How it is judged"]]
    extra = []
    for i, answer in enumerate(review.audit_questions, start=1):
        rows.append([para(answer.question), para(answer.figure),
                     f"<b>{para(answer.verdict)}</b>", para(answer.detail)])
        extra.append(("BACKGROUND", (2, i), (2, i), colors.HexColor(_VERDICT_FILL[answer.met])))
    story = [Paragraph("Quarterly audit questions", styles.h1),
             table(rows, [45 * mm, 40 * mm, 22 * mm, 67 * mm], styles, extra=extra)]
    rate = review.on_time_closure_rate
    story.append(Paragraph(
        "On-time closure: " + ("n/a (no completed action has both dates)" if rate is None else
                               f"{rate:g}% ({review.closed_on_time} of "
                               f"{review.closed_with_dates} completed actions with both dates "
                               "finished by their original due date)"), styles.body))
    if review.monthly_review:
        monthly = [["What to look at", "Count", "Actions"]]
        monthly += [[para(item.label), str(len(item.actions)),
                     para(", ".join(item.actions) or "None")]
                    for item in review.monthly_review]
        story += [Paragraph("Monthly review list", styles.h2),
                  table(monthly, [70 * mm, 16 * mm, 88 * mm], styles)]
    return story
