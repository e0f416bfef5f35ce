"""Rules added to close gaps found by tracing the source documents (docs/traceability.md):
each with a triggering row and a near miss, asserted by code and cell."""

from __future__ import annotations

import pytest
from conftest import AS_OF, clean_action, done_action

from tracker_tool import api


def _found(tmp_path, rows, code):
    path = tmp_path / f"t-{len(list(tmp_path.iterdir()))}.xlsx"
    api.build_template("action-plan", path, entries=rows)
    report = api.validate_workbook(path, as_of=AS_OF)
    return [(f.cell, f.severity.value, f.message) for f in report.findings if f.code == code]


@pytest.mark.parametrize("status", ["Complete", "Closed"])
def test_a_done_action_needs_its_completion_decision(tmp_path, status):
    row = done_action(status=status, outcome_achieved=None, further_action=None,
                      closure_reviewed_by="Tom Okafor")
    found = _found(tmp_path, [row], "completion.decision-missing")
    assert [(cell, severity) for cell, severity, _ in found] == [("AB4", "warning"),
                                                                  ("AC4", "warning")]
    assert f"is marked {status} but 'Outcome achieved' is blank" in found[0][2]


def test_one_blank_decision_is_one_finding(tmp_path):
    found = _found(tmp_path, [done_action(further_action=None)], "completion.decision-missing")
    assert [(cell, severity) for cell, severity, _ in found] == [("AC4", "warning")]


def test_near_misses_a_recorded_decision_or_an_open_action(tmp_path):
    assert _found(tmp_path, [done_action(outcome_achieved="Partly", further_action="No")],
                  "completion.decision-missing") == []
    assert _found(tmp_path, [clean_action()], "completion.decision-missing") == []
