"""Regenerate the Fernhollow safeguarding action plan (a fictional service; every name is invented).

Run from the repository root:  python samples/fernhollow-safeguarding/make_sample.py
Fernhollow is an imagined supported-living service for adults with a learning disability, in
two houses (Ash House and Birch House). The plan answers five safeguarding concerns raised in
2026. Most actions are kept well; some show the faults a safeguarding plan is most often
criticised for: a team as lead, reminders and reissued policies standing in for change,
a RAG with no narrative, Green on an overdue action, closure without the closure test or
after too few review cycles, and a high-risk action overdue with no senior assurance.
"""

from datetime import date
from pathlib import Path

from tracker_tool import api

D = date
RM, DM, PBS, TL = "Helen Marsh", "Kwame Osei", "Nadia Rahim", "Owen Pryce"
ADMIN, TRAIN, NI = "Lucy Tran", "Gareth Lewis", "Sarah Fell"
BOARD_OCT = "Board quality report 15/10/2026, restrictive practice section"

RESTRICTIVE = {"concern_ref": "SAF-2026-031", "concern_type": "Restrictive practice",
               "date_raised": D(2026, 7, 14), "risk_level": "High"}
NEGLECT = {"concern_ref": "SAF-2026-038", "concern_type": "Neglect or acts of omission",
           "date_raised": D(2026, 9, 8)}
MONEY = {"concern_ref": "SAF-2026-042", "concern_type": "Financial or material abuse",
         "date_raised": D(2026, 10, 6), "risk_level": "Medium"}
ESCALATION = {"concern_ref": "SAF-2026-019", "concern_type": "Organisational abuse",
              "date_raised": D(2026, 4, 20)}
LOUNGE = {"concern_ref": "SAF-2026-047", "concern_type": "Physical abuse",
          "date_raised": D(2026, 11, 16), "risk_level": "High"}
#: An action for the same learning whose concern reference was left off (a fault).
SHARED = {"concern_type": "Restrictive practice", "date_raised": D(2026, 10, 5),
          "risk_level": "Medium"}

ROWS = [
    # --- SAF-2026-031: restrictive practice used inconsistently and not recorded ------------
    dict(action_id="SG-01", **RESTRICTIVE, action_type="Risk-control measure",
         learning="Holds were used in both houses without being recorded or reviewed",
         action="Record every planned or emergency hold on the restrictive practice log before "
                "the end of the shift; the on-call manager reviews each entry the same day",
         owner=PBS, due_date=D(2026, 7, 21), status="Implemented", rag="Green",
         rag_narrative="All 23 holds since August logged within the shift and signed off by "
                       "on-call the same day",
         narrative_date=D(2026, 11, 12), evidence="Restrictive practice log Aug-Nov 2026 with "
                                                   "on-call sign-off column",
         last_review=D(2026, 11, 12), next_review=D(2026, 11, 26), review_cycles=3,
         senior_assurance=BOARD_OCT),
    dict(action_id="SG-02", **RESTRICTIVE, action_type="Practice change",
         learning="Support plans gave no least-restrictive alternatives, so staff fell back on "
                  "holds",
         action="Rewrite the six PBS plans with named least-restrictive alternatives and coach "
                "all 18 staff through scenario sessions on using them",
         owner=PBS, due_date=D(2026, 9, 30), status="Closed", rag="Green",
         rag_narrative="Plans rewritten by 22/09; coaching finished 29/09; closure agreed "
                       "at governance",
         narrative_date=D(2026, 11, 12), evidence="PBS plans v4 for all six people; coaching "
                                                   "attendance register",
         last_review=D(2026, 11, 12), review_cycles=4, senior_assurance=BOARD_OCT,
         risk_indicators="Restrictive interventions: 31 in July, 19 in September, 8 in "
                         "October",
         practice_audit="PBS plan audit AUD-2026-044: 6 of 6 plans list alternatives in use",
         competency_evidence="Scenario competency checks in supervision: 18 of 18 staff "
                             "passed",
         governance_minutes="Safeguarding governance group minutes 12/11/2026 item 3, "
                            "challenged by the Nominated Individual",
         closure_date=D(2026, 11, 12), closed_by=RM),
    dict(action_id="SG-03", **RESTRICTIVE, action_type="Oversight mechanism",
         learning="Managers did not see the restrictive practice log, so nobody noticed the "
                  "rise in holds",
         action="Deputy manager reviews the restrictive practice log every week and reports "
                "the count and any late entries to the monthly safeguarding governance group",
         owner=DM, due_date=D(2026, 8, 1), status="Implemented", rag="Amber",
         rag_narrative="Weekly reviews done except two weeks in October while on leave; team "
                       "leader now covers leave",
         narrative_date=D(2026, 11, 12), evidence="Weekly log review sheets filed in the "
                                                   "governance folder",
         last_review=D(2026, 11, 12), next_review=D(2026, 11, 26), review_cycles=3,
         senior_assurance=BOARD_OCT),
    dict(action_id="SG-04", **RESTRICTIVE, action_type="Evidence measure",
         learning="Records did not show what led to a hold or what was tried first",
         action="Team leader samples 10 restrictive practice records and debrief forms a month "
                "and scores them against the recording standard",
         owner=TL, due_date=D(2026, 8, 31), status="Implemented", rag="Green",
         rag_narrative="November sample: 9 of 10 met the standard (July baseline 3 of 10)",
         evidence="Monthly record sampling sheets Aug-Nov 2026",
         last_review=D(2026, 11, 12), next_review=D(2026, 11, 26), review_cycles=3,
         senior_assurance=BOARD_OCT),
    # --- SAF-2026-038: missed night checks and late personal care at Birch House --------
    dict(action_id="SG-05", **NEGLECT, risk_level="High", action_type="Risk-control measure",
         learning="Night checks for people at risk of choking and seizures were missed on "
                  "three nights",
         action="Two-hourly night checks for the three people at highest risk are recorded on "
                "the electronic care record, which alerts on-call when a check is missed",
         owner=TL, due_date=D(2026, 9, 12), status="Implemented", rag="Green",
         rag_narrative="No missed checks since 20/09; 4 alerts in September all followed up "
                       "within the hour",
         narrative_date=D(2026, 11, 12), evidence="Electronic care record night-check report "
                                                   "and alert log",
         last_review=D(2026, 11, 12), next_review=D(2026, 11, 26), review_cycles=2,
         senior_assurance="Nominated Individual briefing 20/10/2026"),
    dict(action_id="SG-06", **NEGLECT, risk_level="Medium", action_type="Practice change",
         learning="Night staff handed over verbally and missed care was not picked up",
         action="Night staff complete a written 7am handover checklist covering each person's "
                "checks, continence care and any refusals",
         owner="Night team", due_date=D(2026, 10, 1), status="In progress", rag="Amber",
         rag_narrative="Checklist used on 4 of 7 nights last week; agency staff not yet shown "
                       "how",
         narrative_date=D(2026, 11, 12), evidence="Handover checklists Oct-Nov 2026",
         last_review=D(2026, 11, 12), next_review=D(2026, 12, 3), review_cycles=2),
    dict(action_id="SG-07", **NEGLECT, risk_level="High", action_type="Oversight mechanism",
         learning="No manager had seen night practice at Birch House for over a year",
         action="Registered Manager makes an unannounced night visit each fortnight and "
                "records what was seen against the handover checklist",
         owner=RM, due_date=D(2026, 10, 31), status="In progress", rag="Green",
         rag_narrative="One visit done 14/10; November visit not yet booked",
         narrative_date=D(2026, 11, 10), last_review=D(2026, 11, 12),
         next_review=D(2026, 11, 26), review_cycles=1),
    dict(action_id="SG-08", **NEGLECT, risk_level="High", action_type="Evidence measure",
         learning="Night records were too thin to show whether care had been given",
         action="Audit 20 night records across both houses each month and report the results "
                "to the safeguarding governance group",
         owner=DM, due_date=D(2026, 10, 15), status="Implemented", rag="Green",
         rag_narrative="October audit: 17 of 20 complete, up from 11 of 20 in September",
         narrative_date=D(2026, 11, 12), evidence="Night record audits AUD-2026-051 and "
                                                   "AUD-2026-058",
         last_review=D(2026, 11, 12), next_review=D(2026, 11, 26), review_cycles=2,
         senior_assurance="Nominated Individual briefing 20/10/2026"),
    # --- SAF-2026-042: cash spent for a tenant without receipts ----------------------------
    dict(action_id="SG-09", **MONEY, action_type="Practice change",
         learning="Cash spent on a tenant's behalf was not receipted or double-signed",
         action="Policy reissued to staff on handling people's money",
         owner=ADMIN, due_date=D(2026, 10, 20), status="Implemented", rag="Green",
         evidence="done", last_review=D(2026, 10, 13), next_review=D(2026, 11, 10),
         review_cycles=1),
    dict(action_id="SG-10", **MONEY, action_type="Practice change",
         learning="Cash spent on a tenant's behalf was not receipted or double-signed",
         action="Staff reminded to get a receipt for every purchase",
         owner=ADMIN, due_date=D(2026, 10, 20), status="Closed", rag="Green",
         rag_narrative="Reminder given at the staff meeting", narrative_date=D(2026, 10, 21),
         evidence="Staff meeting minutes 19/10/2026", review_cycles=0,
         closure_date=D(2026, 10, 21), closed_by=ADMIN),
    # --- SAF-2026-019: staff did not escalate a safeguarding concern (closed) -------------
    dict(action_id="SG-11", **ESCALATION, risk_level="High", action_type="Risk-control measure",
         learning="A concern raised by a support worker waited nine days for a decision",
         action="The manager on duty logs and triages every concern raised by staff the same "
                "day and records the referral decision",
         owner=RM, due_date=D(2026, 4, 24), status="Closed", rag="Green",
         rag_narrative="Same-day triage in place from 23/04", narrative_date=D(2026, 6, 10),
         evidence="Safeguarding triage log", last_review=D(2026, 6, 10), review_cycles=1,
         senior_assurance="Board quality report 14/05/2026",
         risk_indicators="Days from concern to referral decision: 9 in April, 0 in May and "
                         "0 in June",
         practice_audit="Triage log audit AUD-2026-022: 15 of 15 decided the same day",
         competency_evidence="Supervision records: all 9 seniors discussed escalation "
                             "thresholds",
         governance_minutes="Quality governance minutes 10/06/2026 item 2",
         closure_date=D(2026, 6, 10), closed_by=NI),
    dict(action_id="SG-12", **ESCALATION, risk_level="Medium", action_type="Practice change",
         learning="Staff were unsure what counted as a safeguarding concern",
         action="Add a safeguarding reflection section to the supervision template and use it "
                "in every one-to-one",
         owner=DM, due_date=D(2026, 5, 31), status="Closed", rag="Green",
         rag_narrative="Template in use for every supervision since June",
         narrative_date=D(2026, 9, 9), evidence="Supervision template v3; supervision files",
         last_review=D(2026, 9, 9), review_cycles=3,
         risk_indicators="Concerns raised by staff: 2 in April, 7 in July, 6 in August",
         practice_audit="Supervision file audit AUD-2026-037: 24 of 25 include the reflection",
         competency_evidence="Safeguarding competency quiz in supervision: 27 of 28 staff "
                             "passed",
         governance_minutes="Quality governance minutes 09/09/2026 item 5",
         closure_date=D(2026, 9, 9), closed_by=RM),
    dict(action_id="SG-13", **ESCALATION, risk_level="Medium", action_type="Oversight mechanism",
         learning="Nobody checked daily records for signs of concern that were not escalated",
         action="Team leader samples 10 daily records a week and gives the author feedback the "
                "same day",
         owner=TL, due_date=D(2026, 5, 15), status="Closed", rag="Green",
         rag_narrative="Weekly sampling in place since May", narrative_date=D(2026, 9, 9),
         evidence="Weekly record sampling log", last_review=D(2026, 9, 9), review_cycles=3,
         risk_indicators="Escalations are now made promptly",
         practice_audit="Daily record audit AUD-2026-040: 18 of 20 met the standard",
         competency_evidence="Observed practice in supervision for all 12 support workers",
         governance_minutes="Quality governance minutes 09/09/2026 item 5",
         closure_date=D(2026, 9, 9), closed_by=RM),
    dict(action_id="SG-14", **ESCALATION, risk_level="Medium", action_type="Evidence measure",
         learning="Learning from the enquiry had not reached staff in either house",
         action="Use an anonymised case study from the enquiry at each monthly team meeting and "
                "record attendance and the questions staff raise",
         owner=TRAIN, due_date=D(2026, 6, 30), status="Closed", rag="Green",
         rag_narrative="Case studies used May to August", narrative_date=D(2026, 9, 9),
         evidence="Team meeting minutes May-Aug 2026", last_review=D(2026, 9, 9),
         review_cycles=3,
         risk_indicators="Repeat referrals about late escalation: 3 in Q1, 0 in Q2 and 0 in Q3",
         practice_audit="Team meeting audit AUD-2026-041: case study used at 4 of 4 meetings",
         competency_evidence="Supervision notes: 28 of 28 staff could explain the escalation "
                             "route",
         governance_minutes="Quality governance minutes 09/09/2026 item 5",
         closure_date=D(2026, 9, 9), closed_by=RM),
    # --- learning shared beyond Fernhollow (its concern reference left off) ---------------
    dict(action_id="SG-15", **SHARED, action_type="Practice change",
         learning="The provider's other two services use the same recording forms",
         action="Share the restrictive practice learning and the new log with the managers of "
                "the provider's two other services and agree how they will use it",
         owner=RM, due_date=D(2026, 12, 15), status="In progress", rag="Amber",
         rag_narrative="Presented at the managers' forum 03/11; one service yet to reply",
         narrative_date=D(2026, 11, 12), evidence="Managers' forum slides and notes 03/11/2026",
         last_review=D(2026, 11, 12), next_review=D(2026, 12, 10), review_cycles=1),
    # --- SAF-2026-047: allegation between two tenants in the shared lounge (new) ---------
    dict(action_id="SG-16", **LOUNGE, action_type="Risk-control measure",
         learning="Both tenants were in the shared lounge with one worker when the incident "
                  "happened",
         action="Staff the shared lounge at Ash House 2:1 from 4pm to 8pm while the two "
                "tenants' support plans are reviewed",
         owner=DM, due_date=D(2026, 11, 17), status="Implemented", rag="Green",
         rag_narrative="In place from 17/11; rota covered to the end of December",
         narrative_date=D(2026, 11, 18), evidence="Rota Nov-Dec 2026 showing 2:1 lounge cover",
         next_review=D(2026, 11, 28), review_cycles=0),
    dict(action_id="SG-17", **LOUNGE, action_type="Practice change",
         learning="Neither tenant's plan said how to support them when both are unsettled",
         action="Review both tenants' PBS plans and risk assessments with the community "
                "learning disability team and update them",
         owner=PBS, due_date=D(2026, 12, 5), status="In progress", rag="Green",
         rag_narrative="Joint meeting with the community team booked for 25/11",
         narrative_date=D(2026, 11, 18), next_review=D(2026, 11, 28), review_cycles=0),
    dict(action_id="SG-18", **LOUNGE, action_type="Oversight mechanism",
         learning="No one looked at the lounge observation notes unless something happened",
         action="The manager on duty checks the lounge observation record each evening and the "
                "deputy reviews the week at the Friday huddle",
         owner=TL, due_date=D(2026, 11, 20), status="Implemented", rag="Green",
         rag_narrative="Evening checks started 18/11", narrative_date=D(2026, 11, 20),
         next_review=D(2026, 11, 28), review_cycles=0),
    dict(action_id="SG-19", **LOUNGE, action_type="Evidence measure",
         learning="There was no count of incidents between the two tenants to judge progress",
         action="Count incidents between the two tenants each week against the 6 in October "
                "and report the trend to the safeguarding governance group",
         owner=DM, due_date=D(2026, 11, 30), status="Not started", rag="Green",
         rag_narrative="October baseline of 6 incidents agreed with the community team",
         narrative_date=D(2026, 11, 18), next_review=D(2026, 11, 28), review_cycles=0),
]

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "fernhollow-safeguarding-plan.xlsx"

#: The plan's review at the monthly quality and safeguarding governance meeting, each a review
#: cycle. August's meeting did not take place (the summer rota), so August had no review.
REVIEWS = [dict(review_held=day, reviewer=RM, reviewer_role="Chair of the governance meeting",
                review_type="Governance review", minutes_ref=f"QSG-{day:%Y-%m}",
                review_decision="Plan reviewed with the RAG and narrative; high-risk actions "
                                "kept open until the indicators hold.")
           for day in (D(2026, month, 15) for month in (5, 6, 7, 9, 10, 11))]

if __name__ == "__main__":
    api.build_template("safeguarding-plan", SAMPLE, entries=ROWS, reviews=REVIEWS, force=True)
    print(f"Wrote {SAMPLE} ({len(ROWS)} actions)")
