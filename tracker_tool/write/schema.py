"""JSON Schema for each tracker's rows, so commissioners' own systems can read the same columns.

Built from the column specs (the same ones behind the template and the read-back), not from
pydantic's own schema: the specs carry what a consumer needs and pydantic does not know (the
column title and letter, the policy clause, which blanks the policy treats as errors).
"""

from __future__ import annotations

import json

from tracker_tool.check.tracker import HEADER_ROW, Tracker
from tracker_tool.core.a1 import column_letter
from tracker_tool.core.columns import ColumnSpec, Kind
from tracker_tool.policy.service_policy import DEFAULT_POLICY, ServicePolicy

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _property(spec: ColumnSpec, plan: bool = False) -> dict:
    prop: dict = {"title": spec.title, "description": spec.help}
    if spec.kind is Kind.DATE:
        prop["type"] = ["string", "null"]
        prop["format"] = "date"
    elif spec.kind is Kind.WHOLE_NUMBER:
        prop["type"] = ["integer", "null"]
        prop["minimum"] = 0
    elif spec.kind is Kind.CHOICE:
        prop["enum"] = [*spec.choices, None]
    else:
        prop["type"] = ["string", "null"]
    if spec.options:
        prop["x-policy-list"] = spec.options
    if spec.example:
        prop["examples"] = [spec.example]
    if not plan:
        prop["x-column"] = column_letter(spec.index)
    prop["x-clause"] = spec.clause
    prop["x-group"] = spec.group
    if spec.required is not None:
        prop["x-blank-is"] = spec.required.value
    return prop


def tracker_schema(tracker: Tracker, policy: ServicePolicy = DEFAULT_POLICY) -> dict:
    """The JSON Schema of one row of ``tracker``'s sheet; lists a service sets are given as
    ``policy`` has them (the default policy's in the committed schemas)."""
    columns = tracker.under(policy).columns
    plan_columns = tracker.plan.under(policy).columns if tracker.plan is not None else ()
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://tracker-tool.invalid/schemas/{tracker.kind}-v{tracker.version}.schema.json",
        "title": f"{tracker.title}: one row",
        "description": (f"{tracker.summary} Every field may be blank at the type level; "
                        "x-blank-is gives the severity of a blank the policy does not allow."),
        "type": "object",
        "additionalProperties": False,
        "properties": {spec.key: _property(spec) for spec in columns},
        "x-tracker": {
            "kind": tracker.kind, "version": tracker.version,
            "schema_fingerprint": tracker.fingerprint, "sheet": tracker.sheet_name,
            "header_row": HEADER_ROW + 1,
        },
        **({"x-plan": {
            "description": "Facts the plan has once, on their own sheet (item, entry in column C).",
            "sheet": tracker.plan_sheet, "type": "object", "additionalProperties": False,
            "properties": {spec.key: _property(spec, plan=True) for spec in plan_columns},
        }} if tracker.plan is not None else {}),
    }


def schema_text(tracker: Tracker) -> str:
    return json.dumps(tracker_schema(tracker), indent=2, ensure_ascii=False) + "\n"


def schema_filename(tracker: Tracker) -> str:
    return f"{tracker.kind}-v{tracker.version}.schema.json"
