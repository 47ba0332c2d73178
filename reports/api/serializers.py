from django.conf import settings
from django.urls import reverse
from rest_framework import serializers

from reports.models import Category, Report, ReportHistory, ReportPhoto
from reports.selectors import timeline_for


class CategorySerializer(serializers.ModelSerializer):
    group = serializers.CharField(source="parent.name")
    group_slug = serializers.CharField(source="parent.slug")

    class Meta:
        model = Category
        fields = ["slug", "name", "icon", "description", "group", "group_slug", "deadline_value", "deadline_unit"]


class PhotoSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()

    class Meta:
        model = ReportPhoto
        fields = ["kind", "url", "thumbnail_url", "width", "height"]

    def get_url(self, photo) -> str:
        return reverse("reports:photo", args=[photo.public_id])

    def get_thumbnail_url(self, photo) -> str:
        return reverse("reports:photo_size", args=[photo.public_id, "nho"])


class PublicHistorySerializer(serializers.ModelSerializer):
    status = serializers.CharField(source="to_status")
    status_label = serializers.CharField(source="get_to_status_display")

    class Meta:
        model = ReportHistory
        fields = ["at", "status", "status_label", "public_text"]


class PublicReportSerializer(serializers.ModelSerializer):
    """What anyone may read: no reporter contact, coordinates rounded."""

    category = serializers.CharField(source="category.slug")
    category_name = serializers.CharField(source="category.name")
    status_label = serializers.CharField(source="get_status_display")
    agency = serializers.CharField(source="agency.name", default="")
    ward = serializers.CharField(source="ward.name", default="")
    location = serializers.SerializerMethodField()
    reporter_name = serializers.CharField(source="public_name")
    duplicate_of = serializers.CharField(source="duplicate_of.code", default=None)
    photos = PhotoSerializer(many=True, read_only=True)
    timeline = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "code",
            "category",
            "category_name",
            "status",
            "status_label",
            "description",
            "address",
            "ward",
            "location",
            "agency",
            "received_at",
            "deadline_at",
            "answered_at",
            "public_answer",
            "duplicate_of",
            "me_too_count",
            "reporter_name",
            "photos",
            "timeline",
        ]

    def get_location(self, report) -> dict | None:
        location = report.public_location()
        return {"latitude": location[0], "longitude": location[1]} if location else None

    def get_timeline(self, report) -> list[dict]:
        if not self.context.get("with_timeline"):
            return []
        return PublicHistorySerializer(timeline_for(report), many=True).data


class MyReportSerializer(PublicReportSerializer):
    """The reporter's own view adds exact coordinates, their choices, and the rating window."""

    exact_location = serializers.SerializerMethodField()
    rating_open_until = serializers.DateTimeField(read_only=True, allow_null=True)
    photo_location = serializers.JSONField(read_only=True)

    class Meta(PublicReportSerializer.Meta):
        fields = PublicReportSerializer.Meta.fields + [
            "public_id",
            "exact_location",
            "photo_location",
            "show_name",
            "rating",
            "rating_open_until",
        ]

    def get_exact_location(self, report) -> dict | None:
        if not report.has_location:
            return None
        return {"latitude": float(report.latitude), "longitude": float(report.longitude)}


class OfficerReportSerializer(MyReportSerializer):
    """Officers see the full record; contact details only with the dedicated permission."""

    contact = serializers.SerializerMethodField()
    assignee = serializers.CharField(source="assignee.display_name", default=None)
    is_late = serializers.SerializerMethodField()
    is_seriously_late = serializers.SerializerMethodField()

    class Meta(MyReportSerializer.Meta):
        fields = MyReportSerializer.Meta.fields + ["contact", "assignee", "is_late", "is_seriously_late", "source"]

    def get_contact(self, report) -> dict | None:
        request = self.context.get("request")
        if request is None or not request.user.has_perm("reports.view_reporter_contact"):
            return None
        return {"name": report.contact_name, "phone": report.contact_phone, "email": report.contact_email}

    def get_is_late(self, report) -> bool:
        return report.is_late()

    def get_is_seriously_late(self, report) -> bool:
        return report.is_seriously_late()


class ReportCreateInput(serializers.Serializer):
    category = serializers.SlugRelatedField(slug_field="slug", queryset=Category.objects.reportable())
    description = serializers.CharField(max_length=4000)
    photos = serializers.ListField(child=serializers.FileField(), required=False, max_length=5, default=list)
    latitude = serializers.FloatField(required=False, allow_null=True, min_value=-90, max_value=90, default=None)
    longitude = serializers.FloatField(required=False, allow_null=True, min_value=-180, max_value=180, default=None)
    address = serializers.CharField(required=False, allow_blank=True, max_length=255, default="")
    ward = serializers.IntegerField(required=False, allow_null=True, default=None, help_text="Mã xã/phường")
    show_name = serializers.BooleanField(required=False, default=False)


class NearbyInput(serializers.Serializer):
    category = serializers.SlugRelatedField(slug_field="slug", queryset=Category.objects.reportable())
    latitude = serializers.FloatField(min_value=-90, max_value=90)
    longitude = serializers.FloatField(min_value=-180, max_value=180)


class NearbySerializer(serializers.Serializer):
    report = PublicReportSerializer()
    distance_m = serializers.FloatField()


class FollowInput(serializers.Serializer):
    me_too = serializers.BooleanField(default=False)


class TextInput(serializers.Serializer):
    text = serializers.CharField(max_length=4000)


class OptionalTextInput(serializers.Serializer):
    text = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class RateInput(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    reasons = serializers.ListField(
        child=serializers.ChoiceField(choices=list(settings.REPORTS["RATING_REASONS"])), required=False, default=list
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    reopen_reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class ReportAssignInput(serializers.Serializer):
    assignee = serializers.UUIDField(required=False, allow_null=True, default=None, help_text="public_id cán bộ")


class AnswerInput(serializers.Serializer):
    answer = serializers.CharField(max_length=4000)
    internal_note = serializers.CharField(required=False, allow_blank=True, default="")
    photos = serializers.ListField(child=serializers.FileField(), required=False, max_length=5, default=list)


class DuplicateInput(serializers.Serializer):
    original = serializers.CharField(max_length=20, help_text="Mã phản ánh gốc, PA-…")
    answer = serializers.CharField(max_length=4000)


class TransferInput(serializers.Serializer):
    agency = serializers.CharField(help_text="Mã định danh cơ quan nhận")
    note = serializers.CharField(max_length=2000)


class CategoryInput(serializers.Serializer):
    category = serializers.SlugRelatedField(slug_field="slug", queryset=Category.objects.reportable())
