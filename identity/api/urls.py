from django.urls import path

from identity.api.views import me

urlpatterns = [path("me/", me, name="api_me")]
