"""Files that are not usable trackers: each refused by the library with a clear WorkbookError
and by the CLI with exit status 2 and a one-line "Error: ..." (never a traceback).
Plus the CLI's handling of several files, its refusal to overwrite an input, and JSON output.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import re
import time
import zipfile
from pathlib import Path

import pytest
from _builders import AS_OF, build_filled, clean_entry, validate
from click.testing import CliRunner

from tracker_tool import api
from tracker_tool.cli import cli
from tracker_tool.errors import WorkbookError

OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")
CLI_AS_OF = ["--as-of", AS_OF.isoformat()]


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def run_cli(*args: str):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    # nothing the user sees may be a Python traceback
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code not in (0, 1, 2) or (
            result.exception is not None and not isinstance(result.exception, SystemExit)):
        raise AssertionError(f"CLI crashed: {result.exception!r}\n{result.stderr}")
    return result


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED,
              compresslevel: int | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression, compresslevel=compresslevel) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buffer.getvalue()


def members_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


@pytest.fixture(scope="module")
def template_bytes(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("tpl") / "template.xlsx"
    api.build_template("action-plan", path)
    return path.read_bytes()


@pytest.fixture(scope="module")
def good_path(tmp_path_factory) -> Path:
    """A filled tracker with one clean row and one row with an error finding."""
    path = tmp_path_factory.mktemp("good") / "good.xlsx"
    return build_filled(path, [clean_entry(action_id="A-001"),
                               clean_entry(action_id="A-002", date_created="31/09/2026")])


# --------------------------------------------------------------------------------------------
# The unreadable files. Each maker returns the bytes; the file name matters for some.
# --------------------------------------------------------------------------------------------

LOL_DOCTYPE = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<!DOCTYPE workbook [\n'
    b' <!ENTITY lol "lol">\n'
    + b"".join(
        b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10))
    + b']>\n'
)


def _billion_laughs(template: bytes, part: str) -> bytes:
    members = members_of(template)
    xml = members[part]
    body = xml.split(b"?>", 1)[1]
    if part == "xl/workbook.xml":
        body = body.replace(b'name="Actions"', b'name="&lol9;"', 1)
    members[part] = LOL_DOCTYPE + body
    return zip_bytes(members)


def _with_part(template: bytes, part: str, change) -> bytes:
    members = members_of(template)
    members[part] = change(members[part])
    return zip_bytes(members)


def _flip_a_byte(template: bytes, part: str) -> bytes:
    """Damage the compressed data of ``part`` (as a bad disk or a cut download would)."""
    data = bytearray(template)
    info = zipfile.ZipFile(io.BytesIO(template)).getinfo(part)
    local = data[info.header_offset: info.header_offset + 30]
    start = (info.header_offset + 30 + int.from_bytes(local[26:28], "little")
             + int.from_bytes(local[28:30], "little"))
    data[start + 100] ^= 0xFF
    return bytes(data)


def _random_bytes(_t):
    data = random.Random(20261121).randbytes(8192)
    assert not data.startswith((b"PK", OLE_MAGIC))
    return data


def _macro(t):
    members = members_of(t)
    members["xl/vbaProject.bin"] = OLE_MAGIC + b"\0" * 504
    return zip_bytes(members)


BAD_FILES = {
    # id: (file name, maker(template bytes) -> bytes, words the reason must contain)
    "random-bytes": ("random.xlsx", _random_bytes, ["not an excel workbook"]),
    "csv-renamed": ("actions.xlsx",
                    lambda t: b"Action ID,Owner,Due date\r\nA-001,Priya Shah,21/11/2026\r\n",
                    ["csv", "save it as excel workbook (.xlsx)"]),
    "empty": ("empty.xlsx", lambda t: b"", ["empty", "0 bytes"]),
    "legacy-xls": ("old.xls", lambda t: OLE_MAGIC + b"\0" * 4088, [".xls", "save it as"]),
    "legacy-xls-renamed": ("old.xlsx", lambda t: OLE_MAGIC + b"\x01" * 4088, [".xls"]),
    "password": ("locked.xlsx",
                 lambda t: OLE_MAGIC + b"\0" * 2000 + "EncryptedPackage".encode("utf-16-le")
                 + b"\0" * 2000,
                 ["password", "remove the password"]),
    "macro": ("macro.xlsx", _macro, ["macros"]),
    "truncated": ("cut.xlsx", lambda t: t[: len(t) // 2], ["damaged", "incomplete"]),
    "zip-not-workbook": ("docs.xlsx",
                         lambda t: zip_bytes({"word/document.xml": b"<w/>",
                                              "readme.txt": b"hello"}),
                         ["not an excel workbook", "xl/workbook.xml"]),
    "entity-bomb-workbook-xml": ("lol.xlsx", lambda t: _billion_laughs(t, "xl/workbook.xml"),
                                 ["refused", "entities"]),
    "entity-bomb-custom-props": ("lol2.xlsx",
                                 lambda t: _billion_laughs(t, "docProps/custom.xml"),
                                 ["refused", "entities"]),
    "entity-bomb-rels": ("lol3.xlsx",
                         lambda t: _billion_laughs(t, "xl/_rels/workbook.xml.rels"),
                         ["refused", "entities"]),
    "damaged-sheet-xml": ("cut-sheet.xlsx",
                          lambda t: _with_part(t, "xl/worksheets/sheet2.xml",
                                               lambda x: x[:5000]),
                          ["could not be read"]),
    "damaged-workbook-xml": ("cut-book.xlsx",
                             lambda t: _with_part(t, "xl/workbook.xml", lambda x: x[:200]),
                             ["damaged", "xl/workbook.xml"]),
    "corrupt-deflate-stream": ("flipped.xlsx", lambda t: _flip_a_byte(t, "xl/worksheets/sheet2.xml"),
                               ["could not be read"]),
    "sheet-part-missing": ("hollow.xlsx",
                           lambda t: zip_bytes({n: d for n, d in members_of(t).items()
                                                if n != "xl/worksheets/sheet2.xml"}),
                           ["damaged", "sheet 'actions'", "missing"]),
    "html-renamed": ("page.xlsx", lambda t: b"<!DOCTYPE html><html><table></table></html>",
                     ["web page", "save it as excel workbook (.xlsx)"]),
}


@pytest.fixture
def bad_file(request, tmp_path, template_bytes):
    name, make, words = BAD_FILES[request.param]
    path = tmp_path / name
    path.write_bytes(make(template_bytes))
    return path, words


@pytest.mark.parametrize("bad_file", list(BAD_FILES), indirect=True)
def test_library_refuses_with_a_clear_reason(bad_file):
    path, words = bad_file
    with pytest.raises(WorkbookError) as caught:
        api.validate_workbook(path, as_of=AS_OF)
    reason = caught.value.reason
    assert caught.value.path == str(path)
    assert "\n" not in reason
    for word in words:
        assert word in reason.lower(), reason
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("bad_file", list(BAD_FILES), indirect=True)
def test_cli_validate_refuses_with_exit_2_and_one_error_line(bad_file):
    path, words = bad_file
    result = run_cli("validate", path, *CLI_AS_OF)
    assert result.exit_code == 2
    lines = error_lines(result)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert str(path) in lines[0]
    for word in words:
        assert word in lines[0].lower()


@pytest.mark.parametrize("bad_file", ["csv-renamed", "password", "truncated", "macro"],
                         indirect=True)
def test_cli_audit_refuses_with_exit_2_and_writes_nothing(bad_file, tmp_path):
    path, words = bad_file
    before = sha256(path)
    out = tmp_path / "out" / "audit.xlsx"
    result = run_cli("audit", path, "--out", out, *CLI_AS_OF)
    assert result.exit_code == 2
    lines = error_lines(result)
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert words[0] in lines[0].lower()
    assert not out.exists()
    assert sha256(path) == before


def test_missing_file(tmp_path):
    path = tmp_path / "nowhere" / "returned.xlsx"
    with pytest.raises(WorkbookError) as caught:
        api.validate_workbook(path, as_of=AS_OF)
    assert caught.value.reason == "no such file"
    result = run_cli("validate", path, *CLI_AS_OF)
    assert result.exit_code == 2
    assert error_lines(result) == [f"Error: {path}: no such file"]


def test_a_folder_is_not_a_workbook(tmp_path):
    with pytest.raises(WorkbookError) as caught:
        api.validate_workbook(tmp_path, as_of=AS_OF)
    assert "it is a folder" in caught.value.reason
    result = run_cli("validate", tmp_path, *CLI_AS_OF)
    assert result.exit_code == 2
    assert len(error_lines(result)) == 1


# --------------------------------------------------------------------------------------------
# Zip bomb: refused from the zip directory, before anything is inflated.
# --------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory, template_bytes) -> Path:
    members = members_of(template_bytes)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
        # 100 MiB of zeros, deflated to ~100 KiB; streamed so the test never holds 100 MiB
        info = zipfile.ZipInfo("xl/media/image1.png")
        info.compress_type = zipfile.ZIP_DEFLATED
        chunk = b"\0" * (4 * 2**20)
        with z.open(info, "w", force_zip64=False) as member:
            for _ in range(25):
                member.write(chunk)
    path = tmp_path_factory.mktemp("bomb") / "bomb.xlsx"
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 2**20
    return path


def test_zip_bomb_is_refused_quickly_by_the_library(zip_bomb):
    started = time.perf_counter()
    with pytest.raises(WorkbookError) as caught:
        api.validate_workbook(zip_bomb, as_of=AS_OF)
    assert time.perf_counter() - started < 2.0
    assert "zip bomb" in caught.value.reason
    assert "xl/media/image1.png" in caught.value.reason


def test_zip_bomb_is_refused_quickly_by_the_cli(zip_bomb):
    started = time.perf_counter()
    result = run_cli("validate", zip_bomb, *CLI_AS_OF)
    assert time.perf_counter() - started < 2.0
    assert result.exit_code == 2
    lines = error_lines(result)
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "zip bomb" in lines[0]


def declare_size(data: bytearray, member: str, size: int, path):
    """Rewrite the uncompressed size the central directory declares for ``member``."""
    name = member.encode()
    central = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    assert data[central + 46: central + 46 + len(name)] == name
    data[central + 24: central + 28] = size.to_bytes(4, "little")
    path.write_bytes(bytes(data))
    return path


def test_member_declaring_a_huge_size_is_refused(tmp_path, template_bytes):
    """A central directory that claims a 1 GiB member is refused on the claim alone."""
    data = bytearray(zip_bytes({**members_of(template_bytes),
                                "xl/media/big.bin": b"x" * 1000}, zipfile.ZIP_STORED))
    path = declare_size(data, "xl/media/big.bin", 2**30, tmp_path / "liar.xlsx")
    started = time.perf_counter()
    with pytest.raises(WorkbookError) as caught:
        api.validate_workbook(path, as_of=AS_OF)
    assert time.perf_counter() - started < 2.0
    assert caught.value.reason.startswith("refused")


def test_member_lying_about_its_size_is_refused(tmp_path):
    """A member that declares a small size but inflates to far more is stopped, not inflated."""
    import xlsxwriter

    src = tmp_path / "small.xlsx"
    wb = xlsxwriter.Workbook(str(src))
    wb.add_worksheet("Actions").write_string(0, 0, "Action ID")
    wb.close()
    members = members_of(src.read_bytes())
    buffer = io.BytesIO()
    part = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            if name != part:
                z.writestr(name, data)
                continue
            info = zipfile.ZipInfo(part)
            info.compress_type = zipfile.ZIP_DEFLATED
            row = b'<row r="5"><c r="A5" t="inlineStr"><is><t>x</t></is></c></row>'
            with z.open(info, "w", force_zip64=False) as member:
                member.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns='
                             b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                             b'<sheetData>')
                for _ in range(20):
                    member.write(row * 10_000)  # ~12 MB in all
                member.write(b"</sheetData></worksheet>")
    path = declare_size(bytearray(buffer.getvalue()), part, 5_000, tmp_path / "liar.xlsx")
    started = time.perf_counter()
    with pytest.raises(WorkbookError) as caught:
        api.validate_workbook(path, as_of=AS_OF)
    assert time.perf_counter() - started < 2.0
    assert "could not be read" in caught.value.reason
    result = run_cli("validate", path, *CLI_AS_OF)
    assert result.exit_code == 2 and len(error_lines(result)) == 1


# --------------------------------------------------------------------------------------------
# Readable workbooks that are not trackers: a finding, exit 1, not an error.
# --------------------------------------------------------------------------------------------

def _budget(path: Path) -> Path:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Budget")
    ws.write_row(0, 0, ["Item", "Cost"])
    ws.write_row(1, 0, ["Gloves", 120.5])
    ws.write_row(2, 0, ["Aprons", 80])
    wb.close()
    return path


def _blank(path: Path) -> Path:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet()
    wb.close()
    return path


@pytest.mark.parametrize("make, sheet", [(_budget, "Budget"), (_blank, "Sheet1")],
                         ids=["budget", "empty-workbook"])
def test_workbook_that_is_not_a_tracker(tmp_path, make, sheet):
    path = make(tmp_path / "other.xlsx")
    report = validate(path)
    assert {(f.code, f.cell) for f in report.findings} == {("workbook.not-a-tracker", None)}
    finding = next(f for f in report.findings if f.code == "workbook.not-a-tracker")
    assert finding.severity.value == "error"
    assert repr(sheet) in finding.message
    assert report.rows == 0

    result = run_cli("validate", path, "--format", "json", *CLI_AS_OF)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert "workbook.not-a-tracker" in {f["code"] for f in data["workbooks"][0]["findings"]}
    assert result.stderr == ""


# --------------------------------------------------------------------------------------------
# The CLI with several files, overwriting inputs, and JSON output.
# --------------------------------------------------------------------------------------------

def test_validate_good_and_unreadable_file_reports_the_good_one_and_exits_2(good_path, tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook at all\n")
    result = run_cli("validate", good_path, bad, *CLI_AS_OF)
    assert result.exit_code == 2
    assert re.search(r"^good\.xlsx: ERRORS - 2 actions, 1 errors?\b", result.stdout, re.M)
    assert "date.impossible" in result.stdout and "Actions!F5" in result.stdout
    lines = error_lines(result)
    assert len(lines) == 1
    assert lines[0].startswith(f"Error: {bad}: ") and "text or csv" in lines[0].lower()


def test_validate_good_files_only_exit_by_findings(good_path, tmp_path):
    clean = build_filled(tmp_path / "clean.xlsx", [clean_entry()])
    assert run_cli("validate", clean, *CLI_AS_OF).exit_code == 0
    assert run_cli("validate", clean, good_path, *CLI_AS_OF).exit_code == 1


def test_validate_json_lists_unreadable_files(good_path, tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"")
    result = run_cli("validate", good_path, bad, "--format", "json", *CLI_AS_OF)
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert [w["path"] for w in data["workbooks"]] == [str(good_path)]
    assert data["unreadable"] == [{"path": str(bad), "reason": "the file is empty (0 bytes)"}]


def test_audit_refuses_to_write_over_its_input(good_path, tmp_path):
    copy = tmp_path / "returned.xlsx"
    copy.write_bytes(good_path.read_bytes())
    before = sha256(copy)
    listing = sorted(p.name for p in tmp_path.iterdir())
    result = run_cli("audit", copy, "--out", copy, *CLI_AS_OF)
    assert result.exit_code == 2
    lines = error_lines(result)
    assert len(lines) == 1 and lines[0].startswith("Error: ")
    assert "input" in lines[0]
    assert sha256(copy) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing  # no temp file left behind


def test_audit_refuses_an_output_that_is_the_input_by_another_name(good_path, tmp_path,
                                                                   monkeypatch):
    copy = tmp_path / "returned.xlsx"
    copy.write_bytes(good_path.read_bytes())
    before = sha256(copy)
    monkeypatch.chdir(tmp_path)
    result = run_cli("audit", copy, "--out", "./sub/../returned.xlsx", *CLI_AS_OF)
    assert result.exit_code == 2
    assert sha256(copy) == before


def test_audit_never_modifies_its_input(good_path, tmp_path):
    copy = tmp_path / "returned.xlsx"
    copy.write_bytes(good_path.read_bytes())
    before, mtime = sha256(copy), copy.stat().st_mtime_ns
    out = tmp_path / "returned-audit.xlsx"
    result = run_cli("audit", copy, "--out", out, *CLI_AS_OF)
    assert result.exit_code == 1  # the row with 31/09/2026 is an error finding
    assert out.exists() and zipfile.is_zipfile(out)
    assert sha256(copy) == before
    assert copy.stat().st_mtime_ns == mtime
    # the default output name sits beside the input, and the input is still untouched
    result = run_cli("audit", copy, *CLI_AS_OF)
    assert result.exit_code == 1
    assert (tmp_path / "returned-audit.xlsx").exists()
    assert sha256(copy) == before


def test_json_output_has_the_documented_keys(good_path):
    result = run_cli("validate", good_path, "--format", "json", *CLI_AS_OF)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert isinstance(data["workbooks"], list) and len(data["workbooks"]) == 1
    book = data["workbooks"][0]
    assert {"path", "tracker", "template_version", "rows", "findings"} <= set(book)
    assert (book["path"], book["tracker"], book["template_version"], book["rows"]) == (
        str(good_path), "action-plan", "1.2", 2)
    assert book["findings"], "expected the date.impossible finding"
    for finding in book["findings"]:
        assert set(finding) == {"code", "severity", "sheet", "cell", "row", "column", "value",
                                "message", "clause", "tracker", "action_id", "action_title",
                                "owner"}
    impossible = next(f for f in book["findings"] if f["code"] == "date.impossible")
    assert impossible == {
        "code": "date.impossible", "severity": "error", "sheet": "Actions", "cell": "F5",
        "row": 5, "column": "Date created", "value": "31/09/2026",
        "message": impossible["message"], "clause": "s8", "tracker": "action-plan",
        "action_id": impossible["action_id"], "action_title": impossible["action_title"],
        "owner": impossible["owner"],
    }
    assert impossible["action_id"] and impossible["owner"]
    assert "31/09/2026" in impossible["message"]
