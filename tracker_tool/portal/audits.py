"""A return's audit workbook and governance pack (PDF), each made the first time someone asks
for it and kept from then on.

Made late, not when the return arrives: writing either costs more than the check, most are
never downloaded, and on a deadline day the uploads should not wait for them. Each is the same
check of the same kept bytes, on the same date and against the same previous return, so its
findings are the ones the portal stored.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from tracker_tool.portal import storage
from tracker_tool.portal.checking import run_output

#: How a commissioner's server gains the governance pack.
PDF_EXTRA = "pip install 'tracker-tool[portal,pdf]'"


@dataclass(frozen=True)
class Product:
    task: str  # the worker's task that writes it
    what: str  # in a sentence
    suffix: str
    content_type: str


AUDIT = Product("audit", "the audit workbook", ".xlsx", storage.XLSX)
PACK = Product("pack", "the governance pack", ".pdf", "application/pdf")


class NotReady(Exception):
    """It could not be made now; the message says so in one line."""


def pdf_available() -> bool:
    """Whether the pdf extra (ReportLab) is installed where the workers run."""
    return find_spec("reportlab") is not None


def made_file(found, product: Product) -> Path:
    """The path of the return's audit or pack, written first if it is not there yet."""
    final = storage.made_path(found, product.task, product.suffix)
    if final.exists():
        return final
    previous = found.previous
    previous_path = storage.return_path(previous.sha256) if previous is not None else None
    if previous_path is not None and not previous_path.exists():
        previous_path = None  # deleted by an admin: made without the changes since it
    scratch = storage.scratch_folder() / f".{product.task}-{uuid.uuid4().hex}{product.suffix}"
    try:
        outcome = run_output(product.task, storage.return_path(found.sha256), scratch,
                             found.as_of, found.kind, previous_path)
        if "made" not in outcome:
            raise NotReady(outcome.get("error", f"{product.what} could not be made"))
        return storage.settle(scratch, final)  # two at once: the first one kept stays
    finally:
        scratch.unlink(missing_ok=True)
