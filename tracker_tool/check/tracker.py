"""The description of one tracker kind: its model, rules, sheet layout and version.

Every tracker kind is one of these; the template writer, the reader and the validator take a
Tracker and know nothing about any particular kind. A Tracker holds no service policy: the
policy is handed in when a template is written or a workbook checked, and the few columns
whose allowed values a service sets are completed from it then (``under``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Callable, Iterable

from pydantic import BaseModel

from tracker_tool.core.catalogue import RuleInfo
from tracker_tool.core.columns import ColumnSpec, cell_reader, column_specs, fingerprint
from tracker_tool.policy.service_policy import ServicePolicy

#: Rows of the tracker sheet, 0-based, shared by writer and reader: a band naming each
#: group of columns, a hidden row of field keys (so columns are matched even if moved or
#: retitled), then the header titles. Entries start on the row after the header.
GROUP_ROW = 0
KEY_ROW = 1
HEADER_ROW = 2
FIRST_DATA_ROW = 3


@dataclass(frozen=True)
class LiveHighlights:
    """Fields the template's conditional formats use to show problems live in Excel."""

    due_key: str
    status_key: str
    done_values: tuple[str, ...]
    owner_key: str
    content_keys: tuple[str, ...]
    #: Filled in once the status is one of ``done_values``: the completion date, the evidence.
    completion_keys: tuple[str, ...] = ()
    #: (column, value, column then needed): a High priority without its reason, say.
    high: tuple[str, str, str] | None = None
    #: The next review date, which should not pass while the entry is open.
    review_key: str | None = None


@dataclass(frozen=True)
class PolicyColumns:
    """A tracker's columns completed by one policy's lists, with a reader per typed column."""

    columns: tuple[ColumnSpec, ...]
    by_key: dict[str, ColumnSpec]
    #: Field key -> cell reader, for every column that is not free text.
    readers: dict

    @classmethod
    def of(cls, columns: tuple[ColumnSpec, ...]) -> PolicyColumns:
        found = {spec.key: cell_reader(spec) for spec in columns}
        return cls(columns, {spec.key: spec for spec in columns},
                   {key: read for key, read in found.items() if read is not None})


@dataclass(frozen=True)
class Tracker:
    """A tracker kind. ``rules`` are callables taking a RuleContext and yielding findings."""

    kind: str
    title: str
    summary: str
    version: str
    sheet_name: str
    row_model: type[BaseModel]
    catalogue: tuple[RuleInfo, ...]
    rules: tuple[Callable, ...]
    instructions: tuple[str, ...]
    #: The column holding each entry's own reference, if the tracker has one.
    id_key: str | None = None
    #: Written as the template's creation date, so the same version gives the same bytes.
    released: date = date(2026, 11, 21)
    highlights: LiveHighlights | None = None
    #: RuleContext -> list[Figure] and list[Escalation], for the audit's Summary and Escalations.
    figures: Callable | None = None
    escalations: Callable | None = None
    #: Unlocked, validated rows pre-sized in the template (protected sheets cannot grow tables).
    entry_rows: int = 1000
    group_colours: dict[str, str] = field(default_factory=dict)
    #: A pydantic model of settings this kind reads from its own table of the service's policy
    #: file (``[kinds.<kind>]``); None when the kind has no settings of its own.
    settings_model: type[BaseModel] | None = None
    #: (RuleContext, findings) -> review.ReviewPack, for the audit's review pack (s12, s17, s21).
    review: Callable | None = None
    #: Facts held once per workbook (who, when agreed, plan review date...), laid out down their
    #: own sheet; None for trackers whose rows say everything. Rules reach them by ctx.plan_row.
    plan_model: type[BaseModel] | None = None
    plan_sheet: str = "Plan"
    #: The plan sheet's dates of things already done, the first being the day the plan
    #: started (date agreed): none can be after the audit date, and no row's date before the
    #: first. Lets check/date_swaps find a day and month swapped in a plan whose rows carry
    #: no creation date of their own.
    plan_dates: tuple[str, ...] = ()
    #: The heading of the figures on the audit's Summary sheet.
    figures_heading: str = "Review figures"
    #: Columns shown on the audit's printable review sheet; default: the ID and the required ones.
    review_columns: tuple[str, ...] = ()
    #: The template's printable view: the columns a supervision or an inspection reads, in
    #: order; default: the printed columns above.
    view_columns: tuple[str, ...] = ()
    #: Which columns play which part when a return is compared with the previous one
    #: (check/compare/fields.ChangeFields); None compares IDs, status, due date and owner only.
    changes: object | None = None
    #: Text columns (of the rows or the plan sheet) that go outside the organisation, to a
    #: regulator or commissioner: personal details in them are found, and masked in every
    #: output and in the redacted copy (check/personal_data.py).
    regulator_keys: frozenset[str] = frozenset()
    #: The Reviews sheet (check/reviews_sheet.ReviewSchedule): the reviews its source asks
    #: for and how often; None for a kind whose source asks for none.
    reviews: object | None = None
    _under: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @cached_property
    def printed_columns(self) -> tuple[str, ...]:
        """The few columns that identify an entry on one printed line."""
        if self.review_columns:
            return self.review_columns
        required = [s.key for s in self.columns if s.required is not None]
        ident = [self.id_key] if self.id_key else []
        return tuple(dict.fromkeys(ident + required[:5]))

    @cached_property
    def plan(self) -> Tracker | None:
        """The plan sheet as a tracker of one entry, so the row machinery reads and checks it."""
        if self.plan_model is None:
            return None
        return replace(self, row_model=self.plan_model, sheet_name=self.plan_sheet,
                       plan_model=None, id_key=None, highlights=None, figures=None,
                       escalations=None, review=None, rules=())

    @cached_property
    def reviews_view(self) -> Tracker | None:
        """The Reviews sheet as a tracker whose rows are reviews, read like the main sheet."""
        if self.reviews is None:
            return None
        return replace(self, row_model=self.reviews.model, sheet_name=self.reviews.sheet,
                       plan_model=None, id_key=None, highlights=None, figures=None,
                       escalations=None, review=None, rules=(), reviews=None)

    @cached_property
    def columns(self) -> tuple[ColumnSpec, ...]:
        """The columns as every service has them; a column whose allowed values a service
        sets has none here (see ``under``)."""
        return column_specs(self.row_model)

    def under(self, policy: ServicePolicy) -> PolicyColumns:
        """The columns as one service's policy completes them: its dropdowns and the readers
        that check values against them. Worked out once per distinct set of lists."""
        lists = policy.lists()
        key = tuple(sorted(lists.items()))
        found = self._under.get(key)
        if found is None:
            found = self._under[key] = PolicyColumns.of(column_specs(self.row_model, lists))
        return found

    def settings(self, policy: ServicePolicy) -> BaseModel | None:
        """This kind's own settings from the policy's ``[kinds.<kind>]`` table, checked
        against the kind's settings model; None for a kind without settings."""
        if self.settings_model is None:
            return None
        return policy.kind_settings(self.kind, self.settings_model)

    @cached_property
    def fingerprint(self) -> str:
        """Of the columns (and plan items) alone, so one template version matches under any
        policy; a tracker without a plan keeps the fingerprint of its columns."""
        specs = column_specs(self.row_model)
        if self.plan_model is not None:
            specs += column_specs(self.plan_model)
        return fingerprint(specs)

    @cached_property
    def text_keys(self) -> frozenset[str]:
        return frozenset(spec.key for spec in self.columns if spec.kind.value.endswith("text"))

    @cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(spec.key for spec in self.columns)

    @cached_property
    def by_key(self) -> dict[str, ColumnSpec]:
        return {spec.key: spec for spec in self.columns}

    @cached_property
    def _rules_by_code(self) -> dict[str, RuleInfo]:
        return {info.code: info for info in self.catalogue}

    def rule(self, code: str) -> RuleInfo:
        return self._rules_by_code[code]

    def groups(self) -> Iterable[tuple[str, list[ColumnSpec]]]:
        """Consecutive runs of columns sharing a group, for the band above the header."""
        current, run = None, []
        for spec in self.columns:
            if spec.group != current and run:
                yield current, run
                run = []
            current = spec.group
            run.append(spec)
        if run:
            yield current, run
