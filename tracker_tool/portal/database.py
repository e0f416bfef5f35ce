"""``--db`` as a Django DATABASES entry.

A URL because that is what a deployment already has for PostgreSQL; no database URL package
for the two forms we accept.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from tracker_tool.errors import UsageError


#: SQLite with a write-ahead log: readers do not wait for a writer, and a commit syncs the disk
#: once rather than several times, which on a deadline day is most of an upload's time in the
#: server. A writer takes its lock when its transaction starts (IMMEDIATE), so two uploads
#: recorded at once queue instead of one failing with "database is locked".
SQLITE_OPTIONS = {"timeout": 30, "transaction_mode": "IMMEDIATE",
                  "init_command": "PRAGMA journal_mode=WAL;"}


def database_settings(url: str | None, data: Path) -> dict:
    """SQLite in the data folder when no URL is given; ``postgresql://`` or ``sqlite:///``."""
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(data / "portal.sqlite3"),
                "OPTIONS": dict(SQLITE_OPTIONS)}
    parts = urlsplit(url)
    if parts.scheme in ("postgres", "postgresql"):
        return {"ENGINE": "django.db.backends.postgresql",
                "NAME": unquote(parts.path.lstrip("/")), "USER": unquote(parts.username or ""),
                "PASSWORD": unquote(parts.password or ""), "HOST": parts.hostname or "",
                "PORT": str(parts.port or ""), "CONN_MAX_AGE": 60}
    if parts.scheme == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": unquote(parts.path),
                "OPTIONS": dict(SQLITE_OPTIONS)}
    raise UsageError(f"--db {parts.scheme or url!r}: give postgresql://user:password@host/name "
                     "or sqlite:///path/to/file")
