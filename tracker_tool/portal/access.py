"""Who may see what. Every page and API answer goes through these, so a manager of one
service meets a 404 for another's return: never a 403, which would say that it exists."""

from __future__ import annotations

from django.http import Http404

from tracker_tool.portal.models import Access, Profile, Return, Role, Service


def profile_of(user) -> Profile | None:
    if not user.is_authenticated:
        return None
    return Profile.objects.filter(user=user).first()


def services_for(user):
    """The services ``user`` sees and returns for."""
    profile = profile_of(user)
    if profile is None:
        return Service.objects.none()
    if profile.sees_every_service:
        return Service.objects.all()
    return profile.services.all()


def returns_for(user):
    return Return.objects.filter(service__in=services_for(user)).select_related(
        "service", "period")


def sees_every_service(user) -> bool:
    profile = profile_of(user)
    return profile is not None and profile.sees_every_service


def is_admin(user) -> bool:
    profile = profile_of(user)
    return profile is not None and profile.role == Role.ADMIN


def return_or_404(user, return_id: int) -> Return:
    found = returns_for(user).filter(pk=return_id).first()
    if found is None:
        raise Http404("No such return")
    return found


def service_or_404(user, service_id: int) -> Service:
    found = services_for(user).filter(pk=service_id).first()
    if found is None:
        raise Http404("No such service")
    return found


def log_access(user, what: str, the_return: Return | None = None) -> None:
    Access.objects.create(user=user if user.is_authenticated else None, the_return=the_return,
                          what=what)
