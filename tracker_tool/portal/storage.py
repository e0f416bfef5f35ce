"""Files in the data folder, named by what they hold, never by what they were called.

A return is kept as ``returns/<first two hex>/<sha256>.xlsx``: identical bytes are one file,
a file is written once (to a temporary name, then renamed) and never replaced, and no name a
person typed ever reaches the file system. An audit and a governance pack are kept per
return, by its id and hash, once someone has asked for them.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def data_folder() -> Path:
    return Path(settings.DATA)


def return_path(sha256: str) -> Path:
    return data_folder() / "returns" / sha256[:2] / f"{sha256}.xlsx"


def made_path(kept, task: str, suffix: str) -> Path:
    """A return's audit (``audits/``) or governance pack (``packs/``), named by its id and the
    start of its hash, so a file left behind by a database that was emptied and numbered again
    is never served for another return."""
    return data_folder() / f"{task}s" / f"return-{kept.pk}-{kept.sha256[:16]}-{task}{suffix}"


def scratch_folder() -> Path:
    """Where uploads and audits are made before they are renamed into place."""
    folder = data_folder() / "tmp"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def keep_upload(chunks) -> tuple[str, int, Path]:
    """Store an upload's bytes by their hash; returns (sha256, size, path).

    An existing file of that hash is left as it is: it holds the same bytes."""
    digest, size = hashlib.sha256(), 0
    fd, tmp = tempfile.mkstemp(prefix=".upload-", suffix=".part", dir=scratch_folder())
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        final = return_path(sha)
        if final.exists():
            return sha, size, final
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, final)
        return sha, size, final
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def settle(made: Path, final: Path) -> Path:
    """Move a file made in the scratch folder to its place; an existing file is never replaced."""
    final.parent.mkdir(parents=True, exist_ok=True)
    if final.exists():
        made.unlink(missing_ok=True)
        return final
    os.replace(made, final)
    return final


def download_name(stem: str, suffix: str = ".xlsx") -> str:
    """A name for the browser to save a download under: letters, digits, spaces and dashes
    only, so a service's name cannot become a path or a header injection."""
    return "".join(c if c.isalnum() or c in " -_" else "_" for c in stem)[:120] + suffix


def forget_return_file(sha256: str) -> None:
    """Remove a return's file once no return refers to it (an admin deleted them)."""
    return_path(sha256).unlink(missing_ok=True)


def forget_rollup_inputs() -> None:
    """Remove the links to returns that roll-ups were made from (``rollups/period-N-returns``):
    a deleted return's bytes must not live on there. They are made again at the next roll-up."""
    import shutil

    for folder in (data_folder() / "rollups").glob("period-*-returns"):
        shutil.rmtree(folder, ignore_errors=True)
