"""The safeguarding action plan tracker: every finding code with a triggering row and a near miss.

Rows start at Excel row 4. Column letters follow the template (v1.0): A id, B concern ref,
C concern type, D learning, E date raised, F action type, G action, H named lead, I due,
J risk level, K status, L RAG, M RAG narrative, N narrative date, O evidence, P last reviewed,
Q next review, R review cycles, S senior assurance, T-W the four closure tests, X closure
date, Y closed by.

Most tests change the first action of a four-action plan for one concern, so the other three
actions cover the four action types and the plan as a whole is clean.
"""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
from conftest import AS_OF, codes, located, without_reviews

from tracker_tool import api
from tracker_tool.core.findings import Severity
from tracker_tool.policy.service_policy import ServicePolicy, StaffMember

KIND = "safeguarding-plan"
TYPES = ("Risk-control measure", "Practice change", "Oversight mechanism", "Evidence measure")


def sg_action(**changes) -> dict:
    """A well-kept open action that raises nothing on AS_OF when its concern has all four types."""
    row = {
        "action_id": "SG-01", "concern_ref": "SAF-2026-014",
        "concern_type": "Restrictive practice",
        "learning": "Holds were used without being recorded or debriefed",
        "date_raised": date(2026, 11, 2), "action_type": "Oversight mechanism",
        "action": "Deputy manager reviews every restrictive practice log entry each week and "
                  "feeds back to the staff involved",
        "owner": "Ruth Adeyemi", "due_date": date(2026, 12, 1), "risk_level": "Medium",
        "status": "In progress", "rag": "Green",
        "rag_narrative": "Weekly log reviews started; two entries corrected",
        "narrative_date": date(2026, 11, 16),
        "evidence": "Restrictive practice log, weekly sign-off",
        "last_review": date(2026, 11, 10), "next_review": date(2026, 12, 8), "review_cycles": 1,
    }
    row.update(changes)
    return row


def closed_action(**changes) -> dict:
    """A high-risk action closed on the full closure test, after three review cycles."""
    row = sg_action(
        risk_level="High", status="Closed", review_cycles=3, next_review=None,
        senior_assurance="Board quality report 15/10/2026",
        risk_indicators="Restrictive interventions: 14 in July, 5 in October",
        practice_audit="Restrictive practice record audit AUD-112: 19 of 20 compliant",
        competency_evidence="PBS scenario competency checks: 12 of 12 staff passed",
        governance_minutes="Safeguarding governance minutes 10/11/2026 item 4",
        closure_date=date(2026, 11, 10), closed_by="Tom Becket",
    )
    row.update(changes)
    return row


def plan(first: dict | None = None, **changes) -> list[dict]:
    """Four actions for one concern, one of each type; ``changes`` apply to the first only."""
    rows = [sg_action(action_id=f"SG-0{n}", action_type=kind) for n, kind in
            enumerate(TYPES, start=1)]
    if first is not None:
        rows[0] = {**first, "action_id": "SG-01", "action_type": TYPES[0]}
    rows[0].update(changes)
    return rows


@pytest.fixture
def check(tmp_path):
    counter = iter(range(1, 10_000))

    def run(rows, policy=None):
        path = tmp_path / f"sg-{next(counter)}.xlsx"
        api.build_template(KIND, path, entries=rows)
        return without_reviews(api.validate_workbook(path, as_of=AS_OF, policy=policy))

    return run


def test_clean_plans_raise_nothing(check):
    report = check(plan())
    assert report.findings == [] and report.rows == 4 and report.ok
    assert check(plan(closed_action())).findings == []


def test_template_holds_the_model_columns(tmp_path):
    out = tmp_path / "t.xlsx"
    api.build_template(KIND, out)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:2] == ["Instructions", "Safeguarding actions"]
    sheet = book["Safeguarding actions"]
    assert sheet["A2"].value == "action_id" and sheet["H3"].value == "Named lead *"
    assert sheet["T3"].value == "Risk indicators over time"
    assert api.validate_workbook(out, as_of=AS_OF).findings == []


@pytest.mark.parametrize("field, cell, code", [
    ("concern_type", "C4", "concern-type.missing"),
    ("learning", "D4", "learning.missing"),
    ("date_raised", "E4", "date-raised.missing"),
    ("action", "G4", "action.missing"),
    ("owner", "H4", "lead.missing"),
    ("due_date", "I4", "due-date.missing"),
    ("risk_level", "J4", "risk-level.missing"),
    ("status", "K4", "status.missing"),
])
def test_required_field_blank(check, field, cell, code):
    assert located(check(plan(**{field: None}))) == {(code, cell)}


def test_action_type_blank_also_leaves_the_concern_short_of_a_type(check):
    report = check(plan(action_type=None))
    assert located(report) == {("action-type.missing", "F4"), ("concern.types-missing", "B4")}
    assert "risk-control measure" in report.findings[0].message


def test_missing_concern_reference_unlinks_the_action_from_its_concern(check):
    report = check(plan(concern_ref="TBC"))
    assert located(report) == {("concern-ref.missing", "B4"), ("concern.types-missing", "B5")}
    assert report.findings[0].severity is Severity.ERROR


@pytest.mark.parametrize("lead", ["Care team", "All staff", "Management", "Night staff",
                                  "Senior management team", "SLT", "Shift leads", "everyone",
                                  "Whole home", "The provider", "Care home"])
def test_team_as_lead(check, lead):
    report = check(plan(owner=lead))
    assert located(report) == {("lead.group", "H4")}
    assert report.findings[0].severity is Severity.ERROR


@pytest.mark.parametrize("lead", ["Team leader Jo Bell", "Ruth Adeyemi", "Adeyemi, Ruth"])
def test_person_as_lead_is_clean(check, lead):
    assert check(plan(owner=lead)).findings == []


def test_team_lead_is_flagged_even_when_the_policy_lets_teams_own_actions(check):
    policy = ServicePolicy(ownership={"team_may_own": True})
    assert located(check(plan(owner="Care team"), policy)) == {("lead.group", "H4")}


def test_several_leads(check):
    assert located(check(plan(owner="Ruth Adeyemi and Tom Becket"))) == {("lead.several", "H4")}
    assert located(check(plan(owner="Ruth Adeyemi / Tom Becket"))) == {("lead.several", "H4")}


def test_roster_checks(check):
    roster = [StaffMember(name="Ruth Adeyemi", role="Deputy Manager"),
              StaffMember(name="Tom Becket", role="Registered Manager", left=date(2026, 11, 1))]
    policy = ServicePolicy(roster=roster)
    rows = plan(owner="Rita Adeyemi")
    rows[1]["owner"] = "Tom Becket"
    rows[2]["owner"] = "Tom Becket"
    rows[2]["status"] = "Closed"  # a leaver may keep a closed action
    report = check(rows, policy)
    assert {("lead.not-on-roster", "H4"), ("lead.has-left", "H5")} <= located(report)
    assert ("lead.has-left", "H6") not in located(report)
    assert check(plan(), policy).findings == []


def test_duplicate_and_missing_action_ids(check):
    rows = plan()
    rows[1]["action_id"] = "SG-01"
    rows[2]["action_id"] = None
    assert located(check(rows)) == {("action-id.duplicate", "A5"), ("action-id.missing", "A6")}


def test_tick_box_action_standing_alone(check):
    row = sg_action(action="Staff reminded of the recording policy at handover",
                    action_type="Practice change")
    report = check([row])
    assert ("action.tick-box", "G4") in located(report)
    tick = next(f for f in report.findings if f.code == "action.tick-box")
    assert "'staff reminded'" in tick.message and "SAF-2026-014" in tick.message


def test_tick_box_within_a_broader_response_is_not_flagged(check):
    report = check(plan(action="Policy reissued to all staff with a read-and-sign sheet"))
    assert report.findings == []


def test_a_date_does_not_make_a_reminder_more_than_a_reminder(check):
    row = sg_action(action="Staff reminded of the recording policy at handover on 12/10/2026",
                    action_type="Practice change")
    assert ("action.tick-box", "G4") in located(check([row]))


def test_tick_box_that_says_how_it_is_tested_is_not_flagged(check):
    row = sg_action(action="Staff reminded of the recording policy; spot check ten records "
                           "each week", action_type="Practice change")
    assert "action.tick-box" not in codes(check([row]))


def test_tick_boxes_on_another_concern_do_not_count_as_a_broader_response(check):
    rows = plan()
    rows.append(sg_action(action_id="SG-05", concern_ref="SAF-2026-020",
                          action="Policy reissued to all staff by email"))
    rows.append(sg_action(action_id="SG-06", concern_ref="SAF-2026-020",
                          action="Staff reminded to record every hold"))
    found = located(check(rows))
    assert {("action.tick-box", "G8"), ("action.tick-box", "G9")} <= found


def test_vague_action(check):
    report = check(plan(action="Review the logs"))
    assert located(report) == {("action.vague", "G4")}
    assert "3 words" in report.findings[0].message
    assert check(plan(action="Review the restraint logs every week")).findings == []


def test_concern_without_every_type_of_action(check):
    rows = plan()[1:]
    report = check(rows)
    assert located(report) == {("concern.types-missing", "B4")}
    assert "risk-control measure" in report.findings[0].message
    assert "3 actions" in report.findings[0].message


def test_a_closed_concern_is_not_judged_for_balance(check):
    rows = [closed_action(action_id=f"SG-0{n}", action_type="Practice change")
            for n in (1, 2)]
    assert check(rows).findings == []


def test_due_before_raised(check):
    assert located(check(plan(due_date=date(2026, 11, 1)))) >= {
        ("dates.due-before-raised", "I4")}
    assert "dates.due-before-raised" not in codes(check(plan(due_date=date(2026, 11, 2))))


def test_dates_after_the_audit_date(check):
    later = date(2026, 11, 22)
    report = check(plan(date_raised=later, narrative_date=later, last_review=later,
                        due_date=date(2026, 12, 10)))
    assert located(report) == {("dates.in-future", "E4"), ("dates.in-future", "N4"),
                               ("dates.in-future", "P4")}
    closed = check(plan(closed_action(closure_date=later)))
    assert ("dates.in-future", "X4") in located(closed)
    assert check(plan(date_raised=AS_OF, narrative_date=AS_OF, last_review=AS_OF)).findings == []


def test_overdue_and_green_but_overdue(check):
    report = check(plan(due_date=date(2026, 11, 20)))
    assert located(report) == {("action.overdue", "I4"), ("rag.green-overdue", "L4")}
    overdue = next(f for f in report.findings if f.code == "action.overdue")
    assert "1 day overdue" in overdue.message
    assert located(check(plan(due_date=date(2026, 11, 20), rag="Red"))) == {
        ("action.overdue", "I4")}
    assert check(plan(due_date=date(2026, 11, 20), status="Implemented")).findings == []
    assert check(plan(due_date=AS_OF)).findings == []


def test_rag_missing(check):
    report = check(plan(rag=None))
    assert located(report) == {("rag.missing", "L4")}
    assert "marked In progress" in report.findings[0].message


def test_rag_without_narrative(check):
    assert located(check(plan(rag_narrative=None, narrative_date=None))) == {
        ("rag.no-narrative", "L4")}
    assert located(check(plan(closed_action(rag_narrative=None, narrative_date=None)))) == {
        ("rag.no-narrative", "L4")}


def test_rag_narrative_undated(check):
    assert located(check(plan(narrative_date=None))) == {("rag.narrative-undated", "N4")}


def test_rag_narrative_stale(check):
    report = check(plan(narrative_date=date(2026, 10, 20)))
    assert located(report) == {("rag.narrative-stale", "N4")}
    assert "32 days ago" in report.findings[0].message
    assert check(plan(narrative_date=date(2026, 10, 21))).findings == []
    high = check(plan(risk_level="High", narrative_date=date(2026, 11, 6),
                      senior_assurance="Board quality report 15/10/2026",
                      next_review=date(2026, 12, 1)))
    assert located(high) == {("rag.narrative-stale", "N4")}
    assert check(plan(closed_action(narrative_date=date(2026, 6, 1)))).findings == []


def test_review_dates(check):
    assert located(check(plan(next_review=None))) == {("review.not-set", "Q4")}
    overdue = check(plan(next_review=date(2026, 11, 14)))
    assert located(overdue) == {("review.overdue", "Q4")}
    assert "7 days ago" in overdue.findings[0].message
    assert located(check(plan(next_review=date(2026, 12, 23)))) == {("review.too-far", "Q4")}
    assert check(plan(next_review=date(2026, 12, 22))).findings == []
    high = check(plan(risk_level="High", next_review=date(2026, 12, 6),
                      senior_assurance="Board quality report 15/10/2026"))
    assert located(high) == {("review.too-far", "Q4")}
    assert "high-risk" in high.findings[0].message
    assert check(plan(closed_action(next_review=None))).findings == []


def test_implemented_without_evidence(check):
    report = check(plan(status="Implemented", evidence=None))
    assert located(report) == {("evidence.not-recorded", "O4")}
    assert report.findings[0].severity is Severity.ERROR
    assert check(plan(status="In progress", evidence=None)).findings == []


@pytest.mark.parametrize("field, cell", [("evidence", "O4"), ("practice_audit", "U4"),
                                         ("competency_evidence", "V4"),
                                         ("governance_minutes", "W4")])
def test_vague_evidence(check, field, cell):
    report = check(plan(closed_action(**{field: "done"})))
    assert located(report) == {("evidence.vague", cell)}


def test_vague_risk_indicators_are_not_also_asked_for_a_trend(check):
    assert located(check(plan(closed_action(risk_indicators="see file")))) == {
        ("evidence.vague", "T4")}


@pytest.mark.parametrize("field, cell, code", [
    ("risk_indicators", "T4", "closure.no-indicators"),
    ("practice_audit", "U4", "closure.no-audit"),
    ("competency_evidence", "V4", "closure.no-competency"),
    ("governance_minutes", "W4", "closure.no-governance"),
    ("closure_date", "X4", "closure.no-date"),
    ("closed_by", "Y4", "closure.no-closer"),
])
def test_closed_without_the_closure_test(check, field, cell, code):
    report = check(plan(closed_action(**{field: None})))
    assert located(report) == {(code, cell)}
    assert report.findings[0].severity is Severity.ERROR
    assert "closure.no-" not in "".join(codes(check(plan(closed_action(status="Implemented",
                                                                        closure_date=None)))))


def test_risk_indicators_must_show_a_trend(check):
    report = check(plan(closed_action(risk_indicators="Interventions reduced, audit 14/10/2026")))
    assert located(report) == {("closure.indicators-no-trend", "T4")}
    assert check(plan(closed_action(risk_indicators="Alerts: 9 in June, 2 in October"))
                 ).findings == []


def test_high_risk_needs_several_review_cycles(check):
    report = check(plan(closed_action(review_cycles=2)))
    assert located(report) == {("closure.too-few-cycles", "R4")}
    assert "2 review cycles" in report.findings[0].message
    assert "3 review cycles" in report.findings[0].message
    blank = check(plan(closed_action(review_cycles=None)))
    assert "no review cycles recorded" in blank.findings[0].message
    medium = check(plan(closed_action(risk_level="Medium", review_cycles=1,
                                      senior_assurance=None)))
    assert medium.findings == []
    assert located(check(plan(closed_action(risk_level="Low", review_cycles=0)))) == {
        ("closure.too-few-cycles", "R4")}


def test_high_risk_closed_by_its_own_lead(check):
    report = check(plan(closed_action(closed_by="ruth adeyemi")))
    assert located(report) == {("closure.self-closed", "Y4")}
    assert check(plan(closed_action(risk_level="Medium", closed_by="Ruth Adeyemi"))
                 ).findings == []


def test_closure_date_on_an_action_not_closed(check):
    report = check(plan(status="Implemented", closure_date=date(2026, 11, 20)))
    assert located(report) == {("closure.date-but-open", "X4")}


def test_senior_assurance_on_high_risk_actions(check):
    reviewed = check(plan(risk_level="High", next_review=date(2026, 12, 1)))
    assert located(reviewed) == {("assurance.missing", "S4")}
    assert reviewed.findings[0].severity is Severity.WARNING
    assert "1 review cycle" in reviewed.findings[0].message
    late = check(plan(risk_level="High", next_review=date(2026, 12, 1),
                      due_date=date(2026, 11, 10), rag="Red", review_cycles=0))
    assurance = next(f for f in late.findings if f.code == "assurance.missing")
    assert (assurance.cell, assurance.severity) == ("S4", Severity.ESCALATION)
    closed = check(plan(closed_action(senior_assurance=None)))
    assert located(closed) == {("assurance.missing", "S4")}
    new = check(plan(risk_level="High", next_review=date(2026, 12, 1), review_cycles=0))
    assert new.findings == []


def test_figures_and_escalations(check):
    rows = plan(risk_level="High", due_date=date(2026, 11, 10), rag="Red", review_cycles=0,
                next_review=date(2026, 12, 1))
    rows.append(closed_action(action_id="SG-05", concern_ref="SAF-2026-020",
                              governance_minutes=None, action_type="Practice change"))
    rows.append(sg_action(action_id="SG-06", concern_ref="SAF-2026-020", status="Implemented",
                          rag_narrative=None, narrative_date=None))
    rows.append(sg_action(action_id="SG-07", concern_ref="SAF-2026-031",
                          action="Staff reminded to complete debriefs", owner=None))
    report = check(rows)
    figures = {f.key: f.value for f in report.figures}
    assert figures == {
        "actions": 7, "concerns": 3, "open": 6, "overdue": 1, "high_risk_open": 1,
        "awaiting_effectiveness": 1, "closed": 1, "closed_without_closure_test": 1,
        "rag_without_narrative": 1, "reviews_overdue": 0, "tick_box": 1, "lead_missing": 1,
        "risk_control_open": 1, "practice_change_open": 1, "oversight_open": 3,
        "evidence_measure_open": 1,
    }
    assert [(e.action_id, e.days_overdue) for e in report.escalations] == [("SG-01", 11)]
    assert report.escalations[0].recorded == ""


def test_unreadable_cells_are_core_findings(check):
    report = check(plan(action_type="Reminder", due_date="ASAP", review_cycles="two"))
    assert {("choice.not-allowed", "F4"), ("date.not-a-date", "I4"),
            ("number.invalid", "R4")} <= located(report)


def test_audit_workbook(check, tmp_path):
    rows = plan(risk_level="High", due_date=date(2026, 11, 10), rag="Green")
    path = tmp_path / "plan.xlsx"
    api.build_template(KIND, path, entries=rows)
    report, out = api.write_audit(path, tmp_path / "audit.xlsx", as_of=AS_OF)
    assert not report.ok
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Summary", "Review pack", "Safeguarding actions", "Findings",
                               "Escalations", "Action review"]
    escalated = [r[1] for r in book["Escalations"].iter_rows(min_row=2, values_only=True)]
    assert escalated == ["SG-01"]
    found = {(r[1], r[2]) for r in book["Findings"].iter_rows(min_row=2, values_only=True)}
    assert ("rag.green-overdue", "L4") in found


def test_validate_infers_the_kind_from_the_stamp(tmp_path):
    path = tmp_path / "plan.xlsx"
    api.build_template(KIND, path, entries=plan())
    report = api.validate_workbook(path, as_of=AS_OF)
    assert report.tracker == KIND and report.findings == []


def test_sample_is_regenerated_by_its_script(tmp_path):
    """The committed Fernhollow workbook is what its make_sample.py writes (no hand edits)."""
    import importlib.util

    from conftest import ROOT

    script = ROOT / "samples" / "fernhollow-safeguarding" / "make_sample.py"
    spec = importlib.util.spec_from_file_location("fernhollow_sample", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    fresh = tmp_path / "fresh.xlsx"
    api.build_template(KIND, fresh, entries=module.ROWS, reviews=module.REVIEWS)
    assert fresh.read_bytes() == module.SAMPLE.read_bytes()
    report = api.validate_workbook(module.SAMPLE, as_of=AS_OF)
    assert {("lead.group", "H9"), ("rag.green-overdue", "L10"), ("assurance.missing", "S10"),
            ("action.tick-box", "G12"), ("closure.no-governance", "W13"),
            ("closure.too-few-cycles", "R14"), ("concern-ref.missing", "B18")} <= located(report)
    assert [e.action_id for e in report.escalations] == ["SG-07"]
