from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("cai-dat/", views.preferences, name="preferences"),
    path("doc-het/", views.inbox_read_all, name="read_all"),
    path("<uuid:public_id>/", views.inbox_message, name="message"),
]
