"""A return's page: the library's findings grouped by severity, with filters that work as a
plain form, the changes since the service's previous return of that kind, the audit workbook
and the governance pack (PDF) when the server has the pdf extra."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from tracker_tool.portal.access import log_access, return_or_404
from tracker_tool.portal.audits import AUDIT, PACK, PDF_EXTRA, pdf_available
from tracker_tool.portal.json_api import made_response

SEVERITIES = (("error", "Errors"), ("escalation", "Escalations due"), ("warning", "Warnings"))


def _matches(finding: dict, severity: str, column: str, text: str) -> bool:
    if severity and finding.get("severity") != severity:
        return False
    if column and (finding.get("column") or "") != column:
        return False
    if text:
        said = " ".join(str(finding.get(k) or "") for k in ("code", "message", "value", "cell",
                                                             "action_id", "title", "owner"))
        return text.lower() in said.lower()
    return True


def _fixes(kind: str) -> dict[str, str]:
    """The fix the library's catalogue gives for each code: a finding carries only its code."""
    from tracker_tool import api
    from tracker_tool.errors import UnknownKind

    try:
        rules = (*api.list_rules(kind), *api.list_change_rules(kind))
    except UnknownKind:  # a kind this version no longer has
        return {}
    return {rule.code: rule.fix for rule in rules}


@login_required
def return_page(request, return_id: int):
    found = return_or_404(request.user, return_id)
    log_access(request.user, "viewed", found)
    fixes = _fixes(found.kind)
    findings = [f | {"fix": fixes.get(f.get("code"), "")} for f in found.report.get("findings", [])]
    severity = request.GET.get("severity", "")
    column = request.GET.get("column", "")
    text = request.GET.get("q", "").strip()
    shown = [f for f in findings if _matches(f, severity, column, text)]
    groups = [(label, [f for f in shown if f.get("severity") == key])
              for key, label in SEVERITIES]
    comparison = found.report.get("comparison") or {}
    return render(request, "portal/return.html", {
        "ret": found, "groups": [g for g in groups if g[1]], "shown": len(shown),
        "total": len(findings), "severity": severity, "column": column, "q": text,
        "severities": SEVERITIES, "with_actions": any(f.get("action_id") for f in findings),
        "columns": sorted({f["column"] for f in findings if f.get("column")}),
        "changes": [c | {"fix": fixes.get(c.get("code"), "")}
                    for c in comparison.get("changes", [])], "listed": comparison.get("listed", []),
        "figure_changes": comparison.get("figures", []),
        "figures": found.report.get("figures", {}),
        "pack": pdf_available(), "pdf_extra": PDF_EXTRA})


@login_required
def audit_download(request, return_id: int):
    found = return_or_404(request.user, return_id)
    log_access(request.user, "downloaded the audit", found)
    return made_response(found, AUDIT, as_json=False)


@login_required
def pack_download(request, return_id: int):
    found = return_or_404(request.user, return_id)
    log_access(request.user, "downloaded the governance pack", found)
    return made_response(found, PACK, as_json=False)
