"""What runs in a worker process: the library's check of one stored return, and later, when
someone first asks for them, its audit workbook and governance pack.

No Django here. A worker is a long-lived process that answers one task at a time down its
pipe (``serve``), so the library's imports and caches are paid for once per worker rather
than once per upload, and a file that makes the reader spin or grow costs one worker, which
the server kills and replaces, not the server.
"""

from __future__ import annotations

from datetime import date

# The api imports the modules below on first use; importing them here means the fork server
# has them, so a new worker's first check is as quick as its hundredth.
import tracker_tool.read.safe_open
import tracker_tool.read.xlsx_parts
import tracker_tool.trackers.previous
import tracker_tool.trackers.resolve
import tracker_tool.write.audit
from tracker_tool import api
from tracker_tool.core.stamp import stamp_from
from tracker_tool.errors import TrackerToolError, UsageError, WorkbookError
from tracker_tool.trackers import all_trackers

all_trackers()  # imports every kind's rules now, in the fork server, not in each worker


#: What a person is told when a task fails through a fault of the tool, by task.
FAILED = {"check": "the return could not be checked", "audit": "the audit could not be made",
          "pack": "the governance pack could not be made",
          "rollup": "the roll-up could not be made"}


def serve(conn) -> None:
    """Answer tasks until the server closes the pipe (or sends None)."""
    tasks = {"check": check_return, "audit": make_audit, "pack": make_pack,
             "rollup": make_rollup}
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        name, args = task
        try:
            answer = tasks[name](*args) if name in tasks else {"ready": True}
        except MemoryError:
            answer = {"error": "too large to check in the memory available", "retire": True}
        except Exception as exc:  # a fault of the tool: the server logs it, the person sees a line
            answer = {"error": f"{FAILED.get(name, name)} because of a fault in tracker-tool; "
                               "the portal's log has the details",
                      "fault": f"{type(exc).__name__}: {exc}"}
        try:
            conn.send(answer)
        except (EOFError, OSError):  # the server gave up waiting
            return


def check_return(path: str, as_of: str, previous_for: dict[str, dict[str, str]],
                 default_service: str | None) -> dict:
    """Check ``path`` once, with the changes since the previous return of its service and kind.

    ``previous_for`` maps each service the uploader may return for to that service's latest
    return of each kind. Answers ``report`` and ``service``, or ``refused`` with the service it
    is stamped for, or ``error`` with the library's one-line reason. The audit workbook is not
    written here: most are never downloaded, and writing one costs more than the check.
    """
    day = date.fromisoformat(as_of)
    try:
        service, kind = _stamp(path)
        earlier = previous_for.get(service or default_service, {})
        if kind is None and len(earlier) == 1:  # unstamped: most likely the one kind it sends
            kind = next(iter(earlier))
        guessed = earlier.get(kind) if kind else None
        report = _guessed_check(path, day, kind, guessed)
        if report is None:
            guessed = None
            report = api.validate_workbook(path, day)
        stamped = report.service.name if report.service is not None else None
        service = stamped or default_service
        if service not in previous_for:
            return {"refused": stamped}
        previous = previous_for[service].get(report.tracker)
        if previous != guessed:  # a guess the check proved wrong: check again with the right one
            report = api.validate_workbook(path, day, kind=report.tracker, previous=previous)
    except WorkbookError as exc:
        return {"error": exc.reason}
    except TrackerToolError as exc:
        return {"error": str(exc).replace(path, "the return")}
    return {"report": report.to_dict(), "service": service}


def _guessed_check(path: str, day: date, kind: str | None, previous: str | None):
    """The check with the guessed previous return, or None when there is no guess or it was
    wrong (the return turned out to be of another kind than the previous one)."""
    if previous is None:
        return None
    try:
        report = api.validate_workbook(path, day, previous=previous)
    except UsageError:  # the two are of different kinds, or the previous one is unreadable
        return None
    return report if report.tracker == kind else None


def make_audit(path: str, out: str, as_of: str, kind: str, previous: str | None) -> dict:
    """Write a kept return's audit workbook at ``out``: the same check, so the same findings
    as the report the portal stored when the return arrived."""
    return _made(api.write_audit, path, out, as_of, kind, previous)


def make_pack(path: str, out: str, as_of: str, kind: str, previous: str | None) -> dict:
    """Write a kept return's governance pack (PDF) at ``out``, from the same check."""
    return _made(api.write_pdf_pack, path, out, as_of, kind, previous)


def make_rollup(folder: str, now: list[str], before: list[str], out: str, as_of: str,
                services) -> dict:
    """The library's batch over a period's returns (paths from ``folder``), run from that
    folder so its outputs name each workbook by that short path. In this one process, on a
    thread: a worker may not start processes of its own, and the portal's workers are the
    limit on how much checking runs at once."""
    import os
    from concurrent.futures import ThreadPoolExecutor

    here = os.getcwd()
    os.chdir(folder)
    try:
        with ThreadPoolExecutor(1) as one:
            result = api.validate_many(now, out, date.fromisoformat(as_of), services=services,
                                       previous=before or None, executor=one)
    except TrackerToolError as exc:
        return {"error": str(exc)}
    finally:
        os.chdir(here)
    return {"rollup": str(result.rollup), "findings_csv": str(result.findings_csv)}


def _made(write, path, out, as_of, kind, previous) -> dict:
    try:
        write(path, out, date.fromisoformat(as_of), kind=kind, previous=previous, force=True)
    except TrackerToolError as exc:
        return {"error": str(exc).replace(path, "the return")}
    return {"made": out}


def _stamp(path: str) -> tuple[str | None, str | None]:
    """(service, kind) as the workbook's stamp names them, read without parsing a sheet, to
    pick the previous return before the one check; (None, None) when there is no stamp or
    the file cannot be opened (the check then says why)."""
    from tracker_tool.read.safe_open import open_workbook
    from tracker_tool.read.xlsx_parts import read_parts

    try:
        stamp = stamp_from(read_parts(open_workbook(path)).custom_properties, None)
    except Exception:  # only a guess: the check itself says what is wrong with the file
        return None, None
    return (stamp.service.name if stamp.service else None), stamp.kind
