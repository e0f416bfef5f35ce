"""Getting Django ready from ``--data`` and ``--db``, for ``serve`` and the ``portal`` commands.

The settings are read from the environment, so this sets it before Django starts; the worker
processes inherit it. Migrations are applied every start: a new version of the tool brings
its own, and a fresh data folder needs them all.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from pathlib import Path

from tracker_tool.errors import UsageError

SECRET_ENV = "TRACKER_TOOL_SECRET_KEY"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def configure(data: Path, db: str | None, host: str = "127.0.0.1") -> None:
    """Set the environment the settings read, then start Django and migrate."""
    if not is_loopback(host) and not os.environ.get(SECRET_ENV):
        raise UsageError(f"refusing to listen on {host} without a secret key: set {SECRET_ENV} "
                         "to a long random value (python -c 'import secrets; "
                         "print(secrets.token_urlsafe(50))'); only 127.0.0.1 works without one")
    data = data.resolve()
    if data.exists() and not data.is_dir():
        raise UsageError(f"--data {data} is a file; it must be a folder")
    (data / "tmp").mkdir(parents=True, exist_ok=True)
    os.environ["TRACKER_TOOL_DATA"] = str(data)
    if db:
        os.environ["TRACKER_TOOL_DB"] = db
    if not os.environ.get(SECRET_ENV):
        os.environ["TRACKER_TOOL_SECRET_KEY_FILE"] = str(_local_secret(data))
    if not is_loopback(host) and host not in ("0.0.0.0", "::"):
        hosts = os.environ.get("TRACKER_TOOL_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
        os.environ["TRACKER_TOOL_ALLOWED_HOSTS"] = f"{hosts},{host}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tracker_tool.portal.settings"
    import django
    from django.core.management import call_command
    from django.db import connection
    from django.db.utils import OperationalError

    django.setup()
    try:
        connection.ensure_connection()
    except OperationalError as exc:
        raise UsageError(f"cannot open the database: {str(exc).strip().splitlines()[0]}") \
            from None
    call_command("migrate", interactive=False, verbosity=0)


def _local_secret(data: Path) -> Path:
    """A key kept in the data folder, for a portal only this machine can reach: sessions
    survive a restart without anyone having to configure one."""
    path = data / "secret-key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(50))
    return path


