"""Returns windows: which one an upload belongs to, and whether it came in late."""

from __future__ import annotations

from django.utils import timezone

from tracker_tool.portal.models import Period


def current_period(today=None) -> Period | None:
    """The window open today, else the next one due, else the last one that closed."""
    today = today or timezone.localdate()
    open_now = Period.objects.filter(opens__lte=today, deadline__gte=today).order_by("deadline")
    return (open_now.first() or Period.objects.filter(deadline__gte=today).order_by(
        "deadline").first() or Period.objects.order_by("-deadline").first())


def previous_period(period: Period) -> Period | None:
    return Period.objects.filter(deadline__lt=period.deadline).order_by("-deadline").first()
