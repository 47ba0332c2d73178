from django.apps import AppConfig


class DossiersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dossiers"
    verbose_name = "Hồ sơ trực tuyến"

    def ready(self) -> None:
        from citizen_portal import workspace
        from dossiers.workspace import dossiers_section

        workspace.register(dossiers_section)
