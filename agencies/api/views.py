"""Public, read-only reference data: provinces, wards and agencies (HOUSE_STYLE §14: public routes)."""

from rest_framework import permissions, viewsets

from agencies.api.filters import AgencyFilter, WardFilter
from agencies.api.serializers import AgencySerializer, ProvinceSerializer, WardSerializer
from agencies.models import Agency, Province, Ward


class ProvinceViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Province.objects.all()
    serializer_class = ProvinceSerializer
    permission_classes = [permissions.AllowAny]
    pagination_class = None  # 34 rows: one response is simpler for clients


class WardViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Ward.objects.all()
    serializer_class = WardSerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = WardFilter


class AgencyViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Agency.objects.active().select_related("ward", "parent")
    serializer_class = AgencySerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = AgencyFilter
    lookup_field = "identifier"
    lookup_value_regex = "[^/]+"
