"""Regenerate the Hollybrook performance improvement plan (fictional; every name is invented).

Run from the repository root:  python samples/hollybrook-performance-plan/make_sample.py
Hollybrook is an imagined community nursing team. The plan is a Stage 2 (formal) plan for
one staff nurse, revising the Stage 1 plan agreed in May, as her team leader might keep it in
November 2026. Most of it is kept well; some of it shows the faults the audit looks for: a
gap that puts patients at risk with no measures in place, a planned review that passed with
no review, an action not met at its end date with no next step, an action with no support
recorded, and a plan the manager has not signed.
"""

from datetime import date
from pathlib import Path

from tracker_tool import api

D = date
WEEKLY = "Informal review in weekly supervision"

PLAN = {
    "employee": "Dana Whitlock", "manager": "Imogen Farrow", "date_agreed": D(2026, 8, 17),
    "stage": "Stage 2 (formal)", "revision": "Yes",
    "earlier_plans": "Stage 1 plan agreed 11/05/2026, revised 06/07/2026",
    "employee_signed": D(2026, 8, 17),
}

ROWS = [
    {"action_no": "1", "area": "Complete visit records accurately and on time",
     "required_level": "Every visit recorded in the patient's electronic record before the end "
                       "of the shift, complete and without errors, as the records policy asks",
     "gap": "An audit of 40 visit records in June and July found 11 errors and 6 entries made "
            "one to three days after the visit",
     "safety_risk": "Yes",
     "safety_measures": "Every record checked by a band 6 nurse within 24 hours for the first "
                        "six weeks of the plan",
     "agreed_actions": "Dana writes up each visit before starting the next one and asks the "
                       "shift coordinator when unsure what to record",
     "support": "Protected 30 minutes at the end of each shift; weekly supervision with Imogen",
     "timescale": "Immediately", "monitoring": WEEKLY, "review_date": D(2026, 11, 16),
     "measure": "Monthly audit of 20 of Dana's records for completeness, errors and timing",
     "end_date": D(2026, 11, 16), "reviewed_on": D(2026, 11, 16),
     "outcome": "November audit: 20 of 20 records complete and entered the same day",
     "rating": "Met"},
    {"action_no": "2", "area": "Give and record insulin as prescribed",
     "required_level": "Insulin given at the prescribed time and recorded on the administration "
                       "chart at each visit, with the blood glucose reading checked and written "
                       "down as prescribed",
     "gap": "Two insulin doses in July were recorded after the visit and one blood glucose "
            "reading was not written down",
     "safety_risk": "Yes",
     "agreed_actions": "Dana completes the insulin chart in the patient's home before leaving "
                       "and reads back the dose with the patient or carer",
     "support": "Three observed insulin visits with the diabetes specialist nurse",
     "timescale": "Within four weeks, then monthly", "monitoring": WEEKLY,
     "review_date": D(2026, 11, 30),
     "measure": "Monthly audit of the insulin charts of every insulin patient Dana visits",
     "end_date": D(2026, 12, 14), "reviewed_on": D(2026, 10, 19),
     "outcome": "October audit: one late entry in 42 doses; glucose recorded every time",
     "rating": "Partially met",
     "further_actions": "Two more observed visits with the specialist nurse before 14/12"},
    {"action_no": "3", "area": "Start shifts on time and attend the morning huddle",
     "required_level": "Ready at the 08:30 caseload huddle on every rostered shift",
     "gap": "Late for 9 of 22 shifts in July, missing the handover of the day's priority visits",
     "safety_risk": "No",
     "agreed_actions": "Dana arrives by 08:25; tells the coordinator by 08:00 if she will be late",
     "support": "Earlier start to the rota agreed for school-run days",
     "timescale": "Immediately", "monitoring": "Coordinator notes arrival times each day",
     "review_date": D(2026, 11, 16),
     "measure": "Arrival times from the huddle register, reviewed monthly",
     "end_date": D(2026, 11, 16), "reviewed_on": D(2026, 11, 16),
     "outcome": "Late for 4 of 20 shifts between 19/10 and 16/11", "rating": "Not met"},
    {"action_no": "4", "area": "Escalate deteriorating patients promptly",
     "required_level": "Any change in a patient's condition reported to the coordinator or GP "
                       "the same visit, using SBAR, as the deterioration policy asks",
     "gap": "In two visits in July a raised temperature and new confusion were recorded but "
            "not passed on until the next day",
     "safety_risk": "Yes",
     "safety_measures": "Dana phones the coordinator before leaving any patient whose "
                        "observations have changed",
     "agreed_actions": "Use the SBAR prompt card at every visit where observations change and "
                       "record who was told",
     "timescale": "Immediately", "monitoring": WEEKLY, "review_date": D(2026, 11, 2),
     "measure": "Coordinator's log of escalation calls checked against the visit records",
     "end_date": D(2026, 12, 14), "reviewed_on": D(2026, 10, 5),
     "outcome": "Three escalations in September, all made during the visit",
     "rating": "Partially met",
     "further_actions": "Complete the deteriorating patient e-learning by 31/10"},
    {"action_no": "5", "area": "Assess and record wounds to the Trust's standard",
     "required_level": "A full wound assessment with measurements and a photograph at the "
                       "first visit and every fourth dressing change",
     "gap": "Five of 12 wound charts audited in June had no measurements or photograph",
     "safety_risk": "Yes",
     "safety_measures": "Tissue viability nurse reviews every new wound Dana assesses until "
                        "the plan ends",
     "agreed_actions": "Dana uses the wound assessment template at every assessment visit",
     "support": "Two joint visits with the tissue viability nurse; wound care study day",
     "timescale": "Within six weeks", "monitoring": WEEKLY, "review_date": D(2026, 11, 30),
     "measure": "Audit of all wound charts on Dana's caseload in October and December",
     "end_date": D(2026, 12, 14), "reviewed_on": D(2026, 10, 19),
     "outcome": "October audit: 9 of 11 charts complete; two without a photograph",
     "rating": "Partially met",
     "further_actions": "Tissue viability nurse to join two visits in November"},
    {"action_no": "6", "area": "Bring mandatory training up to date",
     "required_level": "All mandatory training in date, as the Trust's training policy asks",
     "gap": "Safeguarding adults level 2 and basic life support expired in April",
     "safety_risk": "No",
     "agreed_actions": "Dana books and completes both courses",
     "support": "Two hours of protected time for the e-learning; place on the October "
                "basic life support session",
     "timescale": "By 30/10/2026", "monitoring": WEEKLY, "review_date": D(2026, 10, 30),
     "measure": "Training record", "end_date": D(2026, 10, 30), "reviewed_on": D(2026, 11, 2),
     "outcome": "Both courses completed; training record updated", "rating": "Met"},
    {"action_no": "7", "area": "Tell patients when a visit will be late",
     "required_level": "Patients told by phone when a visit will be more than 30 minutes "
                       "outside its time slot, as the service standard asks",
     "gap": "Two complaints in June from patients who waited without being told",
     "safety_risk": "No",
     "agreed_actions": "Dana checks the day's timings at midday and phones anyone who will be "
                       "seen late",
     "support": "Coordinator to share the afternoon's visit times at the midday call",
     "timescale": "Immediately", "monitoring": WEEKLY, "review_date": D(2026, 11, 30),
     "measure": "Complaints and patient feedback cards for Dana's visits",
     "end_date": D(2026, 12, 14), "reviewed_on": D(2026, 10, 19),
     "outcome": "No complaints since August; one feedback card mentions a late visit",
     "rating": "Partially met", "further_actions": "Keep the midday check going to 14/12"},
]

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "hollybrook-performance-plan.xlsx"

if __name__ == "__main__":
    api.build_template("performance-plan", SAMPLE, entries=ROWS, plan=PLAN, force=True)
    print(f"Wrote {SAMPLE} ({len(ROWS)} actions)")
