"""The server's side of a check: one worker process per return, a time limit, and no more
checks at once than the machine has cores.

A process per check rather than a pool, because a pool cannot stop one stuck task without
stopping the others; the fork server makes each process cheap to start.
"""

from __future__ import annotations

import multiprocessing
import os
import logging
import threading
from pathlib import Path

from django.conf import settings

log = logging.getLogger("tracker_tool.portal")
_slots = threading.BoundedSemaphore(max(1, os.cpu_count() or 1))
_context = None
_context_lock = threading.Lock()


def _processes():
    global _context
    with _context_lock:
        if _context is None:
            if "forkserver" in multiprocessing.get_all_start_methods():
                _context = multiprocessing.get_context("forkserver")
                _context.set_forkserver_preload(["tracker_tool.portal.worker"])
            else:  # Windows
                _context = multiprocessing.get_context("spawn")
        return _context


def run_check(path: Path, audit: Path, as_of, previous_for: dict, default_service) -> dict:
    """The worker's answer, or an ``error`` when it ran out of time or died."""
    from tracker_tool.portal.worker import check_return

    context = _processes()
    with _slots:
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=check_return, daemon=True, args=(
            str(path), str(audit), as_of.isoformat(), previous_for, default_service, send))
        process.start()
        send.close()
        try:
            if receive.poll(settings.CHECK_SECONDS):
                outcome = receive.recv()
                if "fault" in outcome:
                    log.error("checking %s failed: %s", path.name, outcome.pop("fault"))
                return outcome
            return {"error": f"the return took longer than {settings.CHECK_SECONDS:g} seconds "
                             "to check, so it was stopped"}
        except EOFError:
            return {"error": "the return could not be checked: the checker stopped "
                             "(the file may be too large for the memory available)"}
        finally:
            receive.close()
            if process.is_alive():
                process.join(1)
            if process.is_alive():
                process.kill()
            process.join()
