from django.urls import path

from tuition import views

app_name = "tuition"

urlpatterns = [path("", views.index, name="index")]
