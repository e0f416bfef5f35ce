"""Decide whether a file is a workbook we can safely read, before any parser touches it.

Everything here works from magic bytes and the zip directory, so a password-protected file, a
legacy .xls, a macro workbook or a zip bomb is refused in milliseconds with a message that says
what to do, instead of a parser's traceback or a machine out of memory.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from tracker_tool.errors import WorkbookError

#: Limits on what we agree to open. Real trackers are well under a megabyte.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MEMBERS = 2_000
MAX_MEMBER_BYTES = 300 * 1024 * 1024
MAX_TOTAL_BYTES = 600 * 1024 * 1024
MAX_RATIO = 200  # uncompressed : compressed, for members over 1 MiB

_OLE = bytes.fromhex("d0cf11e0a1b11ae1")
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


@dataclass
class OpenedWorkbook:
    """A zip archive that passed the checks, kept in memory for the readers that follow."""

    path: Path
    data: bytes
    archive: zipfile.ZipFile
    _last: tuple[str, bytes | None] | None = None

    def read_part(self, name: str) -> bytes | None:
        """The part's bytes; the last one is kept, as a sheet is read twice in a row (its
        extent before calamine loads it, its error cells after)."""
        if self._last is not None and self._last[0] == name:
            return self._last[1]
        try:
            data = self.archive.read(name)
        except KeyError:
            data = None
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
            raise WorkbookError(self.path, f"the workbook is damaged and could not be read "
                                           f"({name}: {exc}); open it in Excel and save it "
                                           "again") from None
        self._last = (name, data)
        return data


def entities_refused(part: str) -> str:
    """The reason given for a part that declares XML entities, wherever it is noticed."""
    return (f"refused: {part} uses XML entities, which a workbook never needs (a possible "
            "XML attack)")


def _describe_non_zip(head: bytes) -> str:
    if head.startswith(_OLE):
        return "old-format"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<?xml", b"<html", b"<!doctype", b"<table")):
        return ("this is an XML or web page file, not an .xlsx workbook; open it in Excel or "
                "LibreOffice and save it as Excel Workbook (.xlsx)")
    if stripped and all(32 <= b < 127 or b in (9, 10, 13) for b in stripped[:512]):
        return ("this is a text or CSV file, not an .xlsx workbook; open it in Excel or "
                "LibreOffice and save it as Excel Workbook (.xlsx)")
    return "this is not an Excel workbook (.xlsx)"


def _check_archive(path: Path, archive: zipfile.ZipFile) -> None:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise WorkbookError(path, f"refused: the archive holds {len(members)} parts, "
                                  f"more than a workbook needs (limit {MAX_MEMBERS})")
    total = 0
    for info in members:
        if info.flag_bits & 0x1:
            raise WorkbookError(path, "refused: parts of the archive are encrypted")
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES:
            raise WorkbookError(path, "refused: the archive would expand to more than "
                                      f"{MAX_TOTAL_BYTES // 2**20} MiB (a possible zip bomb)")
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 2**20 and ratio > MAX_RATIO:
            raise WorkbookError(path, f"refused: part {info.filename} expands {ratio:.0f} times "
                                      "(a possible zip bomb)")
    names = {info.filename for info in members}
    if len(names) < len(members):
        # Readers disagree on which copy counts, so what we check may not be what is read.
        raise WorkbookError(path, "refused: the archive holds two parts with the same name "
                                  "(a damaged or tampered file); save it again from Excel")
    if "xl/workbook.xml" not in names:
        raise WorkbookError(path, "this is a zip archive but not an Excel workbook "
                                  "(no xl/workbook.xml inside)")
    if _has_macros(archive, names):
        raise WorkbookError(path, "refused: the workbook contains macros; save a copy as Excel "
                                  "Workbook (.xlsx) without macros and validate that")
    for info in members:
        if info.filename.endswith((".xml", ".rels", ".vml")) and _declares_entities(archive,
                                                                                     info):
            raise WorkbookError(path, entities_refused(info.filename))


def _has_macros(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """VBA, Excel 4 macro sheets, or a macro-enabled content type, whatever the file's name.

    Part names in a package are case-insensitive, so they are compared in lower case.
    """
    lower = {name.lower() for name in names}
    if any(n.endswith("vbaproject.bin") or n.startswith("xl/macrosheets/") for n in lower):
        return True
    types = _head(archive, archive.getinfo("[Content_Types].xml")) \
        if "[Content_Types].xml" in names else b""
    return b"macroenabled" in types.lower() or b"vbaproject" in types.lower()


def _head(archive: zipfile.ZipFile, info: zipfile.ZipInfo, size: int = 64 * 1024) -> bytes:
    """The first bytes of a part; damage is left for the readers to report in context."""
    try:
        with archive.open(info) as part:
            return part.read(size)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError):
        return b""


def _declares_entities(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """A DOCTYPE can only come before the root element, so the start of the part shows it.

    Our own parsers refuse entities anyway (defusedxml); this names the attack for parts only
    calamine reads (shared strings, sheets), where its error would merely say 'damaged'.
    """
    head = _head(archive, info, 4096)
    return b"<!DOCTYPE" in head or b"<!ENTITY" in head


def open_workbook(path: str | Path) -> OpenedWorkbook:
    """Check ``path`` and return it opened, or raise WorkbookError with a one-line reason."""
    path = Path(path)
    if not path.exists():
        raise WorkbookError(path, "no such file")
    if not path.is_file():
        raise WorkbookError(path, "not a file")
    size = path.stat().st_size
    if size == 0:
        raise WorkbookError(path, "the file is empty (0 bytes)")
    if size > MAX_FILE_BYTES:
        raise WorkbookError(path, f"refused: {size / 2**20:.0f} MiB is larger than the "
                                  f"{MAX_FILE_BYTES // 2**20} MiB limit for a tracker")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise WorkbookError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not data.startswith(b"PK"):
        reason = _describe_non_zip(data[:4096])
        if reason == "old-format":
            if _ENCRYPTED_STREAM in data:
                reason = ("the workbook is password-protected (encrypted); remove the password "
                          "to open it (File > Info > Protect Workbook) and save again")
            else:
                reason = ("this is an old-format Excel 97-2003 (.xls) file; open it and save "
                          "it as Excel Workbook (.xlsx)")
        raise WorkbookError(path, reason)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise WorkbookError(path, "the file is damaged or incomplete (not a readable .xlsx "
                                  "archive); save it again from Excel") from None
    _check_archive(path, archive)
    return OpenedWorkbook(path=path, data=data, archive=archive)
