"""A tracker kind from its models and its rules: the catalogue is what the rules declare.

A kind used to list its finding codes in one module and raise them in another, joined only by
strings. Here the catalogue is assembled from the codes every tracker shares, the columns the
models mark as required, and the codes each rule declares beside itself, so a code cannot be
listed without a rule or raised without an entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tracker_tool.check.common_rules import required_catalogue, required_fields, unique_values
from tracker_tool.check.reviews_sheet import ReviewSchedule
from tracker_tool.check.tracker import Tracker
from tracker_tool.core.catalogue import CORE_RULES, RuleInfo
from tracker_tool.core.columns import column_specs
from tracker_tool.core.findings import Severity
from tracker_tool.core.review import ReviewPack
from tracker_tool.trackers.kit.rules import DeclarationError, IdRule, Rule, verify


def unique_ids(key: str, missing: RuleInfo | None = None, duplicate: RuleInfo | None = None,
               *, model=None, example: str = "", so: str = "", name: str | None = None,
               noun: str | None = None, codes: tuple[str, str] | None = None) -> IdRule:
    """The rule keeping ``key`` filled in and unique: ``missing`` for a blank, ``duplicate``
    for a reference already used higher up the sheet.

    Give the two codes yourself, or give the ``model`` and let ``id_codes`` word them from
    the column (see there for ``example``, ``so``, ``name``, ``noun`` and ``codes``).
    """
    if model is not None:
        missing, duplicate = id_codes(model, key, example=example, so=so, name=name, noun=noun,
                                      codes=codes)
    if missing is None or duplicate is None:
        raise TypeError("unique_ids wants both codes, or the model to word them from")
    made = IdRule(unique_values(key, missing.code, duplicate.code), (missing, duplicate), key)
    verify(made)
    return made


def id_codes(model, key: str, *, example: str, so: str, name: str | None = None,
             noun: str | None = None, codes: tuple[str, str] | None = None
             ) -> tuple[RuleInfo, RuleInfo]:
    """The missing and duplicate codes of the reference column ``key`` of ``model``, worded
    from the column: a blank is a warning, a reference used twice an error, under the column's
    clause.

    ``name`` is how a sentence names the column (its title unless given: "Action ID", "case
    ref"); its first word is the thing referenced ("action", "case") and its last word what
    each gets its own of, unless ``noun`` says otherwise ("reference" for a "ref").
    ``example`` is a reference to copy ("A-014"), ``so`` what a blank breaks ("minutes and
    evidence cannot point to it"), and ``codes`` the two codes when they are not the column's
    ``<stem>.missing`` and ``<stem>.duplicate``.
    """
    spec = next(spec for spec in column_specs(model) if spec.key == key)
    name = name or spec.title
    named = name[0].upper() + name[1:]
    thing, noun = name.split()[0].lower(), noun or name.split()[-1]
    missing, duplicate = codes or (f"{spec.stem}.missing", f"{spec.stem}.duplicate")
    return (
        RuleInfo(missing, f"{named} missing", Severity.WARNING, spec.clause,
                 "{label} has no " + name + ", so " + so + ".",
                 f"Give every {thing} a short unique reference such as {example}."),
        RuleInfo(duplicate, f"Duplicate {name}", Severity.ERROR, spec.clause,
                 named + " '{value}' is already used on row {first}.",
                 f"Give each {thing} its own {noun}; merge the rows if they are the same {thing}."),
    )


def plan_items(infos: tuple[RuleInfo, ...]) -> tuple[RuleInfo, ...]:
    """Required-field codes of the plan sheet, whose fix points to an item, not a column."""
    return tuple(replace(info, fix=info.fix.replace(" column. ", " item on the Plan sheet. ", 1))
                 for info in infos)


def define_tracker(*, rules: Sequence[Rule], ids: IdRule | None = None,
                   reviews: ReviewSchedule | None = None, **fields) -> Tracker:
    """The Tracker of a kind: its rules run after the required-field and unique-ID checks, and
    its catalogue is the shared codes, the required columns' codes and every declared code.

    ``fields`` are the Tracker's own (kind, title, row_model, plan_model, highlights...).
    ``reviews`` (trackers.common.reviews.review_sheet) gives the kind a Reviews sheet: its
    rules join the kind's, and its record of reviews joins the review pack, which a kind
    without a pack of its own then has for that alone.
    Raises DeclarationError when a rule is undeclared or two entries claim one code.
    """
    if reviews is not None:
        rules = (*rules, *reviews.rules)
        fields["review"] = _with_reviews(fields.get("review"), reviews.record)
        fields["reviews"] = reviews
    undeclared = [r for r in rules if not isinstance(r, Rule)]
    if undeclared:
        raise DeclarationError(f"{fields.get('kind')}: rules without declared codes: "
                               + ", ".join(getattr(r, "__name__", repr(r)) for r in undeclared))
    required = required_catalogue(column_specs(fields["row_model"]))
    plan_model = fields.get("plan_model")
    plan_required = plan_items(required_catalogue(column_specs(plan_model))) if plan_model else ()
    # The required columns' codes are made from the column stems while the rule runs, so the
    # function cannot be read for them; the context still refuses any other code.
    checks = (Rule(required_fields, required), *([ids] if ids else ()), *rules)
    entries = CORE_RULES + plan_required + required + tuple(
        info for check in checks[1:] for info in check.codes) + (
        reviews.codes if reviews is not None else ())
    return Tracker(catalogue=_one_entry_per_code(fields.get("kind"), entries), rules=checks,
                   id_key=ids.key if ids else None, **fields)


def _with_reviews(review, record):
    """The kind's review pack with the record of reviews added, or that record alone."""

    def with_reviews(ctx, findings):
        pack = review(ctx, findings) if review is not None else ReviewPack(reviews_only=True)
        pack.reviews = record(ctx)
        return pack

    return with_reviews


def _one_entry_per_code(kind: str, entries: tuple[RuleInfo, ...]) -> tuple[RuleInfo, ...]:
    """The entries in order, each code once: rules sharing a code share its one entry."""
    found: dict[str, RuleInfo] = {}
    for info in entries:
        if found.setdefault(info.code, info) is not info:
            raise DeclarationError(f"{kind}: two entries for the code {info.code}; declare it "
                                   "once and name that entry in every rule raising it")
    return tuple(found.values())
