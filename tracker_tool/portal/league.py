"""A period at a glance for commissioners: each service's latest return, ranked, with the
change since the period before, and the services that have not returned.

It ranks by the library's risk score (batch/rollup.py), from the counts and figures each
stored report holds, so the page, the API and ``rollup.xlsx`` put services in the same order.
Staff records (one employee's plan or case) are listed apart, unranked, as the batch does.
"""

from __future__ import annotations

from tracker_tool.batch.rollup import EFFECTIVENESS, OVERDUE, STAFF_KINDS, score_of
from tracker_tool.portal.models import Period, Return, Service
from tracker_tool.portal.periods import current_period, previous_period


def latest_in(period: Period | None) -> dict[tuple[int, str], Return]:
    """Each service's latest return of each kind in ``period``."""
    found: dict[tuple[int, str], Return] = {}
    if period is None:
        return found
    for item in Return.objects.filter(period=period).select_related("service").order_by(
            "-uploaded_at", "-id"):
        found.setdefault((item.service_id, item.kind), item)
    return found


def _counted(value) -> int:
    """A figure as a count: kinds without the figure (or a rate in its place) count nothing."""
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _trend(now: int, before: int | None) -> str:
    if before is None:
        return "first return"
    return "better" if now < before else "worse" if now > before else "same"


def league_rows(period: Period | None = None, include_staff: bool = False) -> list[dict]:
    """The period's latest returns ranked by risk; staff records only with
    ``include_staff``: ranking a person's plan beside services compares unlike things and
    spreads an HR matter through the table."""
    rows = [r for r in _period_rows(period) if include_staff or r["kind"] not in STAFF_KINDS]
    # As the roll-up's league table: risk first, then escalations, overdue, errors, warnings.
    rows.sort(key=lambda r: (-r["risk_score"], -r["escalations_due"], -r["overdue"],
                             -r["errors"], -r["warnings"], r["service"].lower()))
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    return rows


def staff_rows(period: Period | None = None) -> list[dict]:
    """The period's staff records, unranked, by service then kind: what the league table
    leaves out, so a commissioner still sees that they came in."""
    rows = [r for r in _period_rows(period) if r["kind"] in STAFF_KINDS]
    return sorted(rows, key=lambda r: (r["service"].lower(), r["kind"]))


def _period_rows(period: Period | None) -> list[dict]:
    period = period or current_period()
    now = latest_in(period)
    before = latest_in(previous_period(period)) if period else {}
    rows = []
    for key, item in now.items():
        earlier = before.get(key)
        figures = (item.report or {}).get("figures") or {}
        parts = {"escalations": item.escalations_due, "overdue": _counted(figures.get(OVERDUE)),
                 "errors": item.errors, "effectiveness": _counted(figures.get(EFFECTIVENESS))}
        rows.append({
            "service": item.service.name, "provider": item.service.provider,
            "kind": item.kind, "return_id": item.pk, "period": period.name,
            "uploaded_at": item.uploaded_at.isoformat(), "late": item.late,
            "escalations_due": item.escalations_due, "errors": item.errors,
            "warnings": item.warnings, "rows": item.rows,
            "errors_last_period": earlier.errors if earlier else None,
            "trend": _trend(item.errors, earlier.errors if earlier else None),
            "risk_score": score_of(parts), "overdue": parts["overdue"]})
    return rows


def not_returned(period: Period | None) -> list[tuple[Service, list[str]]]:
    """Each service missing a return of one of its kinds, with the kinds missing."""
    if period is None:
        return []
    returned = set(latest_in(period))
    missing = []
    for service in Service.objects.all():
        kinds = [k for k in service.kind_list if (service.pk, k) not in returned]
        if kinds:
            missing.append((service, kinds))
    return missing
