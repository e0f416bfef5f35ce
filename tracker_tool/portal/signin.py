"""Sign-in attempts are counted per account name and per address in Django's cache, so
guessing passwords costs an attacker a quarter of an hour every few tries."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache

TRIES = 5
WINDOW_SECONDS = 15 * 60


def _keys(request, username: str) -> list[str]:
    address = request.META.get("REMOTE_ADDR", "") if request else ""
    return [f"signin:user:{username.strip().lower()}", f"signin:addr:{address}"]


class RateLimitedSignIn(AuthenticationForm):
    def clean(self):
        username = self.data.get("username", "")
        keys = _keys(self.request, username)
        if any(cache.get(key, 0) >= TRIES for key in keys):
            raise forms.ValidationError(
                "Too many attempts to sign in. Wait 15 minutes and try again.",
                code="rate-limited")
        try:
            return super().clean()
        except forms.ValidationError:
            for key in keys:
                cache.add(key, 0, WINDOW_SECONDS)
                cache.incr(key)
            raise
