from django.urls import path

from identity.api import views

urlpatterns = [
    path("me/", views.me, name="api_me"),
    path("me/phone/", views.zalo_phone, name="api_me_phone"),
    path("me/consent/", views.consent, name="api_me_consent"),
    path("me/location/", views.zalo_location, name="api_me_location"),
    path("me/data/", views.my_data, name="api_me_data"),
    path("me/delete/", views.delete_me, name="api_me_delete"),
    path("auth/zalo/", views.zalo_login, name="api_auth_zalo"),
    path("auth/logout/", views.logout, name="api_auth_logout"),
    path("auth/web-link/", views.web_link, name="api_auth_web_link"),
]
