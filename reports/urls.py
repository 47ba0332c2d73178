from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.feed, name="feed"),
    path("gui/", views.new, name="new"),
    path("gui/<uuid:public_id>/", views.confirm, name="confirm"),
    path("cua-toi/", views.mine, name="mine"),
    path("ban-do.json", views.map_points, name="map_points"),
    path("anh/<uuid:public_id>/", views.photo, name="photo"),
    path("anh/<uuid:public_id>/<slug:size>/", views.photo, name="photo_size"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/theo-doi/", views.follow, name="follow"),
    path("<str:code>/bo-sung/", views.provide_info, name="provide_info"),
    path("<str:code>/danh-gia/", views.rate, name="rate"),
]
