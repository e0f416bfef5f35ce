"""Write the default policy as a TOML file with every setting explained, for `policy init`.

The comments are the model's own field descriptions, so the file a manager edits and the
checks that read it back cannot disagree about what a setting means.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping
from datetime import date

from pydantic import BaseModel

from tracker_tool.policy.service_policy import DEFAULT_POLICY, ServicePolicy

_HEADER = """\
# Service policy for tracker-tool: the settings your service adapts from the action-plan
# policy (CQC Regulation 17). Edit the values, keep the names. Section numbers (s9, s13...)
# refer to the Action Plan and Improvement Tracking Policy.
#
# Use it with:  tracker-tool template action-plan --policy {name}
#               tracker-tool audit returned.xlsx --policy {name} --as-of YYYY-MM-DD
"""

_ROSTER_EXAMPLE = """\
# Example entries (remove the # to use them; add one [[roster]] block per person):
# [[roster]]
# name = "Priya Shah"
# role = "Registered Manager"
#
# [[roster]]
# name = "Sam Jones"
# role = "Team Leader"
# left = 2026-10-31
"""


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "value"):
        value = value.value
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        # An inline table: TOML wants it on one line, however long.
        return "{ " + ", ".join(f"{json.dumps(str(k), ensure_ascii=False)} = {_value(v)}"
                                for k, v in value.items()) + " }" if value else "{}"
    if isinstance(value, list):
        if not value:
            return "[]"
        items = [_value(v) for v in value]
        one_line = "[" + ", ".join(items) + "]"
        if len(one_line) <= 80:
            return one_line
        return "[\n" + "".join(f"    {item},\n" for item in items) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


#: Settings written as tables of their own after the plain settings.
_TABLES = ("kinds", "roster")


def _comment(text: str) -> str:
    return "".join(f"# {line}\n" for line in textwrap.wrap(text, 92, break_on_hyphens=False))


def _settings(model: BaseModel) -> str:
    out = []
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if isinstance(value, BaseModel) or name in _TABLES:
            continue
        out.append(_comment(field.description or "") + f"{name} = {_value(value)}\n")
    return "\n".join(out)


def policy_toml(policy: ServicePolicy = DEFAULT_POLICY, name: str = "service-policy.toml",
                kinds: Mapping[str, type[BaseModel]] | None = None) -> str:
    """The policy as commented TOML; reading it back gives an equal policy.

    ``kinds`` maps each tracker kind with settings of its own to its settings model (the
    caller passes them in: the policy does not know the kinds). Each is written as its
    ``[kinds.<kind>]`` table, every setting with its explanation, at the policy's value or the
    kind's default.
    """
    parts = [_HEADER.format(name=name), _settings(policy)]
    for section, field in ServicePolicy.model_fields.items():
        value = getattr(policy, section)
        if isinstance(value, BaseModel):
            parts.append(f"\n[{section}]\n" + _settings(value))
    kinds_field = ServicePolicy.model_fields["kinds"]
    parts.append("\n" + _comment("KINDS. " + kinds_field.description))
    kinds = kinds or {}
    for kind, model in kinds.items():
        parts.append(f"[kinds.{kind}]\n" + _settings(policy.kind_settings(kind, model)))
    for kind, table in policy.kinds.items():
        if kind not in kinds:
            parts.append(f"[kinds.{kind}]\n" + "".join(f"{key} = {_value(val)}\n"
                                                       for key, val in table.items()))
    roster_field = ServicePolicy.model_fields["roster"]
    parts.append("\n" + _comment("ROSTER. " + roster_field.description))
    if policy.roster:
        for person in policy.roster:
            parts.append("[[roster]]\n" + "".join(
                f"{key} = {_value(val)}\n" for key, val in person.model_dump().items()
                if val is not None) + "\n")
    else:
        parts.append(_ROSTER_EXAMPLE)
    return "\n".join(p.rstrip("\n") + "\n" for p in parts)


def policy_markdown(policy: ServicePolicy = DEFAULT_POLICY) -> str:
    """The settings as a Markdown table (setting, default, meaning) for the README."""
    lines = ["| Setting | Default | What it decides |", "|---|---|---|"]

    def rows(model: BaseModel, prefix: str) -> None:
        for name, field in type(model).model_fields.items():
            value = getattr(model, name)
            if isinstance(value, BaseModel):
                rows(value, f"{name}.")
                continue
            shown = "{}" if isinstance(value, dict) else _value(value)
            if isinstance(value, list) and len(value) > 3:
                shown = f"{len(value)} entries" if name != "roster" else "[]"
            elif isinstance(value, list):
                shown = shown.replace("\n", " ")
            text = (field.description or "").replace("|", "\\|")
            lines.append(f"| `{prefix}{name}` | `{shown}` | {text} |")

    rows(policy, "")
    return "\n".join(lines) + "\n"
