"""check_row with a model that checks its fields against each other (pydantic model validators).

A model-level validator's error names no field, so it is a finding on the row: anchored at the
entry's first cell, with the validator's own words. A small tracker made here has one of each
kind of validator, so this is tested apart from any real tracker (none has one yet).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

import openpyxl
from conftest import AS_OF
from pydantic import BaseModel, field_validator, model_validator

from tracker_tool.check import validation
from tracker_tool.check.common_rules import required_catalogue, required_fields
from tracker_tool.check.row_validation import check_row
from tracker_tool.check.rule_context import RawRow
from tracker_tool.check.tracker import Tracker
from tracker_tool.core.a1 import column_letter
from tracker_tool.core.catalogue import CORE_RULES
from tracker_tool.core.cell_values import EPOCH_1900
from tracker_tool.core.columns import Column, column_specs
from tracker_tool.core.field_types import CellDate, CellText
from tracker_tool.core.findings import Severity
from tracker_tool.read.workbook import load_workbook
from tracker_tool.write.audit import write_audit_file
from tracker_tool.write.render import to_json, to_text
from tracker_tool.write.template import build_template_file

E = Severity.ERROR
HELD_EARLY = "the visit was held before it was booked"


class Visit(BaseModel):
    visit_id: Annotated[CellText, Column("Visit", "Reference.", "v1", "Visit", "visit-id")] = None
    booked: Annotated[CellDate, Column("Booked", "When it was booked.", "v2", "Visit", "booked",
                                       required=E)] = None
    held: Annotated[CellDate, Column("Held", "When it took place.", "v3", "Visit", "held")] = None
    notes: Annotated[CellText, Column("Notes", "What was seen.", "v4", "Visit", "notes")] = None

    @field_validator("notes")
    @classmethod
    def no_shouting(cls, value):
        if value and value.isupper():
            raise ValueError("notes must not be written in capitals")
        return value

    @model_validator(mode="after")
    def held_after_booked(self):
        if self.booked and self.held and self.held < self.booked:
            raise ValueError(HELD_EARLY)
        return self


class Checked(Visit):
    """The same row with a check that runs before the fields are read (mode='before')."""

    @model_validator(mode="before")
    @classmethod
    def not_cancelled(cls, data):
        if isinstance(data, dict) and data.get("visit_id") == "CANCELLED":
            raise ValueError("a cancelled visit belongs on the cancellations list")
        return data


def toy(model: type[BaseModel]) -> Tracker:
    return Tracker(
        kind="toy-visits", title="Toy visits", summary="Visits with cross-field checks.",
        version="1.0", sheet_name="Visits", row_model=model,
        catalogue=CORE_RULES + required_catalogue(column_specs(model)),
        rules=(required_fields,), instructions=("Record each visit.",), id_key="visit_id",
    )


VISITS, CHECKED = toy(Visit), toy(Checked)


def row(tracker: Tracker, excel_row: int = 5, **values) -> RawRow:
    letters = {spec.key: column_letter(spec.index) for spec in tracker.columns}
    return RawRow(excel_row, values, letters)


def check(tracker: Tracker, **values):
    return check_row(row(tracker, **values), tracker, "Visits", EPOCH_1900)


def where(findings):
    return {(f.code, f.sheet, f.row, f.cell) for f in findings}


def test_a_model_validator_becomes_a_finding_on_the_row():
    checked, findings = check(VISITS, visit_id="V-1", booked=date(2026, 11, 10),
                              held=date(2026, 11, 3))
    assert where(findings) == {("row.inconsistent", "Visits", 5, "A5")}
    found = findings[0]
    assert (found.severity, found.clause, found.message) == (E, "s20", HELD_EARLY)
    assert (found.field, found.column, found.value) == (None, None, None)
    # The row is still typed, so the policy rules run on it.
    assert (checked.get("booked"), checked.get("held")) == (date(2026, 11, 10), date(2026, 11, 3))
    assert checked.invalid == frozenset()


def test_the_code_is_in_the_core_catalogue_with_a_fix():
    rule = VISITS.rule("row.inconsistent")
    assert (rule.title, rule.severity, rule.clause) == ("Entry contradicts itself", E, "s20")
    assert rule.fix


def test_a_field_validator_is_still_located_at_its_cell():
    """The near miss: a ValueError from a field's own validator names its field."""
    checked, findings = check(VISITS, visit_id="V-1", booked=date(2026, 11, 3), notes="LATE")
    assert [(f.sheet, f.row, f.cell, f.field) for f in findings] == [("Visits", 5, "D5", "notes")]
    assert checked.invalid == {"notes"} and checked.get("notes") is None


def test_a_consistent_row_has_no_finding():
    _, findings = check(VISITS, visit_id="V-1", booked=date(2026, 11, 3), held=date(2026, 11, 4))
    assert findings == []


def test_a_cross_check_hidden_by_a_refused_field_is_still_found():
    """Pydantic skips the model's checks while a field fails; the field's removal lets them run."""
    _, findings = check(VISITS, visit_id="V-1", booked=date(2026, 11, 10),
                        held=date(2026, 11, 3), notes="LATE")
    assert {(f.cell, f.field) for f in findings} == {("D5", "notes"), ("A5", None)}
    assert {f.code for f in findings if f.field is None} == {"row.inconsistent"}


def test_a_before_validator_is_reported_and_the_fields_are_still_checked():
    """A mode='before' check stops pydantic before any field; the fields are checked after it."""
    checked, findings = check(CHECKED, visit_id="CANCELLED", booked=date(2026, 11, 10),
                              held=date(2026, 11, 3), notes="LATE")
    assert [(f.code, f.cell) for f in findings if f.field is None] == [
        ("row.inconsistent", "A5")]
    refusal = next(f for f in findings if f.field is None)
    assert refusal.message == "a cancelled visit belongs on the cancellations list"
    assert [f.cell for f in findings if f.field == "notes"] == ["D5"]
    assert checked.get("visit_id") == "CANCELLED" and checked.get("notes") is None


def test_an_entry_laid_down_a_sheet_is_anchored_at_its_top_item():
    """On a plan sheet each item has its own cell; the finding goes to the first one."""
    refs = {"booked": "C4", "visit_id": "C3", "held": "C5", "notes": "C6"}
    raw = RawRow(3, {"booked": date(2026, 11, 10), "held": date(2026, 11, 3)},
                 {key: "C" for key in refs}, refs=refs)
    _, findings = check_row(raw, VISITS, "Plan", EPOCH_1900)
    assert where(findings) == {("row.inconsistent", "Plan", 3, "C3")}


# -- end to end: the reports and the audit workbook show it -----------------------------------

def test_the_outputs_and_the_audit_show_the_row_finding(tmp_path):
    path = tmp_path / "visits.xlsx"
    build_template_file(VISITS, path, entries=[
        {"visit_id": "V-1", "booked": date(2026, 11, 3), "held": date(2026, 11, 4)},
        {"visit_id": "V-2", "booked": date(2026, 11, 10), "held": date(2026, 11, 3)},
    ])
    checked = validation.check_loaded(load_workbook(path), validation.KindChoice(VISITS), AS_OF)
    report = checked.report
    assert where(report.findings) == {("row.inconsistent", "Visits", 5, "A5")}
    assert "Visits!A5 " in to_text([report]) and HELD_EARLY in to_json([report])

    out = write_audit_file(checked, tmp_path / "visits-audit.xlsx")
    book = openpyxl.load_workbook(out)
    copy = book["Visits"]
    assert HELD_EARLY in copy["A5"].comment.text
    status = [c.value for c in copy[5] if c.value and "error" in str(c.value)]
    assert status, "the row's audit result should count the error"
    listed = [[c.value for c in r] for r in book["Findings"].iter_rows(min_row=2)]
    assert [(r[1], r[2], r[3]) for r in listed] == [("row.inconsistent", "A5", 5)]
