"""Turn a tracker's pydantic row model into column specs: the only place that reads pydantic fields.

The template writer, the instructions sheet, the reader's header matching and the row
validation all work from these specs, so a column is defined once, on the model.
"""

from __future__ import annotations

import hashlib
import json
import types
import typing
from dataclasses import dataclass
from datetime import date
from enum import Enum

from pydantic import BaseModel

from tracker_tool.core.cell_values import (
    choice_key,
    match_choice,
    to_date,
    to_whole_number,
)
from tracker_tool.core.findings import Severity


class Kind(str, Enum):
    """How a column's cells are typed in Excel and read back."""

    TEXT = "text"
    LONG_TEXT = "long text"
    DATE = "date"
    CHOICE = "choice"
    WHOLE_NUMBER = "whole number"


@dataclass(frozen=True, slots=True)
class Column:
    """Presentation and policy facts for one field, attached with ``Annotated[...]``.

    ``required`` is the severity of leaving the cell blank (None when the policy allows a
    blank); ``stem`` names the field in finding codes, e.g. ``owner`` gives ``owner.missing``.
    ``options`` names a list of the service policy whose values are the only ones allowed
    (a dropdown each service adapts); ``suggest`` names one offered as a dropdown but not
    enforced (the staff roster, where a new starter may not be listed yet). ``since`` is the
    template version that added the column, so a return on an older version is not faulted
    for a column it never had (None: in every version).
    """

    title: str
    help: str
    clause: str
    group: str
    stem: str
    width: float = 16
    required: Severity | None = None
    long: bool = False
    example: str = ""
    options: str | None = None
    suggest: str | None = None
    since: str | None = None


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """Everything needed to write, read and check one column of a tracker sheet."""

    key: str
    index: int
    title: str
    help: str
    clause: str
    group: str
    stem: str
    width: float
    kind: Kind
    required: Severity | None
    choices: tuple[str, ...] = ()
    example: str = ""
    #: The policy list the choices come from, when a service may adapt them.
    options: str | None = None
    #: Offered in a dropdown without being enforced (e.g. the roster for the Owner column).
    suggestions: tuple[str, ...] = ()
    #: The template version that added the column; None when every version has it.
    since: str | None = None

    @property
    def list_name(self) -> str:
        """Defined name of this column's dropdown source on the hidden lists sheet."""
        return f"list_{self.key}"


def _unwrap_optional(annotation):
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def _kind_of(annotation, column: Column, lists: dict) -> tuple[Kind, tuple[str, ...]]:
    inner = _unwrap_optional(annotation)
    if column.options is not None:
        return Kind.CHOICE, tuple(lists.get(column.options, ()))
    if isinstance(inner, type) and issubclass(inner, Enum):
        return Kind.CHOICE, tuple(member.value for member in inner)
    if inner is date:
        return Kind.DATE, ()
    if inner is int:
        return Kind.WHOLE_NUMBER, ()
    if inner is str:
        return (Kind.LONG_TEXT if column.long else Kind.TEXT), ()
    raise TypeError(f"unsupported column type {annotation!r}")


def column_specs(model: type[BaseModel], lists: dict[str, tuple[str, ...]] | None = None
                 ) -> tuple[ColumnSpec, ...]:
    """Column specs in the model's field order, which is the template's column order.

    ``lists`` are the service policy's lists (policy.ServicePolicy.lists) for the columns
    whose allowed or suggested values each service sets.
    """
    lists = lists or {}
    specs = []
    for index, (key, field) in enumerate(model.model_fields.items()):
        column = next((m for m in field.metadata if isinstance(m, Column)), None)
        if column is None:
            raise TypeError(f"{model.__name__}.{key} has no Column(...) annotation")
        kind, choices = _kind_of(field.annotation, column, lists)
        specs.append(ColumnSpec(
            key=key, index=index, title=column.title, help=column.help, clause=column.clause,
            group=column.group, stem=column.stem, width=column.width, kind=kind,
            required=column.required, choices=choices, example=column.example,
            options=column.options,
            suggestions=tuple(lists.get(column.suggest, ())) if column.suggest else (),
            since=column.since,
        ))
    return tuple(specs)


def cell_reader(spec: ColumnSpec):
    """How a cell of this column is read before the model: (value, epoch) -> value, or None
    for free text. Each reader starts with the fast path for a value that is already right
    (a real date, an exact choice), since that is what most cells of a kept tracker hold."""
    if spec.kind is Kind.DATE:
        def read_date(value, epoch):
            return value if value.__class__ is date else to_date(value, epoch)
        return read_date
    if spec.kind is Kind.CHOICE:
        choices = spec.choices
        allowed = frozenset(choices)
        lookup = {choice_key(c): c for c in choices}

        def read_choice(value, epoch):
            return value if value in allowed else match_choice(value, choices, lookup)
        return read_choice
    if spec.kind is Kind.WHOLE_NUMBER:
        def read_count(value, epoch):
            return value if value.__class__ is int else to_whole_number(value)
        return read_count
    return None


def fingerprint(specs: tuple[ColumnSpec, ...]) -> str:
    """A short hash of what the reader relies on: keys, order, kinds and allowed values.

    Help text is left out on purpose, so rewording a note does not orphan returned workbooks.
    Columns whose values a service policy sets count by the list's name, not its values: the
    policy has a fingerprint of its own.
    """
    canonical = [[s.key, s.kind.value, "@" + s.options if s.options else list(s.choices)]
                 for s in specs]
    digest = hashlib.sha256(json.dumps(canonical, separators=(",", ":")).encode()).hexdigest()
    return digest[:16]

