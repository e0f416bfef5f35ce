"""The kit: a kind's catalogue is what its rules declare, and a rule can raise nothing else.

A declared code no rule raises, or a raised code no rule declares, fails when the kind is
imported; a code built while the rule runs is refused by the context the rule is handed.
"""

from __future__ import annotations

from typing import Annotated

import pytest
from conftest import AS_OF

from tracker_tool.check.rule_context import CheckedRow, RawRow, RuleContext
from tracker_tool.core.catalogue import CORE_RULES
from tracker_tool.trackers.kit import (
    CellText,
    Code,
    Column,
    DeclarationError,
    E,
    Row,
    W,
    define_tracker,
    rule,
    unique_ids,
)
from tracker_tool.trackers.kit.rules import codes_in

GROUP = Code("owner.group", "Owner is a group", E, "p1", "{label}: a group.", "Name one.")
SEVERAL = Code("owner.several", "Several owners", W, "p1", "{label}: several.", "Keep one.")


class Item(Row):
    ref: Annotated[CellText, Column("Ref", "Reference.", "p0", "Item", "ref")] = None
    owner: Annotated[CellText, Column("Owner", "Who.", "p1", "Item", "owner",
                                      required=E)] = None


class Plan(Row):
    lead: Annotated[CellText, Column("Lead", "Who leads.", "p2", "Plan", "lead",
                                     required=E)] = None


def test_a_rule_raising_a_code_it_does_not_declare_fails_when_declared():
    with pytest.raises(DeclarationError, match="raises owner.several without declaring it"):
        @rule(GROUP)
        def owners(ctx):
            for row in ctx.rows:
                yield ctx.at(row, "owner", "owner.group")
                yield ctx.at(row, "owner", "owner.several")


def test_a_rule_declaring_a_code_it_never_raises_fails_when_declared():
    with pytest.raises(DeclarationError, match="declares owner.several but never raises it"):
        @rule(GROUP, SEVERAL)
        def owners(ctx):
            for row in ctx.rows:
                yield ctx.at(row, "owner", "owner.group")


def test_a_code_declared_twice_by_one_rule_fails():
    with pytest.raises(DeclarationError, match="declares owner.group twice"):
        @rule(GROUP, GROUP)
        def owners(ctx):
            yield ctx.plan("owner.group")


def test_codes_are_found_in_lambdas_generator_expressions_nested_functions_and_closures():
    made_here = "owner.several"

    def outer(ctx):
        pick = lambda row: ctx.at(row, "owner", "owner.group")

        def inner():
            return [ctx.plan(code) for code in ("plan.theme-repeated",)]

        yield from (ctx.at(r, "owner", made_here) for r in ctx.rows)
        yield from map(pick, ctx.rows)
        yield from inner()

    assert codes_in(outer) == {"owner.group", "owner.several", "plan.theme-repeated"}


def test_words_that_are_not_codes_are_not_taken_for_codes():
    def check(ctx):
        yield ctx.at(ctx.rows[0], "owner", "owner.group", what="e.g. a team", key="due_date",
                     note="See s6, s8.", memo="owner-load")

    assert codes_in(check) == {"owner.group"}


def _context(tracker, owner="All staff", plan_lead=None) -> RuleContext:
    def row(values, letters, excel_row, refs=None):
        raw = RawRow(excel_row, values, letters, refs=refs)
        model = tracker.row_model if refs is None else tracker.plan_model
        return CheckedRow(raw, model(**values), values, frozenset())

    ctx = RuleContext(tracker, "Items", [row({"ref": "I-1", "owner": owner},
                                             {"ref": "A", "owner": "B"}, 4)], AS_OF)
    if tracker.plan_model is not None:
        ctx.plan_ctx = RuleContext(tracker.plan, "Plan", [row(
            {"lead": plan_lead}, {}, 0, refs={"lead": "B2"})], AS_OF)
    return ctx


def test_a_code_built_at_run_time_and_not_declared_is_refused_while_the_rule_runs():
    @rule(GROUP)
    def owners(ctx):
        for row in ctx.rows:
            stem = row.raw.values["owner"].split()[0].lower()
            yield ctx.at(row, "owner", "owner.group" if stem == "all" else f"{stem}.several")

    tracker = define_tracker(kind="toy", title="Toy", summary="Toy.", version="1.0",
                             sheet_name="Items", row_model=Item, rules=(owners,),
                             instructions=("Fill it in.",))
    assert [(f.code, f.cell) for f in owners(_context(tracker))] == [("owner.group", "B4")]
    with pytest.raises(DeclarationError, match="raised 'owner.several', which it does not"):
        list(owners(_context(tracker, owner="Owner Someone")))


def test_the_plan_sheet_and_whole_plan_findings_are_guarded_too():
    @rule(GROUP)
    def plan_lead(ctx):
        lead = ctx.plan_row.record.lead
        yield ctx.plan_ctx.at(ctx.plan_row, "lead", f"owner.{lead}" if lead else "owner.group")

    @rule(GROUP)
    def whole_plan(ctx):
        lead = ctx.plan_row.record.lead
        yield ctx.plan(f"owner.{lead}" if lead else "owner.group", label="The plan")

    tracker = define_tracker(kind="toy", title="Toy", summary="Toy.", version="1.0",
                             sheet_name="Items", row_model=Item, plan_model=Plan,
                             rules=(plan_lead, whole_plan), instructions=("Fill it in.",))
    found = [f for check in (plan_lead, whole_plan) for f in check(_context(tracker))]
    assert [(f.code, f.sheet, f.cell) for f in found] == [("owner.group", "Plan", "B2"),
                                                          ("owner.group", "Items", None)]
    for check in (plan_lead, whole_plan):
        with pytest.raises(DeclarationError, match="raised 'owner.several'"):
            list(check(_context(tracker, plan_lead="several")))


def test_the_catalogue_is_the_shared_codes_then_the_required_columns_then_the_declared():
    ids = unique_ids("ref", Code("ref.missing-id", "No ref", W, "p0", "{label}: no ref.", "Add."),
                     Code("ref.duplicate", "Ref twice", E, "p0", "'{value}' twice.", "Renumber."))

    @rule(GROUP, SEVERAL)
    def owners(ctx):
        yield from (ctx.at(r, "owner", "owner.group") for r in ctx.rows)
        yield from (ctx.at(r, "owner", "owner.several") for r in ctx.rows)

    tracker = define_tracker(kind="toy", title="Toy", summary="Toy.", version="1.0",
                             sheet_name="Items", row_model=Item, plan_model=Plan, ids=ids,
                             rules=(owners,), instructions=("Fill it in.",))
    codes = [info.code for info in tracker.catalogue]
    assert codes == [info.code for info in CORE_RULES] + [
        "lead.missing", "owner.missing", "ref.missing-id", "ref.duplicate", "owner.group",
        "owner.several"]
    assert tracker.rule("lead.missing").fix.startswith("Fill in the Lead item on the Plan sheet.")
    assert [r.__name__ for r in tracker.rules] == ["required_fields", "unique_ref", "owners"]
    assert tracker.id_key == "ref"


def test_two_entries_for_one_code_fail_when_the_tracker_is_defined():
    @rule(GROUP)
    def owners(ctx):
        yield ctx.plan("owner.group")

    @rule(Code("owner.group", "Owner is a group", E, "p1", "{label}: a group.", "Name one."))
    def owners_again(ctx):
        yield ctx.plan("owner.group")

    with pytest.raises(DeclarationError, match="two entries for the code owner.group"):
        define_tracker(kind="toy", title="Toy", summary="Toy.", version="1.0",
                       sheet_name="Items", row_model=Item, rules=(owners, owners_again),
                       instructions=("Fill it in.",))


def test_a_rule_without_declared_codes_is_refused():
    def owners(ctx):
        yield ctx.plan("owner.group")

    with pytest.raises(DeclarationError, match="rules without declared codes: owners"):
        define_tracker(kind="toy", title="Toy", summary="Toy.", version="1.0",
                       sheet_name="Items", row_model=Item, rules=(owners,),
                       instructions=("Fill it in.",))


def test_every_kind_raises_only_what_its_catalogue_holds():
    """Each rule's declared codes are entries of its kind's catalogue, so nothing is raised
    that `tracker-tool rules` does not list."""
    from tracker_tool.trackers import all_trackers

    for tracker in all_trackers().values():
        listed = {info.code for info in tracker.catalogue}
        for check in tracker.rules:
            assert check.allowed <= listed, (tracker.kind, check.__name__)


class Case(Row):
    case_id: Annotated[CellText, Column("Case ref", "Reference.", "p9", "Case", "case-ref")] = None


def _rows(tracker, refs: list[str | None]) -> RuleContext:
    rows = [CheckedRow(RawRow(4 + n, {"case_id": ref}, {"case_id": "C"}), Case(case_id=ref),
                       {} if ref is None else {"case_id": ref}, frozenset())
            for n, ref in enumerate(refs)]
    return RuleContext(tracker, "Cases", rows, AS_OF)


def test_unique_ids_words_its_two_codes_from_the_reference_column():
    ids = unique_ids("case_id", model=Case, example="EC-004", so="the forms cannot point to it",
                     noun="reference")
    missing, duplicate = ids.codes
    assert (missing.code, missing.title, missing.severity, missing.clause) == (
        "case-ref.missing", "Case ref missing", W, "p9")
    assert missing.message == "{label} has no Case ref, so the forms cannot point to it."
    assert missing.fix == "Give every case a short unique reference such as EC-004."
    assert (duplicate.code, duplicate.title, duplicate.severity, duplicate.clause) == (
        "case-ref.duplicate", "Duplicate Case ref", E, "p9")
    assert duplicate.message == "Case ref '{value}' is already used on row {first}."
    assert duplicate.fix == ("Give each case its own reference; merge the rows if they are the "
                             "same case.")


def test_worded_ids_take_the_name_and_codes_a_kind_already_publishes():
    ids = unique_ids("case_id", model=Case, example="EC-004", so="nothing can point to it",
                     name="case number", codes=("case.ref-missing", "case.ref-duplicate"))
    missing, duplicate = ids.codes
    assert (missing.code, duplicate.code) == ("case.ref-missing", "case.ref-duplicate")
    assert missing.title == "Case number missing"
    assert missing.message == "{label} has no case number, so nothing can point to it."
    assert duplicate.title == "Duplicate case number"
    assert duplicate.message.startswith("Case number '{value}'")
    assert duplicate.fix.startswith("Give each case its own number;")


def test_worded_ids_find_a_blank_and_a_reference_used_twice_in_their_cells():
    ids = unique_ids("case_id", model=Case, example="EC-004", so="nothing can point to it")
    tracker = define_tracker(kind="toy", title="Toy", summary="Toy.", version="1.0",
                             sheet_name="Cases", row_model=Case, ids=ids, rules=(),
                             instructions=("Fill it in.",))
    found = list(ids(_rows(tracker, ["EC-1", None, "ec-1 ", "EC-2"])))
    assert [(f.code, f.cell) for f in found] == [("case-ref.missing", "C5"),
                                                 ("case-ref.duplicate", "C6")]
    assert found[1].message == "Case ref 'ec-1 ' is already used on row 4."
    assert tracker.rule("case-ref.duplicate").severity == E


def test_unique_ids_wants_both_codes_or_a_model():
    with pytest.raises(TypeError, match="both codes"):
        unique_ids("case_id", GROUP)
