"""A corpus of hostile and messy returned workbooks, each with the outcome the tool must give.

Every case is made by code from a real filled template, changed the way a person, another
spreadsheet application or an attacker would change it. The outcome is either findings
(exact codes and cells, compared with the untouched workbook) or a refusal: a one-line
WorkbookError from the library and, from the CLI, exit status 2 with one "Error:" line. Never
a traceback, never a hang (each refusal is timed against a generous bound, as a hang guard).

The corpus, with where each case lives:

| Case | Outcome | Test |
|---|---|---|
| random bytes, empty file, HTML or CSV renamed .xlsx | refused: not a workbook | test_bad_input BAD_FILES |
| legacy .xls (named .xls or .xlsx) | refused: save as .xlsx | test_bad_input |
| password-protected workbook (OLE container) | refused: remove the password | test_bad_input |
| macro workbook named .xlsx (VBA part) | refused: macros | test_bad_input |
| truncated zip, corrupted deflate stream, damaged sheet or workbook XML | refused: damaged | test_bad_input |
| zip that is not a workbook; sheet part missing | refused | test_bad_input |
| zip bomb: real 100 MiB expansion; declared 1 GiB; size lied about | refused in < 2 s | test_bad_input |
| entity bomb in workbook.xml, custom properties, relationships | refused: XML entities | test_bad_input |
| no tracker sheet (a budget), empty workbook | workbook.not-a-tracker | test_bad_input |
| 1904 date system; dates as text, numbers, datetimes with times | read as dates | test_read_back |
| numbers stored as text; bad numbers | read / number.invalid at the cell | test_read_back |
| formula errors #REF! #N/A #DIV/0! #NAME? #VALUE! | cell.formula-error at the cell | test_read_back |
| columns deleted, moved, duplicated, retitled, extra | column.* findings | test_read_back |
| header row moved down; tracker sheet renamed (hand-made) | still found | test_read_back |
| stamp of another kind, older, newer, altered fingerprint, absent | stamp.* findings | test_read_back |
| XXE in workbook.xml and in shared strings | refused: XML entities | here |
| entity bomb in shared strings and in the tracker sheet | refused: XML entities | here |
| macro-enabled content type named .xlsx; Excel 4 macro sheet; VBA part in other case | refused: macros | here |
| encrypted zip entries; two parts with one name | refused | here |
| CRC altered; zip cut inside its central directory | refused: damaged | here |
| one value in XFD1048576 (17 billion cells to calamine) | refused before loading | here |
| no sheets | refused: no sheets | here |
| XML declaring an unknown encoding (found by the fuzz test) | refused: damaged, or read where calamine ignores it | here |
| sheet relationship pointing outside the package | refused: damaged | here |
| dimension claiming A1:XFD1048576 | same findings as before | here |
| a million empty-but-formatted rows | same findings as before | here |
| tracker sheet deleted | workbook.not-a-tracker | here |
| tracker sheet renamed in a real template | same findings, new sheet name | here |
| stamp removed (sheet and properties) | stamp.missing, rows still read by key | here |
| Lists sheet edited to offer a value the policy does not | choice.not-allowed at the cell | here |
| key row deleted and a column retitled | column.missing + column.unknown at the header | here |
| merged cells across the data; hidden rows | read cell by cell, same findings | here |
| formula with a cached value; formula without one | value read; blank (owner.missing) | here |
| 32,767-character cells | findings at the cells, messages short | here |
| control characters; right-to-left and emoji text | finding at the cell; shown escaped | here |
| zip members named ../../evil | read normally, nothing extracted | here |
| inf, NaN and 1e309 as cell values (found by the fuzz test) | findings; the audit still writes | here |
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from _builders import (
    AS_OF,
    build_filled,
    clean_entry,
    letter,
    pairs,
    template_columns,
    validate,
)
from _hostile import (
    error_lines,
    members,
    replace_once,
    rezip,
    run_cli,
    set_cell,
    sheet_part,
    write_zip,
)

from tracker_tool import api
from tracker_tool.errors import WorkbookError
from tracker_tool.read.workbook import CELLS_PER_ROW, DEFAULT_MAX_ROWS, cell_limit
from tracker_tool.write import styles

CLI_AS_OF = ("--as-of", AS_OF.isoformat())
HANG_GUARD_SECONDS = 10.0
SHEET = "Actions"

# Row 4 is clean; row 5 has no owner, so the untouched workbook has one finding.
BASE_ENTRIES = [clean_entry(action_id="A-001"), clean_entry(action_id="A-002", owner=None)]


def cell(key: str, row: int) -> str:
    return f"{letter(key)}{row}"


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    return build_filled(tmp_path_factory.mktemp("base") / "base.xlsx", BASE_ENTRIES)


@pytest.fixture(scope="module")
def base_pairs(base) -> set:
    found = pairs(validate(base))
    assert found == {("owner.missing", cell("owner", 5))}
    return found


# --------------------------------------------------------------------------------------------
# Makers: each takes the base workbook and a folder and returns the hostile file.
# --------------------------------------------------------------------------------------------

XXE = b'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
LOL = (b'<!DOCTYPE x [<!ENTITY lol "lol">'
       + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;")
                                                * 10) for i in range(1, 10))
       + b"]>")


def _after_prolog(xml: bytes, insert: bytes) -> bytes:
    head, body = xml.split(b"?>", 1)
    return head + b"?>" + insert + body


def _edit(base, folder, name, change):
    return rezip(base, folder / name, change)


def xxe_workbook(base, folder):
    def change(p):
        xml = _after_prolog(p["xl/workbook.xml"], XXE)
        p["xl/workbook.xml"] = replace_once(xml, b'name="Actions"', b'name="&xxe;"')
    return _edit(base, folder, "xxe.xlsx", change)


def xxe_shared_strings(base, folder):
    def change(p):
        xml = _after_prolog(p["xl/sharedStrings.xml"], XXE)
        p["xl/sharedStrings.xml"] = replace_once(xml, b"Re-audit MAR charts", b"&xxe;")
    return _edit(base, folder, "xxe-strings.xlsx", change)


def bomb_shared_strings(base, folder):
    def change(p):
        xml = _after_prolog(p["xl/sharedStrings.xml"], LOL)
        p["xl/sharedStrings.xml"] = replace_once(xml, b"Re-audit MAR charts", b"&lol9;")
    return _edit(base, folder, "lol-strings.xlsx", change)


def bomb_tracker_sheet(base, folder):
    part = sheet_part(base, SHEET)

    def change(p):
        xml = _after_prolog(p[part], LOL)
        p[part] = set_cell(xml, "M4", '<c r="M4" t="inlineStr"><is><t>&lol9;</t></is></c>')
    return _edit(base, folder, "lol-sheet.xlsx", change)


def macro_content_type(base, folder):
    def change(p):
        p["[Content_Types].xml"] = replace_once(
            p["[Content_Types].xml"],
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    return _edit(base, folder, "macro-enabled.xlsx", change)


def excel4_macro_sheet(base, folder):
    def change(p):
        p["xl/macrosheets/sheet1.xml"] = (
            b'<?xml version="1.0"?><xm:macrosheet xmlns:xm='
            b'"http://schemas.microsoft.com/office/excel/2006/main"/>')
    return _edit(base, folder, "xlm.xlsx", change)


def vba_part_other_case(base, folder):
    def change(p):
        p["xl/VBAProject.bin"] = bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504
    return _edit(base, folder, "vba-case.xlsx", change)


def _central_entry(data: bytes, name: str) -> int:
    """Offset of ``name``'s central-directory record."""
    at = data.find(b"PK\x01\x02")
    while at != -1:
        length = int.from_bytes(data[at + 28: at + 30], "little")
        if data[at + 46: at + 46 + length] == name.encode():
            return at
        at = data.find(b"PK\x01\x02", at + 4)
    raise AssertionError(name)


def encrypted_entry_flag(base, folder):
    data = bytearray(base.read_bytes())
    at = _central_entry(data, "xl/workbook.xml")
    data[at + 8] |= 0x01  # general-purpose flag bit 0: the entry is encrypted
    path = folder / "zip-encrypted.xlsx"
    path.write_bytes(bytes(data))
    return path


def duplicate_part_names(base, folder):
    parts = members(base)
    other = replace_once(parts["xl/workbook.xml"], b'name="Actions"', b'name="Clean copy"')
    return write_zip(list(parts.items()) + [("xl/workbook.xml", other)],
                     folder / "two-workbooks.xlsx")


def crc_altered(base, folder):
    data = bytearray(base.read_bytes())
    at = _central_entry(data, sheet_part(base, SHEET))
    data[at + 16] ^= 0xFF  # the CRC-32 the directory promises for the tracker sheet
    path = folder / "crc.xlsx"
    path.write_bytes(bytes(data))
    return path


def cut_in_central_directory(base, folder):
    path = folder / "cut-directory.xlsx"
    path.write_bytes(base.read_bytes()[:-30])
    return path


def value_in_last_cell(base, folder):
    part = sheet_part(base, SHEET)

    def change(p):
        p[part] = replace_once(p[part], b"</sheetData>",
                               b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
                               b"</sheetData>")
    return _edit(base, folder, "last-cell.xlsx", change)


def no_sheets(base, folder):
    def change(p):
        xml = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", p["xl/workbook.xml"], flags=re.DOTALL)
        p["xl/workbook.xml"] = re.sub(rb"<definedNames>.*</definedNames>", b"", xml, flags=re.DOTALL)
    return _edit(base, folder, "no-sheets.xlsx", change)


def sheet_outside_package(base, folder):
    part = sheet_part(base, SHEET)
    target = part.removeprefix("xl/").encode()

    def change(p):
        p["xl/_rels/workbook.xml.rels"] = replace_once(
            p["xl/_rels/workbook.xml.rels"], b'Target="' + target + b'"',
            b'Target="../../../../etc/passwd"')
    return _edit(base, folder, "escape.xlsx", change)


def unknown_xml_encoding(part: str):
    """Found by the fuzz test: an XML declaration naming an encoding Python does not know."""
    def make(base, folder):
        return _edit(base, folder, "encoding.xlsx", lambda p: p.update({
            part: replace_once(p[part], b'encoding="UTF-8"', b'encoding="TTF-8"')}))
    return make


REFUSED = {
    # id: (maker, words the one-line reason must contain, lower case)
    "xxe-workbook-xml": (xxe_workbook, ["refused", "xl/workbook.xml", "entities"]),
    "xxe-shared-strings": (xxe_shared_strings, ["refused", "xl/sharedstrings.xml", "entities"]),
    "entity-bomb-shared-strings": (bomb_shared_strings, ["refused", "entities"]),
    "entity-bomb-tracker-sheet": (bomb_tracker_sheet, ["refused", "entities"]),
    "macro-content-type-named-xlsx": (macro_content_type, ["refused", "macros"]),
    "excel4-macro-sheet": (excel4_macro_sheet, ["refused", "macros"]),
    "vba-part-in-other-case": (vba_part_other_case, ["refused", "macros"]),
    "encrypted-zip-entry": (encrypted_entry_flag, ["refused", "encrypted"]),
    "two-parts-one-name": (duplicate_part_names, ["refused", "same name"]),
    "crc-altered": (crc_altered, ["damaged", "could not be read"]),
    "cut-in-central-directory": (cut_in_central_directory, ["damaged", "incomplete"]),
    "value-in-XFD1048576": (value_in_last_cell,
                            ["refused", "sheet 'actions'", "xfd", "10,000,000 cells",
                             "--max-rows"]),
    "no-sheets": (no_sheets, ["no sheets"]),
    "unknown-encoding-workbook-xml": (unknown_xml_encoding("xl/workbook.xml"),
                                      ["damaged", "unknown encoding"]),
    "unknown-encoding-custom-properties": (unknown_xml_encoding("docProps/custom.xml"),
                                           ["damaged", "unknown encoding"]),

    "sheet-outside-package": (sheet_outside_package, ["damaged", "missing"]),
}


@pytest.fixture
def refused_case(request, base, tmp_path):
    make, words = REFUSED[request.param]
    return make(base, tmp_path), words


@pytest.mark.parametrize("refused_case", list(REFUSED), indirect=True)
def test_library_refuses_with_one_line(refused_case):
    path, words = refused_case
    started = time.perf_counter()
    with pytest.raises(WorkbookError) as caught:
        api.validate_workbook(path, as_of=AS_OF)
    assert time.perf_counter() - started < HANG_GUARD_SECONDS
    reason = caught.value.reason
    assert "\n" not in reason and "\r" not in reason
    for word in words:
        assert word in reason.lower(), reason


@pytest.mark.parametrize("refused_case", list(REFUSED), indirect=True)
def test_cli_refuses_with_exit_2(refused_case, tmp_path):
    path, words = refused_case
    for command in (("validate", path), ("audit", path, "--out", tmp_path / "audit.xlsx")):
        result = run_cli(*command, *CLI_AS_OF)
        assert result.exit_code == 2, result.stdout
        lines = error_lines(result)
        assert len(lines) == 1 and lines[0].startswith("Error: ") and str(path) in lines[0]
        assert words[-1] in lines[0].lower()
    assert not (tmp_path / "audit.xlsx").exists()


def test_max_rows_raises_the_cell_limit(base, tmp_path):
    """The limit on the block calamine loads grows with --max-rows, and the message says so."""
    assert cell_limit(10) == cell_limit(DEFAULT_MAX_ROWS) == DEFAULT_MAX_ROWS * CELLS_PER_ROW
    assert cell_limit(250_000) == 250_000 * CELLS_PER_ROW
    path = value_in_last_cell(base, tmp_path)
    result = run_cli("validate", path, "--max-rows", "250000", *CLI_AS_OF)
    assert result.exit_code == 2 and "25,000,000 cells" in result.stderr


def test_a_sheet_far_below_the_limit_is_read(base, tmp_path):
    """A stray value in row 150,000 is within the 10 million cells: read, and the rows beyond
    the row cap are reported rather than read."""
    part = sheet_part(base, SHEET)
    path = rezip(base, tmp_path / "stray.xlsx", lambda p: p.update({part: replace_once(
        p[part], b"</sheetData>",
        b'<row r="150000"><c r="A150000" t="inlineStr"><is><t>x</t></is></c></row>'
        b"</sheetData>")}))
    report = validate(path)
    assert ("workbook.too-many-rows", None) in pairs(report)


# --------------------------------------------------------------------------------------------
# Readable but tampered or messy: exact findings, relative to the untouched workbook.
# --------------------------------------------------------------------------------------------

def _in_sheet(change_xml):
    """A maker that edits the tracker sheet's XML."""
    def make(base, folder, name="edited.xlsx"):
        part = sheet_part(base, SHEET)
        return rezip(base, folder / name, lambda p: p.update({part: change_xml(p[part])}))
    return make


def dimension_lies(xml):
    return re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', xml,
                  count=1)


def million_formatted_rows(xml):
    style = re.search(rb'<c r="A4" s="(\d+)"', xml)[1]
    last = max(int(n) for n in re.findall(rb'<row r="(\d+)"', xml))
    rows = b"".join(b'<row r="%d" customFormat="1" s="%s"><c r="A%d" s="%s"/></row>'
                    % (n, style, n, style) for n in range(last + 1, 1_048_577))
    return replace_once(xml, b"</sheetData>", rows + b"</sheetData>")


def hide_row_5(xml):
    return replace_once(xml, b'<row r="5"', b'<row r="5" hidden="1"')


def merge_owner_down(xml):
    owner = f"{letter('owner')}4:{letter('owner')}5".encode()
    merge = b'<mergeCells count="1"><mergeCell ref="' + owner + b'"/></mergeCells>'
    anchor = b"<conditionalFormatting" if b"<conditionalFormatting" in xml else b"<dataValidations"
    return replace_once(xml, anchor, merge + anchor)


def owner_formula_cached(xml):
    ref = cell("owner", 4)
    return set_cell(xml, ref, f'<c r="{ref}" t="str"><f>"Priya"&amp;" Shah"</f>'
                              f"<v>Priya Shah</v></c>")


def owner_formula_not_calculated(xml):
    ref = cell("owner", 4)
    return set_cell(xml, ref, f'<c r="{ref}" t="str"><f>"Priya"&amp;" Shah"</f></c>')


def delete_tracker_sheet(base, folder):
    def change(p):
        p["xl/workbook.xml"] = re.sub(rb'<sheet name="Actions"[^>]*/>', b"",
                                      p["xl/workbook.xml"])
    return _edit(base, folder, "deleted.xlsx", change)


def rename_tracker_sheet(base, folder):
    def change(p):
        p["xl/workbook.xml"] = replace_once(p["xl/workbook.xml"], b'name="Actions"',
                                            b'name="Plan"')
    return _edit(base, folder, "renamed.xlsx", change)


def remove_stamp(base, folder):
    def change(p):
        p["xl/workbook.xml"] = re.sub(rb'<sheet name="_stamp"[^>]*/>', b"",
                                      p["xl/workbook.xml"])
        del p["docProps/custom.xml"]
    return _edit(base, folder, "unstamped.xlsx", change)


def zip_slip_names(base, folder):
    return _edit(base, folder, "slip.xlsx", lambda p: p.update({
        "../../evil.txt": b"written outside?", "/tmp/evil-absolute.txt": b"written?"}))


def retitle_owner_without_key_row(base, folder):
    title = dict(template_columns())["owner"]
    part = sheet_part(base, SHEET)

    def change(p):
        p[part] = re.sub(rb'<row r="2".*?</row>', b"", p[part], count=1, flags=re.DOTALL)
        p["xl/sharedStrings.xml"] = replace_once(p["xl/sharedStrings.xml"],
                                                 f"<t>{title}</t>".encode(),
                                                 b"<t>Lead person</t>")
    return _edit(base, folder, "retitled.xlsx", change)


def base_plus(*extra):
    return lambda base_pairs: base_pairs | set(extra)


READ = {
    # id: (maker, expected (code, cell) pairs given the untouched workbook's)
    "dimension-claims-a-million-rows": (_in_sheet(dimension_lies), lambda b: b),
    "million-empty-formatted-rows": (_in_sheet(million_formatted_rows), lambda b: b),
    "hidden-row-still-read": (_in_sheet(hide_row_5),
                              base_plus(("sheet.rows-hidden", None))),
    "merged-cells-not-copied-down": (_in_sheet(merge_owner_down), lambda b: b),
    "formula-with-cached-value": (_in_sheet(owner_formula_cached), lambda b: b),
    "formula-not-calculated-is-blank": (_in_sheet(owner_formula_not_calculated),
                                        lambda b: b | {("owner.missing", cell("owner", 4))}),
    "tracker-sheet-deleted": (delete_tracker_sheet,
                              lambda b: {("workbook.not-a-tracker", None)}),
    "tracker-sheet-renamed": (rename_tracker_sheet, lambda b: b),
    "stamp-removed": (remove_stamp, lambda b: b | {("stamp.missing", None)}),
    "zip-slip-member-names": (zip_slip_names, lambda b: b),
    # calamine reads shared strings as UTF-8 whatever the declaration says
    "unknown-encoding-shared-strings": (unknown_xml_encoding("xl/sharedStrings.xml"),
                                        lambda b: b),
    "key-row-deleted-column-retitled": (
        retitle_owner_without_key_row,
        lambda b: {("column.missing", None), ("column.unknown", cell("owner", 3))}),
}


@pytest.mark.parametrize("case", list(READ))
def test_tampered_workbook_gives_exact_findings(case, base, base_pairs, tmp_path):
    make, expected = READ[case]
    path = make(base, tmp_path)
    started = time.perf_counter()
    result = run_cli("validate", path, "--format", "json", *CLI_AS_OF)
    assert time.perf_counter() - started < HANG_GUARD_SECONDS
    book = json.loads(result.stdout)["workbooks"][0]
    assert {(f["code"], f["cell"]) for f in book["findings"]
            if f["sheet"] != "Reviews"} == expected(base_pairs)
    assert result.exit_code == (1 if book["errors"] else 0) and result.stderr == ""


def test_renamed_sheet_is_named_in_every_finding(base, tmp_path):
    report = validate(rename_tracker_sheet(base, tmp_path))
    assert report.sheet == "Plan"
    assert {f.sheet for f in report.findings if f.cell} == {"Plan"}


def test_deleted_sheet_says_where_it_looked(base, tmp_path):
    finding = validate(delete_tracker_sheet(base, tmp_path)).findings[0]
    assert "'Instructions'" in finding.message and "Actions" not in finding.message


@pytest.mark.parametrize("name, copy_name", [
    ("findings", "findings (returned)"), ("Plan: Q3 [draft]", "Plan_ Q3 _draft_"),
    ("Actions for Oakfield House, quarter three", "Actions for Oakfield House, qua"),
    ("'Plan'", "Plan"),
], ids=["clashes-with-ours", "forbidden-characters", "too-long", "apostrophes"])
def test_audit_copies_a_sheet_whatever_its_name(base, tmp_path, name, copy_name):
    """Sheet names written by other tools may be ones Excel refuses or ones the audit uses."""
    import openpyxl

    escaped = name.replace("'", "&apos;").encode()
    path = rezip(base, tmp_path / "named.xlsx", lambda p: p.update({"xl/workbook.xml": replace_once(
        p["xl/workbook.xml"], b'name="Actions"', b'name="' + escaped + b'"')}))
    out = tmp_path / "audit.xlsx"
    result = run_cli("audit", path, "--out", out, *CLI_AS_OF)
    assert result.exit_code == 1 and result.stderr == ""
    book = openpyxl.load_workbook(out)
    assert copy_name in book.sheetnames
    fill = book[copy_name][cell("owner", 5)].fill.fgColor.rgb or ""
    assert fill[-6:].upper() == styles.ERROR_FILL[1:].upper()  # the finding is marked there


def test_numbers_a_spreadsheet_cannot_hold(base, base_pairs, tmp_path):
    """Found by the fuzz test: calamine reads <v>inf</v>, <v>NaN</v> and <v>1e309</v> as
    floats that Excel cannot store; they are findings in their columns and the audit still
    writes (as error values) instead of failing."""
    part = sheet_part(base, SHEET)
    cells = {"extensions": "inf", "date_created": "NaN", "source_ref": "1e309",
             "due_date": "-inf"}

    def change(p):
        xml = p[part]
        for key, text in cells.items():
            ref = cell(key, 4)
            xml = set_cell(xml, ref, f'<c r="{ref}"><v>{text}</v></c>')
        p[part] = xml
    path = rezip(base, tmp_path / "inf.xlsx", change)
    assert pairs(validate(path)) == base_pairs | {
        ("number.invalid", cell("extensions", 4)), ("date.not-a-date", cell("date_created", 4)),
        ("date.not-a-date", cell("due_date", 4))}
    result = run_cli("audit", path, "--out", tmp_path / "audit.xlsx", *CLI_AS_OF)
    assert result.exit_code == 1 and result.stderr == ""


def test_zip_slip_names_are_never_extracted(base, tmp_path):
    folder = tmp_path / "deep" / "er"
    folder.mkdir(parents=True)
    path = zip_slip_names(base, folder)
    validate(path)
    api.write_audit(path, folder / "audit.xlsx", as_of=AS_OF)
    assert not (tmp_path / "evil.txt").exists() and not Path("/tmp/evil-absolute.txt").exists()


def test_lists_sheet_offering_a_value_the_policy_does_not(tmp_path):
    """Editing the hidden Lists sheet changes the dropdown, not the policy: the value picked
    from it is reported at its cell."""
    source = build_filled(tmp_path / "src.xlsx", [clean_entry(priority="Urgent")])
    strings = members(source)["xl/sharedStrings.xml"]
    assert strings.count(b"<t>Low</t>") == 1
    path = rezip(source, tmp_path / "lists.xlsx", lambda p: p.update({
        "xl/sharedStrings.xml": replace_once(p["xl/sharedStrings.xml"], b"<t>Low</t>",
                                             b"<t>Urgent</t>")}))
    report = validate(path)
    assert pairs(report) == {("choice.not-allowed", cell("priority", 4))}
    assert report.findings[0].value == "Urgent"


# --------------------------------------------------------------------------------------------
# Awkward text: very long cells, control characters, right-to-left and emoji.
# --------------------------------------------------------------------------------------------

LONG = "x" * 32_767


def test_32767_character_cells(tmp_path):
    entry = clean_entry(title=LONG, due_date=LONG, priority=LONG,
                        extensions=LONG)
    path = build_filled(tmp_path / "long.xlsx", [entry])
    report = validate(path)
    assert pairs(report) == {("date.not-a-date", cell("due_date", 4)),
                             ("choice.not-allowed", cell("priority", 4)),
                             ("number.invalid", cell("extensions", 4))}
    for f in report.findings:
        assert f.value == LONG  # the value is kept whole for JSON and the Findings sheet
        assert len(f.message) < 600 and "\u2026" in f.message  # the message quotes it short
    out = tmp_path / "audit.xlsx"
    result = run_cli("audit", path, "--out", out, *CLI_AS_OF)
    assert result.exit_code == 1 and result.stderr == ""
    import openpyxl

    copy = openpyxl.load_workbook(out)[SHEET]
    assert copy[cell("title", 4)].value == LONG
    assert copy[cell("due_date", 4)].comment is not None  # the note fits Excel's limit


CONTROL = "Open\x1b[2J\x07\x9b31m"


def test_control_characters_are_reported_and_never_reach_the_terminal(tmp_path):
    path = build_filled(tmp_path / "ctrl.xlsx", [clean_entry(status=CONTROL)])
    report = validate(path)
    assert pairs(report) == {("choice.not-allowed", cell("status", 4))}
    assert report.findings[0].value == CONTROL
    text = run_cli("validate", path, *CLI_AS_OF).stdout
    assert not any(ch in text for ch in "\x1b\x07\x9b")
    assert "\\x1b[2J" in text
    data = json.loads(run_cli("validate", path, "--format", "json", *CLI_AS_OF).stdout)
    assert data["workbooks"][0]["findings"][0]["value"] == CONTROL


def test_control_characters_in_a_sheet_name_keep_the_error_on_one_line(base, tmp_path):
    part = sheet_part(base, SHEET)

    def change(p):
        p["xl/workbook.xml"] = replace_once(p["xl/workbook.xml"], b'name="Actions"',
                                            b'name="Act&#10;ions"')
        del p[part]  # so the error names the sheet
    path = rezip(base, tmp_path / "newline.xlsx", change)
    result = run_cli("validate", path, *CLI_AS_OF)
    assert result.exit_code == 2
    assert len(error_lines(result)) == 1 and "Act\\nions" in result.stderr


RTL_OWNER = "مريم الحسيني"
EMOJI_TITLE = "Medication 💊 audit ✅"
EMBEDDED = "\u202bright-to-left embedding\u202c"


def test_right_to_left_and_emoji_text_survive_every_output(tmp_path):
    entry = clean_entry(owner=RTL_OWNER, title=EMOJI_TITLE, progress_update=EMBEDDED,
                        priority="High 🔥")
    path = build_filled(tmp_path / "rtl.xlsx", [entry])
    report = validate(path)
    assert pairs(report) == {("choice.not-allowed", cell("priority", 4))}
    data = json.loads(run_cli("validate", path, "--format", "json", *CLI_AS_OF).stdout)
    assert data["workbooks"][0]["findings"][0]["value"] == "High 🔥"
    out = tmp_path / "audit.xlsx"
    run_cli("audit", path, "--out", out, *CLI_AS_OF)
    import openpyxl

    copy = openpyxl.load_workbook(out)[SHEET]
    assert (copy[cell("owner", 4)].value, copy[cell("title", 4)].value,
            copy[cell("progress_update", 4)].value) == (RTL_OWNER, EMOJI_TITLE, EMBEDDED)


def test_corpus_has_at_least_thirty_cases_of_its_own():
    """The issue asks for 30 or more; test_bad_input and test_read_back hold as many again."""
    assert len(REFUSED) + len(READ) + 5 >= 30  # + Lists, long cells, control (2), RTL/emoji


# --------------------------------------------------------------------------------------------
# The README states the limits the code enforces (the constants are the one source).
# --------------------------------------------------------------------------------------------

def test_readme_quotes_the_limits_the_code_enforces():
    from tracker_tool.cli.group import max_rows_option
    from tracker_tool.read import safe_open

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| ([^|]+?) \| ([^|]+?) \|$", readme, re.MULTILINE))
    mib = 2**20
    assert rows["File size"] == f"{safe_open.MAX_FILE_BYTES // mib} MiB"
    assert rows["Parts in the archive"] == f"{safe_open.MAX_MEMBERS:,}"
    assert rows["Expanded size"] == (
        f"{safe_open.MAX_MEMBER_BYTES // mib} MiB per part, {safe_open.MAX_TOTAL_BYTES // mib} "
        f"MiB in all; no part over 1 MiB may expand more than {safe_open.MAX_RATIO} times")
    assert rows["Entry rows read per sheet"].startswith(f"{DEFAULT_MAX_ROWS:,} (`--max-rows`)")
    assert rows["Block a sheet's values span, A1 to the last value"].startswith(
        f"{cell_limit(DEFAULT_MAX_ROWS):,} cells ({CELLS_PER_ROW} for each row")
    # the CLI's default is written out so --help stays quick; it must be the reader's
    default = next(p.default for p in max_rows_option(lambda: None).__click_params__)
    assert default == DEFAULT_MAX_ROWS
