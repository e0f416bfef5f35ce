"""A period's roll-up workbook and findings CSV, made by the library's batch from the returns
the portal holds, so they are the same files a commissioner running ``batch`` would get."""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone

from tracker_tool.portal import storage
from tracker_tool.portal.league import latest_in
from tracker_tool.portal.models import Period, Service
from tracker_tool.portal.periods import previous_period

CSV = "text/csv; charset=utf-8"


def rollup_files(period: Period) -> dict[str, tuple[Path, str]] | None:
    """Made again each time: the batch's cache keeps that quick, and a late return counts."""
    from tracker_tool import api
    from tracker_tool.core.stamp import ServiceIdentity

    now = [storage.return_path(r.sha256) for r in latest_in(period).values()]
    if not now:
        return None
    earlier = previous_period(period)
    before = [storage.return_path(r.sha256) for r in latest_in(earlier).values()] \
        if earlier else []
    services = [ServiceIdentity(s.name, s.provider, s.location_id)
                for s in Service.objects.all()]
    out = storage.data_folder() / "rollups" / f"period-{period.pk}"
    result = api.validate_many(now, out, timezone.localdate(), services=services,
                               previous=before or None, workers=min(2, len(now)))
    return {"rollup.xlsx": (result.rollup, storage.XLSX),
            "findings.csv": (result.findings_csv, CSV)}
