"""The finding catalogue as text for `tracker-tool rules` and as the README's Markdown table."""

from __future__ import annotations

from tracker_tool.core.catalogue import RuleInfo


def rules_text(catalogue: tuple[RuleInfo, ...]) -> str:
    lines = []
    for rule in catalogue:
        lines.append(f"{rule.code}  [{rule.severity.value}, {rule.clause}]  {rule.title}")
        lines.append(f"    Fix: {rule.fix}")
    return "\n".join(lines) + "\n"


def rules_markdown(catalogue: tuple[RuleInfo, ...]) -> str:
    lines = ["| Code | Severity | Policy | Finding | How to fix |", "|---|---|---|---|---|"]
    for rule in catalogue:
        fix = rule.fix.replace("|", "\\|")
        lines.append(f"| `{rule.code}` | {rule.severity.value} | {rule.clause} | {rule.title} "
                     f"| {fix} |")
    return "\n".join(lines) + "\n"
