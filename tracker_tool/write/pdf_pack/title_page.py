"""The title page: whose pack, which tracker, what period, when audited and the result, in
words (no codes or fingerprints: those are in the appendix)."""

from __future__ import annotations

from tracker_tool.write.pdf_pack.document import Styles, para, table


def title_page(data, styles: Styles) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    verdict = ("No errors: the plan meets the policy's checks." if data.ok else
               "The plan has errors to put right before it meets the policy.")
    facts = [["Service", para(data.service)], ["Tracker", para(data.tracker)],
             ["Period", para(data.period)], ["Audit date", para(data.as_of)],
             ["Actions checked", str(data.actions)], ["Result", para(data.result)]]
    if data.escalation_note:
        facts.append(["Escalations", para(data.escalation_note)])
    if data.review is not None and data.review.audit_questions:
        answers = data.review.audit_questions
        met = sum(a.met is True for a in answers)
        facts.append(["Quarterly audit", f"{met} of {len(answers)} questions met"])
    facts += [["Workbook", para(data.workbook)], ["Policy applied", para(data.policy)]]
    box = table(facts, [45 * mm, 125 * mm], styles, head=False)
    return [Spacer(1, 30 * mm), Paragraph("Governance pack", styles.subtitle),
            Paragraph(para(data.who), styles.title), Paragraph(para(data.tracker), styles.subtitle),
            box, Spacer(1, 10 * mm), Paragraph(verdict, styles.big), PageBreak()]
