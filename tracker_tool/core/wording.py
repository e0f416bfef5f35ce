"""Small helpers so every message counts things the way people write them, and shows what
a workbook held without letting it run: a cell's text may carry terminal escape sequences,
line breaks or thousands of characters, and messages quote it."""

import re
from collections import Counter

#: C0 and C1 controls (ESC starts terminal sequences, U+009B is a one-character CSI), line
#: and paragraph separators, and the bidirectional overrides used to disguise text.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
#: Longest value quoted in full in a message; the finding's value field keeps all of it.
QUOTE_LIMIT = 120


def plural(n: int, word: str) -> str:
    """plural(1, 'error') -> '1 error'; plural(2, 'error') -> '2 errors'."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def severity_counts(found) -> str:
    """'2 errors, 1 escalation, 3 warnings' for a list of findings; empty when there are none."""
    counts = Counter(f.severity.value for f in found)
    return ", ".join(plural(counts[name], name) for name in ("error", "escalation", "warning")
                     if counts[name])


def printable(text: str) -> str:
    """``text`` on one line with every control character shown as an escape such as \\x1b."""
    return _UNPRINTABLE.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """A long value cut to ``limit`` characters with an ellipsis, for quoting in a message."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def fmt(day) -> str:
    """A date as UK readers write it in a message: 21/11/2026."""
    return day.strftime("%d/%m/%Y")


def days_text(n: int, kind: str = "") -> str:
    """days_text(1) -> '1 day'; days_text(3, 'working') -> '3 working days'."""
    word = f"{kind} day" if kind else "day"
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def either(words: list[str]) -> str:
    """['from whom', 'by when'] -> 'from whom or by when'."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
