"""What the portal's tests share. Importing this sets Django up once per process: SQLite in a
temporary data folder, or, in the run tests/test_portal_postgresql.py starts (which sets
ON_POSTGRESQL), the PostgreSQL server named by TRACKER_TOOL_PORTAL_TEST_DB. Django is set up
once per process, so the PostgreSQL run is a second process and the SQLite tests run
everywhere. A test module imports the ``empty_tables`` fixture, so every test starts from
empty tables. Nothing here is a test."""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import pytest

from importlib.util import find_spec

if not os.environ.get("CI") and not all(map(find_spec, ("django", "ninja", "waitress"))):
    # In CI a missing portal extra is a failure (the import below), not a skip.
    pytest.skip("the portal extra is not installed", allow_module_level=True)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
PASSWORD = "a long fictional passphrase"
#: The PostgreSQL server's DSN, and the variable that says this process runs against it.
TEST_DB = "TRACKER_TOOL_PORTAL_TEST_DB"
ON_POSTGRESQL = "TRACKER_TOOL_PORTAL_TESTS_ON_POSTGRESQL"


def _configure() -> Path:
    """Django is set up when this file is imported, before the test modules import it."""
    import atexit
    import shutil
    import tempfile

    from tracker_tool.portal.boot import configure

    data = Path(tempfile.mkdtemp(prefix="tracker-data-"))
    atexit.register(shutil.rmtree, data, ignore_errors=True)
    configure(data, os.environ[TEST_DB] if os.environ.get(ON_POSTGRESQL) else None)
    if os.environ.get(ON_POSTGRESQL):
        from django.db import connection

        if connection.vendor != "postgresql":
            raise RuntimeError(f"{TEST_DB} must name a PostgreSQL database, not {connection.vendor}")
    return data


DATA = _configure()


@pytest.fixture(autouse=True)
def empty_tables():
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    cache.clear()
    yield


def add_service(name, contact="", kinds=("action-plan",)):
    from tracker_tool.portal.accounts import add_service

    return add_service(name, "Fictional Care Ltd", "", contact, kinds)


def add_user(email, role, *services):
    from tracker_tool.portal.accounts import add_user

    return add_user(email, role, PASSWORD, services)


def token_for(email) -> str:
    from tracker_tool.portal.accounts import new_token

    return new_token(email)


def stamped_return(path: Path, service: str, rows: int = 12, seed: int = 1) -> Path:
    """A filled tracker stamped for ``service``: mostly clean rows, a few with faults."""
    from bench_batch import clean_row, faulty_row

    from tracker_tool import api
    from tracker_tool.core.stamp import ServiceIdentity

    rng = random.Random(seed)
    entries = [faulty_row(rng, n) if n % 4 == 1 else clean_row(rng, n) for n in range(rows)]
    return api.build_template("action-plan", path, entries=entries,
                              service=ServiceIdentity(service, "Fictional Care Ltd"),
                              force=True)


@pytest.fixture
def two_services():
    """Ashcombe House and Brookside Lodge, each with a manager, and a commissioner."""
    add_service("Ashcombe House", "ashcombe.manager@example.org")
    add_service("Brookside Lodge", "brookside.manager@example.org")
    add_user("ashcombe.manager@example.org", "manager", "Ashcombe House")
    add_user("brookside.manager@example.org", "manager", "Brookside Lodge")
    add_user("quality.lead@example.org", "commissioner")
