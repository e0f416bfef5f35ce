"""A period's roll-up workbook and findings CSV, made by the library's batch from the returns
the portal holds, so they are the same files a commissioner running ``batch`` would get."""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone

from tracker_tool.portal import storage
from tracker_tool.portal.checking import run_rollup
from tracker_tool.portal.league import latest_in
from tracker_tool.portal.models import Period, Service
from tracker_tool.portal.periods import previous_period

CSV = "text/csv; charset=utf-8"


def rollup_files(period: Period) -> dict[str, tuple[Path, str]] | None:
    """Made again each time: the batch's cache keeps that quick, and a late return counts.

    The batch's services list (its Not returned sheet and its stamp checks) knows a service by
    its CQC location ID and expects one return from each. Given a service with no ID, or one
    that sends several kinds, it would take a good return for another service's or for a
    duplicate, so then no list is passed: the period's page says who has not returned.

    The batch runs in a check worker, in the folder of the returns it reads: it names each
    workbook by its path from where it runs, so the roll-up and findings.csv say
    "2026-Q3/Ashcombe House action-plan.xlsx", not the hash and the server's folders."""
    from tracker_tool.core.stamp import ServiceIdentity
    from tracker_tool.errors import TrackerToolError

    base = storage.data_folder() / "rollups" / f"period-{period.pk}-returns"
    now = _named(latest_in(period).values(), base, period.name)
    if not now:
        return None
    earlier = previous_period(period)
    before = _named(latest_in(earlier).values(), base, earlier.name) if earlier else []
    listed = list(Service.objects.all())
    services = [ServiceIdentity(s.name, s.provider, s.location_id) for s in listed] \
        if all(s.location_id and len(s.kind_list) == 1 for s in listed) else None
    out = storage.data_folder() / "rollups" / f"period-{period.pk}"
    made = run_rollup(base, now, before, out, timezone.localdate(), services)
    if "error" in made:
        raise TrackerToolError(made["error"])
    return {"rollup.xlsx": (Path(made["rollup"]), storage.XLSX),
            "findings.csv": (Path(made["findings_csv"]), CSV)}


def _named(returns, base: Path, window: str) -> list[str]:
    """Each kept file under ``base/<window>/`` by the name people know it by, its service and
    kind; returns the paths from ``base``. Hard links (no copy), made afresh each time; a
    copy where the file system has no links."""
    import os
    import shutil

    folder = base / storage.download_name(window, "")
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    made = []
    for found in returns:
        name = folder / storage.download_name(f"{found.service.name} {found.kind}")
        try:
            os.link(storage.return_path(found.sha256), name)
        except OSError:
            shutil.copyfile(storage.return_path(found.sha256), name)
        made.append(name.relative_to(base).as_posix())
    return made
