"""The JSON API (django-ninja): the same returns as the pages, for a provider's own systems.

Bearer tokens only, no session: a script has no CSRF token, and a browser's cookie must not
be enough to post on someone's behalf.
"""

from __future__ import annotations

from datetime import timedelta

from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from ninja import File, Form, NinjaAPI, Schema, Status
from ninja.files import UploadedFile
from ninja.security import HttpBearer

from tracker_tool.portal import storage
from tracker_tool.portal.access import (
    log_access,
    return_or_404,
    returns_for,
    sees_every_service,
)
from tracker_tool.portal.accounts import token_digest
from tracker_tool.portal.league import league_rows
from tracker_tool.portal.models import ApiToken, Period
from tracker_tool.portal.receiving import Refused, limit_text, receive, too_large


#: How stale a token's "last used" may be; it says whether a token is in use, not each use.
TOKEN_USE_RECORDED_EVERY = timedelta(minutes=1)


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        found = ApiToken.objects.select_related("user").filter(
            digest=token_digest(token), user__is_active=True).first()
        if found is None:
            return None
        now = timezone.now()
        if found.last_used is None or now - found.last_used > TOKEN_USE_RECORDED_EVERY:
            # a write per request would queue every upload behind SQLite's one writer
            ApiToken.objects.filter(pk=found.pk).update(last_used=now)
        request.user = found.user
        return found.user


api = NinjaAPI(title="tracker-tool returns portal", version="1", auth=BearerToken(),
               urls_namespace="api", docs_url="/docs")


class Error(Schema):
    error: str


class ReturnFields(Schema):
    id: int
    service: str
    kind: str
    period: str | None
    uploaded_at: str
    late: bool


SHARED = ("id", "service", "kind", "period", "uploaded_at", "late")


class ReturnOut(ReturnFields):
    report: dict
    changes: list


class ReturnBrief(ReturnFields):
    errors: int
    warnings: int
    escalations_due: int


def _brief(found) -> dict:
    return {"id": found.pk, "service": found.service.name, "kind": found.kind,
            "period": found.period.name if found.period else None,
            "uploaded_at": found.uploaded_at.isoformat(), "late": found.late,
            "errors": found.errors, "warnings": found.warnings,
            "escalations_due": found.escalations_due}


def _full(found) -> dict:
    brief = _brief(found)
    return {key: brief[key] for key in SHARED} | {
        "report": found.report, "changes": found.changes}


@api.post("/returns", response={200: ReturnOut, 201: ReturnOut, 413: Error, 422: Error})
def post_return(request: HttpRequest, file: File[UploadedFile], period: Form[str] = None):
    """Check a return and keep it: 201 when new, 200 with the earlier result for identical
    bytes, 422 when it cannot be read or belongs to another service, 413 over the limit."""
    if too_large(file.size):
        return Status(413, {"error": limit_text()})
    try:
        found, new = receive(request.auth, file, period)
    except Refused as refused:
        return Status(refused.status, {"error": refused.message})
    return Status(201 if new else 200, _full(found))


@api.get("/returns", response=list[ReturnBrief])
def list_returns(request: HttpRequest, period: str | None = None, service: str | None = None):
    found = returns_for(request.auth)
    if period:
        found = found.filter(period__name=period)
    if service:
        found = found.filter(service__name=service)
    return [_brief(r) for r in found]


@api.get("/returns/{return_id}", response=ReturnOut)
def get_return(request: HttpRequest, return_id: int):
    found = return_or_404(request.auth, return_id)
    log_access(request.auth, "api: viewed", found)
    return _full(found)


@api.get("/returns/{return_id}/audit.xlsx")
def get_audit(request: HttpRequest, return_id: int):
    from tracker_tool.portal.audits import AUDIT

    found = return_or_404(request.auth, return_id)
    log_access(request.auth, "api: downloaded the audit", found)
    return made_response(found, AUDIT)


@api.get("/returns/{return_id}/pack.pdf", response={501: Error, 503: Error})
def get_pack(request: HttpRequest, return_id: int):
    """The governance pack; 501 when this server has not the pdf extra installed."""
    from tracker_tool.portal.audits import PACK

    found = return_or_404(request.auth, return_id)
    log_access(request.auth, "api: downloaded the governance pack", found)
    return made_response(found, PACK)


@api.get("/rollup", response={200: list[dict], 404: Error})
def rollup(request: HttpRequest, period: str | None = None, include_staff: bool = False):
    """The league table; a manager is told there is nothing here, as for any hidden thing.
    Staff records are ranked only with ``include_staff=true``, as with the batch's
    --include-staff-records."""
    if not sees_every_service(request.auth):
        return Status(404, {"error": "Not Found"})
    window = Period.objects.filter(name=period).first() if period else None
    if period and window is None:
        return Status(404, {"error": f"there is no returns window called {period!r}"})
    return Status(200, league_rows(window, include_staff))


def made_response(found, product, as_json: bool = True):
    """Always an attachment with its own type, never shown inline. 501 when it is the pack
    and the pdf extra is missing, 503 when it could not be made just now; each with the
    reason (JSON for the API, a line of text for a page)."""
    from tracker_tool.portal.audits import PACK, PDF_EXTRA, NotReady, made_file, pdf_available

    try:
        if product is PACK and not pdf_available():
            return _refusal(501, "the governance pack needs the pdf extra, which this server "
                                 f"does not have; its administrator can add it: {PDF_EXTRA}",
                            as_json)
        path = made_file(found, product)
    except NotReady as exc:
        return _refusal(503, str(exc), as_json)
    name = storage.download_name(f"{found.service.name} {found.kind} "
                                 f"{found.uploaded_at:%Y-%m-%d} {product.task}", product.suffix)
    return FileResponse(path.open("rb"), as_attachment=True, filename=name,
                        content_type=product.content_type)


def _refusal(status: int, reason: str, as_json: bool):
    if as_json:
        return JsonResponse({"error": reason}, status=status)
    return HttpResponse(f"{reason}\n", status=status, content_type="text/plain; charset=utf-8")
