"""What a policy rule sees: typed rows that remember their cells, the audit date and the tracker.

Rules never touch the reader or pydantic errors; they get CheckedRows and report findings
through ``RuleContext.at`` so every finding carries the cell, row, header and value typed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel

from tracker_tool.cell_values import display
from tracker_tool.findings import Finding
from tracker_tool.tracker import Tracker


@dataclass(frozen=True, slots=True)
class Cell:
    """A value as read from the workbook, with the sheet position it came from."""

    value: object
    ref: str


@dataclass(slots=True)
class RawRow:
    """One entry row of the tracker sheet: cells by field key, plus unmatched columns by index."""

    excel_row: int
    cells: dict[str, Cell]
    extra: dict[int, Cell] = field(default_factory=dict)


@dataclass(slots=True)
class CheckedRow:
    """A row after the model: the typed record, and which fields were blank or unreadable."""

    raw: RawRow
    record: BaseModel
    blank: frozenset[str]
    invalid: frozenset[str]

    @property
    def excel_row(self) -> int:
        return self.raw.excel_row

    def missing(self, key: str) -> bool:
        """Blank (or a placeholder), as opposed to present but unreadable."""
        return key in self.blank

    def get(self, key: str):
        return getattr(self.record, key)


@dataclass
class RuleContext:
    """Everything a rule needs, with helpers that locate findings precisely."""

    tracker: Tracker
    sheet: str
    rows: list[CheckedRow]
    as_of: date
    column_refs: dict[str, int] = field(default_factory=dict)

    def at(self, row: CheckedRow, key: str, code: str, **details) -> Finding:
        """A finding on ``key``'s cell in ``row`` (the row alone when the column is missing)."""
        spec = self.tracker.by_key[key]
        cell = row.raw.cells.get(key)
        return self.tracker.rule(code).finding(
            sheet=self.sheet,
            cell=cell.ref if cell else None,
            row=row.excel_row,
            column=spec.title,
            value=display(cell.value) if cell else None,
            field=key,
            title=spec.title,
            **details,
        )

    def label(self, row: CheckedRow) -> str:
        """How a message names an action: its ID and row (IDs may be missing or repeated)."""
        action_id = row.raw.cells.get("action_id")
        if action_id is not None and display(action_id.value).strip():
            return f"{display(action_id.value).strip()} (row {row.excel_row})"
        return f"The action on row {row.excel_row}"
