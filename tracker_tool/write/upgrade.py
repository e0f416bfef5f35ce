"""Move a return onto the current template of its kind and service: `tracker-tool upgrade`.

A service that kept last year's template gets an upgrade note on every return, and the new
template's columns stay empty until someone copies the actions across by hand, which is
where actions and IDs get lost. This copies every entry (and the plan sheet's items and the
Reviews sheet's records) as it was read, value for value and ID for ID, into a fresh template
of the current version stamped for the same service, and lists every value it found no place
for instead of dropping it.
The input is only read; the new workbook is written atomically by the template writer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tracker_tool.check.validation import CheckedWorkbook
from tracker_tool.core.a1 import column_letter
from tracker_tool.core.cell_values import ExcelError, is_blank
from tracker_tool.errors import UsageError
from tracker_tool.policy.service_policy import ServicePolicy
from tracker_tool.write.template import build_template_file


@dataclass(frozen=True, slots=True)
class Unplaced:
    """A value of the old workbook the new template has no place for, by where it was.

    The value itself is not repeated: it may be personal, and its cell finds it."""

    cell: str
    where: str


@dataclass
class Upgrade:
    """What ``upgrade_file`` wrote: how many entries and plan items, and what it left."""

    out: Path
    kind: str
    from_version: str | None
    to_version: str
    entries: int
    plan_items: int
    service: str | None
    unplaced: list[Unplaced] = field(default_factory=list)
    reviews: int = 0


def _placed(value, ref: str, where: str, unplaced: list[Unplaced]) -> bool:
    """A formula error has no value to copy; the old cell is named instead."""
    if isinstance(value, ExcelError):
        unplaced.append(Unplaced(ref, f"{where}: the formula error {value.code}"))
        return False
    return True


def upgrade_file(checked: CheckedWorkbook, out: str | Path,
                 policy: ServicePolicy | None = None) -> Upgrade:
    """Write ``checked``'s entries onto the current template of its kind at ``out``."""
    report, tracker, grid, hmap = (checked.report, checked.tracker, checked.grid,
                                   checked.header)
    if grid is None or checked.context is None:
        why = next((f.message for f in report.findings if f.code.startswith("workbook.")),
                   "no tracker sheet was found")
        raise UsageError(f"cannot upgrade {Path(report.path).name}: {why}")
    if grid.truncated:
        raise UsageError(f"cannot upgrade {Path(report.path).name}: the sheet has more rows "
                         "than were read; raise --max-rows so every action is copied")
    sheet = grid.name
    unplaced: list[Unplaced] = []
    for r in hmap.title_rows:
        for c, value in enumerate(grid.rows[r]):
            if not is_blank(value):
                unplaced.append(Unplaced(f"{column_letter(c)}{r + 1}",
                                         f"{sheet}, a title above the header"))
    entries = _copied(checked.context.rows, sheet, tracker, hmap.titles, unplaced)
    # The record that the plan was reviewed (Reviews sheet) is evidence of governance in its
    # own right: a return on the version before the sheet simply has none to copy.
    reviews = []
    reviews_ctx = checked.context.reviews_ctx
    if reviews_ctx is not None:
        reviews = _copied(reviews_ctx.rows, reviews_ctx.sheet, reviews_ctx.tracker, {},
                          unplaced)
    plan = {}
    plan_ctx = checked.context.plan_ctx
    if plan_ctx is not None and plan_ctx.rows:
        raw = plan_ctx.rows[0].raw
        for key, value in raw.values.items():
            if _placed(value, raw.refs[key], f"{tracker.plan_sheet}, "
                                             f"{tracker.plan.by_key[key].title}", unplaced):
                plan[key] = value
    service = report.service
    build_template_file(tracker, out, entries, service=service, plan=plan or None,
                        policy=policy, reviews=reviews)
    return Upgrade(Path(out), tracker.kind, report.template_version, tracker.version,
                   len(entries), len(plan), service.name if service else None, unplaced,
                   len(reviews))


def _copied(rows, sheet: str, view, titles: dict, unplaced: list[Unplaced]) -> list[dict]:
    """Each row's values as read, by field key; a formula error or a column the current
    template does not have goes to ``unplaced`` by its cell instead."""
    copied = []
    for row in rows:
        raw = row.raw
        values = raw.values
        entry = {}
        for key, value in (values.pairs() if hasattr(values, "pairs") else values.items()):
            ref = raw.cell(key).ref
            if _placed(value, ref, f"{sheet}, {view.by_key[key].title}", unplaced):
                entry[key] = value
        for c, value in raw.extra.items():
            heading = titles.get(c, "")
            unplaced.append(Unplaced(f"{column_letter(c)}{raw.excel_row}",
                                     f"{sheet}, column '{heading}', which the current "
                                     "template does not have" if heading else
                                     f"{sheet}, a column the current template does not have"))
        copied.append(entry)
    return copied


def upgrade_text(done: Upgrade, source: str | Path) -> str:
    """What the command prints: what was copied where, then every value left behind."""
    plan = f" and {done.plan_items} plan items" if done.plan_items else ""
    if done.reviews:
        plan += f" and {done.reviews} {'review' if done.reviews == 1 else 'reviews'}"
    lines = [f"{Path(source).name} (template {done.from_version or 'unknown'}) -> "
             f"{done.out.name} ({done.kind} template {done.to_version}"
             f"{', for ' + done.service if done.service else ''}): {done.entries} "
             f"{'entry' if done.entries == 1 else 'entries'}{plan} copied."]
    if done.unplaced:
        lines.append(f"{len(done.unplaced)} "
                     f"{'value' if len(done.unplaced) == 1 else 'values'} not placed; copy "
                     "what still matters by hand:")
        lines += [f"  {u.cell} ({u.where})" for u in done.unplaced]
    return "\n".join(lines)
