"""Row heights for rows holding several wrapped cells in different fonts.

The Instructions and Plan sheets sized a row for one of its cells, so a long heading or a long
list of allowed values beside a short help text ran over the row below when printed.
Here a row is as tall as the tallest of its cells, each estimated with its own width and font
size. The shared estimate in layout.py is kept as it is: the audit's hot path uses it.
"""

from __future__ import annotations

from tracker_tool.write.layout import CHARS_PER_WIDTH, MAX_LINES

#: The font every estimate in layout.py assumes.
BASE_PT = 11.0
#: Bold glyphs are wider; fewer fit on a line.
BOLD_FACTOR = 0.9


def wrapped_lines(text: str, width: float, font_pt: float = BASE_PT, bold: bool = False) -> int:
    """Lines ``text`` wraps to in a column ``width`` characters wide, in ``font_pt`` text.

    Words are laid out one by one, as the application breaks lines at spaces, so a long
    word near a line's end pushes it to the next line as it would on paper.
    """
    chars = max(int(width * CHARS_PER_WIDTH * BASE_PT / font_pt
                    * (BOLD_FACTOR if bold else 1.0)), 1)
    lines = 0
    for part in str(text).split("\n"):
        used, count = 0, 1
        for word in part.split(" "):
            size = len(word)
            if used and used + 1 + size > chars:
                count += 1
                used = 0
            used += size if not used else size + 1
            while used > chars:  # a word longer than the line breaks anywhere
                count += 1
                used -= chars
        lines += count
    return min(lines, MAX_LINES)


def line_points(font_pt: float = BASE_PT) -> float:
    """The height of one line of ``font_pt`` text, leading included."""
    return font_pt * 1.3


def row_points(cells, minimum: float = 15.0) -> float:
    """The height of a row of ``cells``: (text, width, font size, bold) for each wrapped cell."""
    tallest = minimum
    for text, width, font_pt, bold in cells:
        if text:
            lines = wrapped_lines(text, width, font_pt, bold)
            tallest = max(tallest, lines * line_points(font_pt) + 4)
    return round(tallest, 1)


def fit_row(ws, r: int, cells, minimum: float = 15.0) -> float:
    """Set row ``r`` of ``ws`` tall enough for every one of ``cells`` (see row_points)."""
    height = row_points(cells, minimum)
    ws.set_row(r, height)
    return height


__all__ = ["fit_row", "line_points", "row_points", "wrapped_lines"]
