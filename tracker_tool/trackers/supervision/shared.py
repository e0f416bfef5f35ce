"""What the three supervision trackers share, from their one source article: its word lists
for evidence and for actions that can be tested, the same-working-day rule, and the monthly
governance counts (themes, clusters, repeats).

The governance thresholds are settings of each kind (``theme_repeat``, ``cluster_min``, and
the supervision actions' ``min_action_words``), made here so the three kinds word them alike;
their defaults are the numbers these checks used before a service could change them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date

from tracker_tool.trackers.common import no_evidence, words_of
from tracker_tool.trackers.kit import (
    CheckedRow, Figure, RuleContext, display, person_key, setting,
)


def theme_repeat_setting(what: str) -> int:
    """The ``theme_repeat`` setting of a kind whose ``what`` ('overdue actions') cluster."""
    return setting(3, f"""
        This many {what} in one area of practice make a repeated theme for the monthly
        governance meeting: two can be chance, three is the cluster the article's warning
        signs describe (around one area such as record keeping).""", least=2)


def cluster_min_setting(what: str) -> int:
    """The ``cluster_min`` setting of a kind whose ``what`` may cluster on one manager."""
    return setting(3, f"""
        One manager holding at least this many {what}, and at least half of them all, is a
        cluster around one manager (the article's early warning sign).""", least=1)


def governance(ctx: RuleContext):
    """The kind's settings, where its governance thresholds live."""
    return ctx.tracker.settings(ctx.policy)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# -- evidence and action wording -----------------------------------------------------------

_DIGIT = re.compile(r"\d")

#: Entries that name nothing an auditor could go and look at.
VAGUE_EVIDENCE = frozenset({
    "done", "yes", "y", "ok", "okay", "fine", "good", "complete", "completed", "verbal",
    "told", "discussed", "confirmed", "seen", "checked", "signed off", "as above", "see notes",
    "on file", "in file", "improved", "better", "all good", "staff confirmed",
})
#: General impressions the article warns are no proof the exact action was done (Ex3).
IMPRESSIONS = ("seems confident", "appears confident", "feels confident", "more confident",
               "doing well", "getting there", "much better", "no concerns", "verbal", "told me",
               "says they", "said they")
#: Words that point to a record: one of these, or a number, makes evidence checkable.
RECORD_WORDS = ("audit", "certificate", "observation", "observed", "record", "log", "report",
                "form", "chart", "sheet", "competency", "assessment", "matrix", "e-learning",
                "training", "signed", "spot check", "mar ")


def is_vague_evidence(text: str | None) -> bool:
    """'done', 'verbal from RM', 'seems confident now': nothing that proves the exact action."""
    if not text:
        return False
    words = words_of(text)
    if no_evidence(words, VAGUE_EVIDENCE):
        return True
    joined = " ".join(words)
    names_record = bool(_DIGIT.search(joined)) or any(w in joined + " " for w in RECORD_WORDS)
    return not names_record and any(p in joined for p in IMPRESSIONS)


#: Phrases that ask for a better attitude rather than a task someone can check.
UNTESTABLE = ("be more careful", "take more care", "try to", "try and", "be aware",
              "remember to", "improve", "be better", "reflect on", "think about", "be mindful",
              "pay more attention", "more effort")
#: Words that show how an action will be tested (Ex1 step 2: a clear measurable outcome).
MEASURES = ("audit", "observ", "spot check", "complete", "attend", "certificate", "competenc",
            "shadow", "submit", "sign", "assess", "e-learning", "module", "course", "check",
            "demonstrate")
#: A written piece the staff member produces...
WRITTEN_OUTPUTS = ("reflective account", "written reflection", "reflective log",
                   "written account", "reflective statement", "learning log", "case study")
#: ...that a named person then reads or discusses: together a test someone can check.
_REVIEWED = re.compile(r"\b(?:discuss|review|read|check|go through|went through|sign)\w*\b"
                       r".*\b(?:supervision|with|by)\b")


def reviewed_output(folded: str) -> bool:
    """'a reflective account, discussed in the next supervision with Jo Bell': a written
    output someone reviews counts as testable, though it names no audit or number."""
    return any(w in folded for w in WRITTEN_OUTPUTS) and bool(_REVIEWED.search(folded))


def untestable_action(text: str | None, min_words: int) -> str | None:
    """Why an action cannot be tested ('3 words', "'be more careful'"), or None when it can;
    an action of fewer than ``min_words`` words is too short to test."""
    if not text:
        return None
    folded = " ".join(text.casefold().split())
    words = words_of(folded)
    if len(words) < min_words:
        return f"only {len(words)} word{'s' if len(words) != 1 else ''}"
    phrase = next((p for p in UNTESTABLE if re.search(rf"\b{re.escape(p)}", folded)), None)
    if phrase and not _DIGIT.search(folded) and not any(m in folded for m in MEASURES) \
            and not reviewed_output(folded):
        return f"'{phrase}' with nothing to check it against"
    return None


# -- dates ---------------------------------------------------------------------------------

def next_working_day(ctx: RuleContext, day: date) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    calendar = ctx.policy.calendar
    return day if calendar.is_working_day(day) else calendar.add_working_days(day, 1)


def logged_late(ctx: RuleContext, event: date, logged: date) -> bool:
    """Logged after the working day on which (or after which) the event happened."""
    return logged > next_working_day(ctx, event)


# -- governance counts ---------------------------------------------------------------------

def shown(value) -> str:
    """A dropdown's value as typed ('Record keeping'), not the enum's Python name."""
    return display(getattr(value, "value", value))


def themes(rows: Iterable[CheckedRow], theme: Callable, minimum: int
           ) -> list[tuple[str, list[CheckedRow]]]:
    """(theme, rows) for each theme with at least ``minimum`` rows, largest first."""
    found: dict[str, list[CheckedRow]] = defaultdict(list)
    for row in rows:
        value = theme(row)
        if value:
            found[shown(value)].append(row)
    return sorted(((t, rs) for t, rs in found.items() if len(rs) >= minimum),
                  key=lambda item: (-len(item[1]), item[0]))


def manager_load(rows: Iterable[CheckedRow], key: str) -> list[tuple[str, int]]:
    """(manager as first written, count), busiest first; names compared as people type them."""
    counts: Counter = Counter()
    names: dict[str, str] = {}
    for row in rows:
        name = getattr(row.record, key)
        if name:
            names.setdefault(person_key(name), name)
            counts[person_key(name)] += 1
    return [(names[k], n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def cluster(rows: list[CheckedRow], key: str, minimum: int) -> tuple[str, int, int] | None:
    """(manager, their count, total) when one manager holds at least ``minimum`` of ``rows``
    and at least half of them."""
    load = manager_load(rows, key)
    if not load:
        return None
    name, count = load[0]
    total = len(rows)
    return (name, count, total) if count >= minimum and 2 * count >= total else None


def earlier_repeats(rows: list[CheckedRow], person: str, theme: str, when: str
                    ) -> dict[int, CheckedRow]:
    """Excel row -> the earlier row that raised the same theme for the same person.

    'Earlier' means an earlier date in ``when``: two actions from one meeting are not a repeat.
    """
    first: dict[tuple[str, str], CheckedRow] = {}
    ordered = sorted((r for r in rows if getattr(r.record, person) and getattr(r.record, theme)
                      and getattr(r.record, when)), key=lambda r: (getattr(r.record, when),
                                                                   r.excel_row))
    found = {}
    for row in ordered:
        ident = (person_key(getattr(row.record, person)), shown(getattr(row.record, theme)))
        earlier = first.get(ident)
        if earlier is not None and getattr(earlier.record, when) < getattr(row.record, when):
            found[row.excel_row] = earlier
        first.setdefault(ident, row)
    return found


def on_time_rate(judged: list[CheckedRow], on_time: Callable) -> float | None:
    """Percentage of ``judged`` rows closed on time, one decimal; None with nothing to judge."""
    if not judged:
        return None
    return round(100 * sum(bool(on_time(r)) for r in judged) / len(judged), 1)


def cluster_figure(rows: list[CheckedRow], key: str, what: str) -> Figure:
    load = manager_load(rows, key)
    if not load:
        return Figure("largest_manager_cluster", f"Most {what} with one manager", 0,
                      f"No {what}.")
    _name, count = load[0]
    spread = ", ".join(f"{n} {c}" for n, c in load[:4])
    return Figure("largest_manager_cluster", f"Most {what} with one manager", count,
                  f"{what.capitalize()} by manager: {spread}.")


def themes_figure(found: list, what: str, minimum: int) -> Figure:
    names = ", ".join(f"{t} ({len(rs)})" for t, rs in found)
    return Figure("repeated_overdue_themes", "Repeated overdue themes", len(found),
                  f"Areas with {minimum} or more {what}"
                  + (f": {names}." if names else "."))
