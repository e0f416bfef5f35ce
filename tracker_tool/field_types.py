"""Pydantic field types for spreadsheet cells: blank-tolerant, UK dates, forgiving choices.

Blank is always allowed at this layer: whether a blank matters is a policy question, answered
by the tracker's rules with a code of its own. A value that cannot be read raises a pydantic
error whose type is our catalogue code, so row validation can map it straight to a finding.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

from pydantic import BeforeValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from tracker_tool.cell_values import (
    EPOCH_1900, CellProblem, is_blank, match_choice, to_date, to_text, to_whole_number,
)


def _problem(problem: CellProblem) -> PydanticCustomError:
    return PydanticCustomError(problem.code, problem.code, problem.details)


def _date(value, info: ValidationInfo):
    if is_blank(value):
        return None
    epoch = (info.context or {}).get("epoch", EPOCH_1900)
    try:
        return to_date(value, epoch)
    except CellProblem as problem:
        raise _problem(problem) from None


def _whole_number(value):
    if is_blank(value):
        return None
    try:
        return to_whole_number(value)
    except CellProblem as problem:
        raise _problem(problem) from None


def _text(value):
    if is_blank(value):
        return None
    return to_text(value)


def choice(enum: type[Enum]):
    """A column whose value must be one of ``enum``'s values (case and spacing forgiven)."""
    values = tuple(member.value for member in enum)

    def _choice(value):
        if is_blank(value):
            return None
        try:
            return match_choice(value, values)
        except CellProblem as problem:
            raise _problem(problem) from None

    return Annotated[enum | None, BeforeValidator(_choice)]


CellDate = Annotated[date | None, BeforeValidator(_date)]
CellText = Annotated[str | None, BeforeValidator(_text)]
CellCount = Annotated[int | None, BeforeValidator(_whole_number)]
