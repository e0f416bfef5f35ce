"""Regenerate the Brookside Court probation-action sample (a fictional care home; every name is
invented).

Run from the repository root:  python samples/brookside-probation/make_sample.py
Eighteen support actions for five new starters, raised at their week-2, week-6 and week-12
supervisions. Most are mentored, verified and closed on evidence; the rest show what the
supervision article warns of: a moving and handling action a fortnight late with no
restriction or escalation, a failed medication action nobody escalated, sign-off on "seems
confident", the same induction gap coming back, and open actions close to a week-12 decision.
"""

from datetime import date, timedelta
from pathlib import Path

from tracker_tool import api

D = date
ANITA, FEMI, RUTH = "Anita Kowalska", "Femi Adebayo", "Ruth Okonjo"
DEE, PAUL = "Dee Marsh", "Paul Evans"
STARTED = {"Leah Quinn": D(2026, 8, 24), "Sam Ortiz": D(2026, 9, 7),
           "Owen Byrne": D(2026, 10, 5), "Chloe Adams": D(2026, 9, 21),
           "Ibrahim Yusuf": D(2026, 9, 1)}
MENTORS = {"Leah Quinn": DEE, "Sam Ortiz": PAUL, "Owen Byrne": DEE, "Chloe Adams": PAUL,
           "Ibrahim Yusuf": DEE}


def action(ref, starter, raised, gap, text, due, responsible, *, status="In progress",
           **later):
    row = {"action_id": ref, "new_starter": starter, "start_date": STARTED[starter],
               "date_raised": raised, "induction_gap": gap, "action": text, "deadline": due,
               "person_responsible": responsible, "mentor": MENTORS[starter], "status": status,
               "risk": "Low"}
    row.update(later)
    return row


def completed(evidence, verified, **more):
    return dict(status="Completed", evidence_reviewed=evidence, verified_date=verified,
                mentor_update=verified, **more)


ROWS = [
    # --- Leah Quinn: every action closed on evidence ---------------------------------------
    action("PA-001", "Leah Quinn", D(2026, 9, 7), "Medication", "Shadow two medication rounds "
           "and be observed giving one round by the deputy", D(2026, 9, 25), FEMI,
           support_sessions=2, competency="Medication round", confidence="Improved",
           **completed("Medication competency observation 23/09 signed by the deputy",
                       D(2026, 9, 24))),
    action("PA-002", "Leah Quinn", D(2026, 9, 7), "Record keeping", "Write daily notes for her "
           "key residents with the mentor checking five entries", D(2026, 9, 30), ANITA,
           support_sessions=1, competency="Daily notes", confidence="Improved",
           **completed("Mentor check of 5 daily notes 28/09", D(2026, 9, 29))),
    action("PA-003", "Leah Quinn", D(2026, 10, 5), "Moving and handling", "Complete the hoist "
           "competency with the moving and handling lead", D(2026, 10, 23), FEMI,
           support_sessions=2, competency="Hoist transfers", confidence="Improved",
           **completed("Hoist competency MH-0201 signed 21/10", D(2026, 10, 22))),
    # --- Sam Ortiz ---------------------------------------------------------------------------
    action("PA-004", "Sam Ortiz", D(2026, 9, 21), "Safeguarding", "Complete safeguarding level 1 "
           "e-learning and talk through the reporting flowchart with the mentor",
           D(2026, 10, 9), ANITA, support_sessions=1, competency="Raising a concern",
           confidence="Improved",
           **completed("Certificate SG1-0312; mentor discussion note 08/10", D(2026, 10, 9))),
    # Failed, and handled as the article asks: restricted, escalated, a new date set.
    action("PA-005", "Sam Ortiz", D(2026, 10, 19), "Medication", "Observe two medication rounds "
           "and complete the MAR workbook, checked by the deputy", D(2026, 11, 6), FEMI,
           status="Failed", support_sessions=3, competency="MAR recording",
           confidence="No change", mentor_update=D(2026, 11, 20),
           evidence_reviewed="MAR workbook 05/11: 4 errors in PRN recording",
           verified_date=D(2026, 11, 6), risk="High",
           overdue_reason="Workbook not passed: PRN entries wrong",
           interim_restriction="No medication administration without a senior present",
           revised_review=D(2026, 11, 27), escalated_on=D(2026, 11, 9)),
    # Open nine days before Sam's week-12 decision, with no escalation.
    action("PA-006", "Sam Ortiz", D(2026, 10, 19), "Person-centred care", "Write a one-page "
           "profile with Resident 5 and her daughter and share it at handover", D(2026, 11, 27),
           ANITA, support_sessions=1, competency="One-page profiles", confidence="Improved",
           mentor_update=D(2026, 11, 20), verified_date=D(2026, 11, 13)),
    # --- Owen Byrne --------------------------------------------------------------------------
    # A fortnight late: no reason, no restriction, no new date, no escalation, no mentor update.
    action("PA-007", "Owen Byrne", D(2026, 10, 19), "Moving and handling", "Complete the moving "
           "and handling practical and be observed on two stand-aid transfers", D(2026, 11, 6),
           FEMI, support_sessions=1, competency="Stand-aid transfers", confidence="No change",
           mentor_update=D(2026, 11, 13), verified_date=D(2026, 11, 13), risk="Medium"),
    # Signed off on an impression.
    action("PA-008", "Owen Byrne", D(2026, 10, 19), "Record keeping", "Write five daily notes "
           "and have the mentor check each one against the notes guide", D(2026, 11, 2), ANITA,
           support_sessions=2, competency="Daily notes", confidence="Improved",
           **completed("seems confident with notes now", D(2026, 11, 3))),
    action("PA-009", "Owen Byrne", D(2026, 11, 16), "Infection prevention and control",
           "Complete the infection control module and pass a hand hygiene observation",
           D(2026, 12, 4), ANITA, status="Open", mentor_update=D(2026, 11, 20),
           verified_date=D(2026, 11, 16)),
    # Record keeping again at week 6.
    action("PA-010", "Owen Byrne", D(2026, 11, 16), "Record keeping", "Audit 10 of his own daily "
           "notes against the checklist with the mentor", D(2026, 12, 4), ANITA,
           support_sessions=1, competency="Daily notes", confidence="No change",
           mentor_update=D(2026, 11, 20), verified_date=D(2026, 11, 16)),
    # --- Chloe Adams -------------------------------------------------------------------------
    action("PA-011", "Chloe Adams", D(2026, 10, 5), "Fire safety", "Walk the fire route with "
           "the maintenance lead and take part in the next fire drill", D(2026, 10, 30), RUTH,
           support_sessions=1, competency="Evacuation", confidence="Improved",
           **completed("Fire drill log 28/10 and walk-round checklist", D(2026, 10, 30))),
    # A safeguarding action five working days late: escalate within one working day.
    action("PA-012", "Chloe Adams", D(2026, 11, 2), "Safeguarding", "Complete safeguarding "
           "level 2 and talk through two scenarios with the mentor", D(2026, 11, 13), ANITA,
           support_sessions=1, competency="Recognising abuse", confidence="Improved",
           mentor_update=D(2026, 11, 20), verified_date=D(2026, 11, 13), risk="Medium",
           overdue_reason="Course postponed by the trainer to 24/11",
           interim_restriction="No lone working until level 2 is complete",
           revised_review=D(2026, 11, 27)),
    # Signed off as "Done" on a medication gap.
    action("PA-013", "Chloe Adams", D(2026, 11, 2), "Medication", "Complete the MAR workbook and "
           "be observed on one medication round by the deputy", D(2026, 11, 16), FEMI,
           support_sessions=2, competency="Medication round", confidence="Improved",
           **completed("Done", D(2026, 11, 13))),
    # --- Ibrahim Yusuf -----------------------------------------------------------------------
    action("PA-014", "Ibrahim Yusuf", D(2026, 9, 15), "Communication", "Use the communication "
           "book at every handover for two weeks, checked by the shift leader", D(2026, 10, 2),
           RUTH, support_sessions=1, competency="Handover", confidence="Improved",
           **completed("Communication book entries 16/09 to 01/10 checked", D(2026, 10, 2))),
    # Failed medication action, restricted but never escalated, three days before week 12.
    action("PA-015", "Ibrahim Yusuf", D(2026, 10, 13), "Medication", "Complete the MAR "
           "competency assessment with the deputy", D(2026, 11, 3), FEMI, status="Failed",
           support_sessions=2, competency="MAR recording", confidence="Lower",
           mentor_update=D(2026, 11, 20), risk="High",
           evidence_reviewed="MAR competency assessment 03/11: not passed",
           verified_date=D(2026, 11, 4), overdue_reason="Did not pass the assessment",
           interim_restriction="No medication administration", revised_review=D(2026, 11, 24)),
    # Closed with no evidence named.
    action("PA-016", "Ibrahim Yusuf", D(2026, 10, 13), "Record keeping", "Complete three "
           "incident forms with the senior checking each one", D(2026, 10, 30), ANITA,
           status="Completed", verified_date=D(2026, 10, 30), mentor_update=D(2026, 10, 30),
           support_sessions=1, competency="Incident reporting", confidence="Improved"),
    # Late, but restricted and escalated the next working day.
    action("PA-017", "Ibrahim Yusuf", D(2026, 10, 13), "Moving and handling", "Be observed on "
           "two hoist transfers by the moving and handling lead", D(2026, 11, 13), FEMI,
           support_sessions=2, competency="Hoist transfers", confidence="Improved",
           mentor_update=D(2026, 11, 20), verified_date=D(2026, 11, 13), risk="Medium",
           overdue_reason="Moving and handling lead off sick",
           interim_restriction="No hoist transfers without a second trained carer",
           revised_review=D(2026, 11, 27), escalated_on=D(2026, 11, 17)),
    action("PA-018", "Chloe Adams", D(2026, 11, 2), "Communication", "Introduce herself to each "
           "resident's family at the next visit and record it in the contact log",
           D(2026, 12, 4), RUTH, status="Open", mentor_update=D(2026, 11, 20),
           verified_date=D(2026, 11, 13)),
]

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "brookside-probation-actions.xlsx"

#: The mentors' weekly review of open actions before the Friday probation call (Ex3 step 2)
#: and the deputy's fortnightly verification (Ex3 step 3), every other Thursday, from the first
#: action raised (7 September). Both were kept: the record is complete.
MENTOR_REVIEWS = [dict(review_held=day, reviewer=DEE if n % 2 else PAUL, reviewer_role="Mentor",
                       review_type="Mentor review", minutes_ref=f"PRC-{day:%d%m}",
                       review_decision="Open actions reviewed with each new starter; support "
                                       "sessions booked.")
                  for n, day in enumerate(D(2026, 9, 11) + timedelta(weeks=n) for n in range(11))]
VERIFICATIONS = [dict(review_held=day, reviewer="Ravi Patel", reviewer_role="Deputy Manager",
                      review_type="Progress verification", minutes_ref=f"WFM-{day:%d%m}",
                      review_decision="Progress verified against the evidence; risk categories "
                                      "updated.")
                 for day in (D(2026, 9, 17) + timedelta(weeks=2 * n) for n in range(5))]
REVIEWS = sorted(MENTOR_REVIEWS + VERIFICATIONS, key=lambda r: r["review_held"])

if __name__ == "__main__":
    api.build_template("probation-actions", SAMPLE, entries=ROWS, reviews=REVIEWS, force=True)
    print(f"Wrote {SAMPLE} ({len(ROWS)} actions)")
