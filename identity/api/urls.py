from django.urls import path

from identity.api import views

urlpatterns = [
    path("me/", views.me, name="api_me"),
    path("me/phone/", views.zalo_phone, name="api_me_phone"),
    path("me/consent/", views.consent, name="api_me_consent"),
    path("auth/zalo/", views.zalo_login, name="api_auth_zalo"),
]
