"""The template's live checks: the commonest findings shown in the sheet as people type.

No macros: each check is a formula over one row, used twice. As a conditional format it
colours the cell to put right (or the whole row, for a passed due date) in Excel and
LibreOffice alike; in the printable view's Checks column it names the problem in words, so a
printed page says what the colour said on screen. TODAY() keeps the dates honest each day.
A check is built from a function giving the reference of a field on the current row, so the
same words and the same logic serve the entry sheet and the view.

The audit remains the judge: these checks are a help while typing, not the findings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tracker_tool.check.tracker import Tracker
from tracker_tool.core.a1 import column_letter
from tracker_tool.write import styles

#: How a check shows: a passed date is shaded, a cell to fill in gets a red border.
PASSED, MISSING = "passed", "missing"
#: The RAG values and the fill each gets, wherever a column offers all three.
RAG_FILLS = {"Red": styles.RAG_RED, "Amber": styles.RAG_AMBER, "Green": styles.RAG_GREEN}

Ref = Callable[[str], str]


@dataclass(frozen=True)
class LiveCheck:
    """One check: its words, the column it colours (None: the whole row) and its formula."""

    words: str
    key: str | None
    look: str
    formula: Callable[[Ref], str]


def _quoted(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


def _blank(ref: str) -> str:
    return f"LEN(TRIM({ref}))=0"


def live_checks(tracker: Tracker) -> list[LiveCheck]:
    """The checks ``tracker`` declares in its highlights, most specific first."""
    live = tracker.highlights
    if live is None:
        return []
    title = {spec.key: spec.title for spec in tracker.columns}

    def is_done(ref: Ref) -> str:
        return f"OR({','.join(f'{ref(live.status_key)}={_quoted(v)}' for v in live.done_values)})"

    def is_open(ref: Ref) -> str:
        return f"NOT({is_done(ref)})"

    def passed(key: str) -> Callable[[Ref], str]:
        return lambda ref: f"AND(ISNUMBER({ref(key)}),{ref(key)}<TODAY(),{is_open(ref)})"

    checks = []
    for key in live.completion_keys:
        checks.append(LiveCheck(
            f"Marked {live.done_values[0].lower()}, no {title[key].lower()}", key, MISSING,
            lambda ref, key=key: f"AND({is_done(ref)},{_blank(ref(key))})"))
    if live.high is not None:
        field, value, needed = live.high
        checks.append(LiveCheck(
            f"{title[field]} {value}, no {title[needed].lower()}", needed, MISSING,
            lambda ref: f"AND({ref(field)}={_quoted(value)},{_blank(ref(needed))})"))
    content = live.content_keys
    checks.append(LiveCheck(
        f"{title[live.owner_key]} blank", live.owner_key, MISSING,
        lambda ref: f"AND(LEN({'&'.join(ref(k) for k in content)})>0,"
                    f"{_blank(ref(live.owner_key))})"))
    if live.review_key is not None:
        checks.append(LiveCheck(f"{title[live.review_key]} passed", live.review_key, PASSED,
                                passed(live.review_key)))
    checks.append(LiveCheck(f"{title[live.due_key]} passed", None, PASSED,
                            passed(live.due_key)))
    return checks


def rag_columns(specs) -> list:
    """Columns offering Red, Amber and Green: coloured by their value."""
    return [spec for spec in specs if set(RAG_FILLS) <= set(spec.choices)]


def colour_rag(kit, ws, first_row: int, col: int, last_row: int) -> None:
    """Each rating's own colour on column ``col`` of rows ``first_row``..``last_row``."""
    for value, fill in RAG_FILLS.items():
        ws.conditional_format(first_row, col, last_row, col, {
            "type": "cell", "criteria": "==", "value": _quoted(value),
            "format": kit.format(bg_color=fill)})


def add_live_checks(kit, ws, tracker: Tracker, specs, first_row: int, last_row: int) -> None:
    """Conditional formats on the entry rows ``first_row``..``last_row`` (0-based) of ``ws``:
    RAG colours first, then each check, so a cell's own problem shows over the row's shade."""
    by_key = {spec.key: spec for spec in specs}
    last_col = len(specs) - 1
    top = first_row + 1

    def ref(key: str) -> str:
        return f"${column_letter(by_key[key].index)}{top}"

    for spec in rag_columns(specs):
        colour_rag(kit, ws, first_row, spec.index, last_row)
    looks = {PASSED: kit.format(bg_color=styles.OVERDUE_FILL),
             MISSING: kit.format(bg_color=styles.MISSING_FILL, border=2,
                                 border_color=styles.MISSING_BORDER)}
    for check in live_checks(tracker):
        first, last = ((0, last_col) if check.key is None
                       else (by_key[check.key].index,) * 2)
        ws.conditional_format(first_row, first, last_row, last, {
            "type": "formula", "criteria": "=" + check.formula(ref),
            "format": looks[check.look]})


def checks_formula(tracker: Tracker, ref: Ref) -> str | None:
    """A formula naming, in words, every check the row fails; None without checks."""
    checks = live_checks(tracker)
    if not checks:
        return None
    parts = [f'IF({check.formula(ref)},{_quoted(check.words + "; ")},"")' for check in checks]
    return "=" + "&".join(parts)


__all__ = ["LiveCheck", "add_live_checks", "checks_formula", "colour_rag", "live_checks",
           "rag_columns"]
