"""A view and an API endpoint behind the level gate, to test the gate itself (real pages adopt it as they land)."""

from django.http import HttpResponse
from django.urls import include, path
from rest_framework.decorators import api_view, permission_classes
from rest_framework.response import Response

from identity.permissions import RequiresLevel2, requires_level


@requires_level(2)
def submit_dossier(request):
    return HttpResponse("nộp hồ sơ")


@api_view(["POST"])
@permission_classes([RequiresLevel2])
def submit_dossier_api(request):
    return Response({"ok": True})


urlpatterns = [
    path("nop-ho-so/", submit_dossier),
    path("api/v1/nop-ho-so/", submit_dossier_api),
    path("", include("citizen_portal.urls")),
]
