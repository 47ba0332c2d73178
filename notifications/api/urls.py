from rest_framework.routers import DefaultRouter

from notifications.api.views import MyInboxViewSet

router = DefaultRouter()
router.register("my/inbox", MyInboxViewSet, basename="my-inbox")
