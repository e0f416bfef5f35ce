"""The action review: one entry per action with a finding, worst first, and the appendix of
finding codes and the policy's fingerprint for analysts and support requests."""

from __future__ import annotations

from reportlab.lib.units import mm

from tracker_tool.write.pdf_pack.document import Styles, para, table


def action_review_section(data, styles: Styles) -> list:
    from reportlab.platypus import Paragraph

    story = [Paragraph("Action review", styles.h1)]
    if not data.review_lines:
        return story + [Paragraph("No action has a finding.", styles.body)]
    rows = [["ID", "Action", "Owner", "Result", "Findings"]]
    for line in data.review_lines:
        rows.append([para(line.action_id), para(line.title), para(line.owner),
                     para(line.result),
                     "<br/>".join("- " + para(m) for m in line.messages)])
    return story + [table(rows, [16 * mm, 36 * mm, 24 * mm, 24 * mm, 74 * mm], styles)]


def appendix_section(data, styles: Styles) -> list:
    from reportlab.platypus import PageBreak, Paragraph

    facts = [["Policy fingerprint", para(data.fingerprint)],
             ["Template version", para(data.template_version)]]
    story = [PageBreak(), Paragraph("Appendix: finding codes and policy", styles.h1),
             table(facts, [45 * mm, 129 * mm], styles, head=False)]
    if data.codes:
        rows = [["Finding", "Code", "Count"]]
        rows += [[para(title), para(code), str(n)] for title, code, n in data.codes]
        story += [Paragraph("Findings by code", styles.h2),
                  table(rows, [90 * mm, 66 * mm, 18 * mm], styles)]
    return story
