"""GET /api/v1/search/?q=…[&source=thu-tuc][&limit=5]: the portal search for the mini app and integrations."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from search.registry import SOURCES
from search.selectors import MAX_QUERY_LENGTH, search


class SearchParams(serializers.Serializer):
    q = serializers.CharField(max_length=MAX_QUERY_LENGTH, trim_whitespace=True)
    source = serializers.CharField(required=False)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=50, default=5)

    def validate_source(self, value: str) -> str:
        if value not in SOURCES:
            raise serializers.ValidationError(f"Nguồn không có. Các nguồn: {', '.join(sorted(SOURCES))}.")
        return value


class HitSerializer(serializers.Serializer):
    key = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    url = serializers.CharField()
    score = serializers.FloatField()


class GroupSerializer(serializers.Serializer):
    source = serializers.CharField()
    label = serializers.CharField()
    results = HitSerializer(many=True, source="hits")


class ResultsSerializer(serializers.Serializer):
    query = serializers.CharField()
    groups = GroupSerializer(many=True)
    suggestions = serializers.ListField(child=serializers.CharField())


class SearchView(APIView):
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, required=True, description="Có dấu hoặc không dấu"),
            OpenApiParameter("source", str, enum=sorted(SOURCES) or None),
            OpenApiParameter("limit", int, description="Kết quả mỗi nguồn (1–50, mặc định 5)"),
        ],
        responses=ResultsSerializer,
    )
    def get(self, request):
        params = SearchParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        source = params.validated_data.get("source")
        found = search(
            params.validated_data["q"], sources=[source] if source else None, limit=params.validated_data["limit"]
        )
        return Response(ResultsSerializer(found).data)
