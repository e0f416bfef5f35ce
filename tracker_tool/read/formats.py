"""Name the spreadsheet formats the tool cannot read, so the message says what the file is.

A manager who saved the tracker from LibreOffice, Numbers or an old Excel needs to hear which
format they used and what to choose instead; "a zip archive but not an Excel workbook" tells
them neither. Everything here works from the first bytes, the zip directory and, for an
OpenDocument file, its one-line mimetype part.
"""

from __future__ import annotations

SAVE_AS = "open it and save it as Excel Workbook (.xlsx)"

_ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"
#: BIFF2 to BIFF4 files are bare record streams; each starts with a BOF record (its number,
#: then a length of 4 to 16 bytes). BIFF5 and later live inside an OLE container.
_BIFF_BOF = {b"\x09\x00": "Excel 2.1", b"\x09\x02": "Excel 3.0", b"\x09\x04": "Excel 4.0"}
_WORKBOOK_STREAM = "Workbook".encode("utf-16-le")
_BOOK_STREAM = "Book".encode("utf-16-le")


def biff_reason(head: bytes) -> str | None:
    """An Excel 2-4 worksheet file (BIFF2-4), from its first record."""
    version = _BIFF_BOF.get(head[:2])
    if version is None or len(head) < 4 or not 4 <= int.from_bytes(head[2:4], "little") <= 16:
        return None
    return f"this is an {version} worksheet (BIFF, Excel 2-4 format); {SAVE_AS}"


def ole_reason(data: bytes) -> str:
    """An OLE container that is not encrypted: Excel 97-2003 (BIFF8) or Excel 5.0/95 (BIFF5)."""
    if _WORKBOOK_STREAM not in data and _BOOK_STREAM in data:
        return f"this is an old-format Excel 5.0/95 workbook (BIFF5); {SAVE_AS}"
    return f"this is an old-format Excel 97-2003 (.xls) file; {SAVE_AS}"


def xml_reason(head: bytes) -> str | None:
    """Spreadsheets saved as one XML file: OpenDocument flat (.fods), Excel 2003 XML."""
    lowered = head.lower()
    if b"office:document" in lowered and b"opendocument" in lowered:
        return ("this is an OpenDocument flat XML spreadsheet (.fods), not an .xlsx "
                f"workbook; {SAVE_AS}")
    if b"urn:schemas-microsoft-com:office:spreadsheet" in lowered:
        return f"this is an Excel 2003 XML spreadsheet, not an .xlsx workbook; {SAVE_AS}"
    return None


def zip_reason(names: set[str], mimetype: bytes | None) -> str | None:
    """Zip-based spreadsheets that are not Office Open XML workbooks. ``names`` in lower case."""
    if mimetype is not None and mimetype.strip().startswith(_ODS_MIME):
        return ("this is an OpenDocument spreadsheet (.ods), as LibreOffice saves by default; "
                f"{SAVE_AS}")
    if "xl/workbook.bin" in names:
        return f"this is an Excel Binary Workbook (.xlsb); {SAVE_AS}"
    if ("index.zip" in names or "index/document.iwa" in names
            or any(n.startswith("index/") and n.endswith(".iwa") for n in names)):
        return ("this is an Apple Numbers document; in Numbers choose File > Export To > "
                "Excel and send the .xlsx")
    return None


def template_reason() -> str:
    return f"this is an Excel template (.xltx), not a workbook; {SAVE_AS}"


def folder_reason(name: str) -> str | None:
    """A Numbers document can be a package: a folder whose name ends in .numbers."""
    if name.lower().endswith(".numbers"):
        return ("this is an Apple Numbers document (a package folder); in Numbers choose "
                "File > Export To > Excel and send the .xlsx")
    return None
