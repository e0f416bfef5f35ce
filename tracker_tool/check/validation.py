"""Validate one workbook: stamp first, then columns, then every row, then the policy's rules.

This is the one place that runs the stages in order. It is handed the tracker to check against
(trackers.resolve chooses it) and the service policy, and never looks either up. It returns a
CheckedWorkbook holding the Report plus what the audit writer needs to copy the returned sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tracker_tool.check.date_swaps import explain_swaps, read_month_first
from tracker_tool.check.finding_rows import settle
from tracker_tool.check.header_map import (
    SEARCH_ROWS,
    HeaderMap,
    locate_header,
    map_columns,
)
from tracker_tool.check.row_validation import check_row, entry_rows
from tracker_tool.check.rule_context import RuleContext
from tracker_tool.check.sheet_layout import settle_rows
from tracker_tool.check.tracker import Tracker
from tracker_tool.core.catalogue import core
from tracker_tool.core.cell_values import EPOCH_1900, EPOCH_1904
from tracker_tool.core.findings import Finding
from tracker_tool.core.report import Report
from tracker_tool.core.sheet_names import NEVER_ENTRIES
from tracker_tool.core.stamp import Stamp, version_tuple
from tracker_tool.policy.service_policy import DEFAULT_POLICY, ServicePolicy
from tracker_tool.read.workbook import (
    DEFAULT_MAX_ROWS,
    LoadedWorkbook,
    SheetGrid,
    read_grid,
)


@dataclass
class CheckedWorkbook:
    """A validated workbook: the report, and the sheet as read (None when no sheet matched)."""

    report: Report
    tracker: Tracker
    grid: SheetGrid | None = None
    header: HeaderMap | None = None
    #: The policy the workbook was checked under, and whether it was the default one.
    policy: ServicePolicy = DEFAULT_POLICY
    default_policy: bool = True
    #: The typed rows the rules saw (and the plan sheet's), kept so a later return can be
    #: compared with this one action by action without reading either again.
    context: RuleContext | None = None
    #: The same rows with each date reported as day-and-month swapped read back the right
    #: way round (the context itself when none was): what the figures count and what a
    #: comparison compares, so a swapped date is not also reported as a moved one.
    counted: RuleContext | None = None
    #: Cells of the returned sheet, (row, column) 0-based, whose personal details are masked
    #: in every output: the text to show instead (check/finding_rows.py).
    hidden: dict = field(default_factory=dict)
    #: Masks, in any text, the personal details found in this return (None: none found).
    masker: object | None = None


@dataclass(frozen=True)
class KindChoice:
    """The tracker a workbook is checked as, and why not, when it cannot be checked as one.

    ``refusal`` is a workbook-level finding (made for another kind, not a tracker at all)
    that stops the rows being read. ``sheet`` names the sheet the choice was made from.
    """

    tracker: Tracker
    refusal: Finding | None = None
    sheet: str | None = None


def _stamp_findings(stamp: Stamp, tracker: Tracker, policy: ServicePolicy,
                    default_policy: bool) -> list[Finding]:
    if not stamp.present:
        return [core("stamp.missing").finding()]
    found = []
    if stamp.policy and stamp.policy != policy.fingerprint:
        found.append(core("stamp.policy-mismatch").finding(
            found=stamp.policy, used=policy.fingerprint,
            which=f"the policy for {policy.service_name}" if policy.service_name
            else ("the default policy" if default_policy else "the policy given")))
    if stamp.version and version_tuple(stamp.version) != version_tuple(tracker.version):
        if version_tuple(stamp.version) < version_tuple(tracker.version):
            later = added_since(tracker, stamp.version)
            added = [spec.title for spec in tracker.columns if spec.key in later]
            found.append(core("stamp.old-version").finding(
                found=stamp.version, current=tracker.version, added=(
                    f" That version had no {_listed(added)} "
                    f"{'column' if len(added) == 1 else 'columns'}, so none is expected."
                    if added else "")))
        else:
            found.append(core("stamp.newer-version").finding(found=stamp.version,
                                                             current=tracker.version))
    elif stamp.fingerprint and stamp.fingerprint != tracker.fingerprint:
        found.append(core("stamp.fingerprint-mismatch").finding(
            found=stamp.fingerprint, version=tracker.version, expected=tracker.fingerprint))
    return found


def added_since(tracker: Tracker, version: str | None) -> frozenset[str]:
    """The keys of the columns a later template version added (Column(since=...)): a return
    on ``version`` never had them, so their absence is the one upgrade note, not an error a
    row. An unreadable version is judged as the current one."""
    made = version_tuple(version) if version else (-1,)
    if made == (-1,):
        return frozenset()
    return frozenset(spec.key for spec in tracker.columns
                     if spec.since and version_tuple(spec.since) > made)


def _listed(titles: list[str]) -> str:
    quoted = [f"'{t}'" for t in titles]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _find_sheet(loaded: LoadedWorkbook, tracker: Tracker, max_rows: int,
                chosen: str | None = None):
    """The first sheet, preferring the chosen, stamped and template names, whose header we
    recognise, its header map, and the finding about its layout (sorted, rows inserted above
    the header, rows hidden), if any."""
    preferred = [n for n in (chosen, loaded.stamp.sheet, tracker.sheet_name)
                 if n in loaded.sheet_names]
    others = [n for n in loaded.visible_sheets if n not in preferred]
    for name in dict.fromkeys(preferred + others):
        if name in NEVER_ENTRIES:
            continue
        # calamine parses a whole sheet whatever we ask of it, so read once and look inside.
        grid = read_grid(loaded, name, max_rows + SEARCH_ROWS + 1)
        located = locate_header(grid, tracker, keyed=loaded.stamp.present)
        if located is not None:
            limit = located.header_row + 1 + max_rows
            if len(grid.rows) > limit:
                del grid.rows[limit:]
                grid.truncated = True
            hmap = map_columns(grid, tracker, located)
            return grid, hmap, settle_rows(grid, tracker, hmap)
    return None, None, None


def check_loaded(loaded: LoadedWorkbook, choice: KindChoice, as_of: date,
                 max_rows: int = DEFAULT_MAX_ROWS,
                 policy: ServicePolicy | None = None, dated=None) -> CheckedWorkbook:
    """Run the stages on an opened workbook; a problem at one stage is a finding, not a stop,
    except that rows are not read when the workbook is refused or has no header.

    ``policy`` is the service policy to audit by; None applies the default policy. ``dated``,
    when given, decides the audit date from the rows once they are read (a previous return is
    judged as of the day it was made, which only its own dates show); ``as_of`` is then the
    latest date it may give. Every finding then carries its action and kind, with personal
    details masked (finding_rows.settle).
    """
    done = _run_stages(loaded, choice, as_of, max_rows, policy, dated)
    settle(done)
    return done


def _run_stages(loaded: LoadedWorkbook, choice: KindChoice, as_of: date, max_rows: int,
                policy: ServicePolicy | None, dated) -> CheckedWorkbook:
    tracker = choice.tracker
    default_policy = policy is None
    policy = policy or DEFAULT_POLICY
    report = Report(path=str(loaded.path), tracker=tracker.kind,
                    template_version=loaded.stamp.version, as_of=as_of,
                    policy=policy.fingerprint, service=loaded.stamp.service)
    done = CheckedWorkbook(report, tracker, policy=policy, default_policy=default_policy)
    if choice.refusal:
        report.findings.append(choice.refusal)
        return done
    report.findings.extend(_stamp_findings(loaded.stamp, tracker, policy, default_policy))
    grid, hmap, layout = _find_sheet(loaded, tracker, max_rows, choice.sheet)
    if grid is None:
        report.findings.append(core("workbook.not-a-tracker").finding(
            tracker=f"the {tracker.title}", detail="looked in " + ", ".join(
                repr(n) for n in loaded.visible_sheets)))
        return done
    done.grid, done.header = grid, hmap
    report.sheet = grid.name
    # A column the stamped version never had (and the sheet does not hold) is no one's fault.
    never_had = added_since(tracker, loaded.stamp.version) - set(hmap.columns)
    report.findings.extend(f for f in hmap.findings if f.field not in never_had)
    if layout is not None:
        report.findings.append(layout)
    if grid.truncated:
        report.findings.append(core("workbook.too-many-rows").finding(
            sheet=grid.name, limit=max_rows))
    epoch = EPOCH_1904 if loaded.parts.date1904 else EPOCH_1900
    checked, cell_findings = [], []
    under = tracker.under(policy)
    for raw in entry_rows(grid, hmap, tracker.id_key):
        row, found = check_row(raw, tracker, grid.name, epoch, policy, under)
        checked.append(row)
        cell_findings.extend(found)
    ctx = done.context = RuleContext(tracker, grid.name, checked, as_of, policy=policy)
    if tracker.plan_model is not None:
        from tracker_tool.check.plan_sheet import read_plan

        ctx.plan_ctx, plan_findings = read_plan(loaded, tracker, epoch, as_of, policy)
        cell_findings = plan_findings + cell_findings
    if tracker.reviews is not None:
        from tracker_tool.check.reviews_sheet import read_reviews

        ctx.reviews_ctx, review_findings = read_reviews(loaded, tracker, epoch, as_of, policy)
        cell_findings = cell_findings + review_findings
    cell_findings, month_first = read_month_first(ctx, cell_findings)
    if dated is not None:
        as_of = report.as_of = ctx.as_of = min(dated(ctx), as_of)
        if ctx.plan_ctx is not None:
            ctx.plan_ctx.as_of = as_of
        if ctx.reviews_ctx is not None:
            ctx.reviews_ctx.as_of = as_of
    explained = explain_swaps(ctx, tracker.rules, [
        f for rule in tracker.rules for f in rule(ctx)
        if not never_had or f.field not in never_had], month_first)
    rule_findings = explained.findings
    report.rows = len(checked)
    # The plan sheet's findings first, then the table's row by row, left to right, then the
    # Reviews sheet's.
    order = {grid.name: 1, **({tracker.reviews.sheet: 2} if tracker.reviews else {})}
    report.findings.extend(sorted(cell_findings + rule_findings,
                                  key=lambda f: (order.get(f.sheet, 0), f.sort_key)))
    # Counted as the findings read them: a date reported as swapped counts swapped back.
    counted = done.counted = explained.context
    report.figures = tracker.figures(counted) if tracker.figures else []
    report.escalations = tracker.escalations(counted) if tracker.escalations else []
    report.review = tracker.review(counted, report.findings) if tracker.review else None
    return done
