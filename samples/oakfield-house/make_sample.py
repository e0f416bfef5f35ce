"""Regenerate the Oakfield House sample tracker (a fictional care home; every name is invented).

Run from the repository root:  python samples/oakfield-house/make_sample.py
The rows are a realistic quarter of improvement actions: most are kept well, and some show the
faults auditors meet most often (no owner, a team as owner, dates typed as text, actions marked
complete without evidence, overdue high-risk actions nobody escalated).
"""

from datetime import date
from pathlib import Path

from tracker_tool import api

D = date
RM, DM, LEAD, SENIOR = "Priya Shah", "Tom Okafor", "Aisha Rahman", "Grace Mensah"
MAINT, TRAIN, CHEF, ADMIN = "Daniel Hughes", "Megan Lloyd", "Sam Whitfield", "Hannah Price"

ROWS = [
    # --- well-kept actions ---------------------------------------------------------------
    dict(action_id="OH-001", title="Re-audit MAR charts", source="Audit", source_ref="AUD-2026-031",
         date_created=D(2026, 8, 4), description="Audit the last 20 MAR charts on both floors for missed signatures, record the findings, brief staff on each error found and repeat the audit in four weeks.",
         intended_outcome="No missed signatures in the repeat audit", owner=LEAD, due_date=D(2026, 8, 29),
         priority="High", high_priority_reason="Medicine safety", linked_risk="RR-04",
         evidence_required="Audit report and briefing sign-in sheet", review_date=D(2026, 8, 15),
         escalation_route="Registered Manager then Nominated Individual", status="Closed",
         progress_update="29/08: audit done, 3 errors briefed", original_due_date=D(2026, 8, 29), extensions=0,
         date_completed=D(2026, 8, 28), what_was_done="20 charts audited; 3 missed signatures traced and briefed",
         completion_evidence="AUD-2026-034 MAR audit report; briefing sheet 28/08", outcome_achieved="Yes",
         further_action="No", effectiveness_needed="Yes", effectiveness_due=D(2026, 9, 25),
         effectiveness_done=D(2026, 9, 24), effectiveness_result="Worked", closure_reviewed_by=RM),
    dict(action_id="OH-002", title="Replace sensor mat room 12", source="Incident", source_ref="INC-0412",
         date_created=D(2026, 9, 2), description="Replace the faulty sensor mat in room 12 and test the call-bell link with the night team present.",
         intended_outcome="Falls alert reaches staff within 30 seconds", owner=MAINT, due_date=D(2026, 9, 4),
         priority="High", high_priority_reason="Immediate safety risk", linked_risk="RR-11",
         evidence_required="Repair record and test log", review_date=D(2026, 9, 3),
         escalation_route="Registered Manager", status="Closed", original_due_date=D(2026, 9, 4), extensions=0,
         date_completed=D(2026, 9, 3), what_was_done="Mat replaced; three test alerts answered in under 20 seconds",
         completion_evidence="Maintenance log MNT-0877", outcome_achieved="Yes", further_action="No",
         effectiveness_needed="Yes", effectiveness_due=D(2026, 10, 3), effectiveness_done=D(2026, 10, 2),
         effectiveness_result="Worked", closure_reviewed_by=RM),
    dict(action_id="OH-003", title="Update falls care plan for Resident 7", source="Incident", source_ref="INC-0409",
         date_created=D(2026, 9, 1), description="Review and rewrite the falls section of Resident 7's care plan after two falls, with the physiotherapist's advice.",
         intended_outcome="Care plan reflects current mobility and aids", owner=SENIOR, due_date=D(2026, 9, 8),
         priority="High", high_priority_reason="Immediate safety risk", evidence_required="Updated care plan",
         review_date=D(2026, 9, 5), escalation_route="Deputy Manager", status="Complete",
         date_completed=D(2026, 9, 7), what_was_done="Care plan rewritten with physio advice; family informed",
         completion_evidence="Care plan v6 dated 07/09/2026", outcome_achieved="Yes", further_action="No",
         effectiveness_needed="Yes", effectiveness_due=D(2026, 12, 7)),
    dict(action_id="OH-004", title="Fire door closer first floor", source="Risk assessment", source_ref="FRA-2026",
         date_created=D(2026, 9, 10), description="Repair the slow closer on the first-floor corridor fire door and add it to the weekly door check.",
         intended_outcome="Door closes fully every time", owner=MAINT, due_date=D(2026, 9, 24), priority="Medium",
         evidence_required="Contractor report", review_date=D(2026, 9, 17), escalation_route="Registered Manager",
         status="Complete", date_completed=D(2026, 9, 22), what_was_done="Closer replaced by contractor",
         completion_evidence="Contractor report CR-5521", outcome_achieved="Yes", further_action="No",
         effectiveness_needed="No"),
    dict(action_id="OH-005", title="Dysphagia training for kitchen staff", source="Training gap", source_ref="TNA-2026-Q3",
         date_created=D(2026, 9, 14), description="Book IDDSI texture training for all four kitchen staff and check competence at the next lunch service.",
         intended_outcome="All kitchen staff pass the IDDSI competency check", owner=TRAIN, due_date=D(2026, 10, 31),
         priority="Medium", evidence_required="Training attendance record and competency sheets", review_date=D(2026, 10, 15),
         escalation_route="Deputy Manager", status="Complete", date_completed=D(2026, 10, 28),
         what_was_done="Training delivered 20/10; 4 of 4 passed observation", completion_evidence="Training log TR-1193",
         outcome_achieved="Yes", further_action="No", effectiveness_needed="Yes", effectiveness_due=D(2027, 1, 28)),
    dict(action_id="OH-006", title="Complaint reply: laundry losses", source="Complaint", source_ref="CMP-0093",
         date_created=D(2026, 10, 1), description="Label all of Mrs B's clothing, trace the missing items and write to her daughter with the outcome.",
         intended_outcome="No further lost items reported in 8 weeks", owner=ADMIN, due_date=D(2026, 10, 15),
         priority="Low", evidence_required="Letter to family and labelling log", review_date=D(2026, 10, 8),
         escalation_route="Registered Manager", status="Complete", date_completed=D(2026, 10, 14),
         what_was_done="Items found and labelled; letter sent", completion_evidence="Letter CMP-0093-R1",
         outcome_achieved="Yes", further_action="No", effectiveness_needed="Yes", effectiveness_due=D(2026, 12, 9)),
    dict(action_id="OH-007", title="Night checks recording", source="Audit", source_ref="AUD-2026-036",
         date_created=D(2026, 10, 6), description="Move night checks to the electronic record with a two-hourly prompt and audit a week of night records after go-live.",
         intended_outcome="95% of night checks recorded on time", owner=DM, due_date=D(2026, 12, 5),
         priority="Medium", evidence_required="Week-long night record audit", review_date=D(2026, 11, 24),
         escalation_route="Registered Manager", status="In progress", progress_update="17/11: prompts live on floor 1"),
    dict(action_id="OH-008", title="Hand hygiene observation", source="Audit", source_ref="IPC-2026-10",
         date_created=D(2026, 10, 12), description="Observe 30 hand-hygiene moments across day and night shifts and feed back to each carer observed.",
         intended_outcome="Compliance above 90%", owner=SENIOR, due_date=D(2026, 11, 30), priority="High",
         high_priority_reason="Infection control risk", linked_risk="RR-02", evidence_required="Observation audit tool results",
         review_date=D(2026, 11, 16), escalation_route="Registered Manager", status="In progress",
         progress_update="16/11: 18 of 30 observations done"),
    dict(action_id="OH-009", title="Safeguarding referral follow-up", source="Safeguarding concern", source_ref="SG-2026-07",
         date_created=D(2026, 11, 2), description="Send the local authority the body map, the incident statement and the updated risk assessment they asked for.",
         intended_outcome="Local authority enquiry has all requested records", owner=RM, due_date=D(2026, 11, 9),
         priority="High", high_priority_reason="Safeguarding", evidence_required="Email to local authority with attachments",
         review_date=D(2026, 11, 6), escalation_route="Nominated Individual", status="Complete", date_completed=D(2026, 11, 6),
         what_was_done="Records sent securely", completion_evidence="Secure email ref SG-2026-07-03", outcome_achieved="Yes",
         further_action="No", effectiveness_needed="No", external_body_updated=D(2026, 11, 6)),
    dict(action_id="OH-010", title="Menu choice for diabetic residents", source="Service-user feedback", source_ref="RM-2026-10",
         date_created=D(2026, 10, 20), description="Add two low-sugar dessert choices to the four-week menu and ask the residents' meeting whether they like them.",
         intended_outcome="Residents with diabetes report a real choice of dessert", owner=CHEF, due_date=D(2026, 12, 1),
         priority="Low", evidence_required="Revised menu and residents' meeting minutes", review_date=D(2026, 11, 20),
         escalation_route="Deputy Manager", status="In progress", progress_update="20/11: menu drafted"),
    dict(action_id="OH-011", title="Agency induction checklist", source="Staff supervision", source_ref="SUP-0311",
         date_created=D(2026, 10, 22), description="Write a one-page induction checklist for agency carers covering fire exits, residents at risk of choking and the call system.",
         intended_outcome="Every agency shift starts with a signed checklist", owner=DM, due_date=D(2026, 11, 26),
         priority="Medium", evidence_required="Checklist and signed copies", review_date=D(2026, 11, 19),
         escalation_route="Registered Manager", status="In progress", progress_update="19/11: draft with RM"),
    dict(action_id="OH-012", title="CQC action: consent records", source="CQC inspection", source_ref="CQC-RN-1",
         date_created=D(2026, 9, 20), description="Record mental capacity assessments and best-interest decisions for the five residents with bed rails, using the MCA form.",
         intended_outcome="All five residents have a decision-specific capacity assessment on file", owner=RM,
         due_date=D(2026, 12, 15), priority="High", high_priority_reason="CQC breach or warning notice",
         evidence_required="Five completed MCA forms", review_date=D(2026, 11, 25), escalation_route="Nominated Individual",
         status="In progress", progress_update="18/11: 3 of 5 done", original_due_date=D(2026, 11, 15), extensions=1,
         escalation_record="14/11: extension agreed by NI (GP visit delayed)"),
    dict(action_id="OH-013", title="Wheelchair footplates check", source="Near miss", source_ref="NM-0077",
         date_created=D(2026, 11, 3), description="Check every resident wheelchair for footplates and add missing ones to the maintenance order.",
         intended_outcome="No wheelchair used without footplates", owner=MAINT, due_date=D(2026, 11, 24), priority="Medium",
         evidence_required="Wheelchair check list", review_date=D(2026, 11, 17), escalation_route="Deputy Manager",
         status="In progress", progress_update="17/11: 14 of 18 checked"),
    dict(action_id="OH-014", title="Oral care audit", source="Audit", source_ref="AUD-2026-040",
         date_created=D(2026, 11, 5), description="Audit mouth-care records for all residents and compare with the oral health assessments.",
         intended_outcome="Records match assessed needs for 90% of residents", owner=LEAD, due_date=D(2026, 12, 10),
         priority="Medium", evidence_required="Oral care audit report", review_date=D(2026, 11, 26),
         escalation_route="Registered Manager", status="Not started"),
    dict(action_id="OH-015", title="Boiler service", source="Business continuity event", source_ref="BC-2026-02",
         date_created=D(2026, 10, 10), description="Book the annual boiler service after the October heating failure and put the engineer's number on the on-call sheet.",
         intended_outcome="Heating stays on through winter", owner=MAINT, due_date=D(2026, 11, 30), priority="Medium",
         evidence_required="Gas Safe service certificate", review_date=D(2026, 11, 16), escalation_route="Registered Manager",
         status="Awaiting external input", external_input="Service visit date", external_from="Northgate Heating Ltd",
         external_due=D(2026, 11, 27), progress_update="16/11: engineer booked 27/11"),
    dict(action_id="OH-016", title="Staff meeting on call-bell response", source="Governance meeting", source_ref="GOV-2026-10",
         date_created=D(2026, 10, 28), description="Share the October call-bell response times at both staff meetings and agree who covers the lounge at handover.",
         intended_outcome="Average response under 3 minutes in December", owner=DM, due_date=D(2026, 11, 14), priority="Medium",
         evidence_required="Staff meeting minutes", review_date=D(2026, 11, 10), escalation_route="Registered Manager",
         status="Complete", date_completed=D(2026, 11, 12), what_was_done="Discussed at both meetings; rota changed",
         completion_evidence="Minutes SM-2026-11a and 11b", outcome_achieved="Partly", further_action="Yes",
         effectiveness_needed="Yes", effectiveness_due=D(2026, 12, 31)),
    dict(action_id="OH-017", title="Duty of candour letter", source="Duty of candour review", source_ref="DOC-2026-03",
         date_created=D(2026, 10, 2), description="Write to Mr D's son with the apology and the findings of the fall review, as promised at the meeting.",
         intended_outcome="Family receive a written account within the agreed time", owner=RM, due_date=D(2026, 10, 9),
         priority="High", high_priority_reason="Duty of candour", evidence_required="Copy of letter", review_date=D(2026, 10, 6),
         escalation_route="Nominated Individual", status="Closed", date_completed=D(2026, 10, 8),
         what_was_done="Letter sent 08/10", completion_evidence="Letter DOC-2026-03-L2", outcome_achieved="Yes",
         further_action="No", effectiveness_needed="No", closure_reviewed_by="Robert Kaye"),
    dict(action_id="OH-018", title="Commissioner QA: staff files", source="Commissioner or local authority", source_ref="LA-QA-2026-5",
         date_created=D(2026, 10, 15), description="Add the missing second reference to three staff files named in the council's quality visit.",
         intended_outcome="All staff files hold two references", owner=ADMIN, due_date=D(2026, 11, 28), priority="Medium",
         evidence_required="File audit sheet", review_date=D(2026, 11, 18), escalation_route="Registered Manager",
         status="In progress", progress_update="18/11: 2 of 3 received"),
    dict(action_id="OH-019", title="Bed rail risk assessments", source="Risk register review", source_ref="RR-09",
         date_created=D(2026, 11, 10), description="Review each bed rail risk assessment against the MHRA checklist and replace any bumper that does not fit.",
         intended_outcome="Every bed rail has a current assessment and fitted bumper", owner=SENIOR, due_date=D(2026, 12, 12),
         priority="Medium", evidence_required="Completed risk assessments", review_date=D(2026, 11, 28),
         escalation_route="Deputy Manager", status="Not started"),
    dict(action_id="OH-020", title="Pharmacy returns process", source="Professional advice", source_ref="PHARM-2026-2",
         date_created=D(2026, 11, 12), description="Follow the pharmacist's advice on returns: a new returns book, two signatures and weekly collection.",
         intended_outcome="Returns book balances at each weekly check", owner=LEAD, due_date=D(2026, 12, 3), priority="Medium",
         evidence_required="Returns book and weekly check record", review_date=D(2026, 11, 26), escalation_route="Registered Manager",
         status="In progress", progress_update="19/11: returns book in use"),
    dict(action_id="OH-021", title="Activities for residents in bed", source="Family or advocate feedback", source_ref="FB-2026-14",
         date_created=D(2026, 11, 4), description="Plan a weekly one-to-one activity for each of the six residents cared for in bed and record it in their daily notes.",
         intended_outcome="Each of the six has a recorded activity every week", owner="Ellen Brooks", due_date=D(2026, 12, 4),
         priority="Low", evidence_required="Activity records", review_date=D(2026, 11, 25), escalation_route="Deputy Manager",
         status="In progress", progress_update="18/11: plans agreed with families"),
    dict(action_id="OH-022", title="Policy review: visiting", source="Policy review", source_ref="POL-VIS-3",
         date_created=D(2026, 11, 1), description="Update the visiting policy to the current guidance and send it to families with the newsletter.",
         intended_outcome="Families know the visiting arrangements", owner=RM, due_date=D(2026, 12, 18), priority="Low",
         evidence_required="Revised policy and newsletter", review_date=D(2026, 12, 1), escalation_route="Nominated Individual",
         status="Not started"),
    dict(action_id="OH-023", title="Supervision backlog", source="Staff supervision", source_ref="SUP-MATRIX",
         date_created=D(2026, 10, 30), description="Hold the nine overdue supervisions before the end of November, seniors first.",
         intended_outcome="Supervision matrix fully in date", owner=DM, due_date=D(2026, 11, 30), priority="Medium",
         evidence_required="Supervision matrix and signed records", review_date=D(2026, 11, 20), escalation_route="Registered Manager",
         status="In progress", progress_update="20/11: 6 of 9 held"),
    dict(action_id="OH-024", title="Weight monitoring", source="Audit", source_ref="AUD-2026-038",
         date_created=D(2026, 10, 25), description="Weigh the eleven residents at risk of malnutrition weekly and refer anyone losing 5% in a month to the dietitian.",
         intended_outcome="No unreferred weight loss over 5%", owner=LEAD, due_date=D(2026, 11, 22), priority="High",
         high_priority_reason="Immediate safety risk", evidence_required="MUST scores and referral log", review_date=D(2026, 11, 8),
         escalation_route="Registered Manager", status="In progress", progress_update="15/11: weekly weights in place; 2 referrals"),
    dict(action_id="OH-025", title="COSHH cupboard lock", source="Risk assessment", source_ref="COSHH-2026",
         date_created=D(2026, 11, 16), description="Fit a keypad lock to the sluice-room COSHH cupboard on the ground floor.",
         intended_outcome="Cupboard locked at every spot check", owner=MAINT, due_date=D(2026, 11, 27), priority="Medium",
         evidence_required="Maintenance record and spot-check log", review_date=D(2026, 11, 23), escalation_route="Deputy Manager",
         status="Not started"),
    dict(action_id="OH-026", title="Catheter care competencies", source="Training gap", source_ref="TNA-2026-Q4",
         date_created=D(2026, 11, 8), description="Assess the catheter care competence of the five night carers with the district nurse.",
         intended_outcome="All five signed off as competent", owner=TRAIN, due_date=D(2026, 12, 20), priority="Medium",
         evidence_required="Competency assessments", review_date=D(2026, 12, 1), escalation_route="Deputy Manager",
         status="Not started"),
    # --- the faults auditors meet most often ---------------------------------------------
    dict(action_id="OH-027", title="Improve medicines", source="Audit", date_created=D(2026, 9, 15),
         description="Improve medicines.", intended_outcome="Better medicines", due_date=D(2026, 10, 15),
         priority="Medium", evidence_required="Audit", status="In progress", review_date=D(2026, 10, 1)),
    dict(action_id="OH-028", title="Pressure care checks", source="Incident", source_ref="INC-0420",
         date_created=D(2026, 10, 3), description="Check repositioning charts for all residents on two-hourly turns every shift.",
         intended_outcome="No missed turns on the charts", owner="Night staff", due_date=D(2026, 12, 3), priority="High",
         high_priority_reason="Immediate safety risk", evidence_required="Chart audit", review_date=D(2026, 11, 15),
         escalation_route="Registered Manager", status="In progress", progress_update="15/11: checks started"),
    dict(action_id="OH-029", title="Hoist sling inspection", source="Audit", source_ref="LOLER-2026",
         date_created=D(2026, 10, 20), description="Have every hoist sling inspected and withdraw any that fail.",
         intended_outcome="All slings in use have passed inspection", owner=MAINT, due_date="ASAP", priority="High",
         high_priority_reason="Immediate safety risk", evidence_required="LOLER inspection report", review_date=D(2026, 11, 1),
         escalation_route="Registered Manager", status="In progress"),
    dict(action_id="OH-030", title="Fridge temperature log", source="Audit", source_ref="AUD-2026-033",
         date_created="31/09/2026", description="Replace the medicines fridge thermometer and record min/max readings daily.",
         intended_outcome="Daily readings with no gaps", owner=LEAD, due_date=D(2026, 10, 14), priority="High",
         high_priority_reason="Medicine safety", evidence_required="Fridge log", review_date=D(2026, 10, 7),
         escalation_route="Registered Manager", status="Complete", date_completed=D(2026, 10, 12),
         what_was_done="Thermometer replaced; log restarted", outcome_achieved="Yes", effectiveness_needed="Yes",
         effectiveness_due=D(2026, 11, 12)),
    dict(action_id="OH-031", title="Choking risk care plans", source="Safeguarding concern", source_ref="SG-2026-05",
         date_created=D(2026, 9, 8), description="Rewrite the eating and drinking plans of the four residents at risk of choking with the SALT recommendations.",
         intended_outcome="Plans match SALT advice for all four", owner=SENIOR, due_date=D(2026, 9, 30), priority="High",
         high_priority_reason="Safeguarding", evidence_required="Updated care plans", review_date=D(2026, 9, 20),
         escalation_route="Registered Manager", status="In progress", original_due_date=D(2026, 9, 16), extensions=2),
    dict(action_id="OH-032", title="Call bell audit", source="Complaint", source_ref="CMP-0101",
         date_created=D(2026, 10, 5), description="Download a month of call-bell data and check waits over five minutes against the rota.",
         intended_outcome="Fewer long waits", owner=DM, due_date=D(2026, 11, 2), priority="Medium",
         high_priority_reason="Repeated complaint theme", evidence_required="Call-bell report", review_date=D(2026, 10, 20),
         escalation_route="Registered Manager", status="Complete", date_completed=D(2026, 11, 1),
         what_was_done="Report reviewed at governance", completion_evidence="Call-bell report Oct 2026",
         outcome_achieved="Partly", further_action="Yes", effectiveness_needed="Yes", effectiveness_due=D(2026, 12, 1)),
    dict(action_id="OH-033", title="Staff rota cover for nights", source="Governance meeting", source_ref="GOV-2026-09",
         date_created=D(2026, 10, 1), description="Recruit two night carers and cover gaps with the regular agency until they start.",
         intended_outcome="No night shift below safe staffing", owner=RM, due_date=D(2026, 9, 15), priority="High",
         high_priority_reason="Staffing risk", evidence_required="Rotas and recruitment log", review_date=D(2026, 10, 15),
         escalation_route="Nominated Individual", status="In progress", progress_update="One carer starts 01/12"),
    dict(action_id="OH-034", title="Laundry infection control", source="Audit", source_ref="IPC-2026-09",
         date_created=D(2026, 9, 12), description="Separate soiled and clean laundry routes and train laundry staff on the red bag system.",
         intended_outcome="IPC audit laundry score above 90%", owner=SENIOR, due_date=D(2026, 10, 10), priority="Medium",
         evidence_required="IPC audit and training log", review_date=D(2026, 9, 26), escalation_route="Registered Manager",
         status="Complete", date_completed=D(2026, 10, 9), what_was_done="Routes changed; 3 staff trained",
         completion_evidence="IPC audit 09/10 score 94%", outcome_achieved="Yes", further_action="No",
         effectiveness_needed="Yes"),
    dict(action_id="OH-035", title="Garden path repair", source="Risk assessment", source_ref="ENV-2026",
         date_created=D(2026, 9, 20), description="Relay the uneven paving by the garden bench.",
         intended_outcome="No trip hazard on the garden path", owner=MAINT, due_date=D(2026, 9, 10), priority="Low",
         evidence_required="Photo and maintenance record", review_date=D(2026, 10, 1), escalation_route="Deputy Manager",
         status="Complete", date_completed=D(2026, 9, 28), what_was_done="Paving relaid",
         completion_evidence="Maintenance record MNT-0902", outcome_achieved="Yes", further_action="No",
         effectiveness_needed="No"),
    dict(action_id="OH-024", title="Nutrition champion", source="Audit", source_ref="AUD-2026-038",
         date_created=D(2026, 10, 25), description="Name a nutrition champion on each floor to check food and fluid charts at every handover.",
         intended_outcome="Food and fluid charts complete at each handover check", owner=CHEF, due_date=D(2026, 12, 15),
         priority="Medium", evidence_required="Handover chart checks", review_date=D(2026, 11, 30),
         escalation_route="Deputy Manager", status="In progress", progress_update="Champions named 12/11"),
    dict(action_id="OH-037", title="Falls sensor batteries", source="Incident", source_ref="INC-0431",
         date_created=D(2026, 10, 18), description="Add sensor battery checks to the weekly maintenance round.",
         intended_outcome="No sensor found with a flat battery", owner=MAINT, due_date=D(2026, 10, 25), priority="Medium",
         evidence_required="Weekly maintenance checklist", review_date=D(2026, 10, 22), escalation_route="Deputy Manager",
         status="Closed", date_completed=D(2026, 10, 24), what_was_done="Checklist updated",
         completion_evidence="Maintenance checklist v4", outcome_achieved="Yes", further_action="No",
         effectiveness_needed="Yes", effectiveness_due=D(2026, 11, 24), effectiveness_done=D(2026, 11, 20)),
    dict(action_id="OH-038", title="GP review of antipsychotics", source="Professional advice", source_ref="GP-2026-4",
         date_created=D(2026, 10, 12), description="Ask the GP to review antipsychotic prescribing for the three residents named by the pharmacist.",
         intended_outcome="Each of the three has a documented GP review", owner=LEAD, due_date=D(2026, 11, 30),
         priority="Medium", evidence_required="GP review letters", review_date=D(2026, 11, 16), escalation_route="Registered Manager",
         status="Awaiting external input", external_input="GP medication reviews", progress_update="16/11: chased surgery"),
    dict(action_id="OH-039", title="Refresher on recording", source="Audit", source_ref="AUD-2026-037",
         date_created=D(2026, 10, 26), description="Remind staff about recording.", intended_outcome="Better records",
         owner="Management", due_date=D(2026, 11, 20), priority="Low", evidence_required="Sign-off sheet",
         review_date=D(2026, 11, 10), escalation_route="Deputy Manager", status="Not started"),
    dict(action_id="OH-040", title="Sharps bin replacement", source="Audit", source_ref="IPC-2026-11",
         date_created=D(2026, 11, 14), description="Replace the overfilled sharps bins in both treatment rooms and set a collection schedule.",
         intended_outcome="No sharps bin above the fill line at spot checks", owner="tbc", due_date=D(2026, 11, 21),
         priority="Medium", evidence_required="Collection schedule and spot-check log", review_date=D(2026, 11, 18),
         escalation_route="Deputy Manager", status="Not started"),
]

#: What each action is about, so the review pack can show which themes keep coming back.
THEMES = {
    "OH-001": "Medication", "OH-002": "Falls", "OH-003": "Falls",
    "OH-004": "Environment and equipment", "OH-005": "Nutrition and hydration",
    "OH-006": "Complaints handling", "OH-007": "Record keeping", "OH-008": "Infection control",
    "OH-009": "Safeguarding", "OH-010": "Nutrition and hydration",
    "OH-011": "Training and competency", "OH-012": "Record keeping",
    "OH-013": "Environment and equipment", "OH-014": "Care planning",
    "OH-015": "Environment and equipment", "OH-016": "Communication", "OH-017": "Governance",
    "OH-018": "Staffing", "OH-019": "Falls", "OH-020": "Medication", "OH-021": "Care planning",
    "OH-022": "Governance", "OH-023": "Staffing", "OH-024": "Nutrition and hydration",
    "OH-025": "Environment and equipment", "OH-026": "Training and competency",
    "OH-027": "Medication", "OH-028": "Pressure care", "OH-029": "Environment and equipment",
    "OH-030": "Medication", "OH-031": "Nutrition and hydration", "OH-032": "Communication",
    "OH-033": "Staffing", "OH-034": "Infection control", "OH-035": "Environment and equipment",
    "OH-037": "Falls", "OH-038": "Medication", "OH-039": "Record keeping",
    "OH-040": "Infection control",
}

#: The columns added in template 1.1 (RAG, reviewer's role, follow-up), per action: mostly
#: well kept, with the faults a quarterly audit turns up (a Green action that is overdue, an
#: action that did not work left complete, a closure reviewed by a team leader).
LATER = {
    "OH-001": dict(closure_reviewer_role="Registered Manager"),
    "OH-002": dict(closure_reviewer_role="Registered Manager"),
    "OH-017": dict(closure_reviewer_role="Nominated Individual"),
    "OH-007": dict(rag="Green"), "OH-008": dict(rag="Green", review_date=D(2026, 11, 30)),
    "OH-010": dict(rag="Green", review_date=D(2026, 12, 4)),
    "OH-011": dict(rag="Amber", review_date=D(2026, 11, 26)),
    "OH-012": dict(rag="Green"), "OH-013": dict(rag="Green", review_date=D(2026, 12, 1)),
    "OH-014": dict(rag="Green"), "OH-015": dict(rag="Amber", review_date=D(2026, 11, 30)),
    "OH-018": dict(rag="Green", review_date=D(2026, 12, 2)),
    "OH-019": dict(rag="Green"), "OH-020": dict(rag="Green"), "OH-021": dict(rag="Green"),
    "OH-022": dict(rag="Green"), "OH-023": dict(rag="Amber", review_date=D(2026, 11, 27)),
    "OH-024": dict(rag="Amber", review_date=D(2026, 11, 28)),
    "OH-025": dict(rag="Green"), "OH-026": dict(rag="Green"),
    "OH-031": dict(rag="Red"), "OH-033": dict(rag="Green"),
    "OH-034": dict(effectiveness_done=D(2026, 11, 12), effectiveness_result="Did not work"),
    "OH-037": dict(closure_reviewed_by="Megan Lloyd", closure_reviewer_role="Team Leader"),
    "OH-038": dict(rag="Amber"),
}

for row in ROWS:
    row.setdefault("theme", THEMES.get(row["action_id"], "Nutrition and hydration"))
    if row["title"] != "Nutrition champion":  # the second OH-024 (a duplicate ID, on purpose)
        row.update(LATER.get(row["action_id"], {}))

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "oakfield-house-actions.xlsx"

# --- the previous return, as it stood on 21 October 2026 ---------------------------------
#: `tracker-tool compare` shows what changed since. Actions created later are not in it, work
#: finished later is still in progress, and the drifts a quarterly audit meets are undone
#: here so that the current return shows them.
PREVIOUS_DATE = D(2026, 10, 21)
PREVIOUS = HERE / "previous" / "oakfield-house-actions.xlsx"
_FINISHED = ("date_completed", "what_was_done", "completion_evidence", "outcome_achieved",
             "further_action", "effectiveness_done", "effectiveness_result", "closure_reviewed_by",
             "closure_reviewer_role")
DRIFTS = {
    # moved from 14/11 to 28/11 with no extension and no original due date kept
    "OH-018": dict(due_date=D(2026, 11, 14)),
    # moved from 15/11 with the extension recorded: the near miss, no finding
    "OH-012": dict(due_date=D(2026, 11, 15), extensions=0, escalation_record=None),
    # date created and original due date rewritten since
    "OH-033": dict(date_created=D(2026, 9, 1)),
    "OH-031": dict(original_due_date=D(2026, 9, 9), rag="Amber"),
    # complete last time, back in progress now with no note saying why
    "OH-027": dict(status="Complete", date_completed=D(2026, 10, 14),
                   completion_evidence="Medicines audit October"),
    # closed last time, its evidence rewritten since
    "OH-017": dict(completion_evidence="Letter DOC-2026-03-L1"),
    # a new owner since
    "OH-007": dict(owner=RM),
}
#: An action open last time and deleted since (actions are closed, never deleted).
DELETED = dict(action_id="OH-036", title="Lounge carpet replacement", source="Risk assessment",
               source_ref="ENV-2026-2", theme="Environment and equipment",
               date_created=D(2026, 10, 2),
               description="Replace the lifting carpet edge in the main lounge and tape it until "
                           "the fitter comes.", intended_outcome="No trip hazard in the lounge",
               owner=MAINT, due_date=D(2026, 11, 6), priority="Medium",
               evidence_required="Fitter's invoice and photo", review_date=D(2026, 10, 23),
               escalation_route="Deputy Manager", status="In progress", rag="Green",
               progress_update="20/10: edge taped; fitter booked")


def previous_rows() -> list[dict]:
    rows = []
    for row in ROWS:
        created = row.get("date_created")
        if row["action_id"] in ("OH-024", "OH-037") or (
                isinstance(created, date) and created > PREVIOUS_DATE):
            continue  # not raised yet (OH-037's Falls theme comes back after it had closed)
        row = dict(row)
        done = row.get("date_completed")
        if isinstance(done, date) and done > PREVIOUS_DATE:
            for key in _FINISHED:
                row.pop(key, None)
            row["status"] = "In progress"
        row.update(DRIFTS.get(row["action_id"], {}))
        rows.append({k: v for k, v in row.items() if v is not None})
    return rows + [DELETED]


# --- the Reviews sheet: the reviews the policy asks for, as held -------------------------
#: The Registered Manager's monthly review of the whole plan (s12, s17) and the Nominated
#: Individual's quarterly one (s17). October's was never held: the home's inspection week
#: took the slot and nobody rebooked it, so the audit names October.
NI = "Ruth Adeyemi"


def review(held, who, role, minutes, decision):
    return dict(review_held=held, reviewer=who, reviewer_role=role, review_type=f"{role} review",
                minutes_ref=minutes, review_decision=decision)


REVIEWS = [
    review(D(2026, 8, 27), RM, "Registered Manager", "GOV-2026-08",
           "Plan set up from the summer audits; falls actions given owners."),
    review(D(2026, 9, 29), RM, "Registered Manager", "GOV-2026-09",
           "Two overdue medication actions escalated to the provider; OH-007 reassigned."),
    review(D(2026, 9, 30), NI, "Nominated Individual", "PRV-2026-Q3",
           "Quarter 3 plan accepted; staffing theme added to the risk register."),
    review(D(2026, 11, 17), RM, "Registered Manager", "GOV-2026-11",
           "Overdue actions reviewed; October's missed review noted and the December date "
           "booked."),
]
PREVIOUS_REVIEWS = [r for r in REVIEWS if r["review_held"] <= PREVIOUS_DATE]

if __name__ == "__main__":
    api.build_template("action-plan", SAMPLE, entries=ROWS, reviews=REVIEWS, force=True)
    print(f"Wrote {SAMPLE} ({len(ROWS)} actions)")
    api.build_template("action-plan", PREVIOUS, entries=previous_rows(),
                       reviews=PREVIOUS_REVIEWS, force=True)
    print(f"Wrote {PREVIOUS} ({len(previous_rows())} actions)")
