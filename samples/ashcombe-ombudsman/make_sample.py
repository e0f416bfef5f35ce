"""Regenerate the Ashcombe and Tarrow Ombudsman action plan (a fictional trust; every name is invented).

Run from the repository root:  python samples/ashcombe-ombudsman/make_sample.py
Ashcombe and Tarrow NHS Foundation Trust is an imagined acute trust. The Ombudsman upheld a
complaint by the daughter of an older patient ("Mr D") about his care on a surgical ward and
how her complaint was handled. Its (invented) final report found five failings; the plan below
answers them. Most of it is kept well; some of it shows faults the Ombudsman's guidance warns
about: a failing with no action, "All medical staff" as the responsible party, a completed
action with no evidence and another with evidence that points to nothing, an overdue action,
an action with no impact measure, a review that has not happened, standards referred to but
not named, an NHS number left in the text, the final report not sent with the regulator's
copy, and a plan review date that has passed.
"""

from datetime import date
from pathlib import Path

from tracker_tool import api

D = date
MATRON, DETERIORATION, PATIENT_EXPERIENCE = "Carys Whitlock", "Dr Tomasz Brennan", "Ifeoma Hale"
DISCHARGE, PHARMACY, COMPLAINTS = "Discharge team", "Pharmacy team", "Complaints team"

PLAN = {
    "case_ref": "C-2026-04417",
    "organisation": "Ashcombe and Tarrow NHS Foundation Trust",
    "organisation_address": "Trust Headquarters, Millbrook Road, Ashcombe",
    "report_date": D(2026, 9, 2),
    "failings_found": 5,
    "complaint_handling_found": "Yes",
    "plan_due": D(2026, 10, 2),
    "plan_sent": D(2026, 9, 30),
    "plan_accepted": D(2026, 10, 16),
    "review_date": D(2026, 11, 13),
    "complainant_involvement": "Consulted on the draft",
    "complainant_how": "Draft sent to the complainant for comment on 15/09/2026; a letter from "
                       "the head of patient experience every 8 weeks until every action is done",
    "send_to": "The complainant; Care Quality Commission; NHS Tarrow Integrated Care Board",
    "regulator": "Care Quality Commission",
    "report_with_regulator_copy": "No",
    "personal_details_removed": "Yes",
    "sent_date": D(2026, 10, 23),
    "progress_updates": "Quarterly update letter from the head of patient experience to "
                        "everyone listed, the first due in January 2027",
}

#: What every action on failing 1 shares.
DETERIORATED = {"failing_ref": 1, "complaint_handling": "No"}
DNACPR = {"failing_ref": 2, "complaint_handling": "No"}
DISCHARGED = {"failing_ref": 3, "complaint_handling": "No"}
COMPLAINT = {"failing_ref": 4, "complaint_handling": "Yes"}

ROWS = [
    # --- Failing 1: rising early warning scores were not escalated overnight -----------------
    dict(action_id="1.1", **DETERIORATED,
         failing="Mr D (NHS number 943 476 5919) had rising early warning scores for six hours "
                 "overnight and no doctor was called",
         action="Switch Ward 12 to electronic observations that alert the nurse in charge and "
                "the outreach team when the early warning score reaches 5",
         responsible="Digital nursing team", start_date=D(2026, 9, 7),
         due_date=D(2026, 10, 31), standards="NEWS2 (Royal College of Physicians, 2017)",
         standards_assurance="Alert thresholds signed off by the deteriorating patient group "
                             "against NEWS2",
         review_how="Deteriorating patient group checks a month of alerts against the "
                    "escalation log", review_date=D(2026, 11, 18),
         review_result="All 41 alerts in the month reached the outreach team within 30 minutes",
         monitoring="Monthly alert report to the patient safety committee",
         impact_measure="Share of scores of 5 or more escalated within an hour (61% in the "
                        "month of the complaint)",
         status="Complete", date_completed=D(2026, 10, 28),
         evidence="Go-live report 28/10/2026 and the November alert report"),
    dict(action_id="1.2", **DETERIORATED,
         action="Train every registered nurse and healthcare assistant on Ward 12 to "
                "recognise and escalate deterioration, with a competency sign-off",
         responsible=MATRON, start_date=D(2026, 10, 5), due_date=D(2026, 12, 18),
         standards="NEWS2; NMC Code (2018) section 19",
         standards_assurance="Course content approved by the trust's resuscitation lead",
         review_how="Matron checks the training register and competency sign-offs",
         review_date=D(2026, 12, 21),
         monitoring="Training compliance on the ward's monthly quality dashboard",
         impact_measure="Escalation audit results before and after the training",
         status="In progress", progress="26 of 34 staff trained and signed off"),
    dict(action_id="1.3", **DETERIORATED,
         action="Audit 20 sets of observations a month on Ward 12 for correct scoring and "
                "escalation, and feed back the results at the ward's safety huddle",
         responsible=DETERIORATION, start_date=D(2026, 10, 1), due_date=D(2027, 3, 31),
         standards="NEWS2",
         standards_assurance="Audit tool based on the NEWS2 escalation chart",
         review_how="Deteriorating patient group reviews the first three months of audits",
         review_date=D(2026, 11, 6),
         monitoring="Audit results reported monthly to the patient safety committee",
         impact_measure="Share of audited observations escalated correctly",
         status="In progress", progress="October audit done: 17 of 20 correct"),
    # --- Failing 2: the family was not told about the resuscitation decision ---------------
    dict(action_id="2.1", **DNACPR,
         failing="The decision not to attempt resuscitation was not discussed with the family "
                 "or recorded properly",
         action="Discuss every resuscitation decision with the patient or family and record "
                "the conversation on the ReSPECT form",
         responsible="All medical staff", start_date=D(2026, 10, 1),
         due_date=D(2026, 12, 31), standards="ReSPECT process; GMC end of life guidance",
         standards_assurance="Practice checked against the ReSPECT process by the end of "
                             "life care lead",
         review_how="End of life care lead reviews 10 ReSPECT forms from surgery",
         review_date=D(2027, 1, 11),
         monitoring="Quarterly ReSPECT form audit in the surgical division",
         impact_measure="Share of forms recording a discussion with the patient or family",
         status="In progress", progress="Teaching at the surgical audit day on 13/11/2026"),
    dict(action_id="2.2", **DNACPR,
         action="Add the ReSPECT form audit for surgery to the trust's clinical audit "
                "programme, with results shared with each consultant",
         responsible="Clinical audit team", start_date=D(2026, 10, 12),
         due_date=D(2027, 1, 31),
         standards_assurance="Audit questions follow the national guidance on resuscitation "
                             "decisions",
         review_how="Clinical audit committee reviews the first audit report",
         review_date=D(2027, 2, 10),
         monitoring="Repeat audit every quarter for a year",
         impact_measure="Change in the share of complete forms between the first and fourth "
                        "audits",
         status="Not started"),
    # --- Failing 3: discharged without the medicines and care agreed ------------------------
    dict(action_id="3.1", **DISCHARGED,
         failing="Mr D was discharged home without his new medicines or the care package "
                 "that had been agreed",
         action="Use a discharge checklist on Ward 12 that confirms medicines, care package "
                "and follow-up before anyone leaves the ward",
         responsible=DISCHARGE, start_date=D(2026, 9, 14), due_date=D(2026, 10, 30),
         standards="NICE NG27 (transition between hospital and home)",
         standards_assurance="Checklist reviewed against NICE NG27 by the discharge lead",
         review_how="Discharge lead checks 15 discharges against the checklist",
         review_date=D(2026, 11, 16),
         review_result="14 of 15 discharges had a completed checklist",
         monitoring="Monthly discharge audit on the ward dashboard",
         impact_measure="Readmissions within 7 days for missing medicines or care",
         status="Complete", date_completed=D(2026, 10, 26)),
    dict(action_id="3.2", **DISCHARGED,
         action="Pharmacy checks and hands over discharge medicines on the ward before "
                "any patient over 75 goes home",
         responsible=PHARMACY, start_date=D(2026, 10, 1), due_date=D(2026, 10, 31),
         standards="Royal Pharmaceutical Society medicines optimisation standards",
         standards_assurance="Procedure approved by the medicines safety group",
         review_how="Chief pharmacist reviews a week of discharges from Ward 12",
         review_date=D(2026, 12, 7),
         monitoring="Weekly report of discharges without a pharmacy check",
         impact_measure="Share of over-75 discharges checked by pharmacy",
         status="In progress", progress="Waiting for a second ward pharmacist to start"),
    # --- Failing 4: the complaint took seven months and missed the main question -------------
    dict(action_id="4.1", **COMPLAINT,
         failing="The complaint response took seven months, did not answer the main question "
                 "and did not apologise",
         action="Draft every complaint response against a list of the questions raised and "
                "have the divisional director check each one is answered before sign-off",
         responsible=COMPLAINTS, start_date=D(2026, 9, 14), due_date=D(2026, 10, 30),
         standards="NHS Complaint Standards (Parliamentary and Health Service Ombudsman)",
         standards_assurance="Process mapped to the NHS Complaint Standards by the head of "
                             "patient experience",
         review_how="Head of patient experience samples 10 responses a quarter",
         review_date=D(2026, 11, 20), review_result="9 of 10 answered every question raised",
         monitoring="Quarterly complaints quality audit reported to the quality committee",
         impact_measure="Complaints reopened because questions were not answered",
         status="Complete", date_completed=D(2026, 10, 23),
         evidence="Complaint response procedure v3 and the November sample audit"),
    dict(action_id="4.2", **COMPLAINT,
         action="Track every open complaint weekly and escalate any not answered within "
                "40 working days to the chief nurse",
         responsible=COMPLAINTS, start_date=D(2026, 10, 5), due_date=D(2026, 12, 18),
         standards="NHS Complaint Standards",
         standards_assurance="Timescales agreed with the head of patient experience in line "
                             "with the NHS Complaint Standards",
         review_how="Chief nurse reviews the escalation list each month",
         review_date=D(2027, 1, 8),
         monitoring="Complaints performance on the board's quality report",
         status="In progress", progress="Weekly tracker running since 12/10/2026"),
    dict(action_id="4.3", **COMPLAINT,
         action="Write to the complainant with a full apology from the chief executive and "
                "offer a meeting with the surgical team",
         responsible=PATIENT_EXPERIENCE, start_date=D(2026, 9, 7), due_date=D(2026, 9, 30),
         standards="NHS Complaint Standards; Ombudsman's principles for remedy",
         standards_assurance="Letter checked by the head of patient experience against the "
                             "principles for remedy",
         review_how="Head of patient experience confirms the meeting took place",
         review_date=D(2026, 10, 30), review_result="Meeting held on 21/10/2026",
         monitoring="Recorded on the complaint file",
         impact_measure="Complainant's feedback on the meeting",
         status="Complete", date_completed=D(2026, 9, 25), evidence="done"),
    # Failing 5 (the family's calls to the ward were not recorded) has no action: a fault.
]

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "ashcombe-ombudsman-plan.xlsx"

if __name__ == "__main__":
    api.build_template("ombudsman-plan", SAMPLE, entries=ROWS, plan=PLAN, force=True)
    print(f"Wrote {SAMPLE} ({len(ROWS)} actions)")
