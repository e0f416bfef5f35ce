"""Priority and escalation read from Source and Theme (issue 13, item 2; policy s9, s13).

The action plan's [kinds.action-plan] table links sources and themes to the policy's
high-priority categories. Column letters as in test_rules.py: C source, E theme, K priority,
J due, AL escalation record.
"""

from datetime import date

import pytest
from conftest import AS_OF, clean_action, codes, located

from tracker_tool import api
from tracker_tool.policy.service_policy import DEFAULT_POLICY, ServicePolicy
from tracker_tool.policy.toml_file import policy_toml


@pytest.mark.parametrize("changes, category", [
    (dict(theme="Medication"), "medicine safety"),
    (dict(theme="infection control"), "infection control risk"),
    (dict(theme="Staffing"), "staffing risk"),
    (dict(theme="Safeguarding"), "safeguarding"),
    (dict(source="Safeguarding concern", source_ref="SG-1"), "safeguarding"),
    (dict(source="Incident", source_ref="INC-4", title="Serious incident: fall with fracture"),
     "serious incident"),
])
def test_linked_action_below_high_is_flagged_at_its_priority(validate, changes, category):
    report = validate([clean_action(**changes)])
    assert located(report) == {("priority.linked-not-high", "K4")}
    assert category in report.findings[0].message


@pytest.mark.parametrize("changes", [
    dict(theme="Medication", priority="High", high_priority_reason="Medicine safety"),
    dict(theme="Falls"),
    dict(source="Incident", source_ref="INC-5", title="Fall in the lounge, no harm"),
    # The owner's own reason is answered by priority.reason-not-high, not twice.
    dict(theme="Medication", high_priority_reason="Medicine safety"),
])
def test_near_misses_are_not_flagged(validate, changes):
    assert "priority.linked-not-high" not in codes(validate([clean_action(**changes)]))


def test_overdue_linked_action_escalates_from_its_first_late_day(validate):
    late = dict(due_date=date(2026, 11, 18), priority="High",
                high_priority_reason="Immediate safety risk")
    report = validate([clean_action(theme="Staffing", **late)])
    assert ("escalation.due", "AL4") in located(report)
    assert any("linked to staffing risk by its theme 'Staffing'" in r
               for r in report.escalations[0].reasons)
    # Near miss: a theme linked to a category that does not escalate at once (Falls: none).
    calm = validate([clean_action(theme="Falls", due_date=date(2026, 11, 18))])
    assert "escalation.due" not in codes(calm)


@pytest.mark.parametrize("record", ["not escalated", "No", "Pending", "to do", "n/a", "TBC",
                                    "Not escalated."])
def test_an_escalation_record_saying_none_is_none(validate, record):
    report = validate([clean_action(due_date=date(2026, 11, 10), escalation_record=record)])
    assert ("escalation.due", "AL4") in located(report)
    message = next(f.message for f in report.findings if f.code == "escalation.due")
    # 'n/a' and 'TBC' are read as blank before any rule sees them (every placeholder is).
    assert (f"'{record}' records none" in message) == (record not in ("n/a", "TBC"))
    assert report.escalations[0].recorded == ""
    answer = next(a for a in report.review.audit_questions if a.key == "escalated")
    assert answer.figure.startswith("0 of 1")


def test_a_real_escalation_record_still_counts(validate):
    report = validate([clean_action(due_date=date(2026, 11, 10),
                                    escalation_record="Escalated to NI 12/11; decision pending")])
    assert "escalation.due" not in codes(report)


def test_a_service_maps_its_own_sources_and_themes(make_workbook):
    path = make_workbook([clean_action(theme="Falls")])
    own = ServicePolicy.model_validate({"kinds": {"action-plan": {
        "high_priority_themes": {"Falls": "Immediate safety risk"}}}})
    found = located(api.validate_workbook(path, as_of=AS_OF, policy=own))
    assert found == {("priority.linked-not-high", "K4")}
    none = ServicePolicy.model_validate({"kinds": {"action-plan": {
        "high_priority_themes": {}, "high_priority_sources": {}}}})
    medication = make_workbook([clean_action(theme="Medication")])
    assert api.validate_workbook(medication, as_of=AS_OF, policy=none).findings == []


def test_the_links_leave_the_fingerprint_alone(tmp_path):
    """The defaults written out by policy init read back as the default policy, fingerprint
    included, so templates stamped before this setting existed still match."""
    path = tmp_path / "policy.toml"
    api.write_policy(path)
    text = path.read_text()
    assert "[kinds.action-plan]" in text and '"Medication" = "Medicine safety"' in text
    assert api.load_policy(path).fingerprint == DEFAULT_POLICY.fingerprint
    changed = text.replace('"Medication" = "Medicine safety"', '"Medication" = "Safeguarding"')
    path.write_text(changed)
    assert api.load_policy(path).fingerprint != DEFAULT_POLICY.fingerprint
    assert "high_priority_themes" in policy_toml(kinds=api.kind_settings_models())
