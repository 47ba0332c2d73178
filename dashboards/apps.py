from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dashboards"
    verbose_name = "Bảng số liệu"

    def ready(self) -> None:
        from citizen_portal import workspace
        from dashboards.workspace import dashboards_section

        workspace.register(dashboards_section)
