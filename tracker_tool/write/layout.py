"""Row heights for wrapped text, shared by every writer.

XlsxWriter cannot measure text, and LibreOffice (and Excel's print preview) do not grow a
row for wrapped text written by another program, so without this long notes are cut off.
"""

#: Characters per line for each unit of column width at the 11pt default font, less a margin
#: for word wrapping (a line breaks at a space, not at the last character that fits).
CHARS_PER_WIDTH = 1.15
#: Points per line of wrapped text, plus a little padding.
LINE_HEIGHT, PADDING = 13, 2
MAX_LINES = 30
#: Excel's width of a column nobody sized.
DEFAULT_WIDTH = 8.43


def chars_per_line(width: float) -> int:
    return max(int(width * CHARS_PER_WIDTH), 1)


def lines_needed(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide."""
    chars = chars_per_line(width)
    if "\n" not in text:  # most texts: one paragraph
        return 1 if len(text) <= chars else min(-(-len(text) // chars), MAX_LINES)
    lines = sum(max(1, -(-len(part) // chars)) for part in text.split("\n"))
    return min(lines, MAX_LINES)


def row_height(lines: int) -> float:
    return LINE_HEIGHT * lines + PADDING


class RowHeights:
    """The rows of one sheet that wrapped text needs taller, set once the sheet is written.

    Kept to the end because a row may hold several wrapped cells: it takes the tallest.
    """

    def __init__(self, widths: dict[int, float] | None = None):
        self.widths = dict(widths or {})
        self.lines: dict[int, int] = {}

    def chars(self, c: int) -> int:
        """Characters that fit on one line of column ``c``."""
        return chars_per_line(self.widths.get(c, DEFAULT_WIDTH))

    def fit(self, r: int, c: int, text: str, last: int | None = None) -> None:
        """Make row ``r`` tall enough for ``text`` in column ``c`` (merged across to ``last``)."""
        if last is None or last == c:  # one column: most calls, once per wrapped cell
            width = self.widths.get(c, DEFAULT_WIDTH)
        else:
            width = sum(self.widths.get(i, DEFAULT_WIDTH) for i in range(c, last + 1))
        lines = lines_needed(text, width)
        if lines > self.lines.get(r, 1):
            self.lines[r] = lines

    def settle(self, ws, r: int, skip=()) -> None:
        """Set row ``r``'s height now, if it grew (not for the ``skip`` rows), and forget it:
        a streamed sheet (write/kit.add_sheet) must have a row's height before the next row."""
        lines = self.lines.pop(r, 1)
        if lines > 1 and r not in skip:
            ws.set_row(r, row_height(lines))

    def apply(self, ws, skip=()) -> None:
        """Set the grown rows' heights, except the ``skip`` rows, whose height is set apart."""
        for r, lines in self.lines.items():
            if lines > 1 and r not in skip:
                ws.set_row(r, row_height(lines))
