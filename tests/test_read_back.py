"""Reading returned workbooks back: dates, numbers, choices, blank rows, formula errors,
finding locations, moved/missing/extra columns, template stamps and a LibreOffice round trip.

Every test pins the audit date (AS_OF = 21/11/2026); none depends on today's date.
Row numbers in comments are Excel's (1-based): the template's first entry row is 4.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
from _builders import (
    FIXTURES,
    LIBREOFFICE_ENTRIES,
    SHEET,
    TRACKER,
    Formula,
    build_filled,
    clean_entry,
    codes,
    only,
    pairs,
    restamp,
    stamp_values,
    template_columns,
    validate,
    write_sheet,
)

from tracker_tool.core.cell_values import display
from tracker_tool.core.findings import Severity
from tracker_tool.read.workbook import load_workbook

FIRST = 4  # Excel row of the first entry in the template layout

ONE_DAY = re.compile(r"\b1 days? overdue")
_CREATED = re.compile(r"before it was created \((\d\d/\d\d/\d{4})\)")


def created_as_read(report, row: int) -> date:
    """The Date created the validator read on ``row``.

    Rows that probe a date put it in Date created and set Due date to 20/11/2026, so the
    ``dates.due-before-created`` message spells out the date as parsed.
    """
    found = [f for f in report.findings_for_row(row) if f.code == "dates.due-before-created"]
    assert len(found) == 1, [(f.code, f.cell, f.message) for f in report.findings_for_row(row)]
    day, month, year = _CREATED.search(found[0].message).group(1).split("/")
    return date(int(year), int(month), int(day))


def probe_created(value, action_id: str) -> dict:
    """A clean row whose Date created is ``value`` and whose due date is 20/11/2026."""
    return clean_entry(action_id=action_id, date_created=value, due_date=date(2026, 11, 20))


def row_pairs(report, row: int) -> set[tuple[str, str]]:
    return {(f.code, f.cell) for f in report.findings_for_row(row)}


# ============================================================================================
# One filled template holding many typed values, each on its own row.
# ============================================================================================

GOOD_DATE_TEXTS = [
    "21/11/2026", "21-11-26", "21 Nov 2026", "21 November 2026", "2026-11-21",
    " 21/11/2026 ", "21.11.2026", "21/11/26", "21st November 2026", "21/11/2026 14:30",
]

# (label, value typed into Date created) for values that are real Excel dates in the template
REAL_DATES = [
    ("date", date(2026, 11, 21)),
    ("datetime-with-time", datetime(2026, 11, 21, 15, 45)),
    ("datetime-just-before-midnight", datetime(2026, 11, 21, 23, 59, 59)),
]

ROWS: list[tuple[str, dict]] = []
for _i, _text in enumerate(GOOD_DATE_TEXTS):
    ROWS.append((f"text:{_text}", probe_created(_text, f"T-{_i}")))
for _label, _value in REAL_DATES:
    ROWS.append((f"real:{_label}", probe_created(_value, f"R-{_label}")))
ROWS += [
    ("bad:31/09/2026", clean_entry(action_id="B-1", date_created="31/09/2026")),
    ("bad:ASAP", clean_entry(action_id="B-2", date_created="ASAP")),
    ("bad:11/25/2026", clean_entry(action_id="B-3", date_created="11/25/2026")),
    ("bad:29/02/2026", clean_entry(action_id="B-4", date_created="29/02/2026")),
    # Number of extensions: overdue with an escalation recorded, so the count shows in
    # the escalation reasons ("extended 2 times") without an escalation.due finding.
    ("ext:'2'", clean_entry(action_id="N-1", extensions="2", due_date=date(2026, 11, 1),
                            original_due_date=date(2026, 10, 1),
                            escalation_record="Raised with the NI on 02/11/2026")),
    ("ext:2.0", clean_entry(action_id="N-2", extensions=2.0, due_date=date(2026, 11, 1),
                            original_due_date=date(2026, 10, 1),
                            escalation_record="Raised with the NI on 02/11/2026")),
    ("ext:'two'", clean_entry(action_id="N-3", extensions="two")),
    ("ext:1.5", clean_entry(action_id="N-4", extensions=1.5)),
    ("ext:'-1'", clean_entry(action_id="N-5", extensions="-1")),
    ("ext:'1.5'", clean_entry(action_id="N-6", extensions="1.5")),
    # choices: 'high ' is High (so High-without-reason warns at the reason cell)
    ("choice:'high '", clean_entry(action_id="C-1", priority="high ",
                                   date_created=date(2026, 11, 20), due_date=date(2026, 12, 1),
                                   review_date=date(2026, 11, 30))),
    ("choice:'  in   PROGRESS '", clean_entry(action_id="C-2", status="  in   PROGRESS ")),
    ("choice:'Urgent'", clean_entry(action_id="C-3", priority="Urgent")),
    ("choice:'Done'", clean_entry(action_id="C-4", status="Done")),
]
ROW_OF = {label: FIRST + i for i, (label, _) in enumerate(ROWS)}


@pytest.fixture(scope="module")
def typed_report(tmp_path_factory):
    path = tmp_path_factory.mktemp("typed") / "typed.xlsx"
    build_filled(path, [entry for _, entry in ROWS])
    return validate(path)


def test_typed_book_counts_every_row(typed_report):
    assert typed_report.rows == len(ROWS)
    assert typed_report.sheet == SHEET


@pytest.mark.parametrize("text", GOOD_DATE_TEXTS)
def test_uk_text_date_parses_without_finding(typed_report, text):
    row = ROW_OF[f"text:{text}"]
    assert not {c for c, _ in row_pairs(typed_report, row)} & {
        "date.not-a-date", "date.impossible"}
    assert created_as_read(typed_report, row) == date(2026, 11, 21)
    # the due date (20/11/2026) is read too: one day overdue, nothing else on the row
    assert row_pairs(typed_report, row) == {("dates.due-before-created", f"J{row}"),
                                            ("action.overdue", f"J{row}")}
    assert ONE_DAY.search(only_on(typed_report, row, "action.overdue").message)


@pytest.mark.parametrize("label", [label for label, _ in REAL_DATES])
def test_real_excel_dates_read_as_dates(typed_report, label):
    row = ROW_OF[f"real:{label}"]
    assert created_as_read(typed_report, row) == date(2026, 11, 21)
    assert row_pairs(typed_report, row) == {("dates.due-before-created", f"J{row}"),
                                            ("action.overdue", f"J{row}")}


def only_on(report, row: int, code: str):
    found = [f for f in report.findings_for_row(row) if f.code == code]
    assert len(found) == 1, [(f.code, f.cell) for f in report.findings_for_row(row)]
    return found[0]


def test_impossible_text_date_is_reported_at_its_cell_with_the_value_typed(typed_report):
    row = ROW_OF["bad:31/09/2026"]
    assert row_pairs(typed_report, row) == {("date.impossible", f"F{row}")}
    f = only_on(typed_report, row, "date.impossible")
    assert f.severity is Severity.ERROR
    assert f.value == "31/09/2026"
    assert "'31/09/2026'" in f.message and "Date created" in f.message
    assert "month first" not in f.message


def test_29_february_in_a_non_leap_year_is_impossible(typed_report):
    row = ROW_OF["bad:29/02/2026"]
    assert row_pairs(typed_report, row) == {("date.impossible", f"F{row}")}


def test_words_are_not_a_date(typed_report):
    row = ROW_OF["bad:ASAP"]
    assert row_pairs(typed_report, row) == {("date.not-a-date", f"F{row}")}
    f = only_on(typed_report, row, "date.not-a-date")
    assert f.value == "ASAP"
    assert "'ASAP'" in f.message
    # an unreadable date is not also reported as a missing one
    assert "date-created.missing" not in {x.code for x in typed_report.findings_for_row(row)}


def test_month_first_text_date_is_said_to_be_swapped(typed_report):
    """No month 25: month first it is 25 November, so day and month look swapped (issue 14,
    item 2); the value stays unread, as an impossible date does."""
    row = ROW_OF["bad:11/25/2026"]
    assert row_pairs(typed_report, row) == {("date.day-month-swapped", f"F{row}")}
    f = only_on(typed_report, row, "date.day-month-swapped")
    assert f.value == "11/25/2026"
    assert "day first" in f.message and "(Date created 25/11/2026)" in f.message


@pytest.mark.parametrize("label", ["ext:'2'", "ext:2.0"])
def test_whole_number_stored_as_text_or_float_is_read(typed_report, label):
    row = ROW_OF[label]
    assert row_pairs(typed_report, row) == {("action.overdue", f"J{row}")}
    escalation = next(e for e in typed_report.escalations if e.row == row)
    assert "extended 2 times" in escalation.reasons


@pytest.mark.parametrize("label, typed", [("ext:'two'", "two"), ("ext:1.5", "1.5"),
                                          ("ext:'-1'", "-1"), ("ext:'1.5'", "1.5")])
def test_not_a_whole_number_is_number_invalid(typed_report, label, typed):
    row = ROW_OF[label]
    assert row_pairs(typed_report, row) == {("number.invalid", f"X{row}")}
    f = only_on(typed_report, row, "number.invalid")
    assert f.value == typed
    assert f.column == "Number of extensions"


def test_choice_forgives_case_and_trailing_space(typed_report):
    row = ROW_OF["choice:'high '"]
    # read as High: the only finding is High-without-a-reason, at the reason cell
    assert row_pairs(typed_report, row) == {("priority.high-no-reason", f"L{row}")}


def test_choice_forgives_inner_spacing(typed_report):
    row = ROW_OF["choice:'  in   PROGRESS '"]
    assert row_pairs(typed_report, row) == set()


@pytest.mark.parametrize("label, cell_letter, typed, allowed", [
    ("choice:'Urgent'", "K", "Urgent", "High, Medium, Low"),
    ("choice:'Done'", "Q", "Done", "Not started, In progress, Awaiting external input, "
                                    "Complete, Closed"),
])
def test_value_not_in_the_list(typed_report, label, cell_letter, typed, allowed):
    row = ROW_OF[label]
    assert row_pairs(typed_report, row) == {("choice.not-allowed", f"{cell_letter}{row}")}
    f = only_on(typed_report, row, "choice.not-allowed")
    assert f.value == typed
    assert allowed in f.message
    # a value that is present but wrong is not "missing"
    assert not any(x.code.endswith(".missing") for x in typed_report.findings_for_row(row))


# ============================================================================================
# Serial numbers, datetimes and the 1904 date system, in hand-made workbooks.
# ============================================================================================

SERIAL_1900 = 46347   # 21/11/2026 in the 1900 date system
SERIAL_1904 = 44885   # 21/11/2026 in the 1904 date system


def _date_rows(created_values):
    return [probe_created(value, f"S-{i}") for i, value in enumerate(created_values)]


def test_serial_numbers_under_general_format_are_dates(tmp_path):
    values = [SERIAL_1900, float(SERIAL_1900), SERIAL_1900 + 0.75,
              datetime(2026, 11, 21, 9, 30), date(2026, 11, 21)]
    path = write_sheet(tmp_path / "serials.xlsx", template_columns(), _date_rows(values),
                       stamp=stamp_values())
    report = validate(path)
    assert report.rows == len(values)
    assert not codes(report) & {"date.not-a-date", "date.impossible"}
    for i in range(len(values)):
        assert created_as_read(report, FIRST + i) == date(2026, 11, 21), values[i]


def test_serial_number_out_of_range_is_not_a_date(tmp_path):
    rows = [clean_entry(action_id="A-1", date_created=-5),
            clean_entry(action_id="A-2", date_created=99999999)]
    path = write_sheet(tmp_path / "serials.xlsx", template_columns(), rows, stamp=stamp_values())
    report = validate(path)
    assert pairs(report) == {("date.not-a-date", "F4"), ("date.not-a-date", "F5")}


def test_1904_date_system_reads_formatted_dates_and_raw_serials(tmp_path):
    values = [date(2026, 11, 21), datetime(2026, 11, 21, 15, 45), SERIAL_1904,
              float(SERIAL_1904), "21/11/2026"]
    path = write_sheet(tmp_path / "mac1904.xlsx", template_columns(), _date_rows(values),
                       stamp=stamp_values(), date_1904=True)
    assert load_workbook(path).parts.date1904 is True
    report = validate(path)
    assert report.rows == len(values)
    for i, value in enumerate(values):
        assert created_as_read(report, FIRST + i) == date(2026, 11, 21), value


def test_1904_due_date_serial_gives_the_right_days_overdue(tmp_path):
    # 1904 serial 44884 is 20/11/2026; read in the 1900 system it would be in 2022
    row = clean_entry(due_date=SERIAL_1904 - 1, priority="High",
                      high_priority_reason="Medicine safety", date_created=date(2026, 11, 10),
                      review_date=date(2026, 11, 30))
    path = write_sheet(tmp_path / "mac1904.xlsx", template_columns(), [row],
                       stamp=stamp_values(), date_1904=True)
    report = validate(path)
    overdue = only(report, "action.overdue")
    assert overdue.cell == "J4"
    assert ONE_DAY.search(overdue.message)
    assert [e.due for e in report.escalations] == [date(2026, 11, 20)]


def test_datetime_time_part_is_dropped_for_overdue(tmp_path):
    # due 20/11/2026 at 23:59 is one calendar day overdue on 21/11/2026
    entries = [clean_entry(due_date=datetime(2026, 11, 20, 23, 59), priority="High",
                           high_priority_reason="Safeguarding", date_created=date(2026, 11, 10),
                           review_date=date(2026, 11, 30))]
    report = validate(build_filled(tmp_path / "dt.xlsx", entries))
    assert pairs(report) == {("action.overdue", "J4"), ("escalation.due", "AL4")}
    assert [(e.due, e.days_overdue) for e in report.escalations] == [(date(2026, 11, 20), 1)]


# ============================================================================================
# Blank rows, ID-only rows and the row count.
# ============================================================================================

def test_blank_and_id_only_rows_are_skipped(tmp_path):
    entries = [
        clean_entry(action_id="A-001"),                 # 4
        {},                                             # 5 blank
        {"action_id": "A-002"},                         # 6 ID only: skipped
        {"title": "   ", "owner": ""},                  # 7 whitespace only: blank
        clean_entry(action_id="A-003"),                 # 8
        {},                                             # 9
        {"action_id": "A-004", "owner": "Sam Lee"},     # 10 a real (incomplete) row
        {},                                             # 11
        {"action_id": "A-005"},                         # 12 trailing ID only
        {},                                             # 13
    ]
    report = validate(build_filled(tmp_path / "gaps.xlsx", entries))
    assert report.rows == 3
    assert {f.row for f in report.findings} == {10}
    assert ("title.missing", "B10") in pairs(report)
    # the skipped rows' IDs do not count as duplicates or anything else
    assert not any(f.row in (6, 12) for f in report.findings)
    figures = {fig.key: fig.value for fig in report.figures}
    assert figures["actions"] == 3


def test_empty_template_has_no_rows_and_no_findings(tmp_path):
    report = validate(build_filled(tmp_path / "empty.xlsx", []))
    assert report.rows == 0
    assert report.findings == []
    assert report.template_version == TRACKER.version


# ============================================================================================
# Formula errors.
# ============================================================================================

def _error_book(tmp_path, rows):
    return write_sheet(tmp_path / "errors.xlsx", template_columns(), rows, stamp=stamp_values())


def test_formula_errors_are_reported_at_their_cells_not_as_missing(tmp_path):
    rows = [
        clean_entry(action_id="A-001", owner=Formula("=1/0", "#DIV/0!"),
                    due_date=Formula("=#REF!", "#REF!")),
        clean_entry(action_id="A-002", owner=Formula("=NA()", "#N/A"),
                    due_date=Formula("=1/0", "#DIV/0!")),
        clean_entry(action_id="A-003"),
    ]
    report = validate(_error_book(tmp_path, rows))
    assert report.rows == 3
    assert pairs(report) == {
        ("cell.formula-error", "I4"), ("cell.formula-error", "J4"),
        ("cell.formula-error", "I5"), ("cell.formula-error", "J5"),
    }
    by_cell = {f.cell: f for f in report.findings}
    assert by_cell["I4"].value == "#DIV/0!" and "#DIV/0!" in by_cell["I4"].message
    assert by_cell["J4"].value == "#REF!" and by_cell["J4"].column == "Due date"
    assert by_cell["I5"].value == "#N/A" and by_cell["I5"].column == "Owner"
    assert all(f.severity is Severity.ERROR and f.sheet == SHEET for f in report.findings)
    assert not codes(report) & {"owner.missing", "due-date.missing"}


def test_formula_error_in_text_choice_and_number_columns(tmp_path):
    rows = [clean_entry(priority=Formula("=X1", "#NAME?"), extensions=Formula("=1/0", "#DIV/0!"),
                        title=Formula('=""+1', "#VALUE!"))]
    report = validate(_error_book(tmp_path, rows))
    assert pairs(report) == {("cell.formula-error", "B4"), ("cell.formula-error", "K4"),
                             ("cell.formula-error", "X4")}


def test_row_holding_only_a_formula_error_in_the_middle_is_read(tmp_path):
    rows = [clean_entry(action_id="A-001"), {"owner": Formula("=1/0", "#DIV/0!")},
            clean_entry(action_id="A-003")]
    report = validate(_error_book(tmp_path, rows))
    assert report.rows == 3
    assert ("cell.formula-error", "I5") in pairs(report)


def test_last_row_holding_only_a_formula_error_is_read(tmp_path):
    rows = [clean_entry(action_id="A-001"), {"owner": Formula("=1/0", "#DIV/0!")}]
    report = validate(_error_book(tmp_path, rows))
    assert ("cell.formula-error", "I5") in pairs(report)
    assert report.rows == 2


def _prefix_main_namespace(xml: bytes) -> bytes:
    """The same sheet XML written with an ``x:`` prefix on the main namespace, as the .NET
    Open XML SDK and some other producers do. It means exactly the same to an XML reader."""
    xml = xml.replace(
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
        b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', 1)
    return re.sub(rb"<(/?)(?!x:|\?)([A-Za-z]+)", rb"<\1x:\2", xml)


def test_prefixed_sheet_xml_is_read(tmp_path):
    from _builders import rewrite_parts

    rows = [clean_entry(action_id="A-001", due_date="31/09/2026"), clean_entry(action_id="A-002")]
    src = _error_book(tmp_path, rows)
    path = rewrite_parts(src, tmp_path / "prefixed.xlsx",
                         {"xl/worksheets/sheet1.xml": _prefix_main_namespace})
    report = validate(path)
    assert report.rows == 2
    assert pairs(report) == {("date.impossible", "J4")}


def test_formula_error_in_prefixed_sheet_xml(tmp_path):
    from _builders import rewrite_parts

    rows = [clean_entry(action_id="A-001", owner=Formula("=1/0", "#DIV/0!")),
            clean_entry(action_id="A-002")]
    src = _error_book(tmp_path, rows)
    path = rewrite_parts(src, tmp_path / "prefixed.xlsx",
                         {"xl/worksheets/sheet1.xml": _prefix_main_namespace})
    assert pairs(validate(path)) == {("cell.formula-error", "I4")}


# ============================================================================================
# Every finding is located: sheet, A1 cell, Excel row, column title, value typed.
# ============================================================================================

@pytest.fixture(scope="module")
def mixed_path(tmp_path_factory):
    return build_filled(tmp_path_factory.mktemp("mixed") / "filled.xlsx", LIBREOFFICE_ENTRIES)


@pytest.fixture(scope="module")
def mixed_report(mixed_path):
    return validate(mixed_path)


def test_every_cell_finding_is_fully_located(mixed_report):
    from tracker_tool.core.a1 import parse_a1

    located = [f for f in mixed_report.findings if f.cell is not None]
    assert len(located) >= 10
    for f in located:
        r0, c0 = parse_a1(f.cell)
        spec = TRACKER.columns[c0]
        entry = LIBREOFFICE_ENTRIES[r0 + 1 - FIRST]
        assert f.sheet == SHEET, f
        assert f.row == r0 + 1, f
        assert f.column == spec.title, f
        assert f.field == spec.key, f
        assert f.value == display(entry.get(spec.key)), f
        assert f.clause, f


def test_a_cell_finding_in_full(mixed_report):
    f = next(f for f in mixed_report.findings if f.code == "date.impossible" and f.cell == "F5")
    assert (f.code, f.severity, f.sheet, f.cell, f.row, f.column, f.value, f.field) == (
        "date.impossible", Severity.ERROR, "Actions", "F5", 5, "Date created", "31/09/2026",
        "date_created")
    assert f.clause == "s8"  # the column's clause, more useful than the generic code's


def test_mixed_workbook_findings(mixed_report):
    assert mixed_report.rows == 6
    assert pairs(mixed_report) == EXPECTED_MIXED


EXPECTED_MIXED = {
    ("date.impossible", "F5"), ("owner.group", "I5"), ("priority.high-no-reason", "L5"),
    ("date.not-a-date", "J6"), ("choice.not-allowed", "Q6"), ("number.invalid", "X6"),
    ("completion.no-date", "Y8"), ("completion.no-account", "Z8"),
    ("completion.no-evidence", "AA8"), ("completion.decision-missing", "AB8"),
    ("completion.decision-missing", "AC8"), ("effectiveness.undecided", "AD8"),
    ("action.overdue", "J9"), ("escalation.due", "AL9"),
    ("owner.missing", "I10"), ("date.day-month-swapped", "J10"), ("number.invalid", "X10"),
}


# ============================================================================================
# Columns: by title without stamp or key row, missing, unknown, duplicated, moved, moved down.
# ============================================================================================

def _odd_titles():
    """Template titles in other case/spacing, '*' marks dropped here and there."""
    cols = []
    for i, (key, text) in enumerate(template_columns()):
        text = text.upper() if i % 2 else "  " + text.lower().replace(" ", "  ")
        cols.append((key, text))
    cols[TRACKER.by_key["due_date"].index] = ("due_date", "due  DATE")
    cols[TRACKER.by_key["owner"].index] = ("owner", "owner")
    return cols


def test_no_stamp_no_key_row_matches_by_title(tmp_path):
    rows = [clean_entry(action_id="A-001", due_date="31/09/2026"),
            clean_entry(action_id="A-002", owner=None)]
    path = write_sheet(tmp_path / "plain.xlsx", _odd_titles(), rows, keyed=False,
                       group_row=False)
    report = validate(path)
    # header on row 1, entries from row 2
    assert pairs(report) == {("stamp.missing", None), ("date.impossible", "J2"),
                             ("owner.missing", "I3")}
    assert report.rows == 2
    assert report.template_version is None
    assert only(report, "stamp.missing").severity is Severity.WARNING
    assert only(report, "date.impossible").column == "Due date"


def test_retitled_column_is_still_matched_by_the_key_row(tmp_path):
    cols = template_columns()
    cols[TRACKER.by_key["owner"].index] = ("owner", "Lead person")
    cols[TRACKER.by_key["due_date"].index] = ("due_date", "Deadline")
    rows = [clean_entry(owner=None, due_date="ASAP")]
    report = validate(write_sheet(tmp_path / "retitled.xlsx", cols, rows, stamp=stamp_values()))
    assert pairs(report) == {("owner.missing", "I4"), ("date.not-a-date", "J4")}
    assert only(report, "date.not-a-date").column == "Due date"  # the template's title


def test_deleted_required_column_is_missing_and_later_columns_still_read(tmp_path):
    cols = [c for c in template_columns() if c[0] != "owner"]
    rows = [clean_entry(due_date="31/09/2026")]
    report = validate(write_sheet(tmp_path / "no-owner.xlsx", cols, rows, stamp=stamp_values()))
    missing = only(report, "column.missing")
    assert (missing.column, missing.severity, missing.cell, missing.sheet) == (
        "Owner", Severity.ERROR, None, SHEET)
    assert "column.moved" not in codes(report)  # deleting one column moves nobody
    # Due date now sits in column H and is still read from there
    assert ("date.impossible", "I4") in pairs(report)
    assert only(report, "date.impossible").column == "Due date"


def test_deleted_optional_column_is_a_warning(tmp_path):
    cols = [c for c in template_columns() if c[0] != "linked_risk"]
    report = validate(write_sheet(tmp_path / "no-risk.xlsx", cols, [clean_entry()],
                                  stamp=stamp_values()))
    missing = only(report, "column.missing")
    assert (missing.column, missing.severity) == ("Linked risk or issue", Severity.WARNING)
    assert pairs(report) == {("column.missing", None)}


def test_extra_column_is_unknown_at_its_header_cell(tmp_path):
    cols = template_columns()
    cols = cols[:5] + [(None, "Notes")] + cols[5:]
    rows = [clean_entry(due_date="31/09/2026")]
    report = validate(write_sheet(tmp_path / "extra.xlsx", cols, rows, stamp=stamp_values()))
    unknown = only(report, "column.unknown")
    assert (unknown.cell, unknown.row, unknown.value, unknown.severity) == (
        "F3", 3, "Notes", Severity.WARNING)
    assert "column.moved" not in codes(report)
    assert ("date.impossible", "K4") in pairs(report)  # due date shifted right by one


def test_values_in_an_extra_column_alone_make_a_row(tmp_path):
    cols = template_columns() + [(None, "Notes")]
    rows = [clean_entry(), [None] * (len(cols) - 1) + ["see minutes"]]
    report = validate(write_sheet(tmp_path / "extra.xlsx", cols, rows, stamp=stamp_values()))
    assert report.rows == 2
    assert ("title.missing", "B5") in pairs(report)


@pytest.mark.parametrize("keyed_copy", [False, True], ids=["copy-without-key", "copy-with-key"])
def test_duplicated_column(tmp_path, keyed_copy):
    cols = template_columns() + [("owner" if keyed_copy else None, "Owner *")]
    row = list(clean_entry().get(k) for k, _ in template_columns()) + ["Someone Else"]
    row[TRACKER.by_key["owner"].index] = "All staff"  # the first Owner column is the one read
    report = validate(write_sheet(tmp_path / "dup.xlsx", cols, [row], stamp=stamp_values()))
    dup = only(report, "column.duplicated")
    assert (dup.cell, dup.column, dup.severity) == ("AM3", "Owner", Severity.ERROR)
    assert "column I" in dup.message
    assert ("owner.group", "I4") in pairs(report)


@pytest.mark.parametrize("keyed", [True, False], ids=["key-row", "titles-only"])
def test_swapped_columns_are_moved_and_still_read_from_the_right_place(tmp_path, keyed):
    cols = template_columns()
    h, i = TRACKER.by_key["owner"].index, TRACKER.by_key["due_date"].index
    cols[h], cols[i] = cols[i], cols[h]  # I is now Due date, J is Owner
    rows = [clean_entry(owner=None, due_date="31/09/2026")]
    path = write_sheet(tmp_path / "swap.xlsx", cols, rows, keyed=keyed,
                       stamp=stamp_values() if keyed else None)
    report = validate(path)
    data_row = 4 if keyed else 3
    header_row = data_row - 1
    moved = [f for f in report.findings if f.code == "column.moved"]
    assert len(moved) == 1
    assert moved[0].column in {"Owner", "Due date"}
    assert moved[0].cell == {"Owner": "J", "Due date": "I"}[moved[0].column] + str(header_row)
    assert moved[0].severity is Severity.WARNING
    assert ("date.impossible", f"I{data_row}") in pairs(report)
    assert ("owner.missing", f"J{data_row}") in pairs(report)
    assert only(report, "date.impossible").column == "Due date"


def test_column_dragged_far_away_flags_only_that_column(tmp_path):
    cols = template_columns()
    priority = cols.pop(TRACKER.by_key["priority"].index)
    cols.append(priority)  # Priority moved to the far right
    rows = [clean_entry(priority="Urgent")]
    report = validate(write_sheet(tmp_path / "drag.xlsx", cols, rows, stamp=stamp_values()))
    moved = only(report, "column.moved")
    assert (moved.column, moved.cell) == ("Priority", "AL3")
    assert ("choice.not-allowed", "AL4") in pairs(report)


@pytest.mark.parametrize("keyed", [True, False], ids=["key-row", "titles-only"])
def test_header_moved_down_is_still_found(tmp_path, keyed):
    rows = [clean_entry(due_date="31/09/2026")]
    path = write_sheet(tmp_path / "down.xlsx", template_columns(), rows, keyed=keyed,
                       rows_above=3, stamp=stamp_values() if keyed else None)
    report = validate(path)
    # 3 inserted rows + group row (+ key row) + header row: entries start at row 7 or 6
    data_row = 7 if keyed else 6
    assert report.rows == 1
    assert ("date.impossible", f"J{data_row}") in pairs(report)
    assert only(report, "date.impossible").row == data_row


def test_renamed_tracker_sheet_is_still_found(tmp_path):
    rows = [clean_entry(due_date="31/09/2026")]
    path = write_sheet(tmp_path / "renamed.xlsx", template_columns(), rows,
                       stamp=stamp_values(), sheet="Actions (2)")
    report = validate(path)
    assert report.sheet == "Actions (2)"
    assert pairs(report) == {("date.impossible", "J4")}
    assert only(report, "date.impossible").sheet == "Actions (2)"


# ============================================================================================
# Template kind, version and fingerprint.
# ============================================================================================

@pytest.fixture(scope="module")
def stamped_source(tmp_path_factory):
    entries = [clean_entry(action_id="A-001", date_created="ASAP"),
               clean_entry(action_id="A-002", owner=None)]
    return build_filled(tmp_path_factory.mktemp("stamp") / "source.xlsx", entries)


SOURCE_ROW_FINDINGS = {("date.not-a-date", "F4"), ("owner.missing", "I5")}


def test_unaltered_stamp_is_read(stamped_source):
    stamp = load_workbook(stamped_source).stamp
    assert (stamp.kind, stamp.version, stamp.fingerprint, stamp.sheet) == (
        "action-plan", TRACKER.version, TRACKER.fingerprint, "Actions")
    assert pairs(validate(stamped_source)) == SOURCE_ROW_FINDINGS


def test_stamp_of_another_tracker_kind(stamped_source, tmp_path):
    path = restamp(stamped_source, tmp_path / "other.xlsx", tracker_kind="supervision")
    report = validate(path)
    assert pairs(report) == {("workbook.other-tracker", None)}
    other = only(report, "workbook.other-tracker")
    assert other.severity is Severity.ERROR
    assert "'supervision'" in other.message
    assert report.rows == 0


def test_other_tracker_message_names_the_tracker_checked_against(stamped_source, tmp_path):
    path = restamp(stamped_source, tmp_path / "other.xlsx", tracker_kind="supervision")
    other = only(validate(path), "workbook.other-tracker")
    assert "'action-plan'" in other.message


def test_stamp_of_another_kind_with_kind_forced(stamped_source, tmp_path):
    path = restamp(stamped_source, tmp_path / "other.xlsx", tracker_kind="supervision")
    report = validate(path, kind="action-plan")
    assert codes(report) == {"workbook.other-tracker"}
    assert "'action-plan'" in only(report, "workbook.other-tracker").message


def test_older_template_version_warns_and_rows_are_still_checked(stamped_source, tmp_path):
    path = restamp(stamped_source, tmp_path / "old.xlsx", template_version="0.9")
    report = validate(path)
    old = only(report, "stamp.old-version")
    assert old.severity is Severity.WARNING
    assert "0.9" in old.message and TRACKER.version in old.message
    assert report.template_version == "0.9"
    assert pairs(report) == SOURCE_ROW_FINDINGS | {("stamp.old-version", None)}
    assert report.rows == 2


def test_newer_template_version_warns(stamped_source, tmp_path):
    path = restamp(stamped_source, tmp_path / "new.xlsx", template_version="1.10")
    report = validate(path)
    assert pairs(report) == SOURCE_ROW_FINDINGS | {("stamp.newer-version", None)}


def test_altered_fingerprint_is_reported(stamped_source, tmp_path):
    path = restamp(stamped_source, tmp_path / "fp.xlsx", schema_fingerprint="0123456789abcdef")
    report = validate(path)
    mismatch = only(report, "stamp.fingerprint-mismatch")
    assert mismatch.severity is Severity.WARNING
    assert "0123456789abcdef" in mismatch.message and TRACKER.fingerprint in mismatch.message
    assert pairs(report) == SOURCE_ROW_FINDINGS | {("stamp.fingerprint-mismatch", None)}


def test_hidden_stamp_sheet_wins_over_custom_properties(stamped_source, tmp_path):
    from _builders import replace_bytes, rewrite_parts

    path = rewrite_parts(stamped_source, tmp_path / "props.xlsx", {
        "docProps/custom.xml": replace_bytes("<vt:lpwstr>action-plan</vt:lpwstr>",
                                             "<vt:lpwstr>supervision</vt:lpwstr>", 1)})
    assert load_workbook(path).stamp.kind == "action-plan"
    assert pairs(validate(path)) == SOURCE_ROW_FINDINGS


def test_stamp_in_custom_properties_alone_is_enough(tmp_path):
    # the hidden sheet is dropped by some tools; the properties still identify the template
    import xlsxwriter

    path = tmp_path / "props-only.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    for key, value in stamp_values(template_version="0.9").items():
        wb.set_custom_property(key, value)
    ws = wb.add_worksheet("Actions")
    for c, (key, text) in enumerate(template_columns()):
        ws.write_string(1, c, key)
        ws.write_string(2, c, text)
    ws.write_string(3, TRACKER.by_key["title"].index, "Something")
    wb.close()
    report = validate(path)
    assert report.template_version == "0.9"
    assert ("stamp.old-version", None) in pairs(report)
    assert "stamp.missing" not in codes(report)


# ============================================================================================
# LibreOffice round trip (fixtures made by tests/fixtures/make_libreoffice_fixtures.py).
# ============================================================================================

def test_libreoffice_saved_template_validates_clean():
    path = FIXTURES / "libreoffice-template.xlsx"
    stamp = load_workbook(path).stamp
    assert (stamp.kind, stamp.version, stamp.fingerprint) == (
        "action-plan", TRACKER.version, TRACKER.fingerprint)
    report = validate(path)
    assert report.rows == 0
    assert report.errors == 0
    assert report.findings == []
    assert (report.tracker, report.template_version, report.sheet) == (
        "action-plan", TRACKER.version, "Actions")


def test_libreoffice_saved_workbook_gives_the_same_findings(mixed_report):
    lo = validate(FIXTURES / "libreoffice-filled.xlsx")
    assert lo.rows == mixed_report.rows == 6
    assert pairs(lo) == pairs(mixed_report) == EXPECTED_MIXED
    assert [(f.code, f.cell, f.value, f.message) for f in lo.findings] == [
        (f.code, f.cell, f.value, f.message) for f in mixed_report.findings]
    assert [(e.row, e.due, e.reasons) for e in lo.escalations] == [
        (e.row, e.due, e.reasons) for e in mixed_report.escalations]


def test_blank_first_column_does_not_shift_cell_references(tmp_path):
    """calamine starts a row at the first column in use; column A cleared entirely (heading,
    hidden key and IDs) must not move every finding one column to the left."""
    import openpyxl

    path = build_filled(tmp_path / "no-a.xlsx", [clean_entry(action_id=None, owner=None)])
    book = openpyxl.load_workbook(path)
    ws = book[SHEET]
    for row in ws.iter_rows(min_col=1, max_col=1):
        row[0].value = None
    book.save(path)
    report = validate(path)
    assert ("owner.missing", "I4") in pairs(report)
    assert ("column.missing", None) in pairs(report)
