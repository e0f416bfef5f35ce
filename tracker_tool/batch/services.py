"""The commissioner's list of services: one template per service, and returns matched by stamp.

Each copy of the template carries its service's identity in its stamp, so a return is matched
to the list by what is inside it, not by a file name that anyone can change. The file name
still tells a story: a workbook filed under one service but stamped as another means a
service filled in someone else's copy, and its actions are being counted for the wrong
service. Several returns stamped as one service are flagged for the same reason.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from tracker_tool.batch.catalogue import batch_rule
from tracker_tool.batch.summary import WorkbookSummary
from tracker_tool.core.findings import Finding
from tracker_tool.core.stamp import ServiceIdentity
from tracker_tool.errors import UsageError

#: Accepted headings for each column of services.csv (compared lower-case, spaces collapsed).
COLUMNS = {
    "name": ("service", "service name", "name", "location name"),
    "provider": ("provider", "provider name"),
    "location_id": ("cqc location id", "location id", "location_id", "cqc_location_id"),
}
#: CQC location IDs look like 1-123456789 (a '1-' and nine to eleven digits).
LOCATION_ID = re.compile(r"^1-\d{8,11}$")


def _heading(text: str) -> str:
    return " ".join(str(text).replace("\ufeff", "").strip().lower().split())


def read_services(path: str | Path) -> list[ServiceIdentity]:
    """Read services.csv (service, provider, CQC location ID); one clear error per problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text; save the list as CSV UTF-8") from None
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        raise UsageError(f"{path}: the services list is empty")
    headings = [_heading(h) for h in rows[0]]
    where = {}
    for key, names in COLUMNS.items():
        found = [i for i, h in enumerate(headings) if h in names]
        if not found:
            raise UsageError(f"{path}: no '{names[0]}' column (the first row must name the "
                             "columns service, provider and CQC location ID)")
        where[key] = found[0]
    services, seen = [], {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cell = {key: (row[i].strip() if i < len(row) else "") for key, i in where.items()}
        if not cell["name"]:
            raise UsageError(f"{path}, line {line}: the service name is blank")
        if not LOCATION_ID.match(cell["location_id"]):
            raise UsageError(f"{path}, line {line}: '{cell['location_id']}' is not a CQC "
                             "location ID such as 1-123456789")
        if cell["location_id"] in seen:
            raise UsageError(f"{path}, line {line}: location {cell['location_id']} is already "
                             f"listed on line {seen[cell['location_id']]}")
        seen[cell["location_id"]] = line
        services.append(ServiceIdentity(cell["name"], cell["provider"], cell["location_id"]))
    if not services:
        raise UsageError(f"{path}: the services list has no services")
    return services


def slug(text: str) -> str:
    """'St. Mary's Court' -> 'st-mary-s-court': safe in a file name, and easy to spot in one."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


def template_names(services: list[ServiceIdentity], kind: str) -> list[str]:
    """A file name per service; the location ID is added only where two names would clash."""
    counts = defaultdict(int)
    for service in services:
        counts[slug(service.name)] += 1
    return [f"{slug(s.name)}{'-' + s.location_id if counts[slug(s.name)] > 1 else ''}-{kind}.xlsx"
            for s in services]


def describe(service: ServiceIdentity) -> str:
    parts = [service.name]
    if service.location_id:
        parts.append(f"CQC location {service.location_id}")
    return f"{parts[0]} ({parts[1]})" if len(parts) > 1 else parts[0]


@dataclass
class ServiceMatch:
    """The list, against what came back: who returned which workbook, and who returned nothing."""

    services: list[ServiceIdentity]
    #: location ID -> the workbooks stamped as that service.
    returned: dict[str, list[str]]
    not_returned: list[ServiceIdentity]
    #: location ID -> workbooks whose file or folder name names the service but whose stamp
    #: does not (another service's copy, no stamp, or unreadable): where a missing return went.
    filed_under: dict[str, list[str]]


def _named_in(workbook: str, services: list[ServiceIdentity]) -> set[str]:
    """Location IDs of the services that the file's name, or its folder's, spells out."""
    path = Path(workbook)
    words = f"-{slug(path.parent.name)}-{slug(path.stem)}-"
    return {s.location_id for s in services
            if f"-{slug(s.name)}-" in words or f"-{slug(s.location_id)}-" in words}


def match_returns(services: list[ServiceIdentity],
                  summaries: list[WorkbookSummary]) -> tuple[list[WorkbookSummary], ServiceMatch]:
    """Attach return checks to each summary and say which listed services sent nothing."""
    listed = {s.location_id: s for s in services}
    stamped: dict[str, list[int]] = defaultdict(list)
    checks: list[list[Finding]] = [[] for _ in summaries]
    filed_under: dict[str, list[str]] = defaultdict(list)
    for i, summary in enumerate(summaries):
        named = _named_in(summary.workbook, services)
        identity = summary.service if summary.readable else None
        for location_id in named:
            if identity is None or identity.location_id != location_id:
                filed_under[location_id].append(summary.workbook)
        if not summary.readable:
            continue
        if identity is None:
            checks[i].append(batch_rule("return.not-stamped").finding())
            continue
        known = listed.get(identity.location_id)
        if known is None:
            checks[i].append(batch_rule("return.unknown-service").finding(
                stamped=describe(identity)))
            continue
        stamped[known.location_id].append(i)
        if (identity.name, identity.provider) != (known.name, known.provider):
            checks[i].append(batch_rule("return.identity-changed").finding(
                stamped=f"{identity.name} of {identity.provider or 'no provider'}",
                location_id=known.location_id,
                listed=f"{known.name} of {known.provider or 'no provider'}"))
        if named and known.location_id not in named:
            filed = " or ".join(listed[n].name for n in sorted(named))
            checks[i].append(batch_rule("return.other-identity").finding(
                filed=filed, stamped=describe(known)))
    for location_id, indexes in stamped.items():
        if len(indexes) > 1:
            names = ", ".join(summaries[i].workbook for i in indexes)
            for i in indexes:
                checks[i].append(batch_rule("return.duplicate").finding(
                    count=len(indexes), stamped=describe(listed[location_id]), names=names))
    returned = {lid: [summaries[i].workbook for i in idx] for lid, idx in stamped.items()}
    missing = [s for s in services if s.location_id not in returned]
    updated = [s.with_checks(c) if c else s for s, c in zip(summaries, checks)]
    return updated, ServiceMatch(services, returned, missing, dict(filed_under))
