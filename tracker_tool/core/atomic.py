"""Write outputs so that a crash or Ctrl-C never leaves a half-written file behind, and never
land on anything that is not ours to replace.

A rename replaces whatever the target name points at: a named pipe, a device node (as root,
/dev/null itself) or another service's returned tracker. So every output is checked twice,
once before any work and again just before the rename, and only a regular file may be
replaced. Temporary files have short names of their own, so a legal 245-character output name
does not become an illegal 260-character temporary one.
"""

from __future__ import annotations

import errno
import gc
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tracker_tool.core.wording import printable
from tracker_tool.errors import UsageError

#: Temporary names start so and hold the suffix (then the target's own ending, which some
#: writers insist on), so that a later run can find and remove stale ones.
TEMP_PREFIX, TEMP_SUFFIX = ".tt-", ".part"
#: The longest file name most file systems allow, in bytes.
NAME_MAX = 255

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def shown(path: str | Path) -> str:
    """A path as a one-line message may show it: a name can hold a line break or an escape."""
    return printable(str(path))


def os_reason(exc: OSError) -> str:
    """An operating-system failure in plain words, without the error's class name."""
    if exc.errno == errno.ENAMETOOLONG:
        return "path too long"
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop"
    return exc.strerror or str(exc)


def refuse_overwriting_inputs(output: str | Path, inputs) -> None:
    """An output path that is one of the inputs would destroy the evidence being audited."""
    out = Path(output).resolve()
    for item in inputs:
        if Path(item).resolve() == out:
            raise UsageError(f"refusing to write {shown(output)}: it is one of the input files")


def not_a_regular_file(path: str | Path) -> str | None:
    """What ``path`` is when something that is not a regular file sits there, else None.

    A symbolic link is judged by what it points at; a dangling or looping link is refused
    too, since what replacing it would mean is anyone's guess.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "a link to nothing" if os.path.islink(path) else None
    except OSError as exc:
        # A loop is refused here; anything else (a file where a folder should be) is left
        # for the write itself to report.
        return os_reason(exc) if exc.errno == errno.ELOOP else None
    for test, what in _KINDS:
        if test(info.st_mode):
            return what
    return None if stat.S_ISREG(info.st_mode) else "not a regular file"


def refuse_special(target: str | Path) -> None:
    what = not_a_regular_file(target)
    if what is not None:
        raise UsageError(f"refusing to write {shown(target)}: it is {what}, not a regular file")


def guard_output(target: str | Path, force: bool = False,
                 ours: Callable[[Path], bool] | None = None) -> None:
    """Refuse ``target`` unless it is free, or is a regular file that we wrote (or ``force``).

    ``ours`` recognises our own earlier output of this kind (the audit and the roll-up carry
    a custom document property, the batch's CSV and JSON their own first bytes); without it
    no existing file counts as ours, since it may be a filled-in tracker.
    """
    refuse_special(target)
    target = Path(target)
    if force or not target.exists():
        return
    if ours is not None and ours(target):
        return
    raise UsageError(f"refusing to replace {shown(target)}: it was not written by tracker-tool "
                     "(it may be someone's tracker); use --force to replace it")


def temporary_file(directory: Path, target: Path) -> Path:
    """A new, empty, short-named temporary file in ``directory`` for ``target``."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX + target.suffix[:8],
                                   dir=directory)
    except OSError as exc:
        raise UsageError(f"cannot write {shown(target)}: {os_reason(exc)}") from None
    os.close(fd)
    return Path(tmp)


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it into place only on success."""
    target = Path(target)
    directory = target.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot write {shown(target)}: {os_reason(exc)}") from None
    refuse_special(target)
    tmp_path = temporary_file(directory, target)
    try:
        yield tmp_path
        publish(tmp_path, target)
    except OSError as exc:
        raise UsageError(f"cannot write {shown(target)}: {os_reason(exc)}") from None
    finally:
        discard(tmp_path)


def publish(tmp_path: Path, target: Path) -> None:
    """Rename a finished temporary file over ``target``, checking the target once more: a
    pipe or device may have appeared there while the output was being written."""
    refuse_special(target)
    os.chmod(tmp_path, 0o666 & ~_umask())
    os.replace(tmp_path, target)


def discard(tmp_path: Path) -> None:
    try:
        tmp_path.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or vanished folder: a later run removes stale temporary files


@contextmanager
def staged(targets: list[Path]) -> Iterator[list[Path]]:
    """Temporary paths for several outputs that are renamed into place together at the end.

    A run's outputs belong together; if anything fails before the end, none of them is
    replaced, so the folder never holds one run's roll-up beside another's findings.
    """
    for target in targets:
        refuse_special(target)
    temps: list[Path] = []
    try:
        for target in targets:
            temps.append(temporary_file(target.parent, target))
        try:
            yield temps
        except UsageError as exc:  # name the output, not its temporary name
            text = str(exc)
            for tmp, target in zip(temps, targets):
                text = text.replace(shown(tmp), shown(target))
            raise UsageError(text) from None
        for tmp, target in zip(temps, targets):
            try:
                publish(tmp, target)
            except OSError as exc:
                raise UsageError(f"cannot write {shown(target)}: {os_reason(exc)}") from None
    finally:
        for tmp in temps:
            discard(tmp)


def remove_stale_temporaries(folder: Path) -> int:
    """Delete the temporary files an interrupted run left in ``folder`` and below it.

    Only called while this run holds the folder's lock, so no other run is writing them.
    """
    removed = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            if _temporary(name):
                try:
                    os.unlink(os.path.join(root, name))
                    removed += 1
                except OSError:
                    pass
        for name in [d for d in _dirs if _temporary(d)]:
            shutil.rmtree(os.path.join(root, name), ignore_errors=True)
            _dirs.remove(name)
            removed += 1
    return removed


def _temporary(name: str) -> bool:
    return name.startswith(TEMP_PREFIX) and TEMP_SUFFIX in name


def fit_name(stem: str, suffix: str) -> str:
    """``stem + suffix``, with the stem cut and a short hash added when the name would be too
    long for the file system (a legal 250-character return name plus '-audit.xlsx')."""
    name = stem + suffix
    if len(os.fsencode(name)) <= NAME_MAX:
        return name
    import hashlib

    tag = "-" + hashlib.sha256(os.fsencode(stem)).hexdigest()[:8]
    budget = NAME_MAX - len(os.fsencode(tag + suffix))
    cut = stem
    while len(os.fsencode(cut)) > budget:
        cut = cut[:-1]
    return cut + tag + suffix


def _umask() -> int:
    """The process umask, so outputs get the same permissions as any file the user saves."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def close_workbook(workbook, out: str | Path) -> None:
    """Close an XlsxWriter workbook, which is when it writes; say plainly why that failed.

    When the disk fills, XlsxWriter's half-written zip archive is left for the garbage
    collector, whose finaliser tries to finish it, fails again and prints a second,
    unhandled error after our message; that second failure is silenced here.
    """
    from xlsxwriter.exceptions import XlsxWriterException

    reason = None
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        try:
            workbook.close()
        except XlsxWriterException as exc:  # it wraps the OSError of a failed file write
            inner = next((a for a in exc.args if isinstance(a, OSError)), exc.__context__)
            reason = os_reason(inner) if isinstance(inner, OSError) else str(exc)
        except OSError as exc:
            reason = os_reason(exc)
        if reason is not None:
            workbook.fileclosed = True
            gc.collect()
    finally:
        sys.unraisablehook = hook
    if reason is not None:
        raise UsageError(f"cannot write {shown(out)}: {reason}")


@contextmanager
def scratch_folder(beside: Path) -> Iterator[Path]:
    """A private folder for a writer's scratch files, beside the output, removed afterwards.

    XlsxWriter writes each sheet's XML to scratch files first; in the system's temporary
    folder they would hold tracker text where others may read it, fail when that folder is
    full while the output's disk has room, and be left behind by a failed write.
    """
    try:
        folder = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=beside))
    except OSError as exc:
        raise UsageError(f"cannot write in {shown(beside)}: {os_reason(exc)}") from None
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
