"""The Finding record that every check produces, and its severities.

Findings are plain data so that every renderer (text, JSON, CSV, audit workbook) shows the
same facts, and so tests can assert on code and cell together.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import Enum


class Severity(str, Enum):
    """How serious a finding is; only errors change the exit status.

    An escalation is not a fault in the record: it is an action the policy says must go up the
    escalation route now (s13). It sorts between errors and warnings because it needs a
    manager's attention sooner than a weak record does.
    """

    ERROR = "error"
    ESCALATION = "escalation"
    WARNING = "warning"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.ERROR: 0, Severity.ESCALATION: 1, Severity.WARNING: 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, located as precisely as the workbook allows.

    Workbook-level findings have no cell or row; header findings have the header cell; row and
    cell findings have the A1 reference of the cell the user must change.
    """

    code: str
    severity: Severity
    message: str
    clause: str
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    field: str | None = None

    def to_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    @property
    def sort_key(self) -> tuple:
        return (self.row or 0, _column_index(self.cell), self.severity.rank, self.code)


def _column_index(cell: str | None) -> int:
    """Column number of an A1 reference, so findings sort left to right within a row."""
    if not cell:
        return 0
    n = 0
    for ch in cell:
        if not ch.isalpha():
            break
        n = n * 26 + (ord(ch.upper()) - 64)
    return n
