"""The description of one tracker kind: its model, rules, sheet layout and version.

Every tracker (action plan today, others later) is one of these; the template writer, the
reader and the validator take a Tracker and know nothing about any particular policy.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import Callable, Iterable

from pydantic import BaseModel

from tracker_tool.core.catalogue import RuleInfo
from tracker_tool.core.columns import ColumnSpec, cell_reader, column_specs, fingerprint
from tracker_tool.policy.service_policy import DEFAULT_POLICY, ServicePolicy

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
    #: The service policy the tracker is built or checked under; None means the default one.
    policy: ServicePolicy | None = None
    #: (RuleContext, findings) -> review.ReviewPack, for the audit's review pack (s12, s17, s21).
    review: Callable | None = None
    #: Facts held once per workbook (who, when agreed, plan review date...), laid out down their
    #: own sheet; None for trackers whose rows say everything. Rules reach them by ctx.plan_row.
    plan_model: type[BaseModel] | None = None
    plan_sheet: str = "Plan"
    #: The heading of the figures on the audit's Summary sheet.
    figures_heading: str = "Review figures"
    #: Columns shown on the audit's printable review sheet; default: the ID and the required ones.
    review_columns: tuple[str, ...] = ()

    def with_policy(self, policy: ServicePolicy | None) -> Tracker:
        """This tracker under a service's policy: its dropdowns and thresholds follow it."""
        return self if policy is None or policy == self.policy else replace(self, policy=policy)

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

    @property
    def active_policy(self) -> ServicePolicy:
        return self.policy or DEFAULT_POLICY

    @cached_property
    def columns(self) -> tuple[ColumnSpec, ...]:
        return column_specs(self.row_model, self.active_policy.lists())

    @cached_property
    def fingerprint(self) -> str:
        """Of the columns (and plan items) alone, so one template version matches under any
        policy; a tracker without a plan keeps the fingerprint of its columns."""
        specs = column_specs(self.row_model)
        if self.plan_model is not None:
            specs += column_specs(self.plan_model)
        return fingerprint(specs)

    @cached_property
    def converters(self) -> dict:
        """Field key -> cell reader, for every column that is not free text."""
        found = {spec.key: cell_reader(spec) for spec in self.columns}
        return {key: read for key, read in found.items() if read is not None}

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
