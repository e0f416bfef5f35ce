"""The finding catalogue as text for `tracker-tool rules` and as the README's Markdown table.

The change codes (raised only when a return is compared with the previous one) follow under
a heading of their own, so nobody reads them as checks a single return can fail.
"""

from __future__ import annotations

from tracker_tool.core.catalogue import RuleInfo

CHANGES_HEADING = "Changes since the previous return"
CHANGES_NOTE = ("raised only by `compare`, or by `validate`, `audit` and `batch` given "
                "`--previous`")


def rules_text(catalogue: tuple[RuleInfo, ...], changes: tuple[RuleInfo, ...] = ()) -> str:
    lines = []
    for rule in catalogue:
        lines.append(f"{rule.code}  [{rule.severity.value}, {rule.clause}]  {rule.title}")
        lines.append(f"    Fix: {rule.fix}")
    if changes:
        lines.append(f"\n{CHANGES_HEADING} ({CHANGES_NOTE.replace('`', '')}):")
        return "\n".join(lines) + "\n" + rules_text(changes)
    return "\n".join(lines) + "\n"


def rules_markdown(catalogue: tuple[RuleInfo, ...], changes: tuple[RuleInfo, ...] = ()) -> str:
    lines = ["| Code | Severity | Policy | Finding | How to fix |", "|---|---|---|---|---|"]
    for rule in catalogue:
        fix = rule.fix.replace("|", "\\|")
        lines.append(f"| `{rule.code}` | {rule.severity.value} | {rule.clause} | {rule.title} "
                     f"| {fix} |")
    if changes:
        lines.append(f"\n**{CHANGES_HEADING}**, {CHANGES_NOTE}:\n")
        return "\n".join(lines) + "\n" + rules_markdown(changes)
    return "\n".join(lines) + "\n"
