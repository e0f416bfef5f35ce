"""Which column of a kind plays which part in a comparison, declared by the kind.

Kinds name the same idea differently (a due date is a "Deadline" in supervision and a "Target
date" for an escalated case), so the change rules ask for parts, not columns. A part a kind
does not have is None and the rules about it are not run for that kind, rather than guessed.
The ID, status, due date and owner come from the tracker itself (``id_key`` and
``highlights``), so they are not repeated here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChangeFields:
    #: What an action is called, matched with ``created`` when an action has no ID.
    title: str | None = None
    created: str | None = None
    original_due: str | None = None
    #: Where a moved due date is recorded: a count (it must go up) or a text (it must change).
    extension: str | None = None
    #: What a closed action's record of completion is: its date, evidence and outcome.
    closure: tuple[str, ...] = ()
    #: The latest progress note, and the date the action is next to be reviewed.
    progress: str | None = None
    review: str | None = None
    #: A RAG or a progress rating.
    rating: str | None = None
    #: What an action is about, for a theme raised again after all its actions closed.
    theme: str | None = None
    #: The kind's own change rules (check/compare/declare.change_rule), run after the shared.
    rules: tuple = ()
