"""Formula and CSV injection: whatever a returned workbook holds comes out as inert text.

Each payload is typed into every column of a returned tracker (text, long text, date,
choice and number columns), into the header of an extra column and into the sheet's name.
The tests then read the outputs back: the audit workbook with openpyxl and at the XML level
(no formula, no live link, a quote prefix on anything a spreadsheet could take for a formula)
and the CSV from ``validate --format csv`` (every such field starts with an apostrophe, as
OWASP's CSV-injection guidance asks).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

import openpyxl
import pytest
from _builders import (
    AS_OF,
    TRACKER,
    clean_entry,
    stamp_values,
    template_columns,
    write_sheet,
)
from _hostile import TRIGGERS, run_cli

from tracker_tool import api

PAYLOADS = {
    "hyperlink": '=HYPERLINK("http://x","click")',
    "plus": "+1+1",
    "minus": "-2+3",
    "at": "@SUM(A1)",
    "tab": "\t=1+1",
    "carriage-return": "\r=1+1",
    "dde": "=cmd|' /C calc'!A0",
}
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def unescape(text: str) -> str:
    """openpyxl leaves OOXML's escapes of control characters (_x000D_) as they are."""
    return _ESCAPED.sub(lambda m: chr(int(m[1], 16)), text)


def poisoned_workbook(folder, payload: str):
    """A tracker whose row 4 holds ``payload`` in every column, with an extra column headed
    by it, on a sheet named after it; row 5 is clean."""
    columns = template_columns() + [(None, payload)]
    poisoned = [payload] * len(columns)
    clean = [clean_entry(action_id="A-002").get(key) for key, _ in template_columns()] + [None]
    return write_sheet(folder / "poisoned.xlsx", columns, [poisoned, clean],
                       stamp=stamp_values(), sheet=sheet_name(payload))


def sheet_name(payload: str) -> str:
    """The payload as near as Excel allows in a sheet name."""
    return re.sub(r"[\[\]:*?/\\\r\t]", "", payload)[:31]


@pytest.fixture(params=list(PAYLOADS), scope="module")
def payload_book(request, tmp_path_factory):
    payload = PAYLOADS[request.param]
    folder = tmp_path_factory.mktemp(request.param)
    return payload, poisoned_workbook(folder, payload)


def test_every_kind_of_column_received_the_payload(payload_book):
    """The payload reached date, choice and number columns as findings quoting it."""
    payload, path = payload_book
    report = api.validate_workbook(path, as_of=AS_OF)
    kinds = {TRACKER.by_key[f.field].kind.name for f in report.findings
             if f.value == payload and f.field}
    assert {"DATE", "CHOICE", "WHOLE_NUMBER"} <= kinds
    # headings are read stripped of surrounding white space, like any title
    assert any(f.code == "column.unknown" and f.value == payload.strip()
               for f in report.findings)


@pytest.fixture(scope="module")
def audit_of(payload_book, tmp_path_factory):
    payload, path = payload_book
    out = tmp_path_factory.mktemp("audit") / "audit.xlsx"
    api.write_audit(path, out, as_of=AS_OF)
    return payload, out


def test_audit_workbook_has_no_formula_and_no_external_link(audit_of):
    _, out = audit_of
    with zipfile.ZipFile(out) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                assert b"<f>" not in data and b"<f " not in data, name
            if name.endswith(".rels"):
                assert b'TargetMode="External"' not in data, name
        assert not any(n.startswith(("xl/externalLinks/", "xl/connections")) for n in
                       archive.namelist())


def test_audit_workbook_holds_the_payload_as_quoted_text(audit_of):
    payload, out = audit_of
    book = openpyxl.load_workbook(out)
    seen = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate)
                if cell.hyperlink is not None:
                    assert cell.hyperlink.target is None, (ws.title, cell.coordinate)
                if not isinstance(cell.value, str):
                    continue
                text = unescape(cell.value)
                seen += payload in text
                if text.startswith(TRIGGERS):
                    assert cell.quotePrefix, (ws.title, cell.coordinate, text)
    assert seen >= len(TRACKER.columns)  # the copy, the Findings sheet, the action review


def test_csv_output_prefixes_every_formula_like_field(payload_book):
    payload, path = payload_book
    result = run_cli("validate", path, "--format", "csv", "--as-of", AS_OF.isoformat())
    assert result.exit_code == 1
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode(), newline="")))
    header, body = rows[0], rows[1:]
    for row in body:
        for field in row:
            assert not field.startswith(TRIGGERS), (header, row)
    values = [dict(zip(header, row)) for row in body]
    assert any(v["value"] == "'" + payload for v in values)
    sheet = sheet_name(payload)
    # a workbook stamped as the current template without its Reviews sheet: reviews.missing-sheet
    assert {v["sheet"] for v in values} <= {sheet, "'" + sheet, "", "Reviews"}


def test_a_file_named_like_a_formula(tmp_path, monkeypatch):
    path = write_sheet(tmp_path / "=HYPERLINK(x).xlsx", template_columns(),
                       [clean_entry(owner=None)], stamp=stamp_values())
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", path.name, "--format", "csv", "--as-of", AS_OF.isoformat())
    (row,) = [r for r in csv.DictReader(io.StringIO(result.stdout)) if r["sheet"] != "Reviews"]
    assert row["path"] == "'" + path.name
    out = tmp_path / "audit.xlsx"
    api.write_audit(path, out, as_of=AS_OF)
    summary = openpyxl.load_workbook(out)["Summary"]
    named = [c for r in summary.iter_rows() for c in r if c.value == path.name]
    assert named and all(c.quotePrefix for c in named)


@pytest.mark.parametrize("breaker", ["\r", "\n", "\r\n"], ids=["cr", "lf", "crlf"])
def test_a_line_break_inside_a_value_cannot_start_a_csv_row(tmp_path, breaker):
    """A spreadsheet starts a new row at a bare CR or LF, so the text after it would be a
    cell of its own; the field must be quoted so the break stays inside it."""
    status = f"In progress{breaker}=HYPERLINK(\"http://x\",\"click\")"
    path = write_sheet(tmp_path / "break.xlsx", template_columns(), [clean_entry(status=status)],
                       stamp=stamp_values())
    result = run_cli("validate", path, "--format", "csv", "--as-of", AS_OF.isoformat())
    text = result.stdout_bytes.decode()  # .stdout would turn CRLF into LF
    rows = [r for r in csv.reader(io.StringIO(text, newline="")) if "Reviews" not in r]
    assert len(rows) == 2 and len(rows[1]) == len(rows[0])
    assert dict(zip(rows[0], rows[1]))["value"] == status
