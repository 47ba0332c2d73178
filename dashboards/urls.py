from django.urls import path

from dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.board, name="home"),
    path("danh-sach-ho-so/", views.records, name="records"),
    path("<slug:slug>/", views.board, name="board"),
]
