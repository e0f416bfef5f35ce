"""The service's own policy: the settings each provider adapts from the Reg 17 policy template.

The policy template says what must happen; each service decides the numbers (how late is too
late, which risks count as high priority, who may close what, which nation's bank holidays
apply). Those choices live in a TOML file validated here, so the same rules can audit every
service by its own policy, and an audit can say which policy it applied (the fingerprint).

Every setting's explanation is its field description: ``policy init`` writes them as comments,
and a bad value is reported with the setting's dotted name and what is allowed.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from datetime import date
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from tracker_tool.errors import UsageError
from tracker_tool.policy.sources import Source

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Days = Annotated[int, Field(ge=0, le=3650)]


class DayCount(str, Enum):
    CALENDAR = "calendar"
    WORKING = "working"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _unique(values: list[str]) -> list[str]:
    seen = set()
    for value in values:
        if value.casefold() in seen:
            raise ValueError(f"'{value}' is listed twice")
        seen.add(value.casefold())
    return values


class OverdueSettings(_Section):
    escalate_after: Days = Field(7, description=(
        "An open action more than this many days past its due date must be escalated, "
        "whatever its priority (s13). 0 escalates every overdue action at once."))
    count: DayCount = Field(DayCount.CALENDAR, description=(
        "How days past due are counted: \"calendar\" or \"working\" (Monday to Friday, "
        "less the nation's bank holidays and the local days off below)."))
    escalate_sources: list[Name] = Field(
        ["CQC inspection", "Commissioner or local authority", "Safeguarding concern",
         "Professional advice", "Governance meeting"],
        description=("Sources whose actions must be escalated from the first day they are "
                     "overdue: actions required by CQC, a commissioner, a safeguarding enquiry, "
                     "professional advice or provider governance (s13)."))

    @field_validator("escalate_sources")
    @classmethod
    def _known_sources(cls, values: list[str]) -> list[str]:
        known = {s.value.casefold(): s.value for s in Source}
        unknown = [v for v in values if v.casefold() not in known]
        if unknown:
            raise ValueError(f"'{unknown[0]}' is not a source; use one of: "
                             + ", ".join(known.values()))
        return [known[v.casefold()] for v in _unique(values)]


class HighPrioritySettings(_Section):
    categories: list[Name] = Field(
        ["Immediate safety risk", "Safeguarding", "Serious incident", "Duty of candour",
         "Medicine safety", "Repeated complaint theme", "CQC breach or warning notice",
         "Regulatory notification", "Staffing risk", "Infection control risk",
         "Serious record-keeping failure"],
        min_length=1, description=(
            "The risks that make an action High priority (s9). They fill the "
            "\"High-priority reason\" dropdown; any action given one must be High."))
    escalate_when_overdue: list[Name] = Field(
        ["Safeguarding", "Serious incident", "Medicine safety", "Staffing risk",
         "Infection control risk"],
        description=("Categories whose actions must be escalated from the first day they are "
                     "overdue (s13). Each must be one of the categories above."))
    due_within_days: Days = Field(14, description=(
        "Longest time, in calendar days from the date created, a High-priority action may be "
        "given before it is due (s9, s10: shorter timescales for higher risk)."))

    @field_validator("categories")
    @classmethod
    def _unique_categories(cls, values: list[str]) -> list[str]:
        return _unique(values)

    @model_validator(mode="after")
    def _escalating_are_categories(self):
        known = {c.casefold() for c in self.categories}
        for value in self.escalate_when_overdue:
            if value.casefold() not in known:
                raise ValueError(f"escalate_when_overdue: '{value}' is not one of the categories")
        return self


class ReviewSettings(_Section):
    open_every_days: Days = Field(31, description=(
        "Open actions must be reviewed at least this often: the next review date may be at "
        "most this many days after the audit date (s12: at least monthly)."))
    high_risk_every_days: Days = Field(14, description=(
        "The same for High-priority actions, which need closer monitoring (s9, s12)."))
    due_soon_days: Days = Field(14, description=(
        "An open action due within this many days is listed as \"due soon\" in the monthly "
        "review (s12)."))


class ClosureSettings(_Section):
    roles: list[Name] = Field(
        ["Registered Manager", "Deputy Manager", "Nominated Individual", "Clinical Lead",
         "Team Leader", "Senior Carer", "Nurse", "Care Worker", "Administrator"],
        min_length=1, description="The job roles in the service; they fill the reviewer's role dropdown.")
    roles_allowed: list[Name] = Field(
        ["Registered Manager", "Deputy Manager", "Nominated Individual", "Clinical Lead"],
        min_length=1, description=(
            "Roles that may review the closure of a high-risk action: the Registered Manager "
            "or a delegated senior person (s14). Each must be one of the roles above."))

    @model_validator(mode="after")
    def _allowed_are_roles(self):
        _unique(self.roles)
        known = {r.casefold() for r in self.roles}
        for value in self.roles_allowed:
            if value.casefold() not in known:
                raise ValueError(f"roles_allowed: '{value}' is not one of the roles")
        return self


class OwnershipSettings(_Section):
    team_may_own: bool = Field(False, description=(
        "true lets a team own an action (the Ombudsman accepts a person or a team); false "
        "wants one named person, as the Reg 17 policy does (s6, s8)."))
    share_limit_percent: Annotated[int, Field(ge=1, le=100)] = Field(40, description=(
        "Warn when one owner holds more than this share of the open actions: a cluster "
        "around one manager is an early warning."))
    high_open_limit: Annotated[int, Field(ge=1)] = Field(10, description=(
        "Warn when one owner holds more than this many open High-priority actions."))
    min_open_actions: Annotated[int, Field(ge=1)] = Field(10, description=(
        "Owner concentration is only judged once the plan has at least this many open actions "
        "(in a small service one manager often rightly holds most of them)."))


class ActionQualitySettings(_Section):
    tick_box_phrases: list[Name] = Field(
        ["staff reminded", "remind staff", "reminded staff", "policy reissued",
         "policy re-issued", "reissue policy", "re-issue policy", "policy recirculated",
         "memo sent", "send memo", "discussed at team meeting", "staff to read",
         "be vigilant", "take more care", "improve medicines"],
        description=(
            "Phrases that mark a tick-box action: one that changes nothing unless something "
            "checks it worked. Matched anywhere in the description, ignoring case."))
    measure_words: list[Name] = Field(
        ["audit", "re-audit", "spot check", "observation", "observe", "competency",
         "supervision", "measure", "test"],
        description=(
            "Words that show a tick-box action has a way of checking it worked; a description "
            "or intended outcome with one of them, or with a number, is not flagged."))
    min_description_words: Annotated[int, Field(ge=1, le=50)] = Field(6, description=(
        "Descriptions shorter than this are too vague for someone else to act on (s8: "
        "\"Improve medicines\" is the policy's example of a weak action)."))
    vague_evidence: list[Name] = Field(
        ["done", "yes", "y", "ok", "complete", "completed", "verbal", "told", "see file",
         "in file", "on file", "evidence", "records", "checked", "signed off", "as above"],
        description=(
            "Evidence entries that point to nothing checkable. A verbal statement is not "
            "enough for high-risk actions (s11)."))


class ThemeSettings(_Section):
    themes: list[Name] = Field(
        ["Medication", "Falls", "Safeguarding", "Care planning", "Record keeping", "Staffing",
         "Training and competency", "Infection control", "Nutrition and hydration",
         "Pressure care", "Communication", "Complaints handling", "Environment and equipment",
         "Governance", "Other"],
        min_length=1, description="The themes an action can be filed under; they fill the Theme dropdown.")
    repeat_count: Annotated[int, Field(ge=2)] = Field(3, description=(
        "A theme raised this many times within the window is a repeated theme (s17), and "
        "should be on the risk register (s21)."))
    window_days: Annotated[int, Field(ge=1, le=3650)] = Field(365, description=(
        "The window, in days before the audit date, in which repeats are counted."))

    @field_validator("themes")
    @classmethod
    def _unique_themes(cls, values: list[str]) -> list[str]:
        return _unique(values)


class ExtensionSettings(_Section):
    max_slip_days: Days = Field(60, description=(
        "Warn when the due date has moved more than this many days past the original due "
        "date, however many extensions were recorded."))


class StaffMember(_Section):
    name: Name = Field(description="The person's name as it is written in the Owner column.")
    role: Name | None = Field(None, description="Their job role, one of closure.roles.")
    left: date | None = Field(None, description="The day they left, if they have.")


class ServicePolicy(_Section):
    """One service's adaptation of the action-plan policy."""

    service_name: str = Field("", max_length=200, description="The service this policy is for.")
    nation: Literal["ENG", "WLS", "SCT", "NIR"] = Field("ENG", description=(
        "The UK nation whose bank holidays count: ENG (England), WLS (Wales), SCT (Scotland) "
        "or NIR (Northern Ireland)."))
    local_days_off: list[date] = Field([], description=(
        "Extra days that are not working days, such as a local holiday, as dates "
        "(YYYY-MM-DD)."))
    saturday_is_working_day: bool = Field(False, description=(
        "true counts Saturday as a working day (some services run a six-day office)."))
    overdue: OverdueSettings = OverdueSettings()
    high_priority: HighPrioritySettings = HighPrioritySettings()
    review: ReviewSettings = ReviewSettings()
    closure: ClosureSettings = ClosureSettings()
    ownership: OwnershipSettings = OwnershipSettings()
    action_quality: ActionQualitySettings = ActionQualitySettings()
    themes: ThemeSettings = ThemeSettings()
    extensions: ExtensionSettings = ExtensionSettings()
    kinds: dict[str, dict[str, Any]] = Field({}, description=(
        "Settings of one tracker kind, as a [kinds.<kind>] table (for example "
        "[kinds.supervision-actions]); each kind checks its own table when it is used."))
    roster: list[StaffMember] = Field([], description=(
        "Optional list of staff. When given, owners and closure reviewers fill their dropdowns "
        "from it, it is the list of who may be named in any owner-like column (owner, lead, "
        "line manager, person responsible, mentor), and a leaver still owning open actions is "
        "flagged."))

    @model_validator(mode="after")
    def _roster_roles(self):
        roles = {r.casefold() for r in self.closure.roles}
        names = set()
        for person in self.roster:
            if person.role and person.role.casefold() not in roles:
                raise ValueError(f"roster: {person.name}'s role '{person.role}' is not one of "
                                 "closure.roles")
            if person.name.casefold() in names:
                raise ValueError(f"roster: '{person.name}' is listed twice")
            names.add(person.name.casefold())
        return self

    # Derived values are cached by the policy's settings, not on the instance: pydantic's
    # model_copy(update=...) copies an instance's cached attributes along with its fields.
    @property
    def fingerprint(self) -> str:
        """A short hash of every setting, stamped in templates and printed on audits.

        An empty ``kinds`` table is left out, so policies written before kinds had tables of
        their own keep the fingerprint their templates were stamped with."""
        return _fingerprint(self.model_dump_json(exclude=None if self.kinds else {"kinds"}))

    @property
    def calendar(self):
        weekdays = (0, 1, 2, 3, 4, 5) if self.saturday_is_working_day else (0, 1, 2, 3, 4)
        return _calendar(self.nation, tuple(self.local_days_off), weekdays)

    def days_late(self, due: date, as_of: date) -> int:
        """Days past ``due`` on ``as_of``, counted as the policy says (0 when not late)."""
        if as_of <= due:
            return 0
        if self.overdue.count is DayCount.WORKING:
            return self.calendar.working_days_after(due, as_of)
        return (as_of - due).days

    def kind_settings(self, kind: str, model: type[BaseModel]) -> BaseModel:
        """The ``[kinds.<kind>]`` table read as that kind's settings model (its defaults when
        the file has no such table); a bad value is a UsageError naming the setting."""
        return _kind_settings(kind, model, json.dumps(self.kinds.get(kind, {}), sort_keys=True,
                                                      default=str))

    @property
    def staff(self) -> dict[str, StaffMember]:
        """Roster by person_key, for owner and reviewer look-ups."""
        return _staff(tuple(self.roster))

    def lists(self, as_of: date | None = None) -> dict[str, tuple[str, ...]]:
        """The dropdown sources a template takes from the policy, by the name columns use.

        The roster lists people still in post on ``as_of`` (default: today), so a leaver
        with a date still ahead stays in the Owner dropdown until they go.
        """
        if as_of is None:
            from tracker_tool.policy.clock import today_in_london

            as_of = today_in_london()
        current = [p.name for p in self.roster if p.left is None or p.left > as_of]
        return {
            "high_priority_categories": tuple(self.high_priority.categories),
            "themes": tuple(self.themes.themes),
            "roles": tuple(self.closure.roles),
            "roster": tuple(current),
        }


def person_key(name: str) -> str:
    """How two spellings of a name are compared: case, spacing and full stops do not matter."""
    return " ".join(name.replace(".", " ").casefold().split())


@lru_cache(maxsize=64)
def _fingerprint(canonical_json: str) -> str:
    return hashlib.sha256(canonical_json.encode()).hexdigest()[:12]


@lru_cache(maxsize=64)
def _calendar(nation: str, days_off: tuple[date, ...], weekdays: tuple[int, ...]):
    from tracker_tool.policy.workdays import WorkingCalendar

    return WorkingCalendar(nation, days_off, weekdays)


@lru_cache(maxsize=64)
def _kind_settings(kind: str, model: type[BaseModel], table_json: str) -> BaseModel:
    try:
        return model.model_validate(json.loads(table_json))
    except ValidationError as exc:
        raise UsageError(f"kinds.{kind}.{_first_problem(exc)}") from None


@lru_cache(maxsize=64)
def _staff(roster: tuple[StaffMember, ...]) -> dict[str, StaffMember]:
    return {person_key(p.name): p for p in roster}


DEFAULT_POLICY = ServicePolicy()


def load_policy(path: str | Path) -> ServicePolicy:
    """Read and check a policy file; every problem becomes a UsageError naming the setting."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"policy file {path} does not exist") from None
    except IsADirectoryError:
        raise UsageError(f"policy file {path} is a folder, not a file") from None
    except UnicodeDecodeError:
        raise UsageError(f"policy file {path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"policy file {path} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise UsageError(f"policy file {path} cannot be read: {exc.strerror}") from None
    try:
        return ServicePolicy.model_validate(data)
    except ValidationError as exc:
        raise UsageError(f"policy file {path}: {_first_problem(exc)}") from None


def _first_problem(exc: ValidationError) -> str:
    """'overdue.count: \"weekly\" is not allowed; use calendar or working' from pydantic's error."""
    problems = []
    for error in exc.errors(include_url=False):
        where = ".".join(str(part) for part in error["loc"])
        kind, message = error["type"], error["msg"]
        if not where:
            problems.append(message.removeprefix("Value error, "))
        elif kind in ("model_type", "model_attributes_type", "dict_type"):
            problems.append(f"{where}: should be a [{where}] table of settings")
        elif kind == "extra_forbidden":
            problems.append(f"{where}: unknown setting (check the spelling against "
                            "`tracker-tool policy init`)")
        elif kind in ("enum", "literal_error"):
            allowed = message.split("Input should be ", 1)[-1]
            problems.append(f"{where}: {error['input']!r} is not allowed; use {allowed}")
        else:
            problems.append(f"{where}: {message.removeprefix('Value error, ')}")
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return problems[0] + more
