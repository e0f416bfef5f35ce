"""Taking in a return, for the upload page and the API alike: keep the bytes, have a worker
check them, and record what the library said. Identical bytes give the earlier result. The
audit workbook is made later, when first downloaded (see ``audits``)."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from tracker_tool.portal import storage
from tracker_tool.portal.access import services_for
from tracker_tool.portal.checking import run_check
from tracker_tool.portal.models import Period, Return, Service
from tracker_tool.portal.periods import current_period, is_late


class Refused(Exception):
    """A return the portal will not take, with the HTTP status and the one line to show."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def too_large(size: int | None) -> bool:
    return size is not None and size > settings.UPLOAD_LIMIT


def limit_text() -> str:
    return f"the file is larger than the {settings.UPLOAD_LIMIT // 2**20} MiB limit for a return"


def receive(user, upload, period: str | None = None,
            service: Service | None = None) -> tuple[Return, bool]:
    """(the return, whether it is new). Raises Refused with 413 or 422.

    ``service`` is the service whose page it was uploaded on (already checked to be one the
    user sees); otherwise any service the user returns for, told by the stamp."""
    if too_large(upload.size):
        raise Refused(413, limit_text())
    allowed = [service] if service is not None else list(services_for(user))
    if not allowed:
        raise Refused(422, "your account returns for no service; ask an admin to add you to one")
    window = _period(period)
    sha, size, path = storage.keep_upload(upload.chunks())
    earlier = Return.objects.filter(sha256=sha, service__in=allowed).first()
    if earlier is not None:
        return earlier, False
    latest = _latest_returns(allowed)
    previous_for = {s.name: {kind: storage.return_path(r.sha256).as_posix()
                             for kind, r in latest.get(s.pk, {}).items()} for s in allowed}
    as_of = timezone.localdate()
    try:
        outcome = run_check(path, as_of, previous_for,
                            allowed[0].name if len(allowed) == 1 else None)
        if "report" not in outcome:
            raise Refused(422, _refusal(outcome, allowed))
        service = next(s for s in allowed if s.name == outcome["service"])
        made = _record(user, service, window, sha, size, upload.name, as_of, outcome["report"],
                       latest.get(service.pk, {}))
        if made is None:  # the same bytes arrived twice at once; the other one won
            return Return.objects.get(service=service, sha256=sha), False
        return made, True
    finally:
        if not Return.objects.filter(sha256=sha).exists():
            storage.forget_return_file(sha)


def _period(name: str | None) -> Period | None:
    if not name:
        return current_period()
    found = Period.objects.filter(name=name).first()
    if found is None:
        raise Refused(422, f"there is no returns window called {name!r}")
    if found.closed:
        raise Refused(422, f"the returns window {name} is closed; ask a commissioner to reopen "
                           "it for a late return")
    return found


def _latest_returns(services) -> dict[int, dict[str, Return]]:
    """Each service's latest return of each kind: the one a new return is compared with."""
    latest: dict[int, dict[str, Return]] = {}
    for found in Return.objects.filter(service__in=services).order_by("-uploaded_at", "-id"):
        latest.setdefault(found.service_id, {}).setdefault(found.kind, found)
    return latest


def _refusal(outcome: dict, allowed: list[Service]) -> str:
    if "error" in outcome:
        return outcome["error"]
    stamped = outcome.get("refused")
    if stamped is None:
        return ("this return carries no service stamp, so it cannot be told which service it "
                "is for; fill in the template downloaded from your service's page")
    if not Service.objects.filter(name=stamped).exists():
        return (f"this return is stamped for {stamped}, which is not a service registered "
                "here; it was not taken")
    yours = " or ".join(s.name for s in allowed[:5]) + (" …" if len(allowed) > 5 else "")
    return f"this return is stamped for {stamped}, not {yours}; it was not taken"


def _record(user, service, window, sha, size, name, as_of, report, latest) -> Return | None:
    previous = latest.get(report["tracker"])
    report["path"] = name
    if report.get("comparison") and previous is not None:
        report["comparison"]["previous"]["path"] = previous.file_name
        report["comparison"]["current"]["path"] = name
    try:
        with transaction.atomic():
            return Return.objects.create(
                service=service, period=window, kind=report["tracker"], sha256=sha,
                file_name=name[:255], size=size, uploaded_by=user, as_of=as_of,
                late=is_late(window, as_of), rows=report["rows"],
                errors=report["errors"], warnings=report["warnings"],
                escalations_due=report["escalations_due"], report=report, previous=previous)
    except IntegrityError:
        return None
