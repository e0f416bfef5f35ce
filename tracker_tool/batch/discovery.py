"""Turn the paths a user gives a batch into the list of workbooks to check, in a fixed order.

Folders are searched recursively. Every spreadsheet-like file is picked up, not only .xlsx:
a return saved as .xls, .ods, .numbers or .csv becomes a row saying what to do instead of
silently going missing. So does whatever stops the search or could not be opened safely: a
folder that cannot be listed, a path too long, a symbolic link loop or a link to nothing, a
named pipe or a device (never opened: reading one can wait for ever). What the batch itself
writes (the output folder, audit workbooks, a roll-up) is never taken for a return, so the
output folder may sit inside a scanned folder.
"""

from __future__ import annotations

import errno
import glob
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from tracker_tool.core.atomic import not_a_regular_file, os_reason, shown
from tracker_tool.errors import UsageError
from tracker_tool.read.formats import folder_reason

#: Spreadsheet files a folder search picks up; only .xlsx can be read, the rest are reported.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".xlt", ".xltx", ".xltm", ".ods",
                        ".fods", ".numbers", ".csv")
AUDIT_SUFFIX = "-audit.xlsx"
ROLLUP_NAME = "rollup.xlsx"
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True, slots=True)
class Found:
    """A workbook to check: where it is, and its path below the common folder of the batch.

    ``problem`` says why it is not read when that is known without opening it (a pipe, a
    loop, a folder that could not be listed); such a file never reaches a worker.
    """

    path: Path
    relative: str
    problem: str | None = None

    @property
    def label(self) -> str:
        """The path as the user would type it: relative to where they are, when it can be."""
        try:
            return Path(os.path.relpath(self.path)).as_posix()
        except ValueError:  # another drive on Windows
            return self.path.as_posix()


def _real(path: Path) -> Path:
    """The path with links resolved where they can be; a loop is left as it is, not raised."""
    return Path(os.path.realpath(path))


def _is_output(path: Path, out_dir: Path | None) -> bool:
    name = path.name.lower()
    if name.endswith(AUDIT_SUFFIX) or name == ROLLUP_NAME:
        return True
    return out_dir is not None and out_dir in _real(path).parents


def _problem(path: Path) -> str | None:
    """Why a path that is not a readable regular file or folder is not read, in plain words."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return "a link to a file that does not exist; not read" if os.path.islink(path) else None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop (links that lead back to themselves); not read"
        return f"cannot be read ({os_reason(exc)})"
    if stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode):
        return None
    return f"{not_a_regular_file(path)}, not a regular file; it was not opened"


def _wanted(name: str) -> bool:
    return name.lower().endswith(SPREADSHEET_SUFFIXES) and not name.startswith("~$")


def _search(folder: Path, out_dir: Path | None) -> list[tuple[Path, str | None]]:
    """Every spreadsheet-like file below ``folder`` and every obstacle met, as (path, problem).

    Links to folders are followed, except back into a folder being searched (a loop, which
    gets a row) or into one already searched by another route (its files are found there).
    """
    found: list[tuple[Path, str | None]] = []
    seen: set[tuple[int, int]] = set()
    stack: list[tuple[Path, frozenset]] = [(folder, frozenset())]
    while stack:
        here, ancestors = stack.pop()
        try:
            key = _identity(here)
            with os.scandir(here) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            found.append((here, _unlisted(exc)))
            continue
        seen.add(key)
        below = ancestors | {key}
        for entry in entries:
            if entry.name.startswith("."):
                continue  # hidden: .git, our cache, our temporary files
            path = here / entry.name
            problem = _problem(path)
            if problem is not None:
                found.append((path, problem))
            elif entry.is_dir():
                if out_dir is not None and _real(path) == out_dir:
                    continue
                if folder_reason(entry.name):
                    found.append((path, folder_reason(entry.name)))
                    continue
                target = _identity(path)
                if target in below:
                    found.append((path, LOOP_BACK))
                elif target not in seen:
                    stack.append((path, below))
            elif _wanted(entry.name) and not _is_output(path, out_dir):
                found.append((path, None))
    return found


LOOP_BACK = "a link back to a folder that contains it (a loop); not followed"


def _unlisted(exc: OSError) -> str:
    return (f"this folder could not be searched ({os_reason(exc)}); any returns in it were "
            "not checked")


def _identity(path: Path) -> tuple[int, int]:
    info = os.stat(path)
    return info.st_dev, info.st_ino


def _lexists(text: str) -> bool:
    try:
        os.lstat(text)
    except OSError as exc:
        return exc.errno == errno.ENAMETOOLONG  # reported as too long, not as missing
    return True


def discover(paths, out_dir: str | Path | None = None,
             ignore: tuple[str | Path, ...] = ()) -> list[Found]:
    """Every workbook named by ``paths`` (files, folders or globs), sorted and without repeats.

    A path that names nothing is a mistake worth stopping for: a typo must not quietly shrink
    a quarterly audit. A file named explicitly is always checked, whatever its extension.
    ``ignore`` holds files that are inputs of another kind (the services list).
    """
    out = _real(Path(out_dir)) if out_dir is not None else None
    skip = {_real(Path(p)) for p in ignore}
    chosen: dict[Path, str | None] = {}
    for given in paths:
        text = str(given)
        if _lexists(text):
            explicit, matches = True, [Path(text)]
        elif _GLOB_CHARS & set(text):
            explicit, matches = False, [Path(m) for m in glob.glob(text, recursive=True)]
            if not matches:
                raise UsageError(f"no file or folder matches {shown(text)}")
        else:
            raise UsageError(f"no such file or folder: {shown(text)}")
        for match in matches:
            for path, problem in _one(match, explicit, out):
                key = Path(os.path.abspath(path)) if problem else _real(path)
                if key not in skip:
                    chosen.setdefault(key, problem)
    if not chosen:
        raise UsageError("no workbooks found in " + ", ".join(shown(p) for p in paths))
    ordered = sorted(chosen)
    top = Path(os.path.commonpath([p.parent for p in ordered]))
    return [Found(p, p.relative_to(top).as_posix(), chosen[p]) for p in ordered]


def _one(match: Path, explicit: bool, out: Path | None) -> list[tuple[Path, str | None]]:
    try:
        problem = _problem(match)
        is_dir = problem is None and match.is_dir()
    except OSError as exc:  # a name too long to look up at all
        return [(match, f"cannot be read ({os_reason(exc)})")]
    if problem is not None:
        return [(match, problem)]
    if is_dir:
        reason = folder_reason(match.name)
        return [(match, reason)] if reason else _search(match, out)
    if explicit or not (_is_output(match, out) or match.name.startswith(("~$", "."))):
        return [(match, None)]
    return []
