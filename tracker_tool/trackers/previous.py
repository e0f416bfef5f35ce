"""Read a return and the previous return of the same tracker, and compare them.

Both the api and the batch compare returns, so the reading rules live here once: the two must
be of one kind (else a UsageError), an unreadable file is named as the previous or the current
return, the same file twice is a note rather than a comparison, and the previous return is
judged as of the day it was made, as far as its own dates show.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from tracker_tool.check.compare import compare_checked, made_on
from tracker_tool.check.validation import CheckedWorkbook, check_loaded
from tracker_tool.core.changes import Comparison
from tracker_tool.errors import UsageError, WorkbookError
from tracker_tool.policy.service_policy import ServicePolicy
from tracker_tool.read.workbook import DEFAULT_MAX_ROWS, load_workbook
from tracker_tool.trackers import get_tracker
from tracker_tool.trackers.resolve import check_workbook, choose


def check_previous(path: str | Path, as_of: date, kind: str | None = None,
                   max_rows: int = DEFAULT_MAX_ROWS, policy: ServicePolicy | None = None,
                   previous_as_of: date | None = None) -> CheckedWorkbook:
    """The previous return, checked as of ``previous_as_of`` or the day its dates say it was
    made (never after ``as_of``)."""
    try:
        loaded = load_workbook(path)
    except WorkbookError as exc:
        raise UsageError(f"the previous return {exc.path} could not be read: {exc.reason}") \
            from None
    choice = choose(loaded, kind, max_rows)
    if previous_as_of is not None:
        return check_loaded(loaded, choice, previous_as_of, max_rows, policy)
    return check_loaded(loaded, choice, as_of, max_rows, policy,
                        dated=lambda ctx: made_on(ctx) or as_of)


def same_file(a: str | Path, b: str | Path) -> bool:
    a, b = Path(a), Path(b)
    try:
        if a.resolve() == b.resolve():
            return True
        if a.stat().st_size != b.stat().st_size:
            return False
        return _digest(a) == _digest(b)
    except OSError:
        return False


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def compare_with(previous: CheckedWorkbook, current: CheckedWorkbook,
                 identical: bool = False) -> Comparison:
    """Compare two checked returns; two different kinds are the caller's mistake."""
    if previous.tracker.kind != current.tracker.kind:
        raise UsageError(f"the previous return {previous.report.path} is of the "
                         f"{previous.tracker.kind} tracker and the current return "
                         f"{current.report.path} of the {current.tracker.kind} tracker; compare "
                         "two returns of the same tracker kind")
    return compare_checked(previous, current, same_file=identical)


def compare_files(previous: str | Path, current: str | Path | CheckedWorkbook, as_of: date,
                  kind: str | None = None, max_rows: int = DEFAULT_MAX_ROWS,
                  policy: ServicePolicy | None = None,
                  previous_as_of: date | None = None) -> tuple[Comparison, CheckedWorkbook]:
    """Compare ``previous`` with ``current`` (a path, or a return already checked)."""
    if kind is not None:
        get_tracker(kind)
    if not isinstance(current, CheckedWorkbook):
        try:
            current = check_workbook(current, as_of, kind, max_rows, policy)
        except WorkbookError as exc:
            raise UsageError(f"the current return {exc.path} could not be read: "
                             f"{exc.reason}") from None
    if same_file(previous, current.report.path):
        return compare_with(current, current, identical=True), current
    checked_before = check_previous(previous, as_of, kind, max_rows, policy, previous_as_of)
    return compare_with(checked_before, current), current


def with_previous(current: CheckedWorkbook, previous: str | Path | None, kind: str | None = None,
                  max_rows: int = DEFAULT_MAX_ROWS,
                  policy: ServicePolicy | None = None) -> CheckedWorkbook:
    """``current`` with the changes since ``previous`` joined to its findings (validate and
    audit --previous): its report keeps the comparison for the audit's Changes sheet."""
    if previous is None:
        return current
    comparison, _ = compare_files(previous, current, current.report.as_of, kind, max_rows,
                                  policy)
    current.report.findings.extend(comparison.findings)
    current.report.comparison = comparison
    return current
