from django.apps import AppConfig


class DossiersConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dossiers"
    verbose_name = "Hồ sơ trực tuyến"

    def ready(self) -> None:
        from citizen_portal import personal_data, workspace
        from dossiers import fees
        from dossiers.search import PROCEDURES
        from dossiers.selectors import personal_data as my_dossiers
        from dossiers.workspace import dossiers_section
        from search import registry as search_registry

        workspace.register(dossiers_section)
        personal_data.register("ho_so", my_dossiers)
        search_registry.register(PROCEDURES)
        fees.register()
