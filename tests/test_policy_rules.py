"""The action-plan rules under the service policy: every policy code raised at its cell, with a
near miss that differs in one respect and raises nothing, plus the settings that change them.

Every workbook is a real one from the template writer. Rows are Excel's: the first entry row
is 4. The single-row cases (CASES) share one workbook per policy, each case a triggering row
followed by its near miss; the other tests write their own rows from row 4. The audit date
AS_OF (21/11/2026) is a Saturday.
"""

from __future__ import annotations

import re
from datetime import date

import openpyxl
import pytest
from _builders import title
from conftest import AS_OF, clean_action, codes, done_action, located, without_reviews

from tracker_tool import api
from tracker_tool.policy.service_policy import ServicePolicy

#: Column letters, hard-coded from the template (checked against its header row below).
COL = {
    "action_id": "A", "source_ref": "D", "theme": "E", "description": "G", "owner": "I",
    "due_date": "J", "priority": "K", "high_priority_reason": "L", "evidence_required": "N",
    "review_date": "O", "status": "Q", "rag": "R", "original_due_date": "W",
    "extensions": "X", "completion_evidence": "AA", "effectiveness_needed": "AD",
    "effectiveness_result": "AG", "follow_up_action": "AH", "closure_reviewed_by": "AI",
    "closure_reviewer_role": "AJ", "escalation_record": "AL",
}


def at(key: str, row: int = 4) -> str:
    return f"{COL[key]}{row}"


#: A well-kept open High-priority action: a reason, due 14 days after it was created.
HIGH = {"priority": "High", "high_priority_reason": "Medicine safety",
        "date_created": date(2026, 11, 16), "due_date": date(2026, 11, 30)}
#: A High-priority action properly closed: checked, shown to work, reviewed by a senior.
HIGH_CLOSED = dict(HIGH, status="Closed", effectiveness_needed="Yes",
                   effectiveness_due=date(2026, 11, 20), effectiveness_done=date(2026, 11, 20),
                   effectiveness_result="Worked", closure_reviewed_by="Tom Okafor",
                   closure_reviewer_role="Registered Manager")
ROSTER = ServicePolicy.model_validate({"roster": [
    {"name": "Priya Shah", "role": "Registered Manager"},
    {"name": "Tom Okafor", "role": "Deputy Manager"},
    {"name": "Sam Jones", "role": "Team Leader", "left": date(2026, 10, 31)},
    {"name": "Jo Bell", "role": "Senior Carer", "left": date(2026, 11, 22)},
]})


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    """Real workbooks from the template writer (as conftest's make_workbook), each distinct
    content built once per module: building is the slow part, validating is quick."""
    built = {}

    def build(rows, policy=None):
        key = (repr(rows), policy.fingerprint if policy else None)
        if key not in built:
            path = tmp_path_factory.mktemp("tracker") / "tracker.xlsx"
            built[key] = api.build_template("action-plan", path, entries=rows, policy=policy)
        return built[key]

    return build


@pytest.fixture(scope="module")
def check(workbook):
    """Validate rows written into a real workbook, under ``policy`` (None: the default)."""

    def run(rows, policy=None, as_of=AS_OF):
        return without_reviews(api.validate_workbook(workbook(rows), as_of=as_of,
                                                     policy=policy))

    return run


def on_row(report, row: int) -> set[tuple[str, str | None]]:
    return {(f.code, f.cell) for f in report.findings if f.row == row}


def only(report, code: str):
    found = [f for f in report.findings if f.code == code]
    assert len(found) == 1, [(f.code, f.cell) for f in report.findings]
    return found[0]


def test_clean_fixtures_are_clean_under_the_new_rules(check):
    report = check([clean_action(), done_action(action_id="A-002"),
                    clean_action(action_id="A-003", **HIGH),
                    done_action(action_id="A-004", **HIGH_CLOSED)])
    assert [(f.code, f.cell) for f in report.findings] == []
    assert report.rows == 4


def test_column_letters_match_the_template_header(workbook):
    book = openpyxl.load_workbook(workbook([]), read_only=True)
    header = {cell.column_letter: cell.value for cell in next(
        book["Actions"].iter_rows(min_row=3, max_row=3))}
    book.close()
    for key, letter in COL.items():
        assert header[letter].removesuffix(" *") == title(key), key


# --------------------------------------------------------------------------------------------
# A row that raises the code and a near miss, changed in one respect, that does not.
# (code, column, severity, triggering row, near miss, policy, findings both rows share)
# All cases under one policy share one workbook (see ``table``): rules here look at one row.
# --------------------------------------------------------------------------------------------

OVERDUE = {"action.overdue": "due_date"}
CASES = [
    ("owner.several", "owner", "warning",
     clean_action(owner="Priya Shah and Tom Okafor"), clean_action(owner="Priya Shah"), None, {}),
    ("owner.several", "owner", "warning",
     clean_action(owner="RM / DM"), clean_action(owner="RM"), None, {}),
    ("owner.not-on-roster", "owner", "warning",
     clean_action(owner="Pria Shah"), clean_action(owner="priya  SHAH"), "roster", {}),
    ("owner.has-left", "owner", "warning",
     clean_action(owner="Sam Jones"), done_action(owner="Sam Jones"), "roster", {}),
    ("owner.has-left", "owner", "warning",  # near miss: leaves tomorrow, still in post
     clean_action(owner="Sam Jones"), clean_action(owner="Jo Bell"), "roster", {}),
    ("priority.high-due-too-far", "due_date", "warning",  # 15 days versus 14
     clean_action(**dict(HIGH, date_created=date(2026, 11, 15))), clean_action(**HIGH), None, {}),
    ("source-ref.missing", "source_ref", "warning",
     clean_action(source_ref=None), clean_action(source_ref=None, source="Staff supervision"),
     None, {}),
    ("evidence.vague", "completion_evidence", "error",
     done_action(completion_evidence="done"), done_action(completion_evidence="Audit report AUD-2"),
     None, {}),
    ("evidence.vague", "completion_evidence", "error",
     done_action(completion_evidence="Signed off - RM"),
     done_action(completion_evidence="Signed MAR audit in QA folder"), None, {}),
    ("evidence-required.vague", "evidence_required", "warning",
     clean_action(evidence_required="records"),
     clean_action(evidence_required="Repeat MAR audit report"), None, {}),
    ("action.tick-box", "description", "warning",
     clean_action(description="Staff reminded to sign MAR charts after each round",
                  intended_outcome="Fewer missed signatures"),
     clean_action(description="Staff reminded to sign MAR charts after each round; spot check "
                              "of 10 MAR charts in 4 weeks",
                  intended_outcome="Fewer missed signatures"), None, {}),
    ("action.vague", "description", "warning",  # 5 words versus 6
     clean_action(description="Audit MAR charts for signatures"),
     clean_action(description="Audit MAR charts for missed signatures"), None, {}),
    ("extension.repeated", "extensions", "escalation",
     clean_action(extensions=2, original_due_date=date(2026, 11, 20)),
     clean_action(extensions=2, original_due_date=date(2026, 11, 20),
                  escalation_record="20/11: second extension agreed by RM, NI told"), None, {}),
    ("extension.repeated", "extensions", "escalation",
     clean_action(extensions=2, original_due_date=date(2026, 11, 20)),
     clean_action(extensions=1, original_due_date=date(2026, 11, 20)), None, {}),
    ("extension.no-original-date", "extensions", "warning",
     clean_action(extensions=1), clean_action(extensions=1, original_due_date=date(2026, 11, 20)),
     None, {}),
    ("due-date.moved-silently", "due_date", "warning",
     clean_action(original_due_date=date(2026, 11, 20)),
     clean_action(original_due_date=date(2026, 11, 20), extensions=1), None, {}),
    ("due-date.slipped", "due_date", "warning",  # 61 days versus 60
     clean_action(date_created=date(2026, 9, 1), original_due_date=date(2026, 10, 1), extensions=1),
     clean_action(date_created=date(2026, 9, 1), original_due_date=date(2026, 10, 2), extensions=1),
     None, {}),
    ("rag.green-overdue", "rag", "error",
     clean_action(due_date=date(2026, 11, 20), rag="Green"),
     clean_action(due_date=date(2026, 11, 20), rag="Red"), None, OVERDUE),
    ("rag.understated", "rag", "warning",
     clean_action(due_date=date(2026, 11, 20), rag="Amber"),
     clean_action(due_date=date(2026, 11, 20), rag="Red"), None, OVERDUE),
    ("rag.understated", "rag", "warning",  # not started and due in 14 days versus 15
     clean_action(status="Not started", rag="Green", due_date=date(2026, 12, 5)),
     clean_action(status="Not started", rag="Green", due_date=date(2026, 12, 6)), None, {}),
    ("rag.no-narrative", "rag", "warning",
     clean_action(rag="Amber", progress_update=None), clean_action(rag="Amber"), None, {}),
    ("review.not-set", "review_date", "warning",
     clean_action(review_date=None), done_action(review_date=None), None, {}),
    ("review.overdue", "review_date", "warning",
     clean_action(review_date=date(2026, 11, 20)), clean_action(review_date=AS_OF), None, {}),
    ("review.too-far", "review_date", "warning",  # 32 days versus 31
     clean_action(review_date=date(2026, 12, 23)), clean_action(review_date=date(2026, 12, 22)),
     None, {}),
    ("review.too-far", "review_date", "warning",  # high risk: 15 days versus 14
     clean_action(review_date=date(2026, 12, 6), **HIGH),
     clean_action(review_date=date(2026, 12, 5), **HIGH), None, {}),
    ("effectiveness.skipped-high-risk", "effectiveness_needed", "warning",
     done_action(**HIGH),
     done_action(**HIGH, effectiveness_needed="Yes", effectiveness_due=date(2026, 12, 10)),
     None, {}),
    ("effectiveness.failed-still-closed", "effectiveness_result", "error",
     done_action(effectiveness_needed="Yes", effectiveness_due=date(2026, 11, 20),
                 effectiveness_done=date(2026, 11, 20), effectiveness_result="Did not work"),
     done_action(effectiveness_needed="Yes", effectiveness_due=date(2026, 11, 20),
                 effectiveness_done=date(2026, 11, 20), effectiveness_result="Did not work",
                 follow_up_action="A-001"), None, {}),
    ("effectiveness.follow-up-unknown", "follow_up_action", "warning",
     clean_action(follow_up_action="A-099"), clean_action(follow_up_action="a-001"), None, {}),
    ("closure.reviewer-is-owner", "closure_reviewed_by", "error",
     done_action(**dict(HIGH_CLOSED, closure_reviewed_by="priya shah")),
     done_action(**HIGH_CLOSED), None, {}),
    ("closure.reviewer-role", "closure_reviewer_role", "error",
     done_action(**dict(HIGH_CLOSED, closure_reviewer_role="Team Leader")),
     done_action(**dict(HIGH_CLOSED, closure_reviewer_role="Clinical Lead")), None, {}),
    ("closure.before-effectiveness", "status", "error",
     done_action(status="Closed", closure_reviewed_by="Tom Okafor", effectiveness_needed="Yes",
                 effectiveness_due=date(2026, 12, 20)),
     done_action(status="Closed", closure_reviewed_by="Tom Okafor", effectiveness_needed="Yes",
                 effectiveness_due=date(2026, 12, 20), effectiveness_done=date(2026, 11, 20),
                 effectiveness_result="Worked"), None, {}),
]


POLICIES = {None: None, "roster": ROSTER}


@pytest.fixture(scope="module")
def table(workbook):
    """One workbook per policy holding every case of CASES under it, validated once.

    Row 4 is a clean action A-001 (follow-ups point to it); case n of a policy then has its
    triggering row on 5 + 2n and its near miss on the row after, with IDs T-<row>.
    """
    out = {}
    for name, policy in POLICIES.items():
        cases = [c for c in CASES if c[5] == name]
        rows, where = [clean_action(action_id="A-001")], {}
        for case in cases:
            where[id(case)] = len(rows) + 4
            for entry in case[3:5]:
                rows.append(dict(entry, action_id=f"T-{len(rows) + 4}"))
        out[name] = (api.validate_workbook(workbook(rows), as_of=AS_OF, policy=policy), where)
    return out


@pytest.mark.parametrize("case", [pytest.param(c, id=f"{c[0]}-{n}") for n, c in enumerate(CASES)])
def test_code_and_near_miss(table, case):
    code, key, severity, _, _, policy, shared = case
    report, where = table[policy]
    hit, miss = where[id(case)], where[id(case)] + 1
    assert on_row(report, hit) == {(code, at(key, hit))} | {
        (c, at(k, hit)) for c, k in shared.items()}
    assert on_row(report, miss) == {(c, at(k, miss)) for c, k in shared.items()}
    finding = next(f for f in report.findings if f.row == hit and f.code == code)
    assert (finding.severity.value, finding.sheet, finding.column) == (severity, "Actions",
                                                                       title(key))
    assert finding.message.startswith(f"T-{hit} (row {hit})")


def test_table_workbook_starts_with_a_clean_row_4(table):
    for name, (report, where) in table.items():
        assert on_row(report, 4) == set()
        assert report.rows == 1 + 2 * len(where) == 1 + 2 * sum(c[5] == name for c in CASES)


# --------------------------------------------------------------------------------------------
# Severity and wording that depend on the action
# --------------------------------------------------------------------------------------------

def test_vague_evidence_is_an_error_on_a_high_risk_action(check):
    high = done_action(completion_evidence="verbal", **dict(
        HIGH, effectiveness_needed="Yes", effectiveness_due=date(2026, 12, 10)))
    report = check([high, done_action(action_id="A-002", completion_evidence="verbal")])
    assert located(report) == {("evidence.vague", at("completion_evidence", 4)),
                               ("evidence.vague", at("completion_evidence", 5))}
    by_row = {f.row: f for f in report.findings}
    assert by_row[4].severity.value == "error" and "high-risk" in by_row[4].message
    # Typing 'verbal' (or 'Done') never turns the no-evidence error into a warning (issue 13).
    assert by_row[5].severity.value == "error" and "high-risk" not in by_row[5].message
    assert by_row[4].value == "verbal"


def test_the_policys_own_weak_example_improve_medicines(check):
    bare = clean_action(description="Improve medicines", intended_outcome="Fewer medicine errors")
    measured = clean_action(action_id="A-002", description="Improve medicines")
    high = clean_action(action_id="A-003", description="Improve medicines",
                        intended_outcome="Fewer medicine errors", **HIGH)
    report = check([bare, measured, high])
    assert located(report) == {
        ("action.tick-box", at("description", 4)),
        # The clean outcome ("...in the repeat audit") says how it will be checked, so the
        # two-word description is only reported as too vague.
        ("action.vague", at("description", 5)),
        ("action.tick-box", at("description", 6)),
    }
    severities = {f.row: f.severity.value for f in report.findings}
    assert severities == {4: "warning", 5: "warning", 6: "error"}
    assert "'improve medicines'" in report.findings[0].message


def test_tick_box_is_an_error_when_priority_high(check):
    reminded = "Staff reminded to sign MAR charts after each round"
    report = check([
        clean_action(**HIGH, description=reminded, intended_outcome="Fewer missed signatures"),
        clean_action(**HIGH, action_id="A-002", intended_outcome="Fewer missed signatures",
                     description=reminded + "; spot check of 10 MAR charts in 4 weeks"),
    ])
    assert located(report) == {("action.tick-box", at("description", 4))}
    finding = only(report, "action.tick-box")
    assert finding.severity.value == "error" and "'staff reminded'" in finding.message


def test_messages_say_what_the_dates_call_for(table):
    report, _ = table[None]

    def messages(code):
        return [f.message for f in report.findings if f.code == code]

    (red,) = [m for m in messages("rag.understated") if "overdue" in m]
    (amber,) = [m for m in messages("rag.understated") if "not started" in m]
    assert "is 1 day overdue" in red and red.endswith("which makes it Red.")
    assert "due on 05/12/2026 and not started" in amber and amber.endswith("which makes it Amber.")
    limits = sorted(re.search(r"more than (\d+ days) after", m).group(1)
                    for m in messages("review.too-far"))
    assert limits == ["14 days", "31 days"]
    assert all("extended 2 times" in m for m in messages("extension.repeated"))


def test_repeated_extension_is_an_escalation_not_an_error(check):
    report = check([clean_action(extensions=3, original_due_date=date(2026, 11, 10))])
    finding = only(report, "extension.repeated")
    assert (finding.cell, finding.severity.value, finding.value) == (at("extensions"),
                                                                      "escalation", "3")
    assert report.ok and report.escalations_due == 1 and report.errors == 0


def test_closure_reviewer_role_from_the_roster(check):
    closed = done_action(**dict(HIGH_CLOSED, closure_reviewer_role=None))
    workbook_rows = [closed, dict(closed, action_id="A-002", closure_reviewed_by="Sam Jones")]
    # Without a roster nothing says what the reviewer's role is.
    default = check(workbook_rows)
    assert located(default) == {("closure.reviewer-role", at("closure_reviewer_role", 4)),
                                ("closure.reviewer-role", at("closure_reviewer_role", 5))}
    assert all("has no role recorded" in f.message for f in default.findings)
    # On the roster Tom Okafor is a Deputy Manager (allowed), Sam Jones a Team Leader (not).
    rostered = check(workbook_rows, ROSTER)
    assert located(rostered) == {("closure.reviewer-role", at("closure_reviewer_role", 5))}
    assert "is a Team Leader" in rostered.findings[0].message


def test_closure_reviewer_role_applies_to_high_risk_only(check):
    medium = done_action(**dict(HIGH_CLOSED, priority="Medium", high_priority_reason=None,
                                closure_reviewer_role="Care Worker"))
    report = check([medium, dict(medium, action_id="A-002", closure_reviewed_by="Priya Shah")])
    assert report.findings == []


def test_closure_before_effectiveness_result(check):
    report = check([done_action(status="Closed", closure_reviewed_by="Tom Okafor",
                                effectiveness_needed="Yes", effectiveness_due=date(2026, 12, 20),
                                effectiveness_done=date(2026, 11, 20))])
    assert located(report) == {("closure.before-effectiveness", at("status")),
                               ("effectiveness.no-result", at("effectiveness_result"))}
    assert "has no result" in only(report, "closure.before-effectiveness").message


# --------------------------------------------------------------------------------------------
# Patterns over the whole plan
# --------------------------------------------------------------------------------------------

#: Owner concentration pinned to the settings these tests reason about.
SHARE = {"share_limit_percent": 40, "high_open_limit": 10, "min_open_actions": 5}


def test_owner_concentration(check):
    policy = ServicePolicy.model_validate({"ownership": SHARE})
    owners = ["Priya Shah", "priya shah", "Priya Shah", "Tom Okafor", "Sam Jones"]
    rows = [clean_action(action_id=f"A-{n}", owner=o) for n, o in enumerate(owners)]
    report = check(rows, policy)
    assert located(report) == {("owner.concentration", None)}
    finding = report.findings[0]
    assert (finding.column, finding.row, finding.severity.value) == ("Owner", None, "warning")
    assert "Priya Shah owns 3 of the 5 open actions;" in finding.message
    # Near miss: one of Priya's actions given to someone else leaves her 2 of 5 (40%, allowed).
    shared = check(rows[:2] + [dict(rows[2], owner="Alex Brown")] + rows[3:], policy)
    assert shared.findings == []
    # Five open actions are too few to judge when the service sets the minimum at six.
    few = ServicePolicy.model_validate({"ownership": dict(SHARE, min_open_actions=6)})
    assert check(rows, few).findings == []


def test_owner_concentration_of_high_priority_actions(check):
    rows = [clean_action(action_id=f"A-{n}", owner="Priya Shah", **(HIGH if n < 2 else {}))
            for n in range(5)]

    def found(high_open_limit):
        return check(rows, ServicePolicy.model_validate({"ownership": dict(
            SHARE, share_limit_percent=100, high_open_limit=high_open_limit)}))

    finding = only(found(1), "owner.concentration")
    assert finding.cell is None and "(2 of them High priority)" in finding.message
    assert "owner.concentration" not in codes(found(2))


def test_theme_repeated_three_times_within_the_window(check):
    rows = [clean_action(action_id="A-1", theme="Pressure care"),
            done_action(action_id="A-2", theme="Pressure care", date_created=date(2025, 11, 21)),
            clean_action(action_id="A-3", theme="Pressure care", linked_risk="RR-07"),
            clean_action(action_id="A-4", theme="Falls")]
    report = check(rows)
    assert located(report) == {("theme.repeated", at("theme", 6))}
    finding = report.findings[0]
    assert finding.severity.value == "warning"
    assert "'Pressure care' came up 3 times in the last 365 days (rows 4, 5, 6)" in finding.message
    assert "only 1 of its 3 actions is linked to the risk register (RR-07)" in finding.message
    unlinked = check([dict(r, linked_risk=None) for r in rows])
    assert "none of its actions is linked to the risk register" in only(
        unlinked, "theme.repeated").message


@pytest.mark.parametrize("change", [
    pytest.param({"theme": "Falls"}, id="only-two-actions"),
    pytest.param({"date_created": date(2025, 11, 20)}, id="one-outside-365-days"),
])
def test_theme_near_miss(check, change):
    rows = [clean_action(action_id="A-1", theme="Pressure care"),
            done_action(action_id="A-2", theme="Pressure care", date_created=date(2025, 11, 21)),
            clean_action(action_id="A-3", theme="Pressure care")]
    rows[1] = dict(rows[1], **change)
    assert check(rows).findings == []


def test_policy_mismatch_is_a_workbook_finding(workbook):
    made_under = ServicePolicy.model_validate({"service_name": "Rose House"})
    other = ServicePolicy.model_validate({"service_name": "Rose House", "nation": "WLS"})
    path = workbook([clean_action()], made_under)
    report = api.validate_workbook(path, as_of=AS_OF, policy=other)
    assert located(report) == {("stamp.policy-mismatch", None)}
    finding = report.findings[0]
    assert (finding.row, finding.severity.value) == (None, "warning")
    assert made_under.fingerprint in finding.message and other.fingerprint in finding.message
    assert "the policy for Rose House" in finding.message
    same = api.validate_workbook(path, as_of=AS_OF, policy=made_under)
    assert same.findings == [] and same.policy == made_under.fingerprint
    default = api.validate_workbook(path, as_of=AS_OF)
    assert located(default) == {("stamp.policy-mismatch", None)}
    assert "the default policy" in default.findings[0].message


# --------------------------------------------------------------------------------------------
# Settings that change the rules
# --------------------------------------------------------------------------------------------

def test_team_may_own_allows_a_team_but_not_everyone(check):
    rows = [clean_action(owner="Care team"), clean_action(action_id="A-002", owner="Everyone")]
    default = check(rows)
    assert located(default) == {("owner.group", at("owner", 4)), ("owner.group", at("owner", 5))}
    teams = check(rows, ServicePolicy.model_validate({"ownership": {"team_may_own": True}}))
    assert located(teams) == {("owner.group", at("owner", 5))}
    assert "one named person or team" in teams.findings[0].message


# Due Thursday 2 April 2026, audited Tuesday 14 April: 12 calendar days late. Good Friday
# (3 April) is a holiday everywhere; Easter Monday (6 April) in England but not Scotland.
EASTER = clean_action(date_created=date(2026, 3, 20), due_date=date(2026, 4, 2),
                      review_date=date(2026, 4, 20))


@pytest.mark.parametrize("settings, days, escalated", [
    ({"overdue": {"escalate_after": 6}}, "12 days", True),
    ({"overdue": {"escalate_after": 12}}, "12 days", False),
    ({"overdue": {"escalate_after": 6, "count": "working"}}, "12 days (6 working days)", False),
    ({"nation": "SCT", "overdue": {"escalate_after": 6, "count": "working"}},
     "12 days (7 working days)", True),
    ({"nation": "SCT", "overdue": {"escalate_after": 7, "count": "working"}},
     "12 days (7 working days)", False),
    ({"local_days_off": [date(2026, 4, 14)], "nation": "SCT",
      "overdue": {"escalate_after": 6, "count": "working"}}, "12 days (6 working days)", False),
])
def test_days_late_follow_the_policy(check, settings, days, escalated):
    report = check([EASTER], ServicePolicy.model_validate(settings), as_of=date(2026, 4, 14))
    overdue = only(report, "action.overdue")
    assert overdue.cell == at("due_date") and f"is {days} overdue" in overdue.message
    found = [f for f in report.findings if f.code == "escalation.due"]
    assert [f.cell for f in found] == ([at("escalation_record")] if escalated else [])
    if escalated:
        unit = "working days" if "working" in days else "days"
        assert f"more than {settings['overdue']['escalate_after']} {unit} overdue" in found[0].message
        assert found[0].severity.value == "escalation"


def test_escalate_after_zero_escalates_the_first_day(check):
    policy = ServicePolicy.model_validate({"overdue": {"escalate_after": 0}})
    report = check([clean_action(due_date=date(2026, 11, 20))], policy)
    assert located(report) == {("action.overdue", at("due_date")),
                               ("escalation.due", at("escalation_record"))}
    assert "more than 0 days overdue" in only(report, "escalation.due").message


def test_escalate_after_zero_in_working_days_escalates_the_first_day(check):
    policy = ServicePolicy.model_validate({"overdue": {"escalate_after": 0, "count": "working"}})
    report = check([clean_action(due_date=date(2026, 11, 20))], policy)
    assert "escalation.due" in codes(report)


def test_custom_high_priority_category(workbook):
    falls = ServicePolicy.model_validate({"high_priority": {
        "categories": ["Falls", "Safeguarding", "Medicine safety"],
        "escalate_when_overdue": ["Falls", "Safeguarding"]}})
    path = workbook([clean_action(**dict(HIGH, high_priority_reason="Falls"))])
    assert api.validate_workbook(path, as_of=AS_OF, policy=falls).findings == []
    default = api.validate_workbook(path, as_of=AS_OF)
    assert located(default) == {("choice.not-allowed", at("high_priority_reason"))}
    assert default.findings[0].value == "Falls"
    # And the other way: a default category the service dropped is no longer allowed.
    assert located(api.validate_workbook(workbook([clean_action(**dict(
        HIGH, high_priority_reason="Staffing risk"))]), as_of=AS_OF, policy=falls)) == {
        ("choice.not-allowed", at("high_priority_reason"))}


def test_escalate_when_overdue_categories(workbook):
    late = dict(HIGH, date_created=date(2026, 11, 6), due_date=date(2026, 11, 20))
    path = workbook([clean_action(**dict(late, high_priority_reason="Safeguarding")),
                     clean_action(action_id="A-002", **dict(
                         late, high_priority_reason="Duty of candour"))])

    def reasons(policy=None):
        report = api.validate_workbook(path, as_of=AS_OF, policy=policy)
        return {f.row: f.message for f in report.findings if f.code == "escalation.due"}

    default = reasons()
    assert "linked to safeguarding" in default[4] and "linked to" not in default[5]
    custom = reasons(ServicePolicy.model_validate(
        {"high_priority": {"escalate_when_overdue": ["Duty of candour"]}}))
    assert "linked to" not in custom[4] and "linked to duty of candour" in custom[5]
    # High priority alone still calls for escalation, whichever categories escalate.
    assert all("high priority" in m for m in (*default.values(), *custom.values()))


def test_escalate_sources_setting(workbook):
    path = workbook([clean_action(due_date=date(2026, 11, 20), source="CQC inspection")])
    default = api.validate_workbook(path, as_of=AS_OF)
    assert "required by CQC" in only(default, "escalation.due").message
    relaxed = api.validate_workbook(path, as_of=AS_OF, policy=ServicePolicy.model_validate(
        {"overdue": {"escalate_sources": ["Safeguarding concern"]}}))
    assert "escalation.due" not in codes(relaxed)


def test_roster_name_with_a_full_stop_matches_itself(check):
    policy = ServicePolicy.model_validate({"roster": [{"name": "A. Khan", "role": "Nurse"}]})
    assert check([clean_action(owner="A. Khan")], policy).findings == []


def test_see_file_3_is_vague_evidence(check):
    report = check([done_action(completion_evidence="see file 3")])
    assert located(report) == {("evidence.vague", at("completion_evidence"))}
