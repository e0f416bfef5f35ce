"""Write outputs so that a crash or Ctrl-C never leaves a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from tracker_tool.errors import UsageError


def refuse_overwriting_inputs(output: str | Path, inputs) -> None:
    """An output path that is one of the inputs would destroy the evidence being audited."""
    out = Path(output).resolve()
    for item in inputs:
        if Path(item).resolve() == out:
            raise UsageError(f"refusing to write {output}: it is one of the input files")


@contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it into place only on success."""
    target = Path(target)
    directory = target.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
    if target.is_dir():
        raise UsageError(f"cannot write {target}: it is a folder")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=directory)
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o666 & ~_umask())
        os.replace(tmp_path, target)
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def _umask() -> int:
    """The process umask, so outputs get the same permissions as any file the user saves."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def close_workbook(workbook, out: str | Path) -> None:
    """Close an XlsxWriter workbook, which is when it writes; say plainly why that failed."""
    from xlsxwriter.exceptions import XlsxWriterException

    try:
        workbook.close()
    except XlsxWriterException as exc:
        raise UsageError(f"cannot write {out}: {exc}") from None
