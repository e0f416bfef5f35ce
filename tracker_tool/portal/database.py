"""``--db`` as a Django DATABASES entry.

A URL because that is what a deployment already has for PostgreSQL; no database URL package
for the two forms we accept.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from tracker_tool.errors import UsageError


def database_settings(url: str | None, data: Path) -> dict:
    """SQLite in the data folder when no URL is given; ``postgresql://`` or ``sqlite:///``."""
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(data / "portal.sqlite3"),
                "OPTIONS": {"timeout": 30}}
    parts = urlsplit(url)
    if parts.scheme in ("postgres", "postgresql"):
        return {"ENGINE": "django.db.backends.postgresql",
                "NAME": unquote(parts.path.lstrip("/")), "USER": unquote(parts.username or ""),
                "PASSWORD": unquote(parts.password or ""), "HOST": parts.hostname or "",
                "PORT": str(parts.port or ""), "CONN_MAX_AGE": 60}
    if parts.scheme == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": unquote(parts.path),
                "OPTIONS": {"timeout": 30}}
    raise UsageError(f"--db {parts.scheme or url!r}: give postgresql://user:password@host/name "
                     "or sqlite:///path/to/file")
