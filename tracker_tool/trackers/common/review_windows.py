"""Cadence windows: the stretches of time in each of which one review of a kind must be held.

A monthly review is judged by calendar month and a quarterly one by calendar quarter, as a
governance meeting's minutes are filed; a review every N days by runs of N days from the day
the record begins, so a review 14 days after the first of a fortnightly pair still falls in
the next fortnight. Only a window wholly inside the period is judged: one the record began
part way through, or one the audit date has not yet passed the end of, may still be kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tracker_tool.trackers.kit import Unit


@dataclass(frozen=True, slots=True)
class Window:
    first: date
    last: date


def _month_start(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def windows(unit: Unit, every: int, start: date, as_of: date) -> list[Window]:
    """The windows of ``every`` months or days that begin on or after ``start`` and end
    before ``as_of``.

    Months are counted from January of year 0, so ``every`` = 1 gives calendar months, 3
    calendar quarters (Jan-Mar, Apr-Jun...), 6 half-years and 12 calendar years. Days are
    counted from ``start``: with 14, the windows are days 0-13, 14-27 and so on.
    """
    found: list[Window] = []
    if every < 1:
        return found
    if unit is Unit.MONTHS:
        k = -(-(start.year * 12 + start.month - 1) // every)  # the first whole window
        if _month_start(k * every) < start:
            k += 1
        while True:
            first = _month_start(k * every)
            last = _month_start((k + 1) * every) - timedelta(days=1)
            if last >= as_of:
                return found
            found.append(Window(first, last))
            k += 1
    first = start
    while (last := first + timedelta(days=every - 1)) < as_of:
        found.append(Window(first, last))
        first = last + timedelta(days=1)
    return found


def spans(missed: list[Window]) -> list[Window]:
    """Consecutive missed windows joined into one span each, so a long gap is one phrase."""
    joined: list[Window] = []
    for window in missed:
        if joined and joined[-1].last + timedelta(days=1) == window.first:
            joined[-1] = Window(joined[-1].first, window.last)
        else:
            joined.append(window)
    return joined


def span_text(span: Window, unit: Unit) -> str:
    """'Aug 2026', 'Oct-Dec 2026', 'Nov 2026-Jan 2027' for months; '3-16 Aug 2026',
    '28 Aug-10 Sep 2026' for days."""
    a, b = span.first, span.last
    if unit is Unit.MONTHS:
        if (a.year, a.month) == (b.year, b.month):
            return a.strftime("%b %Y")
        if a.year == b.year:
            return f"{a.strftime('%b')}–{b.strftime('%b %Y')}"
        return f"{a.strftime('%b %Y')}–{b.strftime('%b %Y')}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b.strftime('%b %Y')}"
    if a.year == b.year:
        return f"{a.day} {a.strftime('%b')}–{b.day} {b.strftime('%b %Y')}"
    return f"{a.day} {a.strftime('%b %Y')}–{b.day} {b.strftime('%b %Y')}"


def every_text(unit: Unit, every: int) -> str:
    """'every month', 'every 3 months', 'every 7 days'."""
    if unit is Unit.MONTHS:
        return "every month" if every == 1 else f"every {every} months"
    return "every day" if every == 1 else f"every {every} days"


__all__ = ["Window", "every_text", "span_text", "spans", "windows"]
