"""The library's verbs, the same ones the command line offers.

Each returns data (a path or a Report); the CLI only renders what these return.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tracker_tool.atomic import refuse_overwriting_inputs
from tracker_tool.catalogue import RuleInfo
from tracker_tool.clock import today_in_london
from tracker_tool.reader import DEFAULT_MAX_ROWS
from tracker_tool.report import Report
from tracker_tool.tracker import Tracker
from tracker_tool.trackers import all_trackers, get_tracker


def list_trackers() -> list[Tracker]:
    """Every tracker kind this version can build and validate."""
    return list(all_trackers().values())


def list_rules(kind: str = "action-plan") -> tuple[RuleInfo, ...]:
    """The finding catalogue of one tracker kind: code, title, severity, clause, fix."""
    return get_tracker(kind).catalogue


def build_template(kind: str, out: str | Path, entries=(), service=None) -> Path:
    """Write the locked template for ``kind`` to ``out`` (atomically) and return its path.

    ``entries`` optionally pre-fills rows: dicts of field key to value. ``service`` (a
    stamp.ServiceIdentity) stamps the template with the service it is made for.
    """
    from tracker_tool.template_writer import build_template_file

    return build_template_file(get_tracker(kind), out, entries, service=service)


def validate_workbook(path: str | Path, as_of: date | None = None, kind: str | None = None,
                      max_rows: int = DEFAULT_MAX_ROWS) -> Report:
    """Validate one returned workbook; raises WorkbookError only if it cannot be read at all.

    ``as_of`` is the date the audit is run as; pass it for reproducible results.
    """
    from tracker_tool.validation import check_workbook

    return check_workbook(path, as_of or today_in_london(), kind, max_rows).report


def write_audit(path: str | Path, out: str | Path | None = None, as_of: date | None = None,
                kind: str | None = None, max_rows: int = DEFAULT_MAX_ROWS) -> tuple[Report, Path]:
    """Validate ``path`` and write its annotated audit workbook; returns (report, audit path).

    The audit goes next to the input as ``<name>-audit.xlsx`` unless ``out`` is given. The
    input is only ever read.
    """
    from tracker_tool.audit_writer import write_audit_file
    from tracker_tool.validation import check_workbook

    out = Path(out) if out else default_audit_path(path)
    refuse_overwriting_inputs(out, [path])
    checked = check_workbook(path, as_of or today_in_london(), kind, max_rows)
    write_audit_file(checked, out)
    return checked.report, out


def default_audit_path(path: str | Path) -> Path:
    path = Path(path)
    return path.with_name(f"{path.stem}-audit.xlsx")


audit_workbook = write_audit
