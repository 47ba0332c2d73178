from django.apps import AppConfig


class CitizenPortalConfig(AppConfig):
    name = "citizen_portal"
    verbose_name = "Cổng Công dân"
