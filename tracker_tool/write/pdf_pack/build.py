"""One return's pack: title page, figures and trend, audit questions, charts, escalations,
action review, appendix."""

from __future__ import annotations

from pathlib import Path

from tracker_tool.write.pdf_pack.action_review import (
    action_review_section,
    appendix_section,
)
from tracker_tool.write.pdf_pack.charts import charts_section
from tracker_tool.write.pdf_pack.data import pack_data
from tracker_tool.write.pdf_pack.document import Styles, write_document
from tracker_tool.write.pdf_pack.escalations import escalations_section
from tracker_tool.write.pdf_pack.figures import figures_section
from tracker_tool.write.pdf_pack.questions import questions_section
from tracker_tool.write.pdf_pack.title_page import title_page


def build_pack(checked, out) -> Path:
    data = pack_data(checked)
    styles = Styles()

    def story() -> list:
        from reportlab.platypus import PageBreak

        return (title_page(data, styles) + figures_section(data, styles)
                + questions_section(data.review, styles) + [PageBreak()]
                + charts_section(data.review, styles) + [PageBreak()]
                + escalations_section(data, styles) + action_review_section(data, styles)
                + appendix_section(data, styles))

    return write_document(Path(out), story, title=data.title,
                          header=(data.who, data.tracker, f"Audit date {data.as_of}"),
                          subject=f"Governance pack: {data.tracker}, {data.period}")
