"""A copy of a return with personal details masked, to send to the Ombudsman or a commissioner.

Someone has to take names and numbers out before a plan leaves the organisation, and doing
it by hand misses some and breaks the workbook. The copy is the returned package itself with
only the text of the regulator-bound cells (``Tracker.regulator_keys``) changed, each detail
replaced by the masked form the findings show. Every other part is copied byte for byte, so
the stamp, sheets, dropdowns, protection, names, notes and print settings stay and the copy
still validates as the same kind, without the personal-data findings. (openpyxl was tried:
it drops a print area given by a formula and renames the notes' parts.) A cell's text held
once for the workbook (a shared string) is masked wherever it is used. The input is only
read; the copy is written atomically.
"""

from __future__ import annotations

import itertools
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from tracker_tool.check.personal_data import described, find_personal, masked
from tracker_tool.check.validation import CheckedWorkbook
from tracker_tool.core.atomic import atomic_path
from tracker_tool.core.cell_values import display
from tracker_tool.core.wording import plural
from tracker_tool.errors import UsageError
from tracker_tool.read.package import rels_part, resolve_target
from tracker_tool.read.safe_open import open_workbook
from tracker_tool.read.xlsx_parts import read_parts


@dataclass(frozen=True, slots=True)
class MaskedCell:
    """One cell of the copy whose personal details were masked, named by its masked forms."""

    sheet: str
    cell: str
    column: str
    found: str

    def to_dict(self) -> dict:
        return {"sheet": self.sheet, "cell": self.cell, "column": self.column,
                "found": self.found}


@dataclass
class Redaction:
    """What ``redact_file`` wrote and which cells it masked."""

    source: Path
    out: Path
    kind: str
    masked: list[MaskedCell] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"path": str(self.source), "out": str(self.out), "tracker": self.kind,
                "masked": [m.to_dict() for m in self.masked]}


def _to_mask(checked: CheckedWorkbook) -> list[tuple[MaskedCell, str]]:
    """Each regulator-bound cell holding a personal detail, with its masked text, the plan
    sheet's first, as the findings list them."""
    ctx = checked.context
    if ctx is None:
        return []
    keys = checked.tracker.regulator_keys
    found = []
    for sub in (ctx.plan_ctx, ctx):
        if sub is None:
            continue
        columns = [spec for spec in sub.tracker.columns if spec.key in keys]
        for row in sub.rows:
            for spec in columns:
                cell = row.raw.cell(spec.key)
                text = display(cell.value) if cell is not None else ""
                spans = find_personal(text)
                if spans:
                    found.append((MaskedCell(sub.sheet, cell.ref, spec.title, described(spans)),
                                  masked(text, spans)))
    return found


def redact_file(checked: CheckedWorkbook, source: str | Path, out: str | Path) -> Redaction:
    """Write ``source`` to ``out`` with the personal details ``checked`` holds masked."""
    source, out = Path(source), Path(out)
    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"--out must name an .xlsx file, not {out.name}: the copy is an "
                         "Excel workbook like the return")
    if checked.grid is None:
        raise UsageError(f"{source.name} has no {checked.tracker.title} sheet to redact; "
                         "validate it to see why")
    cells = _to_mask(checked)
    opened = open_workbook(source)
    changed = _masked_parts(opened, cells)
    with atomic_path(out) as tmp, zipfile.ZipFile(tmp, "w") as copy:
        for info in opened.archive.infolist():
            data = changed.get(info.filename)
            copy.writestr(info, opened.archive.read(info) if data is None else data)
    return Redaction(source, out, checked.tracker.kind, [where for where, _ in cells])


_SST_TYPE = re.compile(rb"""Type=["'][^"']*/sharedStrings["'][^>]*""")
_TARGET = re.compile(rb"""Target=["']([^"']+)["']""")
_SI = re.compile(rb"<(?:\w+:)?si\s*/>|<(?:\w+:)?si[\s>].*?</(?:\w+:)?si>", re.DOTALL)
_TYPE = re.compile(rb"""\bt=["'](\w+)["']""")
_V = re.compile(rb"<(?:\w+:)?v>\s*(\d+)\s*</(?:\w+:)?v>")


def _shared_strings_part(opened) -> str | None:
    rels = opened.read_part(rels_part(opened.workbook_part)) or b""
    for rel in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", rels):
        target = _TARGET.search(rel)
        if _SST_TYPE.search(rel) and target:
            return opened.names.get(resolve_target(opened.workbook_part,
                                                   target.group(1).decode()).lower())
    return None


def _text_xml(text: str, tag: bytes) -> bytes:
    return (b"<" + tag + b'><t xml:space="preserve">' + escape(text).encode("utf-8")
            + b"</t></" + tag + b">")


def _masked_parts(opened, cells: list[tuple[MaskedCell, str]]) -> dict[str, bytes]:
    """The parts to replace: each sheet whose cells hold their text inline, and the shared
    strings, with the masked text in place of the original."""
    sheets = {entry.name: entry.part for entry in read_parts(opened).sheets}
    changed: dict[str, bytes] = {}
    shared: dict[int, str] = {}
    for where, text in cells:
        part = opened.names.get((sheets.get(where.sheet) or "").lower())
        xml = (changed.get(part) or opened.read_part(part)) if part else None
        found = xml and re.search(rb"<(?:\w+:)?c\s[^>]*\br=[\"']" + where.cell.encode()
                                  + rb"[\"'][^>]*>", xml)
        if not found:
            raise UsageError(f"cannot find {where.sheet}!{where.cell} in {opened.path.name} to "
                             "mask it; nothing was written")
        if found.group().endswith(b"/>"):  # an empty cell holds no detail to mask
            continue
        end = _cell_end(xml, found.end())
        kind = _TYPE.search(found.group())
        body = xml[found.end():end]
        if kind and kind.group(1) == b"s" and (index := _V.search(body)):
            shared[int(index.group(1))] = text
            continue
        # Inline text, or a formula's text result: the cell becomes inline text.
        head = _TYPE.sub(b"", found.group()).rstrip(b">").rstrip() + b' t="inlineStr">'
        changed[part] = xml[:found.start()] + head + _text_xml(text, b"is") + xml[end:]
    if shared:
        part = _shared_strings_part(opened)
        xml = opened.read_part(part) if part else None
        if xml is None:
            raise UsageError(f"{opened.path.name} has no shared strings to mask; nothing was "
                             "written")
        order = itertools.count()  # a shared string's index is its place in the list
        changed[part] = _SI.sub(lambda m: _text_xml(shared[i], b"si")
                                if (i := next(order)) in shared else m.group(), xml)
    return changed


def _cell_end(xml: bytes, start: int) -> int:
    """Where a cell's content ends: at its closing tag."""
    close = re.compile(rb"</(?:\w+:)?c>").search(xml, start)
    if close is None:
        raise UsageError("the sheet is damaged: a cell is not closed; nothing was written")
    return close.start()


def redaction_text(done: Redaction) -> str:
    """The report of a redaction: where the copy went and each masked cell, masked forms only."""
    if not done.masked:
        return (f"{done.source.name}: no personal details found in the text that goes outside; "
                f"wrote an unchanged copy to {done.out}\n")
    lines = [f"{done.source.name}: masked personal details in "
             f"{plural(len(done.masked), 'cell')}; wrote {done.out}"]
    width = max(len(f"{m.sheet}!{m.cell}") for m in done.masked)
    lines += [f"  {m.sheet + '!' + m.cell:<{width}}  {m.column}: {m.found}" for m in done.masked]
    return "\n".join(lines) + "\n"
