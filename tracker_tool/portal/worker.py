"""What runs in a worker process: the library's check of one stored return.

No Django here. The server starts these processes through a fork server that has already
imported the library, so a check starts warm, and a file that makes the reader spin or grow
costs one process that the server kills, not the server.
"""

from __future__ import annotations

from datetime import date

from tracker_tool import api
from tracker_tool.errors import TrackerToolError, WorkbookError


def check_return(path: str, audit: str, as_of: str, previous_for: dict[str, dict[str, str]],
                 default_service: str | None, conn) -> None:
    """Check ``path``, and write its audit only when it belongs to a service the uploader may
    return for (a key of ``previous_for``, which maps that service's kinds to its last return).

    Sends one dict down ``conn``: ``report``, or ``refused`` with the service it is stamped
    for, or ``error`` with the library's one-line reason.
    """
    try:
        conn.send(_outcome(path, audit, date.fromisoformat(as_of), previous_for,
                           default_service))
    except MemoryError:
        conn.send({"error": "too large to check in the memory available"})
    except Exception as exc:  # a fault of the tool: the server logs it, the person sees a line
        conn.send({"error": "the return could not be checked because of a fault in "
                            "tracker-tool; the portal's log has the details",
                   "fault": f"{type(exc).__name__}: {exc}"})
    finally:
        conn.close()


def _outcome(path, audit, as_of, previous_for, default_service) -> dict:
    try:
        report = api.validate_workbook(path, as_of)
        stamped = report.service.name if report.service is not None else None
        service = stamped or default_service
        if service not in previous_for:
            return {"refused": stamped}
        previous = previous_for[service].get(report.tracker)
        report, _ = api.write_audit(path, audit, as_of, kind=report.tracker,
                                    previous=previous, force=True)
    except WorkbookError as exc:
        return {"error": exc.reason}
    except TrackerToolError as exc:
        return {"error": str(exc).replace(path, "the return")}
    return {"report": report.to_dict(), "service": service}
