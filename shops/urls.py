from django.urls import path

from shops import views

app_name = "shops"

urlpatterns = [
    path("", views.index, name="index"),
    path("ban-do.json", views.map_points, name="map_points"),
    path("dang-ky/", views.register, name="register"),
    path("so-lieu/", views.figures, name="figures"),
    path("cua-toi/", views.mine, name="mine"),
    path("cua-toi/<uuid:public_id>/", views.mine_detail, name="mine_detail"),
    path("cua-toi/<uuid:public_id>/sua/", views.edit, name="edit"),
    path("cua-toi/<uuid:public_id>/gui/", views.owner_action, name="owner_action"),
    path("anh/<uuid:public_id>/", views.photo, name="photo"),
    path("anh/<uuid:public_id>/<slug:size>/", views.photo, name="photo_size"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/chung-nhan/", views.certificate, name="certificate"),
    path("<str:code>/chung-nhan.pdf", views.certificate_download, name="certificate_pdf"),
]
