from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from agencies.roles import ROLE_GROUP_NAMES, ROLE_PERMISSIONS


@receiver(post_migrate)
def ensure_role_groups(sender, **kwargs) -> None:
    """Create or update the permission group for each officer role (runs after `migrate`, idempotent)."""
    if sender.name != "agencies":
        return
    using = kwargs.get("using", "default")
    for role, group_name in ROLE_GROUP_NAMES.items():
        group, _ = Group.objects.using(using).get_or_create(name=group_name)
        wanted = []
        for dotted in ROLE_PERMISSIONS[role]:
            app_label, codename = dotted.split(".")
            wanted.extend(Permission.objects.using(using).filter(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)
