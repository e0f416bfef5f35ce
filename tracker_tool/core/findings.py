"""The Finding record that every check produces, and its severities.

Findings are plain data so that every renderer (text, JSON, CSV, audit workbook) shows the
same facts, and so tests can assert on code and cell together.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from operator import attrgetter

from tracker_tool.core.a1 import column_of


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
    #: What an analyst pivots on: the kind checked, and the action the finding's row holds
    #: (its ID, title with personal details masked, and owner); None off an action's row.
    tracker: str | None = None
    action_id: str | None = None
    action_title: str | None = None
    owner: str | None = None

    def to_dict(self) -> dict:
        """The finding under FINDING_KEYS, severity as its text.

        Built straight from the attributes, not with dataclasses.asdict (a deep copy): a
        large return has tens of thousands of findings, and every output calls this once each.
        """
        return dict(zip(FINDING_KEYS, finding_values(self)))

    @property
    def sort_key(self) -> tuple:
        """The order a reader scans the sheet: by row, then left to right (the row itself first)."""
        return (self.row or 0, column_of(self.cell) if self.cell else -1, self.severity.rank,
                self.code)


#: A finding's keys in every output, in this order: `validate` as JSON and CSV, the batch's
#: findings.csv and report.json, and the pandas DataFrame. ``field`` is not among them: it is
#: the model's name for the column, which readers get as ``column``.
FINDING_KEYS = ("code", "severity", "sheet", "cell", "row", "column", "value", "message",
                "clause", "tracker", "action_id", "action_title", "owner")
#: A finding's values under FINDING_KEYS, as every output shows them (severity as its text).
finding_values = attrgetter(*("severity.value" if k == "severity" else k for k in FINDING_KEYS))
