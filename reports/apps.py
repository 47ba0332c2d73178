from django.apps import AppConfig


class ReportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "reports"
    verbose_name = "Phản ánh hiện trường"

    def ready(self) -> None:
        from citizen_portal import personal_data, workspace
        from reports.selectors import personal_data as my_reports
        from reports.services import reporter_erase
        from reports.workspace import reports_section

        workspace.register(reports_section)
        personal_data.register("phan_anh", my_reports, erase=reporter_erase)
