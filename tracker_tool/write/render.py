"""Render reports for the terminal and for other programs: text, JSON and CSV.

No click here, so the library can render too; the CLI only chooses the format.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tracker_tool.core.cell_values import FORMULA_TRIGGERS
from tracker_tool.core.findings import FINDING_KEYS
from tracker_tool.core.report import Report
from tracker_tool.core.wording import plural, printable

CSV_COLUMNS = ("path", *FINDING_KEYS)


def to_json(reports: list[Report], failures: list[tuple[str, str]] = ()) -> str:
    """The reports and the files that could not be read, serialised in one pass: a large
    return has tens of thousands of findings, so the text is never parsed and made again."""
    return json.dumps(_json_data(reports, failures), indent=2, ensure_ascii=False)


def write_json(reports: list[Report], failures: list[tuple[str, str]], write) -> None:
    """to_json's text handed to ``write`` piece by piece as it is made, then a newline.

    The whole text of 100,000 rows' findings, and the millions of pieces json joins it from,
    would otherwise be in memory at once on top of the findings. The findings, nearly all of
    the text, are written by _findings_json a thousand at a time: json's indented encoder is
    pure Python, called once for every key and value."""
    data = _json_data(reports, failures)
    findings = {}
    for i, workbook in enumerate(data["workbooks"]):
        findings[_encode(f"\0findings {i}")] = workbook["findings"]
        workbook["findings"] = f"\0findings {i}"  # a marker no workbook's text can hold
    encoder = json.JSONEncoder(indent=2, ensure_ascii=False)
    pieces: list[str] = []
    for piece in encoder.iterencode(data):
        if piece in findings:
            # The findings list is the value of a report's key: at nesting level 3.
            for text in _findings_json(findings.pop(piece), 3):
                pieces.append(text)
                write("".join(pieces))
                pieces.clear()
            continue
        pieces.append(piece)
        if len(pieces) >= 8192:
            write("".join(pieces))
            pieces.clear()
    pieces.append("\n")
    write("".join(pieces))


_encode = json.encoder.encode_basestring  # json's own string encoder (ensure_ascii=False)


def _findings_json(items: list[dict], level: int, batch: int = 1000):
    """The text json.dumps(items, indent=2, ensure_ascii=False) gives for the list ``items``
    of flat dicts nested ``level`` deep, in pieces of ``batch`` items. A value other than
    text, a whole number, true, false or null is left to json itself."""
    if not items:
        yield "[]"
        return
    outer = "\n" + "  " * level
    inner = outer + "  "
    keys = inner + "  "
    key_sep = "," + keys
    nested = "\n" + "  " * (level + 2)

    def value(v) -> str:
        cls = v.__class__
        if cls is str:
            return _encode(v)
        if v is None:
            return "null"
        if v is True or v is False:
            return "true" if v else "false"
        if cls is int:
            return int.__repr__(v)
        return json.dumps(v, indent=2, ensure_ascii=False).replace("\n", nested)

    def one(d: dict) -> str:
        if not d or not all(k.__class__ is str for k in d):
            return json.dumps(d, indent=2, ensure_ascii=False).replace("\n", inner)
        return "{" + keys + key_sep.join(
            [f"{_encode(k)}: {value(v)}" for k, v in d.items()]) + inner + "}"

    for start in range(0, len(items), batch):
        text = ("," + inner).join([one(d) for d in items[start:start + batch]])
        yield ("[" + inner if start == 0 else "," + inner) + text
    yield outer + "]"


def _json_data(reports: list[Report], failures) -> dict:
    return {"workbooks": [r.to_dict() for r in reports],
            "unreadable": [{"path": p, "reason": r} for p, r in failures]}


def _inert(value) -> str:
    """CSV cells that start like a formula get a leading apostrophe (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def to_csv(reports: list[Report]) -> str:
    """One row per finding. Rows end in CRLF (RFC 4180) because the csv module quotes only
    fields holding the line terminator's characters: with a bare LF, a value holding a
    carriage return went out unquoted, and a spreadsheet would start a new row at it, so
    text after it (``x\r=HYPERLINK(...)``) would begin a cell and run as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for report in reports:
        path = _inert(report.path)
        writer.writerows([path, *map(_inert, f.to_dict().values())] for f in report.findings)
    return buffer.getvalue()


def to_text(reports: list[Report], failures: list[tuple[str, str]] = ()) -> str:
    lines = []
    for report in reports:
        name = Path(report.path).name
        verdict = "OK" if report.ok else "ERRORS"
        lines.append(f"{name}: {verdict} - {plural(report.rows, 'action')}, "
                     f"{plural(report.errors, 'error')}, "
                     f"{plural(report.escalations_due, 'escalation')}, "
                     f"{plural(report.warnings, 'warning')} "
                     f"(tracker {report.tracker}, template "
                     f"{report.template_version or 'unknown'}, as of "
                     f"{report.as_of.strftime('%d/%m/%Y')})")
        for f in report.findings:
            where = f"{f.sheet}!{f.cell}" if f.sheet and f.cell else (
                f"{f.sheet} row {f.row}" if f.row else "workbook")
            lines.append(f"  {where:<14} {f.severity.value:<10} {f.code:<28} {f.message} "
                         f"[{f.clause}]")
        if report.figures:
            figures = ", ".join(f"{fig.label.lower()} {fig.shown}" for fig in report.figures)
            lines.append(f"  Figures: {figures}")
        lines.append("")
    for path, reason in failures:
        lines.append(f"{Path(path).name}: NOT READ - {reason}")
    # Messages quote the workbook: show its control characters, never send them to a terminal.
    text = "\n".join(printable(line) for line in lines).rstrip()
    return text + "\n" if text else ""
