"""A return's audit workbook, made the first time someone asks for it and kept from then on.

Made late, not when the return arrives: writing the workbook costs more than the check, most
returns' audits are never downloaded, and on a deadline day the uploads should not wait for
it. It is the same check of the same kept bytes, on the same date and against the same
previous return, so its findings are the ones the portal stored.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from tracker_tool.portal import storage
from tracker_tool.portal.checking import run_audit


class NotReady(Exception):
    """The audit could not be made now; the message says so in one line."""


def audit_file(found) -> Path:
    """The path of the return's audit, written first if it is not there yet."""
    final = storage.audit_path(found)
    if final.exists():
        return final
    previous = found.previous
    previous_path = storage.return_path(previous.sha256) if previous is not None else None
    if previous_path is not None and not previous_path.exists():
        previous_path = None  # deleted by an admin: the audit goes without its Changes sheet
    scratch = storage.scratch_folder() / f".audit-{uuid.uuid4().hex}.xlsx"
    try:
        outcome = run_audit(storage.return_path(found.sha256), scratch, found.as_of,
                            found.kind, previous_path)
        if "audit" not in outcome:
            raise NotReady(outcome.get("error", "the audit workbook could not be made"))
        return storage.settle(scratch, final)  # two at once: the first one kept stays
    finally:
        scratch.unlink(missing_ok=True)
