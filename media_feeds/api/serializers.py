from django.conf import settings
from rest_framework import serializers

from media_feeds.models import Article, ArticleImage, Channel, Programme


class PictureSerializer(serializers.Serializer):
    """Every width we keep, per format, as absolute addresses: the app picks what its screen needs."""

    width = serializers.IntegerField()
    height = serializers.IntegerField()
    webp = serializers.SerializerMethodField()
    jpeg = serializers.SerializerMethodField()

    def _sizes(self, image: ArticleImage, fmt: str) -> dict[str, str]:
        return {str(w): f"{settings.PUBLIC_BASE_URL}{image.url(w, fmt)}" for w in image.widths(fmt)}

    def get_webp(self, image) -> dict[str, str]:
        return self._sizes(image, "webp")

    def get_jpeg(self, image) -> dict[str, str]:
        return self._sizes(image, "jpeg")


class ArticleListSerializer(serializers.ModelSerializer):
    category = serializers.CharField(source="category.slug")
    category_name = serializers.CharField(source="category.name")
    agency = serializers.CharField(source="agency.name")
    cover = PictureSerializer(allow_null=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = ["slug", "title", "summary", "category", "category_name", "agency", "published_at", "featured",
                  "important", "cover", "cover_alt", "url"]  # fmt: skip

    def get_url(self, article) -> str:
        return f"{settings.PUBLIC_BASE_URL}{article.get_absolute_url()}"


class ArticleSerializer(ArticleListSerializer):
    class Meta(ArticleListSerializer.Meta):
        fields = ArticleListSerializer.Meta.fields + ["body", "source_name", "source_url"]


class ProgrammeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = ["starts_at", "ends_at", "title", "description"]


class ChannelSerializer(serializers.ModelSerializer):
    now = ProgrammeSerializer(allow_null=True, source="playing.now")
    next = ProgrammeSerializer(allow_null=True, source="playing.next")
    online = serializers.SerializerMethodField()

    class Meta:
        model = Channel
        fields = ["slug", "name", "kind", "stream_url", "audio_stream_url", "description", "online", "now", "next"]

    def get_online(self, channel) -> bool:
        return not channel.is_offline


class ChannelDetailSerializer(ChannelSerializer):
    today = ProgrammeSerializer(many=True)

    class Meta(ChannelSerializer.Meta):
        fields = ChannelSerializer.Meta.fields + ["today"]
