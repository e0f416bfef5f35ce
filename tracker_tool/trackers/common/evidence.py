"""Is there anything to look at? The tests of free text that kinds share: evidence that points
to nothing, actions that say how they will be checked, and tick-box actions.

Each kind brings its own words where its source has them (the supervision article's lists);
the service policy's lists serve the rest. The tests of the words are written once, here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from tracker_tool.trackers.common.numbers import without_dates
from tracker_tool.trackers.kit import CheckedRow, RuleContext, plural

WORD = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
_NUMBER = re.compile(r"\d")


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


#: Words that report what someone said, heard or saw rather than a record: a verbal statement
#: is not evidence (Reg 17 policy s11), however long the sentence around it.
HEARSAY = frozenset({
    "verbal", "verbally", "told", "tells", "confirmed", "confirms", "confirmation",
    "discussed", "discussion", "said", "says", "assured", "reassured", "reassurance", "seen",
    "aware", "reported", "informed",
})
#: Words that say nothing on their own: an entry made only of these (and filler) is no evidence
#: however many of them there are ("done ok, seen, as discussed").
_WEAK = HEARSAY | frozenset({
    "done", "ok", "okay", "yes", "y", "complete", "completed", "fine", "good", "checked",
    "see", "file", "as", "above", "signed", "off", "all", "sorted", "actioned", "staff",
})
#: Words that carry no content: they neither make an entry weak nor name anything.
_FILLER = frozenset({
    "a", "an", "the", "and", "or", "to", "of", "by", "from", "with", "in", "on", "at", "for",
    "it", "is", "was", "were", "has", "have", "had", "been", "be", "per", "this", "that",
    "they", "we", "i", "me", "my", "our", "their", "them", "he", "she", "his", "her", "now",
})
#: Words that name something an auditor could ask to see; one of them, or a number, makes
#: an entry checkable. Shared by every kind with an evidence column.
RECORD_WORDS = (
    "audit", "report", "log", "register", "minutes", "certificate", "form", "chart", "sheet",
    "matrix", "care plan", "assessment", "photo", "email", "e-mail", "letter", "invoice",
    "receipt", "datix", "record", "spreadsheet", "observation", "competency", "spot check",
    "checklist", "folder", "ref", "reference", "signature", "training", "e-learning",
    "mar ", "rota", "notes",
)


@lru_cache(maxsize=64)
def _starts_a_word(words: tuple[str, ...]) -> re.Pattern | None:
    """One pattern for 'one of ``words`` starts at a word boundary' (None for no words): a
    rule asks this of every row, and a search per word cost more than the rest of the rule."""
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")")


_RECORD = _starts_a_word(RECORD_WORDS)


@lru_cache(maxsize=64)
def _folded(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.casefold() for w in words)


def names_a_record(words: list[str]) -> bool:
    """A number, or a word that names a document or record someone could look at."""
    joined = " ".join(words) + " "
    return bool(_NUMBER.search(joined) or _RECORD.search(joined))


def no_evidence(words: list[str], vague: frozenset[str]) -> bool:
    """Nothing an auditor could look at: a vague word or phrase on its own (points_to_nothing);
    or, naming no record, a report of what someone said or saw ('Verbal confirmation from the
    housekeeping supervisor'), or nothing but weak words, however many."""
    if points_to_nothing(words, vague):
        return True
    if names_a_record(words):
        return False
    content = [w for w in words if w not in _FILLER]
    return any(w in HEARSAY for w in content) or all(w in _WEAK or w in vague for w in content)


def is_vague_evidence(text: str | None, ctx: RuleContext) -> bool:
    """'done', 'yes', 'verbal from RM', 'staff confirmed they had read it': nothing an auditor
    could go and look at, by the words the service policy lists and the shared ones here."""
    if not text:
        return False
    # Returns repeat their evidence ("Audit report", "Training log") down many rows, and two
    # rules and a figure ask of each: judged once per text in a check (ctx.memo).
    memo = getattr(ctx, "memo", None)
    key = (_VAGUE, text)
    if memo is not None and key in memo:
        return memo[key]
    found = no_evidence(words_of(text), _folded(tuple(ctx.policy.action_quality.vague_evidence)))
    if memo is not None:
        memo[key] = found
    return found


_VAGUE = "vague evidence"  # ctx.memo's key for is_vague_evidence's verdicts


def has_measure(text: str, ctx: RuleContext) -> bool:
    """A number, or a word that shows how the action will be checked (audit, spot check...).

    A date is not a number here: "Staff reminded 12/10" is still only a reminder, while a
    score such as "3/4 staff" is a measure (common/numbers says which is which)."""
    if _NUMBER.search(without_dates(text)):
        return True
    pattern = _measure_pattern(tuple(ctx.policy.action_quality.measure_words))
    return pattern is not None and pattern.search(text.casefold()) is not None


@lru_cache(maxsize=64)
def _measure_pattern(words: tuple[str, ...]) -> re.Pattern | None:
    """The policy's measure words as one pattern, folded once per list, not once per row."""
    return _starts_a_word(tuple(w.casefold() for w in words))


def too_short(text: str | None, ctx: RuleContext) -> str | None:
    """'3 words' when an action has fewer words than the policy wants to act on; else None."""
    count = len(text.split()) if text else 0
    shortest = ctx.policy.action_quality.min_description_words
    return plural(count, "word") if text and count < shortest else None


def tick_box_phrase(text: str | None, ctx: RuleContext) -> str | None:
    """The first of the policy's tick-box phrases ('staff reminded') in ``text``, ignoring case
    and spacing; whether something else makes up for it is the caller's question."""
    folded = " ".join((text or "").casefold().split())
    phrases = _phrases(tuple(ctx.policy.action_quality.tick_box_phrases))
    return next((phrase for phrase, low in phrases if low in folded), None)


@lru_cache(maxsize=64)
def _phrases(phrases: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Each phrase with its folded form, folded once per list rather than once per row."""
    return tuple((phrase, phrase.casefold()) for phrase in phrases)


def standing_alone(row: CheckedRow, siblings: Iterable[CheckedRow],
                   phrase_of: Callable[[CheckedRow], str | None], text_key: str) -> str | None:
    """The tick-box phrase of ``row`` when none of its ``siblings`` (the actions on the same
    concern or failing) is a real action: a reminder is fine beside a change of practice."""
    phrase = phrase_of(row)
    if phrase is None:
        return None
    broader = any(other is not row and getattr(other.record, text_key)
                  and phrase_of(other) is None for other in siblings)
    return None if broader else phrase
