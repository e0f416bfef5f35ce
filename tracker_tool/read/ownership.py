"""Recognise the tool's own earlier outputs, so replacing one needs no --force while any other
file at that path is left alone.

Only a little of the file is read (the zip directory and the custom properties part, or the
first bytes of a text file), and any failure means "not ours": the safe answer.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from tracker_tool.core.outputs import OUTPUT_PROPERTY

_CUSTOM_PART = "docprops/custom.xml"
_NS_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"


def marked_output(path: str | Path, role: str) -> bool:
    """Whether ``path`` is a workbook the tool wrote as ``role`` (its custom property says so)."""
    from defusedxml import ElementTree

    try:
        with zipfile.ZipFile(path) as archive:
            info = next((i for i in archive.infolist() if i.filename.lower() == _CUSTOM_PART),
                        None)
            if info is None or info.file_size > 2**20:
                return False
            root = ElementTree.fromstring(archive.read(info))
    except Exception:  # noqa: BLE001 - damaged, not a zip, unreadable: not ours
        return False
    for prop in root.iter(f"{_NS_CUSTOM}property"):
        value = next(iter(prop), None)
        if prop.get("name") == OUTPUT_PROPERTY and value is not None and value.text == role:
            return True
    return False


def starts_with(path: str | Path, head: bytes) -> bool:
    """Whether a text output begins with the bytes the tool always writes first."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(head)) == head
    except OSError:
        return False
