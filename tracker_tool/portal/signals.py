"""A deleted return takes its audit with it, and its file once no other return shares the
bytes: deleting a service's returns in the admin removes the personal data they held."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from tracker_tool.portal import storage
from tracker_tool.portal.models import Return


@receiver(post_delete, sender=Return)
def forget_files(sender, instance: Return, **kwargs) -> None:
    storage.audit_path(instance).unlink(missing_ok=True)
    if not Return.objects.filter(sha256=instance.sha256).exists():
        storage.forget_return_file(instance.sha256)
