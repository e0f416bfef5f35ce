"""Returns windows: which one an upload belongs to, and whether it came in late."""

from __future__ import annotations

from django.db.models import Case, Value, When
from django.utils import timezone

from tracker_tool.portal.models import Period, Return


def current_period(today=None) -> Period | None:
    """The window open today, else the next one due, else the last one past its deadline;
    never a closed one."""
    today = today or timezone.localdate()
    taking = Period.objects.filter(closed=False)
    open_now = taking.filter(opens__lte=today, deadline__gte=today).order_by("deadline")
    return (open_now.first() or taking.filter(deadline__gte=today).order_by("deadline").first()
            or taking.order_by("-deadline").first())


def previous_period(period: Period) -> Period | None:
    return Period.objects.filter(deadline__lt=period.deadline).order_by("-deadline").first()


def is_late(period: Period | None, as_of) -> bool:
    """One rule for an upload and for a window whose deadline is moved: checked after it."""
    return bool(period and as_of > period.deadline)


def settle_late(period: Period) -> int:
    """Mark the window's returns late or on time by its deadline as it stands now; returns
    how many are late."""
    filed = Return.objects.filter(period=period)
    filed.update(late=Case(When(as_of__gt=period.deadline, then=Value(True)),
                           default=Value(False)))
    return filed.filter(late=True).count()
