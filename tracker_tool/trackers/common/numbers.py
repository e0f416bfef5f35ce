"""Numbers in free text: which are dates and which are scores, so a trend is counted right.

"14/10" and "12/10/2026" are dates; "2/5", "6/10" and "3/4 staff" are scores or fractions. A
day-month pair cannot be told from a score by its shape alone, so a pair is read as a date
only when nothing else fits: it has a year, its first number is larger than its second (no
score is 14 out of 10), it heads a note ("12/10: ..."), or a word such as "on" or "by" comes
before it. Everything else is a score, one figure however it is written.
"""

from __future__ import annotations

import re

_PAIR = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?\b(?![/.-]\d)")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_BEFORE_A_DATE = re.compile(r"\b(?:on|by|from|until|till|since|dated|due|before|after)\s*$",
                            re.IGNORECASE)


def _is_date(match: re.Match, text: str) -> bool:
    first, second = int(match.group(1)), int(match.group(2))
    if match.group(3) is not None:
        return True
    if first > second:  # 14/10: no score is more than its total
        return second <= 12
    return text[match.end():].lstrip().startswith(":") or bool(
        _BEFORE_A_DATE.search(text[:match.start()]))


def without_dates(text: str) -> str:
    """``text`` with its dates and years blanked and each score written as one figure ("2")."""
    def swap(match: re.Match) -> str:
        return " " if _is_date(match, text) else f" {match.group(1)} "

    return _YEAR.sub(" ", _PAIR.sub(swap, text))


def figures_in(text: str) -> int:
    """How many figures ``text`` gives, leaving out dates and years: 'July 2/5, October 5/5'
    gives two, '9 alerts on 14/10' one."""
    return len(_NUMBER.findall(without_dates(text)))
