from rest_framework.routers import DefaultRouter

from reports.api.views import CategoryViewSet, MyReportViewSet, OfficerReportViewSet, PublicReportViewSet

router = DefaultRouter()
router.register("report-categories", CategoryViewSet, basename="report-category")
router.register("reports", PublicReportViewSet, basename="report")
router.register("my/reports", MyReportViewSet, basename="my-report")
router.register("officer/reports", OfficerReportViewSet, basename="officer-report")
