"""The commissioner's pages: returns windows, the league table of a period, who has not
returned or returned late, and the roll-up workbook and findings CSV to download."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render

from tracker_tool.batch.rollup import RISK_EXPLAINED, STAFF_KINDS_NAMED
from tracker_tool.errors import TrackerToolError
from tracker_tool.portal.access import log_access, sees_every_service
from tracker_tool.portal.league import league_rows, not_returned, staff_rows
from tracker_tool.portal.models import Period
from tracker_tool.portal.rollup import rollup_files


def commissioners_only(view):
    """A manager is shown nothing here, as for anything they may not see."""
    from functools import wraps

    from django.contrib.auth.decorators import login_required

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not sees_every_service(request.user):
            raise Http404("No such page")
        return view(request, *args, **kwargs)
    return wrapped


#: Dates as a browser's date field sends them, and as people in England type them.
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %b %Y", "%d %B %Y"]


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(label=label, input_formats=DATE_FORMATS,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                           error_messages={"invalid": f"Give the {label.lower()} as a date, "
                                                      "such as 31/10/2026."})


class PeriodForm(forms.ModelForm):
    opens = _date_field("Opens")
    deadline = _date_field("Deadline")

    class Meta:
        model = Period
        fields = ["name", "opens", "deadline", "closed"]
        labels = {"closed": "Closed"}


@commissioners_only
def periods(request):
    form = PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        made = form.save()
        messages.info(request, f"Returns window {made.name} added.")
        return redirect("portal:period", period_id=made.pk)
    return render(request, "portal/periods.html", {"periods": Period.objects.all(),
                                                   "form": form})


@commissioners_only
def period_edit(request, period_id: int):
    """Change a window's name, dates or whether it is closed; who was late follows."""
    period = get_object_or_404(Period, pk=period_id)
    form = PeriodForm(request.POST or None, instance=period)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        late = saved.returns.filter(late=True).count()
        messages.info(request, f"Returns window {saved.name} saved: due by "
                               f"{saved.deadline.day} {saved.deadline:%b %Y}, {'closed' if saved.closed else 'open'}"
                               f", {late} return{'s' if late != 1 else ''} late.")
        log_access(request.user, f"edited returns window {saved.name}")
        return redirect("portal:period", period_id=saved.pk)
    return render(request, "portal/period_edit.html", {"period": period, "form": form})


@commissioners_only
def period_delete(request, period_id: int):
    """Asks first (a plain page, no script); the window's returns are kept, in no window."""
    period = get_object_or_404(Period, pk=period_id)
    if request.method == "POST":
        name = period.name
        period.delete()
        log_access(request.user, f"deleted returns window {name}")
        messages.info(request, f"Returns window {name} deleted; its returns are kept.")
        return redirect("portal:periods")
    return render(request, "portal/period_delete.html", {
        "period": period, "filed": period.returns.count()})


@commissioners_only
def period_page(request, period_id: int):
    period = get_object_or_404(Period, pk=period_id)
    rows = league_rows(period)
    staff = staff_rows(period)
    missing = not_returned(period)
    return render(request, "portal/period.html", {
        "period": period, "rows": rows, "staff": staff, "staff_named": STAFF_KINDS_NAMED,
        "missing": missing,
        "reminder": _reminder(period, missing),
        "late": [r for r in rows + staff if r["late"]], "risk_explained": RISK_EXPLAINED})


def _reminder(period: Period, missing) -> str:
    """A mailto link to every missing service's contact, in Bcc so services do not see each
    other's addresses; empty when none has a contact."""
    from urllib.parse import quote

    contacts = sorted({service.contact for service, _kinds in missing if service.contact})
    if not contacts:
        return ""
    subject = quote(f"Your {period.name} return is due by {period.deadline.day} "
                    f"{period.deadline:%B %Y}")
    return f"mailto:?bcc={quote(','.join(contacts), safe='@,')}&subject={subject}"


@commissioners_only
def period_download(request, period_id: int, name: str):
    period = get_object_or_404(Period, pk=period_id)
    if name not in ("rollup.xlsx", "findings.csv"):
        raise Http404("No such file")
    try:
        made = rollup_files(period)
    except TrackerToolError as exc:
        messages.error(request, f"The roll-up could not be made: {exc}")
        return redirect("portal:period", period_id=period.pk)
    if made is None:
        messages.error(request, f"No returns have come in for {period.name} yet.")
        return redirect("portal:period", period_id=period.pk)
    path, content_type = made[name]
    log_access(request.user, f"downloaded {name} for {period.name}")
    return FileResponse(path.open("rb"), as_attachment=True,
                        filename=f"{period.name} {name}", content_type=content_type)
