"""Regenerate the Brookside Court escalated-cases sample (a fictional care home; every name is
invented).

Run from the repository root:  python samples/brookside-escalations/make_sample.py
Fifteen formal cases opened over five months when a practice concern kept coming back. Most
follow the plan, monitor and review rhythm; the rest show what the supervision article warns
of: reviews missed until the case drifts, a failed medication recheck and a case with no
progress after four weeks that nobody took to senior oversight, a case closed as improved on a
failed recheck, a plan signed late, and the same concern escalated again soon after closing.
"""

from datetime import date, timedelta
from pathlib import Path

from tracker_tool import api

D = date
RUTH, GARETH, ANITA = "Ruth Okonjo", "Gareth Price", "Anita Kowalska"
SUSTAINED, HR_CLOSE = "Closed: improvement sustained", "Closed: formal HR process"


def case(ref, staff, concern, threshold, confirmed, manager, corrective, recheck, target, *,
         escalated=None, signed=..., review_meeting=None, outcome="Open", **later):
    escalated = escalated or confirmed
    row = {"case_id": ref, "staff_name": staff, "concern": concern, "threshold": threshold,
               "date_confirmed": confirmed, "date_escalated": escalated, "line_manager": manager,
               "corrective_action": corrective,
               "plan_signed": escalated if signed is ... else signed,
               "review_meeting": review_meeting or D.fromordinal(escalated.toordinal() + 14),
               "recheck_method": recheck, "target_date": target, "outcome": outcome}
    row.update(later)
    return row


ROWS = [
    # --- closed, on evidence ---------------------------------------------------------------
    case("EC-001", "Kofi Mensah", "Shift reliability", "Third late arrival for handover in four "
         "weeks", D(2026, 7, 6), GARETH, "Arrive by 07:45 for every shift for six weeks; "
         "signing-in sheet checked weekly", "Spot check", D(2026, 8, 17),
         signed=D(2026, 7, 7), observations=6,
         audit_findings="Signing-in sheets, 6 weeks: 29 of 30 on time",
         last_check=D(2026, 8, 14), progress="Targets met", recheck_result="Passed",
         last_review=D(2026, 8, 14), reviews_missed=0, compliance="Fully followed", risk="Low",
         decision="Close case", outcome=SUSTAINED, date_closed=D(2026, 8, 17),
         closure_evidence="Signing-in sheets w/c 13/07 to 10/08; review form 14/08",
         hr_pathway="No formal pathway"),
    case("EC-002", "Priti Nair", "Documentation", "Daily notes late on three audits running",
         D(2026, 8, 3), ANITA, "Write daily notes before leaving each shift; 10 notes audited "
         "each week", "Record audit", D(2026, 9, 14), observations=4,
         audit_findings="Weekly audits: 7/10, 9/10, 10/10, 10/10", last_check=D(2026, 9, 11),
         progress="Targets met", recheck_result="Passed", last_review=D(2026, 9, 11),
         reviews_missed=0, compliance="Fully followed", risk="Low", decision="Close case",
         outcome=SUSTAINED, date_closed=D(2026, 9, 14),
         closure_evidence="Notes audits AUD-N-31 to AUD-N-34; review form 11/09",
         hr_pathway="No formal pathway"),
    case("EC-003", "Tom Hendry", "Moving and handling", "Second unsafe hoist transfer observed "
         "in a month", D(2026, 8, 24), GARETH, "Refresher training, then three observed hoist "
         "transfers signed off by the moving and handling lead", "Competency assessment",
         D(2026, 9, 25), escalated=D(2026, 8, 25), signed=D(2026, 8, 26), observations=3,
         audit_findings="Transfers observed 08/09, 15/09, 29/09: all safe",
         last_check=D(2026, 9, 29), progress="Targets met", recheck_result="Passed",
         last_review=D(2026, 9, 29), reviews_missed=0, compliance="Fully followed", risk="Low",
         decision="Close case", outcome=SUSTAINED, date_closed=D(2026, 10, 2),
         closure_evidence="Competency sign-off MH-0193; observation notes; review form 29/09",
         hr_pathway="No formal pathway"),
    case("EC-004", "Sophie Lang", "Conduct", "Third breach of the mobile phone policy on shift",
         D(2026, 9, 7), ANITA, "No personal phone use on the floor; shift leader spot checks "
         "each shift for four weeks", "Spot check", D(2026, 10, 5), observations=8,
         audit_findings="Two further breaches in week 2", last_check=D(2026, 9, 30),
         progress="No measurable progress", recheck_result="Failed",
         last_review=D(2026, 10, 2), reviews_missed=0, compliance="Not followed",
         risk="Medium", decision="Start formal HR process", outcome=HR_CLOSE,
         date_closed=D(2026, 10, 5), senior_oversight=D(2026, 10, 2),
         improvement_plan_ref="SIP-07",
         closure_evidence="Spot check log 07/09-30/09; review form 02/10; HR referral 05/10",
         hr_pathway="Disciplinary procedure"),
    # --- open and on course ----------------------------------------------------------------
    case("EC-005", "Megan Rhys", "Documentation", "Repositioning charts incomplete on three "
         "audits", D(2026, 11, 2), ANITA, "Complete every repositioning chart at the time of "
         "care; 10 charts audited each week", "Record audit", D(2026, 12, 14),
         signed=D(2026, 11, 3), observations=2, audit_findings="Charts w/c 09/11: 8 of 10 "
         "complete; w/c 16/11: 9 of 10", last_check=D(2026, 11, 20), progress="Some progress",
         recheck_result="Partly passed", last_review=D(2026, 11, 16), reviews_missed=0,
         compliance="Partly followed", risk="Medium", decision="Continue plan"),
    case("EC-006", "Aled Jones", "Care plan adherence", "Communication passport not used on "
         "three observed shifts", D(2026, 11, 9), RUTH, "Use Resident 14's passport on every "
         "shift; two observed interactions a week", "Shift observation", D(2026, 12, 21),
         observations=3, audit_findings="Passport used in 3 of 3 observations",
         last_check=D(2026, 11, 19), progress="Good progress", recheck_result="Passed",
         last_review=D(2026, 11, 16), reviews_missed=0, compliance="Fully followed", risk="Low",
         decision="Continue plan"),
    # --- the faults ------------------------------------------------------------------------
    # A failed medication recheck on a high-risk case, not taken to senior oversight.
    case("EC-007", "Zara Malik", "Medication practice", "Second PRN given without a protocol "
         "in six weeks", D(2026, 10, 12), GARETH, "PRN protocol training; observed on two "
         "medication rounds by the deputy", "Competency assessment", D(2026, 12, 7),
         observations=2, audit_findings="MAR audit 06/11: one PRN entry without a reason",
         last_check=D(2026, 11, 13), progress="Some progress", recheck_result="Failed",
         last_review=D(2026, 11, 9), reviews_missed=0, compliance="Partly followed",
         risk="High", decision="Extend monitoring"),
    # Reviews stopped: one missed before the last review, two more since; past its target.
    case("EC-008", "Dan Fletcher", "Documentation", "Third record-keeping action in ten weeks",
         D(2026, 10, 5), GARETH, "Write notes before leaving shift; 10 notes audited weekly",
         "Record audit", D(2026, 11, 16), observations=1,
         audit_findings="Audit w/c 12/10: 6 of 10 on time", last_check=D(2026, 11, 12),
         progress="Some progress", recheck_result="Partly passed",
         last_review=D(2026, 10, 19), reviews_missed=1, compliance="Partly followed",
         risk="Medium", decision="Continue plan"),
    # No measurable progress 33 days in.
    case("EC-009", "Liam Carter", "Care plan adherence", "Fluid targets not followed for "
         "Resident 3 on three audits", D(2026, 10, 19), RUTH, "Follow each resident's fluid "
         "target and record every drink; charts audited twice a week", "Record audit",
         D(2026, 12, 14), observations=4, audit_findings="Four audits: targets missed on 3",
         last_check=D(2026, 11, 19), progress="No measurable progress",
         recheck_result="Partly passed", last_review=D(2026, 11, 16), reviews_missed=0,
         compliance="Partly followed", risk="Medium", decision="Extend monitoring"),
    # Taken to senior oversight, but not onto the service improvement plan.
    case("EC-010", "Callum Fraser", "Shift reliability", "Four short-notice absences in eight "
         "weeks", D(2026, 9, 21), GARETH, "Return-to-work meeting after each absence; attendance "
         "reviewed fortnightly", "Spot check", D(2026, 12, 4), observations=5,
         audit_findings="One further absence on 02/11", last_check=D(2026, 11, 16),
         progress="Some progress", recheck_result="Partly passed",
         last_review=D(2026, 11, 13), reviews_missed=2, compliance="Partly followed",
         risk="Medium", decision="Escalate to senior oversight",
         senior_oversight=D(2026, 11, 13)),
    # Opened three working days after the concern was confirmed; plan signed five days later.
    case("EC-011", "Beth Morgan", "Documentation", "Care plan reviews late on three residents",
         D(2026, 10, 30), ANITA, "Bring the three care plan reviews up to date and keep a "
         "monthly review diary checked by the deputy", "Record audit", D(2026, 12, 11),
         escalated=D(2026, 11, 4), signed=D(2026, 11, 9), observations=1,
         audit_findings="2 of 3 reviews done by 16/11", last_check=D(2026, 11, 16),
         progress="Some progress", recheck_result="Partly passed",
         last_review=D(2026, 11, 18), reviews_missed=0, compliance="Partly followed",
         risk="Low", decision="Continue plan"),
    # Closed as improved although the last recheck failed, and no closure evidence named.
    case("EC-012", "Ellie Ward", "Conduct", "Third complaint about tone with residents' "
         "families", D(2026, 9, 14), ANITA, "Customer care workshop; three family contacts "
         "observed by the deputy", "Shift observation", D(2026, 10, 26), observations=2,
         audit_findings="Observation 19/10 raised the same concern", last_check=D(2026, 10, 19),
         progress="Some progress", recheck_result="Failed", last_review=D(2026, 10, 23),
         reviews_missed=0, compliance="Partly followed", risk="Low", decision="Close case",
         outcome=SUSTAINED, date_closed=D(2026, 10, 26), hr_pathway="No formal pathway"),
    # The review decided to close on 06/11 and the case is still open.
    case("EC-013", "Marcus Reid", "Medication practice", "Two MAR signing gaps in one week",
         D(2026, 10, 5), GARETH, "MAR refresher; MAR audited each week for four weeks",
         "Record audit", D(2026, 11, 9), observations=4,
         audit_findings="Four weekly MAR audits: no gaps", last_check=D(2026, 11, 2),
         progress="Targets met", recheck_result="Passed", last_review=D(2026, 11, 6),
         reviews_missed=0, compliance="Fully followed", risk="Low", decision="Close case"),
    # Opened four days ago: no signed plan, no recheck method yet.
    case("EC-014", "Nadia Haddad", "Documentation", "Food and fluid charts incomplete on three "
         "audits", D(2026, 11, 17), ANITA, "Complete food and fluid charts at each meal; charts "
         "audited weekly", None, D(2026, 12, 29), signed=None, last_check=D(2026, 11, 20),
         risk="Medium"),
    # Documentation again for Priti, six weeks after EC-002 closed.
    case("EC-015", "Priti Nair", "Documentation", "Daily notes late again on two audits",
         D(2026, 10, 26), ANITA, "Notes written before leaving shift; 10 notes audited weekly "
         "for six weeks", "Record audit", D(2026, 12, 7), observations=3,
         audit_findings="Audits: 8/10, 9/10, 9/10", last_check=D(2026, 11, 16),
         progress="Good progress", recheck_result="Passed", last_review=D(2026, 11, 9),
         reviews_missed=0, compliance="Fully followed", risk="Low", decision="Continue plan"),
]

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "brookside-escalated-cases.xlsx"

#: The Registered Manager's fortnightly review of every open case (Ex2 step 4), every other
#: Thursday from 9 July, and the deputy's weekly formal look at the monitoring (Ex2 step 3),
#: each Friday. The case review due on 17 September was cancelled for an inspection and not
#: rebooked, so the fortnight of 14-27 September had none.
CASE_REVIEWS = [dict(review_held=day, reviewer="Claire Dunn", reviewer_role="Registered Manager",
                     review_type="Case review", minutes_ref=f"CRV-{day:%d%m}",
                     review_decision="Each open case reviewed against its plan; next "
                                     "escalation decisions recorded on the tracker.")
                for day in (D(2026, 7, 9) + timedelta(weeks=2 * n) for n in range(10))
                if day != D(2026, 9, 17)]
MONITORING = [dict(review_held=day, reviewer="Ravi Patel", reviewer_role="Deputy Manager",
                   review_type="Monitoring review", minutes_ref=f"MON-{day:%d%m}",
                   review_decision="Monitoring log checked; observations and audits up to date.")
              for day in (D(2026, 7, 10) + timedelta(weeks=n) for n in range(20))]
REVIEWS = sorted(CASE_REVIEWS + MONITORING, key=lambda r: r["review_held"])

if __name__ == "__main__":
    api.build_template("supervision-escalations", SAMPLE, entries=ROWS, reviews=REVIEWS,
                       force=True)
    print(f"Wrote {SAMPLE} ({len(ROWS)} cases)")
