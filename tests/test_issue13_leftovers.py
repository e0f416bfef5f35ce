"""Issue 13's leftovers: the escalated case's closure evidence judged like every other evidence
column, and the supervision trackers' governance thresholds as service settings. Each rule has
a triggering row and a near miss, asserted by code and cell."""

from __future__ import annotations

import pytest
from conftest import AS_OF, without_reviews
from test_supervision_escalations import case, closed

from tracker_tool import api


def _check(tmp_path, kind, rows, policy=None):
    path = tmp_path / f"w-{len(list(tmp_path.iterdir()))}.xlsx"
    api.build_template(kind, path, entries=rows)
    return api.validate_workbook(path, as_of=AS_OF, policy=policy)


def _found(report, code):
    return [(f.cell, f.severity.value) for f in report.findings if f.code == code]


@pytest.mark.parametrize("text", ["Discussed with Jo, all fine", "Done",
                                  "Verbal confirmation from the deputy manager"])
def test_vague_closure_evidence_on_a_closed_case_is_an_error(tmp_path, text):
    report = _check(tmp_path, "supervision-escalations", [closed(closure_evidence=text)])
    assert _found(report, "case.evidence-vague") == [("AA4", "error")]


def test_vague_closure_evidence_on_an_open_case_is_a_warning(tmp_path):
    report = _check(tmp_path, "supervision-escalations", [case(closure_evidence="ok")])
    assert _found(report, "case.evidence-vague") == [("AA4", "warning")]


def test_closure_evidence_naming_the_audits_is_evidence(tmp_path):
    report = _check(tmp_path, "supervision-escalations",
                    [closed(closure_evidence="Review form 20/11 discussed with the HR lead")])
    assert without_reviews(report).findings == []


# -- the supervision governance thresholds are the service's (issue 13, item 7) -------------

def _policy(kind, **values):
    from tracker_tool.policy.service_policy import ServicePolicy
    return ServicePolicy.model_validate({"kinds": {kind: values}})


def _located(report, code):
    return [(f.code, f.cell) for f in report.findings if f.code == code]


def test_theme_repeat_is_a_setting(tmp_path):
    from test_supervision_actions import late
    kind = "supervision-actions"
    two = [late(2, category="Record keeping", line_manager=m, action_id=f"SA-00{i}")
           for i, m in enumerate(("Ann Lee", "Bo Chan"), 1)]
    assert _located(_check(tmp_path, kind, two), "supervision.overdue-theme") == []
    report = _check(tmp_path, kind, two, _policy(kind, theme_repeat=2))
    assert _located(report, "supervision.overdue-theme") == [("supervision.overdue-theme", None)]
    assert {f.key: f.value for f in report.figures}["repeated_overdue_themes"] == 1
    assert "Areas with 2 or more" in next(
        f.note for f in report.figures if f.key == "repeated_overdue_themes")


def test_cluster_min_is_a_setting(tmp_path):
    kind = "supervision-escalations"
    rows = [case(case_id=f"EC-00{i}", line_manager="Gareth Price", staff_name=s)
            for i, s in enumerate(("A Kaur", "B Lowe"), 1)] + [case(case_id="EC-003")]
    assert _located(_check(tmp_path, kind, rows), "case.manager-cluster") == []
    assert _located(_check(tmp_path, kind, rows, _policy(kind, cluster_min=2)),
                    "case.manager-cluster") == [("case.manager-cluster", None)]


def test_min_action_words_is_a_setting(tmp_path):
    from test_supervision_actions import action
    kind = "supervision-actions"
    row = [action(action="Complete the medication e-learning module")]  # five words
    assert _located(_check(tmp_path, kind, row), "supervision.action-untestable") == [
        ("supervision.action-untestable", "D4")]
    assert _located(_check(tmp_path, kind, row, _policy(kind, min_action_words=5)),
                    "supervision.action-untestable") == []


def test_policy_init_explains_the_governance_thresholds(tmp_path):
    from click.testing import CliRunner

    from tracker_tool.cli import cli
    path = tmp_path / "policy.toml"
    assert CliRunner().invoke(cli, ["policy", "init", "--out", str(path)]).exit_code == 0
    text = path.read_text(encoding="utf-8")
    for table in ("supervision-actions", "supervision-escalations", "probation-actions"):
        section = text.split(f"\n[kinds.{table}]\n", 1)[1].split("\n[", 1)[0]
        assert "theme_repeat = 3" in section and "repeated theme" in section
    actions = text.split("\n[kinds.supervision-actions]\n", 1)[1].split("\n[", 1)[0]
    assert "min_action_words = 6" in actions and "cluster_min = 3" in actions


def test_the_figure_counts_done_actions_whose_evidence_names_nothing(tmp_path):
    """Like the action plan's: 'Done' is no evidence seen, so the monthly figure counts it."""
    from test_supervision_actions import done
    rows = [done(action_id="SA-001", evidence_seen="Done"),
            done(action_id="SA-002", evidence_seen=None),
            done(action_id="SA-003")]
    report = _check(tmp_path, "supervision-actions", rows)
    assert {f.key: f.value for f in report.figures}["done_without_evidence"] == 2
    assert _located(report, "supervision.evidence-vague") == [("supervision.evidence-vague", "L4")]
