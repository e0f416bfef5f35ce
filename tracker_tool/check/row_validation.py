"""Rows of cells -> typed records through the tracker's pydantic model, with findings per cell.

Each cell is first read as its column's type (cell_values), then the row is validated by the
model. Every row is checked whole (all its problems are collected); a field that cannot be read
is reported at its cell and then treated as unknown, so the policy rules still run on the rest
of the row without a second report of the same cell. A check the model makes across fields
(a model validator) is reported on the row, and the row is then typed without it.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Iterator

from pydantic import BaseModel, ValidationError

from tracker_tool.check.header_map import HeaderMap
from tracker_tool.check.rule_context import NO_EXTRA, CheckedRow, RawRow, RowValues
from tracker_tool.check.tracker import PolicyColumns, Tracker
from tracker_tool.core.a1 import column_letter, parse_a1
from tracker_tool.core.catalogue import core
from tracker_tool.core.cell_values import (
    PLACEHOLDERS,
    CellProblem,
    ExcelError,
    display,
    is_blank,
    to_text,
)
from tracker_tool.core.findings import Finding
from tracker_tool.policy.service_policy import DEFAULT_POLICY, ServicePolicy
from tracker_tool.read.workbook import SheetGrid


def entry_rows(grid: SheetGrid, hmap: HeaderMap, id_key: str | None = None) -> Iterator[RawRow]:
    """Rows that hold an entry; blank rows and ID-only rows are skipped, and so are the rows
    ``hmap.not_entries`` names (band, key, header and title rows, see check/sheet_layout).

    Rows above the header are read too: a sheet sorted with its header puts actions there.
    Pre-numbered templates leave an ID (``id_key``) in rows nobody has used yet, so a row
    whose only value is its ID is not an entry.
    """
    columns = dict(hmap.columns)  # shared by every row's RowValues
    letters = {key: column_letter(c) for key, c in columns.items()}
    others = [c for key, c in columns.items() if key != id_key]
    extra_cols = list(hmap.unknown)
    rows = grid.rows
    skip = hmap.not_entries
    for r in (*hmap.above, *range(hmap.header_row + 1, len(rows))):
        if r in skip:
            continue
        row = rows[r]
        width = len(row)
        # The values are read through to the grid row: a blank is simply an absent key.
        extra = ({c: row[c] for c in extra_cols if c < width and not is_blank(row[c])}
                 if extra_cols else None) or NO_EXTRA
        if extra or any(c < width and not is_blank(row[c]) for c in others):
            yield RawRow(r + 1, RowValues(row, columns), letters, extra)


def check_row(raw: RawRow, tracker: Tracker, sheet: str, epoch: date,
              policy: ServicePolicy = DEFAULT_POLICY,
              under: PolicyColumns | None = None) -> tuple[CheckedRow, list[Finding]]:
    """Read each cell as its column's type, then validate the row with the tracker's model.

    Returns the typed row and one finding per cell that could not be read. Blank cells are
    left out of what the model sees, so the field's default (None) applies. ``under`` is
    ``tracker.under(policy)``, which a caller checking many rows works out once: it reads the
    policy's lists (and today's date) every time.
    """
    if under is None:
        under = tracker.under(policy)  # choices a service sets come from its policy
    converters = under.readers
    data, invalid, findings = {}, set(), []
    values = raw.values
    for key, value in (values.pairs() if values.__class__ is RowValues else values.items()):
        # Runs once per non-empty cell of the sheet, hence the inlined checks.
        cls = value.__class__
        if cls is str:
            text = value.strip()
            if not text or (len(text) <= 4 and text.casefold() in PLACEHOLDERS):
                continue
        elif cls is ExcelError:
            findings.append(_cell_finding(under, sheet, raw, key, "cell.formula-error", {}))
            invalid.add(key)
            continue
        read = converters.get(key)
        if read is not None:
            try:
                value = read(value, epoch)
            except CellProblem as problem:
                findings.append(_cell_finding(under, sheet, raw, key, problem.code,
                                              problem.details))
                invalid.add(key)
                continue
        elif cls is not str:
            value = to_text(value)  # a number or date typed into a text column
        data[key] = value
    model = tracker.row_model
    while True:
        try:
            record = model.model_validate(data)
            break
        except ValidationError as exc:
            failure = exc
        # Each pass drops a refused field or the model's own validators, or gives up.
        before = (len(data), model)
        for error in failure.errors(include_url=False):
            key = error["loc"][0] if error["loc"] else None
            if key in tracker.by_key:
                findings.append(_cell_finding(under, sheet, raw, key, _code_for(error), {}))
                invalid.add(key)
                data.pop(key, None)
            else:
                findings.append(_row_finding(sheet, raw, error))
                model = _without_model_validators(tracker.row_model)
        if (len(data), model) == before:
            raise failure  # a field the model requires has no default: the tracker is wrong
    return CheckedRow(raw, _shared_fields_set(record), _shared(data),
                      frozenset(invalid) if invalid else _NONE), findings


_NONE: frozenset[str] = frozenset()
#: One frozenset per distinct set of keys: a large sheet's rows mostly fill the same columns,
#: so 100,000 rows share a few hundred sets instead of holding a set (or dict) each.
_KEY_SETS: dict[frozenset[str], frozenset[str]] = {}
_KEY_SETS_LIMIT = 4096


def _shared(keys) -> frozenset[str]:
    """The shared frozenset of ``keys``."""
    keys = frozenset(keys)
    shared = _KEY_SETS.get(keys)
    if shared is None:
        if len(_KEY_SETS) >= _KEY_SETS_LIMIT:
            _KEY_SETS.clear()
        shared = _KEY_SETS[keys] = keys
    return shared


def _shared_fields_set(record: BaseModel) -> BaseModel:
    """``record`` with its set of fields given in the data (pydantic's fields set, a set
    of its own per instance, over 700 bytes for a tracker row) replaced by the shared frozenset
    of the same keys. Nothing changes a checked record, and a frozenset refuses if anything
    tried to, rather than changing every row that shares it.
    """
    fields_set = record.__pydantic_fields_set__
    object.__setattr__(record, "__pydantic_fields_set__", _shared(fields_set))
    return record
_PYDANTIC_PREFIXES = ("Value error, ", "Assertion failed, ")


def _row_finding(sheet: str, raw: RawRow, error: dict) -> Finding:
    """A model-level validator's error: the entry contradicts itself, no one cell is wrong.

    It is anchored at the entry's first cell (top left), so the audit fills and notes a cell
    on the row and lists the row's findings beside it, as it does for a cell's finding.
    """
    refs = [cell.ref for key in raw.letters if (cell := raw.cell(key)) is not None]
    detail = error["msg"]
    for prefix in _PYDANTIC_PREFIXES:
        detail = detail.removeprefix(prefix)
    return core("row.inconsistent").finding(
        sheet=sheet, cell=min(refs, key=parse_a1, default=None), row=raw.excel_row,
        detail=detail)


@cache
def _without_model_validators(model: type[BaseModel]) -> type[BaseModel]:
    """The row model minus its cross-field checks, to type a row one of them refused.

    The refusal is already a finding; the policy rules still need the row's typed values.
    Pydantic calls a model validator by its name on the class being validated, so a subclass
    redefining each one as a pass-through keeps every field's own validation and only those.
    """
    passes = {}
    for name, decorator in model.__pydantic_decorators__.model_validators.items():
        if decorator.info.mode == "after":
            passes[name] = lambda self: self
        elif decorator.info.mode == "before":
            passes[name] = classmethod(lambda cls, data: data)
        else:
            passes[name] = classmethod(lambda cls, data, handler: handler(data))
    return type(model.__name__, (model,), passes)


def _code_for(error: dict) -> str:
    """Our code for a pydantic error type, for values the cell readers let through."""
    kind = error["type"]
    if kind.startswith(("date", "datetime")):
        return "date.not-a-date"
    if kind.startswith(("int", "greater_than", "less_than")):
        return "number.invalid"
    return "choice.not-allowed"


def _cell_finding(under: PolicyColumns, sheet: str, raw: RawRow, key: str, code: str,
                  details: dict) -> Finding:
    spec = under.by_key[key]
    cell = raw.cell(key)
    details = {"hint": "", "allowed": ", ".join(spec.choices), **details}
    return core(code).finding(
        sheet=sheet, cell=cell.ref, row=raw.row_of(key), column=spec.title,
        value=display(cell.value), field=key, title=spec.title, clause=spec.clause, **details,
    )
