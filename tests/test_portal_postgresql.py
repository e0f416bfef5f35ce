"""The portal's tests again, against a real PostgreSQL server: a shared deployment runs on it,
and SQLite forgives what PostgreSQL does not (types, transactions, unique constraints).

Django is set up once per process, so this runs the other tests/test_portal_*.py in a second
pytest process pointed at TRACKER_TOOL_PORTAL_TEST_DB. Without that DSN it skips on a
developer's machine and fails when CI is set: .ci/run starts PostgreSQL and sets it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from _portal import ON_POSTGRESQL, TEST_DB

TESTS = Path(__file__).resolve().parent
MISSING = (f"{TEST_DB} is not set: give it a PostgreSQL DSN, e.g. "
           "postgresql://tracker:tracker@127.0.0.1:5432/tracker_test (.ci/run starts a server "
           "and sets it)")


def test_the_portal_tests_pass_on_postgresql():
    dsn = os.environ.get(TEST_DB, "")
    if not dsn.startswith(("postgresql://", "postgres://")):
        if os.environ.get("CI"):
            pytest.fail(f"{MISSING}, and CI is set, so these tests must run", pytrace=False)
        pytest.skip(MISSING)
    modules = sorted(str(p) for p in TESTS.glob("test_portal_*.py")
                     if p.name != Path(__file__).name)
    # CI=1 in the child: a missing browser or extra there fails instead of skipping; the
    # ini file's -q leaves the one summary line this reads.
    env = {**os.environ, ON_POSTGRESQL: "1", "CI": "1"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-rs", "-p", "no:cacheprovider",
                           *modules], cwd=TESTS.parent, env=env, capture_output=True, text=True,
                          timeout=1200, check=False)
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert re.search(r"\b\d+ passed\b", summary), summary
    assert not re.search(r"skipped|deselected|xfail", summary), summary
