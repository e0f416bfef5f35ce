"""What a workbook tells the person filling it in about each field: its heading, and the
prompt, dropdown and error message of its data validation.

Worded once, for the template's table and its plan sheet alike: two copies had drifted
(different error wording, titles cut mid-word on one sheet and with an ellipsis on the other).
What really differs between the two places is passed in: where a dropdown's values can come
from, and how large a count may be.
"""

from __future__ import annotations

import re
from datetime import date

from tracker_tool.core.columns import ColumnSpec, Kind

DATE_MIN, DATE_MAX = date(2000, 1, 1), date(2099, 12, 31)
#: Excel's limits: an input title, an input or error message, and a list typed into the rule.
TITLE_LIMIT, MESSAGE_LIMIT, INLINE_LIST_LIMIT = 32, 255, 255
#: Words in a column's key or title marking a reference, a code or evidence: what a prompt
#: helps with, since the format or the standard expected is not obvious from the heading.
PROMPTED_WORDS = frozenset({"id", "ref", "reference", "no", "code", "evidence"})


def header_title(spec: ColumnSpec) -> str:
    """The heading as shown: a star marks a field that must be filled in."""
    return spec.title + (" *" if spec.required else "")


def clip(text: str, limit: int) -> str:
    """Excel refuses a longer title or message; the ellipsis shows that words were cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _list_source(spec: ColumnSpec, values: tuple[str, ...], named_lists: bool):
    """Where a dropdown's values come from, or None when it cannot have one.

    A sheet with a lists sheet behind it refers to the list's defined name. Elsewhere the
    values are typed into the rule, which Excel caps in length and splits at commas, so a
    list that does not fit, or holds a comma or quote, gets no dropdown (the audit still
    checks the value).
    """
    if named_lists:
        return f"={spec.list_name}"
    if values and len(",".join(values)) <= INLINE_LIST_LIMIT \
            and not any("," in v or '"' in v for v in values):
        return list(values)
    return None


def prompted(spec: ColumnSpec, id_key: str | None = None) -> bool:
    """Whether selecting a cell of ``spec`` should pop up its help: for dates, the entry's
    own ID, references, codes and evidence. A prompt on every cell of self-explanatory
    columns (a title, an owner, a dropdown) covers the next cell and gets ignored; the
    heading's note still explains every column."""
    if spec.kind is Kind.DATE or spec.key == id_key:
        return True
    words = set(re.findall(r"[a-z0-9]+", f"{spec.key.replace('_', ' ')} {spec.title}".lower()))
    return bool(words & PROMPTED_WORDS)


def validation(spec: ColumnSpec, *, named_lists: bool = True, largest: int = 99,
               id_key: str | None = None) -> dict:
    """XlsxWriter's data-validation options for ``spec``, with a help prompt only where one
    helps (see ``prompted``).

    ``named_lists``: the sheet's dropdowns come from the template's Lists sheet by name.
    ``largest``: the biggest whole number the field takes. ``id_key``: the entries' ID column.
    """
    title = clip(spec.title, TITLE_LIMIT)
    prompt = ({"input_title": title, "input_message": clip(spec.help, MESSAGE_LIMIT)}
              if prompted(spec, id_key) else {})
    values = spec.choices if spec.kind is Kind.CHOICE else spec.suggestions
    source = _list_source(spec, values, named_lists)
    if spec.kind is Kind.CHOICE and source:
        return {"validate": "list", "source": source, **prompt,
                "error_title": "Pick from the list",
                "error_message": clip("Choose one of: " + ", ".join(values), MESSAGE_LIMIT)}
    if spec.suggestions and source:
        # A roster is a help, not a rule: a new starter may own an action before the policy
        # file lists them, so Excel only warns and the audit reports it instead.
        return {"validate": "list", "source": source, "error_type": "warning", **prompt,
                "error_title": "Not on the staff list",
                "error_message": "This name is not on the service's staff list. Keep it anyway?"}
    if spec.kind is Kind.DATE:
        return {"validate": "date", "criteria": "between", "minimum": DATE_MIN,
                "maximum": DATE_MAX, "input_title": title,
                "input_message": "Type the date as dd/mm/yyyy, for example 21/11/2026.",
                "error_title": "Not a date",
                "error_message": "Type a date as dd/mm/yyyy between 2000 and 2099."}
    if spec.kind is Kind.WHOLE_NUMBER:
        return {"validate": "integer", "criteria": "between", "minimum": 0,
                "maximum": largest, **prompt,
                "error_title": "Whole number", "error_message": "Type 0, 1, 2 and so on."}
    return {"validate": "any", **prompt}
