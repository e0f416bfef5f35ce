"""Fuzzing: a valid filled tracker, mutated at random, always ends in a report or a clean error.

Three kinds of mutation: any value of any type written into any cell (the header and key rows
included) with rows deleted or duplicated; bytes flipped or cut in the zip archive; and bytes
flipped, inserted or deleted inside one XML part before it is zipped again (which gets past
the archive's checksums to the XML readers). Whatever happens, validate_workbook returns a
Report or raises TrackerToolError, and the audit of any readable mutant is written.

The default run is short and reproducible (derandomised) for CI. For a long run:

    TRACKER_FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import io
import os
import zipfile
from datetime import date, datetime

import pytest
import xlsxwriter
from _builders import AS_OF, TRACKER, Formula, build_filled, clean_entry, stamp_values
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker_tool import api
from tracker_tool.core.report import Report
from tracker_tool.core.stamp import STAMP_SHEET
from tracker_tool.errors import TrackerToolError

DEFAULT_EXAMPLES = 25
EXAMPLES = int(os.environ.get("TRACKER_FUZZ_EXAMPLES", DEFAULT_EXAMPLES))
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, database=None,
    derandomize=EXAMPLES == DEFAULT_EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.function_scoped_fixture],
)

ENTRIES = [
    clean_entry(action_id="A-001"),
    clean_entry(action_id="A-002", owner=None, due_date="31/09/2026", priority="Urgent"),
    clean_entry(action_id="A-003", status="Complete", date_completed=date(2026, 11, 20),
                what_was_done="Audit done", completion_evidence="Audit report",
                outcome_achieved="Yes", further_action="No", effectiveness_needed="No"),
]
KEYS = [spec.key for spec in TRACKER.columns]
TITLES = [spec.title for spec in TRACKER.columns]


def run(path, tmp_path=None) -> Report | TrackerToolError:
    """The property itself: a Report or a TrackerToolError, nothing else escapes."""
    try:
        report = api.validate_workbook(path, as_of=AS_OF)
    except TrackerToolError as exc:
        assert exc.args and "\n" not in str(exc)
        return exc
    assert isinstance(report, Report)
    for f in report.findings:
        assert f.code and f.message and f.severity
    if tmp_path is not None:
        api.write_audit(path, tmp_path / "audit.xlsx", as_of=AS_OF)
    return report


# --------------------------------------------------------------------------------------------
# 1. Any value of any type into any cell; rows deleted or duplicated.
# --------------------------------------------------------------------------------------------

TEXTS = st.one_of(
    st.text(max_size=40),
    st.sampled_from(['=HYPERLINK("http://x","click")', "+1+1", "-2+3", "@SUM(A1)",
                     "\t=1+1", "\r=1+1", "31/09/2026", "11/25/2026", "21 Nov 2026", "ASAP",
                     "TBC", "n/a", "", "   ", "\x00\x1b[2J", "Complete", "high ", "-1",
                     "1.5", "二", "x" * 32_767] + TITLES + KEYS),
    st.from_regex(r"\A\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\Z"),
)
VALUES = st.one_of(
    st.none(), st.booleans(), TEXTS,
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(min_value=date(1900, 3, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1)),
    st.builds(Formula, st.sampled_from(["=1/0", "=NA()", "=A1", "=#REF!"]),
              st.sampled_from(["#DIV/0!", "#N/A", "#VALUE!", "#REF!", 0, "text"])),
)


def grid_of_entries() -> list[list]:
    """Keys row, header row, then one row per entry, aligned with the template columns."""
    return [list(KEYS), list(TITLES)] + [[e.get(k) for k in KEYS] for e in ENTRIES]


def write_grid(path, grid: list[list]) -> None:
    """Write ``grid`` below a group row, each value as its own type, with the stamp."""
    wb = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True})
    ws = wb.add_worksheet("Actions")
    date_fmt = wb.add_format({"num_format": "dd/mm/yyyy"})
    ws.write_string(0, 0, "The action")
    for r, row in enumerate(grid, start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, Formula):
                ws.write_formula(r, c, value.formula, None, value.cached)
            elif isinstance(value, (date, datetime)):
                ws.write_datetime(r, c, value, date_fmt)
            elif isinstance(value, bool):
                ws.write_boolean(r, c, value)
            elif isinstance(value, (int, float)):
                ws.write_number(r, c, value)
            else:
                ws.write_string(r, c, value)
    stamp = wb.add_worksheet(STAMP_SHEET)
    for i, (key, value) in enumerate(stamp_values().items()):
        wb.set_custom_property(key, value)
        stamp.write_string(i, 0, key)
        stamp.write_string(i, 1, value)
    stamp.very_hidden()
    wb.close()


EDITS = st.lists(st.tuples(st.integers(0, len(ENTRIES) + 3), st.integers(0, len(KEYS) + 2),
                           VALUES), min_size=1, max_size=12)
ROW_OPS = st.lists(st.tuples(st.sampled_from(["delete", "duplicate"]),
                             st.integers(0, len(ENTRIES) + 1)), max_size=4)


@FUZZ
@given(edits=EDITS, row_ops=ROW_OPS)
def test_any_value_in_any_cell(tmp_path_factory, edits, row_ops):
    grid = grid_of_entries()
    for r, c, value in edits:
        while len(grid) <= r:
            grid.append([])
        row = grid[r]
        row.extend([None] * (c + 1 - len(row)))
        row[c] = value
    for op, r in row_ops:
        if r < len(grid):
            if op == "delete":
                del grid[r]
            else:
                grid.insert(r, list(grid[r]))
    folder = tmp_path_factory.mktemp("cells")
    path = folder / "mutant.xlsx"
    write_grid(path, grid)
    run(path, folder)


# --------------------------------------------------------------------------------------------
# 2. Bytes flipped or cut in the archive itself.
# --------------------------------------------------------------------------------------------

class Workbook(bytes):
    """The workbook's bytes, shown briefly when Hypothesis reports a falsifying example."""

    def __repr__(self) -> str:
        return f"<filled tracker, {len(self):,} bytes>"


@pytest.fixture(scope="module")
def filled_bytes(tmp_path_factory) -> bytes:
    path = build_filled(tmp_path_factory.mktemp("fuzz") / "filled.xlsx", ENTRIES)
    return Workbook(path.read_bytes())


@FUZZ
@given(data=st.data())
def test_bytes_flipped_in_the_archive(tmp_path_factory, filled_bytes, data):
    blob = bytearray(filled_bytes)
    flips = data.draw(st.lists(st.tuples(st.integers(0, len(blob) - 1), st.integers(1, 255)),
                               min_size=1, max_size=8))
    for at, mask in flips:
        blob[at] ^= mask
    cut = data.draw(st.one_of(st.none(), st.integers(0, len(blob))))
    if cut is not None:
        del blob[cut:]
    path = tmp_path_factory.mktemp("flip") / "mutant.xlsx"
    path.write_bytes(bytes(blob))
    run(path)


# --------------------------------------------------------------------------------------------
# 3. Bytes changed inside one XML part, then zipped again so the checksums are right.
# --------------------------------------------------------------------------------------------

PARTS = ["xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml",
         "xl/sharedStrings.xml", "docProps/custom.xml", "xl/styles.xml", "SHEET"]


@FUZZ
@given(data=st.data())
def test_bytes_changed_inside_an_xml_part(tmp_path_factory, filled_bytes, data):
    with zipfile.ZipFile(io.BytesIO(filled_bytes)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    name = data.draw(st.sampled_from(PARTS))
    if name == "SHEET":
        name = "xl/worksheets/sheet2.xml"
    xml = bytearray(parts[name])
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(xml)))
        action = data.draw(st.sampled_from(["flip", "insert", "delete"]))
        if action == "flip" and at < len(xml):
            xml[at] ^= data.draw(st.integers(1, 255))
        elif action == "insert":
            xml[at:at] = data.draw(st.sampled_from(
                [b"<", b">", b"&", b'"', b"</c>", b'<c r="XFD1048576"><v>1</v></c>',
                 b'<row r="2000000">', b"<!DOCTYPE x>", b"\xff\xfe", b"&lol;", b"\x00"])
                | st.binary(max_size=16))
        else:
            del xml[at: at + data.draw(st.integers(1, 64))]
    parts[name] = bytes(xml)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)
    path = tmp_path_factory.mktemp("xml") / "mutant.xlsx"
    path.write_bytes(buffer.getvalue())
    run(path)


def test_the_unmutated_workbook_gives_its_findings(tmp_path):
    """The starting point is a real tracker with findings, so mutants start from a report."""
    path = tmp_path / "grid.xlsx"
    write_grid(path, grid_of_entries())
    report = run(path)
    assert isinstance(report, Report) and report.rows == len(ENTRIES) and report.errors
