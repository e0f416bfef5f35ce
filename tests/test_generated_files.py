"""Committed files generated from the code (templates, JSON Schemas) match what it makes now.

One test per tracker kind, so a new tracker is covered the day it is registered; stale files of
trackers or versions that no longer exist fail too.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from tracker_tool import api
from tracker_tool.write.schema import schema_filename, schema_text, tracker_schema

TRACKERS = api.list_trackers()
STALE = "stale: run `python scripts/regenerate.py` and commit the result"


@pytest.mark.parametrize("tracker", TRACKERS, ids=lambda t: t.kind)
def test_committed_template_is_current(tracker, tmp_path):
    fresh = tmp_path / "fresh.xlsx"
    api.build_template(tracker.kind, fresh)
    committed = ROOT / "workbook_templates" / f"{tracker.kind}-v{tracker.version}.xlsx"
    assert committed.read_bytes() == fresh.read_bytes(), f"{committed.name} is {STALE}"


@pytest.mark.parametrize("tracker", TRACKERS, ids=lambda t: t.kind)
def test_committed_schema_is_current(tracker):
    committed = ROOT / "schemas" / schema_filename(tracker)
    assert committed.read_text() == schema_text(tracker), f"{committed.name} is {STALE}"


def test_no_generated_file_outlives_its_tracker():
    expected_templates = {f"{t.kind}-v{t.version}.xlsx" for t in TRACKERS}
    expected_schemas = {schema_filename(t) for t in TRACKERS}
    assert {p.name for p in (ROOT / "workbook_templates").glob("*.xlsx")} == expected_templates
    assert {p.name for p in (ROOT / "schemas").glob("*.json")} == expected_schemas


@pytest.mark.parametrize("tracker", TRACKERS, ids=lambda t: t.kind)
def test_schema_describes_every_column_with_its_allowed_values(tracker):
    schema = tracker_schema(tracker)
    props = schema["properties"]
    assert list(props) == [spec.key for spec in tracker.columns]
    for spec in tracker.columns:
        prop = props[spec.key]
        assert (prop["title"], prop["x-clause"]) == (spec.title, spec.clause)
        if spec.choices:
            assert prop["enum"] == [*spec.choices, None]
    assert schema["x-tracker"]["schema_fingerprint"] == tracker.fingerprint
    json.dumps(schema)  # plain JSON, nothing Python-only


def test_action_plan_schema_marks_the_policy_required_fields():
    props = tracker_schema(api.get_tracker("action-plan"))["properties"]
    assert props["owner"]["x-blank-is"] == "error"
    assert props["escalation_route"]["x-blank-is"] == "warning"
    assert "x-blank-is" not in props["linked_risk"]
    assert props["due_date"] == {**props["due_date"], "type": ["string", "null"], "format": "date"}
    assert props["high_priority_reason"]["x-policy-list"] == "high_priority_categories"
