from django.apps import AppConfig


class TuitionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "tuition"
    verbose_name = "Học phí"

    def ready(self) -> None:
        from tuition import fees

        fees.register()
