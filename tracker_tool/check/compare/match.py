"""Which action of the previous return is which action now.

Actions are matched by their ID. An ID used twice in either return cannot say which action is
which, so those actions are reported and left out rather than guessed at. An action with no ID
is matched on its title and date created, and only when exactly one action on each side has
them; it is still told that it needs an ID.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker_tool.check.rule_context import CheckedRow
from tracker_tool.core.cell_values import display


@dataclass(frozen=True, slots=True)
class Pair:
    previous: CheckedRow
    current: CheckedRow
    #: The action's ID as typed now (or last time, when it has lost it); None when it has none.
    action_id: str | None
    by_title: bool = False


@dataclass
class Matching:
    pairs: list[Pair] = field(default_factory=list)
    #: Previous actions not in the current return, and current actions new since last time.
    gone: list[CheckedRow] = field(default_factory=list)
    new: list[CheckedRow] = field(default_factory=list)
    #: ID -> (its previous rows, its current rows), for IDs used more than once on a side.
    ambiguous: dict[str, tuple[list[CheckedRow], list[CheckedRow]]] = field(default_factory=dict)
    #: Current actions without an ID.
    without_id: list[CheckedRow] = field(default_factory=list)


def action_id(row: CheckedRow, id_key: str | None) -> str | None:
    if id_key is None:
        return None
    text = display(row.get(id_key)).strip()
    return text or None


def _same(text: str) -> str:
    return " ".join(text.split()).casefold()


def match_rows(previous: list[CheckedRow], current: list[CheckedRow], id_key: str | None,
               title_key: str | None, created_key: str | None) -> Matching:
    found = Matching()
    before: dict[str, list[CheckedRow]] = {}
    now: dict[str, list[CheckedRow]] = {}
    loose_before, loose_now = [], []
    for rows, by_id, loose in ((previous, before, loose_before), (current, now, loose_now)):
        for row in rows:
            ident = action_id(row, id_key)
            if ident is None:
                loose.append(row)
            else:
                by_id.setdefault(_same(ident), []).append(row)
    found.without_id = list(loose_now) if id_key else []
    left_before, left_now = [], []
    for ident in dict.fromkeys([*before, *now]):
        was, is_ = before.get(ident, []), now.get(ident, [])
        if len(was) > 1 or len(is_) > 1:
            found.ambiguous[action_id((is_ or was)[0], id_key)] = (was, is_)
        elif was and is_:
            found.pairs.append(Pair(was[0], is_[0], action_id(is_[0], id_key)))
        elif was:
            left_before.append(was[0])
        else:
            left_now.append(is_[0])
    if title_key and created_key:
        # Only an action that has lost (or never had) an ID is matched by its title and date.
        pairs = _by_title(loose_before, left_now, title_key, created_key, id_key)
        pairs += _by_title(left_before, loose_now, title_key, created_key, id_key)
        pairs += _by_title(loose_before, loose_now, title_key, created_key, id_key)
        matched = {id(p.previous) for p in pairs} | {id(p.current) for p in pairs}
        found.pairs += pairs
    else:
        matched = set()
    found.gone = [r for r in left_before + loose_before if id(r) not in matched]
    found.new = [r for r in left_now + loose_now if id(r) not in matched]
    found.pairs.sort(key=lambda p: p.current.excel_row)
    found.gone.sort(key=lambda r: r.excel_row)
    found.new.sort(key=lambda r: r.excel_row)
    return found


def _by_title(before: list[CheckedRow], now: list[CheckedRow], title_key: str, created_key: str,
              id_key: str | None) -> list[Pair]:
    def keyed(rows):
        found: dict[tuple, list[CheckedRow]] = {}
        for row in rows:
            title, created = row.get(title_key), row.get(created_key)
            if title and created:
                found.setdefault((_same(display(title)), created), []).append(row)
        return {key: rows[0] for key, rows in found.items() if len(rows) == 1}

    was, is_ = keyed(before), keyed(now)
    taken = set()
    pairs = []
    for key, row in is_.items():
        old = was.get(key)
        if old is not None and id(old) not in taken and id(row) not in taken:
            taken.update((id(old), id(row)))
            pairs.append(Pair(old, row, action_id(row, id_key) or action_id(old, id_key),
                              by_title=True))
    # A row matched in one pass must not be matched again in the next.
    before[:] = [r for r in before if id(r) not in taken]
    now[:] = [r for r in now if id(r) not in taken]
    return pairs
