"""What the portal keeps: services, people's roles, API tokens, returns windows, returns and
who looked at them.

A return's file lives in the data folder under its SHA-256 (see ``storage``); the database
holds what the library said about it, so a page never re-checks a file.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class Service(models.Model):
    """A care service that sends returns; its name is what its templates are stamped with."""

    name = models.CharField(max_length=200, unique=True)
    provider = models.CharField(max_length=200, blank=True)
    location_id = models.CharField("CQC location ID", max_length=40, blank=True)
    contact = models.EmailField(blank=True)
    #: The tracker kinds this service returns, comma-separated (action-plan by default).
    kinds = models.CharField(max_length=400, default="action-plan")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def kind_list(self) -> list[str]:
        return [k.strip() for k in self.kinds.split(",") if k.strip()]


class Role(models.TextChoices):
    ADMIN = "admin", "Admin"
    COMMISSIONER = "commissioner", "Commissioner or quality lead"
    MANAGER = "manager", "Service manager"


class Profile(models.Model):
    """A person's role, and for a manager the services they return for."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="portal")
    role = models.CharField(max_length=20, choices=Role.choices)
    services = models.ManyToManyField(Service, blank=True, related_name="managers")

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.role})"

    @property
    def sees_every_service(self) -> bool:
        return self.role in (Role.ADMIN, Role.COMMISSIONER)


class ApiToken(models.Model):
    """Only the SHA-256 of a token is kept: the token is long and random, so its hash cannot be
    reversed, and a copy of the database gives nobody a working token."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)


#: A window's name: a quarter (2026-Q3), a half year (2026-H2), a month (2026-09) or a year.
PERIOD_NAME = re.compile(r"\d{4}(-Q[1-4]|-H[12]|-(0[1-9]|1[0-2]))?")
PERIOD_NAME_HELP = "a quarter such as 2026-Q3, a half year (2026-H2), a month (2026-09) or a year"


def validate_period_name(name: str) -> None:
    """Names sort and read the same everywhere (the roll-up's file names carry them)."""
    if not PERIOD_NAME.fullmatch(name or ""):
        raise ValidationError(f"Name the window as {PERIOD_NAME_HELP}, not {name}.")


class Period(models.Model):
    """A returns window, such as 2026-Q3, and the date returns are due by. A closed window
    takes no more returns; who was late follows its deadline, even when it is changed."""

    name = models.CharField(max_length=40, unique=True, validators=[validate_period_name],
                            help_text=f"For example {PERIOD_NAME_HELP}.", error_messages={
                                "unique": "There is already a returns window with this name."})
    opens = models.DateField()
    deadline = models.DateField()
    closed = models.BooleanField(
        default=False, help_text="A closed window takes no more returns; reopen it to take "
        "a late one.")

    class Meta:
        ordering = ["-deadline"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """Here rather than in a form, so the pages and the admin refuse the same windows."""
        if self.opens and self.deadline and self.deadline < self.opens:
            raise ValidationError({"deadline": "The deadline is before the window opens."})


class Return(models.Model):
    """One upload that the library could check, and what it found."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="returns")
    period = models.ForeignKey(Period, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="returns")
    kind = models.CharField(max_length=60)
    sha256 = models.CharField(max_length=64)
    #: The name it was uploaded under, shown to people; never used as a path.
    file_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    as_of = models.DateField()
    late = models.BooleanField(default=False)
    rows = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    warnings = models.PositiveIntegerField(default=0)
    escalations_due = models.PositiveIntegerField(default=0)
    #: validate --format json's workbook object, as the library gave it.
    report = models.JSONField()
    previous = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+")

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["service", "sha256"],
                                               name="one_return_per_service_and_file")]

    def __str__(self) -> str:
        return f"{self.service} {self.kind} {self.uploaded_at:%Y-%m-%d}"

    @property
    def changes(self) -> list:
        return (self.report.get("comparison") or {}).get("changes", [])


class Access(models.Model):
    """Who viewed or downloaded which return, for the service's data protection officer."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             related_name="+")
    the_return = models.ForeignKey(Return, on_delete=models.CASCADE, null=True,
                                   related_name="accesses")
    what = models.CharField(max_length=60)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        verbose_name_plural = "access log"
