"""What a policy rule sees: typed rows that remember their cells, the audit date and the tracker.

Rules never touch the reader or pydantic errors; they get CheckedRows and report findings
through ``RuleContext.at`` so every finding carries the cell, row, header and value typed.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from pydantic import BaseModel

from tracker_tool.check.tracker import Tracker
from tracker_tool.core.a1 import row_number
from tracker_tool.core.cell_values import display
from tracker_tool.core.findings import Finding
from tracker_tool.policy.service_policy import DEFAULT_POLICY, ServicePolicy


@dataclass(frozen=True, slots=True)
class Cell:
    """A value as read from the workbook, with the sheet position it came from."""

    value: object
    ref: str


class RowValues(Mapping):
    """A grid row's non-empty values by field key, read through to the row itself.

    The reader's list of cells is kept for the audit anyway, so a row's values are not copied
    into a dict of their own: ``columns`` (field key -> 0-based column) is shared by every row
    of a sheet. A key is present when its cell holds something other than None or "", as in
    the dict it stands for.
    """

    __slots__ = ("_row", "_columns")

    def __init__(self, row: list, columns: Mapping[str, int]):
        self._row = row
        self._columns = columns

    def __getitem__(self, key: str):
        c = self._columns[key]
        row = self._row
        if c < len(row):
            v = row[c]
            if v is not None and v != "":
                return v
        raise KeyError(key)

    def get(self, key: str, default=None):
        c = self._columns.get(key)
        row = self._row
        if c is not None and c < len(row):
            v = row[c]
            if v is not None and v != "":
                return v
        return default

    def __contains__(self, key) -> bool:
        return self.get(key, _ABSENT) is not _ABSENT

    def pairs(self) -> Iterator[tuple[str, object]]:
        """(key, value) for each non-empty cell, in column-map order: items() without lookups."""
        row = self._row
        width = len(row)
        for key, c in self._columns.items():
            if c < width and (v := row[c]) is not None and v != "":
                yield key, v

    def __iter__(self) -> Iterator[str]:
        return (key for key, _ in self.pairs())

    def __len__(self) -> int:
        return sum(1 for _ in self.pairs())

    def __repr__(self) -> str:
        return f"RowValues({dict(self.pairs())!r})"


_ABSENT = object()
#: The unmatched columns of a row that has none, shared rather than an empty dict a row.
NO_EXTRA: Mapping[int, object] = MappingProxyType({})


@dataclass(slots=True)
class RawRow:
    """One entry row of the tracker sheet: values by field key, plus unmatched columns.

    ``letters`` (field key -> column letter) is shared by every row of a sheet; a Cell with
    its A1 reference is only made when someone asks, because most cells never need one.
    ``values`` is any mapping: a dict, or for the tracker sheet a RowValues over the grid row.
    """

    excel_row: int
    values: Mapping[str, object]
    letters: dict[str, str]
    extra: Mapping[int, object] = field(default_factory=dict)
    #: For an entry laid out down a sheet (the plan sheet): field key -> its own A1 reference.
    refs: dict[str, str] | None = None

    def cell(self, key: str) -> Cell | None:
        """The cell of ``key`` in this row (value None when empty); None if no such column."""
        if self.refs is not None:
            ref = self.refs.get(key)
            return None if ref is None else Cell(self.values.get(key), ref)
        letter = self.letters.get(key)
        if letter is None:
            return None
        return Cell(self.values.get(key), f"{letter}{self.excel_row}")

    def row_of(self, key: str) -> int:
        """The Excel row a field's cell is on: the entry's row, or its own on the plan sheet."""
        if self.refs is not None and key in self.refs:
            return row_number(self.refs[key])
        return self.excel_row


@dataclass(slots=True)
class CheckedRow:
    """A row after the model: the typed record, which fields held a value, which were unreadable.

    ``present`` holds the keys of the readable values handed to the model (a mapping of them
    will do); rows with the same keys share one frozenset, rather than a set of blanks each.
    """

    raw: RawRow
    record: BaseModel
    present: Collection[str]
    invalid: frozenset[str]

    @property
    def excel_row(self) -> int:
        return self.raw.excel_row

    def missing(self, key: str) -> bool:
        """Blank (or a placeholder), as opposed to present but unreadable."""
        return key not in self.present and key not in self.invalid

    def get(self, key: str):
        return getattr(self.record, key)


@dataclass
class RuleContext:
    """Everything a rule needs, with helpers that locate findings precisely."""

    tracker: Tracker
    sheet: str
    rows: list[CheckedRow]
    as_of: date
    memo: dict = field(default_factory=dict)
    #: The plan sheet's context, for trackers with plan-level facts (see Tracker.plan_model).
    plan_ctx: RuleContext | None = None
    #: The Reviews sheet's context (check/reviews_sheet), for kinds that have one.
    reviews_ctx: RuleContext | None = None
    #: The service policy the rules apply (thresholds, lists, calendar), handed in by the caller.
    policy: ServicePolicy = DEFAULT_POLICY

    @property
    def plan_row(self) -> CheckedRow | None:
        return self.plan_ctx.rows[0] if self.plan_ctx and self.plan_ctx.rows else None

    def remember(self, name: str, row: CheckedRow, compute):
        """Compute a fact about a row once, however many rules and figures ask for it."""
        key = (name, row.raw.excel_row)
        memo = self.memo
        found = memo.get(key, _ABSENT)
        if found is _ABSENT:
            found = memo[key] = compute(row, self)
        return found

    def at(self, row: CheckedRow, key: str, code: str, severity=None, **details) -> Finding:
        """A finding on ``key``'s cell in ``row`` (the row alone when the column is missing).

        Messages may use ``{label}`` (the action's ID and row); it is only worked out here,
        for the rows that do have a finding. ``severity`` overrides the code's own where the
        policy is stricter for some actions (an error rather than a warning when high risk).
        """
        spec = self.tracker.by_key[key]
        raw = row.raw
        if raw.refs is None:  # a table row: its cell is worked out here, without a Cell
            letter = raw.letters.get(key)
            ref, value = ((None, None) if letter is None
                          else (f"{letter}{raw.excel_row}", display(raw.values.get(key))))
            where = raw.excel_row
        else:
            cell = raw.cell(key)
            ref, value = (cell.ref, display(cell.value)) if cell else (None, None)
            where = raw.row_of(key)
        return self.tracker.rule(code).finding(
            sheet=self.sheet,
            cell=ref,
            row=where,
            column=spec.title,
            value=value,
            field=key,
            title=spec.title,
            label=self.label(row),
            severity=severity,
            **details,
        )

    def plan(self, code: str, key: str | None = None, **details) -> Finding:
        """A finding about the plan as a whole (owner concentration, a repeated theme)."""
        spec = self.tracker.by_key[key] if key else None
        return self.tracker.rule(code).finding(
            sheet=self.sheet, column=spec.title if spec else None, field=key, **details)

    def label(self, row: CheckedRow) -> str:
        """How a message names an action: its ID and row (IDs may be missing or repeated)."""
        if row.raw.refs is not None:
            return "The plan"
        id_key = self.tracker.id_key
        text = (display(row.raw.values.get(id_key)).strip()
                if id_key and id_key in row.raw.letters else "")
        if text:
            if text.isdigit():  # a bare number reads better as "Action 4"
                text = f"{self.tracker.by_key[self.tracker.id_key].title} {text}"
            return f"{text} (row {row.excel_row})"
        return f"The action on row {row.excel_row}"
