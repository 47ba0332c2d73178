"""News and channels for apps (the mini app): the same public articles, feeds of a category, the player's stream
and what is on air, read through the same selectors as the pages."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, viewsets
from rest_framework.response import Response

from citizen_portal.api.exceptions import ApplicationError
from media_feeds.api.serializers import (
    ArticleListSerializer,
    ArticleSerializer,
    ChannelDetailSerializer,
    ChannelSerializer,
)
from media_feeds.models import Article, Category, Channel
from media_feeds.selectors import day_schedule, on_air, public_articles


class ArticleViewSet(viewsets.GenericViewSet):
    queryset = Article.objects.none()  # the schema's model; reads go through the selectors
    serializer_class = ArticleListSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "slug"

    @extend_schema(
        parameters=[OpenApiParameter("category", OpenApiTypes.STR, description="Category slug")],
        responses=ArticleListSerializer(many=True),
    )
    def list(self, request):
        category = None
        if slug := request.query_params.get("category"):
            category = Category.objects.filter(slug=slug).first()
            if category is None:
                raise ApplicationError(f"Không có chuyên mục “{slug[:40]}”.", code="filter_invalid")
        page = self.paginate_queryset(public_articles(category=category))
        return self.get_paginated_response(ArticleListSerializer(page, many=True).data)

    @extend_schema(responses=ArticleSerializer)
    def retrieve(self, request, slug=None):
        article = public_articles().filter(slug=slug).first()
        if article is None:
            raise Http404
        return Response(ArticleSerializer(article).data)


class ChannelViewSet(viewsets.GenericViewSet):
    queryset = Channel.objects.none()
    serializer_class = ChannelSerializer
    permission_classes = [permissions.AllowAny]
    pagination_class = None
    lookup_field = "slug"

    @extend_schema(responses=ChannelSerializer(many=True))
    def list(self, request):
        channels = list(Channel.objects.filter(is_active=True))
        for playing in on_air(channels):
            playing.channel.playing = playing
        return Response(ChannelSerializer(channels, many=True).data)

    @extend_schema(responses=ChannelDetailSerializer)
    def retrieve(self, request, slug=None):
        channel = Channel.objects.filter(slug=slug, is_active=True).first()
        if channel is None:
            raise Http404
        channel.playing = on_air([channel])[0]
        channel.today = day_schedule(channel, timezone.localdate())
        return Response(ChannelDetailSerializer(channel).data)
