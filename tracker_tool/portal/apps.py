"""The Django app: models, templates, migrations and signals under one label."""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "tracker_tool.portal"
    label = "portal"
    verbose_name = "Returns portal"

    def ready(self) -> None:
        from tracker_tool.portal import signals  # noqa: F401 - connects the receivers
