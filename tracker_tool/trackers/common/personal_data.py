"""Personal details in the text a kind sends to a regulator: one rule every such kind shares.

A kind names its regulator-bound columns once, as ``regulator_keys`` on its tracker; this rule
flags each of those cells holding a personal detail, and the checker masks the detail in
every output (check/personal_data.py). The finding's message names what was found in its
masked form only, so the warning itself never repeats the detail it warns about.
"""

from __future__ import annotations

from tracker_tool.check.personal_data import described, find_personal
from tracker_tool.core.columns import column_specs
from tracker_tool.trackers.kit import Code, Rule, RuleContext, W, rule


def personal_data_code(clause: str, shared: str) -> Code:
    """The kind's ``personal-data.found`` entry; ``shared`` says where the text goes."""
    return Code("personal-data.found", "Personal data in text shared outside", W, clause,
                "{label}: {title} holds personal details ({what}); " + shared + ".",
                "Remove the personal detail, or replace it with an anonymous reference such as "
                "'the patient' or 'Mrs A'; `tracker-tool redact` writes a masked copy to send.")


def personal_data_check(found: Code) -> Rule:
    """The rule flagging every regulator-bound cell (``tracker.regulator_keys``, rows and plan
    sheet) that holds a name with a title, an NHS number, an email address, a telephone number
    or a date of birth."""
    code = found.code

    @rule(found)
    def personal_details(ctx: RuleContext):
        keys = ctx.tracker.regulator_keys
        for sub in (ctx.plan_ctx, ctx):  # the plan sheet's findings come first
            if sub is None:
                continue
            columns = [spec.key for spec in sub.tracker.columns if spec.key in keys]
            for row in sub.rows:
                for key in columns:
                    spans = find_personal(getattr(row.record, key))
                    if spans:
                        yield sub.at(row, key, code, what=described(spans))

    return personal_details


def text_columns(model, *, but: tuple[str, ...] = ()) -> frozenset[str]:
    """The free-text columns of ``model`` other than ``but``: a kind whose every text goes to
    the regulator lists them this way, so a text column added later is covered too."""
    return frozenset(spec.key for spec in column_specs(model)
                     if spec.kind.value.endswith("text") and spec.key not in but)
