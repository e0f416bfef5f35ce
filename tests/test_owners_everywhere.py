"""Owners who are nobody, in every owner-like column of every kind (issue 13, item 3): shifts,
departments and groups are caught wherever someone must answer for an entry, and a service's
roster, when it has one, is the list of who may be named. Each case is a triggering row and a
near miss, asserted by code and cell."""

from __future__ import annotations


import pytest
from conftest import AS_OF, clean_action
from test_ombudsman_plan import actions as omb_actions
from test_ombudsman_plan import plan_facts
from test_performance_plan import clean_action as pip_action
from test_performance_plan import clean_plan
from test_probation_actions import action as probation_action
from test_safeguarding_plan import plan as sg_plan
from test_supervision_actions import action as supervision_action
from test_supervision_escalations import case as escalated_case

from tracker_tool import api
from tracker_tool.core.a1 import column_letter
from tracker_tool.policy.service_policy import ServicePolicy
from tracker_tool.trackers import get_tracker

#: (kind, column, rows with the column set to a name, plan facts or None, code stem). The
#: performance plan's manager is a Plan sheet item; every other column is on row 4.
COLUMNS = {
    "action-plan owner": ("action-plan", "owner", lambda n: [clean_action(owner=n)], None,
                          "owner"),
    "safeguarding lead": ("safeguarding-plan", "owner", lambda n: sg_plan(owner=n), None,
                          "lead"),
    "supervision line manager": ("supervision-actions", "line_manager",
                                 lambda n: [supervision_action(line_manager=n)], None,
                                 "line-manager"),
    "escalated line manager": ("supervision-escalations", "line_manager",
                               lambda n: [escalated_case(line_manager=n)], None,
                               "line-manager"),
    "probation person responsible": ("probation-actions", "person_responsible",
                                     lambda n: [probation_action(person_responsible=n)], None,
                                     "person-responsible"),
    "probation mentor": ("probation-actions", "mentor",
                         lambda n: [probation_action(mentor=n)], None, "mentor"),
    "ombudsman responsible": ("ombudsman-plan", "responsible",
                              lambda n: omb_actions(responsible=n), lambda n: plan_facts(),
                              "responsible"),
    "performance-plan manager": ("performance-plan", "manager", lambda n: [pip_action()],
                                 lambda n: clean_plan(manager=n), "manager"),
}

#: The roster every column is checked against: the names the clean rows use, in the case and
#: spacing people type.
ROSTER = ServicePolicy.model_validate({"roster": [
    {"name": name} for name in ("Priya Shah", "Ruth Adeyemi", "Dee Marsh", "Ward 7 nursing team")
]})


def run(tmp_path, column: str, name: str, policy=None):
    """The findings of the column's own codes, as (code, cell)."""
    kind, _, rows, plan, stem = COLUMNS[column]
    path = tmp_path / f"t-{len(list(tmp_path.iterdir()))}.xlsx"
    extra = {"plan": plan(name)} if plan else {}
    api.build_template(kind, path, entries=rows(name), **extra)
    report = api.validate_workbook(path, as_of=AS_OF, policy=policy)
    return {(f.code, f.cell) for f in report.findings if f.code.startswith(f"{stem}.")}


def cell(column: str) -> str:
    kind, key, _, plan, _ = COLUMNS[column]
    if key == "manager":
        return "C4"
    return f"{column_letter(get_tracker(kind).by_key[key].index)}4"


def name_for(column: str) -> str:
    return {"probation mentor": "Dee Marsh", "action-plan owner": "Priya Shah",
            "ombudsman responsible": "Ward 7 nursing team"}.get(column, "Ruth Adeyemi")


@pytest.mark.parametrize("column", COLUMNS)
@pytest.mark.parametrize("name", ["Night shift", "Day shift", "Carers on duty", "Agency",
                                  "agency staff"])
def test_a_shift_or_an_agency_is_nobody(tmp_path, column, name):
    stem = COLUMNS[column][4]
    assert run(tmp_path, column, name) == {(f"{stem}.group", cell(column))}


@pytest.mark.parametrize("column", [c for c in COLUMNS if c != "ombudsman responsible"])
@pytest.mark.parametrize("name", ["Housekeeping", "Maintenance", "Kitchen", "Management team",
                                  "Mentors", "HR"])
def test_a_department_or_group_is_not_one_person(tmp_path, column, name):
    stem = COLUMNS[column][4]
    assert run(tmp_path, column, name) == {(f"{stem}.group", cell(column))}


@pytest.mark.parametrize("name", ["Housekeeping", "Maintenance team", "HR"])
def test_the_ombudsman_accepts_a_department_as_a_team(tmp_path, name):
    assert run(tmp_path, "ombudsman responsible", name) == set()


@pytest.mark.parametrize("column", COLUMNS)
@pytest.mark.parametrize("name", ["Head of housekeeping", "Maintenance lead Ali Khan"])
def test_one_person_who_heads_a_department_is_clean(tmp_path, column, name):
    assert run(tmp_path, column, name) == set()


@pytest.mark.parametrize("column", COLUMNS)
def test_with_a_roster_only_the_people_on_it_may_be_named(tmp_path, column):
    stem = COLUMNS[column][4]
    listed = name_for(column)
    assert run(tmp_path, column, "Ruth Adeyomi", ROSTER) == {
        (f"{stem}.not-on-roster", cell(column))}
    # Near miss: the listed name, typed in another case and spacing.
    assert run(tmp_path, column, "  " + listed.upper(), ROSTER) == set()
    # Without a roster nobody is off it.
    assert run(tmp_path, column, "Ruth Adeyomi") == set()


#: Each owner-like column's roster code, by name, as the catalogue lists it.
ROSTER_CODES = {
    "action-plan owner": "owner.not-on-roster", "safeguarding lead": "lead.not-on-roster",
    "supervision line manager": "line-manager.not-on-roster",
    "escalated line manager": "line-manager.not-on-roster",
    "probation person responsible": "person-responsible.not-on-roster",
    "probation mentor": "mentor.not-on-roster",
    "ombudsman responsible": "responsible.not-on-roster",
    "performance-plan manager": "manager.not-on-roster",
}


@pytest.mark.parametrize("column", COLUMNS)
def test_every_owner_like_column_has_its_roster_code(column):
    kind = COLUMNS[column][0]
    assert ROSTER_CODES[column] in {code.code for code in get_tracker(kind).catalogue}
