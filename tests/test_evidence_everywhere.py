"""Evidence that is no evidence, in every kind's evidence column (issue 13, item 1): a report
of what someone said, or weak words only, is no evidence however long; on a done entry it is
an error, as a blank is, and typing 'Done' never turns that error into a warning. Each case is
a triggering row and a near miss, asserted by code, cell and severity."""

from __future__ import annotations

import pytest
from conftest import AS_OF, done_action
from test_ombudsman_plan import actions as omb_actions
from test_ombudsman_plan import done_action as omb_done
from test_ombudsman_plan import plan_facts
from test_probation_actions import completed as probation_done
from test_safeguarding_plan import plan as sg_plan
from test_supervision_actions import done as supervision_done

from tracker_tool import api

HEARSAY = "Verbal confirmation from the housekeeping supervisor"

#: kind -> (rows with the evidence cell set to a text, its cell, its code, extra build args)
KINDS = {
    "action-plan": (lambda t: [done_action(completion_evidence=t)], "AA4", "evidence.vague"),
    "ombudsman-plan": (lambda t: omb_actions(omb_done(evidence=t)), None, "evidence.vague"),
    "safeguarding-plan": (lambda t: sg_plan(status="Implemented", evidence=t), "O4",
                          "evidence.vague"),
    "supervision-actions": (lambda t: [supervision_done(evidence_seen=t)], "L4",
                            "supervision.evidence-vague"),
    "probation-actions": (lambda t: [probation_done(evidence_reviewed=t)], "O4",
                          "probation.evidence-vague"),
}


def findings(tmp_path, kind, text):
    rows, _, code = KINDS[kind]
    path = tmp_path / f"e-{len(list(tmp_path.iterdir()))}.xlsx"
    extra = {"plan": plan_facts()} if kind == "ombudsman-plan" else {}
    api.build_template(kind, path, entries=rows(text), **extra)
    report = api.validate_workbook(path, as_of=AS_OF)
    return [(f.code, f.cell, f.severity.value) for f in report.findings if f.code == code]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("text", [HEARSAY, "Done", "done ok, seen, as discussed",
                                  "Staff confirmed they had read it"])
def test_no_evidence_on_a_done_entry_is_an_error(tmp_path, kind, text):
    found = findings(tmp_path, kind, text)
    assert [(code, severity) for code, _, severity in found] == [(KINDS[kind][2], "error")]
    if KINDS[kind][1]:
        assert found[0][1] == KINDS[kind][1]


@pytest.mark.parametrize("kind", KINDS)
def test_a_named_record_is_evidence(tmp_path, kind):
    assert findings(tmp_path, kind, "Spot check record SC-14 signed by the deputy") == []


def test_verbal_confirmation_cannot_close_a_high_risk_action_nor_count_as_attached(tmp_path):
    high = done_action(completion_evidence=HEARSAY, priority="High",
                       high_priority_reason="Infection control risk", effectiveness_needed="Yes",
                       effectiveness_due=AS_OF.replace(day=30))
    path = tmp_path / "high.xlsx"
    api.build_template("action-plan", path, entries=[high])
    report = api.validate_workbook(path, as_of=AS_OF)
    vague = [f for f in report.findings if f.code == "evidence.vague"]
    assert [(f.cell, f.severity.value) for f in vague] == [("AA4", "error")]
    assert "high-risk" in vague[0].message
    figures = {f.key: f.value for f in report.figures}
    assert figures["done_without_evidence"] == 1
    evidenced = next(a for a in report.review.audit_questions if a.key == "evidenced")
    assert evidenced.met is False and "0 of 1" in evidenced.figure + evidenced.detail
