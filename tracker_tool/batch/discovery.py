"""Turn the paths a user gives a batch into the list of workbooks to check, in a fixed order.

Folders are searched recursively. Besides .xlsx, the other spreadsheet formats are picked up
too, so a return saved as .xls or .ods becomes a row saying why it cannot be read instead of
silently going missing. What the batch itself writes (the output folder, audit workbooks, a
roll-up) is never taken for a return, so the output folder may sit inside a scanned folder.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from pathlib import Path

from tracker_tool.errors import UsageError

#: Spreadsheet files a folder search picks up; only .xlsx can be read, the rest are reported.
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
AUDIT_SUFFIX = "-audit.xlsx"
ROLLUP_NAME = "rollup.xlsx"
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True, slots=True)
class Found:
    """A workbook to check: where it is, and its path below the common folder of the batch."""

    path: Path
    relative: str

    @property
    def label(self) -> str:
        """The path as the user would type it: relative to where they are, when it can be."""
        try:
            return Path(os.path.relpath(self.path)).as_posix()
        except ValueError:  # another drive on Windows
            return self.path.as_posix()


def _is_output(path: Path, out_dir: Path | None) -> bool:
    name = path.name.lower()
    if name.endswith(AUDIT_SUFFIX) or name == ROLLUP_NAME:
        return True
    return out_dir is not None and out_dir in path.parents


def _skipped_name(path: Path, top: Path) -> bool:
    """Lock files (~$x.xlsx), hidden files and anything under a hidden folder such as .git."""
    parts = path.relative_to(top).parts
    return path.name.startswith("~$") or any(part.startswith(".") for part in parts)


def _search(folder: Path, out_dir: Path | None) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(folder):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and (out_dir is None or (here / d).resolve() != out_dir))
        for name in files:
            path = here / name
            if (name.lower().endswith(SPREADSHEET_SUFFIXES) and not _skipped_name(path, folder)
                    and not _is_output(path.resolve(), out_dir)):
                found.append(path)
    return found


def discover(paths, out_dir: str | Path | None = None) -> list[Found]:
    """Every workbook named by ``paths`` (files, folders or globs), sorted and without repeats.

    A path that names nothing is a mistake worth stopping for: a typo must not quietly shrink
    a quarterly audit. A file named explicitly is always checked, whatever its extension.
    """
    out = Path(out_dir).resolve() if out_dir is not None else None
    chosen: set[Path] = set()
    for given in paths:
        text = str(given)
        if Path(text).exists():
            explicit, matches = True, [Path(text)]
        elif _GLOB_CHARS & set(text):
            explicit, matches = False, [Path(m) for m in glob.glob(text, recursive=True)]
            if not matches:
                raise UsageError(f"no file or folder matches {text}")
        else:
            raise UsageError(f"no such file or folder: {text}")
        for match in matches:
            if match.is_dir():
                chosen.update(path.resolve() for path in _search(match, out))
            elif match.is_file() and (explicit or not (
                    _is_output(match.resolve(), out) or match.name.startswith(("~$", ".")))):
                chosen.add(match.resolve())
    if not chosen:
        raise UsageError("no workbooks found in " + ", ".join(str(p) for p in paths))
    ordered = sorted(chosen)
    top = Path(os.path.commonpath([p.parent for p in ordered]))
    return [Found(p, p.relative_to(top).as_posix()) for p in ordered]
