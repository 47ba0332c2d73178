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


_ACTIONS_VI = {"add": "Thêm", "change": "Sửa", "delete": "Xoá", "view": "Xem"}


@receiver(post_migrate)
def name_permissions_in_vietnamese(sender, **kwargs) -> None:
    """Django names its built-in permissions "Can view <model>" in English when it creates them; the people who
    grant them read Vietnamese ("Xem hồ sơ"). Only rows whose name changes are written."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.utils import translation

    using = kwargs.get("using", "default")
    with translation.override("vi"):
        models = {(m._meta.app_label, m._meta.model_name): m for m in apps.get_models()}
        types = {ct.pk: models.get((ct.app_label, ct.model)) for ct in ContentType.objects.using(using).all()}
        for permission in Permission.objects.using(using).all():
            action, _, model_name = permission.codename.partition("_")
            model = types.get(permission.content_type_id)
            if action not in _ACTIONS_VI or model is None or model._meta.model_name != model_name:
                continue
            name = f"{_ACTIONS_VI[action]} {model._meta.verbose_name}"[:255]
            if permission.name != name:
                Permission.objects.using(using).filter(pk=permission.pk).update(name=name)
