"""A deleted return takes its audit and pack with it, and its file once no other return shares the
bytes: deleting a service's returns in the admin removes the personal data they held. A
returns window's returns are late or not by its deadline as it is now, however it was edited."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from tracker_tool.portal import storage
from tracker_tool.portal.models import Period, Return


@receiver(post_delete, sender=Return)
def forget_files(sender, instance: Return, **kwargs) -> None:
    for task, suffix in (("audit", ".xlsx"), ("pack", ".pdf")):
        storage.made_path(instance, task, suffix).unlink(missing_ok=True)
    if not Return.objects.filter(sha256=instance.sha256).exists():
        storage.forget_return_file(instance.sha256)
    storage.forget_rollup_inputs()


@receiver(post_save, sender=Period)
def late_by_the_deadline(sender, instance: Period, **kwargs) -> None:
    """Whoever saved the window (its page or the admin), lateness follows its deadline."""
    from tracker_tool.portal.periods import settle_late

    settle_late(instance)


@receiver(pre_delete, sender=Period)
def no_window_no_lateness(sender, instance: Period, **kwargs) -> None:
    """A deleted window's returns are kept, filed under no window, and late for none."""
    Return.objects.filter(period=instance).update(late=False)
