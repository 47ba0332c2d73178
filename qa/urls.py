from django.urls import path

from qa import views

app_name = "qa"

urlpatterns = [
    path("", views.index, name="index"),
    path("dat-cau-hoi/", views.ask, name="ask"),
    path("cua-toi/", views.mine, name="mine"),
    path("cua-toi/<str:code>/", views.mine_detail, name="mine_detail"),
    path("cua-toi/<str:code>/hoi-them/", views.follow_up, name="follow_up"),
    path("tep/<str:code>/", views.attachment, name="attachment"),
    path("<str:code>/danh-gia/", views.vote, name="vote"),
    path("<str:code>/", views.detail, name="detail"),
]
