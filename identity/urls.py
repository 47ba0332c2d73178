from django.conf import settings
from django.urls import path

from identity import views

app_name = "identity"

urlpatterns = [
    path("dang-nhap/", views.sign_in, name="sign_in"),
    path("dang-nhap/ma/", views.sign_in_with_code, name="sign_in_with_code"),
    path("dang-xuat/", views.sign_out, name="sign_out"),
    path("dang-nhap/tu-mini-app/<str:value>/", views.handoff, name="handoff"),
    path("dong-y/", views.consent, name="consent"),
    path("tai-khoan-cua-toi/", views.account, name="account"),
    path("tai-khoan-cua-toi/so-dien-thoai/", views.phone, name="phone"),
    path("du-lieu-cua-toi/", views.my_data, name="my_data"),
    path("du-lieu-cua-toi/xoa-tai-khoan/", views.delete_account, name="delete_account"),
]

if settings.DEMO_LOGIN_ENABLED:
    urlpatterns.append(path("dang-nhap/demo/", views.demo_sign_in, name="demo_sign_in"))
