"""Facts calamine does not give us, read straight from the .xlsx parts.

python-calamine returns an empty string for a formula error (#REF!, #N/A), cannot see custom
document properties and does not say which date system the file uses. These are small reads
of the zip parts, parsed with defusedxml (so entity tricks are refused), plus one byte scan of
the tracker sheet that only runs when the sheet holds an error cell at all.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from tracker_tool.cell_values import ExcelError
from tracker_tool.errors import WorkbookError
from tracker_tool.safe_open import OpenedWorkbook

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_NS_CUSTOM = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"

_CELL_REF = re.compile(rb"""\br=["']([A-Z]{1,3}[0-9]{1,7})["']""")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")
_CELL_START = re.compile(rb"<(?:\w+:)?c\s")
_CELL_END = re.compile(rb"</(?:\w+:)?c>|<(?:\w+:)?c\s")
_ERROR_TYPE = re.compile(rb"""\bt=["']e["']""")


@dataclass(frozen=True, slots=True)
class SheetEntry:
    name: str
    state: str  # visible, hidden or veryHidden
    part: str | None  # zip member name of the worksheet XML


@dataclass(frozen=True, slots=True)
class WorkbookParts:
    sheets: tuple[SheetEntry, ...]
    date1904: bool
    custom_properties: dict[str, str]


def _parse(opened: OpenedWorkbook, name: str):
    raw = opened.read_part(name)
    if raw is None:
        return None
    try:
        return ElementTree.fromstring(raw)
    except DefusedXmlException:
        raise WorkbookError(opened.path, f"refused: {name} uses XML entities, which a workbook "
                                         "never needs (a possible XML attack)") from None
    except ElementTree.ParseError as exc:
        raise WorkbookError(opened.path, f"the file is damaged ({name}: {exc})") from None


def _sheet_targets(opened: OpenedWorkbook) -> dict[str, str]:
    rels = _parse(opened, "xl/_rels/workbook.xml.rels")
    targets = {}
    if rels is None:
        return targets
    for rel in rels.iter(f"{_NS_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join("xl", target))
        targets[rel.get("Id")] = part
    return targets


def _custom_properties(opened: OpenedWorkbook) -> dict[str, str]:
    root = _parse(opened, "docProps/custom.xml")
    found = {}
    if root is None:
        return found
    for prop in root.iter(f"{_NS_CUSTOM}property"):
        value = next(iter(prop), None)
        if prop.get("name") and value is not None and value.text is not None:
            found[prop.get("name")] = value.text
    return found


def read_parts(opened: OpenedWorkbook) -> WorkbookParts:
    """Sheet names, states and parts; the date system; the custom document properties."""
    root = _parse(opened, "xl/workbook.xml")
    if root is None:
        raise WorkbookError(opened.path, "the workbook part is missing")
    targets = _sheet_targets(opened)
    sheets = tuple(
        SheetEntry(sheet.get("name", ""), sheet.get("state", "visible"),
                   targets.get(sheet.get(f"{_NS_REL}id")))
        for sheet in root.iter(f"{_NS_MAIN}sheet")
    )
    props = root.find(f"{_NS_MAIN}workbookPr")
    date1904 = props is not None and props.get("date1904", "0").lower() in ("1", "true")
    return WorkbookParts(sheets, date1904, _custom_properties(opened))


def error_cells(opened: OpenedWorkbook, part: str | None) -> dict[str, ExcelError]:
    """A1 reference -> error value for every cell of the sheet whose cached value is an error.

    Finds each ``t="e"`` attribute, checks it sits in a cell's opening tag (any namespace
    prefix, either quote), and takes the reference and the cached value from that cell.
    """
    if part is None:
        return {}
    data = opened.read_part(part) or b""
    found = {}
    if b't="e"' not in data and b"t='e'" not in data:
        return found  # the usual case, decided at memchr speed
    for hit in _ERROR_TYPE.finditer(data):
        open_at = data.rfind(b"<", 0, hit.start())
        tag_end = data.find(b">", hit.end())
        if open_at == -1 or tag_end == -1 or not _CELL_START.match(data, open_at):
            continue  # the text t="e" inside a formula or a string, not an attribute
        ref = _CELL_REF.search(data, open_at, tag_end)
        end = _CELL_END.search(data, tag_end)
        value = _VALUE.search(data, tag_end, end.start() if end else len(data))
        if ref and value:
            found[ref.group(1).decode()] = ExcelError(value.group(1).decode(errors="replace"))
    return found
