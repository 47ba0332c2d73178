from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from qa.models import FollowUp, Question, Topic


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["slug", "name", "deadline_days"]


class RelatedProcedureSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, procedure) -> str:
        return reverse("dossiers:procedure", kwargs={"public_id": procedure.public_id})


class PublicQuestionSerializer(serializers.ModelSerializer):
    """What everyone may read: the public version, never the asker's phone, their name only if they agreed."""

    title = serializers.CharField(source="shown_title")
    question = serializers.CharField(source="shown_body")
    topic = serializers.CharField(source="topic.slug")
    topic_name = serializers.CharField(source="topic.name")
    agency = serializers.CharField(source="agency.name")
    asked_by = serializers.CharField(source="public_asker_name")
    url = serializers.CharField(source="get_absolute_url")
    procedures = RelatedProcedureSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = [
            "code",
            "title",
            "question",
            "answer",
            "topic",
            "topic_name",
            "agency",
            "asked_by",
            "published_at",
            "answered_at",
            "view_count",
            "helpful_count",
            "not_helpful_count",
            "url",
            "procedures",
        ]


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["body", "created_at", "reply", "replied_at"]


class MyQuestionSerializer(serializers.ModelSerializer):
    topic = serializers.CharField(source="topic.slug")
    agency = serializers.CharField(source="agency.name")
    status_label = serializers.CharField(source="get_status_display")
    follow_ups = FollowUpSerializer(many=True, read_only=True)
    procedures = RelatedProcedureSerializer(many=True, read_only=True)
    has_attachment = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = [
            "code",
            "title",
            "body",
            "topic",
            "agency",
            "status",
            "status_label",
            "submitted_at",
            "deadline_at",
            "answer",
            "answered_at",
            "reject_reason",
            "show_name",
            "has_attachment",
            "follow_ups",
            "procedures",
        ]

    def get_has_attachment(self, question) -> bool:
        return bool(question.attachment)


class OfficerQuestionSerializer(MyQuestionSerializer):
    public_title = serializers.CharField()
    public_body = serializers.CharField()
    assignee = serializers.CharField(source="assignee.username", default=None)

    class Meta(MyQuestionSerializer.Meta):
        fields = [*MyQuestionSerializer.Meta.fields, "public_title", "public_body", "assignee", "published_at"]


class AskInput(serializers.Serializer):
    topic = serializers.SlugRelatedField(slug_field="slug", queryset=Topic.objects.filter(is_active=True))
    title = serializers.CharField(max_length=200)
    body = serializers.CharField(max_length=4000, min_length=10)
    agency = serializers.CharField(required=False, allow_blank=True, help_text="Mã định danh cơ quan (không bắt buộc)")
    show_name = serializers.BooleanField(default=False)
    attachment = serializers.FileField(required=False)
    submission_token = serializers.UUIDField(
        required=False,
        help_text="Một mã mới cho mỗi câu hỏi: gửi lại cùng mã (mạng chập chờn) không tạo câu hỏi thứ hai",
    )


class QuestionTextInput(serializers.Serializer):
    text = serializers.CharField(max_length=4000)


class VoteInput(serializers.Serializer):
    helpful = serializers.BooleanField()


class QuestionAssignInput(serializers.Serializer):
    assignee = serializers.UUIDField(required=False, allow_null=True, default=None)


class PublishInput(serializers.Serializer):
    public_title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    public_body = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class QuestionTransferInput(serializers.Serializer):
    agency = serializers.CharField(help_text="Mã định danh cơ quan nhận")
    note = serializers.CharField(max_length=2000)
