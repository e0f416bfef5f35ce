"""The pack's page template, styles and safe writing.

Every page names the service, the tracker and the audit date at the top and says page X of Y
at the foot: pages of several services' packs get mixed up on a meeting table. The PDF's
metadata carries a keyword naming it a tracker-tool pack, so a re-run replaces its own pack
and refuses any other file at that path.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from tracker_tool.core.atomic import atomic_path, shown
from tracker_tool.core.wording import printable
from tracker_tool.errors import UsageError

PACK_SUFFIX = ".pdf"
#: In the PDF's Keywords (and so in its bytes): how a later run knows the file as ours.
OUR_MARK = "tracker-tool-governance-pack"
INSTALL = "pip install 'tracker-tool[pdf]'"
#: Body text size: the smallest text in the pack is 8 pt, legible when printed.
BODY = 10


def require_reportlab() -> None:
    try:
        import reportlab  # noqa: F401
    except ImportError:
        raise UsageError("writing a PDF pack needs the pdf extra, which is not installed: "
                         f"{INSTALL}") from None


def check_name(out: str | Path) -> Path:
    out = Path(out)
    if out.suffix.casefold() != PACK_SUFFIX:
        raise UsageError(f"{shown(out)}: a PDF pack is written to a name ending in .pdf "
                         f"(not {out.suffix or 'no ending'}); for example "
                         f"{out.with_suffix('.pdf').name}")
    return out


def is_our_pack(path: str | Path) -> bool:
    """Whether ``path`` is a pack this tool wrote: its bytes hold our keyword."""
    try:
        with open(path, "rb") as handle:
            return handle.read(4) == b"%PDF" and OUR_MARK.encode() in handle.read(2**24)
    except OSError:
        return False


def para(text) -> str:
    """Untrusted text made safe for a ReportLab paragraph, which reads markup."""
    return escape(printable("" if text is None else str(text)))


class Styles:
    def __init__(self):
        from reportlab.lib import colors
        from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

        base = getSampleStyleSheet()
        navy = colors.HexColor("#1F4E79")
        self.title = ParagraphStyle("PackTitle", base["Title"], fontSize=24, leading=30,
                                    textColor=navy, alignment=0, spaceAfter=8)
        self.subtitle = ParagraphStyle("PackSub", base["Normal"], fontSize=14, leading=18,
                                       textColor=colors.HexColor("#404040"), spaceAfter=18)
        self.h1 = ParagraphStyle("PackH1", base["Heading1"], fontSize=16, leading=20,
                                 textColor=navy, spaceBefore=6, spaceAfter=8)
        self.h2 = ParagraphStyle("PackH2", base["Heading2"], fontSize=12, leading=15,
                                 textColor=navy, spaceBefore=10, spaceAfter=6)
        self.body = ParagraphStyle("PackBody", base["Normal"], fontSize=BODY, leading=13)
        self.small = ParagraphStyle("PackSmall", self.body, fontSize=8.5, leading=11)
        self.cell = ParagraphStyle("PackCell", self.body, fontSize=9, leading=11.5)
        self.head = ParagraphStyle("PackHead", self.cell, fontName="Helvetica-Bold",
                                   textColor=colors.white)
        self.label = ParagraphStyle("PackLabel", self.cell, fontName="Helvetica-Bold")
        self.big = ParagraphStyle("PackBig", self.body, fontSize=13, leading=16,
                                  fontName="Helvetica-Bold")
        self.navy = navy


def table(rows: list[list], widths: list[float], styles: Styles, extra: list | None = None,
          zebra: bool = True, head: bool = True):
    """A table whose heading row repeats on every page it runs onto; without ``head``, a
    label | value list with its labels in bold."""
    from reportlab.lib import colors
    from reportlab.platypus import Paragraph, Table, TableStyle

    def style(i: int, j: int):
        if head:
            return styles.head if i == 0 else styles.cell
        return styles.label if j == 0 else styles.cell

    cells = [[c if not isinstance(c, str) else Paragraph(c, style(i, j))
              for j, c in enumerate(row)] for i, row in enumerate(rows)]
    t = Table(cells, colWidths=widths, repeatRows=1 if head else 0)
    commands = [("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#BFBFBF")),
                ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if head:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), styles.navy))
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1 if head else 0), (-1, -1),
                         [colors.white, colors.HexColor("#F2F6FA")]))
    t.setStyle(TableStyle(commands + (extra or [])))
    return t


def write_document(out: Path, make_story, *, title: str, header: tuple[str, str, str],
                   subject: str) -> Path:
    """Typeset the flowables ``make_story()`` gives on A4 portrait pages and land them at
    ``out`` atomically."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    left, centre, right = (printable(part)[:70] for part in header)
    width, height = A4

    def decorate(canvas, _doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8.5)
        canvas.drawString(18 * mm, height - 12 * mm, left)
        canvas.drawCentredString(width / 2, height - 12 * mm, centre)
        canvas.drawRightString(width - 18 * mm, height - 12 * mm, right)
        canvas.drawString(18 * mm, 10 * mm, "Made by tracker-tool from the returned tracker")
        canvas.restoreState()

    out = check_name(out)
    with atomic_path(out) as tmp:
        doc = SimpleDocTemplate(str(tmp), pagesize=A4, title=printable(title),
                                author="tracker-tool", subject=printable(subject),
                                keywords=[OUR_MARK], creator="tracker-tool", invariant=1,
                                leftMargin=18 * mm, rightMargin=18 * mm, topMargin=20 * mm,
                                bottomMargin=18 * mm)
        doc.build(make_story(), onFirstPage=decorate, onLaterPages=decorate,
                  canvasmaker=_numbered_canvas(width - 18 * mm, 10 * mm))
    return out


def _numbered_canvas(x: float, y: float):
    """A canvas that holds its pages back until the end, so each can say 'Page X of Y'
    without laying the document out twice."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont("Helvetica", 8.5)
                self.drawRightString(x, y, f"Page {self._pageNumber} of {total}")
                super().showPage()
            super().save()

    return NumberedCanvas
