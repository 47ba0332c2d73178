from rest_framework.routers import DefaultRouter

from agencies.api.views import AgencyViewSet, ProvinceViewSet, WardViewSet

router = DefaultRouter()
router.register("provinces", ProvinceViewSet, basename="province")
router.register("wards", WardViewSet, basename="ward")
router.register("agencies", AgencyViewSet, basename="agency")
