from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django_tasks_db import apps as tasks_db_apps


class CitizenPortalConfig(AppConfig):
    name = "citizen_portal"
    verbose_name = "Cổng Công dân"
    default = True

    def ready(self) -> None:
        from citizen_portal.public_cache import connect_invalidation

        connect_invalidation()


class PortalAdminConfig(admin_apps.AdminConfig):
    """The back office: Django's admin with our site (a home page per role, Vietnamese everywhere)."""

    default = False
    default_site = "citizen_portal.admin_site.PortalAdminSite"


class TasksDatabaseConfig(tasks_db_apps.TasksAppConfig):
    """django-tasks-db under a Vietnamese name in the back office (its own name is hard-coded in English)."""

    default = False
    verbose_name = "Tác vụ nền"
