"""Everything under /api/v1/. Each app contributes a router; unknown addresses answer in the JSON error format."""

from django.urls import include, path, re_path
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from agencies.api.urls import router as agencies_router
from dossiers.api.urls import router as dossiers_router
from media_feeds.api.urls import router as media_router
from notifications.api.urls import router as notifications_router
from payments.api.urls import router as payments_router
from qa.api.urls import router as qa_router
from reports.api.urls import router as reports_router
from search.api.views import SearchView
from shops.api.urls import router as shops_router

router = DefaultRouter()
router.registry.extend(agencies_router.registry)
router.registry.extend(dossiers_router.registry)
router.registry.extend(reports_router.registry)
router.registry.extend(qa_router.registry)
router.registry.extend(payments_router.registry)
router.registry.extend(shops_router.registry)
router.registry.extend(media_router.registry)
router.registry.extend(notifications_router.registry)


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([AllowAny])
def api_not_found(request, *args, **kwargs):
    raise NotFound("Không có địa chỉ API này.")


urlpatterns = [
    path("", include("identity.api.urls")),
    path("search/", SearchView.as_view(), name="api_search"),
    path("dashboards/", include("dashboards.api.urls")),
    path("", include(router.urls)),
    re_path(r"^.*$", api_not_found, name="api_not_found"),
]
