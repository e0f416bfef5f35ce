"""Plain words on the audit's first page (issue 14, item 8): the Summary is titled with the
service, carries no finding code or policy fingerprint before its appendix, gives
percentages their % sign and says why the escalation counts differ.

Pinned to the quarterly batch's stamped Rose Court return and the Oakfield House sample, as of
21/11/2026.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from tracker_tool import api
from tracker_tool.core.findings import Severity
from tracker_tool.write import headline

ROOT = Path(__file__).resolve().parents[1]
ROSE = ROOT / "samples" / "quarterly-batch" / "returns" / "rose-court-action-plan.xlsx"
OAKFIELD = ROOT / "samples" / "oakfield-house" / "oakfield-house-actions.xlsx"
OCTOBER = ROOT / "samples" / "oakfield-house" / "previous" / "oakfield-house-actions.xlsx"
AS_OF = date(2026, 11, 21)
CODE = re.compile(r"^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$")


def summary_rows(path: Path) -> tuple[list[tuple], list[tuple]]:
    """The Summary's rows before its appendix, and the appendix's."""
    ws = openpyxl.load_workbook(path)["Summary"]
    rows = [tuple(c for c in row) for row in ws.iter_rows()]
    split = next(i for i, row in enumerate(rows)
                 if str(row[0].value or "").startswith("Appendix"))
    return rows[:split], rows[split:]


def test_summary_is_titled_with_the_service_and_keeps_codes_for_the_appendix(tmp_path):
    report, out = api.write_audit(ROSE, tmp_path / "rose-audit.xlsx", as_of=AS_OF)
    first, appendix = summary_rows(out)
    assert first[0][0].value == "Rose Court: Action plan and improvement tracker audit"
    values = [str(c.value) for row in first for c in row if c.value is not None]
    assert not [v for v in values if CODE.match(v) and not v.endswith(".xlsx")], \
        "a finding code before the appendix"
    assert not [v for v in values if report.policy in v], "the fingerprint before the appendix"
    later = [str(c.value) for row in appendix for c in row if c.value is not None]
    assert report.policy in later
    assert set(report.counts_by_code()) <= set(later)
    # the appendix starts a printed page of its own
    ws = openpyxl.load_workbook(out)["Summary"]
    (brk,) = ws.row_breaks.brk
    last_filled = max(c.row for row in first for c in row if c.value is not None)
    assert last_filled <= brk.id < appendix[0][0].row


def test_a_percentage_carries_its_sign(tmp_path):
    report, out = api.write_audit(ROSE, tmp_path / "rose-audit.xlsx", as_of=AS_OF)
    first, _ = summary_rows(out)
    rate = next(row for row in first if row[0].value == "On-time closure rate")
    assert rate[1].value == next(f.value for f in report.figures
                                 if f.key == "on_time_closure_rate")
    assert rate[1].number_format == '0.0"%"'
    assert headline.shown_value(92.9, "On-time closure rate (%)") == "92.9%"
    assert headline.shown_change(2.9, "On-time closure rate (%)") == "+2.9 points"
    assert headline.shown_value(4, "Overdue actions") == "4"


def test_escalation_counts_are_reconciled_on_the_summary(tmp_path):
    report, out = api.write_audit(OAKFIELD, tmp_path / "oak-audit.xlsx", as_of=AS_OF,
                                  previous=OCTOBER)
    first, _ = summary_rows(out)
    facts = {row[0].value: row[1].value for row in first[:14] if row[0].value}
    escalation_findings = sum(f.severity is Severity.ESCALATION for f in report.findings)
    assert (escalation_findings, len(report.escalations)) == (5, 4)
    assert facts["Escalations"] == ("5 escalation findings: 4 for actions on the Escalations "
                                    "list; 1 effectiveness check not done.")
    assert facts["Period"] == "20/10/2026 (previous return) to 21/11/2026"
    assert "fingerprint" not in facts["Policy applied"]


@pytest.mark.parametrize("rows, listed, recorded, note", [
    ((), 0, 0, ""),
    ((5, 7), 2, 0, ""),
    ((5, 7), 3, 1, "2 escalation findings: 2 for actions on the Escalations list. The "
                   "Escalations list has 3 actions, 1 with an escalation recorded."),
    ((), 1, 1, "No escalation findings. The Escalations list has 1 action, 1 with an "
               "escalation recorded."),
    ((5, 9), 1, 0, "2 escalation findings: 1 for actions on the Escalations list; 1 "
                   "effectiveness.overdue."),
])
def test_escalation_note_says_why_the_counts_differ(rows, listed, recorded, note):
    from types import SimpleNamespace

    codes = {5: "escalation.due", 7: "escalation.due", 9: "effectiveness.overdue"}
    report = SimpleNamespace(
        findings=[SimpleNamespace(code=codes[r], row=r, severity=Severity.ESCALATION)
                  for r in rows],
        escalations=[SimpleNamespace(row=r, recorded="to the RI" if i < recorded else "")
                     for i, r in enumerate((5, 7, 8)[:listed])])
    assert headline.escalation_count(report, str).note == note
