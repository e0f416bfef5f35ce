"""Who answers for an entry: the tests every owner-like column shares (owner, lead, line
manager, person responsible, mentor).

Every source the kinds come from says the same thing in its own words: an action needs one
person (or, where the source allows it, one team) who can be held to it. "All staff", "the
trust" or "Priya and Tom" leave nobody accountable. The words are tested here once, and each
kind says which of its columns are owner-like and whether a team may own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tracker_tool.core.columns import column_specs
from tracker_tool.trackers.kit import CheckedRow, Code, Rule, RuleContext, W, fmt, person_key, rule

#: Nobody anyone could hold to an action: "Everyone", "All staff", "Night staff", "All ward
#: staff", "The trust", "Management", and whoever happens to be on shift: "Night shift", "Day
#: shift", "Carers on duty", "Agency" (a shift or a staffing agency changes from day to day).
NOBODY = re.compile(
    r"^(the\s+)?(whole\s+)?(all\s+)?([a-z\-]+\s+)?"
    r"(staff|everyone|everybody|anyone|various|all|whole home|management|managers|colleagues|"
    r"employees)$"
    r"|^(the\s+)?(whole\s+)?all(\s+[a-z0-9\-]+){0,3}\s+"
    r"(staff|colleagues|employees|teams|departments|wards)$"
    r"|^(the\s+)?(whole\s+)?(trust|organi[sz]ation|practice|service|board|company|provider)$"
    r"|^(the\s+)?(all\s+)?(early|late|day|night|twilight|weekend|long\s+day)\s+shifts?"
    r"(\s+(staff|team|leads?|workers))?$"
    r"|^(the\s+)?(all\s+)?(staff|carers|nurses|workers|team|whoever\s+is)\s+on\s+"
    r"(duty|shift)$"
    r"|^(the\s+)?(an?\s+)?(agency|bank)(\s+(staff|workers|carers|nurses))?$")
#: A team or group: "Care team", "Night staff team", "Nurses", "Shift leads", "SLT", and a
#: department named for its work: "Housekeeping", "Maintenance", "Kitchen", "HR", "Mentors".
#: A team may own where the source allows it. "Team leader" is one role, not a team, and not
#: matched; nor is "Head of housekeeping" or "Maintenance lead", who are one person each.
TEAM = re.compile(
    r"^(the\s+)?(all\s+)?([a-z\-]+\s+){0,2}"
    r"(team|teams|nurses|carers|seniors|office|home|unit|department|dept|leads|leaders|"
    r"supervisors|workers|coordinators|mentors|assessors|trainers)$"
    r"|^(the\s+)?(slt|smt|mdt|hr)$"
    r"|^(the\s+)?(housekeeping|maintenance|kitchen|catering|laundry|domestics|estates|"
    r"facilities|admin|administration|reception|finance|payroll|training|activities|"
    r"human\s+resources|personnel)(\s+(staff|team|department|dept))?$")
#: "Priya Shah and Tom Okafor", "RM / DM", "Sam; Alex": several people in one cell.
_SEVERAL = re.compile(r"\s(and|&|\+)\s|/|;")


def names_several(name: str) -> bool:
    """Several people, but not "Shah, Priya": a comma splits people only between full names."""
    if _SEVERAL.search(name):
        return True
    parts = [part.split() for part in name.split(",")]
    return len(parts) > 2 or (len(parts) == 2 and all(len(words) > 1 for words in parts))


def same_person(a: str | None, b: str | None) -> bool:
    """Names compared as people type them: case, spacing and full stops do not matter."""
    return bool(a and b) and person_key(a) == person_key(b)


@dataclass(frozen=True)
class OwnerCodes:
    """The codes of one owner-like column: a group, several people, someone not on the
    service's staff roster and (for a column whose leavers matter) someone who has left."""

    group: Code
    several: Code
    not_on_roster: Code | None = None
    has_left: Code | None = None
    #: How the group message names a team ("a group", "a team or group").
    team: str = "a group"


def owner_codes(model, key: str) -> OwnerCodes:
    """The group, several and not-on-roster codes of column ``key`` of ``model``, worded from
    the column.

    A group is as bad as a blank: the code takes the severity the column has when left blank
    (a warning for a column that may be blank). The clause is the column's own. When the
    service's policy lists its staff, that list is who may be named in any owner-like column.
    """
    spec = next(spec for spec in column_specs(model) if spec.key == key)
    role = spec.title.lower()
    return OwnerCodes(
        group=Code(f"{spec.stem}.group", f"{spec.title} is a group, not a person",
                   spec.required or W, spec.clause,
                   "{label}: '{value}' is {what}; the " + role + " must be one named person.",
                   f"Name one person as the {role}, so it is clear who answers for it."),
        several=Code(f"{spec.stem}.several", f"More than one {role}", W, spec.clause,
                     "{label} names more than one " + role + " ('{value}'); when everyone is "
                     "responsible, nobody is.",
                     f"Keep one {role} and mention the others elsewhere."),
        not_on_roster=Code(f"{spec.stem}.not-on-roster", f"{spec.title} not on the staff roster",
                           W, spec.clause,
                           "{label}: the " + role + " '{value}' is not on the service's staff "
                           "roster.",
                           "Check the spelling against the roster, or add the new member of "
                           "staff to it."),
    )


def _judged(name: str) -> tuple[str | None, str]:
    """What an owner's name is ("nobody", "team", "several" or None for one person, tested in
    that order) and its person_key, for owner_check."""
    folded = person_key(name)
    if NOBODY.match(folded):
        return "nobody", folded
    if TEAM.match(folded):
        return "team", folded
    return ("several" if names_several(name) else None), folded


def owner_check(key: str, codes: OwnerCodes, *,
                team_may_own: bool | Callable[[object], bool] = False,
                still_open: Callable[[CheckedRow], bool] | None = None,
                plan_sheet: bool = False) -> Rule:
    """The rule testing column ``key``: nobody in particular, a group (unless a team may own,
    by the source or by the service policy given to ``team_may_own``), several people, and,
    when ``codes`` has roster codes, someone off the roster or who has left while the entry is
    ``still_open``. ``plan_sheet`` tests the item on the plan sheet instead of every row."""
    group, several = codes.group.code, codes.several.code
    off_roster = codes.not_on_roster.code if codes.not_on_roster else None
    has_left = codes.has_left.code if codes.has_left else None
    if has_left and still_open is None:
        raise TypeError("a roster check needs still_open to know whether a leaver matters")

    def check(ctx: RuleContext):
        teams = team_may_own(ctx.policy) if callable(team_may_own) else team_may_own
        rows, at = ctx.rows, ctx.at
        if plan_sheet:
            plan = ctx.plan_row
            rows, at = ([plan], ctx.plan_ctx.at) if plan is not None else ([], None)
        # A plan names the same few owners down all its rows: each name is judged once.
        judged: dict[str, tuple[str | None, str]] = {}
        staff = ctx.policy.staff if off_roster and ctx.policy.roster else None
        for row in rows:
            name = getattr(row.record, key)
            if not name:
                continue
            verdict = judged.get(name)
            if verdict is None:
                verdict = judged[name] = _judged(name)
            kind, folded = verdict
            if kind == "nobody":
                yield at(row, key, group, what="not a person",
                         who="one named person or team" if teams else "one named person")
            elif kind == "team":
                if not teams:
                    yield at(row, key, group, what=codes.team, who="one named person")
            elif kind == "several":
                yield at(row, key, several)
            elif staff is not None:
                person = staff.get(folded)
                if person is None:
                    yield at(row, key, off_roster)
                elif (has_left and person.left is not None and person.left <= ctx.as_of
                      and still_open(row)):
                    yield at(row, key, has_left, left=fmt(person.left))

    check.__name__ = check.__qualname__ = f"owner_{key}"
    declared = tuple(code for code in (codes.group, codes.several, codes.not_on_roster,
                                       codes.has_left) if code is not None)
    return rule(*declared)(check)
