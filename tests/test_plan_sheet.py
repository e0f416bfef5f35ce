"""The plan sheet machinery: plan-level facts written down a sheet, read back and checked like a
row, with findings located at their own cells. A small tracker made here exercises it, so the
machinery is tested apart from any one tracker's rules."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import openpyxl
import pytest
from conftest import AS_OF
from pydantic import BaseModel

from tracker_tool.trackers import resolve
from tracker_tool.check.common_rules import required_catalogue, required_fields
from tracker_tool.check.tracker import Tracker
from tracker_tool.core.catalogue import CORE_RULES, RuleInfo
from tracker_tool.core.columns import Column, column_specs
from tracker_tool.core.field_types import CellDate, CellText, choice
from tracker_tool.core.findings import Severity
from tracker_tool import trackers
from tracker_tool.trackers import all_trackers
from tracker_tool.write.template import build_template_file

E = Severity.ERROR


class Stage(str, Enum):
    INFORMAL = "Stage 1 (informal)"
    FORMAL = "Stage 2 (formal)"


class PlanFacts(BaseModel):
    employee: Annotated[CellText, Column("Employee", "Who the plan is for.", "p1", "Plan",
                                         "employee", required=E)] = None
    agreed: Annotated[CellDate, Column("Date agreed", "When the plan was agreed.", "p2", "Plan",
                                       "agreed", required=E)] = None
    stage: Annotated[choice(Stage), Column("Stage", "Informal or formal.", "p3", "Plan",
                                           "stage")] = None
    next_review: Annotated[CellDate, Column("Next review", "When it is reviewed next.", "p4",
                                            "Plan", "next-review")] = None


class Item(BaseModel):
    item_id: Annotated[CellText, Column("Item", "Reference.", "p5", "Items", "item-id")] = None
    action: Annotated[CellText, Column("Action", "What will be done.", "p5", "Items", "action",
                                       required=E)] = None
    due: Annotated[CellDate, Column("Due", "When it is due.", "p5", "Items", "due")] = None


def review_passed(ctx):
    plan = ctx.plan_row
    if plan is not None and plan.record.next_review and plan.record.next_review < ctx.as_of:
        yield ctx.plan_ctx.at(plan, "next_review", "plan.review-passed")


TOY = Tracker(
    kind="toy-plan", title="Toy plan", summary="A plan with a header.", version="1.0",
    sheet_name="Items", row_model=Item, plan_model=PlanFacts,
    catalogue=CORE_RULES + required_catalogue(column_specs(Item))
    + required_catalogue(column_specs(PlanFacts))
    + (RuleInfo("plan.review-passed", "Review passed", Severity.WARNING, "p4",
                "{label}: the review due on {value} has not happened.", "Hold the review."),),
    rules=(required_fields, review_passed), instructions=("Fill in the plan, then the items.",),
    id_key="item_id",
)


@pytest.fixture(autouse=True)
def registered(monkeypatch):
    registry = {**all_trackers(), TOY.kind: TOY}
    monkeypatch.setattr(trackers, "_registry", lambda: registry)


def build(tmp_path, plan, items=({"item_id": "I-1", "action": "Observe two shifts"},)):
    path = tmp_path / "toy.xlsx"
    build_template_file(TOY, path, entries=list(items), plan=plan)
    return path


def located(report):
    return {(f.code, f.sheet, f.cell) for f in report.findings}


def check(path):
    return resolve.check_workbook(path, AS_OF).report


def test_template_lays_the_plan_down_its_own_sheet(tmp_path):
    book = openpyxl.load_workbook(build(tmp_path, {}))
    assert book.sheetnames == ["Instructions", "Plan", "Items", "Printable view", "Lists",
                               "_stamp"]
    ws = book["Plan"]
    items = [(ws.cell(r, 1).value, ws.cell(r, 2).value) for r in range(3, 7)]
    assert items == [("employee", "Employee *"), ("agreed", "Date agreed *"),
                     ("stage", "Stage"), ("next_review", "Next review")]
    assert ws.column_dimensions["A"].hidden
    assert ws.protection.sheet and ws["C3"].protection.locked is False
    assert ws["B3"].protection.locked is not False
    stage_list = [dv for dv in ws.data_validations.dataValidation if "C5" in str(dv.sqref)]
    assert stage_list and stage_list[0].type == "list"


def test_a_complete_plan_raises_nothing(tmp_path):
    path = build(tmp_path, {"employee": "Sam Jones", "agreed": date(2026, 11, 2),
                            "stage": "Stage 1 (informal)", "next_review": date(2026, 11, 30)})
    assert located(check(path)) == set()


def test_plan_findings_are_located_on_the_plan_sheet(tmp_path):
    path = build(tmp_path, {"agreed": "31/09/2026", "stage": "Stage 3",
                            "next_review": date(2026, 11, 1)})
    report = check(path)
    assert located(report) == {
        ("employee.missing", "Plan", "C3"), ("date.impossible", "Plan", "C4"),
        ("choice.not-allowed", "Plan", "C5"), ("plan.review-passed", "Plan", "C6")}
    missing = next(f for f in report.findings if f.code == "employee.missing")
    assert (missing.row, missing.column) == (3, "Employee")
    assert missing.message.startswith("The plan: ")
    # plan findings come before the table's
    assert [f.sheet for f in report.findings] == ["Plan"] * 4


def test_items_are_found_by_title_when_rows_are_moved_and_keys_lost(tmp_path):
    path = build(tmp_path, {"employee": "Sam Jones", "agreed": date(2026, 11, 2)})
    book = openpyxl.load_workbook(path)
    ws = book["Plan"]
    ws.delete_cols(1)  # keys gone: items now in A, entries in B
    ws.insert_cols(1)  # back to three columns, but the key column is empty
    ws.move_range("B3:D3", rows=5)  # Employee moved down to row 8
    book.save(path)
    report = check(path)
    assert ("plan.item-missing", "Plan", None) not in located(report)
    assert not any(f.code == "employee.missing" for f in report.findings)


def test_missing_plan_sheet_and_items(tmp_path):
    path = build(tmp_path, {"employee": "Sam Jones", "agreed": date(2026, 11, 2)})
    book = openpyxl.load_workbook(path)
    book["Plan"].delete_rows(6)  # next_review's row
    book.save(path)
    report = check(path)
    item = next(f for f in report.findings if f.code == "plan.item-missing")
    assert "'Next review'" in item.message and item.severity is Severity.WARNING
    del book["Plan"]
    book.save(path)
    assert {(f.code, f.severity) for f in check(path).findings} == {
        ("plan.missing-sheet", Severity.ERROR)}


def test_audit_lists_plan_findings_without_marking_table_rows(tmp_path):
    from tracker_tool.write.audit import write_audit_file

    path = build(tmp_path, {"agreed": date(2026, 11, 2)},
                 items=[{"item_id": "I-1", "action": "Observe"},
                        {"item_id": "I-2", "action": "Spot check"}])
    checked = resolve.check_workbook(path, AS_OF)
    out = write_audit_file(checked, tmp_path / "audit.xlsx")
    book = openpyxl.load_workbook(out)
    findings = [[c.value for c in row] for row in book["Findings"].iter_rows(min_row=2)]
    assert [(r[1], r[2]) for r in findings] == [("employee.missing", "Plan!C3")]
    items = book["Items"]
    verdict_col = [c.value for c in items[3]].index("Audit result") + 1
    # Plan!C3 is on row 3 of the plan; the table's row 3 is its header, rows 4-5 are clean
    assert [items.cell(r, verdict_col).value for r in (4, 5)] == ["No problems"] * 2


def test_schema_describes_the_plan(tmp_path):
    from tracker_tool.write.schema import tracker_schema

    plan = tracker_schema(TOY)["x-plan"]
    assert plan["sheet"] == "Plan"
    assert list(plan["properties"]) == ["employee", "agreed", "stage", "next_review"]
    assert plan["properties"]["stage"]["enum"] == ["Stage 1 (informal)", "Stage 2 (formal)", None]


def test_a_choice_holding_a_comma_gets_no_inline_dropdown():
    """Excel splits an inline list at commas: 'Yes, in part' would be offered as two values."""
    from tracker_tool.write.prompts import validation

    class Answer(str, Enum):
        YES = "Yes"
        PARTLY = "Yes, in part"

    class Facts(BaseModel):
        answer: Annotated[choice(Answer), Column("Answer", "Help.", "p1", "Plan", "answer")] = None

    rule = validation(column_specs(Facts)[0], named_lists=False)
    assert rule["validate"] == "any" and "source" not in rule
    assert validation(column_specs(PlanFacts)[2], named_lists=False)["validate"] == "list"
