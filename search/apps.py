from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Tìm kiếm"

    def ready(self) -> None:
        from search import signals  # noqa: F401  (synonym changes clear the cached table)
