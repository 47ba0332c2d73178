from django.apps import AppConfig


class MediaFeedsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "media_feeds"
    verbose_name = "Tin tức, truyền hình, radio"
