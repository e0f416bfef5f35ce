"""The batch roll-up's governance pack (batch --pdf): the same totals, league table and
themes as rollup.xlsx, typeset by write/pdf_pack for a commissioner's or provider's board.

It lives in batch/ because the league table and themes are batch facts; the typesetting
(page template, tables, charts' look, safe text) is write/pdf_pack's.
"""

from __future__ import annotations

from pathlib import Path

from tracker_tool.batch.rollup import (
    CLOSURE_RATE,
    OVERDUE,
    RISK_EXPLAINED,
    action_themes,
    league_table,
    themes,
    totals,
)
from tracker_tool.batch.services import describe
from tracker_tool.core.wording import fmt

ROLLUP_PACK = "rollup.pdf"


def write_rollup_pack(facts, out: str | Path) -> Path:
    """``facts`` is the roll-up workbook's BatchFacts."""
    from tracker_tool.write.pdf_pack.document import Styles, write_document

    styles = Styles()
    as_of = fmt(facts.as_of)

    def story() -> list:
        return (_title(facts, styles, as_of) + _league(facts, styles)
                + _themes(facts, styles))

    return write_document(Path(out), story, title=f"Batch roll-up as of {as_of}",
                          header=("Tracker returns: batch roll-up", "", f"Audit date {as_of}"),
                          subject=f"Governance pack: batch roll-up as of {as_of}")


def _title(facts, styles, as_of: str) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, Spacer

    from tracker_tool.write.pdf_pack.document import para, table

    t = totals(facts.summaries)
    rows = [["Audit date", as_of], ["Returns in the batch", str(t.workbooks)],
            ["Read and checked", str(t.read)], ["Could not be read", str(t.not_read)],
            ["With errors or not read", str(t.with_errors)], ["Actions checked", str(t.actions)],
            ["Errors", str(t.errors)], ["Escalations not made", str(t.escalations)],
            ["Overdue actions", str(t.overdue)],
            ["Effectiveness checks outstanding", str(t.effectiveness)],
            ["Warnings", str(t.warnings)]]
    match = facts.services
    if match is not None:
        rows += [["Services on the list", str(len(match.services))],
                 ["Services with no return", para("; ".join(describe(s) for s in
                                                           match.not_returned) or "None")]]
    before = facts.previous
    if before is not None:
        rows += [["Compared with last time", f"{len(before.pairs)} returns paired"],
                 ["Returned last time, not now",
                  para(", ".join(item.name for item in before.gone) or "None")]]
    return [Spacer(1, 25 * mm), Paragraph("Governance pack", styles.subtitle),
            Paragraph("Tracker returns: batch roll-up", styles.title),
            table(rows, [60 * mm, 110 * mm], styles, head=False), PageBreak()]


def _league(facts, styles) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    from tracker_tool.write.pdf_pack.document import para, table

    compared = facts.previous is not None
    heads = ["Rank", "Service or workbook", "Risk score", "Errors", "Escalations not made",
             "Overdue", "On-time closure"]
    if compared:
        heads.append("Overdue last time")
    rows = [heads]
    for entry in league_table(facts.summaries, facts.include_staff):
        s = entry.summary
        if not s.readable:
            rows.append([str(entry.rank), para(entry.label), "not read", "", "", "", ""]
                        + ([""] if compared else []))
            continue
        rate = s.figure(CLOSURE_RATE)
        row = [str(entry.rank), para(entry.label), str(entry.score), str(s.errors),
               str(s.escalations), _number(s.figure(OVERDUE)),
               "n/a" if rate is None else f"{rate:g}%"]
        if compared:
            row.append(_number((s.previous or {}).get(OVERDUE)))
        rows.append(row)
    widths = [12 * mm, 58 * mm, 18 * mm, 16 * mm, 24 * mm, 18 * mm, 22 * mm]
    if compared:
        widths = [w * 0.9 for w in widths] + [17 * mm]
    return [Paragraph("League table", styles.h1), Paragraph(para(RISK_EXPLAINED), styles.small),
            table(rows, widths, styles)]


def _themes(facts, styles) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph

    from tracker_tool.write.pdf_pack.document import para, table

    story = [Paragraph("Findings shared by several returns", styles.h1)]
    found = themes(facts.summaries)
    if found:
        rows = [["Finding", "Returns with it", "Times found"]]
        rows += [[para(t.title), str(t.workbooks), str(t.occurrences)] for t in found]
        story.append(table(rows, [110 * mm, 30 * mm, 30 * mm], styles))
    else:
        story.append(Paragraph("No finding appears in more than one return.", styles.body))
    subjects = action_themes(facts.summaries)
    if subjects:
        rows = [["Theme", "Returns with it", "Actions"]]
        rows += [[para(t.theme), str(t.workbooks), str(t.actions)] for t in subjects]
        story += [Paragraph("Themes of actions across services", styles.h2),
                  table(rows, [110 * mm, 30 * mm, 30 * mm], styles)]
    return story


def _number(value) -> str:
    return "n/a" if value is None else f"{value:g}"
