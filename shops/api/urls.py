from rest_framework.routers import DefaultRouter

from shops.api.views import ShopViewSet

router = DefaultRouter()
router.register("shops", ShopViewSet, basename="shop")
