"""Render reports for the terminal and for other programs: text, JSON and CSV.

No click here, so the library can render too; the CLI only chooses the format.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tracker_tool.core.cell_values import FORMULA_TRIGGERS
from tracker_tool.core.findings import FINDING_KEYS, finding_values
from tracker_tool.core.report import Report
from tracker_tool.core.wording import plural, printable
from tracker_tool.write import json_text

CSV_COLUMNS = ("path", *FINDING_KEYS)


def to_json(reports: list[Report], failures: list[tuple[str, str]] = ()) -> str:
    """The reports and the files that could not be read, serialised in one pass: a large
    return has tens of thousands of findings, so the text is never parsed and made again."""
    return "".join(json_text.pieces(_json_data(reports, failures)))


def write_json(reports: list[Report], failures: list[tuple[str, str]], write) -> None:
    """to_json's text handed to ``write`` piece by piece as it is made, then a newline.

    The whole text of 100,000 rows' findings, and the millions of pieces it is joined from,
    would otherwise be in memory at once on top of the findings."""
    pieces: list[str] = []
    size = 0
    for piece in json_text.pieces(_json_data(reports, failures)):
        pieces.append(piece)
        size += len(piece)
        if size >= 1 << 16:
            write("".join(pieces))
            pieces.clear()
            size = 0
    pieces.append("\n")
    write("".join(pieces))


def _json_data(reports: list[Report], failures) -> dict:
    workbooks = []
    for report in reports:
        data = report.to_dict(finding_dicts=False)
        data["findings"] = json_text.Findings(data["findings"])
        workbooks.append(data)
    return {"workbooks": workbooks,
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
    triggers = FORMULA_TRIGGERS
    for report in reports:
        path = _inert(report.path)
        # _inert on every value, spelt out for the usual text (and None) so that 200,000
        # values a 10,000-row return make no call each.
        writer.writerows(
            [path, *[v if v.__class__ is str and not v.startswith(triggers)
                     else "" if v is None else _inert(v) for v in finding_values(f)]]
            for f in report.findings)
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
    # Each line is escaped on its own (the breaks between them are not), but only when one
    # holds such a character: one search of the whole text says, for 15,000 findings.
    joined = "".join(lines)
    if printable(joined) != joined:
        lines = [printable(line) for line in lines]
    text = "\n".join(lines).rstrip()
    return text + "\n" if text else ""
