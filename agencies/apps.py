from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "agencies"
    verbose_name = "Cơ quan và địa giới hành chính"

    def ready(self) -> None:
        from agencies import signals  # noqa: F401
