"""Row heights for wrapped text, shared by the template and audit writers.

XlsxWriter cannot measure text, and LibreOffice (and Excel's print preview) do not grow a
row for wrapped text written by another program, so without this long notes are cut off.
"""

#: Characters per line for each unit of column width at the 11pt default font, less a margin
#: for word wrapping (a line breaks at a space, not at the last character that fits).
CHARS_PER_WIDTH = 1.15
#: Points per line of wrapped text, plus a little padding.
LINE_HEIGHT, PADDING = 13, 2
MAX_LINES = 30


def chars_per_line(width: float) -> int:
    return max(int(width * CHARS_PER_WIDTH), 1)


def lines_needed(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide."""
    chars = chars_per_line(width)
    if len(text) <= chars and "\n" not in text:
        return 1
    lines = sum(max(1, -(-len(part) // chars)) for part in text.split("\n"))
    return min(lines, MAX_LINES)


def row_height(lines: int) -> float:
    return LINE_HEIGHT * lines + PADDING
