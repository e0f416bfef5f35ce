"""One batch at a time per output folder.

Two batches writing into one folder interleave their audits, their cache entries and their
roll-up, findings.csv and report.json, and the folder ends up describing neither run. The
lock is a file in the folder holding its owner's process id, host and start time, locked with
flock: the kernel releases that lock when the owner dies however it dies (even SIGKILL), so a
lock left behind by a killed run is stale by construction and is simply taken over. Where
flock does not exist (Windows), a lock whose process is gone is taken over instead.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tracker_tool.core.atomic import os_reason, shown
from tracker_tool.errors import UsageError

LOCK_NAME = ".tracker-tool.lock"

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None


@contextmanager
def folder_lock(out_dir: Path) -> Iterator[None]:
    """Hold ``out_dir``'s lock for the duration, or refuse naming the folder and its owner."""
    path = Path(out_dir) / LOCK_NAME
    fd = _acquire(path, out_dir)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n{socket.gethostname()}\n{time.time():.0f}\n".encode())
        yield
    finally:
        try:
            os.unlink(path)
        except OSError:
            pass
        os.close(fd)


def _acquire(path: Path, out_dir: Path) -> int:
    for _attempt in range(20):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise UsageError(f"cannot write in {shown(out_dir)}: {os_reason(exc)}") from None
        if not _locked(fd):
            owner = _owner(fd)
            os.close(fd)
            raise UsageError(f"another batch{owner} is writing into {shown(out_dir)}; wait for "
                             "it to finish, or choose another --out-dir")
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except OSError:
            same = False
        if same:
            return fd
        os.close(fd)  # the owner finished and removed the file as we opened it: again
    raise UsageError(f"could not take the lock on {shown(out_dir)}; try again")


def _locked(fd: int) -> bool:
    if fcntl is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True
    pid = _pid(fd)
    return pid is None or pid == os.getpid() or not _alive(pid)


def _pid(fd: int) -> int | None:
    try:
        return int(os.pread(fd, 64, 0).split(b"\n", 1)[0])
    except (OSError, ValueError, AttributeError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _owner(fd: int) -> str:
    try:
        pid, host, *_ = os.pread(fd, 256, 0).decode("utf-8", "replace").split("\n")
    except (OSError, ValueError, AttributeError):
        return ""
    return f" (process {pid} on {host})" if pid.strip() else ""
