"""Regenerate the Brookside Court supervision-action sample (a fictional care home; every name
is invented).

Run from the repository root:  python samples/brookside-supervision/make_sample.py
Thirty actions from four months of supervision. Most are kept well; the rest show what the
supervision article warns of: actions too vague to test, actions closed without looking at
evidence, deadlines drifting with no reason or escalation, late actions clustering around one
manager and one area of practice, and the same issue coming back at a later supervision.
"""

from datetime import date, timedelta
from pathlib import Path

from tracker_tool import api

D = date
RUTH, GARETH, ANITA = "Ruth Okonjo", "Gareth Price", "Anita Kowalska"
CHASING, REGISTER = "Line manager chasing", "Overdue register (weekly RM review)"


def action(ref, met, staff, text, category, due, manager, evidence, review, *, logged=None,
           priority="Medium", status="In progress", **later):
    row = {"action_id": ref, "supervision_date": met, "staff_name": staff, "action": text,
               "category": category, "deadline": due, "line_manager": manager,
               "date_logged": logged or met, "priority": priority, "evidence_required": evidence,
               "review_date": review, "status": status}
    row.update(later)
    return row


def done(seen, checked, **more):
    return dict(status="Complete", evidence_seen=seen, date_checked=checked, **more)


ROWS = [
    # --- closed on time, with the evidence named ------------------------------------------
    action("SA-001", D(2026, 8, 4), "Liam Carter", "Complete the online medication refresher "
           "module and bring the certificate to the next supervision", "Medication",
           D(2026, 8, 25), RUTH, "E-learning certificate", D(2026, 8, 14), priority="High",
           **done("Certificate MED-REF-0412 seen", D(2026, 8, 21))),
    action("SA-002", D(2026, 8, 5), "Priti Nair", "Write daily notes before leaving each shift; "
           "10 notes audited by the team leader at the end of the month", "Record keeping",
           D(2026, 8, 28), ANITA, "Daily notes audit", D(2026, 8, 21),
           **done("Notes audit 28/08: 10 of 10 written on shift", D(2026, 8, 28))),
    action("SA-003", D(2026, 8, 11), "Tom Hendry", "Attend the moving and handling refresher day "
           "and be observed on two hoist transfers", "Training refresher", D(2026, 9, 15),
           GARETH, "Training record and observation notes", D(2026, 9, 1),
           **done("Training log TR-2214; observation notes 10/09", D(2026, 9, 10))),
    action("SA-004", D(2026, 8, 18), "Zara Malik", "Read and sign the revised pressure-care "
           "procedure and complete two repositioning charts with the senior on shift",
           "Care plan compliance", D(2026, 9, 1), RUTH, "Signed procedure and two charts",
           D(2026, 8, 25), priority="High",
           **done("Signed procedure sheet; repositioning charts 26/08 and 27/08",
                  D(2026, 8, 28))),
    action("SA-005", D(2026, 8, 25), "Kofi Mensah", "Arrive for handover at 07:45 on every shift "
           "for four weeks; team leader checks the signing-in sheet weekly",
           "Attendance and reliability", D(2026, 9, 22), GARETH, "Signing-in sheets",
           D(2026, 9, 8), **done("Signing-in sheets w/c 31/08 to 21/09: all on time",
                                 D(2026, 9, 22))),
    action("SA-006", D(2026, 9, 1), "Ellie Ward", "Complete safeguarding level 2 e-learning and "
           "talk through one case study at the next supervision", "Safeguarding",
           D(2026, 9, 29), ANITA, "Certificate and case study notes", D(2026, 9, 15),
           priority="High", **done("Certificate SG2-0087; case study notes 29/09",
                                   D(2026, 9, 29))),
    action("SA-007", D(2026, 9, 8), "Dan Fletcher", "Record fluid intake on the electronic chart "
           "after every drink offered; 3 charts spot checked each week for a month",
           "Record keeping", D(2026, 10, 6), RUTH, "Spot check results", D(2026, 9, 22),
           **done("Spot checks 15/09-06/10: 12 charts, 11 complete", D(2026, 10, 6))),
    action("SA-008", D(2026, 9, 15), "Megan Rhys", "Shadow the senior on two medication rounds "
           "and complete the MAR competency assessment", "Medication", D(2026, 10, 13), ANITA,
           "Signed MAR competency assessment", D(2026, 9, 29), priority="High",
           **done("MAR competency assessment signed 09/10", D(2026, 10, 9))),
    action("SA-009", D(2026, 9, 22), "Aled Jones", "Use the communication passport for Resident "
           "14 on every shift; team leader observes two interactions", "Communication",
           D(2026, 10, 20), GARETH, "Observation notes", D(2026, 10, 6),
           **done("Observation notes 08/10 and 15/10", D(2026, 10, 16))),
    action("SA-010", D(2026, 10, 6), "Beth Morgan", "Complete the infection control refresher "
           "module and pass the hand hygiene observation", "Training refresher",
           D(2026, 10, 27), ANITA, "Certificate and observation record", D(2026, 10, 16),
           **done("IPC certificate IPC-3391; observation 22/10", D(2026, 10, 23))),
    # --- open and on track -----------------------------------------------------------------
    action("SA-011", D(2026, 11, 2), "Liam Carter", "Audit 10 of his own daily notes against the "
           "record-keeping checklist and bring the results to supervision", "Record keeping",
           D(2026, 11, 30), RUTH, "Completed checklist", D(2026, 11, 27), priority="Low"),
    action("SA-012", D(2026, 11, 3), "Hana Sato", "Complete the dementia awareness e-learning "
           "module and apply one approach in a care plan review", "Training refresher",
           D(2026, 12, 1), ANITA, "Certificate and care plan review note", D(2026, 11, 27),
           status="Open"),
    action("SA-013", D(2026, 11, 9), "Callum Fraser", "Update the care plans of his three key "
           "residents with the new falls risk scores and ask the deputy to check them",
           "Care plan compliance", D(2026, 11, 27), RUTH, "Three updated care plans",
           D(2026, 11, 24), priority="High"),
    action("SA-014", D(2026, 11, 10), "Nadia Haddad", "Complete the food hygiene level 2 course "
           "and bring the certificate", "Training refresher", D(2026, 12, 8), ANITA,
           "Food hygiene certificate", D(2026, 12, 1), status="Open", priority="Low"),
    action("SA-015", D(2026, 11, 16), "Marcus Reid", "Be observed on one full medication round "
           "by the deputy manager and complete the MAR reflection form", "Medication",
           D(2026, 11, 30), GARETH, "Observation record and reflection form", D(2026, 11, 25),
           priority="High", status="Open"),
    action("SA-016", D(2026, 11, 17), "Sophie Lang", "Write up the outstanding incident report "
           "for 12/11 and submit it to the deputy for review", "Record keeping",
           D(2026, 11, 24), ANITA, "Incident report on the system", D(2026, 11, 24)),
    # --- the faults ------------------------------------------------------------------------
    # Too vague to test, late, no reason, not escalated, and Dan's second record-keeping action.
    action("SA-017", D(2026, 10, 13), "Dan Fletcher", "Improve record keeping", "Record keeping",
           D(2026, 11, 10), GARETH, "Better notes", D(2026, 11, 6),
           escalation_stage=CHASING),
    # Marked Complete with no evidence named.
    action("SA-018", D(2026, 10, 5), "Tom Hendry", "Complete the dysphagia awareness module and "
           "be observed serving two modified-texture meals", "Practice standards",
           D(2026, 10, 26), GARETH, "Certificate and observation notes", D(2026, 10, 19),
           status="Complete", date_checked=D(2026, 10, 26)),
    # Closed on a verbal assurance.
    action("SA-019", D(2026, 10, 12), "Kofi Mensah", "Read and sign the updated lone-working "
           "procedure and complete the lone-working quiz", "Practice standards",
           D(2026, 11, 2), GARETH, "Signed procedure and quiz result", D(2026, 10, 26),
           **done("verbal", D(2026, 10, 30))),
    # A medication action three days late: escalates at once, but nobody did.
    action("SA-020", D(2026, 11, 2), "Zara Malik", "Complete the PRN protocol training and write "
           "PRN protocols for two residents she key-works, checked by the deputy", "Medication",
           D(2026, 11, 18), GARETH, "Training record and two PRN protocols", D(2026, 11, 13),
           priority="High", days_overdue=2,
           reason_for_delay="Training date moved by the provider to 25/11",
           escalation_stage="Not escalated"),
    # Late, but on the overdue register with a reason: handled as the article asks.
    action("SA-021", D(2026, 10, 6), "Priti Nair", "Complete three supervised body-map "
           "recordings with the senior carer and upload them to the electronic record",
           "Safeguarding", D(2026, 10, 27), RUTH, "Three body maps on the record",
           D(2026, 11, 27), priority="High", days_overdue=24,
           reason_for_delay="Two residents in hospital; one body map done so far",
           escalation_stage=REGISTER),
    # Checked two weeks after its deadline.
    action("SA-022", D(2026, 9, 14), "Ellie Ward", "Complete the end-of-life care module and "
           "reflect on it in a written account for supervision", "Training refresher",
           D(2026, 10, 5), ANITA, "Certificate and reflective account", D(2026, 9, 28),
           **done("Certificate EOL-1120; reflective account in personnel file",
                  D(2026, 10, 19))),
    # Logged a week after the meeting; and Aled's second communication action.
    action("SA-023", D(2026, 10, 20), "Aled Jones", "Complete a written handover sheet at the "
           "end of every shift for a fortnight; team leader checks each one", "Communication",
           D(2026, 11, 3), GARETH, "Handover sheets", D(2026, 10, 27),
           logged=D(2026, 10, 27),
           **done("Handover sheets 21/10-03/11 checked, 28 of 28", D(2026, 11, 3))),
    # Late, no reason, no escalation.
    action("SA-024", D(2026, 10, 19), "Megan Rhys", "Correct the gaps in the October "
           "repositioning charts and ask the senior to countersign each one", "Record keeping",
           D(2026, 11, 9), GARETH, "Countersigned charts", D(2026, 11, 16)),
    # Late, but explained and on the register.
    action("SA-025", D(2026, 10, 26), "Beth Morgan", "Rewrite the personal care section of "
           "Resident 9's care plan with the family's preferences and have the deputy check it",
           "Care plan compliance", D(2026, 11, 13), GARETH, "Updated care plan",
           D(2026, 11, 25), days_overdue=7,
           reason_for_delay="Family meeting moved to 24/11 at the family's request",
           escalation_stage=REGISTER),
    # Nobody named to check it.
    action("SA-026", D(2026, 11, 10), "Hana Sato", "Complete the falls prevention module and "
           "carry out two falls risk reassessments with the senior", "Practice standards",
           D(2026, 12, 8), None, "Certificate and two reassessments", D(2026, 11, 27),
           status="Open"),
    # An attitude, not an action.
    action("SA-027", D(2026, 11, 11), "Callum Fraser", "Be more careful when giving handovers to "
           "the night staff", "Communication", D(2026, 12, 2), RUTH, "Handover feedback",
           D(2026, 11, 25), status="Open"),
    # The year typed wrong: the deadline comes before the meeting, and reads as long overdue.
    action("SA-028", D(2026, 11, 12), "Nadia Haddad", "Complete the oral care training and "
           "record mouth care for her three key residents each morning for two weeks",
           "Care plan compliance", D(2025, 11, 26), ANITA, "Certificate and mouth care records",
           D(2026, 11, 26), status="Open"),
    # Days overdue typed wrong (only four days had passed).
    action("SA-029", D(2026, 11, 3), "Marcus Reid", "Complete the diabetes awareness module and "
           "go through blood glucose recording with the nurse", "Training refresher",
           D(2026, 11, 17), GARETH, "Certificate", D(2026, 11, 24), days_overdue=14,
           reason_for_delay="Module locked until the manager resets access",
           escalation_stage=CHASING),
    action("SA-030", D(2026, 10, 27), "Ellie Ward", "Write care notes for each resident before "
           "the end of shift; the senior checks 10 notes a week for three weeks",
           "Record keeping", D(2026, 11, 17), ANITA, "Weekly notes checks", D(2026, 11, 24),
           days_overdue=3, reason_for_delay="Checks started a week late; 2 of 3 done",
           escalation_stage=CHASING),
]

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "brookside-supervision-actions.xlsx"

#: The Registered Manager's weekly review of the overdue actions register (Ex1 step 4), each
#: Friday from the first supervision on the tracker (Tuesday 4 August). Friday 23 October was
#: missed while the manager was on leave, so the week of 20-26 October had none.
FRIDAYS = [D(2026, 8, 7) + timedelta(weeks=n) for n in range(16)]
REVIEWS = [dict(review_held=day, reviewer="Claire Dunn", reviewer_role="Registered Manager",
                review_type="Overdue register review", minutes_ref=f"OAR-{day:%d%m}",
                review_decision="Register reviewed; overdue actions given remedial owners.")
           for day in FRIDAYS if day != D(2026, 10, 23)]

if __name__ == "__main__":
    api.build_template("supervision-actions", SAMPLE, entries=ROWS, reviews=REVIEWS, force=True)
    print(f"Wrote {SAMPLE} ({len(ROWS)} actions)")
