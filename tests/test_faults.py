"""The batch and the writing commands under faults: nothing lost, nothing destroyed, nothing
hung, no traceback, no process left behind, and the next run right.

Each case breaks something on purpose (a pipe among the returns, a link loop, the driver
killed, a worker killed, a full disk, two batches into one folder, files changed under the
batch, a folder that cannot be listed, a very long name), then checks what the run said and
that a second run, with the fault gone, gives the full and correct result. Signals are sent
to a real `python -m tracker_tool batch` process; the rest run in-process.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest
from _builders import AS_OF, build_filled, clean_entry
from _hostile import run_cli, sha256

from tracker_tool import api
from tracker_tool.batch.lock import LOCK_NAME
from tracker_tool.core.outputs import OUTPUT_PROPERTY, RUN_PROPERTY

LINUX = sys.platform.startswith("linux")
ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False
CLI_AS_OF = ("--as-of", AS_OF.isoformat())


# -- workbooks and helpers -------------------------------------------------------------------

@pytest.fixture(scope="module")
def small(tmp_path_factory) -> bytes:
    """A return with a finding: one clean action, one without an owner."""
    path = build_filled(tmp_path_factory.mktemp("small") / "r.xlsx",
                        [clean_entry(), clean_entry(action_id="A-002", owner=None)])
    return path.read_bytes()


@pytest.fixture(scope="module")
def slow(tmp_path_factory) -> bytes:
    """A return large enough (300 actions) that a batch of a few dozen takes some seconds, so
    a signal lands while workers are busy."""
    rows = [clean_entry(action_id=f"A-{i:03d}", owner=None if i % 5 == 0 else "Priya Shah")
            for i in range(300)]
    path = build_filled(tmp_path_factory.mktemp("slow") / "r.xlsx", rows)
    return path.read_bytes()


def returns_of(folder: Path, data: bytes, count: int, prefix: str = "service") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"{prefix}-{i:02d}.xlsx").write_bytes(data)
    return folder


def report(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def statuses(out: Path) -> dict[str, str]:
    """Each workbook's status (checked / not read) and reason, by file name, from report.json."""
    return {Path(w["workbook"]).name: (w["status"], w["reason"]) for w in report(out)["workbooks"]}


def leftovers(folder: Path) -> list[str]:
    """Temporary files and scratch folders a run left behind."""
    return [str(p) for p in folder.rglob(".tt-*")]


def custom_property(path: Path, name: str) -> str | None:
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("docProps/custom.xml").decode()
    marker = f'name="{name}"'
    if marker not in xml:
        return None
    return xml.split(marker, 1)[1].split("<vt:lpwstr>", 1)[1].split("<", 1)[0]


def assert_one_run(out: Path) -> None:
    """The three run outputs come from one run, of the audit date asked for."""
    data = report(out)
    assert data["tool"] == "tracker-tool" and data["as_of"] == AS_OF.isoformat()
    assert custom_property(out / "rollup.xlsx", RUN_PROPERTY) == data["run"]
    lines = (out / "findings.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].endswith(",as_of,run")
    assert all(line.endswith(f",{AS_OF.isoformat()},{data['run']}") for line in lines[1:])


def batch_process(returns: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tracker_tool", "batch", str(returns), "--out-dir", str(out),
         *CLI_AS_OF, "--workers", "2", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})


def wait_for_progress(proc: subprocess.Popen, lines: int) -> list[str]:
    """Read the log until ``lines`` workbooks are done (the workers are busy by then)."""
    seen = []
    deadline = time.monotonic() + 120
    while len(seen) < lines and time.monotonic() < deadline:
        line = proc.stderr.readline()
        if not line:
            break
        if line.startswith("["):
            seen.append(line)
    assert len(seen) >= lines, "the batch did not get going: " + "".join(seen)
    return seen


def children(pid: int) -> list[int]:
    """Live processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            fields = _stat(int(entry))
            if fields and fields[1] == str(pid) and fields[0] != "Z":
                found.append(int(entry))
    return found


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text.rsplit(")", 1)[1].split()  # state, ppid, ...


def gone(pids: list[int], within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        alive = [p for p in pids if (_stat(p) or ["Z"])[0] != "Z"]
        if not alive:
            return True
        time.sleep(0.1)
    return False


def finish(proc: subprocess.Popen, timeout: float = 120) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def rerun_is_right(returns: Path, out: Path, expected: int) -> dict:
    """A second run with the fault gone: every return checked, none replayed as not read,
    the three outputs from that one run, no temporary file anywhere."""
    result = run_cli("batch", returns, "--out-dir", out, *CLI_AS_OF, "--workers", "2")
    assert result.exit_code == 1, result.stderr  # the returns have errors, on purpose
    found = statuses(out)
    assert len(found) == expected
    assert all(status == "checked" for status, _ in found.values()), found
    assert_one_run(out)
    assert leftovers(out) == []
    assert not (out / LOCK_NAME).exists()
    return found


# -- never destroy what is not ours ------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_an_output_path_that_is_a_pipe_or_device_is_refused_and_left_alone(tmp_path, small):
    returned = tmp_path / "returned.xlsx"
    returned.write_bytes(small)
    pipe = tmp_path / "pipe.xlsx"
    os.mkfifo(pipe)
    targets = [pipe]
    if ROOT:  # a copy of /dev/null: replacing a device node is what destroyed /dev/null
        device = tmp_path / "null.xlsx"
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        targets.append(device)
    for target in targets:
        kind = os.stat(target).st_mode
        for args in (["audit", returned, "--out", target], ["audit", returned, "--out", target,
                                                          "--force"],
                     ["template", "action-plan", "--out", target, "--force"]):
            result = run_cli(*args, *([] if args[0] == "template" else CLI_AS_OF))
            assert result.exit_code == 2, result.stderr
            assert "not a regular file" in result.stderr
        assert os.stat(target).st_mode == kind  # still the pipe, still the device
    assert leftovers(tmp_path) == []


def test_a_file_that_is_not_our_output_is_replaced_only_with_force(tmp_path, small):
    returned = tmp_path / "returned.xlsx"
    returned.write_bytes(small)
    other = tmp_path / "other-service.xlsx"  # another service's return at the output path
    other.write_bytes(small)
    refused = run_cli("audit", returned, "--out", other, *CLI_AS_OF)
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert other.read_bytes() == small
    assert run_cli("audit", returned, "--out", other, "--force", *CLI_AS_OF).exit_code == 1
    assert custom_property(other, OUTPUT_PROPERTY) == "audit"
    # Our own audit is ours: replaced without asking.
    assert run_cli("audit", returned, "--out", other, *CLI_AS_OF).exit_code == 1
    # The batch refuses a roll-up it did not write, and names it.
    out = tmp_path / "out"
    out.mkdir()
    (out / "findings.csv").write_text("someone's own list\n", encoding="utf-8")
    result = run_cli("batch", returned, "--out-dir", out, *CLI_AS_OF, "--workers", "1")
    assert result.exit_code == 2 and "findings.csv" in result.stderr
    assert (out / "findings.csv").read_text(encoding="utf-8") == "someone's own list\n"
    assert run_cli("batch", returned, "--out-dir", out, *CLI_AS_OF, "--workers", "1",
                   "--force").exit_code == 1
    assert_one_run(out)


# -- every file accounted for -----------------------------------------------------------------

def _zip(entries: dict[str, bytes]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


FOREIGN = {
    "export.csv": (b"Action ID,Title\nA-1,Re-audit\n", "CSV file"),
    "saved.ods": (_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                        "content.xml": b"<x/>"}), "OpenDocument spreadsheet (.ods)"),
    "flat.fods": ((b'<?xml version="1.0"?>\n<office:document xmlns:office="urn:oasis:names:'
                   b'tc:opendocument:xmlns:office:1.0"/>'), "OpenDocument flat XML spreadsheet"),
    "mac.numbers": (_zip({"Index/Document.iwa": b"\0", "Metadata/Properties.plist": b""}),
                    "Apple Numbers"),
    "binary.xlsb": (_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\0"}),
                    "Excel Binary Workbook (.xlsb)"),
    "old.xls": ((bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 600
                 + "Workbook".encode("utf-16-le") + b"\0" * 600), "Excel 97-2003"),
    "older.xls": (b"\x09\x04\x06\x00\x00\x00\x10\x00" + b"\0" * 100, "Excel 4.0 worksheet (BIFF"),
    "macro.xlsm": (None, "macros"),
    "blank.xltx": (None, "Excel template (.xltx)"),
}


def test_every_spreadsheet_like_file_and_obstacle_is_a_row(tmp_path, small):
    folder = tmp_path / "returns"
    folder.mkdir()
    (folder / "good.xlsx").write_bytes(small)
    with zipfile.ZipFile(folder / "good.xlsx") as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    types = parts["[Content_Types].xml"]
    for name, (data, _) in FOREIGN.items():
        if name == "macro.xlsm":
            data = _zip({**parts, "xl/vbaProject.bin": b"\0"})
        elif name == "blank.xltx":
            data = _zip({**parts, "[Content_Types].xml": types.replace(
                b"spreadsheetml.sheet.main", b"spreadsheetml.template.main")})
        (folder / name).write_bytes(data)
    (folder / "package.numbers").mkdir()  # Numbers can save a document as a folder
    (folder / "package.numbers" / "Index.zip").write_bytes(b"PK")
    (folder / "gone.xlsx").symlink_to(folder / "deleted.xlsx")
    (folder / "notes.txt").write_text("not a spreadsheet: not a return")
    result = api.validate_many([folder], tmp_path / "out", AS_OF, workers=1)
    reasons = {Path(s.workbook).name: s.reason for s in result.summaries}
    assert reasons.pop("good.xlsx") is None
    assert "notes.txt" not in reasons
    for name, (_, named) in FOREIGN.items():
        assert named in reasons[name], (name, reasons[name])
        if name not in ("macro.xlsm", "export.csv"):
            assert "Excel Workbook (.xlsx)" in reasons[name] or "Excel" in reasons[name]
    assert "Apple Numbers" in reasons["package.numbers"]
    assert "does not exist" in reasons["gone.xlsx"]


def test_a_workbook_found_through_its_package_relationships_is_read(tmp_path, small):
    """Valid packaging Excel does not write itself: the workbook part elsewhere and named in
    another case, found through _rels/.rels as the standard says."""
    plain = tmp_path / "plain.xlsx"
    plain.write_bytes(small)
    with zipfile.ZipFile(plain) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    moved = {}
    for name, data in parts.items():
        if name == "xl/workbook.xml":
            name = "Book/Main.XML"
        elif name == "xl/_rels/workbook.xml.rels":
            name, data = "Book/_rels/Main.XML.rels", data.replace(b'Target="', b'Target="../xl/')
        elif name == "_rels/.rels":
            data = data.replace(b"xl/workbook.xml", b"Book/Main.XML")
        elif name == "[Content_Types].xml":
            data = data.replace(b"/xl/workbook.xml", b"/Book/Main.XML")
        elif name.startswith("xl/worksheets/"):
            name = name.upper()
            parts_rels = name  # noqa: F841 - upper-case part names are matched without case
        moved[name] = data
    odd = tmp_path / "odd.xlsx"
    odd.write_bytes(_zip(moved))
    want = api.validate_workbook(plain, AS_OF)
    got = api.validate_workbook(odd, AS_OF)
    assert [(f.code, f.cell) for f in got.findings] == [(f.code, f.cell) for f in want.findings]
    assert got.rows == want.rows == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_among_the_returns_is_a_row_and_never_hangs(tmp_path, small):
    folder = returns_of(tmp_path / "returns", small, 2)
    os.mkfifo(folder / "stuck.xlsx")
    out = tmp_path / "out"
    proc = batch_process(folder, out)
    status, _, err = finish(proc, timeout=120)  # a hang fails here
    assert status == 1 and "Traceback" not in err
    found = statuses(out)
    assert "named pipe" in found["stuck.xlsx"][1]
    assert [s for s, _ in found.values()].count("checked") == 2
    (folder / "stuck.xlsx").unlink()
    rerun_is_right(folder, out, expected=2)


def test_a_symlink_loop_is_a_row_and_the_batch_goes_on(tmp_path, small):
    folder = returns_of(tmp_path / "returns", small, 2)
    (folder / "a.xlsx").symlink_to(folder / "b.xlsx")
    (folder / "b.xlsx").symlink_to(folder / "a.xlsx")
    (folder / "sub").mkdir()
    (folder / "sub" / "back").symlink_to(folder)  # a folder link into its own ancestor
    out = tmp_path / "out"
    result = run_cli("batch", folder, "--out-dir", out, *CLI_AS_OF, "--workers", "1")
    assert result.exit_code == 1
    found = statuses(out)
    assert "loop" in found["a.xlsx"][1] and "loop" in found["b.xlsx"][1]
    assert "loop" in found["back"][1]
    for name in ("a.xlsx", "b.xlsx"):
        (folder / name).unlink()
    (folder / "sub" / "back").unlink()
    rerun_is_right(folder, out, expected=2)


def test_a_folder_that_cannot_be_listed_is_a_row(tmp_path, small, monkeypatch):
    """Root can list any folder, so for root the listing is made to fail as it would for
    anyone else; otherwise the folder's permissions are taken away for real."""
    folder = returns_of(tmp_path / "returns", small, 1)
    hidden = returns_of(folder / "locked", small, 2, prefix="locked")
    if ROOT:
        real = os.scandir

        def scandir(path="."):
            if isinstance(path, (str, os.PathLike)) and Path(path) == hidden:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
            return real(path)

        monkeypatch.setattr(os, "scandir", scandir)
    else:
        hidden.chmod(0)
    out = tmp_path / "out"
    try:
        result = api.validate_many([folder], out, AS_OF, workers=1)
    finally:
        hidden.chmod(0o755)
        monkeypatch.undo()
    rows = {Path(s.workbook).name: s for s in result.summaries}
    assert "could not be searched" in rows["locked"].reason
    assert "Permission denied" in rows["locked"].reason
    assert rows["service-00.xlsx"].readable
    rerun_is_right(folder, out, expected=3)


# -- signals and processes --------------------------------------------------------------------

@pytest.mark.skipif(not LINUX, reason="reads /proc to find the worker processes")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_an_interrupted_batch_exits_130_and_the_next_run_finishes(tmp_path, slow, sig):
    folder = returns_of(tmp_path / "returns", slow, 16)
    out = tmp_path / "out"
    proc = batch_process(folder, out)
    wait_for_progress(proc, 2)
    workers = children(proc.pid)
    assert workers, "the batch has no worker processes"
    proc.send_signal(sig)
    status, _, err = finish(proc, timeout=60)
    assert status == 130, err
    assert "Interrupted" in err and "Traceback" not in err
    assert gone(workers)
    assert not (out / "report.json").exists()  # no half set of outputs
    assert not (out / LOCK_NAME).exists()
    found = rerun_is_right(folder, out, expected=16)
    assert len(found) == 16


@pytest.mark.skipif(not LINUX, reason="reads /proc to find the worker processes")
def test_a_killed_driver_leaves_no_process_and_no_lock(tmp_path, slow, small):
    folder = returns_of(tmp_path / "returns", slow, 16)
    out = tmp_path / "out"
    # An earlier run's outputs, which a killed run must not damage.
    returns_of(tmp_path / "earlier", small, 1)
    api.validate_many([tmp_path / "earlier"], out, AS_OF, workers=1)
    earlier = {name: sha256(out / name) for name in ("rollup.xlsx", "findings.csv",
                                                       "report.json")}
    proc = batch_process(folder, out)
    wait_for_progress(proc, 2)
    workers = children(proc.pid)
    assert workers
    proc.kill()
    proc.communicate(timeout=30)
    assert gone(workers), "workers outlived their driver"
    assert {name: sha256(out / name) for name in earlier} == earlier
    rerun_is_right(folder, out, expected=16)


@pytest.mark.skipif(not LINUX, reason="reads /proc to find the worker processes")
def test_a_killed_worker_costs_at_most_one_row_and_is_not_remembered(tmp_path, slow):
    folder = returns_of(tmp_path / "returns", slow, 12)
    out = tmp_path / "out"
    proc = batch_process(folder, out)
    wait_for_progress(proc, 1)
    victims = children(proc.pid)
    assert victims
    os.kill(victims[0], signal.SIGKILL)
    status, _, err = finish(proc)
    assert status == 1 and "Traceback" not in err
    found = statuses(out)
    assert len(found) == 12
    assert sum(status != "checked" for status, _ in found.values()) <= 1
    assert gone(children(proc.pid))
    rerun_is_right(folder, out, expected=12)


# -- disks, folders and files changing ----------------------------------------------------------

def _mount_tmpfs(where: Path, size: str) -> bool:
    if not (ROOT and LINUX and shutil.which("mount")):
        return False
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True, check=False)
    return done.returncode == 0


def test_a_full_disk_loses_no_findings_and_prints_no_traceback(tmp_path, small, monkeypatch):
    folder = returns_of(tmp_path / "returns", small, 12)
    disk = tmp_path / "disk"
    mounted = _mount_tmpfs(disk, "160k")
    if not mounted:  # not root, or no mount here: the disk fills on the tenth write instead
        disk.mkdir(exist_ok=True)
        import xlsxwriter

        real_close, writes = xlsxwriter.Workbook.close, []

        def close(self):
            writes.append(1)
            if len(writes) > 9:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real_close(self)

        monkeypatch.setattr(xlsxwriter.Workbook, "close", close)
    out = disk / "out"
    try:
        if mounted:
            proc = batch_process(folder, out)
            status, _, err = finish(proc)
        else:
            result = run_cli("batch", folder, "--out-dir", out, *CLI_AS_OF, "--workers", "1")
            status, err = result.exit_code, result.stderr
            monkeypatch.undo()
        assert status in (1, 2), err
        assert "Traceback" not in err and "Exception ignored" not in err
        if (out / "report.json").exists():  # the outputs fitted: the unwritten audits say so
            unwritten = [w for w in report(out)["workbooks"] if w["audit"] is None]
            assert unwritten
            assert all(w["status"] == "checked" for w in report(out)["workbooks"])
            codes = {row.split(",")[5] for row in
                     (out / "findings.csv").read_text(encoding="utf-8-sig").splitlines()[1:]}
            assert "workbook.audit-not-written" in codes and "owner.missing" in codes
        else:
            assert "No space left on device" in err
        if mounted:
            subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)
        rerun_is_right(folder, out, expected=12)
        assert all(w["audit"] for w in report(out)["workbooks"])
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(disk)], check=False)


def test_two_batches_into_one_folder_the_second_is_refused(tmp_path, slow, small):
    folder = returns_of(tmp_path / "returns", slow, 12)
    out = tmp_path / "out"
    first = batch_process(folder, out)
    wait_for_progress(first, 1)
    other = returns_of(tmp_path / "other", small, 2)
    second = run_cli("batch", other, "--out-dir", out, *CLI_AS_OF, "--workers", "1")
    assert second.exit_code == 2
    assert "another batch" in second.stderr and str(out) in second.stderr
    status, _, err = finish(first)
    assert status == 1, err
    assert len(statuses(out)) == 12
    assert_one_run(out)
    # A lock left by a process that is gone is stale: the next batch takes it over.
    (out / LOCK_NAME).write_text("999999\nelsewhere\n0\n")
    assert run_cli("batch", other, "--out-dir", out, *CLI_AS_OF,
                   "--workers", "1").exit_code == 1
    assert len(statuses(out)) == 2


def test_files_changed_moved_and_truncated_during_a_batch(tmp_path, small, slow, monkeypatch):
    """Between the driver hashing the files and the workers reading them, one is truncated,
    one moved away and one replaced by another return. Each row says what the worker found,
    nothing wrong is remembered, and the next run is right."""
    from tracker_tool.batch import jobs

    folder = returns_of(tmp_path / "returns", small, 5)
    real_hash, hashed = jobs.file_sha256, []

    def hash_then_meddle(path):
        digest = real_hash(path)
        hashed.append(path)
        if len(hashed) == 5:
            (folder / "service-01.xlsx").write_bytes(small[: len(small) // 2])
            (folder / "service-02.xlsx").rename(tmp_path / "moved.xlsx")
            (folder / "service-03.xlsx").write_bytes(slow)
        return digest

    monkeypatch.setattr(jobs, "file_sha256", hash_then_meddle)
    out = tmp_path / "out"
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        result = api.validate_many([folder], out, AS_OF, executor=pool)
    monkeypatch.undo()
    rows = {Path(s.workbook).name: s for s in result.summaries}
    assert "damaged" in rows["service-01.xlsx"].reason
    assert rows["service-02.xlsx"].reason == "no such file"
    assert rows["service-03.xlsx"].actions == 300  # the bytes the worker read
    assert rows["service-03.xlsx"].sha256 == sha256(folder / "service-03.xlsx")
    (tmp_path / "moved.xlsx").rename(folder / "service-02.xlsx")
    (folder / "service-01.xlsx").write_bytes(small)
    again = api.validate_many([folder], out, AS_OF, workers=1)
    rows = {Path(s.workbook).name: s for s in again.summaries}
    assert all(s.readable for s in rows.values())
    assert rows["service-03.xlsx"].actions == 300
    cached = {Path(c.summary.workbook).name for c in again.checked if c.cached}
    assert "service-03.xlsx" in cached  # remembered under the bytes the worker read
    assert {"service-01.xlsx", "service-02.xlsx"}.isdisjoint(cached)


def test_a_245_character_name_is_audited_alone_and_in_a_batch(tmp_path, small):
    folder = tmp_path / "returns"
    folder.mkdir()
    name = "a" * 240 + ".xlsx"
    longer = "b" * 250 + ".xlsx"  # plus '-audit.xlsx' would pass the 255-byte limit
    (folder / name).write_bytes(small)
    (folder / longer).write_bytes(small)
    alone = run_cli("audit", folder / name, *CLI_AS_OF)
    assert alone.exit_code == 1, alone.stderr
    assert (folder / ("a" * 240 + "-audit.xlsx")).is_file()
    shortened = run_cli("audit", folder / longer, *CLI_AS_OF)
    assert shortened.exit_code == 1, shortened.stderr
    audits = sorted(p.name for p in folder.glob("b*-audit.xlsx"))
    assert len(audits) == 1 and len(audits[0].encode()) <= 255
    (folder / audits[0]).unlink()
    (folder / ("a" * 240 + "-audit.xlsx")).unlink()
    out = tmp_path / "out"
    result = run_cli("batch", folder, "--out-dir", out, *CLI_AS_OF, "--workers", "1")
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    found = report(out)["workbooks"]
    assert len(found) == 2 and all(w["status"] == "checked" for w in found)
    assert all((out / w["audit"]).is_file() for w in found)
    assert leftovers(tmp_path) == []


def test_messages_escape_file_names_and_never_name_exception_classes(tmp_path, small):
    folder = tmp_path / "returns"
    folder.mkdir()
    odd = folder / "line\nbreak\x1b[31m.xlsx"
    odd.write_bytes(small[:100])
    result = run_cli("validate", odd, *CLI_AS_OF)
    (line,) = [l for l in result.stderr.splitlines() if l.strip()]
    assert "\\n" in line and "\\x1b" in line and "\x1b" not in line
    batch = run_cli("batch", folder, "--out-dir", tmp_path / "out", *CLI_AS_OF, "--workers", "1")
    assert "\x1b" not in batch.stderr and "Error" not in batch.stderr.split("]")[0]
    for text in (result.stderr, batch.stderr, batch.stdout):
        assert "Error(" not in text and "Exception" not in text
        assert ".tracker-tool-cache" not in text


def test_a_date_pinned_rerun_after_a_fault_gives_the_same_bytes(tmp_path, small):
    """The run identifier comes from what was checked, so an undisturbed re-run is
    byte-identical and a run over other files is not."""
    folder = returns_of(tmp_path / "returns", small, 3)
    out = tmp_path / "out"
    api.validate_many([folder], out, AS_OF, workers=1)
    first = (out / "report.json").read_bytes(), (out / "findings.csv").read_bytes()
    api.validate_many([folder], out, AS_OF, workers=1)
    assert ((out / "report.json").read_bytes(), (out / "findings.csv").read_bytes()) == first
    api.validate_many([folder], out, date(2026, 12, 31), workers=1)
    assert report(out)["run"] != json.loads(first[0])["run"]


def test_cell_links_stop_at_the_sheet_limit_with_one_note(tmp_path, small, monkeypatch,
                                                         recwarn):
    """Excel allows 65,530 links on a sheet and XlsxWriter warns once for every one past it
    (40,000 warnings at 100,000 rows); the limit is lowered here to see where links stop."""
    import openpyxl

    from tracker_tool.write import audit

    returned = tmp_path / "returned.xlsx"
    returned.write_bytes(small)
    report = api.validate_workbook(returned, AS_OF)
    found = [f for f in report.findings if f.cell]
    cells = [f.cell if f.sheet == report.sheet else f"{f.sheet}!{f.cell}" for f in found]
    # a finding on the Reviews sheet names its cell but has no copy in the audit to link to
    linked = sum(f.sheet != "Reviews" for f in found)
    for limit, links, note in ((len(cells), linked, False), (0, 0, True)):
        monkeypatch.setattr(audit, "MAX_LINKS", limit)
        api.write_audit(returned, tmp_path / "audit.xlsx", as_of=AS_OF)
        sheet = openpyxl.load_workbook(tmp_path / "audit.xlsx")["Findings"]
        rows = range(2, 2 + len(cells))
        assert sum(sheet.cell(r, 3).hyperlink is not None for r in rows) == links
        assert sorted(sheet.cell(r, 3).value for r in rows) == sorted(cells)
        assert (sheet["C1"].comment is not None) == note
    assert "links" in sheet["C1"].comment.text
    assert not [w for w in recwarn if "URL" in str(w.message)]
