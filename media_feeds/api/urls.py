from rest_framework.routers import DefaultRouter

from media_feeds.api.views import ArticleViewSet, ChannelViewSet

router = DefaultRouter()
router.register("news", ArticleViewSet, basename="news")
router.register("channels", ChannelViewSet, basename="channel")
