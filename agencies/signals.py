from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.db.models.signals import post_migrate
from django.dispatch import receiver

from agencies.roles import ROLE_GROUP_NAMES, ROLE_PERMISSIONS


@receiver(post_migrate)
def ensure_role_groups(sender, **kwargs) -> None:
    """Create or update the permission group of each officer role. Runs after every app's migrations (permissions
    of apps later in INSTALLED_APPS only exist by then); idempotent and a handful of queries."""
    using = kwargs.get("using", "default")
    wanted = {dotted for dotted_list in ROLE_PERMISSIONS.values() for dotted in dotted_list}
    query = Q()
    for dotted in wanted:
        app_label, codename = dotted.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    found = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.using(using).filter(query).select_related("content_type")
    }
    for role, group_name in ROLE_GROUP_NAMES.items():
        group, _ = Group.objects.using(using).get_or_create(name=group_name)
        group.permissions.set([found[dotted] for dotted in ROLE_PERMISSIONS[role] if dotted in found])
