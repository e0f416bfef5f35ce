"""Find the workbook inside an Office Open XML package the way the standard says to.

Excel always writes xl/workbook.xml, but the standard only promises that the package's root
relationships name the workbook part, and that part names match without regard to case.
Other writers use that freedom (XL/Workbook.xml, a workbook part of another name), and such a
file is a valid workbook that Excel opens. python-calamine looks for xl/workbook.xml itself, so
for a package laid out otherwise it is handed a copy with the workbook part renamed to where
it looks and the workbook's relationships made absolute; nothing else changes.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile

STANDARD_WORKBOOK = "xl/workbook.xml"
_OFFICE_DOCUMENT = re.compile(r"/officeDocument$")
_TARGET = re.compile(rb"""(\bTarget\s*=\s*)(["'])([^"']*)\2""")


def lower_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each part's name in lower case -> its name as stored."""
    return {info.filename.lower(): info.filename for info in archive.infolist()}


def rels_part(part: str) -> str:
    """Where a part's relationships live: <folder>/_rels/<name>.rels."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def resolve_target(source_part: str, target: str) -> str:
    """A relationship's target as a part name: absolute targets from the root, the rest from
    the folder of the part whose relationship it is."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(source_part), target))


def find_workbook(archive: zipfile.ZipFile, names: dict[str, str]) -> str | None:
    """The stored name of the workbook part: the standard place, else what the package's root
    relationships name as its main document, if that part is there."""
    if STANDARD_WORKBOOK in names:
        return names[STANDARD_WORKBOOK]
    stored = names.get("_rels/.rels")
    if stored is None:
        return None
    from defusedxml import ElementTree

    try:
        root = ElementTree.fromstring(archive.read(stored))
    except Exception:  # noqa: BLE001 - damaged or hostile: no workbook found through it
        return None
    for rel in root:
        if _OFFICE_DOCUMENT.search(rel.get("Type", "")):
            part = resolve_target("", rel.get("Target", ""))
            if part.lower() in names and part.lower().endswith(".xml"):
                return names[part.lower()]
    return None


def standard_copy(archive: zipfile.ZipFile, names: dict[str, str], workbook: str) -> bytes:
    """The package with its workbook part at xl/workbook.xml, for python-calamine.

    The workbook's relationship targets become absolute, so they still point at the same
    parts from the new place.
    """
    rels = names.get(rels_part(workbook).lower())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in archive.infolist():
            name, data = info.filename, archive.read(info)
            if name == workbook:
                name = STANDARD_WORKBOOK
            elif name == rels:
                name = rels_part(STANDARD_WORKBOOK)
                data = _TARGET.sub(lambda m: m[1] + m[2] + _absolute(workbook, m[3]) + m[2],
                                   data)
            elif name.lower() == "_rels/.rels":
                data = _TARGET.sub(lambda m: m[1] + m[2] + (
                    b"xl/workbook.xml" if _absolute("", m[3]).lower() == b"/" + workbook.lower()
                    .encode() else m[3]) + m[2], data)
            elif name.lower() == "[content_types].xml":
                data = re.sub(rb'PartName="/' + re.escape(workbook.encode()) + rb'"',
                              b'PartName="/xl/workbook.xml"', data, flags=re.IGNORECASE)
            elif name.lower() in (rels_part(STANDARD_WORKBOOK), STANDARD_WORKBOOK):
                continue  # a stray part in the way of the renamed one
            copy.writestr(name, data)
    return out.getvalue()


def _absolute(workbook: str, target: bytes) -> bytes:
    text = target.decode("utf-8", "replace")
    if "://" in text:
        return target  # an external link, not a part
    return ("/" + resolve_target(workbook, text)).encode()
