"""The governance pack as a PDF (issue 14, item 7): what a quality lead takes to the board.

Built with ReportLab, a typesetting library that installs from wheels on Windows, macOS and
Linux with nothing else to install (WeasyPrint needs the Pango libraries, which Windows lacks),
from the same report data as the audit workbook's Summary and Review pack. It is the optional
``pdf`` extra: ``pip install 'tracker-tool[pdf]'``; without it, asking for a pack says so.

- ``data``: the pack's content, taken once from the checked return (no rendering).
- ``document``: page template (header naming service, tracker and audit date; page X of Y),
  styles, the atomic write and the metadata that marks a pack as ours.
- ``title_page``, ``figures``, ``questions``, ``charts``, ``escalations``, ``action_review``:
  one section each; ``rollup``: the batch roll-up's pack.
"""

from __future__ import annotations

from tracker_tool.write.pdf_pack.document import (
    PACK_SUFFIX,
    is_our_pack,
    require_reportlab,
)


def write_pdf_pack(checked, out):
    """Write the governance pack of one checked return to ``out`` (a .pdf) atomically."""
    require_reportlab()
    from tracker_tool.write.pdf_pack.build import build_pack

    return build_pack(checked, out)


__all__ = ["PACK_SUFFIX", "is_our_pack", "require_reportlab", "write_pdf_pack"]
