"""Headless LibreOffice for the tests that need a real spreadsheet application in the loop.

Where LibreOffice is missing the tests skip on a developer's machine but fail when the CI
environment variable is set: .ci/run installs it, so a missing soffice there is a broken CI,
not a reason to pass. Kept free of a top-level pytest import so that
tests/fixtures/make_libreoffice_fixtures.py can use ``convert`` when run by hand.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

#: LibreOffice's first start with a fresh profile takes a while on a small CI machine.
TIMEOUT_SECONDS = 300
MISSING = ("LibreOffice (soffice) is not installed; .ci/run installs it with "
           "apt-get install libreoffice-calc-nogui")


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def soffice_or_skip() -> str:
    """The soffice command; skips the test without it, or fails it when CI is set."""
    import pytest

    found = find_soffice()
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{MISSING}, and CI is set, so these tests must run", pytrace=False)
    pytest.skip(MISSING)


def convert(sources: Iterable[Path], to: str, outdir: Path, profile: Path,
            soffice: str | None = None) -> list[Path]:
    """Convert every file in ``sources`` with one soffice call (its start-up is most of the
    cost) and return the converted files, ``outdir/<stem>.<to>``, in the same order.

    ``profile`` is a user-profile folder of the caller's own, so a LibreOffice the user has
    open is neither disturbed nor waited for.
    """
    sources = [Path(s) for s in sources]
    soffice = soffice or find_soffice()
    if soffice is None:
        raise RuntimeError(MISSING)
    outdir.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", to, "--outdir", str(outdir), *map(str, sources)],
        capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    results = [outdir / f"{source.stem}.{to}" for source in sources]
    missing = [r.name for r in results if not r.exists()]
    if done.returncode != 0 or missing:
        raise RuntimeError(f"soffice exited {done.returncode} without writing {missing}: "
                           f"{done.stderr.strip() or done.stdout.strip()}")
    return results
