"""The Reviews sheet (issue 13, item 8): a record that the reviews each source asks for were
held, judged cadence by cadence over the period the tracker covers.

Each kind gets a triggering workbook and a near miss on the edge of a window (a review on the
last day of a month, a fortnight of exactly 14 days), asserted by code and by cell.
"""

from __future__ import annotations

from datetime import date, timedelta

import openpyxl
import pytest
from _builders import restamp
from conftest import clean_action

from tracker_tool import api
from tracker_tool.policy.service_policy import ServicePolicy
from tracker_tool.trackers import get_tracker
from tracker_tool.trackers.common.review_windows import Window, span_text, windows
from tracker_tool.trackers.kit import Unit

D = date
AS_OF = D(2026, 11, 21)
#: The Reviews sheet's first review is on Excel row 4; its header on row 3, Review type in D.
FIRST = 4
TYPE_HEADER = "D3"


def review(held, kind="Registered Manager review", **changes) -> dict:
    row = {"review_held": held, "reviewer": "Maya Collins", "reviewer_role": "Registered Manager",
           "review_type": kind, "review_decision": "Plan stands; two actions escalated",
           "minutes_ref": f"GOV-{held:%m}" if held else "GOV"}
    row.update(changes)
    return row


def reviews_findings(report) -> set[tuple[str, str | None, str | None]]:
    return {(f.code, f.sheet, f.cell) for f in report.findings
            if f.sheet == "Reviews" or f.code.startswith("reviews.")}


def run(tmp_path, kind, entries, reviews, as_of=AS_OF, policy=None, name="t.xlsx"):
    path = api.build_template(kind, tmp_path / name, entries=entries, reviews=reviews,
                              policy=policy, force=True)
    return api.validate_workbook(path, as_of=as_of, policy=policy)


# -- the windows ----------------------------------------------------------------------------

def test_month_windows_are_calendar_months_wholly_inside_the_period():
    found = windows(Unit.MONTHS, 1, D(2026, 6, 3), D(2026, 11, 21))
    assert [w.first for w in found] == [D(2026, m, 1) for m in (7, 8, 9, 10)]
    assert found[-1].last == D(2026, 10, 31)
    # a period starting on the 1st judges that month; one ending on the 1st the month before
    assert windows(Unit.MONTHS, 1, D(2026, 9, 1), D(2026, 10, 1)) == [
        Window(D(2026, 9, 1), D(2026, 9, 30))]
    assert windows(Unit.MONTHS, 1, D(2026, 9, 1), D(2026, 9, 30)) == []


def test_quarters_are_calendar_quarters():
    found = windows(Unit.MONTHS, 3, D(2026, 2, 10), D(2027, 1, 5))
    assert [(w.first, w.last) for w in found] == [
        (D(2026, 4, 1), D(2026, 6, 30)), (D(2026, 7, 1), D(2026, 9, 30)),
        (D(2026, 10, 1), D(2026, 12, 31))]


def test_day_windows_run_from_the_start():
    found = windows(Unit.DAYS, 14, D(2026, 10, 1), D(2026, 11, 21))
    assert [(w.first, w.last) for w in found] == [
        (D(2026, 10, 1), D(2026, 10, 14)), (D(2026, 10, 15), D(2026, 10, 28)),
        (D(2026, 10, 29), D(2026, 11, 11))]


def test_span_wording():
    assert span_text(Window(D(2026, 8, 1), D(2026, 8, 31)), Unit.MONTHS) == "Aug 2026"
    assert span_text(Window(D(2026, 11, 1), D(2027, 1, 31)), Unit.MONTHS) == "Nov 2026–Jan 2027"
    assert span_text(Window(D(2026, 8, 3), D(2026, 8, 16)), Unit.DAYS) == "3–16 Aug 2026"
    assert span_text(Window(D(2026, 8, 28), D(2026, 9, 10)), Unit.DAYS) == "28 Aug–10 Sep 2026"


# -- the template ---------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["action-plan", "supervision-actions", "supervision-escalations",
                                  "probation-actions", "safeguarding-plan"])
def test_template_has_a_protected_validated_reviews_sheet(tmp_path, kind):
    tracker = get_tracker(kind)
    path = api.build_template(kind, tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["Reviews"]
    assert ws.protection.sheet
    assert [c.value for c in ws[2]][:6] == ["review_held", "reviewer", "reviewer_role",
                                            "review_type", "review_decision", "minutes_ref"]
    assert ws.row_dimensions[2].hidden
    assert ws["A3"].value.startswith("Date of review")
    assert not ws["A4"].protection.locked
    rules = {r.coord.split(":")[0]: dv for dv in ws.data_validations.dataValidation
             for r in dv.sqref.ranges}
    assert rules["A4"].type == "date"
    offered = rules["D4"].formula1.strip('"').split(",")
    assert offered == [c.name for c in tracker.reviews.cadences]
    assert rules["D4"].type == "list" and rules["D4"].showErrorMessage
    settings = tracker.settings(ServicePolicy())
    first = tracker.reviews.cadences[0]
    assert str(first.every(settings)) in ws["A1"].value or "every month" in ws["A1"].value


def test_kinds_without_reviews_in_their_source_have_no_sheet(tmp_path):
    path = api.build_template("ombudsman-plan", tmp_path / "t.xlsx")
    assert "Reviews" not in openpyxl.load_workbook(path).sheetnames


# -- action plan: monthly Registered Manager (s12, s17), quarterly Nominated Individual (s17) --

ACTIONS = [clean_action(date_created=D(2026, 6, 3), review_date=D(2026, 11, 25))]
MONTH_ENDS = [D(2026, 7, 31), D(2026, 8, 31), D(2026, 9, 30), D(2026, 10, 31)]
NI = review(D(2026, 9, 30), "Nominated Individual review", reviewer="Tom Hale",
            reviewer_role="Nominated Individual")


def test_action_plan_reviews_on_the_last_day_of_each_month_are_enough(tmp_path):
    report = run(tmp_path, "action-plan", ACTIONS, [review(d) for d in MONTH_ENDS] + [NI])
    assert reviews_findings(report) == set()
    lines = {line.name: line for line in report.review.reviews}
    assert lines["Registered Manager review"].held == 4
    assert lines["Registered Manager review"].last == "31/10/2026"
    assert lines["Nominated Individual review"].missed == ()


def test_action_plan_month_without_review(tmp_path):
    held = [d for d in MONTH_ENDS if d.month != 8] + [D(2026, 9, 1)]
    report = run(tmp_path, "action-plan", ACTIONS, [review(d) for d in held] + [NI])
    # the last Registered Manager review (31 Oct) is on the sheet's third row
    assert reviews_findings(report) == {("reviews.missed", "Reviews", f"A{FIRST + 2}")}
    missed = next(f for f in report.findings if f.code == "reviews.missed")
    assert "Registered Manager review" in missed.message and "Aug 2026" in missed.message
    assert report.review.reviews[0].missed == ("Aug 2026",)


def test_action_plan_quarter_without_provider_review(tmp_path):
    report = run(tmp_path, "action-plan", ACTIONS, [review(d) for d in MONTH_ENDS])
    assert reviews_findings(report) == {("reviews.missed", "Reviews", TYPE_HEADER)}
    assert "Jul–Sep 2026" in report.findings[-1].message
    assert report.review.to_dict()["reviews"][1] == {
        "review": "Nominated Individual review", "clause": "s17", "every": "every 3 months",
        "held": 0, "missed": ["Jul–Sep 2026"], "last": None}


def test_the_service_sets_the_cadence(tmp_path):
    policy = ServicePolicy.model_validate(
        {"kinds": {"action-plan": {"rm_review_every_months": 2}}})
    held = [D(2026, 8, 31), D(2026, 10, 31)]  # one in Jul-Aug and one in Sep-Oct
    report = run(tmp_path, "action-plan", ACTIONS, [review(d) for d in held] + [NI],
                 policy=policy)
    assert reviews_findings(report) == set()


def test_each_review_is_a_real_one(tmp_path):
    rows = [review(d) for d in MONTH_ENDS] + [NI]
    rows[0] = review(MONTH_ENDS[0], reviewer="Management team", review_decision=None)
    rows[1] = review(MONTH_ENDS[1], reviewer="Maya Collins and Tom Hale")
    rows.append(review(D(2026, 12, 1), minutes_ref=None, reviewer_role=None))
    rows.append(review(None, review_type=None, reviewer=None))
    report = run(tmp_path, "action-plan", ACTIONS, rows)
    r = FIRST
    assert reviews_findings(report) == {
        ("reviewer.group", "Reviews", f"B{r}"), ("review-decision.missing", "Reviews", f"E{r}"),
        ("reviewer.several", "Reviews", f"B{r + 1}"),
        ("reviews.in-future", "Reviews", f"A{r + 5}"),
        ("reviewer-role.missing", "Reviews", f"C{r + 5}"),
        ("review-minutes.missing", "Reviews", f"F{r + 5}"),
        ("review-held.missing", "Reviews", f"A{r + 6}"),
        ("reviewer.missing", "Reviews", f"B{r + 6}"),
        ("review-type.missing", "Reviews", f"D{r + 6}"),
    }
    future = next(f for f in report.findings if f.code == "reviews.in-future")
    assert future.message.startswith("The review on row 9")


def test_reviewer_off_the_roster(tmp_path):
    policy = ServicePolicy.model_validate({"roster": [{"name": "Tom Hale"},
                                                      {"name": "Priya Shah"}]})
    report = run(tmp_path, "action-plan", ACTIONS, [review(d) for d in MONTH_ENDS] + [NI],
                 policy=policy)
    assert ("reviewer.not-on-roster", "Reviews", f"B{FIRST}") in reviews_findings(report)
    assert ("reviewer.not-on-roster", "Reviews", f"B{FIRST + 4}") not in reviews_findings(report)


# -- older versions, and a sheet deleted ------------------------------------------------------

def _without_reviews_sheet(tmp_path, version: str | None):
    made = api.build_template("action-plan", tmp_path / "made.xlsx", entries=ACTIONS)
    path = restamp(made, tmp_path / f"v{version}.xlsx", **(
        {"template_version": version} if version else {}))
    book = openpyxl.load_workbook(path)
    del book["Reviews"]
    book.save(path)
    return api.validate_workbook(path, as_of=AS_OF)


def test_a_return_on_a_version_before_the_sheet_is_not_faulted_for_it(tmp_path):
    report = _without_reviews_sheet(tmp_path, "1.1")
    assert reviews_findings(report) == set()
    assert ("stamp.old-version", None) in {(f.code, f.cell) for f in report.findings}
    assert report.review.reviews == []


def test_a_current_return_without_the_sheet_is(tmp_path):
    report = _without_reviews_sheet(tmp_path, None)
    assert reviews_findings(report) == {("reviews.missing-sheet", "Reviews", None)}
    found = next(f for f in report.findings if f.code == "reviews.missing-sheet")
    assert "1.2" in found.message and "Registered Manager review" in found.message


# -- supervision actions: weekly overdue-register review (Ex1 step 4) -------------------------

def supervision_action(**changes) -> dict:
    row = {"action_id": "SA-001", "supervision_date": D(2026, 11, 2), "staff_name": "Jo Bell",
           "deadline": D(2026, 11, 30)}
    row.update(changes)
    return row


def register(held):
    return review(held, "Overdue register review")


def test_weekly_register_review_on_the_seventh_day_is_enough(tmp_path):
    report = run(tmp_path, "supervision-actions", [supervision_action()],
                 [register(D(2026, 11, 8)), register(D(2026, 11, 15))])
    assert reviews_findings(report) == set()


def test_week_without_register_review(tmp_path):
    report = run(tmp_path, "supervision-actions", [supervision_action()],
                 [register(D(2026, 11, 8)), register(D(2026, 11, 16))])
    assert reviews_findings(report) == {("reviews.missed", "Reviews", f"A{FIRST + 1}")}
    assert "9–15 Nov 2026" in next(f.message for f in report.findings
                                   if f.code == "reviews.missed")
    assert report.review.reviews_only
    assert report.review.to_dict() == {"reviews": [{
        "review": "Overdue register review", "clause": "Ex1 step 4", "every": "every 7 days",
        "held": 2, "missed": ["9–15 Nov 2026"], "last": "16/11/2026"}]}


# -- escalated cases: fortnightly case review (Ex2 step 4), weekly monitoring (Ex2 step 3) ----

def case(**changes) -> dict:
    row = {"case_id": "EC-001", "staff_name": "Jo Bell", "date_escalated": D(2026, 10, 1)}
    row.update(changes)
    return row


def escalation_reviews(case_days, monitor_days):
    start = D(2026, 10, 1)
    return ([review(start + timedelta(days=d), "Case review") for d in case_days]
            + [review(start + timedelta(days=d), "Monitoring review", reviewer="Dee Marsh",
                      reviewer_role="Deputy Manager") for d in monitor_days])


def test_case_reviews_exactly_a_fortnight_apart_are_enough(tmp_path):
    report = run(tmp_path, "supervision-escalations", [case()],
                 escalation_reviews([0, 14, 28], range(0, 49, 7)))
    assert reviews_findings(report) == set()


def test_fortnight_without_case_review(tmp_path):
    # 1 Oct and 29 Oct: nothing in 15-28 Oct
    report = run(tmp_path, "supervision-escalations", [case()],
                 escalation_reviews([0, 28], range(0, 49, 7)))
    assert reviews_findings(report) == {("reviews.missed", "Reviews", f"A{FIRST + 1}")}
    assert "15–28 Oct 2026" in next(f.message for f in report.findings
                                    if f.code == "reviews.missed")


# -- probation: weekly mentor review (Ex3 step 2), fortnightly verification (Ex3 step 3) -----

def probation_reviews(mentor_days, verify_days):
    start = D(2026, 11, 2)
    return ([review(start + timedelta(days=d), "Mentor review", reviewer="Sam Ortiz",
                    reviewer_role="Mentor") for d in mentor_days]
            + [review(start + timedelta(days=d), "Progress verification", reviewer="Dee Marsh",
                      reviewer_role="Deputy Manager") for d in verify_days])


def probation_action() -> dict:
    return {"action_id": "PA-001", "new_starter": "Alex Reid", "date_raised": D(2026, 11, 2),
            "deadline": D(2026, 11, 30)}


def test_probation_reviews_on_the_last_day_of_each_window(tmp_path):
    report = run(tmp_path, "probation-actions", [probation_action()],
                 probation_reviews([6, 13], [13]))
    assert reviews_findings(report) == set()


def test_probation_fortnight_without_verification(tmp_path):
    report = run(tmp_path, "probation-actions", [probation_action()],
                 probation_reviews([6, 13], [14]))
    assert reviews_findings(report) == {("reviews.missed", "Reviews", f"A{FIRST + 2}")}


# -- safeguarding plan: governance review cycles, monthly by default ----------------------------

def safeguarding_action() -> dict:
    return {"action_id": "SG-001", "date_raised": D(2026, 8, 20)}


def governance(held):
    return review(held, "Governance review", reviewer_role="Chair of the governance meeting")


def test_governance_review_each_month_is_enough(tmp_path):
    report = run(tmp_path, "safeguarding-plan", [safeguarding_action()],
                 [governance(D(2026, 9, 30)), governance(D(2026, 10, 1))])
    assert reviews_findings(report) == set()


def test_month_without_governance_review(tmp_path):
    report = run(tmp_path, "safeguarding-plan", [safeguarding_action()],
                 [governance(D(2026, 9, 30))])
    assert reviews_findings(report) == {("reviews.missed", "Reviews", f"A{FIRST}")}
    assert "Oct 2026" in next(f.message for f in report.findings if f.code == "reviews.missed")


def test_review_pack_sheet_reports_the_reviews(tmp_path):
    path = api.build_template("supervision-actions", tmp_path / "t.xlsx",
                              entries=[supervision_action()],
                              reviews=[register(D(2026, 11, 8)), register(D(2026, 11, 16))])
    _, out = api.write_audit(path, tmp_path / "audit.xlsx", as_of=AS_OF)
    ws = openpyxl.load_workbook(out)["Review pack"]
    cells = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "Reviews held" in cells
    assert "Overdue register review" in cells and "9–15 Nov 2026" in cells
    assert "16/11/2026" in cells
