"""The portal's Django settings, read from the environment that ``boot.configure`` sets.

The environment (not a file we generate) so that ``serve``, the ``portal`` commands, the
worker processes and a deployment's own process manager all agree on one configuration.
"""

from __future__ import annotations

import os
from pathlib import Path

from tracker_tool.portal.database import database_settings
from tracker_tool.read.safe_open import MAX_FILE_BYTES

DATA = Path(os.environ.get("TRACKER_TOOL_DATA", "tracker-data")).resolve()
#: The reader refuses a tracker over this size, so the portal refuses the upload first (413).
UPLOAD_LIMIT = int(os.environ.get("TRACKER_TOOL_UPLOAD_LIMIT", MAX_FILE_BYTES))
#: Seconds a worker may spend checking one return before it is stopped.
CHECK_SECONDS = float(os.environ.get("TRACKER_TOOL_CHECK_SECONDS", 60))
HTTPS = os.environ.get("TRACKER_TOOL_HTTPS", "") not in ("", "0")


def _secret() -> str:
    key = os.environ.get("TRACKER_TOOL_SECRET_KEY")
    if key:
        return key
    path = os.environ.get("TRACKER_TOOL_SECRET_KEY_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    raise RuntimeError("the portal is not configured: start it with tracker-tool serve")


SECRET_KEY = _secret()
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get(
    "TRACKER_TOOL_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("TRACKER_TOOL_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "tracker_tool.portal.apps.PortalConfig",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "tracker_tool.portal.urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": database_settings(os.environ.get("TRACKER_TOOL_DB"), DATA)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2 first: new passwords are hashed with it, older hashes are upgraded at sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "portal:sign-in"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:sign-in"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_AGE = 8 * 60 * 60
if HTTPS:  # behind a reverse proxy that ends TLS and says so
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# Uploads above this go to a temporary file rather than memory; the limit itself is checked
# by the views (413), because Django's own setting leaves file uploads out.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_TEMP_DIR = str(DATA / "tmp")
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
USE_TZ = True
TIME_ZONE = "Europe/London"
LANGUAGE_CODE = "en-gb"
STATIC_URL = "static/"
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "handlers": {"console": {"class": "logging.StreamHandler"}},
           "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"},
                       "tracker_tool.portal": {"handlers": ["console"], "level": "INFO"}}}
