from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from citizen_portal import views
from payments import views as payments_views

urlpatterns = [
    path("", views.home, name="home"),
    path("dich-vu/<slug:slug>/", views.utility_placeholder, name="utility_placeholder"),
    path("thong-bao/", include("notifications.urls")),
    path("ho-so/", include("dossiers.urls")),
    path("phan-anh/", include("reports.urls")),
    path("tim-kiem/", include("search.urls")),
    path("hoi-dap/", include("qa.urls")),
    path("thanh-toan/", include("payments.urls")),
    path("hoc-phi/", include("tuition.urls")),
    path("cua-hang/", include("shops.urls")),
    path("bang-dieu-khien/", include("dashboards.urls")),
    path("", include("media_feeds.urls")),
    path("bien-lai/<str:token>/", payments_views.verify_receipt, name="verify_receipt"),
    path("open311/v2/", include("reports.open311")),
    path("", include("identity.urls")),
    path("tai-khoan/", include("allauth.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api_schema"), name="api_docs"),
    path("api/v1/", include("citizen_portal.api.urls")),
]
