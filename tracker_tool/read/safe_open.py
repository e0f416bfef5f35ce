"""Decide whether a file is a workbook we can safely read, before any parser touches it.

Everything here works from magic bytes and the zip directory, so a password-protected file, a
legacy .xls, a macro workbook or a zip bomb is refused in milliseconds with a message that says
what to do, instead of a parser's traceback or a machine out of memory.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from tracker_tool.core.atomic import not_a_regular_file, os_reason
from tracker_tool.errors import WorkbookError
from tracker_tool.read.formats import (
    biff_reason,
    ole_reason,
    template_reason,
    xml_reason,
    zip_reason,
)
from tracker_tool.read.package import (
    STANDARD_WORKBOOK,
    find_workbook,
    lower_names,
    standard_copy,
)

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
    #: Part names in lower case -> as stored: the standard matches part names without case.
    names: dict[str, str] = field(default_factory=dict)
    workbook_part: str = STANDARD_WORKBOOK
    _last: tuple[str, bytes | None] | None = None

    def has_part(self, name: str) -> bool:
        return name.lower() in self.names

    def calamine_bytes(self) -> bytes:
        """The bytes python-calamine is given: the file itself, or a copy with the workbook
        part where calamine looks for it (read/package.py)."""
        if self.workbook_part == STANDARD_WORKBOOK:
            return self.data
        return standard_copy(self.archive, self.names, self.workbook_part)

    def read_part(self, name: str) -> bytes | None:
        """The part's bytes; the last one is kept, as a sheet is read twice in a row (its
        extent before calamine loads it, its error cells after)."""
        name = self.names.get(name.lower(), name)
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

    def forget_part(self) -> None:
        """Let go of the part kept by read_part: a sheet of 100,000 rows is 80 MB of XML,
        which would otherwise stay in memory while its rows are checked."""
        self._last = None


def entities_refused(part: str) -> str:
    """The reason given for a part that declares XML entities, wherever it is noticed."""
    return (f"refused: {part} uses XML entities, which a workbook never needs (a possible "
            "XML attack)")


def _describe_non_zip(head: bytes) -> str:
    if head.startswith(_OLE):
        return "old-format"
    biff = biff_reason(head)
    if biff is not None:
        return biff
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith(b"<?xml") and xml_reason(stripped) is not None:
        return xml_reason(stripped)
    if stripped.startswith((b"<?xml", b"<html", b"<!doctype", b"<table")):
        return ("this is an XML or web page file, not an .xlsx workbook; open it in Excel or "
                "LibreOffice and save it as Excel Workbook (.xlsx)")
    if stripped and all(32 <= b < 127 or b in (9, 10, 13) for b in stripped[:512]):
        return ("this is a text or CSV file, not an .xlsx workbook; open it in Excel or "
                "LibreOffice and save it as Excel Workbook (.xlsx)")
    return "this is not an Excel workbook (.xlsx)"


def _check_archive(path: Path, archive: zipfile.ZipFile) -> str:
    """Refuse what must not be read; return the stored name of the workbook part."""
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
    lower = lower_names(archive)
    if len(lower) < len(members):
        raise WorkbookError(path, "refused: the archive holds two parts whose names differ "
                                  "only in case (a damaged or tampered file); save it again "
                                  "from Excel")
    workbook = find_workbook(archive, lower)
    if workbook is None:
        mimetype = _head(archive, archive.getinfo(lower["mimetype"]), 200) \
            if "mimetype" in lower else None
        raise WorkbookError(path, zip_reason(set(lower), mimetype) or (
            "this is a zip archive but not an Excel workbook (no xl/workbook.xml inside)"))
    if _has_macros(archive, lower):
        raise WorkbookError(path, "refused: the workbook contains macros; save a copy as Excel "
                                  "Workbook (.xlsx) without macros and validate that")
    if b"spreadsheetml.template.main" in _content_types(archive, lower).lower():
        raise WorkbookError(path, template_reason())
    for info in members:
        if info.filename.lower().endswith((".xml", ".rels", ".vml")) and _declares_entities(
                archive, info):
            raise WorkbookError(path, entities_refused(info.filename))
    return workbook


def _has_macros(archive: zipfile.ZipFile, lower: dict[str, str]) -> bool:
    """VBA, Excel 4 macro sheets, or a macro-enabled content type, whatever the file's name.

    Part names in a package are case-insensitive, so they are compared in lower case.
    """
    if any(n.endswith("vbaproject.bin") or n.startswith("xl/macrosheets/") for n in lower):
        return True
    types = _content_types(archive, lower).lower()
    return b"macroenabled" in types or b"vbaproject" in types


def _content_types(archive: zipfile.ZipFile, lower: dict[str, str]) -> bytes:
    stored = lower.get("[content_types].xml")
    return _head(archive, archive.getinfo(stored)) if stored else b""


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


def open_regular(path: str | Path):
    """A regular file opened for reading in binary; anything else is refused unopened.

    Opening a named pipe waits for a writer that may never come, and reading a device may
    never end, so what the path is is checked first, and checked again on the opened file
    (opened without waiting), in case it was swapped in between. Failures here come from
    the file's surroundings, not its bytes, and are marked transient.
    """
    path = Path(path)
    what = not_a_regular_file(path)
    if what is not None:
        raise WorkbookError(path, f"not read: it is {what}, not a regular file", transient=True)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise WorkbookError(path, "no such file", transient=True) from None
    except OSError as exc:
        raise WorkbookError(path, f"cannot be read ({os_reason(exc)})", transient=True) from None
    handle = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
        handle.close()
        raise WorkbookError(path, "not read: it is not a regular file", transient=True)
    return handle


def read_regular(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file (see open_regular), up to ``limit``."""
    path = Path(path)
    with open_regular(path) as handle:
        info = os.fstat(handle.fileno())
        if info.st_size > limit:
            raise WorkbookError(path, f"refused: {info.st_size / 2**20:.0f} MiB is larger than "
                                      f"the {limit // 2**20} MiB limit for a tracker")
        try:
            data = handle.read(limit + 1)
        except OSError as exc:
            raise WorkbookError(path, f"cannot be read ({os_reason(exc)})",
                                transient=True) from None
    if len(data) > limit:
        raise WorkbookError(path, f"refused: the file is larger than the {limit // 2**20} MiB "
                                  "limit for a tracker")
    return data


def open_workbook(path: str | Path, data: bytes | None = None) -> OpenedWorkbook:
    """Check ``path`` (or ``data``, its bytes already read) and return it opened, or raise
    WorkbookError with a one-line reason."""
    path = Path(path)
    if data is None:
        data = read_regular(path)
    if not data:
        raise WorkbookError(path, "the file is empty (0 bytes)")
    if not data.startswith(b"PK"):
        reason = _describe_non_zip(data[:4096])
        if reason == "old-format":
            if _ENCRYPTED_STREAM in data:
                reason = ("the workbook is password-protected (encrypted); remove the password "
                          "to open it (File > Info > Protect Workbook) and save again")
            else:
                reason = ole_reason(data)
        raise WorkbookError(path, reason)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise WorkbookError(path, "the file is damaged or incomplete (not a readable .xlsx "
                                  "archive); save it again from Excel") from None
    workbook = _check_archive(path, archive)
    return OpenedWorkbook(path=path, data=data, archive=archive, names=lower_names(archive),
                          workbook_part=workbook)
