"""Finding codes that only a batch can raise: about a return as a whole, not its rows.

A single workbook cannot know that it is one of two returns stamped with the same service, or
that the folder it was filed in names another service; only the batch sees the set. These
codes go into the roll-up, findings.csv and report.json, never into a workbook's own audit.
"""

from __future__ import annotations

from tracker_tool.core.catalogue import RuleInfo
from tracker_tool.core.findings import Severity

E, W = Severity.ERROR, Severity.WARNING

BATCH_RULES: tuple[RuleInfo, ...] = (
    RuleInfo("workbook.unreadable", "Return could not be read", E, "template",
             "The file could not be read: {reason}.",
             "Ask the service to save the tracker again as Excel Workbook (.xlsx) and resend it."),
    RuleInfo("workbook.audit-not-written", "Return checked, but its audit was not written", E,
             "template",
             "The workbook was checked and its findings are listed, but its audit workbook "
             "could not be written: {reason}.",
             "Free space on the output folder's disk or fix its permissions, then run the batch "
             "again; the return is checked again then."),
    RuleInfo("return.other-identity", "Returned under another service's identity", E, "return",
             "Filed as {filed} but stamped as {stamped}: the service filled in another "
             "service's copy of the template.",
             "Ask the service that sent it to copy its actions into its own template and resend it."),
    RuleInfo("return.duplicate", "Several returns carry the same service's stamp", E, "return",
             "{count} workbooks are stamped as {stamped} ({names}); the roll-up cannot tell "
             "which one is that service's return.",
             "Keep the service's latest return in the batch and move the others out."),
    RuleInfo("return.unknown-service", "Stamped for a service not on the list", W, "return",
             "Stamped as {stamped}, which is not on the services list.",
             "Add the service to the list, or check the return came from the right provider."),
    RuleInfo("return.identity-changed", "Stamp disagrees with the services list", W, "return",
             "Stamped as {stamped}, but the list has CQC location {location_id} as {listed}.",
             "Correct the services list, or re-issue the template from it."),
    RuleInfo("return.not-stamped", "Return carries no service stamp", W, "return",
             "The workbook was not made for a named service, so it cannot be matched to the "
             "services list.",
             "Send the service its own copy made with `tracker-tool template --services`."),
    RuleInfo("return.previous-not-compared", "Not compared with last time's return", W,
             "return",
             "Not compared with last time's return: {reason}.",
             "Give the service's own previous return to --previous as an .xlsx of the same "
             "tracker kind, or check it on its own with `tracker-tool compare`."),
)

BATCH_BY_CODE = {rule.code: rule for rule in BATCH_RULES}


def batch_rule(code: str) -> RuleInfo:
    return BATCH_BY_CODE[code]
