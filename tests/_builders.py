"""Helpers shared by test_read_back.py, test_bad_input.py and the fixture script.

Nothing here is a test. Kept free of pytest imports so that
``tests/fixtures/make_libreoffice_fixtures.py`` can import it when run by hand.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from tracker_tool import api
from tracker_tool.core.stamp import (
    PROP_FINGERPRINT,
    PROP_KIND,
    PROP_SHEET,
    PROP_VERSION,
    STAMP_SHEET,
)
from tracker_tool.trackers import get_tracker

#: The audit date every test pins; nothing may depend on today's date.
AS_OF = date(2026, 11, 21)

TRACKER = get_tracker("action-plan")
SHEET = TRACKER.sheet_name  # "Actions"
FIXTURES = Path(__file__).parent / "fixtures"


def letter(key: str) -> str:
    """The template's column letter of a field, e.g. 'due_date' -> 'I'."""
    from tracker_tool.core.a1 import column_letter

    return column_letter(TRACKER.by_key[key].index)


def title(key: str) -> str:
    return TRACKER.by_key[key].title


def clean_entry(**overrides) -> dict:
    """An action row that raises no finding at all as of AS_OF."""
    entry = {
        "action_id": "A-001",
        "title": "Re-audit MAR charts",
        "source": "Audit",
        "source_ref": "AUD-2026-014",
        "date_created": date(2026, 9, 2),
        "description": "Audit the last 20 MAR charts for missed signatures",
        "intended_outcome": "No missed signatures in the repeat audit",
        "owner": "Priya Shah",
        "due_date": date(2026, 12, 30),
        "priority": "Medium",
        "evidence_required": "Repeat MAR audit report",
        "review_date": date(2026, 12, 10),
        "escalation_route": "Registered Manager",
        "status": "In progress",
        "progress_update": "12 of 20 charts audited",
    }
    entry.update(overrides)
    return entry


def pairs(report) -> set[tuple[str, str | None]]:
    """The report's findings as a set of (code, cell)."""
    return {(f.code, f.cell) for f in report.findings}


def codes(report) -> set[str]:
    return {f.code for f in report.findings}


def only(report, code: str):
    """The one finding with ``code``; fails loudly when there are none or several."""
    found = [f for f in report.findings if f.code == code]
    assert len(found) == 1, (code, [(f.code, f.cell) for f in report.findings])
    return found[0]


def validate(path, **kwargs):
    """The report on ``path``, without its Reviews sheet's findings: these tests are about
    reading the tracker sheet, and their workbooks (some written by hand, without the sheet)
    keep no record of reviews. tests/test_reviews_sheet.py tests that sheet."""
    kwargs.setdefault("as_of", AS_OF)
    report = api.validate_workbook(path, **kwargs)
    report.findings = [f for f in report.findings if f.sheet != "Reviews"]
    return report


def build_filled(path, entries) -> Path:
    return api.build_template("action-plan", path, entries=list(entries))


# --------------------------------------------------------------------------------------------
# Entries shared by the LibreOffice fixture script and the round-trip test.
# Row 4 is the first entry row of the template.
# --------------------------------------------------------------------------------------------

LIBREOFFICE_ENTRIES: list[dict] = [
    # row 4: clean
    clean_entry(action_id="A-001"),
    # row 5: impossible text date, group owner, "high " forgiven but no reason given
    clean_entry(action_id="A-002", date_created="31/09/2026", owner="All staff",
                priority="high ", review_date=date(2026, 11, 30)),
    # row 6: not a date, not a number, not in the list
    clean_entry(action_id="A-003", due_date="ASAP", extensions="two", status="Finished"),
    # row 7: blank row in the middle (skipped)
    {},
    # row 8: complete without completion date or evidence; text dates that parse
    clean_entry(action_id="A-005", status="Complete", date_created="02/09/2026",
                due_date="21 Nov 2026", review_date="2026-11-21", extensions="2",
                original_due_date=date(2026, 11, 1)),
    # row 9: overdue, high priority, medicine safety, not escalated; datetime with a time
    clean_entry(action_id="A-006", priority="High", high_priority_reason="Medicine safety",
                due_date=datetime(2026, 10, 1, 14, 30), source="CQC inspection",
                progress_update=None, date_created=date(2026, 9, 20),
                review_date=date(2026, 11, 30)),
    # row 10: month-first date, 1.5 extensions, missing owner
    clean_entry(action_id="A-007", due_date="11/25/2026", extensions=1.5, owner=None),
    # row 11: an ID alone (skipped: pre-numbered template row)
    {"action_id": "A-008"},
]


# --------------------------------------------------------------------------------------------
# Hand-made workbooks (no template): for 1904 dates, formula errors, odd headers and stamps.
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Formula:
    """A formula cell with a cached result, e.g. Formula("=1/0", "#DIV/0!")."""

    formula: str
    cached: object


def template_columns() -> list[tuple[str | None, str]]:
    """(key, header title) for every template column, in order, titles as the template has."""
    from tracker_tool.write.template import header_title

    return [(spec.key, header_title(spec)) for spec in TRACKER.columns]


def stamp_values(**overrides) -> dict[str, str]:
    values = {PROP_KIND: TRACKER.kind, PROP_VERSION: TRACKER.version,
              PROP_FINGERPRINT: TRACKER.fingerprint, PROP_SHEET: TRACKER.sheet_name}
    values.update(overrides)
    return values


def write_sheet(path, columns: Sequence[tuple[str | None, str]], rows: Iterable,
                *, keyed: bool = True, stamp: Mapping[str, str] | None = None,
                date_1904: bool = False, rows_above: int = 0, sheet: str = "Actions",
                group_row: bool = True) -> Path:
    """Write a tracker-like workbook by hand with XlsxWriter.

    Layout (0-based, ``rows_above`` extra rows first): optional group row, optional key row
    (``keyed``), the header row, then one row per item of ``rows``. A row is either a list
    aligned with ``columns`` or a dict of field key -> value (first column with that key; keys
    without a column are dropped).
    Values are written as their type: str as text, numbers as General numbers, date/datetime
    as dd/mm/yyyy dates, Formula as a formula with a cached result, None not written.
    """
    import xlsxwriter

    path = Path(path)
    wb = xlsxwriter.Workbook(str(path), {"date_1904": date_1904})
    ws = wb.add_worksheet(sheet)
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    datetime_fmt = wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    r = 0
    for i in range(rows_above):
        ws.write_string(r, 0, f"Quality governance return, section {i + 1}")
        r += 1
    if group_row:
        ws.write_string(r, 0, "The action")
        r += 1
    if keyed:
        for c, (key, _) in enumerate(columns):
            if key is not None:
                ws.write_string(r, c, key)
        r += 1
    for c, (_, text) in enumerate(columns):
        ws.write_string(r, c, text)
    r += 1
    keys = [key for key, _ in columns]
    for row in rows:
        if isinstance(row, Mapping):
            values = [None] * len(columns)
            for key, value in row.items():
                if key in keys:  # a deleted column's value is simply not written
                    values[keys.index(key)] = value
        else:
            values = list(row)
        for c, value in enumerate(values):
            _write_value(ws, r, c, value, date_fmt, datetime_fmt)
        r += 1
    if stamp is not None:
        for key, value in stamp.items():
            wb.set_custom_property(key, value)
        st = wb.add_worksheet(STAMP_SHEET)
        for i, (key, value) in enumerate(stamp.items()):
            st.write_string(i, 0, key)
            st.write_string(i, 1, value)
        st.very_hidden()
    wb.close()
    return path


def _write_value(ws, r, c, value, date_fmt, datetime_fmt) -> None:
    if value is None:
        return
    if isinstance(value, Formula):
        ws.write_formula(r, c, value.formula, None, value.cached)
    elif isinstance(value, datetime):
        ws.write_datetime(r, c, value, datetime_fmt if value.time() != datetime.min.time()
                          else date_fmt)
    elif isinstance(value, date):
        ws.write_datetime(r, c, datetime.combine(value, datetime.min.time()), date_fmt)
    elif isinstance(value, bool):
        ws.write_boolean(r, c, value)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value)
    else:
        ws.write_string(r, c, str(value))


def rewrite_parts(src, dst, edits: Mapping[str, Callable[[bytes], bytes]],
                  add: Mapping[str, bytes] | None = None) -> Path:
    """Copy the zip ``src`` to ``dst``, passing the named members through ``edits``."""
    src, dst = Path(src), Path(dst)
    buffer = io.BytesIO()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in edits:
                data = edits[info.filename](data)
            zout.writestr(info.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    dst.write_bytes(buffer.getvalue())
    return dst


def replace_bytes(old: str, new: str, count: int | None = None) -> Callable[[bytes], bytes]:
    """An edit for rewrite_parts that insists ``old`` is present (so a test cannot pass vacuously)."""

    def edit(data: bytes) -> bytes:
        found = data.count(old.encode())
        if found == 0 or (count is not None and found != count):
            raise AssertionError(f"expected {count or 'some'} of {old!r} in part, found {found}")
        return data.replace(old.encode(), new.encode())

    return edit


def restamp(src, dst, **changes: str) -> Path:
    """Rewrite a generated template's stamp (custom properties and the hidden sheet) in place.

    ``changes`` maps a stamp key (tracker_kind, template_version, schema_fingerprint) to the
    new value. The hidden stamp sheet stores its values in the shared strings table.
    """
    current = stamp_values()
    edits_custom, edits_shared = [], []
    for key, new in changes.items():
        old = current[key]
        edits_custom.append(replace_bytes(f"<vt:lpwstr>{old}</vt:lpwstr>",
                                          f"<vt:lpwstr>{new}</vt:lpwstr>", 1))
        edits_shared.append(replace_bytes(f"<t>{old}</t>", f"<t>{new}</t>", 1))

    def chain(funcs):
        def run(data: bytes) -> bytes:
            for func in funcs:
                data = func(data)
            return data
        return run

    return rewrite_parts(src, dst, {"docProps/custom.xml": chain(edits_custom),
                                    "xl/sharedStrings.xml": chain(edits_shared)})
