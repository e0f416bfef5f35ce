"""A service's page: its templates, the upload form and every return it has sent."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tracker_tool.portal import storage
from tracker_tool.portal.access import log_access, service_or_404, services_for, sees_every_service
from tracker_tool.portal.models import Period, Return
from tracker_tool.portal.pages.history import HEIGHT, WIDTH, trends
from tracker_tool.portal.periods import current_period
from tracker_tool.portal.receiving import Refused, receive


@login_required
def home(request):
    if sees_every_service(request.user):
        return redirect("portal:periods")
    services = list(services_for(request.user))
    if len(services) == 1:
        return redirect("portal:service", service_id=services[0].pk)
    return services_list(request)


@login_required
def services_list(request):
    """Every service the person sees, with its contact and its latest return: a commissioner's
    way to any service's history, not only to those in a window's league table."""
    services = list(services_for(request.user).prefetch_related("returns"))
    latest = {}
    for found in Return.objects.filter(service__in=services).order_by("uploaded_at", "id"):
        latest[found.service_id] = found
    return render(request, "portal/home.html", {
        "services": [(s, latest.get(s.pk)) for s in services],
        "every": sees_every_service(request.user)})


@login_required
def service_page(request, service_id: int):
    service = service_or_404(request.user, service_id)
    returns = list(service.returns.select_related("period"))
    window = current_period()
    figure_keys = sorted({key for r in returns for key in r.report.get("figures", {})})
    history = [(r, [r.report.get("figures", {}).get(key) for key in figure_keys])
               for r in returns]
    return render(request, "portal/service.html", {
        "service": service, "history": history, "figure_keys": figure_keys,
        "trends": trends(returns), "chart": {"width": WIDTH, "height": HEIGHT},
        "window": window, "returned": [r for r in returns if window and r.period_id == window.pk],
        "periods": Period.objects.filter(closed=False)})


@login_required
def template_download(request, service_id: int, kind: str):
    """The service's stamped template, so its return can be told from any other's."""
    from tracker_tool import api
    from tracker_tool.core.stamp import ServiceIdentity

    service = service_or_404(request.user, service_id)
    if kind not in service.kind_list:
        raise Http404("No such template")
    made = storage.scratch_folder() / f".template-{uuid.uuid4().hex}.xlsx"
    api.build_template(kind, made, service=ServiceIdentity(
        service.name, service.provider, service.location_id))
    handle = made.open("rb")
    made.unlink()  # the open handle keeps the bytes until the response is sent
    log_access(request.user, f"downloaded the {kind} template")
    return FileResponse(handle, as_attachment=True,
                        filename=storage.download_name(f"{service.name} {kind}"),
                        content_type=storage.XLSX)


@login_required
@require_POST
def upload(request, service_id: int):
    service = service_or_404(request.user, service_id)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "Choose the return to upload first.")
        return redirect("portal:service", service_id=service.pk)
    try:
        found, new = receive(request.user, upload, request.POST.get("period") or None,
                             service=service)
    except Refused as refused:
        messages.error(request, f"{upload.name}: {refused.message}")
        return redirect("portal:service", service_id=service.pk)
    if not new:
        messages.info(request, "This file was uploaded before; here is its earlier result.")
    return redirect("portal:return", return_id=found.pk)
