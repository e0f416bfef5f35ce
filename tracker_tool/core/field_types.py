"""Pydantic field types for spreadsheet cells: every column is optional at this layer.

Blank is always allowed here: whether a blank matters is a policy question, answered by the
tracker's rules with a code of its own. Reading what a person typed (UK text dates, serial
numbers, '2' for a count, 'high ' for High) is cell_values' job, done before the model; the
model then checks the types and allowed values in pydantic's compiled core, with no Python
call per cell, which keeps a 10,000-row tracker quick.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

from pydantic import Field, StringConstraints

#: Surrounding spaces are stripped; numbers are accepted as their text when the model sets
#: ``coerce_numbers_to_str`` (row validation also turns a date typed in a text column into text).
CellText = Annotated[str | None, StringConstraints(strip_whitespace=True)]
CellDate = date | None
CellCount = Annotated[int | None, Field(ge=0)]


def choice(enum: type[Enum]):
    """A column whose value must be one of ``enum``'s values."""
    return enum | None
