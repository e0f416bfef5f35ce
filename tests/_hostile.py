"""Helpers for the hostile-input tests: run the CLI as a user would, take a workbook apart and
put it back together with one thing changed. Nothing here is a test.
"""

from __future__ import annotations

import hashlib
import io
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from tracker_tool.cli import cli
from tracker_tool.read.safe_open import open_workbook
from tracker_tool.read.xlsx_parts import read_parts

#: What a spreadsheet could take for the start of a formula (OWASP CSV injection).
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def sha256(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def run_cli(*args, input: str | None = None):
    """Invoke the CLI in-process; fail on a traceback or an exit status the tool never uses."""
    result = CliRunner().invoke(cli, [str(a) for a in args], input=input)
    shown = result.stdout + result.stderr
    assert "Traceback" not in shown, shown
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"CLI crashed: {result.exception!r}") from result.exception
    assert result.exit_code in (0, 1, 2), result.exit_code
    return result


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_zip(parts: dict[str, bytes] | list[tuple[str, bytes]], path) -> Path:
    """Write ``parts`` as a deflated zip; a list may name a part twice (a tampered archive)."""
    items = parts.items() if isinstance(parts, dict) else parts
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in items:
                archive.writestr(name, data)
    Path(path).write_bytes(buffer.getvalue())
    return Path(path)


def rezip(src, dst, change: Callable[[dict[str, bytes]], None]) -> Path:
    """Copy the workbook ``src`` to ``dst`` after ``change`` edits its parts in place."""
    parts = members(src)
    change(parts)
    return write_zip(parts, dst)


def sheet_part(path, sheet: str) -> str:
    """The zip member holding ``sheet``, found the way the reader finds it."""
    parts = read_parts(open_workbook(path))
    return next(s.part for s in parts.sheets if s.name == sheet)


def replace_once(data: bytes, old: bytes, new: bytes) -> bytes:
    """Replace the first ``old``, insisting it is there (so a test cannot pass vacuously)."""
    assert old in data, old
    return data.replace(old, new, 1)


def set_cell(sheet_xml: bytes, ref: str, cell_xml: str) -> bytes:
    """Replace the cell ``ref`` (which must exist) with ``cell_xml``, e.g. a formula cell."""
    import re

    pattern = re.compile(rb'<c r="' + ref.encode() + rb'"(?:[^>]*/>|[^>]*>.*?</c>)', re.DOTALL)
    assert pattern.search(sheet_xml), ref
    return pattern.sub(lambda _: cell_xml.encode(), sheet_xml, count=1)
