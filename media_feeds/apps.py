from django.apps import AppConfig


class MediaFeedsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "media_feeds"
    verbose_name = "Tin tức, truyền hình, radio"

    def ready(self) -> None:
        from citizen_portal import personal_data, workspace
        from media_feeds.search import NEWS
        from media_feeds.selectors import personal_data as my_subscriptions
        from media_feeds.services import subscriber_erase
        from media_feeds.workspace import news_section
        from search import registry as search_registry

        search_registry.register(NEWS)
        workspace.register(news_section)
        personal_data.register("thong_bao_tin_tuc", my_subscriptions, erase=subscriber_erase)
