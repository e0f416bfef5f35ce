"""What the ``portal`` commands do: add services and people, and issue API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from tracker_tool.errors import UsageError
from tracker_tool.portal.models import ApiToken, Profile, Role, Service


def add_service(name: str, provider: str = "", location_id: str = "", contact: str = "",
                kinds: tuple[str, ...] = ()) -> Service:
    from tracker_tool.api import list_trackers

    known = {t.kind for t in list_trackers()}
    for kind in kinds:
        if kind not in known:
            raise UsageError(f"unknown tracker kind '{kind}' (known: {', '.join(sorted(known))})")
    if Service.objects.filter(name=name).exists():
        raise UsageError(f"a service called {name} already exists")
    return Service.objects.create(name=name, provider=provider, location_id=location_id,
                                  contact=contact, kinds=",".join(kinds or ("action-plan",)))


def add_user(email: str, role: str, password: str, services: tuple[str, ...] = ()):
    """A person with a role; a manager needs at least one service."""
    if role not in Role.values:
        raise UsageError(f"--role must be one of {', '.join(Role.values)}")
    if role == Role.MANAGER and not services:
        raise UsageError("a manager needs --service NAME (the service they return for)")
    found = list(Service.objects.filter(name__in=services))
    missing = sorted(set(services) - {s.name for s in found})
    if missing:
        raise UsageError(f"no service called {missing[0]}; add it with portal add-service")
    User = get_user_model()
    if User.objects.filter(username=email).exists():
        raise UsageError(f"{email} already has an account")
    user = User(username=email, email=email, is_staff=role == Role.ADMIN,
                is_superuser=role == Role.ADMIN)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise UsageError("password refused: " + " ".join(exc.messages)) from None
    user.set_password(password)
    with transaction.atomic():
        user.save()
        profile = Profile.objects.create(user=user, role=role)
        profile.services.set(found)
    return user


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token(email: str) -> str:
    """A new token for ``email``; only its hash is kept, so it is shown this once."""
    user = get_user_model().objects.filter(username=email).first()
    if user is None:
        raise UsageError(f"no account for {email}; add it with portal add-user")
    token = "tt_" + secrets.token_urlsafe(32)
    ApiToken.objects.create(user=user, digest=token_digest(token))
    return token
