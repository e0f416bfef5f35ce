"""A comparison as text, JSON or CSV: the same facts as the audit's Changes sheet.

Kept apart from render.py so the single-return renderings stay as they are.
"""

from __future__ import annotations

import csv
import io
import json
from tracker_tool.core.changes import Comparison
from tracker_tool.core.findings import FINDING_KEYS
from tracker_tool.core.wording import plural, printable
from tracker_tool.write.render import _inert

#: A change's own keys after the finding's (whose keys already hold the action's ID).
CSV_COLUMNS = ("path", *FINDING_KEYS, "previous_value", "located_in")


def to_json(comparison: Comparison) -> str:
    return json.dumps(comparison.to_dict(), indent=2, ensure_ascii=False)


def to_csv(comparison: Comparison) -> str:
    """One row per change, rows ending in CRLF for the reason render.to_csv gives."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for change in comparison.changes:
        path = comparison.current.path if change.located_in == "current" \
            else comparison.previous.path
        data = change.to_dict()
        writer.writerow([_inert(path), *(_inert(data[key]) for key in CSV_COLUMNS[1:])])
    return buffer.getvalue()


def _number(value) -> str:
    return "n/a" if value is None else f"{value:g}"


def figure_lines(comparison: Comparison) -> list[str]:
    width = max((len(f.label) for f in comparison.figures), default=0)
    lines = [f"  {'Figure':<{width}}  {'Last time':>9}  {'Now':>6}  Change"]
    for fig in comparison.figures:
        change = "" if fig.change is None else f"{fig.change:+g} ({fig.direction})"
        lines.append(f"  {fig.label:<{width}}  {_number(fig.previous):>9}  "
                     f"{_number(fig.current):>6}  {change}".rstrip())
    return lines


def to_text(comparison: Comparison) -> str:
    was, now = comparison.previous, comparison.current
    lines = [f"{now.path} compared with {was.path} "
             f"(as of {now.as_of.strftime('%d/%m/%Y')}; last time as of "
             f"{was.as_of.strftime('%d/%m/%Y')}): {plural(len(comparison.changes), 'change')} "
             f"breaking a rule, {plural(comparison.errors, 'error')}"]
    lines += [f"  Note: {note}" for note in comparison.notes]
    for change in comparison.changes:
        f = change.finding
        where = f"{f.sheet}!{f.cell}" if f.sheet and f.cell else "workbook"
        lines.append(f"  {where:<14} {f.severity.value:<8} {f.code:<26} {f.message} [{f.clause}]")
    if comparison.listed:
        lines.append("Also changed:")
        for item in comparison.listed:
            what = " -> ".join(v for v in (item.previous_value, item.value) if v)
            lines.append(f"  {item.action_id or '(no ID)':<10} {item.change}"
                         + (f": {what}" if what else ""))
    if comparison.figures:
        lines.append("Figures:")
        lines += figure_lines(comparison)
    return "\n".join(printable(line) for line in lines) + "\n"
