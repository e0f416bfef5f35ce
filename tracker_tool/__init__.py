"""tracker-tool: spreadsheet-native governance for UK health and social care action plans.

The public verbs live in :mod:`tracker_tool.api`; they are re-exported here lazily so that
``import tracker_tool`` stays cheap for the command line.
"""

from tracker_tool.core.version import __version__ as __version__

__all__ = [
    "build_template",
    "validate_workbook",
    "write_audit",
    "audit_workbook",
    "list_trackers",
    "list_rules",
    "validate_many",
    "findings_frame",
    "Report",
    "Finding",
    "Severity",
    "WorkbookError",
]


def __getattr__(name: str):
    if name in {"build_template", "validate_workbook", "write_audit", "audit_workbook",
                "list_trackers", "list_rules", "validate_many", "findings_frame"}:
        from tracker_tool import api
        return getattr(api, name)
    if name == "Report":
        from tracker_tool.core.report import Report
        return Report
    if name in {"Finding", "Severity"}:
        from tracker_tool.core import findings
        return getattr(findings, name)
    if name == "WorkbookError":
        from tracker_tool.errors import WorkbookError
        return WorkbookError
    raise AttributeError(name)
