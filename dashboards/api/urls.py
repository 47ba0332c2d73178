from django.urls import path

from dashboards.api import views

urlpatterns = [
    path("dossiers/", views.DossierFiguresView.as_view(), name="api_dashboards_dossiers"),
    path("reports/", views.ReportFiguresView.as_view(), name="api_dashboards_reports"),
    path("questions/", views.QuestionFiguresView.as_view(), name="api_dashboards_questions"),
    path("reach/", views.ReachFiguresView.as_view(), name="api_dashboards_reach"),
    path("shops/", views.ShopFiguresView.as_view(), name="api_dashboards_shops"),
    path("tuition/", views.TuitionFiguresView.as_view(), name="api_dashboards_tuition"),
]
