"""Rules every tracker can use as they are: required fields and unique identifiers.

Which fields are required comes from each column's ``Column.required``, so the template's
"required" marks, the instructions and these checks are the same fact.
"""

from __future__ import annotations

from typing import Callable, Iterator

from tracker_tool.check.rule_context import RuleContext
from tracker_tool.core.catalogue import RuleInfo
from tracker_tool.core.cell_values import display
from tracker_tool.core.columns import ColumnSpec
from tracker_tool.core.findings import Finding, Severity


def required_catalogue(columns: tuple[ColumnSpec, ...]) -> tuple[RuleInfo, ...]:
    """One ``<stem>.missing`` code per required column, with that column's clause."""
    return tuple(
        RuleInfo(
            f"{spec.stem}.missing", f"{spec.title} missing", spec.required, spec.clause,
            "{label}: " + spec.title + " {state}.",
            f"Fill in the {spec.title} column. {spec.help}",
        )
        for spec in columns if spec.required is not None
    )


def required_fields(ctx: RuleContext) -> Iterator[Finding]:
    """Blank or placeholder ('TBC', 'n/a', '-') in a column the policy requires.

    A column missing from the sheet is reported once as column.missing, not on every row.
    """
    present = ctx.rows[0].raw.letters if ctx.rows else {}
    required = [spec for spec in ctx.tracker.columns
                if spec.required is not None and spec.key in present]
    for row in ctx.rows:
        for spec in required:
            if row.missing(spec.key):
                cell = row.raw.cell(spec.key)
                typed = display(cell.value).strip() if cell else ""
                state = f"holds only the placeholder '{typed}'" if typed else "is blank"
                yield ctx.at(row, spec.key, f"{spec.stem}.missing",
                             state=state)


def unique_values(key: str, missing_code: str, duplicate_code: str) -> Callable:
    """A rule that wants ``key`` filled and unique across the sheet (an action ID, say)."""

    def rule(ctx: RuleContext) -> Iterator[Finding]:
        first_seen: dict[str, int] = {}
        for row in ctx.rows:
            if row.missing(key):
                yield ctx.at(row, key, missing_code)
                continue
            value = display(row.get(key)).strip().casefold()
            if value in first_seen:
                yield ctx.at(row, key, duplicate_code, first=first_seen[value])
            else:
                first_seen[value] = row.excel_row

    rule.__name__ = f"unique_{key}"
    return rule


__all__ = ["required_catalogue", "required_fields", "unique_values", "Severity"]
