"""Checks on free text that several trackers share: is an evidence entry something to look at?

Each tracker brings its own vocabulary (the service policy's list for the action plan, the
supervision article's for the supervision trackers); the test of the words is one.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


def words_of(text: str) -> list[str]:
    """Lower-case words, keeping hyphens and apostrophes inside them."""
    return WORD.findall(text.casefold())


def points_to_nothing(words: list[str], vague: frozenset[str]) -> bool:
    """'done', 'yes', 'verbal from Tom', 'see file 3': the whole entry is a vague word or
    phrase, or a short entry (three words at most) starts with one."""
    if not words:
        return True
    joined = " ".join(words)
    if joined in vague:
        return True
    return len(words) <= 3 and (words[0] in vague
                                or any(joined.startswith(v) for v in vague if " " in v))
